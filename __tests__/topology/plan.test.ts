import { multinationalHub } from "../../config/multinational-hub";
import { planRoutes, RoutePlan } from "../../lib/topology";

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
