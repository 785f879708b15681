/**
 * What the emulator accepts and refuses for redundant sites, as the API documents it: an
 * active/standby pair of VPN destination routes, one customer gateway per device and region,
 * a second leased line with its own VBR, and no second route entry for one destination, not
 * even over router interfaces (equal-cost routes are one entry with NextHopList).
 */
import { harness, VPC } from "./helpers";
import { seedPhysicalConnection } from "../../emulator/src/products/express";
import { accountUid } from "../../emulator/src/server";

const ACCOUNT = "redundancy-main";

function world(region = "cn-hangzhou") {
  const h = harness();
  const me = h.as(ACCOUNT, region);
  const ok = (action: string, params: Record<string, string>) => {
    const r = me(VPC, action, params);
    if (r.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const code = (action: string, params: Record<string, string>) => me(VPC, action, params).body.Code;
  return { ...h, me, ok, code };
}

/** A single-tunnel VPN gateway (ap-south-1 is not a dual-tunnel region) with two offices' devices. */
function vpnWorld() {
  const w = world("ap-south-1");
  const vpc = String(w.ok("CreateVpc", { CidrBlock: "10.1.0.0/16" }).VpcId);
  const vsw = String(w.ok("CreateVSwitch", { VpcId: vpc, CidrBlock: "10.1.1.0/24", ZoneId: "ap-south-1a" }).VSwitchId);
  const gw = String(w.ok("CreateVpnGateway", { VpcId: vpc, VSwitchId: vsw, Bandwidth: "10" }).VpnGatewayId);
  w.advance(1000);
  const connection = (ip: string) => {
    const cgw = String(w.ok("CreateCustomerGateway", { IpAddress: ip }).CustomerGatewayId);
    return String(
      w.ok("CreateVpnConnection", { VpnGatewayId: gw, CustomerGatewayId: cgw, LocalSubnet: "0.0.0.0/0", RemoteSubnet: "192.168.0.0/24" })
        .VpnConnectionId,
    );
  };
  const active = connection("203.0.113.11");
  const standby = connection("203.0.113.21");
  const route = (hop: string, weight: string) =>
    w.me(VPC, "CreateVpnRouteEntry", { VpnGatewayId: gw, RouteDest: "192.168.0.0/24", NextHop: hop, Weight: weight, PublishVpc: "false" });
  return { ...w, gw, active, standby, route };
}

describe("VPN destination routes: an active/standby pair", () => {
  test("one destination via two connections with weights 100 and 0 is accepted, and listed with both weights", () => {
    const w = vpnWorld();
    expect(w.route(w.active, "100").status).toBe(200);
    expect(w.route(w.standby, "0").status).toBe(200);
    const listed = w.ok("DescribeVpnRouteEntries", { VpnGatewayId: w.gw }).VpnRouteEntries as {
      VpnRouteEntry: { NextHop: string; Weight: number }[];
    };
    expect(listed.VpnRouteEntry.map((e) => [e.NextHop, e.Weight]).sort()).toEqual(
      [
        [w.active, 100],
        [w.standby, 0],
      ].sort(),
    );
  });
  test("fails when two routes for one destination both have weight 100", () => {
    const w = vpnWorld();
    expect(w.route(w.active, "100").status).toBe(200);
    const r = w.route(w.standby, "100");
    expect(r.body.Code).toBe("InvalidWeight.Conflict");
    expect(String(r.body.Message)).toContain("different weights");
  });
  test("fails when two routes for one destination both have weight 0", () => {
    const w = vpnWorld();
    expect(w.route(w.active, "0").status).toBe(200);
    expect(w.route(w.standby, "0").body.Code).toBe("InvalidWeight.Conflict");
  });
  test("fails when a weight change names a weight other than 0 or 100", () => {
    const w = vpnWorld();
    w.route(w.active, "100");
    const modify = { VpnGatewayId: w.gw, RouteDest: "192.168.0.0/24", NextHop: w.active, Weight: "100", NewWeight: "50" };
    expect(w.code("ModifyVpnRouteEntryWeight", modify)).toBe("InvalidWeight.Malformed");
  });
});

describe("IPsec health checks", () => {
  const check = JSON.stringify({ enable: true, dip: "192.168.0.1", sip: "10.1.1.1", interval: 3, retry: 3 });
  test("a single-tunnel connection keeps its health check and describes it as VcoHealthCheck", () => {
    const w = vpnWorld();
    const cgw = String(w.ok("CreateCustomerGateway", { IpAddress: "203.0.113.40" }).CustomerGatewayId);
    const params = { VpnGatewayId: w.gw, CustomerGatewayId: cgw, LocalSubnet: "0.0.0.0/0", RemoteSubnet: "192.168.9.0/24" };
    const id = String(w.ok("CreateVpnConnection", { ...params, HealthCheckConfig: check }).VpnConnectionId);
    expect(w.ok("DescribeVpnConnection", { VpnConnectionId: id }).VcoHealthCheck).toMatchObject({
      Enable: "true",
      Dip: "192.168.0.1",
      Sip: "10.1.1.1",
      Interval: 3,
      Retry: 3,
    });
  });
  test("reads the health check the provider's modify sends, whose keys are capitalized", () => {
    const w = vpnWorld();
    const cgw = String(w.ok("CreateCustomerGateway", { IpAddress: "203.0.113.41" }).CustomerGatewayId);
    const params = { VpnGatewayId: w.gw, CustomerGatewayId: cgw, LocalSubnet: "0.0.0.0/0", RemoteSubnet: "192.168.9.0/24" };
    const id = String(w.ok("CreateVpnConnection", params).VpnConnectionId);
    const modify = JSON.stringify({ Enable: true, Dip: "192.168.0.2", Sip: "10.1.1.2", Interval: 5, Retry: 4 });
    w.ok("ModifyVpnConnectionAttribute", { VpnConnectionId: id, HealthCheckConfig: modify });
    expect(w.ok("DescribeVpnConnection", { VpnConnectionId: id }).VcoHealthCheck).toMatchObject({
      Enable: "true",
      Dip: "192.168.0.2",
      Sip: "10.1.1.2",
      Interval: 5,
      Retry: 4,
    });
  });
  test("fails when a connection on a dual-tunnel gateway has a health check (single-tunnel mode only)", () => {
    const w = world("cn-hangzhou");
    const vpc = String(w.ok("CreateVpc", { CidrBlock: "10.1.0.0/16" }).VpcId);
    const a = String(w.ok("CreateVSwitch", { VpcId: vpc, CidrBlock: "10.1.1.0/24", ZoneId: "cn-hangzhou-h" }).VSwitchId);
    const b = String(w.ok("CreateVSwitch", { VpcId: vpc, CidrBlock: "10.1.2.0/24", ZoneId: "cn-hangzhou-i" }).VSwitchId);
    const gw = String(w.ok("CreateVpnGateway", { VpcId: vpc, VSwitchId: a, DisasterRecoveryVSwitchId: b, Bandwidth: "10" }).VpnGatewayId);
    w.advance(1000);
    const cgw = String(w.ok("CreateCustomerGateway", { IpAddress: "203.0.113.41" }).CustomerGatewayId);
    const tunnels = Object.fromEntries(
      [1, 2].flatMap((i) => [
        [`TunnelOptionsSpecification.${i}.CustomerGatewayId`, cgw],
        [`TunnelOptionsSpecification.${i}.Role`, i === 1 ? "master" : "slave"],
      ]),
    );
    const params = { VpnGatewayId: gw, LocalSubnet: "0.0.0.0/0", RemoteSubnet: "192.168.9.0/24", ...tunnels };
    expect(w.me(VPC, "CreateVpnConnection", params).status).toBe(200);
    expect(w.code("CreateVpnConnection", { ...params, HealthCheckConfig: check })).toBe("OperationUnsupported.HealthCheckConfig");
  });
});

describe("a dual-tunnel connection on two office devices", () => {
  test("takes a customer gateway per tunnel, and each tunnel's IKE peer is its own device", () => {
    const w = world("cn-hangzhou");
    const vpc = String(w.ok("CreateVpc", { CidrBlock: "10.1.0.0/16" }).VpcId);
    const a = String(w.ok("CreateVSwitch", { VpcId: vpc, CidrBlock: "10.1.1.0/24", ZoneId: "cn-hangzhou-h" }).VSwitchId);
    const b = String(w.ok("CreateVSwitch", { VpcId: vpc, CidrBlock: "10.1.2.0/24", ZoneId: "cn-hangzhou-i" }).VSwitchId);
    const gw = String(w.ok("CreateVpnGateway", { VpcId: vpc, VSwitchId: a, DisasterRecoveryVSwitchId: b, Bandwidth: "10" }).VpnGatewayId);
    w.advance(1000);
    const devices = ["203.0.113.30", "203.0.113.31"].map((ip) =>
      String(w.ok("CreateCustomerGateway", { IpAddress: ip }).CustomerGatewayId),
    );
    const tunnels = Object.fromEntries(
      [1, 2].flatMap((i) => [
        [`TunnelOptionsSpecification.${i}.CustomerGatewayId`, devices[i - 1]!],
        [`TunnelOptionsSpecification.${i}.Role`, i === 1 ? "master" : "slave"],
      ]),
    );
    const id = String(
      w.ok("CreateVpnConnection", { VpnGatewayId: gw, LocalSubnet: "0.0.0.0/0", RemoteSubnet: "10.30.0.0/24", ...tunnels }).VpnConnectionId,
    );
    const got = w.ok("DescribeVpnConnection", { VpnConnectionId: id }) as {
      TunnelOptionsSpecification: { TunnelOptions: { Role: string; CustomerGatewayId: string; TunnelIkeConfig: { RemoteId: string } }[] };
    };
    expect(got.TunnelOptionsSpecification.TunnelOptions.map((t) => [t.Role, t.CustomerGatewayId, t.TunnelIkeConfig.RemoteId])).toEqual([
      ["master", devices[0], "203.0.113.30"],
      ["slave", devices[1], "203.0.113.31"],
    ]);
  });
});

describe("customer gateways: one per device and region", () => {
  test("fails when a second customer gateway in one region has the same IP address", () => {
    const w = world();
    expect(w.me(VPC, "CreateCustomerGateway", { IpAddress: "203.0.113.30" }).status).toBe(200);
    expect(w.code("CreateCustomerGateway", { IpAddress: "203.0.113.30" })).toBe("InvalidIpAddress.AlreadyExist");
  });
  test("the same IP address is accepted in another region (the rule is per region)", () => {
    const h = harness();
    const hz = h.as(ACCOUNT, "cn-hangzhou");
    const sh = h.as(ACCOUNT, "cn-shanghai");
    expect(hz(VPC, "CreateCustomerGateway", { IpAddress: "203.0.113.30" }).status).toBe(200);
    expect(sh(VPC, "CreateCustomerGateway", { IpAddress: "203.0.113.30" }).status).toBe(200);
  });
});

/** A VPC and two leased lines on two access points, each with a VBR and a router-interface pair to the VPC. */
function twoLines() {
  const w = world("cn-beijing");
  const owner = accountUid(ACCOUNT);
  seedPhysicalConnection(w.emu.store, owner, "cn-beijing", "pc-line-1", "ap-cn-beijing-1");
  seedPhysicalConnection(w.emu.store, owner, "cn-beijing", "pc-line-2", "ap-cn-beijing-2");
  const vpc = String(w.ok("CreateVpc", { CidrBlock: "10.1.0.0/16" }).VpcId);
  const vrouter = String(w.ok("DescribeVpcAttribute", { VpcId: vpc }).VRouterId);
  const table = String(w.ok("DescribeVpcAttribute", { VpcId: vpc }).RouteTableId ?? "");
  const line = (pc: string, vlan: string, subnet: string) => {
    const vbr = String(
      w.ok("CreateVirtualBorderRouter", {
        PhysicalConnectionId: pc,
        VlanId: vlan,
        LocalGatewayIp: `${subnet}.1`,
        PeerGatewayIp: `${subnet}.2`,
        PeeringSubnetMask: "255.255.255.252",
      }).VbrId,
    );
    const vbrSide = String(
      w.ok("CreateRouterInterface", {
        RouterType: "VBR",
        RouterId: vbr,
        Role: "InitiatingSide",
        Spec: "Mini.2",
        OppositeRegionId: "cn-beijing",
      }).RouterInterfaceId,
    );
    const vpcSide = String(
      w.ok("CreateRouterInterface", {
        RouterType: "VRouter",
        RouterId: vrouter,
        Role: "AcceptingSide",
        OppositeRegionId: "cn-beijing",
        OppositeRouterType: "VBR",
        OppositeRouterId: vbr,
      }).RouterInterfaceId,
    );
    return { vbr, vbrSide, vpcSide };
  };
  return { ...w, vpc, table, l1: line("pc-line-1", "100", "10.255.0"), l2: line("pc-line-2", "200", "10.255.1") };
}

describe("a data center on two leased lines", () => {
  test("a second VBR on a second physical connection gets its own access point and route table", () => {
    const w = twoLines();
    const vbrs = (
      w.ok("DescribeVirtualBorderRouters", {}).VirtualBorderRouterSet as {
        VirtualBorderRouterType: { VbrId: string; AccessPointId: string; RouteTableId: string }[];
      }
    ).VirtualBorderRouterType;
    const of = (id: string) => vbrs.find((v) => v.VbrId === id);
    expect([of(w.l1.vbr)?.AccessPointId, of(w.l2.vbr)?.AccessPointId]).toEqual(["ap-cn-beijing-1", "ap-cn-beijing-2"]);
    expect(of(w.l1.vbr)?.RouteTableId).not.toBe(of(w.l2.vbr)?.RouteTableId);
  });
  test("each VBR's table routes the VPC to its own interface", () => {
    const w = twoLines();
    const vbrTable = (vbr: string) =>
      (
        w.ok("DescribeVirtualBorderRouters", {}).VirtualBorderRouterSet as {
          VirtualBorderRouterType: { VbrId: string; RouteTableId: string }[];
        }
      ).VirtualBorderRouterType.find((v) => v.VbrId === vbr)?.RouteTableId ?? "";
    for (const l of [w.l1, w.l2]) {
      const r = w.me(VPC, "CreateRouteEntry", {
        RouteTableId: vbrTable(l.vbr),
        DestinationCidrBlock: "10.1.0.0/16",
        NextHopType: "RouterInterface",
        NextHopId: l.vbrSide,
      });
      expect(r.status).toBe(200);
      w.advance(1000);
    }
  });
  test("fails when the VPC's table gets a second route entry for one destination over the other line's interface", () => {
    const w = twoLines();
    const table = w.table || systemTable(w);
    const route = (ri: string) =>
      w.me(VPC, "CreateRouteEntry", {
        RouteTableId: table,
        DestinationCidrBlock: "192.168.0.0/24",
        NextHopType: "RouterInterface",
        NextHopId: ri,
      });
    expect(route(w.l1.vpcSide).status).toBe(200);
    w.advance(1000);
    const second = route(w.l2.vpcSide);
    expect(second.body.Code).toBe("RouterEntryConflict.Duplicated");
    expect(String(second.body.Message)).toContain("NextHopList");
  });
});

function systemTable(w: ReturnType<typeof twoLines>): string {
  const list = w.ok("DescribeRouteTableList", { VpcId: w.vpc }).RouterTableList as { RouterTableListType: { RouteTableId: string }[] };
  return String(list.RouterTableListType[0]?.RouteTableId);
}
