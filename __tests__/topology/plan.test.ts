import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { planRoutes, RoutePlan } from "../../lib/topology";
import { mutate, officeOf } from "./draft";

/** "destination -> next hop" rows of one VPC table, in the seed's vocabulary. */
function rows(plan: RoutePlan, vpc: string): string[] {
  return plan.table("vpc", vpc).routes
    .map((r) => `${r.destination} -> ${r.nextHop.type === "VpnGateway" ? `VPN Gateway of ${r.nextHop.vpc}` : `VPC link ${"link" in r.nextHop ? r.nextHop.link : ""}`}`)
    .sort();
}

describe("planRoutes: seed 002 Step 4", () => {
  // GIVEN the seed topology (either interconnect)
  it.each(["router-interface", "peering"] as const)("plans exactly the seed's ten rows with the %s interconnect", (kind) => {
    // WHEN
    const plan = planRoutes(multinationalHub(kind));
    // THEN: the Step 4 tables, stated literally
    expect(rows(plan, "us-vpc")).toEqual([
      "10.10.10.0/24 -> VPN Gateway of us-vpc",
      "10.10.20.0/24 -> VPN Gateway of us-vpc",
      "10.20.10.0/24 -> VPC link us-cn",
      "10.20.20.0/24 -> VPC link us-cn",
      "172.17.0.0/16 -> VPC link us-cn",
    ]);
    expect(rows(plan, "cn-vpc")).toEqual([
      "10.10.10.0/24 -> VPC link us-cn",
      "10.10.20.0/24 -> VPC link us-cn",
      "10.20.10.0/24 -> VPN Gateway of cn-vpc",
      "10.20.20.0/24 -> VPN Gateway of cn-vpc",
      "172.16.0.0/16 -> VPC link us-cn",
    ]);
  });
});

describe("planRoutes: summarization", () => {
  // us-office-2 moved next to us-office-1: 10.10.10.0/24 + 10.10.11.0/24 = 10.10.10.0/23
  const adjacentOffices = () => mutate(multinationalHub(), (d) => { officeOf(d, "us-office-2").cidrs = ["10.10.11.0/24"]; });

  it("merges sibling blocks with the same next hop into their parent", () => {
    // GIVEN
    const t = adjacentOffices();
    // WHEN
    const plan = planRoutes(t);
    // THEN
    expect(rows(plan, "us-vpc")).toContain("10.10.10.0/23 -> VPN Gateway of us-vpc");
    expect(rows(plan, "cn-vpc")).toContain("10.10.10.0/23 -> VPC link us-cn");
    expect(rows(plan, "cn-vpc")).not.toContain("10.10.10.0/24 -> VPC link us-cn");
    const merged = plan.table("vpc", "cn-vpc").routes.find((r) => r.destination === "10.10.10.0/23");
    expect(merged?.networks).toEqual(["us-office-1", "us-office-2"]);
  });

  it("keeps sibling blocks apart when summarize is false", () => {
    // GIVEN
    const t = { ...adjacentOffices(), summarize: false };
    // WHEN
    const plan = planRoutes(t);
    // THEN
    expect(rows(plan, "cn-vpc")).toEqual(expect.arrayContaining(["10.10.10.0/24 -> VPC link us-cn", "10.10.11.0/24 -> VPC link us-cn"]));
    expect(rows(plan, "cn-vpc").filter((r) => r.startsWith("10.10.10.0/23"))).toEqual([]);
  });

  it("keeps sibling blocks apart when their next hops differ", () => {
    // GIVEN cn-office-3 (behind cn-vpc) moved next to us-office-1 (behind us-vpc)
    const t = mutate(multinationalHub(), (d) => { officeOf(d, "cn-office-3").cidrs = ["10.10.11.0/24"]; });
    // WHEN
    const plan = planRoutes(t);
    // THEN
    expect(rows(plan, "us-vpc")).toEqual(expect.arrayContaining(["10.10.10.0/24 -> VPN Gateway of us-vpc", "10.10.11.0/24 -> VPC link us-cn"]));
    expect(rows(plan, "us-vpc").filter((r) => r.startsWith("10.10.10.0/23"))).toEqual([]);
  });
});
