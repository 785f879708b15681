/**
 * The checker over hand-built Terraform JSON, in the shape cdktf synthesizes
 * (`{ resource: { <type>: { <name>: { ...attributes } } } }`). Each working fixture has
 * a broken twin, so a checker that skipped a rule would fail here.
 */
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { sharedNat } from "../fixtures/seeds/shared-nat";
import { vpcPeeringCrossAccount, vpcPeeringSameAccount } from "../fixtures/seeds/vpc-peering";
import { tree } from "../netdiff/trees";
import { checkReachability, INTERNET_NETWORK, SiteEndpoint } from "../../lib/analysis/reachability";
import { sitesFromTopology } from "../../lib/topology";

type Attrs = Record<string, unknown>;
type Res = readonly [type: string, name: string, attrs: Attrs];
type Resources = Record<string, Record<string, Attrs>>;

/** A Terraform reference as cdktf renders it: `${type.name.attr}`. */
const ref = (type: string, name: string, attr = "id") => `\${${type}.${name}.${attr}}`;

function tf(...rs: readonly Res[]): { resource: Resources } {
  const resource: Resources = {};
  for (const [type, name, attrs] of rs) (resource[type] ??= {})[name] = attrs;
  return { resource };
}

const vpc = (name: string, cidrBlock: string): Res => ["alicloud_vpc", name, { vpc_name: name.toLowerCase(), cidr_block: cidrBlock }];
const peer = (name: string, a: string, b: string, extra: Attrs = {}): Res => [
  "alicloud_vpc_peer_connection",
  name,
  { vpc_id: ref("alicloud_vpc", a), accepting_vpc_id: ref("alicloud_vpc", b), ...extra },
];
/** A route entry on VPC `table` towards `dest`, next hop resource `[type, name]`. */
const route = (name: string, table: string, dest: string, nexthopType: string, hop: readonly [string, string]): Res => [
  "alicloud_route_entry",
  name,
  {
    route_table_id: ref("alicloud_vpc", table, "route_table_id"),
    destination_cidrblock: dest,
    nexthop_type: nexthopType,
    nexthop_id: ref(hop[0], hop[1]),
  },
];

const PEER: readonly [string, string] = ["alicloud_vpc_peer_connection", "Peer"];

describe("checkReachability: VPC peering", () => {
  const app = vpc("App", "10.1.0.0/16");
  const data = vpc("Data", "10.2.0.0/16");
  const appToData = route("AppToData", "App", "10.2.0.0/16", "VpcPeer", PEER);
  const dataToApp = route("DataToApp", "Data", "10.1.0.0/16", "VpcPeer", PEER);

  it("delivers both ways over a peer connection with a route on each side", () => {
    // GIVEN
    const stack = tf(app, data, peer("Peer", "App", "Data"), appToData, dataToApp);
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("app", "data")).toEqual({ from: "app", to: "data", status: "delivered", hops: ["vpc:app", "vpc:data"] });
    expect(report.get("data", "app")).toEqual({ from: "data", to: "app", status: "delivered", hops: ["vpc:data", "vpc:app"] });
    expect([...report.delivered].sort()).toEqual(["app->data", "data->app"]);
    expect(report.describe()).toContain("app -> data: delivered via vpc:app > vpc:data");
  });

  it("black-holes the way back when one side lacks the route", () => {
    // GIVEN only app routes to data
    const stack = tf(app, data, peer("Peer", "App", "Data"), appToData);
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("app", "data").status).toBe("delivered");
    expect(report.get("data", "app")).toEqual({
      from: "data",
      to: "app",
      status: "blackholed",
      hops: ["vpc:data"],
      reason: "no route to 10.1.0.0 at vpc:data",
    });
  });

  it("detects a loop when two VPCs route a third VPC's CIDR to each other", () => {
    // GIVEN ext is attached to nothing, but app and data each send its block over the peering
    const stack = tf(
      app,
      data,
      vpc("Ext", "10.3.0.0/16"),
      peer("Peer", "App", "Data"),
      appToData,
      dataToApp,
      route("AppToExt", "App", "10.3.0.0/16", "VpcPeer", PEER),
      route("DataToExt", "Data", "10.3.0.0/16", "VpcPeer", PEER),
    );
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("app", "ext")).toEqual({
      from: "app",
      to: "ext",
      status: "looped",
      hops: ["vpc:app", "vpc:data", "vpc:app"],
      reason: "revisits vpc:app",
    });
    expect(report.get("data", "ext").status).toBe("looped");
  });

  it("black-holes a route over a peer connection that does not attach the VPC", () => {
    // GIVEN ext routes over app and data's peer connection
    const stack = tf(
      app,
      data,
      vpc("Ext", "10.3.0.0/16"),
      peer("Peer", "App", "Data"),
      appToData,
      dataToApp,
      route("ExtToApp", "Ext", "10.1.0.0/16", "VpcPeer", PEER),
    );
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("ext", "app")).toMatchObject({ status: "blackholed", reason: "peer connection does not attach this VPC" });
  });

  describe("cross account", () => {
    const crossPeer = peer("Peer", "App", "Data", { accepting_ali_uid: ref("data.alicloud_account", "Acceptor") });
    const accepter = (peerName: string): Res => [
      "alicloud_vpc_peer_connection_accepter",
      "Accept",
      { instance_id: ref("alicloud_vpc_peer_connection", peerName) },
    ];

    it("black-holes a cross-account peer connection that is never accepted", () => {
      // GIVEN no accepter resource
      const stack = tf(app, data, crossPeer, appToData, dataToApp);
      // WHEN
      const report = checkReachability(stack);
      // THEN
      expect(report.get("app", "data")).toMatchObject({
        status: "blackholed",
        hops: ["vpc:app"],
        reason: "cross-account peer connection is never accepted",
      });
      expect(report.get("data", "app")).toMatchObject({ status: "blackholed", reason: "cross-account peer connection is never accepted" });
    });

    it("black-holes a cross-account peer connection whose accepter accepts another connection", () => {
      // GIVEN
      const stack = tf(app, data, crossPeer, appToData, dataToApp, accepter("OtherPeer"));
      // WHEN
      const report = checkReachability(stack);
      // THEN
      expect(report.get("app", "data").status).toBe("blackholed");
    });

    it("delivers both ways once the accepter exists", () => {
      // GIVEN
      const stack = tf(app, data, crossPeer, appToData, dataToApp, accepter("Peer"));
      // WHEN
      const report = checkReachability(stack);
      // THEN
      expect(report.get("app", "data").status).toBe("delivered");
      expect(report.get("data", "app").status).toBe("delivered");
    });
  });
});

describe("checkReachability: router-interface pairs", () => {
  const RI = "alicloud_express_connect_router_interface";
  const base: readonly Res[] = [
    vpc("Us", "172.16.0.0/16"),
    vpc("Cn", "172.17.0.0/16"),
    [RI, "UsRi", { router_id: ref("alicloud_vpc", "Us", "router_id") }],
    [RI, "CnRi", { router_id: ref("alicloud_vpc", "Cn", "router_id") }],
    route("UsToCn", "Us", "172.17.0.0/16", "RouterInterface", [RI, "UsRi"]),
    route("CnToUs", "Cn", "172.16.0.0/16", "RouterInterface", [RI, "CnRi"]),
  ];
  const connection = (name: string, from: string, to: string): Res => [
    "alicloud_router_interface_connection",
    name,
    { interface_id: ref(RI, from), opposite_interface_id: ref(RI, to) },
  ];
  const usSide = connection("UsConn", "UsRi", "CnRi");
  const cnSide = connection("CnConn", "CnRi", "UsRi");

  it("delivers both ways when both sides of the pair are connected", () => {
    // GIVEN
    const stack = tf(...base, usSide, cnSide);
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("us", "cn")).toMatchObject({ status: "delivered", hops: ["vpc:us", "vpc:cn"] });
    expect(report.get("cn", "us")).toMatchObject({ status: "delivered", hops: ["vpc:cn", "vpc:us"] });
  });

  it.each<[string, readonly Res[]]>([
    ["only the initiating side is connected", [usSide]],
    ["only the accepting side is connected", [cnSide]],
    ["neither side is connected", []],
  ])("black-holes both ways when %s", (_when, connections) => {
    // GIVEN
    const stack = tf(...base, ...connections);
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("us", "cn")).toMatchObject({ status: "blackholed", reason: "router interface is not connected" });
    expect(report.get("cn", "us")).toMatchObject({ status: "blackholed", reason: "router interface is not connected" });
  });

  it("black-holes a route whose router interface belongs to another router", () => {
    // GIVEN us routes through cn's interface
    const stack = tf(
      ...base.filter(([, name]) => name !== "UsToCn"),
      usSide,
      cnSide,
      route("UsToCn", "Us", "172.17.0.0/16", "RouterInterface", [RI, "CnRi"]),
    );
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("us", "cn")).toMatchObject({ status: "blackholed", reason: "router interface does not belong to this router" });
    expect(report.get("cn", "us").status).toBe("delivered");
  });
});

describe("checkReachability: VPN gateway and offices", () => {
  const GW: readonly [string, string] = ["alicloud_vpn_gateway", "Gw"];
  const office1: SiteEndpoint = { name: "office-1", cidrs: ["10.10.10.0/24"], publicIp: "203.0.113.11" };
  const office2: SiteEndpoint = { name: "office-2", cidrs: ["10.10.20.0/24"], publicIp: "203.0.113.12" };
  const hubVpc = vpc("Hub", "172.16.0.0/16");
  const gateway: Res = ["alicloud_vpn_gateway", "Gw", { vpc_id: ref("alicloud_vpc", "Hub") }];
  const customerGateway = (name: string, ip: string): Res => ["alicloud_vpn_customer_gateway", name, { ip_address: ip }];
  const connection = (name: string, cgw: string, remote: readonly string[]): Res => [
    "alicloud_vpn_connection",
    name,
    {
      vpn_gateway_id: ref(...GW),
      customer_gateway_id: ref("alicloud_vpn_customer_gateway", cgw),
      local_subnet: ["0.0.0.0/0"],
      remote_subnet: remote,
    },
  ];
  const toOffice1 = route("ToOffice1", "Hub", "10.10.10.0/24", "VpnGateway", GW);

  it("delivers both ways when the connection lists the office and its gateway is the office's IP", () => {
    // GIVEN
    const stack = tf(hubVpc, gateway, customerGateway("Cgw1", "203.0.113.11"), connection("Conn1", "Cgw1", ["10.10.10.0/24"]), toOffice1);
    // WHEN
    const report = checkReachability(stack, { offices: [office1] });
    // THEN
    expect(report.get("hub", "office-1")).toEqual({ from: "hub", to: "office-1", status: "delivered", hops: ["vpc:hub", "vpngw:hub"] });
    expect(report.get("office-1", "hub")).toEqual({ from: "office-1", to: "hub", status: "delivered", hops: ["vpngw:hub", "vpc:hub"] });
  });

  it("does not deliver to an office the connection's remote_subnet omits", () => {
    // GIVEN the connection lists some other block
    const stack = tf(hubVpc, gateway, customerGateway("Cgw1", "203.0.113.11"), connection("Conn1", "Cgw1", ["10.10.99.0/24"]), toOffice1);
    // WHEN
    const report = checkReachability(stack, { offices: [office1] });
    // THEN the gateway hands the packet back to its VPC, which sends it to the gateway again
    expect(report.get("hub", "office-1")).toMatchObject({ status: "looped", hops: ["vpc:hub", "vpngw:hub", "vpc:hub"] });
  });

  it("black-holes an office whose public IP is not the customer gateway's", () => {
    // GIVEN the customer gateway has another address
    const stack = tf(hubVpc, gateway, customerGateway("Cgw1", "203.0.113.99"), connection("Conn1", "Cgw1", ["10.10.10.0/24"]), toOffice1);
    // WHEN
    const report = checkReachability(stack, { offices: [office1] });
    // THEN
    expect(report.get("hub", "office-1")).toMatchObject({
      status: "blackholed",
      hops: ["vpc:hub", "vpngw:hub"],
      reason: "IPsec peer 203.0.113.99 is no known office",
    });
    expect(report.get("office-1", "hub")).toMatchObject({ status: "blackholed", hops: [], reason: "office-1 is attached to no router" });
  });

  it("black-holes a VpnGateway route to the gateway of another VPC", () => {
    // GIVEN other routes office-1's block to hub's gateway
    const stack = tf(
      hubVpc,
      vpc("Other", "172.18.0.0/16"),
      gateway,
      customerGateway("Cgw1", "203.0.113.11"),
      connection("Conn1", "Cgw1", ["10.10.10.0/24"]),
      toOffice1,
      route("OtherToOffice1", "Other", "10.10.10.0/24", "VpnGateway", GW),
    );
    // WHEN
    const report = checkReachability(stack, { offices: [office1] });
    // THEN
    expect(report.get("other", "office-1")).toMatchObject({ status: "blackholed", reason: "VPN gateway is not in this VPC" });
  });

  describe("destination routes on the gateway", () => {
    const manual = (remote: readonly string[]): Res => {
      const [type, name, attrs] = connection("Conn1", "Cgw1", remote);
      return [type, name, { ...attrs, auto_config_route: false }];
    };
    const vpnRoute = (dest: string): Res => [
      "alicloud_vpn_route_entry",
      "Office1Route",
      {
        vpn_gateway_id: ref(...GW),
        next_hop: ref("alicloud_vpn_connection", "Conn1"),
        route_dest: dest,
        publish_vpc: false,
        weight: 100,
      },
    ];

    it("does not deliver when auto_config_route is false and no vpn route entry exists", () => {
      // GIVEN
      const stack = tf(hubVpc, gateway, customerGateway("Cgw1", "203.0.113.11"), manual(["10.10.10.0/24"]), toOffice1);
      // WHEN
      const report = checkReachability(stack, { offices: [office1] });
      // THEN
      expect(report.get("hub", "office-1")).toMatchObject({ status: "looped", hops: ["vpc:hub", "vpngw:hub", "vpc:hub"] });
    });

    it("delivers over a vpn route entry when auto_config_route is false", () => {
      // GIVEN
      const stack = tf(
        hubVpc,
        gateway,
        customerGateway("Cgw1", "203.0.113.11"),
        manual(["10.10.10.0/24"]),
        toOffice1,
        vpnRoute("10.10.10.0/24"),
      );
      // WHEN
      const report = checkReachability(stack, { offices: [office1] });
      // THEN
      expect(report.get("hub", "office-1")).toMatchObject({ status: "delivered", hops: ["vpc:hub", "vpngw:hub"] });
    });

    it("black-holes a vpn route entry outside the connection's remote subnets", () => {
      // GIVEN the traffic selector admits another block
      const stack = tf(
        hubVpc,
        gateway,
        customerGateway("Cgw1", "203.0.113.11"),
        manual(["10.10.99.0/24"]),
        toOffice1,
        vpnRoute("10.10.10.0/24"),
      );
      // WHEN
      const report = checkReachability(stack, { offices: [office1] });
      // THEN
      expect(report.get("hub", "office-1")).toMatchObject({
        status: "blackholed",
        reason: "10.10.10.0/24 is outside the connection's remote subnets",
      });
    });
  });

  it("finds the customer gateway of a dual-tunnel connection in its tunnel options", () => {
    // GIVEN no top-level customer_gateway_id
    const stack = tf(hubVpc, gateway, customerGateway("Cgw1", "203.0.113.11"), toOffice1, [
      "alicloud_vpn_connection",
      "Conn1",
      {
        vpn_gateway_id: ref(...GW),
        local_subnet: ["0.0.0.0/0"],
        remote_subnet: ["10.10.10.0/24"],
        tunnel_options_specification: [
          { customer_gateway_id: ref("alicloud_vpn_customer_gateway", "Cgw1"), role: "master" },
          { customer_gateway_id: ref("alicloud_vpn_customer_gateway", "Cgw1"), role: "slave" },
        ],
      },
    ]);
    // WHEN
    const report = checkReachability(stack, { offices: [office1] });
    // THEN
    expect(report.get("hub", "office-1")).toMatchObject({ status: "delivered" });
    expect(report.get("office-1", "hub")).toMatchObject({ status: "delivered" });
  });

  it("delivers between two offices on one gateway", () => {
    // GIVEN
    const stack = tf(
      hubVpc,
      gateway,
      customerGateway("Cgw1", "203.0.113.11"),
      connection("Conn1", "Cgw1", ["10.10.10.0/24"]),
      customerGateway("Cgw2", "203.0.113.12"),
      connection("Conn2", "Cgw2", ["10.10.20.0/24"]),
    );
    // WHEN
    const report = checkReachability(stack, { offices: [office1, office2] });
    // THEN
    expect(report.get("office-1", "office-2")).toMatchObject({ status: "delivered", hops: ["vpngw:hub"] });
    expect(report.get("office-2", "office-1")).toMatchObject({ status: "delivered", hops: ["vpngw:hub"] });
  });
});

describe("checkReachability: NAT gateway", () => {
  const NAT: readonly [string, string] = ["alicloud_nat_gateway", "Nat"];
  const natGateway: Res = ["alicloud_nat_gateway", "Nat", { vpc_id: ref("alicloud_vpc", "Hub"), nat_gateway_name: "egress" }];
  const eip: readonly Res[] = [
    ["alicloud_eip_address", "Eip", {}],
    ["alicloud_eip_association", "EipAssoc", { allocation_id: ref("alicloud_eip_address", "Eip"), instance_id: ref(...NAT) }],
  ];
  const hubSnat: readonly Res[] = [
    ["alicloud_vswitch", "HubNat", { vpc_id: ref("alicloud_vpc", "Hub"), cidr_block: "192.168.0.0/24" }],
    [
      "alicloud_snat_entry",
      "HubSnat",
      {
        snat_table_id: ref(...NAT, "snat_table_ids"),
        source_vswitch_id: ref("alicloud_vswitch", "HubNat"),
        snat_ip: ref("alicloud_eip_address", "Eip", "ip_address"),
      },
    ],
  ];
  const spokeSnat: Res = [
    "alicloud_snat_entry",
    "SpokeSnat",
    { snat_table_id: ref(...NAT, "snat_table_ids"), source_cidr: "172.16.0.0/16" },
  ];
  const dnat: Res = [
    "alicloud_forward_entry",
    "Ssh",
    { forward_table_id: ref(...NAT, "forward_table_ids"), external_port: "22", internal_ip: "192.168.1.10" },
  ];
  const network: readonly Res[] = [
    vpc("Hub", "192.168.0.0/16"),
    vpc("Spoke", "172.16.0.0/16"),
    peer("Peer", "Hub", "Spoke"),
    route("HubToSpoke", "Hub", "172.16.0.0/16", "VpcPeer", PEER),
    route("SpokeToHub", "Spoke", "192.168.0.0/16", "VpcPeer", PEER),
    route("SpokeDefault", "Spoke", "0.0.0.0/0", "VpcPeer", PEER),
    route("HubDefault", "Hub", "0.0.0.0/0", "NatGateway", NAT),
    natGateway,
  ];

  it("lets only sources with a SNAT entry reach the internet", () => {
    // GIVEN SNAT for the hub's vSwitch only
    const stack = tf(...network, ...eip, ...hubSnat);
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("hub", INTERNET_NETWORK)).toMatchObject({ status: "delivered", hops: ["vpc:hub", "nat:egress"] });
    expect(report.get("spoke", INTERNET_NETWORK)).toMatchObject({
      status: "blackholed",
      hops: ["vpc:spoke", "vpc:hub", "nat:egress"],
      reason: "no SNAT entry for source spoke",
    });
  });

  it("lets a spoke reach the internet once a SNAT entry covers its CIDR", () => {
    // GIVEN
    const stack = tf(...network, ...eip, ...hubSnat, spokeSnat);
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("spoke", INTERNET_NETWORK)).toMatchObject({ status: "delivered", hops: ["vpc:spoke", "vpc:hub", "nat:egress"] });
  });

  it("black-holes internet traffic through a NAT gateway without an EIP", () => {
    // GIVEN SNAT entries but no EIP association
    const stack = tf(...network, ...hubSnat, spokeSnat);
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("hub", INTERNET_NETWORK)).toMatchObject({ status: "blackholed", reason: "NAT gateway has no EIP" });
  });

  it("models the 0.0.0.0/0 system route an enhanced internet NAT gateway adds to its VPC (CreateNatGateway docs)", () => {
    // GIVEN an enhanced NAT gateway and no custom default route in the hub
    const enhanced: Res = [
      "alicloud_nat_gateway",
      "Nat",
      { vpc_id: ref("alicloud_vpc", "Hub"), nat_gateway_name: "egress", nat_type: "Enhanced", network_type: "internet" },
    ];
    const stack = tf(...network.filter(([, name]) => name !== "HubDefault" && name !== "Nat"), enhanced, ...eip, ...hubSnat, spokeSnat);
    // WHEN
    const report = checkReachability(stack);
    // THEN hub and spoke reach the internet through the system route
    expect(report.get("hub", INTERNET_NETWORK)).toMatchObject({ status: "delivered", hops: ["vpc:hub", "nat:egress"] });
    expect(report.get("spoke", INTERNET_NETWORK)).toMatchObject({ status: "delivered", hops: ["vpc:spoke", "vpc:hub", "nat:egress"] });
  });

  it("black-holes a custom 0.0.0.0/0 entry that duplicates an enhanced NAT gateway's system route (apply would fail)", () => {
    // GIVEN the hub also emits its own 0.0.0.0/0 -> NAT entry
    const enhanced: Res = [
      "alicloud_nat_gateway",
      "Nat",
      { vpc_id: ref("alicloud_vpc", "Hub"), nat_gateway_name: "egress", nat_type: "Enhanced" },
    ];
    const stack = tf(...network.filter(([, name]) => name !== "Nat"), enhanced, ...eip, ...hubSnat, spokeSnat);
    // WHEN
    const report = checkReachability(stack);
    // THEN the conflict is named
    expect(report.get("hub", INTERNET_NETWORK)).toMatchObject({
      status: "blackholed",
      reason: "custom route 0.0.0.0/0 duplicates the system route that NAT gateway nat:egress adds itself; apply would fail",
    });
  });

  it("black-holes a NatGateway route to the NAT gateway of another VPC", () => {
    // GIVEN the spoke points its default route straight at the hub's NAT gateway
    const stack = tf(
      ...network.filter(([, name]) => name !== "SpokeDefault"),
      ...eip,
      ...hubSnat,
      spokeSnat,
      route("SpokeDefault", "Spoke", "0.0.0.0/0", "NatGateway", NAT),
    );
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get("spoke", INTERNET_NETWORK)).toMatchObject({ status: "blackholed", reason: "NAT gateway is not in this VPC" });
  });

  it("lets the internet reach nothing without a DNAT entry", () => {
    // GIVEN full egress, no DNAT
    const stack = tf(...network, ...eip, ...hubSnat, spokeSnat);
    // WHEN
    const inbound = checkReachability(stack).results.filter((r) => r.from === INTERNET_NETWORK);
    // THEN
    expect(inbound.map((r) => r.to).sort()).toEqual(["hub", "spoke"]);
    for (const r of inbound) expect(r).toMatchObject({ status: "blackholed", reason: "no inbound path from the internet (no DNAT entry)" });
  });

  it("lets the internet in through a DNAT entry", () => {
    // GIVEN
    const stack = tf(...network, ...eip, ...hubSnat, dnat);
    // WHEN
    const report = checkReachability(stack);
    // THEN
    expect(report.get(INTERNET_NETWORK, "hub")).toMatchObject({ status: "delivered", hops: ["vpc:hub"] });
  });
});

describe("checkReachability: IDC behind a VBR", () => {
  const RI = "alicloud_express_connect_router_interface";
  const VBR = "alicloud_express_connect_virtual_border_router";
  const idc: SiteEndpoint = { name: "beijing-idc", cidrs: ["10.100.0.0/16"], vbr: { vlanId: 100, peerGatewayIp: "10.255.0.2" } };
  const base: readonly Res[] = [
    vpc("Bj", "172.16.0.0/16"),
    [VBR, "Vbr", { vlan_id: 100, local_gateway_ip: "10.255.0.1", peer_gateway_ip: "10.255.0.2", virtual_border_router_name: "bj-vbr" }],
    [RI, "VpcRi", { router_id: ref("alicloud_vpc", "Bj", "router_id") }],
    [RI, "VbrRi", { router_id: ref(VBR, "Vbr") }],
    ["alicloud_router_interface_connection", "VpcConn", { interface_id: ref(RI, "VpcRi"), opposite_interface_id: ref(RI, "VbrRi") }],
    ["alicloud_router_interface_connection", "VbrConn", { interface_id: ref(RI, "VbrRi"), opposite_interface_id: ref(RI, "VpcRi") }],
    route("VpcToIdc", "Bj", "10.100.0.0/16", "RouterInterface", [RI, "VpcRi"]),
    [
      "alicloud_route_entry",
      "VbrToVpc",
      {
        route_table_id: ref(VBR, "Vbr", "route_table_id"),
        destination_cidrblock: "172.16.0.0/16",
        nexthop_type: "RouterInterface",
        nexthop_id: ref(RI, "VbrRi"),
      },
    ],
  ];
  const bgp: Res = ["alicloud_vpc_bgp_group", "Bgp", { router_id: ref(VBR, "Vbr"), peer_asn: 65001 }];
  const staticToIdc: Res = [
    "alicloud_route_entry",
    "VbrToIdc",
    {
      route_table_id: ref(VBR, "Vbr", "route_table_id"),
      destination_cidrblock: "10.100.0.0/16",
      nexthop_type: "PhysicalConnection",
      nexthop_id: ref("alicloud_express_connect_physical_connection", "Line"),
    },
  ];

  it.each<[string, Res]>([
    ["BGP", bgp],
    ["a static route to the physical connection", staticToIdc],
  ])("delivers both ways with %s on the VBR", (_how, toIdc) => {
    // GIVEN
    const stack = tf(...base, toIdc);
    // WHEN
    const report = checkReachability(stack, { idcs: [idc] });
    // THEN
    expect(report.get("bj", "beijing-idc")).toMatchObject({ status: "delivered", hops: ["vpc:bj", "vbr:beijing-idc"] });
    expect(report.get("beijing-idc", "bj")).toMatchObject({ status: "delivered", hops: ["vbr:beijing-idc", "vpc:bj"] });
  });

  it("black-holes traffic to the IDC when the VBR has neither BGP nor a static route", () => {
    // GIVEN
    const stack = tf(...base);
    // WHEN
    const report = checkReachability(stack, { idcs: [idc] });
    // THEN
    expect(report.get("bj", "beijing-idc")).toMatchObject({
      status: "blackholed",
      reason: "VBR has neither BGP nor a static route towards beijing-idc",
    });
  });
});

describe("sitesFromTopology", () => {
  it("lists offices with their public IPs and IDCs with their VBR identity", () => {
    // GIVEN / WHEN
    const offices = sitesFromTopology(multinationalHub()).offices;
    const idcs = sitesFromTopology(idcLeasedLine()).idcs;
    // THEN
    expect(offices[0]).toEqual({ name: "us-office-1", cidrs: ["10.10.10.0/24"], publicIp: "203.0.113.11" });
    expect(offices).toHaveLength(4);
    expect(idcs).toEqual([{ name: "beijing-idc", cidrs: ["10.100.0.0/16"], vbr: { vlanId: 100, peerGatewayIp: "10.255.0.2" } }]);
  });
});

describe("checkReachability: the matrix computed one destination at a time", () => {
  // every seed scenario as synthesized, and the hand-built loop of the peering case
  const seeds = [multinationalHub(), idcLeasedLine(), sharedNat(), vpcPeeringCrossAccount(), vpcPeeringSameAccount()];

  it.each(seeds.map((t) => [t.name, t] as const))("agrees with one hop-by-hop trace per pair on the %s seed", (_name, t) => {
    // GIVEN
    const stack = tree(t).get(`${t.name}-dev`)!;
    // WHEN
    const report = checkReachability(stack, sitesFromTopology(t));
    // THEN every pair's shared-walk answer is the trace's status
    const traced = report.results.filter((r) => r.status === "delivered").map((r) => `${r.from}->${r.to}`);
    expect([...report.delivered].sort()).toEqual(traced.sort());
    for (const r of report.results) expect(report.isDelivered(r.from, r.to)).toBe(r.status === "delivered");
    expect(traced.length).toBeGreaterThan(0);
  });

  it("fails to deliver into a loop, from every router on it", () => {
    // GIVEN app -> data -> app for 10.9.0.0/16 (nobody owns it), and a network there
    const stack = tf(
      vpc("App", "10.1.0.0/16"),
      vpc("Data", "10.2.0.0/16"),
      peer("Peer", "App", "Data"),
      route("A", "App", "10.9.0.0/16", "VpcPeer", PEER),
      route("B", "Data", "10.9.0.0/16", "VpcPeer", PEER),
    );
    // WHEN
    const report = checkReachability(stack, { idcs: [{ name: "ext", cidrs: ["10.9.0.0/16"] }] });
    // THEN
    for (const from of ["app", "data"]) {
      expect(report.isDelivered(from, "ext")).toBe(false);
      expect(report.get(from, "ext").status).toBe("looped");
    }
  });

  it("fails when asked for a pair of unknown networks, naming the networks it knows", () => {
    const report = checkReachability(tf(vpc("App", "10.1.0.0/16")));
    expect(() => report.get("app", "nowhere")).toThrow("no result for app->nowhere; networks: app, internet");
    expect(report.isDelivered("app", "nowhere")).toBe(false);
    expect(report.networks).toEqual(["app", INTERNET_NETWORK]);
  });
});
