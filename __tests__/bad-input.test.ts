/**
 * Bad input across all scenarios: each configuration must make synthesis exit non-zero
 * with a message naming the field and the value, and leave no cdktf.out behind.
 * Runs the app in-process (runApp is what main.ts runs); main.test.ts covers the process.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stringify } from "yaml";
import { runApp, RunOptions } from "../app";
import { idcLeasedLine, multinationalHub, SeedScenario as Scenario, seedTopologies as defaultTopologies } from "./fixtures/seeds";
import { AuthAlgorithm, DhGroup, Topology } from "../lib/topology";
import { Draft, idcOf, linkOf, mutate, officeOf, vpcOf } from "./topology/draft";

interface Outcome {
  code: number;
  message: string;
  outdirLeft: boolean;
}

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
  [
    "a VPC CIDR has a /33 prefix",
    "vpc-peering-same-account",
    (t) => {
      vpcOf(t, "app-vpc").cidr = "10.1.0.0/33";
    },
    'vpcs[0].cidr = "10.1.0.0/33"',
  ],
  [
    "a VPC CIDR has host bits set",
    "vpc-peering-same-account",
    (t) => {
      vpcOf(t, "app-vpc").cidr = "10.1.0.1/16";
    },
    'vpcs[0].cidr = "10.1.0.1/16"',
  ],
  [
    "a vSwitch lies outside its VPC",
    "vpc-peering-same-account",
    (t) => {
      vpcOf(t, "app-vpc").vswitches[0]!.cidr = "10.9.0.0/24";
    },
    'vpcs[0].vswitches[0].cidr = "10.9.0.0/24"',
  ],
  [
    "two vSwitches overlap",
    "shared-nat",
    (t) => {
      vpcOf(t, "hub-vpc").vswitches[1]!.cidr = "192.168.0.0/25";
    },
    'vpcs[0].vswitches[1].cidr = "192.168.0.0/25"',
  ],
  [
    "peered VPCs overlap",
    "vpc-peering-same-account",
    (t) => {
      vpcOf(t, "data-vpc").cidr = "10.1.0.0/16";
      vpcOf(t, "data-vpc").vswitches[0]!.cidr = "10.1.0.0/24";
    },
    'vpcs[1].cidr = "10.1.0.0/16": overlaps',
  ],
  [
    "an office overlaps another office",
    "multinational-hub",
    (t) => {
      officeOf(t, "us-office-2").cidrs[0] = "10.10.10.0/24";
    },
    'offices[1].cidrs[0] = "10.10.10.0/24": overlaps',
  ],
  [
    "an office CIDR is not a CIDR",
    "multinational-hub",
    (t) => {
      officeOf(t, "cn-office-3").cidrs[0] = "10.20.10.0";
    },
    'offices[2].cidrs[0] = "10.20.10.0"',
  ],
  [
    "an IDC overlaps a VPC",
    "idc-leased-line",
    (t) => {
      idcOf(t, "beijing-idc").cidrs[0] = "172.16.0.0/12";
    },
    'idcs[0].cidrs[0] = "172.16.0.0/12": overlaps',
  ],
  // unknown references
  [
    "a peering names an unknown VPC",
    "vpc-peering-same-account",
    (t) => {
      linkOf(t, "app-data", "peering").acceptor = "db-vpc";
    },
    'links[0].acceptor = "db-vpc": names no vpc',
  ],
  [
    "a VPN link names an unknown office",
    "multinational-hub",
    (t) => {
      linkOf(t, "us-office-1", "vpn").office = "paris";
    },
    'links[1].office = "paris": names no office',
  ],
  [
    "a VBR link names an unknown IDC",
    "idc-leased-line",
    (t) => {
      linkOf(t, "idc-bj", "vbr").idc = "tianjin-idc";
    },
    'links[0].idc = "tianjin-idc": names no idc',
  ],
  [
    "a VPC names an unknown account",
    "vpc-peering-cross-account",
    (t) => {
      vpcOf(t, "acceptor-vpc").account = "partner";
    },
    'vpcs[1].account = "partner": names no account',
  ],
  [
    "a shared NAT names an unknown vSwitch",
    "shared-nat",
    (t) => {
      linkOf(t, "egress", "shared-nat").vswitch = "hub-dmz";
    },
    'links[1].vswitch = "hub-dmz"',
  ],
  [
    "a shared NAT spoke has no link to the hub",
    "shared-nat",
    (t) => {
      t.links.splice(0, 1);
    },
    'links[0].spokes[0] = "spoke-vpc": has no peering or router-interface link',
  ],
  [
    "a VPN link targets a VPC without a VPN gateway",
    "multinational-hub",
    (t) => {
      delete vpcOf(t, "cn-vpc").vpnGateway;
    },
    'links[3].vpc = "cn-vpc": has no vpnGateway',
  ],
  [
    "the region is unknown",
    "vpc-peering-same-account",
    (t) => {
      vpcOf(t, "app-vpc").region = "cn-hangzou";
    },
    'vpcs[0].region = "cn-hangzou"',
  ],
  [
    "a vSwitch zone is in another region",
    "shared-nat",
    (t) => {
      vpcOf(t, "spoke-vpc").vswitches[0]!.zone = "cn-beijing-h";
    },
    'vpcs[1].vswitches[0].zone = "cn-beijing-h"',
  ],
  [
    "two VPCs share a name",
    "vpc-peering-same-account",
    (t) => {
      vpcOf(t, "data-vpc").name = "app-vpc";
    },
    'vpcs[1].name = "app-vpc": duplicates',
  ],
  // ranges
  [
    "the VLAN is above 2999",
    "idc-leased-line",
    (t) => {
      idcOf(t, "beijing-idc").vbr.vlanId = 3000;
    },
    "idcs[0].vbr.vlanId = 3000",
  ],
  [
    "the VBR gateway IPs are equal",
    "idc-leased-line",
    (t) => {
      idcOf(t, "beijing-idc").vbr.peerGatewayIp = "10.255.0.1";
    },
    'idcs[0].vbr.peerGatewayIp = "10.255.0.1": equals localGatewayIp',
  ],
  [
    "the peer gateway is outside the peering subnet",
    "idc-leased-line",
    (t) => {
      idcOf(t, "beijing-idc").vbr.peerGatewayIp = "10.255.9.2";
    },
    'idcs[0].vbr.peerGatewayIp = "10.255.9.2": is outside the peering subnet',
  ],
  [
    "the peering mask is not a mask",
    "idc-leased-line",
    (t) => {
      idcOf(t, "beijing-idc").vbr.peeringSubnetMask = "255.255.0.255";
    },
    'idcs[0].vbr.peeringSubnetMask = "255.255.0.255"',
  ],
  [
    "a BFD interval is out of range",
    "idc-leased-line",
    (t) => {
      idcOf(t, "beijing-idc").vbr.minRxInterval = 50;
    },
    "idcs[0].vbr.minRxInterval = 50",
  ],
  [
    "the BGP peer uses Alibaba Cloud's ASN",
    "idc-leased-line",
    (t) => {
      idcOf(t, "beijing-idc").bgp = { peerAsn: 45104 };
    },
    "idcs[0].bgp.peerAsn = 45104",
  ],
  [
    "the leased line is both referenced and ordered",
    "idc-leased-line",
    (t) => {
      idcOf(t, "beijing-idc").leasedLine.create = { lineOperator: "CT" as never, portType: "1000Base-LX" as never, bandwidth: 100 };
    },
    "idcs[0].leasedLine = ",
  ],
  [
    "the physical connection ID is malformed",
    "idc-leased-line",
    (t) => {
      idcOf(t, "beijing-idc").leasedLine.physicalConnectionId = "vbr-123";
    },
    'idcs[0].leasedLine.physicalConnectionId = "vbr-123"',
  ],
  [
    "the VPN gateway bandwidth is not offered",
    "multinational-hub",
    (t) => {
      vpcOf(t, "us-vpc").vpnGateway!.bandwidth = 7;
    },
    "vpcs[0].vpnGateway.bandwidth = 7",
  ],
  [
    "the NAT EIP bandwidth is above 500",
    "shared-nat",
    (t) => {
      linkOf(t, "egress", "shared-nat").eipBandwidth = 900;
    },
    "links[1].eipBandwidth = 900",
  ],
  [
    "a same-region peering has a bandwidth",
    "vpc-peering-same-account",
    (t) => {
      linkOf(t, "app-data", "peering").bandwidth = 100;
    },
    "links[0].bandwidth = 100: is set on a same-region peering",
  ],
  [
    "an IPsec lifetime is out of range",
    "multinational-hub",
    (t) => {
      linkOf(t, "cn-office-4", "vpn").ipsec = { ipsecLifetime: 100000 };
    },
    "links[4].ipsec.ipsecLifetime = 100000",
  ],
  [
    "an office IP is private",
    "multinational-hub",
    (t) => {
      officeOf(t, "us-office-1").publicIp = "192.168.10.1";
    },
    'offices[0].publicIp = "192.168.10.1"',
  ],
  // cross-account gaps
  [
    "the acceptor account has no UID and no lookup",
    "vpc-peering-cross-account",
    (t) => {
      t.accounts[1]!.resolveUidAtPlan = false;
    },
    'links[0].acceptor = "acceptor-vpc": is a cross-account link but account acceptor has no `uid`',
  ],
  [
    "an account UID is not numeric",
    "vpc-peering-cross-account",
    (t) => {
      t.accounts[1]!.uid = "acc-42";
    },
    'accounts[1].uid = "acc-42"',
  ],
  [
    "a role ARN is malformed",
    "vpc-peering-cross-account",
    (t) => {
      t.accounts[1]!.credentials = { roleArn: "arn:aws:iam::1:role/x" };
    },
    'accounts[1].credentials.roleArn = "arn:aws:iam::1:role/x"',
  ],
  // crypto below the floor
  [
    "an office uses MD5",
    "multinational-hub",
    (t) => {
      linkOf(t, "us-office-2", "vpn").ipsec = { ikeAuth: AuthAlgorithm.MD5 };
    },
    'links[2].ipsec.ikeAuth = "md5": is below the crypto floor',
  ],
  [
    "an office uses DH group 2",
    "multinational-hub",
    (t) => {
      linkOf(t, "cn-office-3", "vpn").ipsec = { ipsecPfs: DhGroup.GROUP2 };
    },
    'links[3].ipsec.ipsecPfs = "group2": is below the crypto floor',
  ],
  // secrets in clear text
  [
    "a tag carries a secret",
    "multinational-hub",
    (t) => {
      t.tags = { preshared_key: "hunter2" };
    },
    'tags.preshared_key = "(redacted)"',
  ],
  // names that collide once derived (construct IDs, Terraform names), refused before any construct exists
  [
    "two VPC names differ only by a dash",
    "vpc-peering-same-account",
    (t) => {
      renameVpc(t, "app-vpc", "app-vpc-1");
      renameVpc(t, "data-vpc", "app-vpc1");
    },
    'vpcs[1].name = "app-vpc1": derives the construct ID',
  ],
  [
    "two VPC names differ only by a doubled dash",
    "shared-nat",
    (t) => {
      renameVpc(t, "spoke-vpc", "hub--vpc");
    },
    'vpcs[1].name = "hub--vpc": derives the construct ID',
  ],
  [
    "two vSwitch names of one VPC normalize alike",
    "shared-nat",
    (t) => {
      vpcOf(t, "hub-vpc").vswitches[1]!.name = "hub--nat";
    },
    'vpcs[0].vswitches[1].name = "hub--nat": derives the vSwitch construct ID',
  ],
  [
    "a VPN link and the interconnect normalize alike",
    "multinational-hub",
    (t) => {
      t.links[0]!.name = "us-office1";
    },
    'links[1].name = "us-office-1": derives the construct ID (link scope',
  ],
  [
    "a VPC is named like an IDC's VBR route table",
    "idc-leased-line",
    (t) => {
      renameVpc(t, "sz-vpc", "vbr-beijing-idc");
    },
    'idcs[0].name = "beijing-idc": derives the route table construct ID',
  ],
  [
    "a hub vSwitch is named like a spoke's SNAT entry",
    "shared-nat",
    (t) => {
      vpcOf(t, "hub-vpc").vswitches[1]!.name = "spoke-spoke-vpc";
    },
    'links[1].spokes[0] = "spoke-vpc": derives the SNAT entry construct ID',
  ],
  [
    "two account names differ only by a dash",
    "vpc-peering-cross-account",
    (t) => {
      renameAccount(t, "acceptor", "requester1");
      renameAccount(t, "requester", "requester-1");
    },
    'accounts[1].name = "requester1": derives the construct ID (account lookup',
  ],
  [
    "an office has two VPN links to one gateway from one device",
    "multinational-hub",
    (t) => {
      linkOf(t, "cn-office-4", "vpn").office = "cn-office-3";
    },
    'links[4].office = "cn-office-3": ends on device 203.0.113.13 like multinational-hub.links[3] (cn-office-3)',
  ],
  [
    "two offices share a public IP (one device)",
    "multinational-hub",
    (t) => {
      officeOf(t, "cn-office-4").publicIp = officeOf(t, "us-office-1").publicIp;
    },
    'offices[3].publicIp = "203.0.113.11": is also the public IP of multinational-hub.offices[0] (us-office-1)',
  ],
  // one destination twice in one route table
  [
    "one spoke is served by two shared NATs",
    "shared-nat",
    (t) => {
      addSecondHub(t);
      t.links.push({ kind: "shared-nat", name: "egress-2", hub: "hub2-vpc", vswitch: "hub2-nat", spokes: ["spoke-vpc"] });
    },
    'links[4].spokes[0] = "spoke-vpc": already reaches the internet through shared NAT egress',
  ],
  [
    "a shared NAT hub is another shared NAT's spoke",
    "shared-nat",
    (t) => {
      addSecondHub(t);
      t.links.push({ kind: "shared-nat", name: "egress-2", hub: "hub2-vpc", vswitch: "hub2-nat", spokes: ["hub-vpc"] });
    },
    'links[4].spokes[0] = "hub-vpc": already reaches the internet through shared NAT egress (its hub)',
  ],
  // secrets by value, wherever they sit; never echoed, never synthesized
  [
    "a tag value is an AccessKey ID",
    "shared-nat",
    (t) => {
      t.tags = { owner: AK_ID };
    },
    'tags.owner = "(redacted)": looks like an Alibaba Cloud AccessKey ID',
  ],
  [
    "a tag value is an AccessKey secret",
    "shared-nat",
    (t) => {
      vpcOf(t, "hub-vpc").tags = { note: AK_SECRET };
    },
    'vpcs[0].tags.note = "(redacted)": looks like a high-entropy string',
  ],
  [
    "a tag value holds a private key",
    "idc-leased-line",
    (t) => {
      t.tags = { cert: PRIVATE_KEY };
    },
    'tags.cert = "(redacted)": looks like a private key',
  ],
  [
    "a tag key is an AccessKey ID",
    "vpc-peering-same-account",
    (t) => {
      t.tags = { [AK_ID]: "x" };
    },
    'tags["(redacted)"] = "(redacted)": is a key that looks like an Alibaba Cloud AccessKey ID',
  ],
  [
    "a VPC name is an AccessKey ID",
    "vpc-peering-same-account",
    (t) => {
      renameVpc(t, "app-vpc", AK_ID);
    },
    'vpcs[0].name = "(redacted)"',
  ],
  [
    "two VPC names are private keys a dash apart (no derived ID echoes them)",
    "vpc-peering-same-account",
    (t) => {
      renameVpc(t, "app-vpc", PRIVATE_KEY);
      renameVpc(t, "data-vpc", PRIVATE_KEY.replace("BG5v", "BG-5v"));
    },
    'vpcs[1].name = "(redacted)": looks like a private key',
  ],
  [
    "a CLI profile name is an STS token",
    "vpc-peering-cross-account",
    (t) => {
      t.accounts[0]!.credentials = { profile: STS_TOKEN };
    },
    'accounts[0].credentials.profile = "(redacted)": looks like an STS AccessKey ID or token',
  ],
  // API string limits (lib/topology/limits.ts)
  [
    "a tag key is longer than 128 characters",
    "shared-nat",
    (t) => {
      t.tags = { ["k".repeat(129)]: "v" };
    },
    `tags.${"k".repeat(129)} = "${"k".repeat(40)}`,
  ],
  [
    "a tag value is longer than 128 characters",
    "shared-nat",
    (t) => {
      t.tags = { team: "v".repeat(129) };
    },
    'tags.team = "vvvv',
  ],
  [
    "a tag key uses the reserved prefix aliyun",
    "vpc-peering-same-account",
    (t) => {
      t.tags = { "aliyun-team": "net" };
    },
    'tags.aliyun-team = "aliyun-team": key starts with "aliyun", which Alibaba Cloud reserves',
  ],
  [
    "a tag value uses the reserved prefix acs:",
    "idc-leased-line",
    (t) => {
      vpcOf(t, "bj-vpc").tags = { team: "acs:net" };
    },
    'vpcs[0].tags.team = "acs:net": starts with "acs:", which Alibaba Cloud reserves',
  ],
  [
    "a tag value contains a URL",
    "multinational-hub",
    (t) => {
      t.tags = { wiki: "see https://wiki.example/net" };
    },
    'tags.wiki = "see https://wiki.example/net": contains "https://"',
  ],
  [
    "a VPC carries more than 20 tags",
    "shared-nat",
    (t) => {
      vpcOf(t, "spoke-vpc").tags = Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`t${i}`, "x"]));
    },
    'vpcs[1].tags = "22 tags": gives VPC spoke-vpc 22 tags',
  ],
  [
    "an STS session name has a space",
    "vpc-peering-cross-account",
    (t) => {
      t.accounts[0]!.credentials = { profile: "requester", sessionName: "ci run" };
    },
    'accounts[0].credentials.sessionName = "ci run": has characters not allowed in an STS role session name',
  ],
];

const AK_ID = "LTAI5tQ9zXn2bY7cD3eF8gHk";
const AK_SECRET = "Zq8Xk2Lm9Pw4Rt7Vb3Nc6Jh1Gd5Fs0";
const STS_TOKEN = "STS.NUgYrLnoC9x7k2Qm4Zp8Vw3Rt";
const PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----";
const SECRETS = [AK_ID, AK_SECRET, STS_TOKEN, "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", "BG5vbmUAAAAEbm9uZQ"];

function renameVpc(t: Draft<Topology>, from: string, to: string): void {
  vpcOf(t, from).name = to;
  for (const l of t.links) {
    for (const k of ["requester", "acceptor", "from", "to", "vpc", "hub"] as const)
      if ((l as Record<string, unknown>)[k] === from) (l as Record<string, unknown>)[k] = to;
    if (l.kind === "shared-nat") l.spokes = l.spokes.map((s) => (s === from ? to : s));
  }
}

function renameAccount(t: Draft<Topology>, from: string, to: string): void {
  t.accounts.find((a) => a.name === from)!.name = to;
  for (const v of t.vpcs) if (v.account === from) v.account = to;
}

function addSecondHub(t: Draft<Topology>): void {
  t.vpcs.push({
    name: "hub2-vpc",
    account: "main",
    region: "cn-hangzhou",
    cidr: "10.50.0.0/16",
    vswitches: [{ name: "hub2-nat", zone: "cn-hangzhou-h", cidr: "10.50.0.0/24" }],
  });
  t.links.push({ kind: "peering", name: "hub2-spoke", requester: "hub2-vpc", acceptor: "spoke-vpc" });
  t.links.push({ kind: "peering", name: "hub2-hub", requester: "hub2-vpc", acceptor: "hub-vpc" });
}

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
    for (const secret of SECRETS) expect(r.message).not.toContain(secret);
    expect(r.outdirLeft).toBe(false);
  });

  it.each([
    ["the environment is unknown", { settings: { env: "qa" } }, 'env = "qa": is not an environment'],
    ["the hub interconnect is unknown", { settings: { hubInterconnect: "cen" } }, 'hubInterconnect = "cen": is not an interconnect'],
    [
      "the IDC interconnect is unknown",
      { settings: { idcInterconnect: "ecr" } },
      'idcInterconnect = "ecr": is not an IDC interconnect; allowed: vbr, transit-router',
    ],
  ])("fails when %s", (_n, opts, expected) => {
    const r = run(opts as RunOptions);
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toContain(expected);
  });

  it.each([
    [
      "a topology file holds a pre-shared key",
      { ...d["multinational-hub"], offices: d["multinational-hub"].offices!.map((o, i) => (i === 0 ? { ...o, psk: "hunter2" } : o)) },
      'offices[0].psk = "(redacted)"',
    ],
    ["a topology file has an unknown field", { ...d["shared-nat"], natGateway: {} }, "shared-nat.natGateway = {}: is not a known field"],
    [
      "a topology file names no scenario",
      { ...d["shared-nat"], name: "egress-hub" },
      'egress-hub.name = "egress-hub": names no scenario stack',
    ],
    [
      "a topology file puts two transit routers in one region",
      mutate(
        multinationalHub("transit-router"),
        (t) => void (linkOf(t, "us-cn", "transit-router").routers = [{ region: "us-east-1" }, { region: "us-east-1" }]),
      ),
      'multinational-hub.links[0].routers[1].region = "us-east-1": already has a transit router',
    ],
    [
      "a topology file attaches a VPC whose vSwitches are in one zone of a multi-zone TR region",
      mutate(multinationalHub("transit-router"), (t) => void (vpcOf(t, "cn-vpc").vswitches[1]!.zone = "cn-shanghai-d")),
      'multinational-hub.links[0].vpcs[1] = "cn-vpc": has vSwitches in 1 of the transit router\'s zones',
    ],
    [
      "a topology file gives an IDC both a vbr link and a transit-router link",
      mutate(idcLeasedLine("transit-router"), (t) => void t.links.push({ kind: "vbr", name: "idc-bj", idc: "beijing-idc", vpc: "bj-vpc" })),
      'idc-leased-line.links[0].idcs[0] = "beijing-idc": also has a `vbr` link',
    ],
  ])("fails when %s", (_n, body, expected) => {
    const file = join(mkdtempSync(join(tmpdir(), "file-")), "topology.json");
    writeFileSync(file, JSON.stringify(body));
    const r = run({ settings: { topologyFile: file } });
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toContain(expected);
    expect(r.message).not.toContain("hunter2");
  });

  // files as people write (and break) them: size, nesting, syntax, encoding, values as written
  const hub = d["idc-leased-line"];
  const json = JSON.stringify(hub, null, 2);
  const yaml = stringify(hub);
  it.each<[string, string, string | Buffer, string]>([
    ["a file is larger than 4 MiB", "big.json", json.replace('"name"', `"pad": "${"x".repeat(4_200_000)}", "name"`), "is 42"],
    [
      "a JSON file nests 50,000 levels deep",
      "deep.json",
      `{"name": "shared-nat", "x": ${"[".repeat(50_000)}${"]".repeat(50_000)}}`,
      "is nested more than 32 levels deep at line 1, column 60",
    ],
    [
      "a YAML file nests 20,000 levels deep",
      "deep.yaml",
      `name: shared-nat\nx: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`,
      "is nested too deeply to read at line 2",
    ],
    [
      "a JSON object nests 40 levels deep within the size of a topology",
      "nested.json",
      json.replace('"name"', `"x": ${'{"a": '.repeat(40)}1${"}".repeat(40)}, "name"`),
      "is nested more than 32 levels deep at line 2, column",
    ],
    [
      "a JSON file has a trailing comma",
      "comma.json",
      json.replace('"cn-beijing"', '"cn-beijing",').replace(/"cn-beijing",(\s*)"cidr"/, '"cn-beijing"$1"cidr"'),
      "is not valid JSON",
    ],
    [
      "a JSON file misses a comma",
      "missing.json",
      json.replace('"name": "bj-vpc",', '"name": "bj-vpc"'),
      "is not valid JSON: expected ',' or a closing bracket at line 11, column 7",
    ],
    [
      "a JSON file has a comment",
      "comment.json",
      json.replace("{", "{ // the IDC\n"),
      "is not valid JSON: comments are not JSON (use YAML for comments) at line 1, column 3",
    ],
    ["a YAML file has a tab indentation error", "tab.yaml", yaml.replace("vpcs:\n  - name", "vpcs:\n\t- name"), "is not valid YAML"],
    [
      "a JSON file gives a key twice",
      "dup.json",
      json.replace('"name": "bj-vpc",', '"name": "bj-vpc", "name": "sz-vpc",'),
      'is ambiguous: key "name" of .vpcs[0] appears twice (line 10, column 7 and line 10, column 25)',
    ],
    [
      "a YAML file gives a key twice",
      "dup.yaml",
      yaml.replace("name: idc-leased-line", "name: idc-leased-line\nname: shared-nat"),
      "Map keys must be unique at line 2, column 1",
    ],
    ["a file is UTF-16", "utf16.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")]), "is UTF-16"],
    [
      "a file is not valid UTF-8",
      "latin1.yaml",
      Buffer.from(yaml.replace("cn-beijing", "cn-b\u00e9ijing"), "latin1"),
      "is not valid UTF-8 at line",
    ],
    [
      "a field holds a 5,000-character string",
      "long.json",
      json.replace('"cn-beijing"', `"${"cn-beijing".repeat(500)}"`),
      'idc-leased-line.vpcs[0].region = "cn-beijingcn-beijing',
    ],
    [
      "a YAML number is written in hex",
      "hex.yaml",
      yaml.replace("vlanId: 100", "vlanId: 0xBB8"),
      "idc-leased-line.idcs[0].vbr.vlanId = 0xBB8: is out of range; allowed: an integer 0–2999",
    ],
    [
      "a JSON number is written with an exponent",
      "exp.json",
      json.replace('"vlanId": 100', '"vlanId": 3e3'),
      "idc-leased-line.idcs[0].vbr.vlanId = 3e3: is out of range",
    ],
    [
      "a secret sits under a short name (pwd)",
      "pwd.yaml",
      yaml.replace("peerAsn: 65001", `peerAsn: 65001\n    pwd: ${AK_SECRET}`),
      'idc-leased-line.idcs[0].pwd = "(redacted)": looks like a secret',
    ],
    [
      "a secret sits under a short name (key)",
      "key.json",
      json.replace('"vlanId": 100', '"vlanId": 100, "key": "hunter2"'),
      'idc-leased-line.idcs[0].vbr.key = "(redacted)": looks like a secret',
    ],
    ["a YAML file holds two documents", "two.yaml", `${yaml}---\n${yaml}`, "holds more than one YAML document ('---' at line"],
    [
      "a YAML file multiplies aliases (billion laughs)",
      "laughs.yaml",
      `name: idc-leased-line\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`,
      "is not valid YAML: Excessive alias count",
    ],
    [
      "a JSON number overflows to infinity",
      "inf.json",
      json.replace('"vlanId": 100', '"vlanId": 1e400'),
      "idc-leased-line.idcs[0].vbr.vlanId = 1e400: is not a finite number",
    ],
    [
      "a key holds a space and an equals sign",
      "odd-key.json",
      json.replace('"vlanId": 100', '"vlanId": 100, "a = b": 1'),
      'idc-leased-line.idcs[0].vbr["a = b"] = 1: is not a known field here',
    ],
  ])("fails when %s", (_n, name, body, expected) => {
    const file = join(mkdtempSync(join(tmpdir(), "file-")), name);
    writeFileSync(file, body);
    const r = run({ settings: { topologyFile: file } });
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toContain(expected);
    expect(r.message).not.toMatch(/^\s+at /m); // no stack trace
    expect(r.message.length).toBeLessThan(2000); // no huge echo
    for (const secret of [...SECRETS, "hunter2"]) expect(r.message).not.toContain(secret);
  });

  it("fails when a list in a file holds more than 2,000 items, before any rule compares them", () => {
    const t = structuredClone(d["shared-nat"]) as Draft<Topology>;
    t.vpcs[0]!.vswitches = Array.from({ length: 2500 }, (_, i) => ({ name: `s${i}`, zone: "cn-hangzhou-h", cidr: "192.168.0.0/24" }));
    const file = join(mkdtempSync(join(tmpdir(), "file-")), "long-list.json");
    writeFileSync(file, JSON.stringify(t));
    const r = run({ settings: { topologyFile: file } });
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toContain(
      'shared-nat.vpcs[0].vswitches = "[2500 items]": is a list of 2500 items; allowed: at most 2000 in any list',
    );
  });

  it("fails with a bounded message when 2,000 vSwitches all overlap (two million pairs)", () => {
    const t = structuredClone(d["shared-nat"]) as Draft<Topology>;
    t.vpcs[0]!.vswitches = Array.from({ length: 2000 }, (_, i) => ({ name: `s${i}`, zone: "cn-hangzhou-h", cidr: "192.168.0.0/24" }));
    const file = join(mkdtempSync(join(tmpdir(), "file-")), "overlaps.json");
    writeFileSync(file, JSON.stringify(t));
    const r = run({ settings: { topologyFile: file } });
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toMatch(/^topology "shared-nat" is invalid \(\d+ problems or more\):$/m);
    expect(r.message).toContain('shared-nat.vpcs[0].vswitches[1].cidr = "192.168.0.0/24": overlaps sibling');
    expect(r.message).toMatch(/\n {2}\.\.\. and \d+ more \(fix the ones above first\)$/);
    expect(r.message.split("\n").length).toBe(102); // header, 100 problems, the count of the rest
  });

  it("fails when a topology file is a directory", () => {
    const r = run({ settings: { topologyFile: mkdtempSync(join(tmpdir(), "dir-")) } });
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toContain("is not a regular file");
  });

  it("fails, without waiting for a writer, when a topology file is a named pipe", () => {
    const fifo = join(mkdtempSync(join(tmpdir(), "fifo-")), "topology.json");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const r = run({ settings: { topologyFile: fifo } });
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toContain("is not a regular file");
  });

  it("fails when a topology file does not exist", () => {
    const r = run({ settings: { topologyFile: join(tmpdir(), "no-such-dir", "topology.yaml") } });
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toContain("cannot be read (ENOENT)");
  });

  it.each([
    ["__proto__ (a member of every object)", "__proto__", 'env = "__proto__": is not an environment; allowed: dev, prod'],
    ["constructor (a member of every object)", "constructor", 'env = "constructor": is not an environment; allowed: dev, prod'],
    ["an AccessKey ID", AK_ID, 'env = "(redacted)": is not an environment'],
  ])("fails when the environment is %s", (_n, env, expected) => {
    const r = run({ settings: { env } });
    expect([r.code, r.outdirLeft]).toEqual([1, false]);
    expect(r.message).toContain(expected);
    expect(r.message).not.toContain(AK_ID);
  });

  // (settings themselves come resolved from config/settings.ts, which checks their types)
  it.each([["the cdktf context is not JSON", "env=prod", 'context = "(cdktf context)": cannot be read']])(
    "fails when %s",
    (_n, context, expected) => {
      process.env.CDKTF_CONTEXT_JSON = context;
      try {
        const r = run({});
        expect([r.code, r.outdirLeft]).toEqual([1, false]);
        expect(r.message).toContain(expected);
      } finally {
        delete process.env.CDKTF_CONTEXT_JSON;
      }
    },
  );

  it("accepts a UTF-8 byte-order mark (JSON and YAML)", () => {
    for (const [name, text] of [
      ["bom.json", json],
      ["bom.yaml", yaml],
    ] as const) {
      const file = join(mkdtempSync(join(tmpdir(), "file-")), name);
      writeFileSync(file, `\ufeff${text}`);
      expect(run({ settings: { topologyFile: file }, only: ["idc-leased-line"] })).toMatchObject({ code: 0, outdirLeft: true });
    }
  });

  it("succeeds on the defaults (the control case)", () => {
    const r = run({});
    expect(r).toMatchObject({ code: 0, outdirLeft: true });
  });
});
