/** VPN product views: the wire shapes of DescribeVpnGateway, DescribeCustomerGateway, DescribeVpnConnection, DescribeVpnRouteEntries. */
import type { Resource } from "../../state";
import { status, tagList, type Ctx } from "../context";

export function gatewayView(ctx: Ctx, g: Resource): Record<string, unknown> {
  return {
    VpnGatewayId: g.id,
    VpcId: g.attrs.VpcId,
    VSwitchId: g.attrs.VSwitchId,
    DisasterRecoveryVSwitchId: g.attrs.DisasterRecoveryVSwitchId,
    Name: g.attrs.Name,
    Description: g.attrs.Description,
    Spec: g.attrs.Spec,
    IpsecVpn: g.attrs.IpsecVpn,
    SslVpn: g.attrs.SslVpn,
    SslMaxConnections: g.attrs.SslMaxConnections,
    NetworkType: g.attrs.NetworkType,
    VpnType: g.attrs.VpnType,
    ChargeType: g.attrs.ChargeType,
    CreateTime: g.attrs.CreateTime,
    InternetIp: g.attrs.InternetIp,
    DisasterRecoveryInternetIp: g.attrs.DisasterRecoveryInternetIp,
    SslVpnInternetIp: "",
    // CreateVpnGateway is asynchronous: provisioning, then active (DescribeVpnGateway doc, Status)
    Status: status(ctx, g, "provisioning", "active"),
    BusinessStatus: "Normal",
    AutoPropagate: true,
    EnableBgp: false,
    GatewayType: "Normal",
    ResourceGroupId: "rg-emu-default",
    Tags: { Tag: tagList(g) },
    EniInstanceIds: { EniInstanceId: [] },
  };
}

export function customerGatewayView(c: Resource): Record<string, unknown> {
  return {
    CustomerGatewayId: c.id,
    IpAddress: c.attrs.IpAddress,
    Name: c.attrs.Name,
    Description: c.attrs.Description,
    Asn: c.attrs.Asn === "" ? undefined : Number(c.attrs.Asn),
    AuthKey: "",
    CreateTime: c.attrs.CreateTime,
    ResourceGroupId: "rg-emu-default",
    Tags: { Tag: tagList(c) },
  };
}

export function connectionView(ctx: Ctx, c: Resource): Record<string, unknown> {
  return {
    VpnConnectionId: c.id,
    VpnGatewayId: c.attrs.VpnGatewayId,
    CustomerGatewayId: c.attrs.CustomerGatewayId,
    Name: c.attrs.Name,
    LocalSubnet: c.attrs.LocalSubnet,
    RemoteSubnet: c.attrs.RemoteSubnet,
    EffectImmediately: c.attrs.EffectImmediately,
    EnableDpd: c.attrs.EnableDpd,
    EnableNatTraversal: c.attrs.EnableNatTraversal,
    EnableTunnelsBgp: c.attrs.EnableTunnelsBgp,
    CreateTime: c.attrs.CreateTime,
    ResourceGroupId: "rg-emu-default",
    // State: the connection's configuration state, active once created (provider waits for it:
    // resource_alicloud_vpn_connection.go:718); Status: IPsec negotiation, which never comes up
    // here because no office device answers (DescribeVpnConnection doc)
    State: status(ctx, c, "init", "active"),
    Status: "ike_sa_not_established",
    NetworkType: "public",
    Spec: "",
    TunnelBandwidth: "",
    AttachType: "",
    IkeConfig: c.attrs.IkeConfig,
    IpsecConfig: c.attrs.IpsecConfig,
    TunnelOptionsSpecification: c.attrs.Tunnels ? { TunnelOptions: c.attrs.Tunnels } : undefined,
    VcoHealthCheck: c.attrs.VcoHealthCheck,
    Tags: { Tag: tagList(c) },
  };
}

export function vpnRouteView(ctx: Ctx, e: Resource, g: Resource): Record<string, unknown> {
  return {
    VpnInstanceId: g.id,
    RouteDest: e.attrs.RouteDest,
    NextHop: e.attrs.NextHop,
    Weight: e.attrs.Weight,
    CreateTime: e.attrs.CreateTime,
    RouteEntryType: "custom",
    Source: "",
    AsPath: "",
    Community: "",
    NextHopTunnelId: "",
    // published when PublishVpc, else normal (DescribeVpnRouteEntries doc, State); the provider waits for either
    State: status(ctx, e, "pending", e.attrs.PublishVpc ? "published" : "normal"),
  };
}
