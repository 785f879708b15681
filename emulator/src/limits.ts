/**
 * The emulator's own limits and capabilities, transcribed from the Alibaba Cloud docs for
 * the emulator alone. The project's validator keeps its own transcription (lib/topology);
 * the emulator must not borrow it, or one wrong table would fool the validator and its judge
 * together. A test compares the two, so each catches the other's mistakes.
 *
 * "SDK remark" means the parameter's description in Alibaba Cloud's official TypeScript SDK
 * models (`@alicloud/vpc20160428`, `@alicloud/ecs20140526`), which repeat the API reference.
 */

export interface Limit<T> {
  readonly value: T;
  readonly source: string;
}

/** Quotas at their default values (none of the stacks raises one in the emulator). */
export const QUOTA = {
  customRouteEntriesPerTable: {
    value: 200,
    source: "CreateRouteEntry API doc: a route table can contain up to 200 custom route entries",
  },
  securityGroupRules: {
    value: 200,
    source: "AuthorizeSecurityGroup API doc (ECS): at most 200 inbound and outbound rules per security group",
  },
  customerGatewaysPerRegion: { value: 100, source: "VPN Gateway quotas doc: vpn_quota_cgws_per_region, 100" },
  ipsecConnectionsPerGateway: { value: 10, source: "VPN Gateway quotas doc: IPsec-VPN connections per VPN gateway, 10" },
} as const satisfies Record<string, Limit<number>>;

/** Ranges no VPC, vSwitch or route destination may use. */
export const RESERVED_CIDRS: Limit<readonly string[]> = {
  value: ["100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16"],
  source:
    "CreateVpc SDK remark, CidrBlock: any block other than 100.64.0.0/10, 224.0.0.0/4, 127.0.0.0/8, 169.254.0.0/16 or their subnets; CreateVSwitch SDK remark, CidrBlock: the same four",
};

/** The one range a custom route's destination may not point into. */
export const ROUTE_DESTINATION_RESERVED: Limit<string> = {
  value: "100.64.0.0/10",
  source: "CreateRouteEntry SDK remark, DestinationCidrBlock: cannot point to or be contained by 100.64.0.0/10",
};

/** Addresses a customer gateway may not have. */
export const CUSTOMER_GATEWAY_RESERVED: Limit<readonly string[]> = {
  value: ["100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "255.0.0.0/8"],
  source:
    "CreateCustomerGateway SDK remark, IpAddress: 100.64.0.0-100.127.255.255, 127.0.0.0-127.255.255.255, 169.254.0.0-169.254.255.255, 224.0.0.0-239.255.255.255, 255.0.0.0-255.255.255.255 are not supported",
};

export const VPC_MASK: Limit<{ min: number; max: number }> = {
  value: { min: 8, max: 28 },
  source:
    "CreateVpc API doc, CidrBlock: mask 8 to 28 bits (the current SDK remark says 16 to 28 for RFC 1918 blocks; the emulator keeps the wider documented range so it never refuses what the API accepts)",
};

export const VSWITCH_MASK: Limit<{ min: number; max: number }> = {
  value: { min: 16, max: 29 },
  source: "CreateVSwitch SDK remark, CidrBlock: the mask length of the vSwitch CIDR block must be 16 to 29 bits",
};

/** Public VPN gateway bandwidths, Mbit/s (the China site's list; the international site's is a subset). */
export const VPN_GATEWAY_BANDWIDTHS: Limit<readonly number[]> = {
  value: [5, 10, 20, 50, 100, 200, 500, 1000],
  source:
    "CreateVpnGateway SDK remark, Bandwidth: public gateways 5, 10, 20, 50, 100, 200, 500 or 1000 (China site), 10, 100, 200, 500 or 1000 (international site)",
};

/** IKE (phase 1) and IPsec (phase 2) values of a standard (not SM) VPN gateway. */
export const IKE = {
  IkeVersion: { value: ["ikev1", "ikev2"], source: "CreateVpnConnection SDK remark, IkeConfig.IkeVersion" },
  IkeMode: { value: ["main", "aggressive"], source: "CreateVpnConnection SDK remark, IkeConfig.IkeMode" },
  IkeEncAlg: { value: ["aes", "aes192", "aes256", "des", "3des"], source: "CreateVpnConnection SDK remark, IkeConfig.IkeEncAlg" },
  IkeAuthAlg: { value: ["md5", "sha1", "sha256", "sha384", "sha512"], source: "CreateVpnConnection SDK remark, IkeConfig.IkeAuthAlg" },
  IkePfs: { value: ["group1", "group2", "group5", "group14"], source: "CreateVpnConnection SDK remark, IkeConfig.IkePfs" },
} as const satisfies Record<string, Limit<readonly string[]>>;

export const IPSEC = {
  IpsecEncAlg: { value: ["aes", "aes192", "aes256", "des", "3des"], source: "CreateVpnConnection SDK remark, IpsecConfig.IpsecEncAlg" },
  IpsecAuthAlg: {
    value: ["md5", "sha1", "sha256", "sha384", "sha512"],
    source: "CreateVpnConnection SDK remark, IpsecConfig.IpsecAuthAlg",
  },
  IpsecPfs: {
    value: ["disabled", "group1", "group2", "group5", "group14"],
    source: "CreateVpnConnection SDK remark, IpsecConfig.IpsecPfs",
  },
} as const satisfies Record<string, Limit<readonly string[]>>;

/** SA lifetimes, seconds, both phases. */
export const SA_LIFETIME: Limit<{ min: number; max: number }> = {
  value: { min: 0, max: 86400 },
  source: "CreateVpnConnection SDK remark, IkeConfig.IkeLifetime and IpsecConfig.IpsecLifetime: 0 to 86400",
};

export const ASN = {
  range: { value: { min: 1, max: 4294967295 }, source: "CreateCustomerGateway SDK remark, Asn: 1 to 4294967295" },
  alibaba: { value: 45104, source: "CreateCustomerGateway SDK remark, Asn: the value 45104 is not supported (Alibaba Cloud's own ASN)" },
  vbrLocal: {
    value: {
      fixed: [45104],
      ranges: [
        [64512, 65534],
        [4200000000, 4294967294],
      ],
      reserved: [65025],
    },
    source: "CreateBgpGroup SDK remark, LocalAsn: 45104, 64512 to 65534 or 4200000000 to 4294967294; 65025 is reserved by Alibaba Cloud",
  },
} as const;

export const VLAN_ID: Limit<{ min: number; max: number }> = {
  value: { min: 0, max: 2999 },
  source: "CreateVirtualBorderRouter SDK remark, VlanId: 0 to 2999",
};

export const BFD_MULTI_HOP: Limit<{ min: number; max: number }> = {
  value: { min: 1, max: 255 },
  source: "CreateBgpPeer SDK remark, BfdMultiHop: 1 to 255",
};

export const VPN_ROUTE_WEIGHTS: Limit<readonly number[]> = {
  value: [0, 100],
  source: "CreateVpnRouteEntry SDK remark, Weight: 100 (active) or 0 (standby)",
};

/**
 * Two destination routes of one gateway for one destination are an active/standby pair:
 * "the active and standby destination routes must have the same destination CIDR block,
 * different next hops, and different weights". With weights 0 and 100 only, a destination
 * has at most one route of each weight.
 */
export const VPN_ROUTE_PAIR: Limit<{ readonly maxPerWeight: number }> = {
  value: { maxPerWeight: 1 },
  source:
    "CreateVpnRouteEntry SDK remark, Weight: active/standby routes have the same destination, different next hops and different weights",
};

export const ROUTER_INTERFACE_SPECS: Limit<readonly string[]> = {
  value: [
    "Mini.2",
    "Mini.5",
    "Small.1",
    "Small.2",
    "Small.5",
    "Middle.1",
    "Middle.2",
    "Middle.5",
    "Large.1",
    "Large.2",
    "Large.5",
    "Xlarge.1",
    "Negative",
  ],
  source: "CreateRouterInterface SDK remark, Spec (Negative for the AcceptingSide)",
};

export const SECURITY_GROUP_RULE = {
  protocols: {
    value: ["TCP", "UDP", "ICMP", "GRE", "ALL"],
    source: "AuthorizeSecurityGroup SDK remark (ECS), Permissions.N.IpProtocol (case-insensitive)",
  },
  priority: { value: { min: 1, max: 100 }, source: "AuthorizeSecurityGroup SDK remark (ECS), Permissions.N.Priority: 1 to 100" },
  ports: {
    value: { min: 1, max: 65535 },
    source: "AuthorizeSecurityGroup SDK remark (ECS), Permissions.N.PortRange: TCP/UDP 1 to 65535 as start/end; ICMP, GRE and ALL -1/-1",
  },
} as const;

/**
 * Regions whose new VPN gateways are dual-tunnel (two vSwitches, TunnelOptionsSpecification),
 * with the zone letters that support it where the docs list them.
 */
export const DUAL_TUNNEL: Limit<Readonly<Record<string, string | null>>> = {
  value: {
    "cn-hangzhou": "ghijk",
    "cn-shanghai": "bdefgklmn",
    "cn-nanjing": "a",
    "cn-shenzhen": "adef",
    "cn-heyuan": "ab",
    "cn-guangzhou": "ab",
    "cn-qingdao": "bc",
    "cn-beijing": "acefghijkl",
    "cn-zhangjiakou": "abc",
    "cn-huhehaote": "ab",
    "cn-wulanchabu": "abc",
    "cn-chengdu": "ab",
    "cn-hongkong": "bcd",
    "ap-southeast-1": "abc",
    "ap-southeast-7": "a",
    "ap-northeast-1": "abc",
    "ap-northeast-2": "a",
    "ap-southeast-6": "a",
    "ap-southeast-5": "abc",
    "ap-southeast-3": "ab",
    "eu-west-1": "ab",
    "eu-central-1": "abc",
    "us-west-1": "ab",
    "us-east-1": null,
    "me-east-1": null,
  },
  source:
    "VPN Gateway docs, 'IPsec-VPN connections support the dual-tunnel mode', Limits (regions and zones; null where the zone table gives none); CreateVpnGateway SDK remark, DisasterRecoveryVSwitchId: required where dual-tunnel connections are supported",
};

export function isDualTunnelRegion(region: string): boolean {
  return Object.prototype.hasOwnProperty.call(DUAL_TUNNEL.value, region);
}

/** The zone IDs of a dual-tunnel region, or undefined where the docs list none. */
export function dualTunnelZones(region: string): string[] | undefined {
  const letters = DUAL_TUNNEL.value[region];
  if (!letters) return undefined;
  // Chinese regions' zones are "cn-hangzhou-k"; international ones "ap-southeast-1a"
  return [...letters].map((l) => (region.startsWith("cn-") ? `${region}-${l}` : `${region}${l}`));
}

/** Transit routers (CEN Enterprise Edition), as the emulator enforces them. */
export const TRANSIT_ROUTER = {
  perRegionPerCen: {
    value: 1,
    source: "CreateTransitRouter API doc: 'You can create only one transit router instance in each region for a CEN instance'",
  },
  zonesMultiZoneRegion: {
    value: 2,
    source:
      "CEN docs, How transit routers work: where transit routers are available in more than one zone, the VPC needs vSwitches in at least two different zones",
  },
  zonesSingleZoneRegion: {
    value: 1,
    source: "CEN docs, How transit routers work: where transit routers are available in one zone, at least one vSwitch in that zone",
  },
  maxZoneMappings: {
    value: 10,
    source: "CreateTransitRouterVpcAttachment API doc (Python SDK alibabacloud-cbn20170912 1.4.0), ZoneMappings: at most 10 zones",
  },
} as const satisfies Record<string, Limit<number>>;

/**
 * Regions the emulator knows to have transit routers in more than one zone (so a VPC
 * attachment needs two zones there). Elsewhere one is enough: the emulator refuses nothing
 * on a region it has no source for.
 */
export const TR_MULTI_ZONE_REGIONS: Limit<readonly string[]> = {
  value: ["cn-hangzhou", "cn-shanghai"],
  source:
    "CEN docs, How transit routers work (China (Hangzhou) named as a region with more than one zone); CEN docs, regions and zones of Enterprise Edition transit routers (China (Shanghai): several zones)",
};

/** The minimum number of zones a VPC attachment in `region` spans. */
export function trZonesNeeded(region: string): number {
  return TR_MULTI_ZONE_REGIONS.value.includes(region)
    ? TRANSIT_ROUTER.zonesMultiZoneRegion.value
    : TRANSIT_ROUTER.zonesSingleZoneRegion.value;
}

/** alicloud_cen_vbr_health_check, as the pinned provider's docs give it (EnableCenVbrHealthCheck). */
export const CEN_VBR_HEALTH_CHECK = {
  interval: {
    value: { min: 2, max: 3, default: 2 },
    source: "provider v1.240.0 website/docs/r/cen_vbr_health_check.html.markdown:82, health_check_interval: 2 to 3, default 2",
  },
  threshold: {
    value: { min: 3, max: 8, default: 8 },
    source: "provider v1.240.0 website/docs/r/cen_vbr_health_check.html.markdown:85, healthy_threshold: 3 to 8, default 8",
  },
} as const satisfies Record<string, Limit<{ min: number; max: number; default: number }>>;
