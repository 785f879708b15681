/**
 * VPC product (API 2016-04-28), VPN gateway: gateways, customer gateways, IPsec connections
 * and VPN route entries. Shapes are checked against `@alicloud/vpc20160428`.
 */
import { ApiError } from "../errors";
import type { Resource } from "../state";
import { conflict, create, flatList, mine, mustGet, newId, opt, page, req, status, tagList, type Ctx, type Handler } from "./context";
import { supportsDualTunnelVpn } from "../../../lib/topology/vpn-capabilities";
import { vpcOf } from "./vpc";

/**
 * Regions whose new VPN gateways are dual-tunnel, so CreateVpnGateway needs a second vSwitch
 * (DisasterRecoveryVSwitchId) and CreateVpnConnection takes TunnelOptionsSpecification: the
 * project's one capability table, with its sources (lib/topology/vpn-capabilities.ts).
 */

function gw(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "vpnGateway", id, "InvalidVpnGatewayInstanceId.NotFound");
}

function json(ctx: Ctx, name: string): Record<string, unknown> | undefined {
  const raw = opt(ctx, name);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new ApiError(400, `InvalidParameter.${name}`, `${name} is not valid JSON: ${raw}`);
  }
}

// IKE / IPsec defaults the API fills in (CreateVpnConnection doc, IkeConfig / IpsecConfig)
const IKE_DEFAULTS = {
  IkeVersion: "ikev1",
  IkeMode: "main",
  IkeEncAlg: "aes",
  IkeAuthAlg: "md5",
  IkePfs: "group2",
  IkeLifetime: 86400,
  LocalId: "",
  RemoteId: "",
  Psk: "",
};
const IPSEC_DEFAULTS = { IpsecEncAlg: "aes", IpsecAuthAlg: "md5", IpsecPfs: "group2", IpsecLifetime: 86400 };

function ike(cfg: Record<string, unknown> | undefined, gwIp: string, cgwIp: string): Record<string, unknown> {
  const c = cfg ?? {};
  return {
    ...IKE_DEFAULTS,
    ...Object.fromEntries(Object.entries(c).filter(([k]) => k in IKE_DEFAULTS)),
    // LocalId / RemoteId default to the two gateways' IPs (CreateVpnConnection doc)
    LocalId: c.LocalId ?? c.IkeLocalId ?? gwIp,
    RemoteId: c.RemoteId ?? c.IkeRemoteId ?? cgwIp,
    // Psk: generated when not given (CreateVpnConnection doc: "a 16-character random string")
    Psk: c.Psk ?? "emulatorgenpsk16",
    IkeLifetime: Number(c.IkeLifetime ?? IKE_DEFAULTS.IkeLifetime),
  };
}

function ipsec(cfg: Record<string, unknown> | undefined): Record<string, unknown> {
  const c = cfg ?? {};
  return {
    ...IPSEC_DEFAULTS,
    ...Object.fromEntries(Object.entries(c).filter(([k]) => k in IPSEC_DEFAULTS)),
    IpsecLifetime: Number(c.IpsecLifetime ?? IPSEC_DEFAULTS.IpsecLifetime),
  };
}

const handlers: Record<string, Handler> = {
  CreateVpnGateway: (ctx) => {
    const vpc = vpcOf(ctx, req(ctx, "VpcId"));
    const vsw = opt(ctx, "VSwitchId");
    const dr = opt(ctx, "DisasterRecoveryVSwitchId");
    // Dual-tunnel regions: "When you create a dual-tunnel VPN gateway, you need to specify two
    // vSwitches" (VPN docs, dual-tunnel mode, Limits); a stack that
    // leaves the second one out must fail here as it would in the cloud. The error code is
    // not confirmed from the docs.
    if (supportsDualTunnelVpn(ctx.region) && (!vsw || !dr)) {
      throw new ApiError(
        400,
        "MissingParameter.DisasterRecoveryVSwitchId",
        `VPN gateways in ${ctx.region} are dual-tunnel: VSwitchId and DisasterRecoveryVSwitchId are both required.`,
      );
    }
    for (const s of [vsw, dr])
      if (s) {
        const v = mustGet(ctx, "vswitch", s, "InvalidVSwitchId.NotFound");
        if (v.attrs.VpcId !== vpc.id) throw new ApiError(400, "InvalidVSwitchId.NotBelongToVpc", `vSwitch ${s} is not in VPC ${vpc.id}.`);
      }
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
  DescribeVpnGateway: (ctx) => {
    const g = gw(ctx, req(ctx, "VpnGatewayId"));
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
  },
  ModifyVpnGatewayAttribute: (ctx) => {
    const g = gw(ctx, req(ctx, "VpnGatewayId"));
    for (const k of ["Name", "Description"]) if (opt(ctx, k) !== undefined) g.attrs[k] = opt(ctx, k);
    if (opt(ctx, "AutoPropagate") !== undefined) g.attrs.AutoPropagate = opt(ctx, "AutoPropagate") === "true";
    return { VpnGatewayId: g.id };
  },
  DeleteVpnGateway: (ctx) => {
    const g = gw(ctx, req(ctx, "VpnGatewayId"));
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
    // quota: customer gateways per region, 100 by default (VPN Gateway quotas doc, vpn_quota_cgws_per_region)
    if (mine(ctx, "customerGateway").length >= 100)
      throw conflict("QuotaExceeded.CustomerGateway", "The customer gateway quota of this region (100) is used up.");
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
  DescribeCustomerGateway: (ctx) => {
    const c = mustGet(ctx, "customerGateway", req(ctx, "CustomerGatewayId"), "InvalidCustomerGatewayInstanceId.NotFound");
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
  },
  ModifyCustomerGatewayAttribute: (ctx) => {
    const c = mustGet(ctx, "customerGateway", req(ctx, "CustomerGatewayId"), "InvalidCustomerGatewayInstanceId.NotFound");
    for (const k of ["Name", "Description"]) if (opt(ctx, k) !== undefined) c.attrs[k] = opt(ctx, k);
    return {};
  },
  DeleteCustomerGateway: (ctx) => {
    const c = mustGet(ctx, "customerGateway", req(ctx, "CustomerGatewayId"), "InvalidCustomerGatewayInstanceId.NotFound");
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
    // quota: IPsec connections per VPN gateway, 10 by default (VPN Gateway quotas doc)
    if (mine(ctx, "vpnConnection").filter((c) => c.attrs.VpnGatewayId === g.id).length >= 10)
      throw conflict("QuotaExceeded.VpnConnection", `VPN gateway ${g.id} already has 10 IPsec connections.`);
    const tunnels = flatList(ctx, "TunnelOptionsSpecification");
    const dual = g.attrs.DisasterRecoveryVSwitchId !== "";
    // A dual-tunnel gateway takes TunnelOptionsSpecification (two tunnels, master and slave) and
    // not the single-tunnel CustomerGatewayId/IkeConfig/IpsecConfig (VPN docs, dual-tunnel mode;
    // CreateVpnConnection doc), so a single-tunnel connection on a dual-tunnel gateway fails
    // here as it would in the cloud. The error code is not confirmed from the docs.
    if (dual && tunnels.length !== 2)
      throw new ApiError(
        400,
        "MissingParameter.TunnelOptionsSpecification",
        `VPN gateway ${g.id} is dual-tunnel: give TunnelOptionsSpecification with two tunnels (got ${tunnels.length}).`,
      );
    if (!dual && tunnels.length > 0)
      throw new ApiError(
        400,
        "OperationUnsupported.TunnelOptions",
        `VPN gateway ${g.id} is single-tunnel: TunnelOptionsSpecification is not supported.`,
      );
    const cgwId = dual ? undefined : req(ctx, "CustomerGatewayId");
    const cgw = cgwId ? mustGet(ctx, "customerGateway", cgwId, "InvalidCustomerGatewayInstanceId.NotFound") : undefined;
    const id = newId(ctx, "vco");
    const sub = (k: string) => (opt(ctx, k) ?? "").split(",").filter(Boolean).join(",");
    const tunnelObjs = tunnels.map((t, i) => {
      const cg = mustGet(ctx, "customerGateway", t.CustomerGatewayId ?? "", "InvalidCustomerGatewayInstanceId.NotFound");
      const ikeCfg = Object.fromEntries(
        Object.entries(t)
          .filter(([k]) => k.startsWith("TunnelIkeConfig."))
          .map(([k, v]) => [k.slice("TunnelIkeConfig.".length), v]),
      );
      const ipsecCfg = Object.fromEntries(
        Object.entries(t)
          .filter(([k]) => k.startsWith("TunnelIpsecConfig."))
          .map(([k, v]) => [k.slice("TunnelIpsecConfig.".length), v]),
      );
      return {
        TunnelId: newId(ctx, "tun"),
        CustomerGatewayId: cg.id,
        Role: t.Role ?? (i === 0 ? "master" : "slave"),
        TunnelIndex: i + 1,
        EnableDpd: t.EnableDpd !== "false",
        EnableNatTraversal: t.EnableNatTraversal !== "false",
        InternetIp: i === 0 ? g.attrs.InternetIp : g.attrs.DisasterRecoveryInternetIp,
        ZoneNo: "",
        State: "active",
        Status: "ike_sa_not_established",
        TunnelIkeConfig: ike(ikeCfg, String(i === 0 ? g.attrs.InternetIp : g.attrs.DisasterRecoveryInternetIp), String(cg.attrs.IpAddress)),
        TunnelIpsecConfig: ipsec(ipsecCfg),
      };
    });
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
    });
    return { VpnConnectionId: id, Name: opt(ctx, "Name") ?? "", CreateTime: ctx.now };
  },
  DescribeVpnConnection: (ctx) => {
    const c = mustGet(ctx, "vpnConnection", req(ctx, "VpnConnectionId"), "InvalidVpnConnectionInstanceId.NotFound");
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
      Tags: { Tag: tagList(c) },
    };
  },
  ModifyVpnConnectionAttribute: (ctx) => {
    const c = mustGet(ctx, "vpnConnection", req(ctx, "VpnConnectionId"), "InvalidVpnConnectionInstanceId.NotFound");
    for (const k of ["Name"]) if (opt(ctx, k) !== undefined) c.attrs[k] = opt(ctx, k);
    for (const k of ["LocalSubnet", "RemoteSubnet"]) if (opt(ctx, k) !== undefined) c.attrs[k] = opt(ctx, k);
    for (const k of ["EffectImmediately", "EnableDpd", "EnableNatTraversal"])
      if (opt(ctx, k) !== undefined) c.attrs[k] = opt(ctx, k) === "true";
    const g = gw(ctx, String(c.attrs.VpnGatewayId));
    if (json(ctx, "IkeConfig")) c.attrs.IkeConfig = ike(json(ctx, "IkeConfig"), String(g.attrs.InternetIp), "");
    if (json(ctx, "IpsecConfig")) c.attrs.IpsecConfig = ipsec(json(ctx, "IpsecConfig"));
    return { VpnConnectionId: c.id };
  },
  DeleteVpnConnection: (ctx) => {
    const c = mustGet(ctx, "vpnConnection", req(ctx, "VpnConnectionId"), "InvalidVpnConnectionInstanceId.NotFound");
    const r = mine(ctx, "vpnRouteEntry").find((e) => e.attrs.NextHop === c.id);
    if (r) throw conflict("DependencyViolation.VpnRouteEntry", `VPN route ${String(r.attrs.RouteDest)} still points to ${c.id}.`);
    ctx.store.delete(c.id);
    return {};
  },
  CreateVpnRouteEntry: (ctx) => {
    const g = gw(ctx, req(ctx, "VpnGatewayId"));
    const dest = req(ctx, "RouteDest");
    const hop = req(ctx, "NextHop");
    mustGet(ctx, "vpnConnection", hop, "InvalidNextHop.NotFound");
    if (mine(ctx, "vpnRouteEntry").some((e) => e.attrs.VpnGatewayId === g.id && e.attrs.RouteDest === dest && e.attrs.NextHop === hop))
      throw conflict("VpnRouteEntry.AlreadyExists", `VPN route ${dest} via ${hop} already exists.`);
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
    const pg = page(ctx, es);
    return {
      VpnRouteEntries: {
        VpnRouteEntry: pg.items.map((e) => ({
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
        })),
      },
      VpnRouteCounts: { VpnRouteCount: [] },
      PageNumber: pg.PageNumber,
      PageSize: pg.PageSize,
      TotalCount: pg.TotalCount,
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
    e.attrs.Weight = Number(req(ctx, "NewWeight"));
    return {};
  },
  DeleteVpnRouteEntry: (ctx) => {
    const id = `${req(ctx, "VpnGatewayId")}:${req(ctx, "NextHop")}:${req(ctx, "RouteDest")}`;
    mustGet(ctx, "vpnRouteEntry", id, "InvalidRouteEntry.NotFound");
    ctx.store.delete(id);
    return {};
  },
};

export default handlers;
