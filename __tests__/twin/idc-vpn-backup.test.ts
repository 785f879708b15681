/**
 * The twin on a data center whose leased line a VPN connection backs up (the fixture is
 * examples/idc-vpn-backup.json synthesized: beijing-idc on one BGP line, its IPsec
 * connection to the VPN gateway of the transit VPC bj-transit, the TR's route one bit
 * shorter towards that VPC). The plan is pure; the cuts need root (failover-check.sh).
 */
import * as fs from "fs";
import * as path from "path";
import { deviceConfigs } from "../../lib/devices";
import { resilienceTable } from "../../lib/analysis/resilience";
import { sitesFromJson } from "../../verify/twin/expected";
import { checkerCut, failureElements, trEcmpGroups } from "../../verify/twin/failover";
import { buildPlan, StackJson, TwinManifest, TwinPlan } from "../../verify/twin/plan";

const STACK = "idc-leased-line-dev";
const FIXTURE = path.join(__dirname, "..", "..", "verify", "twin", "fixtures", "idc-vpn-backup", "stacks", STACK, "cdk.tf.json");
const json = (): StackJson => JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as StackJson;
/** The manifest as the twin's run picks it: the backup's route-based file. */
const manifest = (mode: "route" | "policy" = "route"): TwinManifest => {
  const m = deviceConfigs([{ name: STACK, json: json() }], { mode }).manifest as TwinManifest;
  return { ...m, offices: m.offices.map((o) => ({ ...o, swanctl: `${mode}/${o.swanctl}` })) };
};
const plan = (): TwinPlan => buildPlan(STACK, json(), manifest());

describe("the twin's data center with a VPN backup", () => {
  it("runs the VPN device in the IDC's router: its public IP, the route-based file, BIRD routing into the TUN device", () => {
    const p = plan();
    const idc = p.namespaces.find((n) => n.label === "idc:beijing-idc")!.name;
    expect(p.namespaces.filter((n) => n.kind === "office")).toEqual([]);
    expect(p.addresses.filter(([ns]) => ns === idc).map(([, , a]) => a)).toContain("203.0.113.60/32");
    const charon = p.charons.find((c) => c.ns === idc)!;
    expect(charon).toMatchObject({
      side: "office",
      installRoutes: false,
      swanctl: { file: "route/idc-leased-line-dev/beijing-idc-vpn/swanctl.conf" },
    });
    expect(p.birds.find((b) => b.ns === idc)!.interfaces).toEqual({ xfrm42: "ipsec0" });
    expect(p.vpnConnections.map((c) => [c.name, c.site])).toEqual([["beijing-idc-vpn", "beijing-idc"]]);
  });

  it("gives the cloud end an address inside each of its local subnets, so kernel-libipsec can route the tunnel", () => {
    const p = plan();
    const cn = p.vpnConnections[0]!.ns;
    expect(p.addresses.filter(([ns, , a]) => ns === cn && a.startsWith("172.")).map(([, , a]) => a)).toEqual([
      "172.16.255.254/32",
      "172.18.255.254/32",
      "172.20.255.254/32",
    ]);
  });

  it("withdraws the line's TR route to its less specific one towards the transit VPC when the line goes", () => {
    const groups = trEcmpGroups(plan());
    expect(groups.map((g) => [g.dest, g.members.length, g.fallback])).toEqual([["10.100.0.0/16", 1, true]]);
  });

  it("cuts the line, the VPN link and every attachment, each an element of the checker's table", () => {
    const j = json();
    const table = resilienceTable(j, sitesFromJson(j));
    const ids = failureElements(plan()).map((e) => e.id);
    expect(ids.slice(0, 3)).toEqual(["vpn-link:beijing-idc-vpn", "vpn-gateway:bj-transit", "line:beijing-idc/beijing-idc"]);
    for (const id of ids) expect(checkerCut(table, id, [])).toBeDefined();
  });

  it("withdraws the VBR's announcements of the transit VPC when its attachment goes, so the data center takes the VPN", () => {
    const p = plan();
    const e = failureElements(p).find((x) => x.id === "tr-attachment:idc-bj-transit")!;
    const vbr = p.namespaces.find((n) => n.label === "vbr:beijing-idc")!.name;
    expect(e.withdrawn).toEqual([
      { ns: vbr, protocols: ["vbr_net_172_20_0_0_16", "vbr_pub_10_100_0_0_15", "vbr_pub_172_20_0_0_24", "vbr_pub_172_20_1_0_24"] },
    ]);
    const bird = (p.birds.find((b) => b.ns === vbr)!.body as { inline: string }).inline;
    for (const prot of e.withdrawn![0]!.protocols) expect(bird).toContain(`protocol static ${prot} {`);
  });

  it("fails when the backup's file is policy-based (the IDC's BIRD routes into the XFRM interface)", () => {
    expect(() => buildPlan(STACK, json(), manifest("policy"))).toThrow(
      /beijing-idc-vpn: a data center's VPN backup runs on its route-based file/,
    );
  });
});
