import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { Topology, validateTopology } from "../../lib/topology";
import { Draft, idcOf, linkOf, mutate } from "./draft";

/** The seed hub with us-office-1 on two devices of us-vpc's gateway (active and standby). */
function dualDevice(): Topology {
  return mutate(multinationalHub(), (t) => {
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

/** The seed IDC with a second line on its own physical connection, linked to bj-vpc with health checks. */
function twoLines(): Topology {
  return mutate(idcLeasedLine(), (t) => {
    idcOf(t, "beijing-idc").additionalLines = [
      {
        name: "line-2",
        leasedLine: { physicalConnectionId: "pc-placeholder0001" },
        vbr: { vlanId: 200, localGatewayIp: "10.255.0.5", peerGatewayIp: "10.255.0.6", peeringSubnetMask: "255.255.255.252" },
        bgp: { peerAsn: 65001 },
      },
    ];
    linkOf(t, "idc-bj", "vbr").healthCheck = { sourceIp: "172.16.0.250", targetIp: "10.100.0.1" };
    t.links.push({
      kind: "vbr",
      name: "idc-bj-2",
      idc: "beijing-idc",
      vpc: "bj-vpc",
      line: "line-2",
      healthCheck: { sourceIp: "172.16.0.251", targetIp: "10.100.0.1" },
    });
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
    says: ['allowed: "standby" for every link but one', "resource_alicloud_vpn_route_entry.go `weight`"],
  },
  {
    when: "a standby link has no active link of its office on its gateway",
    base: dualDevice,
    change: (t) => {
      linkOf(t, "us-office-1-standby", "vpn").vpc = "cn-vpc";
    },
    path: "multinational-hub.links[5].role",
    value: "standby",
    says: ['allowed: "active", or an active link of office us-office-1 to cn-vpc', "Configure destination-based routes"],
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
    when: "an additional line is named like its IDC",
    base: twoLines,
    change: (t) => {
      idcOf(t, "beijing-idc").additionalLines![0]!.name = "beijing-idc";
      linkOf(t, "idc-bj-2", "vbr").line = "beijing-idc";
    },
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
    says: ["both lines fail together", "resource_alicloud_express_connect_virtual_border_router.go", "allowed: another installed line"],
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
    base: twoLines,
    change: (t) => (linkOf(t, "idc-bj-2", "vbr").line = "line-9"),
    path: "idc-leased-line.links[2].line",
    value: "line-9",
    says: ["allowed: beijing-idc, line-2"],
  },
  {
    when: "one of two lines into one VPC has no health check",
    base: twoLines,
    change: (t) => delete linkOf(t, "idc-bj", "vbr").healthCheck,
    path: "idc-leased-line.links[0].healthCheck",
    value: undefined,
    says: ["allowed: a healthCheck on every link from a line of beijing-idc to bj-vpc", "resource_alicloud_router_interface.go"],
  },
  {
    when: "an IDC with additional lines is attached to a transit router",
    base: () =>
      mutate(idcLeasedLine("transit-router"), (t) => {
        idcOf(t, "beijing-idc").additionalLines = structuredClone(idcOf(twoLines() as Draft<Topology>, "beijing-idc").additionalLines);
      }),
    change: () => undefined,
    path: "idc-leased-line.links[0].idcs[0]",
    value: "beijing-idc",
    says: ["allowed: an IDC with one line on a transit router"],
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
    ["an IDC with two lines into one VPC, each with a health check", twoLines],
    [
      "an office linked to both hub gateways, both active (one pre-shared key variable per link)",
      () => mutate(multinationalHub(), (t) => t.links.push({ kind: "vpn", name: "us-office-1-cn", office: "us-office-1", vpc: "cn-vpc" })),
    ],
  ])("accepts %s", (_what, base) => {
    expect(validateTopology(base())).toEqual([]);
  });
});
