/**
 * The request rules of emulator/src/products/checks.ts, one "fails when" test each, next to
 * the valid request that passes (so a rule that refused everything would fail here too).
 */
import { ECS, harness, VPC } from "./helpers";
import { seedPhysicalConnection } from "../../emulator/src/products/express";
import { accountUid } from "../../emulator/src/server";

function world(region = "cn-hangzhou") {
  const h = harness();
  const me = h.as("rules-main", region);
  const ok = (action: string, params: Record<string, string>, version = VPC) => {
    const r = me(version, action, params);
    if (r.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const vpc = (cidr: string) => String(ok("CreateVpc", { CidrBlock: cidr }).VpcId);
  const vsw = (vpcId: string, cidr: string, zone = `${region}-h`) =>
    String(ok("CreateVSwitch", { VpcId: vpcId, CidrBlock: cidr, ZoneId: zone }).VSwitchId);
  const table = (vpcId: string) => String(ok("DescribeVpcAttribute", { VpcId: vpcId }).VRouterId) && routeTableOf(vpcId);
  const routeTableOf = (vpcId: string) =>
    String(
      (ok("DescribeRouteTableList", { VpcId: vpcId }).RouterTableList as { RouterTableListType: { RouteTableId: string }[] })
        .RouterTableListType[0]?.RouteTableId,
    );
  const code = (action: string, params: Record<string, string>, version = VPC) => me(version, action, params).body.Code;
  return { ...h, me, ok, vpc, vsw, table, code };
}

/** Two VPCs with a peering, each with a vSwitch; a VPN gateway in the first. */
function network() {
  const w = world();
  const a = w.vpc("10.1.0.0/16");
  const b = w.vpc("10.2.0.0/16");
  const swA = w.vsw(a, "10.1.1.0/24");
  const swA2 = w.vsw(a, "10.1.2.0/24", "cn-hangzhou-i");
  w.vsw(b, "10.2.1.0/24");
  const peering = String(
    w.ok("CreateVpcPeerConnection", { VpcId: a, AcceptingVpcId: b, AcceptingRegionId: "cn-hangzhou" }, "2022-01-01").InstanceId,
  );
  const gw = String(w.ok("CreateVpnGateway", { VpcId: a, VSwitchId: swA, DisasterRecoveryVSwitchId: swA2, Bandwidth: "10" }).VpnGatewayId);
  w.advance(1000);
  return { ...w, a, b, swA, peering, gw };
}

describe("VPC and vSwitch CIDRs", () => {
  test("a /16 vSwitch and a /29 vSwitch are accepted", () => {
    const w = world();
    const v = w.vpc("10.0.0.0/8");
    expect(w.me(VPC, "CreateVSwitch", { VpcId: v, CidrBlock: "10.1.0.0/16", ZoneId: "cn-hangzhou-h" }).status).toBe(200);
    expect(w.me(VPC, "CreateVSwitch", { VpcId: v, CidrBlock: "10.2.0.0/29", ZoneId: "cn-hangzhou-h" }).status).toBe(200);
  });
  test("fails when a vSwitch's mask is /30 (CreateVSwitch: /16 to /29)", () => {
    const w = world();
    const v = w.vpc("10.0.0.0/16");
    expect(w.code("CreateVSwitch", { VpcId: v, CidrBlock: "10.0.1.0/30", ZoneId: "cn-hangzhou-h" })).toBe("InvalidCidrBlock.Malformed");
  });
  test("fails when a VPC's mask is /29 (CreateVpc: at most /28)", () => {
    expect(world().code("CreateVpc", { CidrBlock: "10.0.0.0/29" })).toBe("InvalidCidrBlock.Malformed");
  });
  test("fails when a VPC uses a reserved range (CreateVpc: not 100.64.0.0/10)", () => {
    expect(world().code("CreateVpc", { CidrBlock: "100.64.0.0/16" })).toBe("InvalidCidrBlock.Reserved");
  });
  test("fails when a vSwitch's zone is in another region", () => {
    const w = world();
    const v = w.vpc("10.0.0.0/16");
    expect(w.code("CreateVSwitch", { VpcId: v, CidrBlock: "10.0.1.0/24", ZoneId: "cn-shanghai-e" })).toBe("InvalidZoneId.NotFound");
  });
  test("fails when a vSwitch's CIDR equals a route entry's destination in the VPC", () => {
    const n = network();
    n.ok("CreateRouteEntry", {
      RouteTableId: n.table(n.a),
      DestinationCidrBlock: "10.1.9.0/24",
      NextHopType: "VpcPeer",
      NextHopId: n.peering,
    });
    n.advance(1000);
    expect(n.code("CreateVSwitch", { VpcId: n.a, CidrBlock: "10.1.9.0/24", ZoneId: "cn-hangzhou-h" })).toBe("InvalidCidrBlock.Overlapped");
  });
});

describe("route entries", () => {
  test("a route to the peered VPC via the peering is accepted, from either side", () => {
    const n = network();
    const to = (vpc: string, dest: string) =>
      n.me(VPC, "CreateRouteEntry", {
        RouteTableId: n.table(vpc),
        DestinationCidrBlock: dest,
        NextHopType: "VpcPeer",
        NextHopId: n.peering,
      });
    expect(to(n.a, "10.2.0.0/16").status).toBe(200);
    expect(to(n.b, "10.1.0.0/16").status).toBe(200);
  });
  test("a cross-region peering is a next hop in the accepting region too, and not in a third region", () => {
    const h = harness();
    const hz = h.as("rules-main", "cn-hangzhou");
    const sh = h.as("rules-main", "cn-shanghai");
    const bj = h.as("rules-main", "cn-beijing");
    const a = String(hz(VPC, "CreateVpc", { CidrBlock: "10.1.0.0/16" }).body.VpcId);
    const b = String(sh(VPC, "CreateVpc", { CidrBlock: "10.2.0.0/16" }).body.VpcId);
    const pcc = String(
      hz("2022-01-01", "CreateVpcPeerConnection", { VpcId: a, AcceptingVpcId: b, AcceptingRegionId: "cn-shanghai" }).body.InstanceId,
    );
    const tableOf = (call: typeof hz, vpc: string) =>
      String((call(VPC, "DescribeVpcAttribute", { VpcId: vpc }).body as { VRouterId: string }).VRouterId) &&
      String(
        (call(VPC, "DescribeRouteTableList", { VpcId: vpc }).body.RouterTableList as { RouterTableListType: { RouteTableId: string }[] })
          .RouterTableListType[0]?.RouteTableId,
      );
    const route = { DestinationCidrBlock: "10.1.0.0/16", NextHopType: "VpcPeer", NextHopId: pcc };
    expect(sh(VPC, "CreateRouteEntry", { RouteTableId: tableOf(sh, b), ...route }).status).toBe(200);
    const c = String(bj(VPC, "CreateVpc", { CidrBlock: "10.3.0.0/16" }).body.VpcId);
    expect(bj(VPC, "CreateRouteEntry", { RouteTableId: tableOf(bj, c), ...route }).body.Code).toBe("InvalidNextHopId.NotFound");
  });
  test("fails when the next hop is another VPC's gateway (next hop must be in the route table's VPC)", () => {
    const n = network();
    const params = { RouteTableId: n.table(n.b), DestinationCidrBlock: "192.168.0.0/24", NextHopType: "VpnGateway", NextHopId: n.gw };
    expect(n.code("CreateRouteEntry", params)).toBe("InvalidNextHop.NotInVpc");
  });
  test("fails when the next hop ID is of another type than NextHopType names", () => {
    const n = network();
    const params = { RouteTableId: n.table(n.a), DestinationCidrBlock: "192.168.0.0/24", NextHopType: "VpcPeer", NextHopId: n.gw };
    expect(n.code("CreateRouteEntry", params)).toBe("InvalidNextHopType.Mismatch");
  });
  test("fails when the next hop belongs to another account", () => {
    const n = network();
    const other = n.as("rules-other");
    const ov = String(other(VPC, "CreateVpc", { CidrBlock: "10.9.0.0/16" }).body.VpcId);
    const params = { RouteTableId: n.table(n.a), DestinationCidrBlock: "10.9.0.0/16", NextHopType: "VpcPeer", NextHopId: ov };
    expect(n.code("CreateRouteEntry", params)).toBe("InvalidNextHopId.NotFound");
  });
  test("fails when the destination equals a vSwitch's CIDR (a system route)", () => {
    const n = network();
    const params = { RouteTableId: n.table(n.a), DestinationCidrBlock: "10.1.1.0/24", NextHopType: "VpnGateway", NextHopId: n.gw };
    expect(n.code("CreateRouteEntry", params)).toBe("InvalidDestinationCidrBlock.SystemRoute");
  });
  test("fails when the destination is within 100.64.0.0/10", () => {
    const n = network();
    const params = { RouteTableId: n.table(n.a), DestinationCidrBlock: "100.100.0.0/16", NextHopType: "VpnGateway", NextHopId: n.gw };
    expect(n.code("CreateRouteEntry", params)).toBe("InvalidDestinationCidrBlock.Reserved");
  });
  test("fails when the route table is in another region than the request", () => {
    const n = network();
    const there = n.as("rules-main", "cn-shanghai");
    const params = { RouteTableId: n.table(n.a), DestinationCidrBlock: "10.2.0.0/16", NextHopType: "VpcPeer", NextHopId: n.peering };
    expect(there(VPC, "CreateRouteEntry", params).body.Code).toBe("InvalidRouteTableId.NotFound");
  });
});

describe("VPN gateway", () => {
  test("fails when the bandwidth is not a documented specification", () => {
    const w = world("cn-hongkong");
    const v = w.vpc("10.0.0.0/16");
    const s1 = w.vsw(v, "10.0.1.0/24", "cn-hongkong-b");
    const s2 = w.vsw(v, "10.0.2.0/24", "cn-hongkong-c");
    expect(w.code("CreateVpnGateway", { VpcId: v, VSwitchId: s1, DisasterRecoveryVSwitchId: s2, Bandwidth: "15" })).toBe(
      "InvalidBandwidth.Malformed",
    );
  });
  test("fails when a dual-tunnel gateway's two vSwitches share a zone", () => {
    const w = world();
    const v = w.vpc("10.0.0.0/16");
    const s1 = w.vsw(v, "10.0.1.0/24", "cn-hangzhou-h");
    const s2 = w.vsw(v, "10.0.2.0/24", "cn-hangzhou-h");
    expect(w.code("CreateVpnGateway", { VpcId: v, VSwitchId: s1, DisasterRecoveryVSwitchId: s2, Bandwidth: "10" })).toBe(
      "InvalidVSwitchId.SameZone",
    );
  });
  test("fails when a dual-tunnel gateway's vSwitch is in a zone without dual-tunnel support", () => {
    const w = world();
    const v = w.vpc("10.0.0.0/16");
    const s1 = w.vsw(v, "10.0.1.0/24", "cn-hangzhou-h");
    const s2 = w.vsw(v, "10.0.2.0/24", "cn-hangzhou-b");
    expect(w.code("CreateVpnGateway", { VpcId: v, VSwitchId: s1, DisasterRecoveryVSwitchId: s2, Bandwidth: "10" })).toBe(
      "InvalidZoneId.NotDualTunnel",
    );
  });
});

describe("IPsec connections and customer gateways", () => {
  const tunnels = (cgw: string, over: Record<string, string> = {}) =>
    Object.fromEntries(
      [1, 2].flatMap((i) =>
        Object.entries({
          CustomerGatewayId: cgw,
          Role: i === 1 ? "master" : "slave",
          "TunnelIkeConfig.IkeEncAlg": "aes256",
          "TunnelIkeConfig.IkeAuthAlg": "sha256",
          "TunnelIkeConfig.IkePfs": "group14",
          "TunnelIpsecConfig.IpsecEncAlg": "aes256",
          "TunnelIpsecConfig.IpsecPfs": "group14",
          ...over,
        }).map(([k, v]) => [`TunnelOptionsSpecification.${i}.${k}`, v]),
      ),
    );
  const setup = () => {
    const n = network();
    const cgw = String(n.ok("CreateCustomerGateway", { IpAddress: "203.0.113.9" }).CustomerGatewayId);
    const base = { VpnGatewayId: n.gw, LocalSubnet: "10.1.0.0/16", RemoteSubnet: "192.168.0.0/24" };
    return { n, cgw, base };
  };
  test("a connection with documented algorithms is accepted", () => {
    const { n, cgw, base } = setup();
    expect(n.me(VPC, "CreateVpnConnection", { ...base, ...tunnels(cgw) }).status).toBe(200);
  });
  test("fails when an IKE encryption algorithm is not a documented value", () => {
    const { n, cgw, base } = setup();
    expect(n.code("CreateVpnConnection", { ...base, ...tunnels(cgw, { "TunnelIkeConfig.IkeEncAlg": "aes512" }) })).toBe(
      "InvalidIkeConfig.Malformed",
    );
  });
  test("fails when an IPsec DH group is not a documented value", () => {
    const { n, cgw, base } = setup();
    expect(n.code("CreateVpnConnection", { ...base, ...tunnels(cgw, { "TunnelIpsecConfig.IpsecPfs": "group24" }) })).toBe(
      "InvalidIpsecConfig.Malformed",
    );
  });
  test("fails when a remote subnet is not a CIDR block", () => {
    const { n, cgw, base } = setup();
    expect(n.code("CreateVpnConnection", { ...base, RemoteSubnet: "192.168.0.0/33", ...tunnels(cgw) })).toBe("InvalidSubnet.Malformed");
  });
  test("fails when a customer gateway's address is in a reserved range", () => {
    expect(world().code("CreateCustomerGateway", { IpAddress: "100.64.1.1" })).toBe("InvalidIpAddress.Reserved");
  });
  test("fails when a customer gateway's ASN is Alibaba Cloud's 45104", () => {
    expect(world().code("CreateCustomerGateway", { IpAddress: "203.0.113.7", Asn: "45104" })).toBe("InvalidAsn.Malformed");
  });
  test("fails when a VPN route's next hop is a connection of another gateway, or its weight is not 0 or 100", () => {
    const { n, cgw, base } = setup();
    const conn = String(n.ok("CreateVpnConnection", { ...base, ...tunnels(cgw) }).VpnConnectionId);
    const s1 = n.vsw(n.b, "10.2.2.0/24", "cn-hangzhou-h");
    const s2 = n.vsw(n.b, "10.2.3.0/24", "cn-hangzhou-i");
    const gw2 = String(
      n.ok("CreateVpnGateway", { VpcId: n.b, VSwitchId: s1, DisasterRecoveryVSwitchId: s2, Bandwidth: "10" }).VpnGatewayId,
    );
    const route = { RouteDest: "192.168.0.0/24", NextHop: conn, Weight: "100", PublishVpc: "false" };
    expect(n.code("CreateVpnRouteEntry", { VpnGatewayId: gw2, ...route })).toBe("InvalidNextHop.NotInGateway");
    expect(n.code("CreateVpnRouteEntry", { VpnGatewayId: n.gw, ...route, Weight: "50" })).toBe("InvalidWeight.Malformed");
    expect(n.me(VPC, "CreateVpnRouteEntry", { VpnGatewayId: n.gw, ...route }).status).toBe(200);
  });
});

describe("Express Connect and BGP", () => {
  const vbrWorld = () => {
    const w = world("cn-beijing");
    seedPhysicalConnection(w.emu.store, accountUid("rules-main"), "cn-beijing", "pc-rules", "ap-cn-beijing-fixture");
    const vbr = (over: Record<string, string> = {}) =>
      w.me(VPC, "CreateVirtualBorderRouter", {
        PhysicalConnectionId: "pc-rules",
        VlanId: "100",
        LocalGatewayIp: "10.255.0.1",
        PeerGatewayIp: "10.255.0.2",
        PeeringSubnetMask: "255.255.255.252",
        ...over,
      });
    return { ...w, vbr };
  };
  test("fails when a VBR's two gateway IPs are not in one peering subnet", () => {
    const w = vbrWorld();
    expect(w.vbr({ PeerGatewayIp: "10.255.0.6" }).body.Code).toBe("InvalidGatewayIp.NotInSameSubnet");
    expect(w.vbr().status).toBe(200);
  });
  test("fails when a BGP group's peer ASN is 45104 or its local ASN is reserved", () => {
    const w = vbrWorld();
    const id = String(w.vbr().body.VbrId);
    expect(w.code("CreateBgpGroup", { RouterId: id, PeerAsn: "45104" })).toBe("InvalidAsn.Malformed");
    expect(w.code("CreateBgpGroup", { RouterId: id, PeerAsn: "65001", LocalAsn: "65025" })).toBe("InvalidAsn.Malformed");
    expect(w.me(VPC, "CreateBgpGroup", { RouterId: id, PeerAsn: "65001", LocalAsn: "45104" }).status).toBe(200);
  });
  test("fails when a BGP peer's BFD hop count is 0", () => {
    const w = vbrWorld();
    const id = String(w.vbr().body.VbrId);
    const g = String(w.ok("CreateBgpGroup", { RouterId: id, PeerAsn: "65001" }).BgpGroupId);
    expect(w.code("CreateBgpPeer", { BgpGroupId: g, PeerIpAddress: "10.255.0.2", EnableBfd: "true", BfdMultiHop: "0" })).toBe(
      "InvalidBfdMultiHop.Malformed",
    );
  });
  test("fails when a router interface's spec is not a documented one", () => {
    const w = world();
    const v = w.vpc("10.0.0.0/16");
    const router = String(w.ok("DescribeVpcAttribute", { VpcId: v }).VRouterId);
    const params = { RouterType: "VRouter", RouterId: router, Role: "InitiatingSide", OppositeRegionId: "cn-shanghai", Spec: "Huge.9" };
    expect(w.code("CreateRouterInterface", params)).toBe("InvalidSpec.Malformed");
  });
});

describe("NAT, peering and security groups", () => {
  test("fails when a SNAT entry's source vSwitch is in another VPC than the NAT gateway", () => {
    const n = network();
    const other = n.vsw(n.b, "10.2.5.0/24");
    const nat = n.ok("CreateNatGateway", { VpcId: n.a, VSwitchId: n.swA, NatType: "Enhanced" });
    n.advance(1000);
    const eip = n.ok("AllocateEipAddress", {});
    n.ok("AssociateEipAddress", { AllocationId: String(eip.AllocationId), InstanceId: String(nat.NatGatewayId), InstanceType: "Nat" });
    n.advance(1000);
    const table = (nat.SnatTableIds as { SnatTableId: string[] }).SnatTableId[0] as string;
    expect(n.code("CreateSnatEntry", { SnatTableId: table, SnatIp: String(eip.EipAddress), SourceVSwitchId: other })).toBe(
      "InvalidSourceVSwitchId.NotInVpc",
    );
  });
  test("fails when a peering's accepter is the requester VPC itself", () => {
    const w = world();
    const v = w.vpc("10.0.0.0/16");
    expect(w.code("CreateVpcPeerConnection", { VpcId: v, AcceptingVpcId: v, AcceptingRegionId: "cn-hangzhou" }, "2022-01-01")).toBe(
      "IllegalParam.SameVpc",
    );
  });
  test("fails when a security group rule's priority, protocol or port range is out of the documented values", () => {
    const w = world();
    const v = w.vpc("10.0.0.0/16");
    const sg = String(w.ok("CreateSecurityGroup", { VpcId: v }, ECS).SecurityGroupId);
    const rule = (over: Record<string, string>) =>
      w.me(ECS, "AuthorizeSecurityGroup", {
        SecurityGroupId: sg,
        "Permissions.1.IpProtocol": "tcp",
        "Permissions.1.PortRange": "22/22",
        "Permissions.1.SourceCidrIp": "10.0.0.0/8",
        "Permissions.1.Priority": "1",
        ...over,
      });
    expect(rule({ "Permissions.1.Priority": "101" }).body.Code).toBe("InvalidPermission.Malformed");
    expect(rule({ "Permissions.1.IpProtocol": "sctp" }).body.Code).toBe("InvalidPermission.Malformed");
    expect(rule({ "Permissions.1.IpProtocol": "all", "Permissions.1.PortRange": "1/65535" }).body.Code).toBe("InvalidPermission.Malformed");
    expect(rule({}).status).toBe(200);
  });
});
