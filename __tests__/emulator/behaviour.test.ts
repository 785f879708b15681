/**
 * The emulator's behaviour facts, each as the API documents it (sources in the handlers).
 */
import { accountUid } from "../../emulator/src/server";
import { ECS, harness, PEER, VPC } from "./helpers";

function setup() {
  const h = harness();
  const me = h.as("emu-main");
  const vpc = (cidr: string) => String(me(VPC, "CreateVpc", { CidrBlock: cidr }).body.VpcId);
  const vsw = (vpcId: string, cidr: string) =>
    String(me(VPC, "CreateVSwitch", { VpcId: vpcId, CidrBlock: cidr, ZoneId: "cn-hangzhou-j" }).body.VSwitchId);
  const systemTable = (vpcId: string) =>
    String(me(VPC, "DescribeVpcAttribute", { VpcId: vpcId }).body.VRouterId) &&
    String(
      (me(VPC, "DescribeRouteTableList", { VpcId: vpcId }).body.RouterTableList as { RouterTableListType: { RouteTableId: string }[] })
        .RouterTableListType[0]?.RouteTableId,
    );
  const entries = (rt: string) =>
    (
      me(VPC, "DescribeRouteTables", { RouteTableId: rt }).body.RouteTables as {
        RouteTable: { RouteEntrys: { RouteEntry: Record<string, unknown>[] } }[];
      }
    ).RouteTable[0]?.RouteEntrys.RouteEntry ?? [];
  return { ...h, me, vpc, vsw, systemTable, entries };
}

describe("asynchronous states", () => {
  test("a new VPC is Pending, then Available once its transition time has passed", () => {
    const s = setup();
    const id = s.vpc("10.0.0.0/16");
    expect(s.me(VPC, "DescribeVpcAttribute", { VpcId: id }).body.Status).toBe("Pending");
    s.advance(1000);
    expect(s.me(VPC, "DescribeVpcAttribute", { VpcId: id }).body.Status).toBe("Available");
  });
});

describe("what the API does by itself", () => {
  test("a VPC comes with a system route table and a vRouter", () => {
    const s = setup();
    const id = s.vpc("10.0.0.0/16");
    const tables = (
      s.me(VPC, "DescribeRouteTableList", { VpcId: id }).body.RouterTableList as { RouterTableListType: Record<string, unknown>[] }
    ).RouterTableListType;
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ RouteTableType: "System", VpcId: id });
    expect(String(tables[0]?.RouterId)).toMatch(/^vrt-/);
  });

  test("an enhanced NAT gateway adds 0.0.0.0/0 -> itself to the VPC's system route table, and takes it away on delete", () => {
    const s = setup();
    const id = s.vpc("10.0.0.0/16");
    const sw = s.vsw(id, "10.0.1.0/24");
    const nat = String(s.me(VPC, "CreateNatGateway", { VpcId: id, VSwitchId: sw, NatType: "Enhanced" }).body.NatGatewayId);
    const rt = s.systemTable(id);
    expect(s.entries(rt)).toEqual([
      expect.objectContaining({ DestinationCidrBlock: "0.0.0.0/0", NextHopType: "NatGateway", InstanceId: nat, Type: "System" }),
    ]);
    s.advance(1000);
    expect(s.me(VPC, "DeleteNatGateway", { NatGatewayId: nat }).status).toBe(200);
    expect(s.entries(rt)).toEqual([]);
  });
});

describe("documented error codes", () => {
  test("a route whose destination is already in the table fails with RouterEntryConflict.Duplicated (also against a system route)", () => {
    const s = setup();
    const id = s.vpc("10.0.0.0/16");
    const sw = s.vsw(id, "10.0.1.0/24");
    const nat = String(s.me(VPC, "CreateNatGateway", { VpcId: id, VSwitchId: sw, NatType: "Enhanced" }).body.NatGatewayId);
    s.advance(1000);
    const r = s.me(VPC, "CreateRouteEntry", {
      RouteTableId: s.systemTable(id),
      DestinationCidrBlock: "0.0.0.0/0",
      NextHopType: "NatGateway",
      NextHopId: nat,
    });
    expect(r.status).toBe(400);
    expect(r.body.Code).toBe("RouterEntryConflict.Duplicated");
  });

  test("a route table with a Pending entry is busy: TaskConflict, then it succeeds once the entry settles", () => {
    const s = setup();
    const a = s.vpc("10.0.0.0/16");
    const b = s.vpc("10.1.0.0/16");
    const pcc = String(
      s.me(PEER, "CreateVpcPeerConnection", { VpcId: a, AcceptingVpcId: b, AcceptingRegionId: "cn-hangzhou", AcceptingAliUid: "0" }).body
        .InstanceId,
    );
    const rt = s.systemTable(a);
    expect(
      s.me(VPC, "CreateRouteEntry", { RouteTableId: rt, DestinationCidrBlock: "10.1.0.0/24", NextHopType: "VpcPeer", NextHopId: pcc })
        .status,
    ).toBe(200);
    expect(
      s.me(VPC, "CreateRouteEntry", { RouteTableId: rt, DestinationCidrBlock: "10.1.1.0/24", NextHopType: "VpcPeer", NextHopId: pcc }).body
        .Code,
    ).toBe("TaskConflict");
    s.advance(1000);
    expect(
      s.me(VPC, "CreateRouteEntry", { RouteTableId: rt, DestinationCidrBlock: "10.1.1.0/24", NextHopType: "VpcPeer", NextHopId: pcc })
        .status,
    ).toBe(200);
  });

  test("a VPC with a vSwitch cannot be deleted: DependencyViolation.VSwitch", () => {
    const s = setup();
    const id = s.vpc("10.0.0.0/16");
    s.vsw(id, "10.0.1.0/24");
    expect(s.me(VPC, "DeleteVpc", { VpcId: id }).body.Code).toBe("DependencyViolation.VSwitch");
  });

  test("a vSwitch outside its VPC's CIDR is refused", () => {
    const s = setup();
    const id = s.vpc("10.0.0.0/16");
    expect(s.me(VPC, "CreateVSwitch", { VpcId: id, CidrBlock: "10.9.0.0/24", ZoneId: "cn-hangzhou-j" }).body.Code).toBe(
      "InvalidCidrBlock.Malformed",
    );
  });

  test("a security group referenced by another group's rule cannot be deleted: DependencyViolation", () => {
    const s = setup();
    const id = s.vpc("10.0.0.0/16");
    const a = String(s.me(ECS, "CreateSecurityGroup", { VpcId: id }).body.SecurityGroupId);
    const b = String(s.me(ECS, "CreateSecurityGroup", { VpcId: id }).body.SecurityGroupId);
    s.me(ECS, "AuthorizeSecurityGroup", {
      SecurityGroupId: b,
      "Permissions.1.IpProtocol": "tcp",
      "Permissions.1.PortRange": "22/22",
      "Permissions.1.SourceGroupId": a,
    });
    expect(s.me(ECS, "DeleteSecurityGroup", { SecurityGroupId: a }).body.Code).toBe("DependencyViolation");
  });
});

describe("values the API fills in", () => {
  test("a same-account peering created with AcceptingAliUid 0 (what the provider sends when unset) reads back the caller's UID", () => {
    const s = setup();
    const a = s.vpc("10.0.0.0/16");
    const b = s.vpc("10.1.0.0/16");
    const pcc = String(
      s.me(PEER, "CreateVpcPeerConnection", { VpcId: a, AcceptingVpcId: b, AcceptingRegionId: "cn-hangzhou", AcceptingAliUid: "0" }).body
        .InstanceId,
    );
    const got = s.me(PEER, "GetVpcPeerConnectionAttribute", { InstanceId: pcc }).body;
    expect(String(got.AcceptingOwnerUid)).toBe(accountUid("emu-main"));
    expect(got.Status).toBe("Creating");
    s.advance(1000);
    // same account: activated without an explicit accept
    expect(s.me(PEER, "GetVpcPeerConnectionAttribute", { InstanceId: pcc }).body.Status).toBe("Activated");
  });

  test("a cross-account peering stays Accepting until the acceptor (and only the acceptor) accepts it", () => {
    const s = setup();
    const acceptor = s.as("emu-acceptor");
    const a = s.vpc("10.0.0.0/16");
    const b = String(acceptor(VPC, "CreateVpc", { CidrBlock: "10.1.0.0/16" }).body.VpcId);
    const pcc = String(
      s.me(PEER, "CreateVpcPeerConnection", {
        VpcId: a,
        AcceptingVpcId: b,
        AcceptingRegionId: "cn-hangzhou",
        AcceptingAliUid: accountUid("emu-acceptor"),
      }).body.InstanceId,
    );
    s.advance(1000);
    expect(s.me(PEER, "GetVpcPeerConnectionAttribute", { InstanceId: pcc }).body.Status).toBe("Accepting");
    expect(s.me(PEER, "AcceptVpcPeerConnection", { InstanceId: pcc }).body.Code).toBe("Forbidden.NotAcceptor");
    expect(acceptor(PEER, "AcceptVpcPeerConnection", { InstanceId: pcc }).status).toBe(200);
    s.advance(1000);
    expect(acceptor(PEER, "GetVpcPeerConnectionAttribute", { InstanceId: pcc }).body.Status).toBe("Activated");
  });

  test("a connected router-interface pair reports the opposite interface, its owner and the default health-check rate", () => {
    const s = setup();
    const a = s.vpc("10.0.0.0/16");
    const b = s.vpc("10.1.0.0/16");
    const ra = String(s.me(VPC, "DescribeVpcAttribute", { VpcId: a }).body.VRouterId);
    const rb = String(s.me(VPC, "DescribeVpcAttribute", { VpcId: b }).body.VRouterId);
    const init = String(
      s.me(VPC, "CreateRouterInterface", {
        RouterType: "VRouter",
        RouterId: ra,
        Role: "InitiatingSide",
        Spec: "Mini.2",
        OppositeRegionId: "cn-hangzhou",
      }).body.RouterInterfaceId,
    );
    const acc = String(
      s.me(VPC, "CreateRouterInterface", {
        RouterType: "VRouter",
        RouterId: rb,
        Role: "AcceptingSide",
        Spec: "Negative",
        OppositeRegionId: "cn-hangzhou",
      }).body.RouterInterfaceId,
    );
    expect(s.me(VPC, "ConnectRouterInterface", { RouterInterfaceId: init }).body.Code).toBe("IncorrectOppositeInterfaceInfo.NotSet");
    s.me(VPC, "ModifyRouterInterfaceAttribute", {
      RouterInterfaceId: init,
      OppositeInterfaceId: acc,
      OppositeRouterId: rb,
      OppositeRouterType: "VRouter",
    });
    s.me(VPC, "ModifyRouterInterfaceAttribute", {
      RouterInterfaceId: acc,
      OppositeInterfaceId: init,
      OppositeRouterId: ra,
      OppositeRouterType: "VRouter",
    });
    expect(s.me(VPC, "ConnectRouterInterface", { RouterInterfaceId: init }).status).toBe(200);
    s.advance(1000);
    const view = (id: string) =>
      (
        s.me(VPC, "DescribeRouterInterfaces", { "Filter.1.Key": "RouterInterfaceId", "Filter.1.Value.1": id }).body.RouterInterfaceSet as {
          RouterInterfaceType: Record<string, unknown>[];
        }
      ).RouterInterfaceType[0];
    expect(view(acc)).toMatchObject({
      Status: "Active",
      OppositeInterfaceId: init,
      OppositeInterfaceOwnerId: accountUid("emu-main"),
      HcRate: 2000,
      HcThreshold: 8,
    });
    // a live interface's opposite information cannot change (the provider's own comment)
    expect(s.me(VPC, "ModifyRouterInterfaceAttribute", { RouterInterfaceId: acc, OppositeInterfaceId: "ri-other" }).body.Code).toBe(
      "IncorrectStatus",
    );
    // an Active interface cannot be deleted
    expect(s.me(VPC, "DeleteRouterInterface", { RouterInterfaceId: acc }).body.Code).toBe("IncorrectStatus");
  });
});

describe("quotas (the project's table in lib/topology/quotas.ts)", () => {
  test("a route table takes QUOTAS.routeEntriesPerTable custom routes, then refuses the next", () => {
    const { QUOTAS } = jest.requireActual("../../lib/topology/quotas") as typeof import("../../lib/topology/quotas");
    const s = setup();
    const a = s.vpc("10.0.0.0/16");
    const b = s.vpc("10.1.0.0/16");
    const pcc = String(
      s.me(PEER, "CreateVpcPeerConnection", { VpcId: a, AcceptingVpcId: b, AcceptingRegionId: "cn-hangzhou", AcceptingAliUid: "0" }).body
        .InstanceId,
    );
    const rt = s.systemTable(a);
    const add = (i: number) =>
      s.me(VPC, "CreateRouteEntry", {
        RouteTableId: rt,
        DestinationCidrBlock: `192.168.${i}.0/24`,
        NextHopType: "VpcPeer",
        NextHopId: pcc,
      });
    for (let i = 0; i < QUOTAS.routeEntriesPerTable.default; i++) {
      expect(add(i).status).toBe(200);
      s.advance(1000);
    }
    expect(add(250).body.Code).toBe("QuotaExceeded.RouteEntry");
  });
});

describe("region capabilities", () => {
  test("a VPN gateway in a dual-tunnel region needs a disaster-recovery vSwitch, and its connections two tunnels", () => {
    const h = harness();
    const sh = h.as("emu-main", "cn-shanghai");
    const vpc = String(sh(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16" }).body.VpcId);
    const a = String(sh(VPC, "CreateVSwitch", { VpcId: vpc, CidrBlock: "10.0.1.0/24", ZoneId: "cn-shanghai-e" }).body.VSwitchId);
    const b = String(sh(VPC, "CreateVSwitch", { VpcId: vpc, CidrBlock: "10.0.2.0/24", ZoneId: "cn-shanghai-f" }).body.VSwitchId);
    expect(sh(VPC, "CreateVpnGateway", { VpcId: vpc, VSwitchId: a, Bandwidth: "10" }).body.Code).toBe(
      "MissingParameter.DisasterRecoveryVSwitchId",
    );
    const gw = String(
      sh(VPC, "CreateVpnGateway", { VpcId: vpc, VSwitchId: a, DisasterRecoveryVSwitchId: b, Bandwidth: "10" }).body.VpnGatewayId,
    );
    const cgw = String(sh(VPC, "CreateCustomerGateway", { IpAddress: "203.0.113.7" }).body.CustomerGatewayId);
    h.advance(1000);
    expect(
      sh(VPC, "CreateVpnConnection", { VpnGatewayId: gw, CustomerGatewayId: cgw, LocalSubnet: "0.0.0.0/0", RemoteSubnet: "10.9.0.0/24" })
        .body.Code,
    ).toBe("MissingParameter.TunnelOptionsSpecification");
  });
});
