/**
 * The twin on a data center whose second line is statically routed (the fixture is
 * verify/twin/fixtures/static-line/topology.json synthesized: examples/redundant-idc.json
 * with line-2 without BGP and with a VBR health check of 2 s x 3, plus, by hand, the VBR's
 * route towards the data center that synthesis leaves to the console). The plan is pure:
 * the static line ends on the one IDC router, its VBR routes the data center over it only
 * through that route entry, the transit router learns the data center from both lines,
 * and the health check is read from the JSON. The cuts themselves need root
 * (failover-check.sh).
 */
import * as fs from "fs";
import * as path from "path";
import { deviceConfigs } from "../../lib/devices";
import { resilienceTable } from "../../lib/analysis/resilience";
import { sitesFromJson } from "../../verify/twin/expected";
import { bothWays, checkerCut, failureElements, trEcmpGroups } from "../../verify/twin/failover";
import { buildPlan, StackJson, TwinManifest, TwinPlan, vbrHealthCheckOf } from "../../verify/twin/plan";

const STACK = "idc-leased-line-dev";
const DIR = path.join(__dirname, "..", "..", "verify", "twin", "fixtures", "static-line", "stacks", STACK);
type Json = StackJson & { resource: Record<string, Record<string, Record<string, unknown>>> };
const json = (): Json => JSON.parse(fs.readFileSync(path.join(DIR, "cdk.tf.json"), "utf8")) as Json;
const INTENT = JSON.parse(fs.readFileSync(path.join(DIR, "intent.json"), "utf8")) as {
  networks: { name: string; cidrs: string[] }[];
  mustReach: [string, string][];
};
const plan = (j: Json = json()): TwinPlan => buildPlan(STACK, j, deviceConfigs([{ name: STACK, json: j }]).manifest as TwinManifest);
const LINE2_VBR = "Network_Idcs_BeijingIdc_Lines_Line2_Vbr_1F24A8A5";
const HAND_ENTRY = "Fixture_Line2_ToIdc_10-100-0-0-16";
const withoutHandEntry = (): Json => {
  const j = json();
  delete j.resource.alicloud_route_entry![HAND_ENTRY];
  return j;
};

describe("the twin's data center with a statically routed, health-checked second line", () => {
  it("ends the static line on the IDC router, with no BGP session and the health check of the JSON", () => {
    const p = plan();
    const idc = p.namespaces.find((n) => n.label === "idc:beijing-idc")!.name;
    const vbr2 = p.namespaces.find((n) => n.label === "vbr:beijing-idc-line-2")!.name;
    expect(p.links.filter((l) => l.b === idc).map((l) => l.why)).toEqual(["VLAN 100 of beijing-idc", "VLAN 200 of beijing-idc-line-2"]);
    const line2 = p.idcLines.find((l) => l.line === "line-2")!;
    expect(line2).toMatchObject({ idc: "beijing-idc", vbrNs: vbr2, idcNs: idc });
    expect(line2.protocol).toBeUndefined();
    expect(line2.healthCheck).toEqual({ sourceIp: "10.255.0.9", targetIp: "10.255.0.6", intervalS: 2, threshold: 3 });
    expect(p.addresses).toContainEqual([vbr2, line2.dev, "10.255.0.9/32"]);
    expect(p.birds.filter((b) => b.ns === vbr2)).toEqual([]);
    expect(p.birds.find((b) => b.ns === idc)!.moreProtocols).toBeUndefined();
  });

  it("routes the data center from the static VBR through the route entry, and the TR over both lines", () => {
    const p = plan();
    const vbr2 = p.namespaces.find((n) => n.label === "vbr:beijing-idc-line-2")!.name;
    expect(p.routes.filter((r) => r.ns === vbr2 && r.args[0] === "10.100.0.0/16").map((r) => r.args.join(" "))).toEqual([
      "10.100.0.0/16 via 10.255.0.6",
    ]);
    const vbr1 = p.namespaces.find((n) => n.label === "vbr:beijing-idc")!.name;
    expect(trEcmpGroups(p).map((g) => [g.dest, g.members.map((m) => m.far).sort()])).toEqual([["10.100.0.0/16", [vbr1, vbr2].sort()]]);
  });

  it("fails when the static line has no route entry towards its physical connection: the TR learns the data center from line 1 alone", () => {
    const p = plan(withoutHandEntry());
    const vbr2 = p.namespaces.find((n) => n.label === "vbr:beijing-idc-line-2")!.name;
    // its only route there is the one the TR publishes to it (back into the TR), none over the VLAN
    expect(p.routes.filter((r) => r.ns === vbr2 && r.args[0] === "10.100.0.0/16").map((r) => r.why)).toEqual([
      expect.stringMatching(/auto-publishes .*VbrBeijingIdc_Propagation/),
    ]);
    expect(trEcmpGroups(p)).toEqual([]);
    // the checker reads it the same way: line 1's loss cuts the replies, so every round trip
    const j = withoutHandEntry();
    const table = resilienceTable(j, sitesFromJson(j, INTENT.networks), bothWays(INTENT.mustReach));
    expect(checkerCut(table, "line:beijing-idc/beijing-idc", INTENT.mustReach)).toEqual(["beijing-idc->bj-vpc", "beijing-idc->sz-vpc"]);
  });

  it("cuts each line, and the checker's table expects no round trip cut by either", () => {
    const p = plan();
    expect(
      failureElements(p)
        .filter((e) => e.id.startsWith("line:"))
        .map((e) => e.id),
    ).toEqual(["line:beijing-idc/beijing-idc", "line:beijing-idc/line-2"]);
    const table = resilienceTable(json(), sitesFromJson(json(), INTENT.networks), bothWays(INTENT.mustReach));
    expect(checkerCut(table, "line:beijing-idc/beijing-idc", INTENT.mustReach)).toEqual([]);
    expect(checkerCut(table, "line:beijing-idc/line-2", INTENT.mustReach)).toEqual([]);
  });
});

describe("vbrHealthCheckOf", () => {
  const res = (h: Record<string, unknown>) => ({
    alicloud_cen_vbr_health_check: { H: { vbr_instance_id: `\${alicloud_express_connect_virtual_border_router.${LINE2_VBR}.id}`, ...h } },
  });

  it("takes the provider's defaults, 2 s and 8 probes, for fields left out", () => {
    expect(vbrHealthCheckOf(res({ health_check_source_ip: "10.255.0.9", health_check_target_ip: "10.255.0.6" }), LINE2_VBR)).toEqual({
      sourceIp: "10.255.0.9",
      targetIp: "10.255.0.6",
      intervalS: 2,
      threshold: 8,
    });
    expect(vbrHealthCheckOf(res({}), "another-vbr")).toBeUndefined();
  });

  it("fails when the source address is computed, naming the field", () => {
    expect(() => vbrHealthCheckOf(res({ health_check_target_ip: "10.255.0.6" }), LINE2_VBR)).toThrow(
      "alicloud_cen_vbr_health_check.H.health_check_source_ip = undefined; allowed: an IPv4 address (the twin cannot probe from a computed one)",
    );
  });

  it("fails when the threshold is not a whole number from 1", () => {
    const h = { health_check_source_ip: "10.255.0.9", health_check_target_ip: "10.255.0.6", healthy_threshold: 0 };
    expect(() => vbrHealthCheckOf(res(h), LINE2_VBR)).toThrow(
      "alicloud_cen_vbr_health_check.H.healthy_threshold = 0; allowed: a whole number from 1",
    );
  });
});
