/** Express Connect views: the wire shapes of the Describe* answers for physical connections, VBRs, router interfaces and BGP. */
import type { Resource } from "../../state";
import { status, type Ctx } from "../context";
import { riAnywhere, riStatus } from "./model";

export function riView(ctx: Ctx, r: Resource): Record<string, unknown> {
  const opp = riAnywhere(String(r.attrs.OppositeInterfaceId ?? ""), ctx);
  return {
    RouterInterfaceId: r.id,
    Name: r.attrs.Name,
    Description: r.attrs.Description,
    Role: r.attrs.Role,
    RouterType: r.attrs.RouterType,
    RouterId: r.attrs.RouterId,
    VpcInstanceId: r.attrs.VpcInstanceId,
    Spec: r.attrs.Spec,
    Status: riStatus(ctx, r),
    BusinessStatus: "Normal",
    ChargeType: "AfterPay",
    CreationTime: r.attrs.CreationTime,
    ConnectedTime: r.attrs.ConnectedTime ?? "",
    EndTime: "",
    CrossBorder: false,
    AccessPointId: r.attrs.AccessPointId ?? "",
    OppositeAccessPointId: r.attrs.OppositeAccessPointId ?? "",
    OppositeRegionId: r.attrs.OppositeRegionId,
    OppositeRouterType: r.attrs.OppositeRouterType ?? "",
    OppositeRouterId: r.attrs.OppositeRouterId ?? "",
    // Once the pair is connected the API reports the opposite side's ID and owner, whether or
    // not the caller set them (DescribeRouterInterfaces doc)
    OppositeInterfaceId: r.attrs.OppositeInterfaceId ?? "",
    OppositeInterfaceOwnerId: r.attrs.OppositeInterfaceOwnerId ?? "",
    OppositeInterfaceSpec: opp?.attrs.Spec ?? "",
    OppositeInterfaceStatus: opp ? riStatus(ctx, opp) : "",
    OppositeInterfaceBusinessStatus: opp ? "Normal" : "",
    OppositeVpcInstanceId: opp?.attrs.VpcInstanceId ?? "",
    OppositeBandwidth: 0,
    Bandwidth: r.attrs.Bandwidth ?? 0,
    // Health-check defaults the API fills in: HcRate 2000 ms, HcThreshold 8 (CreateRouterInterface /
    // ModifyRouterInterfaceAttribute docs)
    HcRate: r.attrs.HcRate ?? 2000,
    HcThreshold: r.attrs.HcThreshold ?? 8,
    HealthCheckSourceIp: r.attrs.HealthCheckSourceIp ?? "",
    HealthCheckTargetIp: r.attrs.HealthCheckTargetIp ?? "",
    HasReservationData: "false",
    ReservationActiveTime: "",
    ReservationBandwidth: "",
    ReservationInternetChargeType: "",
    ReservationOrderType: "",
    ResourceGroupId: "rg-emu-default",
    Tags: { Tags: [] },
  };
}

export function physicalConnectionView(p: Resource): Record<string, unknown> {
  return {
    PhysicalConnectionId: p.id,
    AccessPointId: p.attrs.AccessPointId,
    Status: "Enabled",
    BusinessStatus: "Normal",
    Name: p.attrs.Name,
    Type: "VPC",
    Spec: "1G",
    LineOperator: "CT",
    PortType: "1000Base-LX",
    Bandwidth: 1000,
    CreationTime: p.attrs.CreationTime,
    VirtualPhysicalConnectionCount: 0,
  };
}

export function vbrView(ctx: Ctx, v: Resource): Record<string, unknown> {
  return {
    VbrId: v.id,
    Name: v.attrs.Name,
    Description: v.attrs.Description,
    PhysicalConnectionId: v.attrs.PhysicalConnectionId,
    AccessPointId: v.attrs.AccessPointId,
    VlanId: v.attrs.VlanId,
    VlanInterfaceId: v.attrs.VlanInterfaceId,
    LocalGatewayIp: v.attrs.LocalGatewayIp,
    PeerGatewayIp: v.attrs.PeerGatewayIp,
    PeeringSubnetMask: v.attrs.PeeringSubnetMask,
    CircuitCode: v.attrs.CircuitCode,
    Bandwidth: v.attrs.Bandwidth,
    RouteTableId: v.attrs.RouteTableId,
    DetectMultiplier: v.attrs.DetectMultiplier,
    MinRxInterval: v.attrs.MinRxInterval,
    MinTxInterval: v.attrs.MinTxInterval,
    CreationTime: v.attrs.CreationTime,
    ActivationTime: v.attrs.CreationTime,
    EnableIpv6: false,
    Type: "pconnVBR",
    PhysicalConnectionOwnerUid: v.owner,
    PhysicalConnectionStatus: "Enabled",
    PhysicalConnectionBusinessStatus: "Normal",
    ResourceGroupId: "rg-emu-default",
    // CreateVirtualBorderRouter is asynchronous: pending, then active (DescribeVirtualBorderRouters doc, Status)
    Status: status(ctx, v, "pending", String(v.attrs.State ?? "active")),
    AssociatedPhysicalConnections: { AssociatedPhysicalConnection: [] },
    AssociatedCens: { AssociatedCen: [] },
    Tags: { Tags: [] },
  };
}

export function bgpGroupView(ctx: Ctx, g: Resource): Record<string, unknown> {
  return {
    BgpGroupId: g.id,
    RouterId: g.attrs.RouterId,
    Name: g.attrs.Name,
    Description: g.attrs.Description,
    PeerAsn: String(g.attrs.PeerAsn),
    LocalAsn: String(g.attrs.LocalAsn),
    AuthKey: g.attrs.AuthKey,
    IsFake: String(g.attrs.IsFake),
    IpVersion: "IPV4",
    Hold: "180",
    Keepalive: "60",
    RouteLimit: "110",
    RegionId: g.region,
    Status: status(ctx, g, "Pending", "Available"),
  };
}

export function bgpPeerView(ctx: Ctx, p: Resource): Record<string, unknown> {
  const g = ctx.store.get(String(p.attrs.BgpGroupId));
  return {
    BgpPeerId: p.id,
    BgpGroupId: p.attrs.BgpGroupId,
    RouterId: p.attrs.RouterId,
    PeerIpAddress: p.attrs.PeerIpAddress,
    EnableBfd: p.attrs.EnableBfd,
    BfdMultiHop: p.attrs.BfdMultiHop === "" ? undefined : Number(p.attrs.BfdMultiHop),
    IpVersion: p.attrs.IpVersion,
    Name: "",
    Description: "",
    PeerAsn: String(g?.attrs.PeerAsn ?? ""),
    LocalAsn: String(g?.attrs.LocalAsn ?? ""),
    AuthKey: String(g?.attrs.AuthKey ?? ""),
    IsFake: false,
    Hold: "180",
    Keepalive: "60",
    RouteLimit: "110",
    BgpStatus: "Established",
    AdvertisedRouteCount: 0,
    ReceivedRouteCount: 0,
    RegionId: p.region,
    GmtModified: "",
    Status: status(ctx, p, "Pending", "Available"),
  };
}

export function bgpNetworkView(ctx: Ctx, n: Resource): Record<string, unknown> {
  return {
    RouterId: n.attrs.RouterId,
    DstCidrBlock: n.attrs.DstCidrBlock,
    VpcId: "",
    Status: status(ctx, n, "Pending", "Available"),
  };
}
