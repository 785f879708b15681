import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { sharedNat } from "../fixtures/seeds/shared-nat";
import { vpcPeeringCrossAccount, vpcPeeringSameAccount } from "../fixtures/seeds/vpc-peering";
import {
  assertValidTopology,
  AuthAlgorithm,
  DhGroup,
  EncryptionAlgorithm,
  LineOperator,
  PeeringLinkType,
  PortType,
  Topology,
  TopologyError,
  TopologyIssue,
  validateTopology,
} from "../../lib/topology";
import { Draft, idcOf, linkOf, mutate, officeOf, singleTunnelUsVpc, vpcOf } from "./draft";

/** One broken field and the single issue it must produce. */
interface Case {
  /** Completes the test name "fails when ...". */
  readonly when: string;
  readonly base: () => Topology;
  readonly change: (t: Draft<Topology>) => void;
  readonly path: string;
  readonly value: unknown;
  /** A fragment of the message, normally from its "allowed: ..." part. */
  readonly allowed: string;
  /** Issues expected in total, when the change necessarily breaks more than one rule. @default 1 */
  readonly count?: number;
}

const hub = () => multinationalHub();
const idc = () => idcLeasedLine();
const nat = () => sharedNat();
const same = () => vpcPeeringSameAccount();
const cross = () => vpcPeeringCrossAccount();

/** GIVEN a default topology with one field changed, WHEN validated, THEN exactly that issue is reported. */
function runCases(cases: readonly Case[]): void {
  it.each<Case>(cases)("fails when $when", ({ base, change, path, value, allowed, count }) => {
    // GIVEN
    const t = mutate(base(), change);
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toContainEqual({ path, value, message: expect.stringContaining(allowed) });
    expect(issues).toHaveLength(count ?? 1);
  });
}

describe("validateTopology: default configs", () => {
  it.each<[string, () => Topology]>([
    ['multinationalHub("router-interface")', () => multinationalHub("router-interface")],
    ['multinationalHub("peering")', () => multinationalHub("peering")],
    ["idcLeasedLine()", () => idcLeasedLine()],
    ["sharedNat()", () => sharedNat()],
    ["vpcPeeringSameAccount()", () => vpcPeeringSameAccount()],
    ['vpcPeeringSameAccount("cn-shanghai")', () => vpcPeeringSameAccount("cn-shanghai")],
    ["vpcPeeringCrossAccount()", () => vpcPeeringCrossAccount()],
  ])("%s has no issues", (_label, make) => {
    // GIVEN a seed config, WHEN validated, THEN
    expect(validateTopology(make())).toEqual([]);
  });
});

describe("validateTopology: CIDRs", () => {
  it.each(["172.16.0.0", "172.16.0.0/33", "172.16.0.256/16", "172.016.0.0/16", "172.16.0.0/16 ", "fd00::/8"])(
    "fails when a VPC CIDR is malformed (%j)",
    (bad) => {
      // GIVEN
      const t = mutate(hub(), (d) => {
        vpcOf(d, "us-vpc").cidr = bad;
      });
      // WHEN
      const issues = validateTopology(t);
      // THEN
      expect(issues).toEqual([
        { path: "multinational-hub.vpcs[0].cidr", value: bad, message: expect.stringContaining("allowed: a.b.c.d/n with n 0–32") },
      ]);
    },
  );

  runCases([
    {
      when: "a VPC CIDR has host bits set (the message suggests the network)",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").cidr = "172.16.1.0/16";
      },
      path: "multinational-hub.vpcs[0].cidr",
      value: "172.16.1.0/16",
      allowed: "did you mean 172.16.0.0/16?",
    },
    {
      when: "an office CIDR has host bits set",
      base: hub,
      change: (d) => {
        officeOf(d, "us-office-1").cidrs = ["10.10.10.1/24"];
      },
      path: "multinational-hub.offices[0].cidrs[0]",
      value: "10.10.10.1/24",
      allowed: "did you mean 10.10.10.0/24?",
    },
    {
      when: "a vSwitch lies outside its VPC",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").vswitches[1]!.cidr = "172.17.5.0/24";
      },
      path: "multinational-hub.vpcs[0].vswitches[1].cidr",
      value: "172.17.5.0/24",
      allowed: "allowed: a block inside 172.16.0.0/16",
    },
    {
      when: "a vSwitch overlaps a sibling vSwitch",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").vswitches[1]!.cidr = "172.16.0.128/25";
      },
      path: "multinational-hub.vpcs[0].vswitches[1].cidr",
      value: "172.16.0.128/25",
      allowed: "overlaps sibling multinational-hub.vpcs[0].vswitches[0] (172.16.0.0/24); allowed: disjoint vSwitch blocks",
    },
    {
      when: "a VPC prefix is longer than /28",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").cidr = "172.16.0.0/29";
      },
      path: "multinational-hub.vpcs[0].cidr",
      value: "172.16.0.0/29",
      allowed: "prefix /29 is out of range for a VPC; allowed: /8 to /28",
    },
    {
      when: "a VPC prefix is shorter than /8",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").cidr = "10.0.0.0/7";
      },
      path: "multinational-hub.vpcs[0].cidr",
      value: "10.0.0.0/7",
      allowed: "allowed: /8 to /28",
    },
    {
      when: "a vSwitch prefix is longer than /29",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").vswitches[1]!.cidr = "172.16.1.0/30";
      },
      path: "multinational-hub.vpcs[0].vswitches[1].cidr",
      value: "172.16.1.0/30",
      allowed: "out of range for a vSwitch; allowed: /16 to /29",
    },
    {
      when: "a vSwitch prefix is shorter than /16",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").vswitches[1]!.cidr = "172.16.0.0/15";
      },
      path: "multinational-hub.vpcs[0].vswitches[1].cidr",
      value: "172.16.0.0/15",
      allowed: "allowed: /16 to /29",
    },
    {
      when: "a site CIDR prefix is shorter than /8",
      base: hub,
      change: (d) => {
        officeOf(d, "us-office-1").cidrs = ["10.0.0.0/7"];
      },
      path: "multinational-hub.offices[0].cidrs[0]",
      value: "10.0.0.0/7",
      allowed: "out of range for a site network; allowed: /8 to /32",
    },
    {
      when: "an office has no CIDR",
      base: hub,
      change: (d) => {
        officeOf(d, "us-office-1").cidrs = [];
      },
      path: "multinational-hub.offices[0].cidrs",
      value: [],
      allowed: "allowed: at least one CIDR",
    },
    {
      when: "two CIDRs of one office overlap",
      base: hub,
      change: (d) => {
        officeOf(d, "us-office-1").cidrs = ["10.10.10.0/24", "10.10.10.0/25"];
      },
      path: "multinational-hub.offices[0].cidrs[1]",
      value: "10.10.10.0/25",
      allowed: "overlaps multinational-hub.offices[0].cidrs[0] (10.10.10.0/24); allowed: disjoint CIDRs",
    },
    {
      when: "two offices on one VPN gateway overlap",
      base: hub,
      change: (d) => {
        officeOf(d, "us-office-2").cidrs = ["10.10.10.0/25"];
      },
      path: "multinational-hub.offices[1].cidrs[0]",
      value: "10.10.10.0/25",
      allowed: "overlaps multinational-hub.offices[0].cidrs[0] (10.10.10.0/24) of us-office-1",
    },
    {
      when: "an office overlaps a VPC it reaches through another VPC",
      base: hub,
      change: (d) => {
        officeOf(d, "cn-office-3").cidrs = ["172.16.8.0/24"];
      },
      path: "multinational-hub.offices[2].cidrs[0]",
      value: "172.16.8.0/24",
      allowed:
        "overlaps multinational-hub.vpcs[0].cidr (172.16.0.0/16) of us-vpc, and us-vpc and cn-office-3 exchange routes; allowed: non-overlapping address ranges",
    },
  ]);

  it("does not report overlapping CIDRs of networks that exchange no routes", () => {
    // GIVEN two unlinked VPCs with the same block
    const overlapping = (d: Draft<Topology>) => {
      const data = vpcOf(d, "data-vpc");
      data.cidr = "10.1.0.0/16";
      data.vswitches[0]!.cidr = "10.1.0.0/24";
    };
    const disconnected = mutate(same(), (d) => {
      overlapping(d);
      d.links = [];
    });
    const connected = mutate(same(), overlapping);
    // WHEN
    const apart = validateTopology(disconnected);
    const linked = validateTopology(connected);
    // THEN only the linked pair is a problem
    expect(apart).toEqual([]);
    expect(linked).toEqual([
      {
        path: "vpc-peering-same-account.vpcs[1].cidr",
        value: "10.1.0.0/16",
        message: expect.stringContaining("overlaps vpc-peering-same-account.vpcs[0].cidr (10.1.0.0/16) of app-vpc"),
      },
    ]);
  });
});

describe("validateTopology: regions and zones", () => {
  runCases([
    {
      when: "a VPC region is unknown to the provider",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").region = "us-east-9";
      },
      path: "multinational-hub.vpcs[0].region",
      value: "us-east-9",
      allowed: "is not a region the provider knows; allowed: us-west-1, us-east-1",
    },
    {
      when: "an IDC region is unknown to the provider",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").region = "cn-atlantis";
      },
      path: "idc-leased-line.idcs[0].region",
      value: "cn-atlantis",
      allowed: "allowed: cn-hangzhou, cn-qingdao, cn-beijing",
    },
    {
      when: "a vSwitch zone is not in the VPC's region",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").vswitches[0]!.zone = "cn-shanghai-e";
      },
      path: "multinational-hub.vpcs[0].vswitches[0].zone",
      value: "cn-shanghai-e",
      allowed: "does not exist in region us-east-1; allowed: us-east-1a, us-east-1b",
    },
  ]);
});

describe("validateTopology: names and accounts", () => {
  runCases([
    {
      when: "the topology name is not a valid name",
      base: hub,
      change: (d) => {
        d.name = "Multinational_Hub";
      },
      path: "name",
      value: "Multinational_Hub",
      allowed: "(lower-case letters, digits, dashes)",
    },
    {
      when: "a vSwitch name is not a valid name",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").vswitches.push({ name: "us_c", zone: "us-east-1a", cidr: "172.16.2.0/24" });
      },
      path: "multinational-hub.vpcs[0].vswitches[2].name",
      value: "us_c",
      allowed: "allowed: 2–40 characters of a-z, 0-9 and '-'",
    },
    {
      when: "two accounts share a name",
      base: hub,
      change: (d) => {
        d.accounts.push({ name: "main" });
      },
      path: "multinational-hub.accounts[1].name",
      value: "main",
      allowed: "duplicates accounts[0]; allowed: unique account names",
    },
    {
      when: "an office has the name of a VPC",
      base: hub,
      change: (d) => {
        d.offices!.push({ name: "cn-vpc", publicIp: "203.0.113.20", cidrs: ["10.99.0.0/24"] });
      },
      path: "multinational-hub.offices[4].name",
      value: "cn-vpc",
      allowed: "duplicates multinational-hub.vpcs[1]; allowed: names unique across vpcs, offices and idcs",
    },
    {
      when: "an IDC has the name of a VPC",
      base: idc,
      change: (d) => {
        d.idcs!.push({ ...structuredClone(idcOf(d, "beijing-idc")), name: "sz-vpc", cidrs: ["10.101.0.0/16"] });
      },
      path: "idc-leased-line.idcs[1].name",
      value: "sz-vpc",
      allowed: "duplicates idc-leased-line.vpcs[1]; allowed: names unique across vpcs, offices and idcs",
    },
    {
      when: "two links share a name",
      base: hub,
      change: (d) => {
        linkOf(d, "cn-office-4", "vpn").name = "us-office-1";
      },
      path: "multinational-hub.links[4].name",
      value: "us-office-1",
      allowed: "duplicates links[1]; allowed: unique link names",
    },
    {
      when: "two vSwitches of one VPC share a name",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").vswitches.push({ name: "us-a", zone: "us-east-1a", cidr: "172.16.2.0/24" });
      },
      path: "multinational-hub.vpcs[0].vswitches[2].name",
      value: "us-a",
      allowed: "duplicates multinational-hub.vpcs[0].vswitches[0]; allowed: vSwitch names unique within a VPC",
    },
    {
      when: "a VPC names an unknown account",
      base: hub,
      change: (d) => {
        vpcOf(d, "cn-vpc").account = "other";
      },
      path: "multinational-hub.vpcs[1].account",
      value: "other",
      allowed: "names no account; allowed: main",
    },
    {
      when: "an account UID is not numeric",
      base: hub,
      change: (d) => {
        d.accounts[0]!.uid = "12ab";
      },
      path: "multinational-hub.accounts[0].uid",
      value: "12ab",
      allowed: "allowed: 6–20 digits",
    },
    {
      when: "a role ARN is not a RAM role ARN",
      base: hub,
      change: (d) => {
        d.accounts[0]!.credentials = { roleArn: "arn:aws:iam::123456789012:role/x" };
      },
      path: "multinational-hub.accounts[0].credentials.roleArn",
      value: "arn:aws:iam::123456789012:role/x",
      allowed: "allowed: acs:ram::<uid>:role/<name>",
    },
    {
      when: "there is no account (and so every VPC's account is unknown)",
      base: hub,
      change: (d) => {
        d.accounts = [];
      },
      path: "multinational-hub.accounts",
      value: [],
      allowed: "allowed: at least one account",
      count: 3,
    },
    {
      when: "there is no VPC (and so the peering names no VPC at either end)",
      base: same,
      change: (d) => {
        d.vpcs = [];
      },
      path: "vpc-peering-same-account.vpcs",
      value: [],
      allowed: "allowed: at least one VPC",
      count: 3,
    },
    {
      when: "a VPC has no vSwitch",
      base: same,
      change: (d) => {
        vpcOf(d, "data-vpc").vswitches = [];
      },
      path: "vpc-peering-same-account.vpcs[1].vswitches",
      value: [],
      allowed: "allowed: at least one vSwitch",
    },
  ]);
});

describe("validateTopology: VPN gateways and offices", () => {
  runCases([
    {
      when: "the VPN gateway bandwidth is not an offered size",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").vpnGateway!.bandwidth = 15;
      },
      path: "multinational-hub.vpcs[0].vpnGateway.bandwidth",
      value: 15,
      allowed: "allowed: 5, 10, 20, 50, 100, 200, 500, 1000 Mbit/s",
    },
    {
      when: "the VPN gateway names an unknown vSwitch",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").vpnGateway!.vswitch = "us-z";
      },
      path: "multinational-hub.vpcs[0].vpnGateway.vswitch",
      value: "us-z",
      allowed: "names no vSwitch of VPC us-vpc; allowed: us-a, us-b",
    },
    {
      when: "the disaster-recovery vSwitch is unknown",
      base: hub,
      change: (d) => {
        vpcOf(d, "us-vpc").vpnGateway!.disasterRecoveryVswitch = "us-z";
      },
      path: "multinational-hub.vpcs[0].vpnGateway.disasterRecoveryVswitch",
      value: "us-z",
      allowed: "allowed: us-a, us-b",
    },
    {
      when: "the disaster-recovery vSwitch is in the main vSwitch's zone",
      base: hub,
      change: (d) => {
        const v = vpcOf(d, "us-vpc");
        v.vswitches[1]!.zone = "us-east-1a";
        v.vpnGateway!.disasterRecoveryVswitch = "us-b";
      },
      path: "multinational-hub.vpcs[0].vpnGateway.disasterRecoveryVswitch",
      value: "us-b",
      allowed: "is in the same zone (us-east-1a) as us-a; allowed: a vSwitch in another zone",
    },
    {
      when: "a VPN gateway in a dual-tunnel region has no disaster-recovery vSwitch",
      base: hub,
      change: (d) => {
        delete (vpcOf(d, "cn-vpc").vpnGateway as { disasterRecoveryVswitch?: string }).disasterRecoveryVswitch;
      },
      path: "multinational-hub.vpcs[1].vpnGateway.disasterRecoveryVswitch",
      value: undefined,
      allowed:
        "is required: new VPN gateways in cn-shanghai are dual-tunnel and CreateVpnGateway needs DisasterRecoveryVSwitchId (VPN Gateway docs: IPsec-VPN connections support the dual-tunnel mode); allowed: a vSwitch in another zone (sh-f)",
    },
    {
      when: "a VPN gateway in a single-tunnel region has a disaster-recovery vSwitch",
      base: hub,
      change: (d) => {
        const v = vpcOf(d, "us-vpc");
        v.region = "me-central-1";
        v.vswitches[0]!.zone = "me-central-1a";
        v.vswitches[1]!.zone = "me-central-1b";
      },
      path: "multinational-hub.vpcs[0].vpnGateway.disasterRecoveryVswitch",
      value: "us-b",
      allowed: "is set, but VPN gateways in me-central-1 are single-tunnel only",
    },
    {
      when: "the disaster-recovery vSwitch is in a zone without dual-tunnel support",
      base: hub,
      change: (d) => {
        vpcOf(d, "cn-vpc").vswitches[1]!.zone = "cn-shanghai-a";
      },
      path: "multinational-hub.vpcs[1].vpnGateway.disasterRecoveryVswitch",
      value: "sh-f",
      allowed:
        "is in zone cn-shanghai-a, which has no dual-tunnel VPN support (VPN Gateway docs: IPsec-VPN connections support the dual-tunnel mode); allowed: a vSwitch in cn-shanghai-k",
    },
    {
      when: "a vpn link ends at a VPC without a VPN gateway",
      base: hub,
      change: (d) => {
        delete vpcOf(d, "cn-vpc").vpnGateway;
      },
      path: "multinational-hub.links[3].vpc",
      value: "cn-vpc",
      allowed: "has no vpnGateway; allowed: a VPC with `vpnGateway` set (us-vpc)",
      count: 2,
    },
    {
      when: "an office ASN is Alibaba Cloud's own (45104)",
      base: hub,
      change: (d) => {
        officeOf(d, "us-office-1").asn = 45104;
      },
      path: "multinational-hub.offices[0].asn",
      value: 45104,
      allowed: "allowed: any other ASN, e.g. a private one 64512–65534",
    },
  ]);

  it("reports every vpn link to a VPC without a VPN gateway", () => {
    // GIVEN cn-vpc loses its gateway but keeps two offices
    const t = mutate(hub(), (d) => {
      delete vpcOf(d, "cn-vpc").vpnGateway;
    });
    // WHEN
    const paths = validateTopology(t).map((i) => i.path);
    // THEN
    expect(paths).toEqual(["multinational-hub.links[3].vpc", "multinational-hub.links[4].vpc"]);
  });

  it.each([0, -1, 4294967296, 1.5])("fails when an office ASN is out of range (%p)", (asn) => {
    // GIVEN
    const t = mutate(hub(), (d) => {
      officeOf(d, "us-office-1").asn = asn;
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      { path: "multinational-hub.offices[0].asn", value: asn, message: expect.stringContaining("allowed: an integer 1–4294967295") },
    ]);
  });

  it.each([1, 65001, 4294967295])("accepts the office ASN %p", (asn) => {
    // GIVEN / WHEN / THEN
    expect(
      validateTopology(
        mutate(hub(), (d) => {
          officeOf(d, "us-office-1").asn = asn;
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    ["private", "10.0.0.1"],
    ["private", "192.168.1.1"],
    ["CGNAT", "100.64.0.1"],
    ["loopback", "127.0.0.1"],
    ["link-local", "169.254.1.1"],
    ["multicast", "224.0.0.1"],
    ["unspecified", "0.0.0.0"],
    ["benchmarking", "198.18.0.1"],
    ["not an address", "office.example.com"],
    ["three parts", "203.0.113"],
  ])("fails when an office IP is not public (%s %s)", (_kind, ip) => {
    // GIVEN
    const t = mutate(hub(), (d) => {
      officeOf(d, "us-office-1").publicIp = ip;
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      {
        path: "multinational-hub.offices[0].publicIp",
        value: ip,
        message: expect.stringContaining("allowed: the office gateway's static public unicast IPv4 (not private, CGNAT"),
      },
    ]);
  });

  it.each(["203.0.113.50", "198.51.100.7", "192.0.2.1", "47.89.1.2"])(
    "accepts the office IP %s (public, or an RFC 5737 placeholder)",
    (ip) => {
      // GIVEN / WHEN / THEN
      expect(
        validateTopology(
          mutate(hub(), (d) => {
            officeOf(d, "us-office-1").publicIp = ip;
          }),
        ),
      ).toEqual([]);
    },
  );
});

describe("validateTopology: links", () => {
  runCases([
    {
      when: "a link names an unknown network",
      base: hub,
      change: (d) => {
        linkOf(d, "us-office-1", "vpn").office = "nowhere";
      },
      path: "multinational-hub.links[1].office",
      value: "nowhere",
      allowed: "names no office; allowed: us-office-1, us-office-2, cn-office-3, cn-office-4",
      count: 2, // and us-office-1 is now reached by no link
    },
    {
      when: "a router-interface link names an office instead of a VPC",
      base: hub,
      change: (d) => {
        linkOf(d, "us-cn", "router-interface").from = "us-office-1";
      },
      path: "multinational-hub.links[0].from",
      value: "us-office-1",
      allowed: "names no vpc (us-office-1 is an office); allowed: us-vpc, cn-vpc",
    },
    {
      when: "a vbr link names a VPC as its IDC",
      base: idc,
      change: (d) => {
        linkOf(d, "idc-bj", "vbr").idc = "bj-vpc";
      },
      path: "idc-leased-line.links[0].idc",
      value: "bj-vpc",
      allowed: "names no idc (bj-vpc is a vpc); allowed: beijing-idc",
    },
    {
      when: "a peering's acceptor is its requester",
      base: same,
      change: (d) => {
        linkOf(d, "app-data", "peering").acceptor = "app-vpc";
      },
      path: "vpc-peering-same-account.links[0].acceptor",
      value: "app-vpc",
      allowed: "is the requester itself; allowed: another VPC",
    },
    {
      when: "a router-interface pair joins a VPC to itself",
      base: hub,
      change: (d) => {
        linkOf(d, "us-cn", "router-interface").to = "us-vpc";
      },
      path: "multinational-hub.links[0].to",
      value: "us-vpc",
      allowed: "is the initiating VPC itself; allowed: another VPC",
    },
  ]);

  it("fails when both ends of a link are unknown, reporting each end", () => {
    // GIVEN
    const t = mutate(same(), (d) => {
      const l = linkOf(d, "app-data", "peering");
      l.requester = "ghost-a";
      l.acceptor = "ghost-b";
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      {
        path: "vpc-peering-same-account.links[0].requester",
        value: "ghost-a",
        message: expect.stringContaining("allowed: app-vpc, data-vpc"),
      },
      {
        path: "vpc-peering-same-account.links[0].acceptor",
        value: "ghost-b",
        message: expect.stringContaining("allowed: app-vpc, data-vpc"),
      },
    ]);
  });
});

describe("validateTopology: peering", () => {
  runCases([
    {
      when: "a cross-account peering's acceptor account has no uid",
      base: cross,
      change: (d) => {
        delete d.accounts[1]!.resolveUidAtPlan;
      },
      path: "vpc-peering-cross-account.links[0].acceptor",
      value: "acceptor-vpc",
      allowed: "account acceptor has no `uid`; allowed: set accounts[].uid, or resolveUidAtPlan: true",
    },
    {
      when: "a cross-account router-interface pair's accepting account has no uid",
      base: hub,
      change: (d) => {
        d.accounts.push({ name: "other" });
        vpcOf(d, "cn-vpc").account = "other";
      },
      path: "multinational-hub.links[0].to",
      value: "cn-vpc",
      allowed: "account other has no `uid`",
    },
    {
      when: "a same-region peering sets bandwidth",
      base: same,
      change: (d) => {
        linkOf(d, "app-data", "peering").bandwidth = 10;
      },
      path: "vpc-peering-same-account.links[0].bandwidth",
      value: 10,
      allowed: "is set on a same-region peering (cn-hangzhou); allowed: no bandwidth (same-region peering is free and unmetered)",
    },
    {
      when: "a same-region peering sets linkType",
      base: same,
      change: (d) => {
        linkOf(d, "app-data", "peering").linkType = PeeringLinkType.GOLD;
      },
      path: "vpc-peering-same-account.links[0].linkType",
      value: "Gold",
      allowed: "allowed: only on cross-region peering",
    },
  ]);

  it.each([0, 1025, 2.5])("fails when a cross-region peering bandwidth is out of range (%p)", (bandwidth) => {
    // GIVEN
    const t = mutate(multinationalHub("peering"), (d) => {
      linkOf(d, "us-cn", "peering").bandwidth = bandwidth;
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      {
        path: "multinational-hub.links[0].bandwidth",
        value: bandwidth,
        message: expect.stringContaining("allowed: an integer 1–1024 Mbit/s"),
      },
    ]);
  });

  it("accepts a cross-account acceptor whose uid is set", () => {
    // GIVEN
    const t = mutate(cross(), (d) => {
      const acceptor = d.accounts[1]!;
      delete acceptor.resolveUidAtPlan;
      acceptor.uid = "1234567890123456";
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([]);
  });

  it("accepts a cross-account acceptor resolved at plan time", () => {
    // GIVEN the default: resolveUidAtPlan true, no uid
    const t = cross();
    expect(t.accounts[1]).toMatchObject({ resolveUidAtPlan: true });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([]);
  });

  it("accepts linkType and bandwidth on a cross-region peering", () => {
    // GIVEN
    const t = mutate(multinationalHub("peering"), (d) => {
      const l = linkOf(d, "us-cn", "peering");
      l.linkType = PeeringLinkType.PLATINUM;
      l.bandwidth = 1024;
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([]);
  });
});

describe("validateTopology: IDCs, leased lines and VBRs", () => {
  runCases([
    {
      when: "the access point ID is malformed",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").leasedLine.accessPointId = "cn-beijing";
      },
      path: "idc-leased-line.idcs[0].leasedLine.accessPointId",
      value: "cn-beijing",
      allowed: "allowed: ap-<region>-<site>",
    },
    {
      when: "the physical connection ID is malformed",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").leasedLine.physicalConnectionId = "PC-123";
      },
      path: "idc-leased-line.idcs[0].leasedLine.physicalConnectionId",
      value: "PC-123",
      allowed: "allowed: pc-<id>",
    },
    {
      when: "a leased line has neither physicalConnectionId nor create",
      base: idc,
      change: (d) => {
        delete idcOf(d, "beijing-idc").leasedLine.physicalConnectionId;
      },
      path: "idc-leased-line.idcs[0].leasedLine",
      value: { physicalConnectionId: undefined, create: undefined },
      allowed: "needs exactly one of `physicalConnectionId` (an installed line, the usual case) or `create`",
    },
    {
      when: "a leased line has both physicalConnectionId and create",
      base: idc,
      change: (d) => {
        const l = idcOf(d, "beijing-idc").leasedLine;
        l.accessPointId = "ap-cn-beijing-ft-A";
        l.create = { lineOperator: LineOperator.CHINA_TELECOM, portType: PortType.PORT_1000BASE_LX, bandwidth: 1000 };
      },
      path: "idc-leased-line.idcs[0].leasedLine",
      value: { physicalConnectionId: "pc-placeholder0000", create: "{...}" },
      allowed: "needs exactly one of `physicalConnectionId`",
    },
    {
      when: "a new line's bandwidth is zero",
      base: idc,
      change: (d) => {
        const l = idcOf(d, "beijing-idc").leasedLine;
        delete l.physicalConnectionId;
        l.accessPointId = "ap-cn-beijing-ft-A";
        l.create = { lineOperator: LineOperator.CHINA_TELECOM, portType: PortType.PORT_1000BASE_LX, bandwidth: 0 };
      },
      path: "idc-leased-line.idcs[0].leasedLine.create.bandwidth",
      value: 0,
      allowed: "allowed: an integer 1–100000 Mbit/s",
    },
    {
      when: "a new line has no access point",
      base: idc,
      change: (d) => {
        const l = idcOf(d, "beijing-idc").leasedLine;
        delete l.physicalConnectionId;
        l.create = { lineOperator: LineOperator.CHINA_TELECOM, portType: PortType.PORT_1000BASE_LX, bandwidth: 100 };
      },
      path: "idc-leased-line.idcs[0].leasedLine.accessPointId",
      value: undefined,
      allowed: "is required to order a line (`create`)",
    },
    {
      when: "the access point ends in a lower-case site letter (the API returns upper case; ForceNew drift)",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").leasedLine.accessPointId = "ap-cn-beijing-ft-a";
      },
      path: "idc-leased-line.idcs[0].leasedLine.accessPointId",
      value: "ap-cn-beijing-ft-a",
      allowed: "allowed: ap-cn-beijing-ft-A",
    },
    {
      when: "the VBR bandwidth is zero",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").vbr.bandwidth = 0;
      },
      path: "idc-leased-line.idcs[0].vbr.bandwidth",
      value: 0,
      allowed: "allowed: an integer 1–100000 Mbit/s",
    },
    {
      when: "the BFD detect multiplier is below 3",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").vbr.detectMultiplier = 2;
      },
      path: "idc-leased-line.idcs[0].vbr.detectMultiplier",
      value: 2,
      allowed: "allowed: an integer 3–10",
    },
    {
      when: "the BFD receive interval is below 200 ms",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").vbr.minRxInterval = 100;
      },
      path: "idc-leased-line.idcs[0].vbr.minRxInterval",
      value: 100,
      allowed: "allowed: an integer 200–1000 ms",
    },
    {
      when: "the BFD transmit interval is above 1000 ms",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").vbr.minTxInterval = 1001;
      },
      path: "idc-leased-line.idcs[0].vbr.minTxInterval",
      value: 1001,
      allowed: "allowed: an integer 200–1000 ms",
    },
    {
      when: "the VBR gateway IPs are equal",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").vbr.peerGatewayIp = "10.255.0.1";
      },
      path: "idc-leased-line.idcs[0].vbr.peerGatewayIp",
      value: "10.255.0.1",
      allowed: "equals localGatewayIp; allowed: two different addresses of the peering subnet",
    },
    {
      when: "the peer gateway IP is outside the peering subnet",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").vbr.peerGatewayIp = "10.255.0.5";
      },
      path: "idc-leased-line.idcs[0].vbr.peerGatewayIp",
      value: "10.255.0.5",
      allowed:
        "is outside the peering subnet 10.255.0.0/30 of localGatewayIp 10.255.0.1 (mask 255.255.255.252); allowed: an address in 10.255.0.0/30",
    },
    {
      when: "the local gateway IP is not an IPv4 address",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").vbr.localGatewayIp = "10.255.0";
      },
      path: "idc-leased-line.idcs[0].vbr.localGatewayIp",
      value: "10.255.0",
      allowed: "is not an IPv4 address",
    },
    {
      when: "the IDC's BGP peer ASN is Alibaba Cloud's own",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").bgp = { peerAsn: 45104 };
      },
      path: "idc-leased-line.idcs[0].bgp.peerAsn",
      value: 45104,
      allowed: "is Alibaba Cloud's own ASN; allowed: any other ASN",
    },
    {
      when: "the IDC's BGP local ASN is zero",
      base: idc,
      change: (d) => {
        idcOf(d, "beijing-idc").bgp = { peerAsn: 65001, localAsn: 0 };
      },
      path: "idc-leased-line.idcs[0].bgp.localAsn",
      value: 0,
      allowed: "allowed: an integer 1–4294967295",
    },
    {
      when: "a health check's source IP is not an IPv4 address",
      base: idc,
      change: (d) => {
        linkOf(d, "idc-bj", "vbr").healthCheck = { sourceIp: "172.16.0.300", targetIp: "10.100.0.1" };
      },
      path: "idc-leased-line.links[0].healthCheck.sourceIp",
      value: "172.16.0.300",
      allowed: "is not an IPv4 address",
    },
    {
      when: "a health check probes its own source",
      base: idc,
      change: (d) => {
        linkOf(d, "idc-bj", "vbr").healthCheck = { sourceIp: "172.16.0.250", targetIp: "172.16.0.250" };
      },
      path: "idc-leased-line.links[0].healthCheck.targetIp",
      value: "172.16.0.250",
      allowed: "equals sourceIp; allowed: an IDC address other than the probe source",
    },
    {
      when: "a health check rate is below 1000 ms",
      base: idc,
      change: (d) => {
        linkOf(d, "idc-bj", "vbr").healthCheck = { sourceIp: "172.16.0.250", targetIp: "10.100.0.1", rateMs: 500 };
      },
      path: "idc-leased-line.links[0].healthCheck.rateMs",
      value: 500,
      allowed: "allowed: an integer 1000–3000 ms",
    },
  ]);

  it.each([-1, 3000, 1.5])("fails when the VLAN ID is outside 0–2999 (%p)", (vlanId) => {
    // GIVEN
    const t = mutate(idc(), (d) => {
      idcOf(d, "beijing-idc").vbr.vlanId = vlanId;
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      { path: "idc-leased-line.idcs[0].vbr.vlanId", value: vlanId, message: expect.stringContaining("allowed: an integer 0–2999") },
    ]);
  });

  it.each([0, 2999])("accepts the VLAN ID %p", (vlanId) => {
    // GIVEN / WHEN / THEN
    expect(
      validateTopology(
        mutate(idc(), (d) => {
          idcOf(d, "beijing-idc").vbr.vlanId = vlanId;
        }),
      ),
    ).toEqual([]);
  });

  it.each(["255.255.255.253", "255.255.0.0", "255.255.255.254", "/30"])("fails when the peering subnet mask is bad (%j)", (mask) => {
    // GIVEN
    const t = mutate(idc(), (d) => {
      idcOf(d, "beijing-idc").vbr.peeringSubnetMask = mask;
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      {
        path: "idc-leased-line.idcs[0].vbr.peeringSubnetMask",
        value: mask,
        message: expect.stringContaining("allowed: a dotted mask from 255.255.255.0 to 255.255.255.252"),
      },
    ]);
  });

  it("accepts ordering a new line instead of referencing one", () => {
    // GIVEN
    const t = mutate(idc(), (d) => {
      const l = idcOf(d, "beijing-idc").leasedLine;
      delete l.physicalConnectionId;
      l.accessPointId = "ap-cn-beijing-ft-A";
      l.create = { lineOperator: LineOperator.CHINA_UNICOM, portType: PortType.PORT_10GBASE_LR, bandwidth: 10000 };
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([]);
  });
});

describe("validateTopology: IPsec policy", () => {
  it.each([
    ["ikeEncryption", EncryptionAlgorithm.DES],
    ["ikeAuth", AuthAlgorithm.MD5],
    ["ikePfs", DhGroup.GROUP2],
    ["ipsecEncryption", EncryptionAlgorithm.TRIPLE_DES],
    ["ipsecAuth", AuthAlgorithm.SHA1],
    ["ipsecPfs", DhGroup.GROUP1],
  ] as const)("fails when %s is below the crypto floor (%s)", (key, weak) => {
    // GIVEN
    const t = mutate(hub(), (d) => {
      linkOf(d, "us-office-1", "vpn").ipsec = { [key]: weak };
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      {
        path: `multinational-hub.links[1].ipsec.${key}`,
        value: weak,
        message: expect.stringContaining(
          `allowed: aes/aes192/aes256, sha256/sha384/sha512, group5/group14 (or list "${weak}" in allowWeakCrypto`,
        ),
      },
    ]);
  });

  it("accepts a weak algorithm listed in allowWeakCrypto", () => {
    // GIVEN a legacy office device that only does SHA-1 and DH group 2
    const t = mutate(hub(), (d) => {
      linkOf(d, "us-office-1", "vpn").ipsec = { ikeAuth: AuthAlgorithm.SHA1, ikePfs: DhGroup.GROUP2, allowWeakCrypto: ["sha1", "group2"] };
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([]);
  });

  it("fails when a weak algorithm is used that allowWeakCrypto does not list", () => {
    // GIVEN sha1 is allowed, group1 is not
    const t = mutate(hub(), (d) => {
      linkOf(d, "us-office-1", "vpn").ipsec = { ikeAuth: AuthAlgorithm.SHA1, ipsecPfs: DhGroup.GROUP1, allowWeakCrypto: ["sha1"] };
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      { path: "multinational-hub.links[1].ipsec.ipsecPfs", value: "group1", message: expect.stringContaining("below the crypto floor") },
    ]);
  });

  it("fails when allowWeakCrypto lists an algorithm that is not weak", () => {
    // GIVEN
    const t = mutate(hub(), (d) => {
      linkOf(d, "us-office-1", "vpn").ipsec = { allowWeakCrypto: ["aes256"] };
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      {
        path: "multinational-hub.links[1].ipsec.allowWeakCrypto[0]",
        value: "aes256",
        message: expect.stringContaining("allowed: md5, sha1, des, 3des, group1, group2"),
      },
    ]);
  });

  it.each([
    ["ikeLifetime", 86401],
    ["ikeLifetime", -1],
    ["ipsecLifetime", 86401],
    ["ipsecLifetime", 1.5],
  ] as const)("fails when %s is out of range (%p)", (key, lifetime) => {
    // GIVEN
    const t = mutate(hub(), (d) => {
      linkOf(d, "us-office-1", "vpn").ipsec = { [key]: lifetime };
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      {
        path: `multinational-hub.links[1].ipsec.${key}`,
        value: lifetime,
        message: expect.stringContaining("allowed: an integer 0–86400 s"),
      },
    ]);
  });

  it("accepts lifetimes at both ends of the range", () => {
    // GIVEN
    const t = mutate(hub(), (d) => {
      linkOf(d, "us-office-1", "vpn").ipsec = { ikeLifetime: 0, ipsecLifetime: 86400 };
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([]);
  });
});

describe("validateTopology: shared NAT", () => {
  const loneVpc = (d: Draft<Topology>) => {
    d.vpcs.push({
      name: "lone-vpc",
      account: "main",
      region: "cn-hangzhou",
      cidr: "10.50.0.0/16",
      vswitches: [{ name: "lone-h", zone: "cn-hangzhou-h", cidr: "10.50.0.0/24" }],
    });
  };

  runCases([
    {
      when: "a spoke has no link to the hub",
      base: nat,
      change: (d) => {
        loneVpc(d);
        linkOf(d, "egress", "shared-nat").spokes.push("lone-vpc");
      },
      path: "shared-nat.links[1].spokes[1]",
      value: "lone-vpc",
      allowed: "has no peering or router-interface link to hub hub-vpc; allowed: a spoke linked directly to the hub",
    },
    {
      when: "the hub is listed as its own spoke",
      base: nat,
      change: (d) => {
        linkOf(d, "egress", "shared-nat").spokes.push("hub-vpc");
      },
      path: "shared-nat.links[1].spokes[1]",
      value: "hub-vpc",
      allowed: "is the hub itself; allowed: another VPC",
    },
    {
      when: "a spoke is listed twice",
      base: nat,
      change: (d) => {
        linkOf(d, "egress", "shared-nat").spokes.push("spoke-vpc");
      },
      path: "shared-nat.links[1].spokes[1]",
      value: "spoke-vpc",
      allowed: "is listed twice; allowed: each spoke once",
    },
    {
      when: "a spoke is unknown",
      base: nat,
      change: (d) => {
        linkOf(d, "egress", "shared-nat").spokes.push("ghost-vpc");
      },
      path: "shared-nat.links[1].spokes[1]",
      value: "ghost-vpc",
      allowed: "names no vpc; allowed: hub-vpc, spoke-vpc",
    },
    {
      when: "the NAT vSwitch is not a vSwitch of the hub",
      base: nat,
      change: (d) => {
        linkOf(d, "egress", "shared-nat").vswitch = "hub-db";
      },
      path: "shared-nat.links[1].vswitch",
      value: "hub-db",
      allowed: "names no vSwitch of VPC hub-vpc; allowed: hub-nat, hub-app",
    },
    {
      when: "there is no spoke",
      base: nat,
      change: (d) => {
        linkOf(d, "egress", "shared-nat").spokes = [];
      },
      path: "shared-nat.links[1].spokes",
      value: [],
      allowed: "allowed: at least one spoke VPC",
    },
    {
      when: "the EIP bandwidth is above 500 Mbit/s",
      base: nat,
      change: (d) => {
        linkOf(d, "egress", "shared-nat").eipBandwidth = 501;
      },
      path: "shared-nat.links[1].eipBandwidth",
      value: 501,
      allowed: "allowed: an integer 1–500 Mbit/s",
    },
    {
      when: "a hub has two shared NATs",
      base: nat,
      change: (d) => {
        d.links.push({ kind: "shared-nat", name: "egress-2", hub: "hub-vpc", vswitch: "hub-nat", spokes: ["spoke-vpc"] });
      },
      path: "shared-nat.links[2].hub",
      value: "hub-vpc",
      allowed: "already has a shared NAT; allowed: one shared-nat per hub VPC",
    },
  ]);

  it("fails when the hub is unknown, and still checks the rest of the link", () => {
    // GIVEN a misspelt hub and a bad EIP bandwidth
    const t = mutate(nat(), (d) => {
      const l = linkOf(d, "egress", "shared-nat");
      l.hub = "hub-cpv";
      l.eipBandwidth = 0;
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN both are reported, and no "no link to hub" noise for the spoke
    expect(issues).toEqual([
      { path: "shared-nat.links[1].hub", value: "hub-cpv", message: expect.stringContaining("names no vpc; allowed: hub-vpc, spoke-vpc") },
      { path: "shared-nat.links[1].eipBandwidth", value: 0, message: expect.stringContaining("allowed: an integer 1–500 Mbit/s") },
    ]);
  });
});

describe("validateTopology: every problem at once", () => {
  it("fails with all seven problems of a topology, not just the first", () => {
    // GIVEN seven independent mistakes
    const t = mutate(hub(), (d) => {
      vpcOf(d, "us-vpc").cidr = "172.16.1.0/16";
      vpcOf(d, "us-vpc").vswitches[1]!.zone = "cn-shanghai-f";
      vpcOf(d, "cn-vpc").vpnGateway!.bandwidth = 15;
      officeOf(d, "us-office-1").publicIp = "10.0.0.1";
      officeOf(d, "us-office-2").asn = 45104;
      linkOf(d, "us-office-1", "vpn").ipsec = { ikeAuth: AuthAlgorithm.MD5 };
      linkOf(d, "cn-office-4", "vpn").name = "cn-office-3";
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues.map((i) => i.path)).toEqual([
      "multinational-hub.vpcs[0].cidr",
      "multinational-hub.vpcs[0].vswitches[1].zone",
      "multinational-hub.vpcs[1].vpnGateway.bandwidth",
      "multinational-hub.offices[0].publicIp",
      "multinational-hub.offices[1].asn",
      "multinational-hub.links[1].ipsec.ikeAuth",
      "multinational-hub.links[4].name",
    ]);
  });

  it("assertValidTopology fails when there are problems, throwing a TopologyError with all of them", () => {
    // GIVEN
    const t = mutate(hub(), (d) => {
      vpcOf(d, "cn-vpc").vpnGateway!.bandwidth = 15;
      officeOf(d, "us-office-1").publicIp = "10.0.0.1";
    });
    // WHEN
    let thrown: unknown;
    try {
      assertValidTopology(t);
    } catch (e) {
      thrown = e;
    }
    // THEN
    expect(thrown).toBeInstanceOf(TopologyError);
    const err = thrown as TopologyError;
    expect(err.topology).toBe("multinational-hub");
    expect(err.issues.map((i: TopologyIssue) => i.path)).toEqual([
      "multinational-hub.vpcs[1].vpnGateway.bandwidth",
      "multinational-hub.offices[0].publicIp",
    ]);
    expect(err.message).toMatch(/is invalid \(2 problems\)/);
    expect(err.message).toContain('multinational-hub.offices[0].publicIp = "10.0.0.1": is not a public IPv4 address');
  });

  it("assertValidTopology accepts a valid topology", () => {
    // GIVEN / WHEN / THEN
    expect(() => assertValidTopology(hub())).not.toThrow();
  });
});

describe("validateTopology: later rules", () => {
  const hub = () => structuredClone(multinationalHub()) as Topology;
  const issuesOf = (t: Topology) => validateTopology(t);

  it("fails when a vSwitch zone only starts with the region name", () => {
    const t = hub() as Topology & { vpcs: { vswitches: { zone: string }[] }[] };
    t.vpcs[0]!.vswitches[0]!.zone = "us-east-1-finance-1a";
    expect(issuesOf(t)).toEqual([
      expect.objectContaining({ path: "multinational-hub.vpcs[0].vswitches[0].zone", value: "us-east-1-finance-1a" }),
    ]);
  });

  it("fails when a tag key looks like a secret, without echoing the value", () => {
    const t = { ...hub(), tags: { psk: "s3cret" } };
    const issues = issuesOf(t);
    expect(issues).toEqual([
      { path: "multinational-hub.tags.psk", value: "(redacted)", message: expect.stringMatching(/secrets never go in tags/) },
    ]);
    expect(JSON.stringify(issues)).not.toContain("s3cret");
  });

  it("fails when a VBR gateway IP is the peering subnet's network or broadcast address", () => {
    const t = structuredClone(idcLeasedLine()) as Topology & { idcs: { vbr: { peerGatewayIp: string } }[] };
    t.idcs[0]!.vbr.peerGatewayIp = "10.255.0.3";
    expect(issuesOf(t)).toEqual([
      expect.objectContaining({
        path: "idc-leased-line.idcs[0].vbr.peerGatewayIp",
        value: "10.255.0.3",
        message: expect.stringMatching(/network or broadcast address of the peering subnet 10\.255\.0\.0\/30/),
      }),
    ]);
  });

  it("fails when an IPsec health check probes from outside the VPC or to outside the office", () => {
    const t = mutate(multinationalHub(), (d) => {
      singleTunnelUsVpc(d);
      linkOf(d, "us-office-1", "vpn").healthCheck = { sourceIp: "172.17.0.10", destinationIp: "10.10.20.1", interval: 0 };
    });
    expect(issuesOf(t).map((i) => [i.path, i.value])).toEqual([
      ["multinational-hub.links[1].healthCheck.sourceIp", "172.17.0.10"],
      ["multinational-hub.links[1].healthCheck.destinationIp", "10.10.20.1"],
      ["multinational-hub.links[1].healthCheck.interval", 0],
    ]);
  });

  it("accepts an IPsec health check inside the VPC and the office", () => {
    const t = mutate(multinationalHub(), (d) => {
      singleTunnelUsVpc(d);
      linkOf(d, "us-office-1", "vpn").healthCheck = { sourceIp: "172.16.0.10", destinationIp: "10.10.10.1" };
    });
    expect(issuesOf(t)).toEqual([]);
  });

  it("fails when a link to a dual-tunnel gateway has an IPsec health check or a standby role", () => {
    const t = mutate(multinationalHub(), (d) => {
      linkOf(d, "us-office-1", "vpn").healthCheck = { sourceIp: "172.16.0.10", destinationIp: "10.10.10.1" };
      d.links.push({ kind: "vpn", name: "us-office-1-b", office: "us-office-1", vpc: "us-vpc", role: "standby", publicIp: "203.0.113.21" });
    });
    const issues = issuesOf(t);
    expect(issues.map((i) => [i.path, i.value])).toEqual([
      ["multinational-hub.links[1].healthCheck", "(set)"],
      ["multinational-hub.links[5].role", "standby"],
    ]);
    expect(issues[0]!.message).toMatch(/dual-tunnel \(us-east-1\).*HealthCheckConfig.*allowed: no healthCheck/);
    expect(issues[1]!.message).toMatch(/Weight.*allowed: "active", or a standby link to a gateway in a single-tunnel region/);
  });

  it("says 'an office' when a link names an office where a VPC belongs", () => {
    const t = mutate(multinationalHub(), (d) => {
      linkOf(d, "us-office-1", "vpn").vpc = "us-office-1";
    });
    expect(
      issuesOf(t)
        .map((i) => i.message)
        .join("\n"),
    ).toMatch(/\(us-office-1 is an office\)/);
  });
});

describe("validateTopology: dual-tunnel VPN gateways (lib/topology/vpn-capabilities.ts)", () => {
  it("accepts one vSwitch for both tunnels where the region has a single dual-tunnel zone", () => {
    // GIVEN the US VPC moved to ap-northeast-2 (Seoul: dual tunnel in zone A only), both tunnels in us-a
    const t = mutate(hub(), (d) => {
      const v = vpcOf(d, "us-vpc");
      v.region = "ap-northeast-2";
      v.vswitches[0]!.zone = "ap-northeast-2a";
      v.vswitches[1]!.zone = "ap-northeast-2a";
      v.vpnGateway!.disasterRecoveryVswitch = "us-a";
    });
    // WHEN validated, THEN nothing about the gateway is reported
    expect(validateTopology(t).filter((i) => i.path.includes("vpnGateway"))).toEqual([]);
  });

  it("refuses one zone for both tunnels where the region has several dual-tunnel zones", () => {
    // GIVEN both hub tunnels of cn-vpc in sh-e (cn-shanghai has nine dual-tunnel zones)
    const t = mutate(hub(), (d) => {
      vpcOf(d, "cn-vpc").vpnGateway!.disasterRecoveryVswitch = "sh-e";
    });
    // THEN the second vSwitch is refused
    expect(validateTopology(t)).toContainEqual({
      path: "multinational-hub.vpcs[1].vpnGateway.disasterRecoveryVswitch",
      value: "sh-e",
      message: expect.stringContaining("is in the same zone (cn-shanghai-e) as sh-e"),
    });
  });
});
