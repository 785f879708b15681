/**
 * The twin on a data center with two leased lines on a transit router (the fixture is
 * examples/redundant-idc.json synthesized: seed 001 on a transit-router link, beijing-idc
 * with a second BGP line `line-2` on a second access point). The plan is pure: one IDC
 * router with both VLAN links and one BIRD (a session per line), the TR's equal-cost
 * route to the IDC over both VBR attachments, the lines as failure elements and the
 * expected cut for each (the failover semantics of docs/resilience.md). The cuts themselves need root (failover-check.sh).
 */
import * as fs from "fs";
import * as path from "path";
import { deviceConfigs } from "../../lib/devices";
import { resilienceTable } from "../../lib/analysis/resilience";
import { sitesFromJson } from "../../verify/twin/expected";
import { bothWays, checkerCut, failureElements, trEcmpGroups } from "../../verify/twin/failover";
import { buildPlan, StackJson, TwinManifest, TwinPlan } from "../../verify/twin/plan";

const STACK = "idc-leased-line-dev";
const FIXTURE = path.join(__dirname, "..", "..", "verify", "twin", "fixtures", "redundant-idc", "stacks", STACK, "cdk.tf.json");
const json = (): StackJson => JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as StackJson;
const plan = (): TwinPlan => buildPlan(STACK, json(), deviceConfigs([{ name: STACK, json: json() }]).manifest as TwinManifest);
const INTENT = JSON.parse(fs.readFileSync(path.join(path.dirname(FIXTURE), "intent.json"), "utf8")) as {
  networks: { name: string; cidrs: string[] }[];
};
const PAIRS: [string, string][] = [
  ["beijing-idc", "bj-vpc"],
  ["beijing-idc", "sz-vpc"],
  ["bj-vpc", "beijing-idc"],
  ["sz-vpc", "beijing-idc"],
];

describe("the twin's redundant data center on a transit router", () => {
  it("ends both lines on one IDC router running one BIRD with a session per line", () => {
    const p = plan();
    const idcs = p.namespaces.filter((n) => n.kind === "idc");
    expect(idcs.map((n) => n.label)).toEqual(["idc:beijing-idc"]);
    expect(p.links.filter((l) => l.b === idcs[0]!.name).map((l) => l.why)).toEqual([
      "VLAN 100 of beijing-idc",
      "VLAN 200 of beijing-idc-line-2",
    ]);
    const bird = p.birds.filter((b) => b.ns === idcs[0]!.name);
    expect(bird.map((b) => [b.protocol, b.moreProtocols])).toEqual([["alibaba_beijing_idc", ["alibaba_beijing_idc_line_2"]]]);
    expect(p.networks.filter((n) => n.name.startsWith("beijing-idc")).map((n) => n.name)).toEqual(["beijing-idc"]);
    expect(p.idcLines.map((l) => `${l.idc}/${l.line}`)).toEqual(["beijing-idc/beijing-idc", "beijing-idc/line-2"]);
  });

  it("routes the IDC's prefix in the TR over both VBR attachments at equal cost, and publishes it to neither VBR", () => {
    const p = plan();
    const tr = p.transitRouters.find((t) => t.name === "idc-cn-beijing")!;
    const vbrEnds = tr.attachments.filter((a) => a.kind === "vbr");
    expect(vbrEnds).toHaveLength(2);
    const route = p.routes.find((r) => r.ns === tr.ns && r.args[0] === "10.100.0.0/16")!;
    expect(route.args.filter((a) => a === "nexthop")).toHaveLength(2);
    expect(route.args.slice(1, 3)).toEqual(["table", tr.tables[0]!.table]); // ip route wants the table before the next hops
    expect(new Set(trEcmpGroups(p)[0]!.members.map((m) => m.far))).toEqual(new Set(vbrEnds.map((e) => e.far)));
    for (const e of vbrEnds) expect(p.routes.filter((r) => r.ns === e.far && r.args[0] === "10.100.0.0/16")).toEqual([]);
  });

  it("cuts each line alone, and the checker's table expects no pair cut (BGP withdraws the line's member, the other line carries)", () => {
    const p = plan();
    const lines = failureElements(p).filter((e) => e.id.startsWith("line:"));
    expect(lines.map((e) => e.id)).toEqual(["line:beijing-idc/beijing-idc", "line:beijing-idc/line-2"]);
    const table = resilienceTable(json(), sitesFromJson(json(), INTENT.networks), bothWays(PAIRS));
    for (const e of lines) expect(checkerCut(table, e.id, PAIRS)).toEqual([]);
  });

  it("fails when line-2's VBR runs no BGP: it learns nothing from the IDC, so cutting line 1 cuts every round trip of the IDC", () => {
    const j = json() as StackJson & { resource: Record<string, Record<string, unknown>> };
    for (const type of ["alicloud_vpc_bgp_group", "alicloud_vpc_bgp_peer", "alicloud_vpc_bgp_network"])
      for (const k of Object.keys(j.resource[type]!)) if (k.includes("Line2")) delete j.resource[type]![k];
    const table = resilienceTable(j, sitesFromJson(j, INTENT.networks), bothWays(PAIRS));
    expect(checkerCut(table, "line:beijing-idc/line-2", PAIRS)).toEqual([]);
    // one way cut (the VPCs' packets to the IDC), so both ways of the round trip
    expect(checkerCut(table, "line:beijing-idc/beijing-idc", PAIRS)).toEqual([
      "beijing-idc->bj-vpc",
      "beijing-idc->sz-vpc",
      "bj-vpc->beijing-idc",
      "sz-vpc->beijing-idc",
    ]);
  });

  it("cuts each transit-router attachment at both ends of its link, under the checker's names, and withdraws the VBRs' announcements it takes the route of", () => {
    const p = plan();
    const es = failureElements(p).filter((e) => e.id.startsWith("tr-attachment:"));
    const table = resilienceTable(json(), sitesFromJson(json(), INTENT.networks), bothWays(PAIRS));
    const checkerIds = table.rows.map((r) => r.element.id).filter((id) => id.startsWith("tr-attachment:"));
    expect(es.map((e) => e.id).sort()).toEqual([...checkerIds].sort());
    for (const e of es) {
      const link = p.links.find((l) => e.cut.some((c) => c.ns === l.a && c.dev === l.aIf))!;
      expect(e.cut).toEqual([
        { ns: link.a, dev: link.aIf },
        { ns: link.b, dev: link.bIf },
      ]);
    }
    const vbrNs = (id: string) => p.namespaces.find((n) => n.label === id)!.name;
    const withdrawn = (id: string) => es.find((e) => e.id === id)!.withdrawn!.map((w) => [w.ns, w.protocols]);
    const everything = ["vbr_net_172_16_0_0_16", "vbr_net_172_18_0_0_16", "vbr_pub_172_16_0_0_24", "vbr_pub_172_16_1_0_24"];
    expect(withdrawn("tr-attachment:idc-beijing-idc")).toEqual([[vbrNs("vbr:beijing-idc"), everything]]);
    // bj-vpc's vSwitches (172.16.0.0/24, 172.16.1.0/24) leave both VBRs, and with them the /16 they fill
    const bjVpc = ["vbr_net_172_16_0_0_16", "vbr_pub_172_16_0_0_24", "vbr_pub_172_16_1_0_24"];
    expect(withdrawn("tr-attachment:idc-bj-vpc")).toEqual([
      [vbrNs("vbr:beijing-idc-line-2"), bjVpc],
      [vbrNs("vbr:beijing-idc"), bjVpc],
    ]);
    expect(withdrawn("tr-attachment:idc-sz-vpc")).toEqual([]);
  });

  it("expects a VPC or peer attachment cut to cut the round trips through it, and either VBR attachment to cut none", () => {
    const table = resilienceTable(json(), sitesFromJson(json(), INTENT.networks), bothWays(PAIRS));
    const cut = (id: string) => checkerCut(table, id, PAIRS);
    expect(cut("tr-attachment:idc-beijing-idc")).toEqual([]);
    expect(cut("tr-attachment:idc-beijing-idc-line-2")).toEqual([]);
    expect(cut("tr-attachment:idc-bj-vpc")).toEqual(["beijing-idc->bj-vpc", "bj-vpc->beijing-idc"]);
    expect(cut("tr-attachment:idc-cn-beijing-cn-shenzhen")).toEqual(["beijing-idc->sz-vpc", "sz-vpc->beijing-idc"]);
  });
});
