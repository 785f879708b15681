import { join, resolve } from "path";
import { loadTopologyFile, planRoutes, RouteTablePlan, Topology } from "../../lib/topology";
import { mutate } from "./draft";

const example = (file: string): Topology => loadTopologyFile(join(resolve(__dirname, "../.."), "examples", file));

/** "destination -> next hop [weight|ecmp]" rows of one table, in plan order. */
function rows(table: RouteTablePlan): string[] {
  return table.routes.map((r) => {
    const h = r.nextHop;
    const via = "link" in h ? `${h.type} ${h.link}` : "vpc" in h ? `${h.type} ${h.vpc}` : `${h.type} ${h.idc}`;
    const extra = r.weight !== undefined ? ` weight ${r.weight}` : "";
    return `${r.destination} -> ${via}${extra}`;
  });
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

describe("planRoutes: a data center on two lines, on the transit router", () => {
  const plan = planRoutes(example("redundant-idc.json"));

  it("lets the IDC's region TR learn the IDC from both lines' VBR attachments (propagated, equal cost)", () => {
    const toIdc = plan.table("tr", "cn-beijing").routes.filter((r) => r.destination === "10.100.0.0/16");
    expect(toIdc).toEqual([
      expect.objectContaining({
        nextHop: { type: "Attachment", link: "idc", attachment: { kind: "vbr", idc: "beijing-idc" } },
        ecmp: true,
        propagated: true,
      }),
      expect.objectContaining({
        nextHop: { type: "Attachment", link: "idc", attachment: { kind: "vbr", idc: "beijing-idc", line: "line-2" } },
        ecmp: true,
        propagated: true,
      }),
    ]);
  });

  it("gives the second line's VBR its own table, learning both VPCs from its own attachment", () => {
    expect(rows(plan.table("vbr", "beijing-idc/line-2"))).toEqual([
      "172.16.0.0/16 -> Attachment idc",
      "172.18.0.0/16 -> Attachment idc",
      "10.100.0.0/16 -> PhysicalConnection beijing-idc",
    ]);
    const own = plan.table("vbr", "beijing-idc/line-2").routes.filter((r) => r.nextHop.type === "Attachment");
    expect(
      own.every(
        (r) =>
          r.propagated === true &&
          "attachment" in r.nextHop &&
          r.nextHop.attachment.kind === "vbr" &&
          r.nextHop.attachment.line === "line-2",
      ),
    ).toBe(true);
  });

  it("leaves each VPC one route to the IDC, through its own attachment, and the far TR one through the peer attachment", () => {
    expect(rows(plan.table("vpc", "bj-vpc"))).toEqual(["10.100.0.0/16 -> Attachment idc"]);
    expect(rows(plan.table("tr", "cn-shenzhen")).filter((r) => r.startsWith("10.100."))).toEqual(["10.100.0.0/16 -> Attachment idc"]);
  });

  it("still reaches exactly what the single-line seed reaches", () => {
    expect([...plan.reaches].map(([k, v]) => [k, [...v].sort()])).toEqual([
      ["bj-vpc", ["beijing-idc"]],
      ["sz-vpc", ["beijing-idc"]],
      ["beijing-idc", ["bj-vpc", "sz-vpc"]],
    ]);
  });
});
