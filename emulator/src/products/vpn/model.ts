/**
 * VPN product model (API 2016-04-28): VPN gateways, customer gateways, IPsec connections and
 * VPN route entries, and the behaviour their docs give: the IKE/IPsec values the API fills in
 * (checked against limits.ts), the two tunnels of a dual-tunnel connection.
 */
import { apiError } from "../../errors";
import type { Resource } from "../../state";
import { checkIke, checkIpsec } from "../checks";
import { mustGet, newId, opt, type Ctx } from "../context";

export function gw(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "vpnGateway", id, "InvalidVpnGatewayInstanceId.NotFound");
}

export function json(ctx: Ctx, name: string): Record<string, unknown> | undefined {
  const raw = opt(ctx, name);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw apiError("InvalidParameter", `${name} is not valid JSON: ${raw}`);
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

export function ike(cfg: Record<string, unknown> | undefined, gwIp: string, cgwIp: string, where = "IkeConfig"): Record<string, unknown> {
  const c = cfg ?? {};
  checkIke(where, c);
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

export function ipsec(cfg: Record<string, unknown> | undefined, where = "IpsecConfig"): Record<string, unknown> {
  const c = cfg ?? {};
  checkIpsec(where, c);
  return {
    ...IPSEC_DEFAULTS,
    ...Object.fromEntries(Object.entries(c).filter(([k]) => k in IPSEC_DEFAULTS)),
    IpsecLifetime: Number(c.IpsecLifetime ?? IPSEC_DEFAULTS.IpsecLifetime),
  };
}

/** The two tunnels of a dual-tunnel connection (TunnelOptionsSpecification.N.*), IKE/IPsec checked and defaulted. */
export function tunnelOptions(ctx: Ctx, g: Resource, tunnels: readonly Record<string, string>[]): Record<string, unknown>[] {
  return tunnels.map((t, i) => {
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
      TunnelIkeConfig: ike(
        ikeCfg,
        String(i === 0 ? g.attrs.InternetIp : g.attrs.DisasterRecoveryInternetIp),
        String(cg.attrs.IpAddress),
        `TunnelOptionsSpecification.${i + 1}.TunnelIkeConfig`,
      ),
      TunnelIpsecConfig: ipsec(ipsecCfg, `TunnelOptionsSpecification.${i + 1}.TunnelIpsecConfig`),
    };
  });
}

/**
 * CreateVpnConnection / ModifyVpnConnectionAttribute, HealthCheckConfig (JSON: enable, dip,
 * sip, interval, retry; interval and retry default to 3), answered by DescribeVpnConnection
 * as VcoHealthCheck (the provider reads it back: alicloud/resource_alicloud_vpn_connection.go:770).
 * The SDK remark: "This parameter is supported when you create an IPsec-VPN connection in
 * single-tunnel mode"; on a dual-tunnel gateway the emulator refuses it rather than drop it,
 * so a stack that sets it there fails at apply instead of drifting on every plan.
 */
export function healthCheck(ctx: Ctx, g: Resource): Record<string, unknown> | undefined {
  const cfg = json(ctx, "HealthCheckConfig");
  if (cfg === undefined) return undefined;
  if (g.attrs.DisasterRecoveryVSwitchId !== "")
    throw apiError(
      "OperationUnsupported.HealthCheckConfig",
      `VPN gateway ${g.id} is dual-tunnel: HealthCheckConfig is supported for single-tunnel IPsec-VPN connections only (CreateVpnConnection SDK remark, HealthCheckConfig).`,
    );
  // The provider spells the keys in lower case on create and capitalized on modify
  // (resource_alicloud_vpn_connection.go:663-690 and :1167-1196 in 1.240.0), and the
  // Create it runs ends in that modify; the emulator reads either spelling.
  const key = (k: string): unknown => cfg[k] ?? cfg[k.charAt(0).toUpperCase() + k.slice(1)];
  const enable = String(key("enable") ?? "false") === "true";
  return {
    Enable: String(enable),
    Dip: String(key("dip") ?? ""),
    Sip: String(key("sip") ?? ""),
    Interval: Number(key("interval") ?? 3),
    Retry: Number(key("retry") ?? 3),
    Policy: "revoke_route",
    // no office answers the probes here (DescribeVpnConnection, VcoHealthCheck.Status)
    Status: enable ? "failed" : "",
  };
}
