import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { planRoutes, RoutePlan, Topology } from "../../lib/topology";
import { mutate, officeOf } from "./draft";

/** "destination -> next hop" rows of one VPC table, in the seed's vocabulary. */
function rows(plan: RoutePlan, vpc: string): string[] {
  return plan
    .table("vpc", vpc)
    .routes.map(
      (r) =>
        `${r.destination} -> ${r.nextHop.type === "VpnGateway" ? `VPN Gateway of ${r.nextHop.vpc}` : `VPC link ${"link" in r.nextHop ? r.nextHop.link : ""}`}`,
    )
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
  const adjacentOffices = () =>
    mutate(multinationalHub(), (d) => {
      officeOf(d, "us-office-2").cidrs = ["10.10.11.0/24"];
    });

  it("merges sibling blocks with the same next hop into their parent when summarize is true", () => {
    // GIVEN
    const t = { ...adjacentOffices(), summarize: true };
    // WHEN
    const plan = planRoutes(t);
    // THEN
    expect(rows(plan, "us-vpc")).toContain("10.10.10.0/23 -> VPN Gateway of us-vpc");
    expect(rows(plan, "cn-vpc")).toContain("10.10.10.0/23 -> VPC link us-cn");
    expect(rows(plan, "cn-vpc")).not.toContain("10.10.10.0/24 -> VPC link us-cn");
    const merged = plan.table("vpc", "cn-vpc").routes.find((r) => r.destination === "10.10.10.0/23");
    expect(merged?.networks).toEqual(["us-office-1", "us-office-2"]);
  });

  it("keeps sibling blocks apart by default (summarization is opt-in)", () => {
    // GIVEN
    const t = adjacentOffices();
    // WHEN
    const plan = planRoutes(t);
    // THEN
    expect(rows(plan, "cn-vpc")).toEqual(expect.arrayContaining(["10.10.10.0/24 -> VPC link us-cn", "10.10.11.0/24 -> VPC link us-cn"]));
    expect(rows(plan, "cn-vpc").filter((r) => r.startsWith("10.10.10.0/23"))).toEqual([]);
  });

  it("keeps sibling blocks apart when their next hops differ", () => {
    // GIVEN cn-office-3 (behind cn-vpc) moved next to us-office-1 (behind us-vpc)
    const t = {
      ...mutate(multinationalHub(), (d) => {
        officeOf(d, "cn-office-3").cidrs = ["10.10.11.0/24"];
      }),
      summarize: true,
    };
    // WHEN
    const plan = planRoutes(t);
    // THEN
    expect(rows(plan, "us-vpc")).toEqual(
      expect.arrayContaining(["10.10.10.0/24 -> VPN Gateway of us-vpc", "10.10.11.0/24 -> VPC link us-cn"]),
    );
    expect(rows(plan, "us-vpc").filter((r) => r.startsWith("10.10.10.0/23"))).toEqual([]);
  });
});

/** Every row of every table, `<router>:<name> <destination> -> <next hop JSON>`. */
function allRows(plan: RoutePlan): string[] {
  return plan.tables.flatMap((t) => t.routes.map((r) => `${t.router}:${t.name} ${r.destination} -> ${JSON.stringify(r.nextHop)}`)).sort();
}

describe("planRoutes: route stability", () => {
  it("only adds rows when an office is added next to an existing one (10.10.11.0/24 beside 10.10.10.0/24)", () => {
    // GIVEN the seed hub, and the same hub with one more office next to us-office-1
    const before = multinationalHub();
    const after = mutate(before, (d) => {
      d.offices!.push({ name: "us-office-5", publicIp: "203.0.113.15", cidrs: ["10.10.11.0/24"] });
      d.links.push({ kind: "vpn", name: "us-office-5", office: "us-office-5", vpc: "us-vpc" });
    });
    // WHEN
    const [a, b] = [allRows(planRoutes(before)), allRows(planRoutes(after))];
    // THEN nothing is withdrawn, and exactly the new office's rows appear
    expect(a.filter((r) => !b.includes(r))).toEqual([]);
    expect(b.filter((r) => !a.includes(r))).toEqual([
      'vpc:cn-vpc 10.10.11.0/24 -> {"type":"RouterInterface","link":"us-cn"}',
      'vpc:us-vpc 10.10.11.0/24 -> {"type":"VpnGateway","vpc":"us-vpc"}',
      'vpngw:us-vpc 10.10.11.0/24 -> {"type":"VpnConnection","link":"us-office-5"}',
    ]);
  });

  it("keeps the old path when a later link offers a shorter one", () => {
    // GIVEN a chain a - b - c, then the same with a direct link a - c appended
    const vpc = (name: string, n: number) => ({
      name,
      account: "main",
      region: "cn-hangzhou",
      cidr: `10.${n}.0.0/16`,
      vswitches: [{ name: `${name}-a`, zone: "cn-hangzhou-h", cidr: `10.${n}.0.0/24` }],
    });
    const chain: Topology = {
      name: "chain",
      accounts: [{ name: "main", uid: "1000000001" }],
      vpcs: [vpc("a", 1), vpc("b", 2), vpc("c", 3)],
      links: [
        { kind: "peering", name: "a-b", requester: "a", acceptor: "b" },
        { kind: "peering", name: "b-c", requester: "b", acceptor: "c" },
      ],
    };
    const triangle: Topology = { ...chain, links: [...chain.links, { kind: "peering", name: "a-c", requester: "a", acceptor: "c" }] };
    // WHEN
    const [before, after] = [planRoutes(chain), planRoutes(triangle)];
    // THEN a still reaches c through b: the plan is unchanged, and both reach each other
    expect(allRows(after)).toEqual(allRows(before));
    expect(allRows(after)).toContain('vpc:a 10.3.0.0/16 -> {"type":"VpcPeer","link":"a-b"}');
    expect(after.reaches.get("a")?.has("c")).toBe(true);
    expect(after.reaches.get("c")?.has("a")).toBe(true);
  });

  it("prefers links in declaration order: a later link is used only by routers it newly connects", () => {
    // GIVEN a triangle declared a-b, a-c, b-c
    const vpc = (name: string, n: number) => ({
      name,
      account: "main",
      region: "cn-hangzhou",
      cidr: `10.${n}.0.0/16`,
      vswitches: [{ name: `${name}-a`, zone: "cn-hangzhou-h", cidr: `10.${n}.0.0/24` }],
    });
    const t: Topology = {
      name: "tri",
      accounts: [{ name: "main", uid: "1000000001" }],
      vpcs: [vpc("a", 1), vpc("b", 2), vpc("c", 3)],
      links: [
        { kind: "peering", name: "a-b", requester: "a", acceptor: "b" },
        { kind: "peering", name: "a-c", requester: "a", acceptor: "c" },
        { kind: "peering", name: "b-c", requester: "b", acceptor: "c" },
      ],
    };
    // WHEN
    const rows = allRows(planRoutes(t));
    // THEN a-b and a-c connect everything before b-c is added, so b and c reach each
    // other through a; to use b-c, declare it before a-c (which replaces those routes)
    expect(rows).toEqual([
      'vpc:a 10.2.0.0/16 -> {"type":"VpcPeer","link":"a-b"}',
      'vpc:a 10.3.0.0/16 -> {"type":"VpcPeer","link":"a-c"}',
      'vpc:b 10.1.0.0/16 -> {"type":"VpcPeer","link":"a-b"}',
      'vpc:b 10.3.0.0/16 -> {"type":"VpcPeer","link":"a-b"}',
      'vpc:c 10.1.0.0/16 -> {"type":"VpcPeer","link":"a-c"}',
      'vpc:c 10.2.0.0/16 -> {"type":"VpcPeer","link":"a-c"}',
    ]);
  });
});
