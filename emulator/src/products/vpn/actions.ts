/** VPN product actions: parse the request, call the model, answer with a view. */
import { apiError, conflict } from "../../errors";
import { create, flatList, mine, mustGet, newId, opt, paged, req, setGiven, asBoolean, type Ctx, type Handler } from "../context";
import { isDualTunnelRegion, QUOTA } from "../../limits";
import {
  checkCustomerGatewayIp,
  checkDualTunnelZones,
  checkPeerAsn,
  checkSubnets,
  checkVpnBandwidth,
  checkVpnRoutePair,
  checkVpnRouteWeight,
} from "../checks";
import { vpcOf } from "../vpc";
import { gw, healthCheck, ike, ipsec, json, tunnelOptions } from "./model";
import { connectionView, customerGatewayView, gatewayView, vpnRouteView } from "./views";

/** The customer gateway or the connection a request names by its ID parameter. */
const customerGateway = (ctx: Ctx) =>
  mustGet(ctx, "customerGateway", req(ctx, "CustomerGatewayId"), "InvalidCustomerGatewayInstanceId.NotFound");
const connection = (ctx: Ctx) => mustGet(ctx, "vpnConnection", req(ctx, "VpnConnectionId"), "InvalidVpnConnectionInstanceId.NotFound");

export const vpnActions: Record<string, Handler> = {
  CreateVpnGateway: (ctx) => {
    const vpc = vpcOf(ctx, req(ctx, "VpcId"));
    const vsw = opt(ctx, "VSwitchId");
    const dr = opt(ctx, "DisasterRecoveryVSwitchId");
    // Dual-tunnel regions: "When you create a dual-tunnel VPN gateway, you need to specify two
    // vSwitches" (VPN docs, dual-tunnel mode, Limits; the emulator's table: limits.ts DUAL_TUNNEL).
    if (isDualTunnelRegion(ctx.region) && (!vsw || !dr)) {
      throw apiError(
        "MissingParameter.DisasterRecoveryVSwitchId",
        `VPN gateways in ${ctx.region} are dual-tunnel: VSwitchId and DisasterRecoveryVSwitchId are both required.`,
      );
    }
    checkVpnBandwidth(opt(ctx, "Bandwidth"));
    const vsws = [vsw, dr].flatMap((s) => (s ? [mustGet(ctx, "vswitch", s, "InvalidVSwitchId.NotFound")] : []));
    for (const v of vsws)
      if (v.attrs.VpcId !== vpc.id) throw apiError("InvalidVSwitchId.NotBelongToVpc", `vSwitch ${v.id} is not in VPC ${vpc.id}.`);
    const [first, second] = vsws;
    if (first && second) checkDualTunnelZones(ctx, first, second);
    const id = newId(ctx, "vpn");
    const n = ctx.store.nextSeq();
    create(ctx, "vpnGateway", id, {
      VpcId: vpc.id,
      VSwitchId: vsw ?? "",
      DisasterRecoveryVSwitchId: dr ?? "",
      Name: opt(ctx, "Name") ?? "",
      Description: opt(ctx, "Description") ?? "",
      Spec: `${opt(ctx, "Bandwidth") ?? "10"}M`,
      IpsecVpn: opt(ctx, "EnableIpsec") === "false" ? "disable" : "enable",
      SslVpn: opt(ctx, "EnableSsl") === "true" ? "enable" : "disable",
      SslMaxConnections: Number(opt(ctx, "SslConnections") ?? 5),
      NetworkType: opt(ctx, "NetworkType") ?? "public",
      VpnType: opt(ctx, "VpnType") ?? "Normal",
      ChargeType: opt(ctx, "InstanceChargeType") === "PREPAY" ? "Prepay" : "PostpayByFlow",
      CreateTime: ctx.now,
      // documentation-range addresses (RFC 5737), never real ones
      InternetIp: `198.51.100.${(n % 120) + 1}`,
      DisasterRecoveryInternetIp: dr ? `198.51.100.${(n % 120) + 121}` : "",
    });
    return { VpnGatewayId: id, Name: opt(ctx, "Name") ?? "" };
  },
  DescribeVpnGateway: (ctx) => gatewayView(ctx, gw(ctx, req(ctx, "VpnGatewayId"))),
  ModifyVpnGatewayAttribute: (ctx) => {
    const g = gw(ctx, req(ctx, "VpnGatewayId"));
    setGiven(ctx, g.attrs, ["Name", "Description"]);
    setGiven(ctx, g.attrs, ["AutoPropagate"], asBoolean);
    return { VpnGatewayId: g.id };
  },
  DeleteVpnGateway: (ctx) => {
    const g = gw(ctx, req(ctx, "VpnGatewayId"));
    // busy-on-delete fault: still settling after a dependent's delete (faults.ts)
    if (ctx.now < Number(g.attrs.BusyUntil ?? 0))
      throw conflict("IncorrectStatus.VpnGateway", `VPN gateway ${g.id} is updating after a change to its connections.`);
    // DeleteVpnGateway doc: delete the IPsec connections first (DependencyViolation-class error)
    const c = mine(ctx, "vpnConnection").find((x) => x.attrs.VpnGatewayId === g.id);
    if (c) throw conflict("DependencyViolation.IpsecConnection", `VPN gateway ${g.id} still has IPsec connection ${c.id}.`);
    const routed = ctx.store.all("routeEntry").find((e) => e.attrs.InstanceId === g.id);
    if (routed)
      throw conflict("DependencyViolation.RouteEntry", `Route ${String(routed.attrs.DestinationCidrBlock)} still points to ${g.id}.`);
    ctx.store.delete(g.id);
    return {};
  },
  CreateCustomerGateway: (ctx) => {
    const ip = req(ctx, "IpAddress");
    checkCustomerGatewayIp(ip);
    checkPeerAsn("Asn", opt(ctx, "Asn"));
    const quota = QUOTA.customerGatewaysPerRegion.value;
    if (mine(ctx, "customerGateway").length >= quota)
      throw conflict("QuotaExceeded.CustomerGateway", `The customer gateway quota of this region (${quota}) is used up.`);
    // CreateCustomerGateway error codes, InvalidIpAddress.AlreadyExist: "The IP addresses must be
    // unique in the same region" (per account): one customer gateway per device and region,
    // shared by every connection of that device in the region
    if (mine(ctx, "customerGateway").some((c) => c.attrs.IpAddress === ip))
      throw conflict("InvalidIpAddress.AlreadyExist", `A customer gateway with IP ${ip} already exists in ${ctx.region}.`);
    const id = newId(ctx, "cgw");
    create(
      ctx,
      "customerGateway",
      id,
      {
        IpAddress: ip,
        Name: opt(ctx, "Name") ?? "",
        Description: opt(ctx, "Description") ?? "",
        Asn: opt(ctx, "Asn") ?? "",
        CreateTime: ctx.now,
      },
      false,
    );
    return {
      CustomerGatewayId: id,
      IpAddress: ip,
      Name: opt(ctx, "Name") ?? "",
      Description: opt(ctx, "Description") ?? "",
      CreateTime: ctx.now,
    };
  },
  DescribeCustomerGateway: (ctx) => customerGatewayView(customerGateway(ctx)),
  ModifyCustomerGatewayAttribute: (ctx) => {
    const c = customerGateway(ctx);
    setGiven(ctx, c.attrs, ["Name", "Description"]);
    return {};
  },
  DeleteCustomerGateway: (ctx) => {
    const c = customerGateway(ctx);
    const used = mine(ctx, "vpnConnection").find(
      (x) =>
        x.attrs.CustomerGatewayId === c.id ||
        (x.attrs.Tunnels as { CustomerGatewayId?: string }[] | undefined)?.some((t) => t.CustomerGatewayId === c.id),
    );
    if (used) throw conflict("DependencyViolation.VpnConnection", `Customer gateway ${c.id} is used by ${used.id}.`);
    ctx.store.delete(c.id);
    return {};
  },
  CreateVpnConnection: (ctx) => {
    const g = gw(ctx, req(ctx, "VpnGatewayId"));
    // VpnGateway.Configuring while the gateway is not active yet; the provider retries it
    // (alicloud/resource_alicloud_vpn_connection.go, IsExpectedErrors "VpnGateway.Configuring")
    if (ctx.now < g.readyAt) throw conflict("VpnGateway.Configuring", `VPN gateway ${g.id} is being configured.`);
    const quota = QUOTA.ipsecConnectionsPerGateway.value;
    if (mine(ctx, "vpnConnection").filter((c) => c.attrs.VpnGatewayId === g.id).length >= quota)
      throw conflict("QuotaExceeded.VpnConnection", `VPN gateway ${g.id} already has ${quota} IPsec connections.`);
    checkSubnets("LocalSubnet", opt(ctx, "LocalSubnet"));
    checkSubnets("RemoteSubnet", opt(ctx, "RemoteSubnet"));
    const tunnels = flatList(ctx, "TunnelOptionsSpecification");
    const dual = g.attrs.DisasterRecoveryVSwitchId !== "";
    // A dual-tunnel gateway takes TunnelOptionsSpecification (two tunnels, master and slave) and
    // not the single-tunnel CustomerGatewayId/IkeConfig/IpsecConfig (VPN docs, dual-tunnel mode;
    // CreateVpnConnection doc). The error code is not confirmed from the docs.
    if (dual && tunnels.length !== 2)
      throw apiError(
        "MissingParameter.TunnelOptionsSpecification",
        `VPN gateway ${g.id} is dual-tunnel: give TunnelOptionsSpecification with two tunnels (got ${tunnels.length}).`,
      );
    if (!dual && tunnels.length > 0)
      throw apiError(
        "OperationUnsupported.TunnelOptions",
        `VPN gateway ${g.id} is single-tunnel: TunnelOptionsSpecification is not supported.`,
      );
    const cgwId = dual ? undefined : req(ctx, "CustomerGatewayId");
    const cgw = cgwId ? mustGet(ctx, "customerGateway", cgwId, "InvalidCustomerGatewayInstanceId.NotFound") : undefined;
    const id = newId(ctx, "vco");
    const sub = (k: string) => (opt(ctx, k) ?? "").split(",").filter(Boolean).join(",");
    const tunnelObjs = tunnelOptions(ctx, g, tunnels);
    create(ctx, "vpnConnection", id, {
      VpnGatewayId: g.id,
      CustomerGatewayId: cgw?.id ?? "",
      Name: opt(ctx, "Name") ?? "",
      LocalSubnet: sub("LocalSubnet"),
      RemoteSubnet: sub("RemoteSubnet"),
      EffectImmediately: opt(ctx, "EffectImmediately") === "true",
      EnableDpd: opt(ctx, "EnableDpd") !== "false",
      EnableNatTraversal: opt(ctx, "EnableNatTraversal") !== "false",
      EnableTunnelsBgp: opt(ctx, "EnableTunnelsBgp") === "true",
      CreateTime: ctx.now,
      IkeConfig: dual ? undefined : ike(json(ctx, "IkeConfig"), String(g.attrs.InternetIp), String(cgw?.attrs.IpAddress ?? "")),
      IpsecConfig: dual ? undefined : ipsec(json(ctx, "IpsecConfig")),
      Tunnels: dual ? tunnelObjs : undefined,
      VcoHealthCheck: healthCheck(ctx, g),
    });
    return { VpnConnectionId: id, Name: opt(ctx, "Name") ?? "", CreateTime: ctx.now };
  },
  DescribeVpnConnection: (ctx) => connectionView(ctx, connection(ctx)),
  ModifyVpnConnectionAttribute: (ctx) => {
    const c = connection(ctx);
    setGiven(ctx, c.attrs, ["Name", "LocalSubnet", "RemoteSubnet"]);
    setGiven(ctx, c.attrs, ["EffectImmediately", "EnableDpd", "EnableNatTraversal"], asBoolean);
    const g = gw(ctx, String(c.attrs.VpnGatewayId));
    if (json(ctx, "IkeConfig")) c.attrs.IkeConfig = ike(json(ctx, "IkeConfig"), String(g.attrs.InternetIp), "");
    if (json(ctx, "IpsecConfig")) c.attrs.IpsecConfig = ipsec(json(ctx, "IpsecConfig"));
    if (json(ctx, "HealthCheckConfig")) c.attrs.VcoHealthCheck = healthCheck(ctx, g);
    return { VpnConnectionId: c.id };
  },
  DeleteVpnConnection: (ctx) => {
    const c = connection(ctx);
    const r = mine(ctx, "vpnRouteEntry").find((e) => e.attrs.NextHop === c.id);
    if (r) throw conflict("DependencyViolation.VpnRouteEntry", `VPN route ${String(r.attrs.RouteDest)} still points to ${c.id}.`);
    ctx.store.delete(c.id);
    const parent = ctx.store.get(String(c.attrs.VpnGatewayId));
    if (parent) ctx.dependentGone?.(parent);
    return {};
  },
  CreateVpnRouteEntry: (ctx) => {
    const g = gw(ctx, req(ctx, "VpnGatewayId"));
    const dest = req(ctx, "RouteDest");
    checkSubnets("RouteDest", dest);
    const hop = req(ctx, "NextHop");
    checkVpnRouteWeight(req(ctx, "Weight"));
    // CreateVpnRouteEntry, NextHop: an IPsec connection of this VPN gateway
    const conn = mustGet(ctx, "vpnConnection", hop, "InvalidNextHop.NotFound");
    if (conn.attrs.VpnGatewayId !== g.id)
      throw apiError(
        "InvalidNextHop.NotInGateway",
        `NextHop ${hop} is an IPsec connection of ${String(conn.attrs.VpnGatewayId)}, not of ${g.id}.`,
      );
    if (mine(ctx, "vpnRouteEntry").some((e) => e.attrs.VpnGatewayId === g.id && e.attrs.RouteDest === dest && e.attrs.NextHop === hop))
      throw conflict("VpnRouteEntry.AlreadyExists", `VPN route ${dest} via ${hop} already exists.`);
    checkVpnRoutePair(ctx, g.id, dest, hop, Number(req(ctx, "Weight")));
    const id = `${g.id}:${hop}:${dest}`;
    create(ctx, "vpnRouteEntry", id, {
      VpnGatewayId: g.id,
      RouteDest: dest,
      NextHop: hop,
      Weight: Number(req(ctx, "Weight")),
      PublishVpc: opt(ctx, "PublishVpc") === "true",
      CreateTime: ctx.now,
    });
    return {
      VpnInstanceId: g.id,
      RouteDest: dest,
      NextHop: hop,
      Weight: Number(req(ctx, "Weight")),
      OverlayMode: "Ipsec",
      Description: "",
      State: "pending",
      CreateTime: ctx.now,
    };
  },
  DescribeVpnRouteEntries: (ctx) => {
    const g = gw(ctx, req(ctx, "VpnGatewayId"));
    const es = mine(ctx, "vpnRouteEntry").filter((e) => e.attrs.VpnGatewayId === g.id);
    return {
      ...paged(ctx, es, "VpnRouteEntries", "VpnRouteEntry", (e) => vpnRouteView(ctx, e, g)),
      VpnRouteCounts: { VpnRouteCount: [] },
    };
  },
  PublishVpnRouteEntry: (ctx) => {
    const e = mustGet(
      ctx,
      "vpnRouteEntry",
      `${req(ctx, "VpnGatewayId")}:${req(ctx, "NextHop")}:${req(ctx, "RouteDest")}`,
      "InvalidRouteEntry.NotFound",
    );
    e.attrs.PublishVpc = req(ctx, "PublishVpc") === "true";
    return {};
  },
  ModifyVpnRouteEntryWeight: (ctx) => {
    const e = mustGet(
      ctx,
      "vpnRouteEntry",
      `${req(ctx, "VpnGatewayId")}:${req(ctx, "NextHop")}:${req(ctx, "RouteDest")}`,
      "InvalidRouteEntry.NotFound",
    );
    // Weight 0 or 100. The active/standby rule (different weights) is documented for creating
    // the pair; a swap of roles passes through two equal weights, so it is not applied here.
    checkVpnRouteWeight(req(ctx, "NewWeight"));
    e.attrs.Weight = Number(req(ctx, "NewWeight"));
    return {};
  },
  DeleteVpnRouteEntry: (ctx) => {
    const id = `${req(ctx, "VpnGatewayId")}:${req(ctx, "NextHop")}:${req(ctx, "RouteDest")}`;
    mustGet(ctx, "vpnRouteEntry", id, "InvalidRouteEntry.NotFound");
    ctx.store.delete(id);
    ctx.dependentGone?.(gw(ctx, req(ctx, "VpnGatewayId")));
    return {};
  },
};
