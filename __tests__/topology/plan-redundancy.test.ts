import { join, resolve } from "path";
import { loadTopologyFile, planRoutes, RoutePlan, RouteTablePlan, Topology } from "../../lib/topology";
import { mutate } from "./draft";

const example = (file: string): Topology => loadTopologyFile(join(resolve(__dirname, "../.."), "examples", file));

/** "destination -> next hop [weight|ecmp]" rows of one table, in plan order. */
function rows(table: RouteTablePlan): string[] {
  return table.routes.map((r) => {
    const h = r.nextHop;
    const via = "link" in h ? `${h.type} ${h.link}` : "vpc" in h ? `${h.type} ${h.vpc}` : `${h.type} ${h.idc}`;
    const extra = r.weight !== undefined ? ` weight ${r.weight}` : r.ecmp ? " ecmp" : "";
    return `${r.destination} -> ${via}${extra}`;
  });
}

/** Every router reached by following next hops from `from` towards `destination` (a cycle would repeat one). */
function walk(plan: RoutePlan, from: RouteTablePlan, destination: string, seen: string[] = []): string[] {
  const here = `${from.router}:${from.name}`;
  if (seen.includes(here)) throw new Error(`loop: ${[...seen, here].join(" -> ")}`);
  const r = from.routes.find((x) => x.destination === destination);
  if (!r || r.nextHop.type !== "RouterInterface") return [...seen, here];
  const link = r.nextHop.link;
  const next = plan.tables.find((t) => t !== from && t.routes.some((x) => "link" in x.nextHop && x.nextHop.link === link));
  return next ? walk(plan, next, destination, [...seen, here]) : [...seen, here];
}

describe("planRoutes: an office on several links", () => {
  const plan = planRoutes(example("dual-homed-office.json"));

  it("puts both of an office's links on its gateway, weight 100 active and 0 standby", () => {
    expect(rows(plan.table("vpngw", "us-vpc"))).toEqual([
      "10.10.10.0/24 -> VpnConnection us-office-1 weight 100",
      "10.10.10.0/24 -> VpnConnection us-office-1-standby weight 0",
      "10.10.20.0/24 -> VpnConnection us-office-2",
      "10.30.0.0/24 -> VpnConnection hq-us",
    ]);
  });

  it("routes an office on both hub gateways to each VPC's own gateway, and keeps the VPC table at one route per office", () => {
    expect(rows(plan.table("vpc", "us-vpc"))).toEqual([
      "172.17.0.0/16 -> RouterInterface us-cn",
      "10.10.10.0/24 -> VpnGateway us-vpc",
      "10.10.20.0/24 -> VpnGateway us-vpc",
      "10.20.10.0/24 -> RouterInterface us-cn",
      "10.20.20.0/24 -> RouterInterface us-cn",
      "10.30.0.0/24 -> VpnGateway us-vpc",
    ]);
    expect(rows(plan.table("vpc", "cn-vpc"))).toContain("10.30.0.0/24 -> VpnGateway cn-vpc");
    expect(rows(plan.table("vpngw", "cn-vpc"))).toContain("10.30.0.0/24 -> VpnConnection hq-cn");
  });

  it("keeps its own gateway when the office's link to the other VPC is declared first", () => {
    // GIVEN hq's cn link declared before its us link
    const t = mutate(example("dual-homed-office.json"), (d) => {
      const i = d.links.findIndex((l) => l.name === "hq-us");
      d.links.push(...d.links.splice(i, 1));
    });
    // WHEN / THEN
    const p = planRoutes(t);
    expect(rows(p.table("vpc", "us-vpc"))).toContain("10.30.0.0/24 -> VpnGateway us-vpc");
    expect(rows(p.table("vpc", "cn-vpc"))).toContain("10.30.0.0/24 -> VpnGateway cn-vpc");
    expect(rows(p.table("vpngw", "us-vpc"))).toContain("10.30.0.0/24 -> VpnConnection hq-us");
  });
});

describe("planRoutes: a data center on two lines", () => {
  const plan = planRoutes(example("redundant-idc.json"));

  it("gives each VPC one equal-cost route per line for each IDC range", () => {
    expect(rows(plan.table("vpc", "bj-vpc"))).toEqual([
      "10.100.0.0/16 -> RouterInterface idc-bj ecmp",
      "10.100.0.0/16 -> RouterInterface idc-bj-2 ecmp",
    ]);
    expect(rows(plan.table("vpc", "sz-vpc"))).toEqual([
      "10.100.0.0/16 -> RouterInterface idc-sz ecmp",
      "10.100.0.0/16 -> RouterInterface idc-sz-2 ecmp",
    ]);
  });

  it("gives each line's VBR its own table, routing each VPC over that line's own interface", () => {
    expect(rows(plan.table("vbr", "beijing-idc"))).toEqual([
      "172.16.0.0/16 -> RouterInterface idc-bj",
      "172.18.0.0/16 -> RouterInterface idc-sz",
      "10.100.0.0/16 -> PhysicalConnection beijing-idc",
    ]);
    expect(rows(plan.table("vbr", "beijing-idc/line-2"))).toEqual([
      "172.16.0.0/16 -> RouterInterface idc-bj-2",
      "172.18.0.0/16 -> RouterInterface idc-sz-2",
      "10.100.0.0/16 -> PhysicalConnection beijing-idc",
    ]);
  });

  it("is loop-free: from every VBR, each VPC is one hop away", () => {
    for (const [vbr, vpc] of [
      ["beijing-idc", "172.16.0.0/16"],
      ["beijing-idc/line-2", "172.18.0.0/16"],
    ] as const) {
      expect(walk(plan, plan.table("vbr", vbr), vpc)).toHaveLength(2);
    }
  });

  it("still reaches exactly what the single-line seed reaches", () => {
    expect([...plan.reaches].map(([k, v]) => [k, [...v].sort()])).toEqual([
      ["bj-vpc", ["beijing-idc"]],
      ["sz-vpc", ["beijing-idc"]],
      ["beijing-idc", ["bj-vpc", "sz-vpc"]],
    ]);
  });
});
