/**
 * Bad input across all scenarios: each configuration must make synthesis exit non-zero
 * with a message naming the field and the value, and leave no cdktf.out behind.
 * Runs the app in-process (runApp is what main.ts runs); main.test.ts covers the process.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runApp, RunOptions } from "../app";
import { SeedScenario as Scenario, seedTopologies as defaultTopologies } from "./fixtures/seeds";
import { AuthAlgorithm, DhGroup, Topology } from "../lib/topology";
import { Draft, idcOf, linkOf, mutate, officeOf, vpcOf } from "./topology/draft";

interface Outcome { code: number; message: string; outdirLeft: boolean }

function run(opts: RunOptions): Outcome {
  const outdir = join(mkdtempSync(join(tmpdir(), "bad-")), "cdktf.out");
  mkdirSync(join(outdir, "stacks", "earlier-run"), { recursive: true }); // a previous synth's output
  const lines: string[] = [];
  const code = runApp({ ...opts, outdir, log: (m) => lines.push(m) });
  return { code, message: lines.join("\n"), outdirLeft: existsSync(outdir) };
}

// seed fixtures, not config/: a fork that edits config/ keeps these cases meaningful
const d = defaultTopologies();
type Case = [name: string, scenario: Scenario, change: (t: Draft<Topology>) => void, expected: string];

const cases: Case[] = [
  // CIDR syntax and overlaps
  ["a VPC CIDR has a /33 prefix", "vpc-peering-same-account", (t) => { vpcOf(t, "app-vpc").cidr = "10.1.0.0/33"; }, 'vpcs[0].cidr = "10.1.0.0/33"'],
  ["a VPC CIDR has host bits set", "vpc-peering-same-account", (t) => { vpcOf(t, "app-vpc").cidr = "10.1.0.1/16"; }, 'vpcs[0].cidr = "10.1.0.1/16"'],
  ["a vSwitch lies outside its VPC", "vpc-peering-same-account", (t) => { vpcOf(t, "app-vpc").vswitches[0]!.cidr = "10.9.0.0/24"; }, 'vpcs[0].vswitches[0].cidr = "10.9.0.0/24"'],
  ["two vSwitches overlap", "shared-nat", (t) => { vpcOf(t, "hub-vpc").vswitches[1]!.cidr = "192.168.0.0/25"; }, 'vpcs[0].vswitches[1].cidr = "192.168.0.0/25"'],
  ["peered VPCs overlap", "vpc-peering-same-account", (t) => { vpcOf(t, "data-vpc").cidr = "10.1.0.0/16"; vpcOf(t, "data-vpc").vswitches[0]!.cidr = "10.1.0.0/24"; }, 'vpcs[1].cidr = "10.1.0.0/16": overlaps'],
  ["an office overlaps another office", "multinational-hub", (t) => { officeOf(t, "us-office-2").cidrs[0] = "10.10.10.0/24"; }, 'offices[1].cidrs[0] = "10.10.10.0/24": overlaps'],
  ["an office CIDR is not a CIDR", "multinational-hub", (t) => { officeOf(t, "cn-office-3").cidrs[0] = "10.20.10.0"; }, 'offices[2].cidrs[0] = "10.20.10.0"'],
  ["an IDC overlaps a VPC", "idc-leased-line", (t) => { idcOf(t, "beijing-idc").cidrs[0] = "172.16.0.0/12"; }, 'idcs[0].cidrs[0] = "172.16.0.0/12": overlaps'],
  // unknown references
  ["a peering names an unknown VPC", "vpc-peering-same-account", (t) => { linkOf(t, "app-data", "peering").acceptor = "db-vpc"; }, 'links[0].acceptor = "db-vpc": names no vpc'],
  ["a VPN link names an unknown office", "multinational-hub", (t) => { linkOf(t, "us-office-1", "vpn").office = "paris"; }, 'links[1].office = "paris": names no office'],
  ["a VBR link names an unknown IDC", "idc-leased-line", (t) => { linkOf(t, "idc-bj", "vbr").idc = "tianjin-idc"; }, 'links[0].idc = "tianjin-idc": names no idc'],
  ["a VPC names an unknown account", "vpc-peering-cross-account", (t) => { vpcOf(t, "acceptor-vpc").account = "partner"; }, 'vpcs[1].account = "partner": names no account'],
  ["a shared NAT names an unknown vSwitch", "shared-nat", (t) => { linkOf(t, "egress", "shared-nat").vswitch = "hub-dmz"; }, 'links[1].vswitch = "hub-dmz"'],
  ["a shared NAT spoke has no link to the hub", "shared-nat", (t) => { t.links.splice(0, 1); }, 'links[0].spokes[0] = "spoke-vpc": has no peering or router-interface link'],
  ["a VPN link targets a VPC without a VPN gateway", "multinational-hub", (t) => { delete vpcOf(t, "cn-vpc").vpnGateway; }, 'links[3].vpc = "cn-vpc": has no vpnGateway'],
  ["the region is unknown", "vpc-peering-same-account", (t) => { vpcOf(t, "app-vpc").region = "cn-hangzou"; }, 'vpcs[0].region = "cn-hangzou"'],
  ["a vSwitch zone is in another region", "shared-nat", (t) => { vpcOf(t, "spoke-vpc").vswitches[0]!.zone = "cn-beijing-h"; }, 'vpcs[1].vswitches[0].zone = "cn-beijing-h"'],
  ["two VPCs share a name", "vpc-peering-same-account", (t) => { vpcOf(t, "data-vpc").name = "app-vpc"; }, 'vpcs[1].name = "app-vpc": duplicates'],
  // ranges
  ["the VLAN is above 2999", "idc-leased-line", (t) => { idcOf(t, "beijing-idc").vbr.vlanId = 3000; }, "idcs[0].vbr.vlanId = 3000"],
  ["the VBR gateway IPs are equal", "idc-leased-line", (t) => { idcOf(t, "beijing-idc").vbr.peerGatewayIp = "10.255.0.1"; }, 'idcs[0].vbr.peerGatewayIp = "10.255.0.1": equals localGatewayIp'],
  ["the peer gateway is outside the peering subnet", "idc-leased-line", (t) => { idcOf(t, "beijing-idc").vbr.peerGatewayIp = "10.255.9.2"; }, 'idcs[0].vbr.peerGatewayIp = "10.255.9.2": is outside the peering subnet'],
  ["the peering mask is not a mask", "idc-leased-line", (t) => { idcOf(t, "beijing-idc").vbr.peeringSubnetMask = "255.255.0.255"; }, 'idcs[0].vbr.peeringSubnetMask = "255.255.0.255"'],
  ["a BFD interval is out of range", "idc-leased-line", (t) => { idcOf(t, "beijing-idc").vbr.minRxInterval = 50; }, "idcs[0].vbr.minRxInterval = 50"],
  ["the BGP peer uses Alibaba Cloud's ASN", "idc-leased-line", (t) => { idcOf(t, "beijing-idc").bgp = { peerAsn: 45104 }; }, "idcs[0].bgp.peerAsn = 45104"],
  ["the leased line is both referenced and ordered", "idc-leased-line", (t) => { idcOf(t, "beijing-idc").leasedLine.create = { lineOperator: "CT" as never, portType: "1000Base-LX" as never, bandwidth: 100 }; }, "idcs[0].leasedLine = "],
  ["the physical connection ID is malformed", "idc-leased-line", (t) => { idcOf(t, "beijing-idc").leasedLine.physicalConnectionId = "vbr-123"; }, 'idcs[0].leasedLine.physicalConnectionId = "vbr-123"'],
  ["the VPN gateway bandwidth is not offered", "multinational-hub", (t) => { vpcOf(t, "us-vpc").vpnGateway!.bandwidth = 7; }, "vpcs[0].vpnGateway.bandwidth = 7"],
  ["the NAT EIP bandwidth is above 500", "shared-nat", (t) => { linkOf(t, "egress", "shared-nat").eipBandwidth = 900; }, "links[1].eipBandwidth = 900"],
  ["a same-region peering has a bandwidth", "vpc-peering-same-account", (t) => { linkOf(t, "app-data", "peering").bandwidth = 100; }, "links[0].bandwidth = 100: is set on a same-region peering"],
  ["an IPsec lifetime is out of range", "multinational-hub", (t) => { linkOf(t, "cn-office-4", "vpn").ipsec = { ipsecLifetime: 100000 }; }, "links[4].ipsec.ipsecLifetime = 100000"],
  ["an office IP is private", "multinational-hub", (t) => { officeOf(t, "us-office-1").publicIp = "192.168.10.1"; }, 'offices[0].publicIp = "192.168.10.1"'],
  // cross-account gaps
  ["the acceptor account has no UID and no lookup", "vpc-peering-cross-account", (t) => { t.accounts[1]!.resolveUidAtPlan = false; }, 'links[0].acceptor = "acceptor-vpc": is a cross-account link but account acceptor has no `uid`'],
  ["an account UID is not numeric", "vpc-peering-cross-account", (t) => { t.accounts[1]!.uid = "acc-42"; }, 'accounts[1].uid = "acc-42"'],
  ["a role ARN is malformed", "vpc-peering-cross-account", (t) => { t.accounts[1]!.credentials = { roleArn: "arn:aws:iam::1:role/x" }; }, 'accounts[1].credentials.roleArn = "arn:aws:iam::1:role/x"'],
  // crypto below the floor
  ["an office uses MD5", "multinational-hub", (t) => { linkOf(t, "us-office-2", "vpn").ipsec = { ikeAuth: AuthAlgorithm.MD5 }; }, 'links[2].ipsec.ikeAuth = "md5": is below the crypto floor'],
  ["an office uses DH group 2", "multinational-hub", (t) => { linkOf(t, "cn-office-3", "vpn").ipsec = { ipsecPfs: DhGroup.GROUP2 }; }, 'links[3].ipsec.ipsecPfs = "group2": is below the crypto floor'],
  // secrets in clear text
  ["a tag carries a secret", "multinational-hub", (t) => { t.tags = { preshared_key: "hunter2" }; }, 'tags.preshared_key = "(redacted)"'],
];

describe("bad input makes synthesis fail, naming field and value, leaving no output", () => {
  it("has at least 30 distinct cases across every scenario", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c[0])).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c[1]))).toEqual(new Set(Object.keys(d)));
  });

  it.each(cases)("fails when %s (%s)", (_name, scenario, change, expected) => {
    const r = run({ topologies: { [scenario]: mutate(d[scenario], change) } });
    expect(r.code).toBe(1);
    expect(r.message).toContain(`${scenario}.${expected}`);
    expect(r.message).not.toContain("hunter2");
    expect(r.outdirLeft).toBe(false);
  });

  it.each([
    ["the environment is unknown", { settings: { env: "qa" } }, 'env = "qa": is not an environment'],
    ["the hub interconnect is unknown", { settings: { hubInterconnect: "cen" } }, 'hubInterconnect = "cen": is not an interconnect'],
  ])("fails when %s", (_n, opts, expected) => {
    const r = run(opts as RunOptions);
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toContain(expected);
  });

  it.each([
    ["a topology file holds a pre-shared key", { ...d["multinational-hub"], offices: d["multinational-hub"].offices!.map((o, i) => (i === 0 ? { ...o, psk: "hunter2" } : o)) }, 'offices[0].psk = "(redacted)"'],
    ["a topology file has an unknown field", { ...d["shared-nat"], natGateway: {} }, 'shared-nat.natGateway = {}: is not a known field'],
    ["a topology file names no scenario", { ...d["shared-nat"], name: "egress-hub" }, 'egress-hub.name = "egress-hub": names no scenario stack'],
  ])("fails when %s", (_n, body, expected) => {
    const file = join(mkdtempSync(join(tmpdir(), "file-")), "topology.json");
    writeFileSync(file, JSON.stringify(body));
    const r = run({ settings: { topologyFile: file } });
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toContain(expected);
    expect(r.message).not.toContain("hunter2");
  });

  it("succeeds on the defaults (the control case)", () => {
    const r = run({});
    expect(r).toMatchObject({ code: 0, outdirLeft: true });
  });
});
