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
import { failureElements, predictedCut, trEcmpGroups } from "../../verify/twin/failover";
import { buildPlan, StackJson, TwinManifest, TwinPlan } from "../../verify/twin/plan";

const STACK = "idc-leased-line-dev";
const FIXTURE = path.join(__dirname, "..", "..", "verify", "twin", "fixtures", "redundant-idc", "stacks", STACK, "cdk.tf.json");
const json = (): StackJson => JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as StackJson;
const plan = (): TwinPlan => buildPlan(STACK, json(), deviceConfigs([{ name: STACK, json: json() }]).manifest as TwinManifest);
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

  it("cuts each line alone and predicts no pair cut (BGP withdraws the line's member, the other line carries)", () => {
    const p = plan();
    const lines = failureElements(p).filter((e) => e.id.startsWith("line:"));
    expect(lines.map((e) => e.id)).toEqual(["line:beijing-idc/beijing-idc", "line:beijing-idc/line-2"]);
    for (const e of lines) expect(predictedCut(p, e, PAIRS)).toEqual([]);
  });

  it("fails when a line's VBR runs no BGP: its member is never withdrawn, so every pair of the IDC is predicted cut", () => {
    const p = plan();
    const line2 = p.idcLines.find((l) => l.line === "line-2")!;
    const noBgp = { ...p, birds: p.birds.filter((b) => b.ns !== line2.vbrNs) };
    const e = failureElements(noBgp).find((x) => x.id === "line:beijing-idc/line-2")!;
    expect(predictedCut(noBgp, e, PAIRS)).toEqual([
      "beijing-idc->bj-vpc",
      "beijing-idc->sz-vpc",
      "bj-vpc->beijing-idc",
      "sz-vpc->beijing-idc",
    ]);
  });
});
