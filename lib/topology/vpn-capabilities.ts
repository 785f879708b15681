/**
 * Where Alibaba Cloud VPN gateways are dual-tunnel, as data with its sources.
 *
 * Sources (Alibaba Cloud VPN Gateway documentation):
 * - "[Upgrade notice] IPsec-VPN connections support the dual-tunnel mode", section
 *   Limits (help/en/vpn/sub-product-ipsec-vpn/user-guide/ipsec-vpn-connections-support-the-dual-tunnel-mode):
 *   the regions and zones below; "By default, after you purchase a VPN gateway, you can
 *   create only dual-tunnel IPsec-VPN connections"; "When you create a dual-tunnel VPN
 *   gateway, you need to specify two vSwitches in different zones"; "If only one zone in
 *   a region supports the dual-tunnel mode ... specify two vSwitches in the zone ... You
 *   can specify the same vSwitch."
 * - CreateVpnGateway API docs (doc-detail 53018): "VPN gateways in some regions support
 *   only IPsec-VPN connections in dual-tunnel mode. If you call CreateVpnGateway in these
 *   regions, you must specify VSwitchId and DisasterRecoveryVSwitchId".
 * - "Regions that support IPsec-VPN features" (help doc-detail 430697): dual-tunnel
 *   connections in every region listed there except SAU (Riyadh - Partner Region),
 *   me-central-1, which is single-tunnel only.
 * - Provider v1.240.0: `alicloud/resource_alicloud_vpn_gateway.go:213` sends
 *   `DisasterRecoveryVSwitchId` only when set; `alicloud/resource_alicloud_vpn_connection.go:570`
 *   sends `TunnelOptionsSpecification` (two tunnels) only when set. Nothing in the
 *   provider picks the mode for you, so a gateway created without the second vSwitch
 *   in a dual-tunnel region is refused by CreateVpnGateway.
 *
 * Zone lists are the documentation's; a region whose zone list the documentation does not
 * spell out (US (Virginia), Mexico, UAE (Dubai): cut off or absent from the zone table)
 * maps to `undefined` zones, and only the region-level fact is checked there. Mexico is
 * listed by the docs but absent from the pinned provider's region list (./regions.ts).
 */

export interface DualTunnelRegion {
  /** Zone IDs that support dual-tunnel connections, or undefined where the docs give none. */
  readonly zones?: readonly string[];
}

const cn = (region: string, letters: string) => [...letters].map((l) => `${region}-${l}`);
const intl = (region: string, letters: string) => [...letters].map((l) => `${region}${l}`);

/** Region ID -> dual-tunnel zones. Regions absent here have single-tunnel gateways only. */
export const DUAL_TUNNEL_VPN_REGIONS: Readonly<Record<string, DualTunnelRegion>> = {
  "cn-hangzhou": { zones: cn("cn-hangzhou", "kjihg") },
  "cn-shanghai": { zones: cn("cn-shanghai", "klmnbdefg") },
  "cn-nanjing": { zones: cn("cn-nanjing", "a") },
  "cn-shenzhen": { zones: cn("cn-shenzhen", "aedf") },
  "cn-heyuan": { zones: cn("cn-heyuan", "ab") },
  "cn-guangzhou": { zones: cn("cn-guangzhou", "ab") },
  "cn-qingdao": { zones: cn("cn-qingdao", "bc") },
  "cn-beijing": { zones: cn("cn-beijing", "fehgacjilk") },
  "cn-zhangjiakou": { zones: cn("cn-zhangjiakou", "abc") },
  "cn-huhehaote": { zones: cn("cn-huhehaote", "ab") },
  "cn-wulanchabu": { zones: cn("cn-wulanchabu", "abc") },
  "cn-chengdu": { zones: cn("cn-chengdu", "ab") },
  "cn-hongkong": { zones: cn("cn-hongkong", "bcd") },
  "ap-southeast-1": { zones: intl("ap-southeast-1", "abc") },
  "ap-southeast-7": { zones: intl("ap-southeast-7", "a") },
  "ap-northeast-1": { zones: intl("ap-northeast-1", "abc") },
  "ap-northeast-2": { zones: intl("ap-northeast-2", "a") },
  "ap-southeast-6": { zones: intl("ap-southeast-6", "a") },
  "ap-southeast-5": { zones: intl("ap-southeast-5", "abc") },
  "ap-southeast-3": { zones: intl("ap-southeast-3", "ab") },
  "eu-west-1": { zones: intl("eu-west-1", "ab") },
  "eu-central-1": { zones: intl("eu-central-1", "abc") },
  "us-west-1": { zones: intl("us-west-1", "ab") },
  "us-east-1": {},
  "me-east-1": {},
};

/** True when new VPN gateways in `region` are dual-tunnel (and so need two vSwitches). */
export function supportsDualTunnelVpn(region: string): boolean {
  return Object.prototype.hasOwnProperty.call(DUAL_TUNNEL_VPN_REGIONS, region);
}

/** Dual-tunnel zones of `region`, or undefined when the docs list none (or it has none). */
export function dualTunnelZones(region: string): readonly string[] | undefined {
  return supportsDualTunnelVpn(region) ? DUAL_TUNNEL_VPN_REGIONS[region]?.zones : undefined;
}
