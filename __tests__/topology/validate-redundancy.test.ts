import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { Topology, validateTopology } from "../../lib/topology";
import { Draft, idcOf, linkOf, mutate, singleTunnelUsVpc } from "./draft";

/**
 * The seed hub with us-office-1 on two devices of us-vpc's gateway (active and standby), us-vpc
 * moved to a single-tunnel region (a dual-tunnel gateway takes no standby).
 */
function dualDevice(): Topology {
  return mutate(multinationalHub(), (t) => {
    singleTunnelUsVpc(t);
    t.links.push({
      kind: "vpn",
      name: "us-office-1-standby",
      office: "us-office-1",
      vpc: "us-vpc",
      role: "standby",
      publicIp: "203.0.113.21",
    });
  });
}

const LINE_2 = {
  name: "line-2",
  leasedLine: { physicalConnectionId: "pc-placeholder0001" },
  vbr: { vlanId: 200, localGatewayIp: "10.255.0.5", peerGatewayIp: "10.255.0.6", peeringSubnetMask: "255.255.255.252" },
  bgp: { peerAsn: 65001 },
};

/** Seed 001 on the transit router, its data center with a second line (BGP on both). */
function twoLines(): Topology {
  return mutate(idcLeasedLine("transit-router"), (t) => {
    idcOf(t, "beijing-idc").additionalLines = [structuredClone(LINE_2)];
  });
}

/** Seed 001 on router interfaces, the second line serving sz-vpc and the first bj-vpc. */
function linesToTwoVpcs(): Topology {
  return mutate(idcLeasedLine(), (t) => {
    idcOf(t, "beijing-idc").additionalLines = [structuredClone(LINE_2)];
    linkOf(t, "idc-sz", "vbr").line = "line-2";
  });
}

interface Case {
  /** Completes the test name "fails when ...". */
  readonly when: string;
  readonly base: () => Topology;
  readonly change: (t: Draft<Topology>) => void;
  readonly path: string;
  readonly value: unknown;
  /** Fragments the message must hold: what is allowed, and the fact's source. */
  readonly says: readonly string[];
}

const cases: Case[] = [
  {
    when: "two links of one office to one gateway end on the same device (no publicIp of its own)",
    base: dualDevice,
    change: (t) => delete linkOf(t, "us-office-1-standby", "vpn").publicIp,
    path: "multinational-hub.links[5].office",
    value: "us-office-1",
    says: [
      "ends on device 203.0.113.11",
      "allowed: a second link to one gateway with its own `publicIp`",
      "resource_alicloud_vpn_customer_gateway.go",
    ],
  },
  {
    when: "an office has two active links on one gateway",
    base: dualDevice,
    change: (t) => (linkOf(t, "us-office-1-standby", "vpn").role = "active"),
    path: "multinational-hub.links[5].role",
    value: "active",
    says: ['allowed: "standby" for every link but one', "resource_alicloud_vpn_route_entry.go:51-54 `weight`"],
  },
  {
    when: "a standby link has no active link of its office on its gateway",
    base: dualDevice,
    change: (t) => {
      singleTunnelUsVpc(t, "cn-vpc");
      linkOf(t, "us-office-1-standby", "vpn").vpc = "cn-vpc";
    },
    path: "multinational-hub.links[5].role",
    value: "standby",
    says: ['allowed: "active", or an active link of office us-office-1 to cn-vpc', "Manage destination-based routes"],
  },
  {
    when: "a link's own device address is private",
    base: dualDevice,
    change: (t) => (linkOf(t, "us-office-1-standby", "vpn").publicIp = "192.168.1.1"),
    path: "multinational-hub.links[5].publicIp",
    value: "192.168.1.1",
    says: ["allowed: the office device's static public unicast IPv4"],
  },
  {
    when: "a link's own device address is another office's",
    base: dualDevice,
    change: (t) => (linkOf(t, "us-office-1-standby", "vpn").publicIp = "203.0.113.12"),
    path: "multinational-hub.links[5].publicIp",
    value: "203.0.113.12",
    says: ["is a device of office us-office-2", "allowed: an address no other office uses"],
  },
  {
    when: "a slave tunnel's device is set on a link to a single-tunnel gateway",
    base: multinationalHub,
    change: (t) => {
      singleTunnelUsVpc(t);
      linkOf(t, "us-office-1", "vpn").slaveTunnelPublicIp = "203.0.113.21";
    },
    path: "multinational-hub.links[1].slaveTunnelPublicIp",
    value: "203.0.113.21",
    says: [
      "the gateway of us-vpc is single-tunnel (ap-south-1)",
      "TunnelOptionsSpecification.N.CustomerGatewayId",
      "resource_alicloud_vpn_connection.go:252",
      "allowed: a slaveTunnelPublicIp only on a link to a gateway in a dual-tunnel region",
    ],
  },
  {
    when: "a slave tunnel's device is the master tunnel's",
    base: multinationalHub,
    change: (t) => (linkOf(t, "us-office-1", "vpn").slaveTunnelPublicIp = "203.0.113.11"),
    path: "multinational-hub.links[1].slaveTunnelPublicIp",
    value: "203.0.113.11",
    says: ["is the device of the master tunnel too (the link's office's publicIp)", "allowed: another device's address"],
  },
  {
    when: "a slave tunnel's device address is private",
    base: multinationalHub,
    change: (t) => (linkOf(t, "us-office-1", "vpn").slaveTunnelPublicIp = "10.0.0.1"),
    path: "multinational-hub.links[1].slaveTunnelPublicIp",
    value: "10.0.0.1",
    says: ["allowed: the second office device's static public unicast IPv4"],
  },
  {
    when: "a slave tunnel's device is another office's",
    base: multinationalHub,
    change: (t) => (linkOf(t, "us-office-1", "vpn").slaveTunnelPublicIp = "203.0.113.12"),
    path: "multinational-hub.links[1].slaveTunnelPublicIp",
    value: "203.0.113.12",
    says: ["is a device of office us-office-2", "allowed: an address no other office uses"],
  },
  {
    when: "an additional line is named like its IDC",
    base: twoLines,
    change: (t) => (idcOf(t, "beijing-idc").additionalLines![0]!.name = "beijing-idc"),
    path: "idc-leased-line.idcs[0].additionalLines[0].name",
    value: "beijing-idc",
    says: ["allowed: line names unique within IDC beijing-idc and not the IDC's own name"],
  },
  {
    when: "two additional lines share a name",
    base: twoLines,
    change: (t) => {
      const d = idcOf(t, "beijing-idc");
      d.additionalLines!.push({ ...structuredClone(d.additionalLines![0]!), leasedLine: { physicalConnectionId: "pc-placeholder0002" } });
    },
    path: "idc-leased-line.idcs[0].additionalLines[1].name",
    value: "line-2",
    says: ["is also idc-leased-line.idcs[0].additionalLines[0].name"],
  },
  {
    when: "an additional line is on the first line's physical connection",
    base: twoLines,
    change: (t) => (idcOf(t, "beijing-idc").additionalLines![0]!.leasedLine.physicalConnectionId = "pc-placeholder0000"),
    path: "idc-leased-line.idcs[0].additionalLines[0].leasedLine.physicalConnectionId",
    value: "pc-placeholder0000",
    says: ["both lines fail together", "resource_alicloud_express_connect_virtual_border_router.go:92", "allowed: another installed line"],
  },
  {
    when: "an additional line's peer gateway is outside its peering subnet",
    base: twoLines,
    change: (t) => (idcOf(t, "beijing-idc").additionalLines![0]!.vbr.peerGatewayIp = "10.255.0.9"),
    path: "idc-leased-line.idcs[0].additionalLines[0].vbr.peerGatewayIp",
    value: "10.255.0.9",
    says: ["allowed: an address in 10.255.0.4/30"],
  },
  {
    when: "a vbr link names no line of its IDC",
    base: linesToTwoVpcs,
    change: (t) => (linkOf(t, "idc-sz", "vbr").line = "line-9"),
    path: "idc-leased-line.links[1].line",
    value: "line-9",
    says: ["allowed: beijing-idc, line-2"],
  },
  {
    when: "another IDC is named like a line's VBR (<idc>-<line>), so their tables and TR attachments would share construct IDs",
    base: twoLines,
    change: (t) => {
      const d = idcOf(t, "beijing-idc");
      t.idcs!.push({ ...structuredClone(d), name: "beijing-idc-line-2", cidrs: ["10.101.0.0/16"], additionalLines: undefined });
      const other = t.idcs![1]!;
      other.leasedLine = { physicalConnectionId: "pc-placeholder0009" };
      other.vbr = { ...other.vbr, vlanId: 300 };
      linkOf(t, "idc", "transit-router").idcs!.push("beijing-idc-line-2");
    },
    path: "idc-leased-line.idcs[1].name",
    value: "beijing-idc-line-2",
    says: ["derives the route table construct ID", "`VbrBeijingIdcLine2`", "allowed: names that still differ"],
  },
  {
    when: "two lines of one IDC are linked into one VPC over router interfaces",
    base: linesToTwoVpcs,
    change: (t) => t.links.push({ kind: "vbr", name: "idc-bj-2", idc: "beijing-idc", vpc: "bj-vpc", line: "line-2" }),
    path: "idc-leased-line.links[2].line",
    value: "line-2",
    says: [
      "use the transit-router interconnect for a dual-homed data center",
      "resource_alicloud_route_entry.go:88-89",
      "RouterEntryConflict.Duplicated",
    ],
  },
  {
    when: "a statically routed line of a multi-line IDC on a transit router has no health check",
    base: twoLines,
    change: (t) => delete idcOf(t, "beijing-idc").additionalLines![0]!.bgp,
    path: "idc-leased-line.idcs[0].additionalLines[0].healthCheck",
    value: undefined,
    says: ["allowed: `bgp` or a `healthCheck` on every line", "EnableCenVbrHealthCheck"],
  },
  {
    when: "a line health check is set on an IDC that is on no transit router",
    base: linesToTwoVpcs,
    change: (t) => (idcOf(t, "beijing-idc").additionalLines![0]!.healthCheck = { sourceIp: "192.168.255.1", targetIp: "10.255.0.6" }),
    path: "idc-leased-line.idcs[0].additionalLines[0].healthCheck",
    value: "{...}",
    says: ["allowed: a healthCheck only on an IDC in a transit-router link's idcs"],
  },
  {
    when: "a line health check probes another address than the customer-side VBR address",
    base: twoLines,
    change: (t) => (idcOf(t, "beijing-idc").additionalLines![0]!.healthCheck = { sourceIp: "192.168.255.1", targetIp: "10.100.0.1" }),
    path: "idc-leased-line.idcs[0].additionalLines[0].healthCheck.targetIp",
    value: "10.100.0.1",
    says: ["allowed: 10.255.0.6 (vbr.peerGatewayIp)", "EnableCenVbrHealthCheck"],
  },
  {
    when: "a line health check's source is inside a network of the topology",
    base: twoLines,
    change: (t) => (idcOf(t, "beijing-idc").additionalLines![0]!.healthCheck = { sourceIp: "172.16.0.9", targetIp: "10.255.0.6" }),
    path: "idc-leased-line.idcs[0].additionalLines[0].healthCheck.sourceIp",
    value: "172.16.0.9",
    says: ["is inside idc-leased-line.vpcs[0].cidr (172.16.0.0/16)", "allowed: an unused address of 10.0.0.0/8"],
  },
  {
    when: "a line health check's interval is out of range",
    base: twoLines,
    change: (t) =>
      (idcOf(t, "beijing-idc").additionalLines![0]!.healthCheck = {
        sourceIp: "192.168.255.1",
        targetIp: "10.255.0.6",
        intervalSeconds: 5,
      }),
    path: "idc-leased-line.idcs[0].additionalLines[0].healthCheck.intervalSeconds",
    value: 5,
    says: ["allowed: an integer 2–3 s"],
  },
];

describe("validateTopology: redundant sites", () => {
  it.each<Case>(cases)("fails when $when", ({ base, change, path, value, says }) => {
    // GIVEN a valid redundant design with one field changed
    const t = mutate(base(), change);
    // WHEN
    const issues = validateTopology(t);
    // THEN exactly that issue, naming what is allowed and the source
    expect(issues).toEqual([{ path, value, message: expect.stringContaining(says[0]!) }]);
    for (const s of says) expect(issues[0]!.message).toContain(s);
  });

  it.each<[string, () => Topology]>([
    ["an office on two devices of one gateway (active and standby)", dualDevice],
    ["an IDC with two lines on a transit router, BGP on both", twoLines],
    [
      "an IDC with two lines on a transit router, the second static with a health check",
      () =>
        mutate(twoLines(), (t) => {
          const l = idcOf(t, "beijing-idc").additionalLines![0]!;
          delete l.bgp;
          l.healthCheck = { sourceIp: "192.168.255.1", targetIp: "10.255.0.6" };
        }),
    ],
    ["an IDC whose two lines serve two different VPCs over router interfaces", linesToTwoVpcs],
    [
      "an office linked to both hub gateways, both active (one pre-shared key variable per link)",
      () => mutate(multinationalHub(), (t) => t.links.push({ kind: "vpn", name: "us-office-1-cn", office: "us-office-1", vpc: "cn-vpc" })),
    ],
    [
      "a dual-tunnel connection whose slave tunnel ends on a second device, shared with the office's link to another gateway",
      () =>
        mutate(multinationalHub(), (t) => {
          linkOf(t, "us-office-1", "vpn").slaveTunnelPublicIp = "203.0.113.21";
          t.links.push({ kind: "vpn", name: "us-office-1-cn", office: "us-office-1", vpc: "cn-vpc", slaveTunnelPublicIp: "203.0.113.21" });
        }),
    ],
  ])("accepts %s", (_what, base) => {
    expect(validateTopology(base())).toEqual([]);
  });
});
