/**
 * Facts about Cloud Enterprise Network (CEN) Enterprise Edition transit routers (TRs), as
 * data with their sources: where TRs exist and in which zones a VPC attachment may put its
 * vSwitches, the quotas the API enforces, how inter-region peer attachments and the TR's
 * own connections are billed and who pays, which routes each kind of attachment propagates
 * into a TR route table (and what the TR advertises back), and why IPsec is not attached
 * to a TR at the pinned provider.
 *
 * Only facts with a citable source are here. What could not be sourced is listed in
 * `UNSOURCED_TR_FACTS` instead of being guessed, so that a check built on this table never
 * refuses a topology on an invented number.
 *
 * Pure data and small lookups; no imports, so the planner, the validator and the
 * independent checker can all read it without depending on each other.
 */

/** Where a fact is stated: a document title and its address, or a provider file:line. */
export interface FactSource {
  readonly title: string;
  /**
   * Document address; or a line of the pinned provider v1.240.0, `alicloud/<file>.go:<line>`
   * (Go source) or `website/docs/<page>.html.markdown:<line>` (its documentation). A
   * provider line's title names, in backticks, what the line holds.
   */
  readonly url: string;
}

const DOC = {
  regionsAndZones: {
    title: "CEN docs: Available regions and zones (Enterprise Edition transit router)",
    url: "https://www.alibabacloud.com/help/en/cen/product-overview/regions-and-zones-that-support-transit-router",
  },
  createVpcConnection: {
    title: "CEN docs: Create a VPC connection (How a VPC connection works)",
    url: "https://www.alibabacloud.com/help/en/cen/user-guide/connect-vpcs",
  },
  createTransitRouter: {
    title: "CEN API: CreateTransitRouter (operation description)",
    url: "https://www.alibabacloud.com/help/en/cen/developer-reference/api-createtransitrouter",
  },
  cenFaq: {
    title: "CEN docs: FAQ, 'Can I create only one transit router in each region?'",
    url: "https://www.alibabacloud.com/help/doc-detail/66205.htm",
  },
  createVpcAttachment: {
    title:
      "CEN API reference as carried by the Python SDK alibabacloud-cbn20170912 1.4.0: CreateTransitRouterVpcAttachmentRequest.zone_mappings ('You can specify at most 10 zones.')",
    url: "https://www.alibabacloud.com/help/en/cen/developer-reference/api-cbn-2017-09-12-createtransitroutervpcattachment",
  },
  interRegionConnections: {
    title: "CEN docs: Manage inter-region connections (bandwidth allocation modes)",
    url: "https://www.alibabacloud.com/help/en/cen/user-guide/manage-inter-region-connections",
  },
  billingFaq: {
    title: "CEN docs: FAQ about billing ('Do inter-region connections support pay-as-you-go billing?')",
    url: "https://help.aliyun.com/en/cen/product-overview/billing-rules-faq",
  },
  cdtCrossRegion: {
    title: "Cloud Data Transfer docs: Cross-region data transfers",
    url: "https://alibabacloud.com/help/en/cloud-data-transmission/latest/cross-region-data-transfers",
  },
  createPeerAttachment: {
    title:
      "Python SDK alibabacloud-cbn20170912 1.4.0, CreateTransitRouterPeerAttachmentRequest.bandwidth / bandwidth_type field comments; provider `bandwidth_type` (Optional and Computed: unset, the API chooses)",
    url: "alicloud/resource_alicloud_cen_transit_router_peer_attachment.go:38",
  },
  peerBandwidthTypeValues: {
    title: "provider docs, alicloud_cen_transit_router_peer_attachment: `bandwidth_type` valid values BandwidthPackage and DataTransfer",
    url: "website/docs/r/cen_transit_router_peer_attachment.html.markdown:102",
  },
  peerPackageUnset: {
    title:
      "provider docs, alicloud_cen_transit_router_peer_attachment: `cen_bandwidth_package_id` unset means the free testing bandwidth, for connectivity tests only",
    url: "website/docs/r/cen_transit_router_peer_attachment.html.markdown:97",
  },
  billing: {
    title:
      "CEN docs: Billing (connection fee per intra-region connection and hour; data processing fee per GB entering the TR from intra-region connections; pay-by-data-transfer: each TR's egress inter-region traffic, settled through CDT; bandwidth plan: by bandwidth and duration)",
    url: "https://www.alibabacloud.com/help/en/cen/product-overview/billing-rules",
  },
  vpcAutoPublish: {
    title:
      "provider docs, alicloud_cen_transit_router_vpc_attachment: `auto_publish_route_enabled` makes the TR advertise routes to the VPC (default false)",
    url: "website/docs/r/cen_transit_router_vpc_attachment.html.markdown:87",
  },
  trIpsecDualTunnel: {
    title:
      "VPN Gateway docs: IPsec-VPN connections attached to a transit router ('have been upgraded to dual-tunnel mode. You can no longer create single-tunnel IPsec-VPN connections.')",
    url: "https://www.alibabacloud.com/help/en/doc-detail/2672837.html",
  },
  vpnAttachmentPinned: {
    title:
      "provider v1.240.0, alicloud_vpn_gateway_vpn_attachment: one `customer_gateway_id` and one set of IKE/IPsec options; the schema (to `internet_ip`, line 230) has no tunnel_options_specification",
    url: "alicloud/resource_alicloud_vpn_gateway_vpn_attachment.go:31",
  },
  vpnAttachmentTunnels: {
    title:
      "provider CHANGELOG.md, 1.246.0 (March 21, 2025): 'resource/alicloud_vpn_gateway_vpn_attachment: Support new attribute charge_type, resource_group_id, tunnel_options_specification and etc.' (commit f4f351215)",
    url: "https://github.com/aliyun/terraform-provider-alicloud/blob/master/CHANGELOG.md",
  },
  associationMode: {
    title:
      "VPN Gateway docs: Choose an association mode ('One VPC: choose VPN gateway; multiple VPCs (same region or across regions): choose Transit Router')",
    url: "https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/product-overview/choose-association-mode",
  },
  routePropagation: {
    title: "CEN docs: Advertise routes of a VPC to a transit router (default propagation status per route type)",
    url: "https://www.alibabacloud.com/help/doc-detail/86980.htm",
  },
} as const satisfies Record<string, FactSource>;

/** Transit-router availability in one region. */
export interface RegionTrFacts {
  readonly region: string;
  /** Whether new Enterprise Edition TRs can be created in the region. */
  readonly enterpriseEdition: boolean;
  readonly enterpriseEditionSource: FactSource;
  /**
   * Zones in which a VPC attachment may place its vSwitches.
   * @default - not sourced: the region's zones are not checked (see UNSOURCED_TR_FACTS)
   */
  readonly zones?: readonly string[];
  /** Where `zones` is stated. @default - none, when `zones` is absent */
  readonly zonesSource?: FactSource;
}

/** Letters of the documented zone table, as zone IDs of `region`. */
function zonesOf(region: string, letters: string): readonly string[] {
  return letters.split(",").map((l) => `${region}-${l.trim().toLowerCase()}`);
}

const ENTERPRISE_EVERYWHERE: FactSource = {
  title: `${DOC.regionsAndZones.title}: 'You can create new transit routers in the Enterprise Edition in all regions except for the Cloud Connect Network region'`,
  url: DOC.regionsAndZones.url,
};

/**
 * Regions the seed and example topologies use. Zone lists are copied from the documented
 * table; regions whose row could not be read are present without `zones`.
 */
export const TR_REGIONS: readonly RegionTrFacts[] = [
  {
    region: "cn-hangzhou",
    enterpriseEdition: true,
    enterpriseEditionSource: ENTERPRISE_EVERYWHERE,
    zones: zonesOf("cn-hangzhou", "B, H, I, J, K"),
    zonesSource: DOC.regionsAndZones,
  },
  {
    region: "cn-shanghai",
    enterpriseEdition: true,
    enterpriseEditionSource: ENTERPRISE_EVERYWHERE,
    zones: zonesOf("cn-shanghai", "B, C, E, F, G, L, M, N"),
    zonesSource: DOC.regionsAndZones,
  },
  { region: "cn-beijing", enterpriseEdition: true, enterpriseEditionSource: ENTERPRISE_EVERYWHERE },
  { region: "cn-shenzhen", enterpriseEdition: true, enterpriseEditionSource: ENTERPRISE_EVERYWHERE },
  { region: "us-east-1", enterpriseEdition: true, enterpriseEditionSource: ENTERPRISE_EVERYWHERE },
  { region: "eu-central-1", enterpriseEdition: true, enterpriseEditionSource: ENTERPRISE_EVERYWHERE },
  { region: "ap-south-1", enterpriseEdition: true, enterpriseEditionSource: ENTERPRISE_EVERYWHERE },
];

/** A count the API enforces on transit routers. */
export interface TrQuota {
  /** What is counted. */
  readonly name: string;
  readonly value: number;
  /** Whether Alibaba Cloud raises it on request. @default - not stated by the source */
  readonly adjustable?: boolean;
  readonly source: FactSource;
}

export const TR_QUOTAS = {
  transitRoutersPerRegionPerCen: {
    name: "Enterprise Edition transit routers per region in one CEN instance",
    value: 1,
    adjustable: false,
    source: {
      title: `${DOC.createTransitRouter.title}: 'You can create only one transit router instance in each region for a CEN instance'; ${DOC.cenFaq.title}`,
      url: DOC.createTransitRouter.url,
    },
  },
  vswitchZonesPerVpcAttachmentMultiZone: {
    name: "vSwitches in different zones a VPC attachment needs in a region where TRs support more than one zone (minimum)",
    value: 2,
    source: DOC.createVpcConnection,
  },
  vswitchZonesPerVpcAttachmentSingleZone: {
    name: "vSwitches a VPC attachment needs in a region where TRs support one zone (minimum)",
    value: 1,
    source: DOC.createVpcConnection,
  },
  zonesPerVpcAttachment: {
    name: "zones (ZoneMappings) in one VPC attachment (maximum)",
    value: 10,
    source: DOC.createVpcAttachment,
  },
  tagsPerCall: {
    name: "tags in one CreateTransitRouter* call (maximum)",
    value: 20,
    source: {
      title:
        "Python SDK alibabacloud-cbn20170912 1.4.0, CreateTransitRouter*Request.tag field comments ('You can specify at most 20 tags in each call.')",
      url: DOC.createVpcAttachment.url,
    },
  },
} as const satisfies Record<string, TrQuota>;

/** How an inter-region peer attachment's bandwidth is obtained and billed. */
export interface PeerBandwidthMode {
  /** The API value of BandwidthType (`bandwidth_type` in the provider). */
  readonly bandwidthType: "BandwidthPackage" | "DataTransfer";
  /** What `Bandwidth` (Mbit/s) means in this mode. */
  readonly bandwidthMeans: string;
  readonly billing: string;
  /** Who is charged. */
  readonly payer: string;
  /** What the account needs before the attachment works. */
  readonly accountNeeds: string;
  readonly sources: readonly FactSource[];
}

export const PEER_BANDWIDTH_MODES: readonly PeerBandwidthMode[] = [
  {
    bandwidthType: "DataTransfer",
    bandwidthMeans: "a throttling cap in Mbit/s; traffic is billed per GB transferred",
    billing:
      "pay-by-data-transfer, billed by Cloud Data Transfer (CDT) as outbound cross-region data transfer in each region; local (within or outside the Chinese mainland) and cross-border transfers are priced differently",
    payer:
      "the account that owns the transit router the traffic leaves: each TR is charged for its egress inter-region traffic, through CDT",
    accountNeeds: "Cloud Data Transfer activated",
    sources: [
      DOC.interRegionConnections,
      DOC.billingFaq,
      DOC.billing,
      DOC.cdtCrossRegion,
      DOC.createPeerAttachment,
      DOC.peerBandwidthTypeValues,
    ],
  },
  {
    bandwidthType: "BandwidthPackage",
    bandwidthMeans:
      "the maximum bandwidth in Mbit/s, allocated from a bandwidth plan associated with the CEN instance; without a plan the connection has only the free 1 Kbit/s testing bandwidth",
    billing: "subscription bandwidth plan, priced by bandwidth, duration and the pair of areas it connects",
    payer: "the account that buys the bandwidth plan",
    accountNeeds: "a CEN bandwidth plan bought and associated with the CEN instance (`cen_bandwidth_package_id`)",
    sources: [DOC.interRegionConnections, DOC.billing, DOC.createPeerAttachment, DOC.peerBandwidthTypeValues, DOC.peerPackageUnset],
  },
];

/** A charge of a transit-router network besides its inter-region bandwidth. */
export interface TrCharge {
  readonly name: string;
  /** What is counted. */
  readonly rule: string;
  /** Who is charged. */
  readonly payer: string;
  readonly sources: readonly FactSource[];
}

const TR_OWNER_PAYS =
  "the account that owns the transit router; for a VPC of another account, the account the grant names (the VPC's or the TR's)";

export const TR_CHARGES: readonly TrCharge[] = [
  {
    name: "connection fee",
    rule: "per intra-region connection (VPC, VBR, ECR or VPN attachment) and hour attached, also when everything is in one region",
    payer: TR_OWNER_PAYS,
    sources: [DOC.billing, DOC.billingFaq],
  },
  {
    name: "data processing fee",
    rule: "per GB entering the transit router from its intra-region connections",
    payer: TR_OWNER_PAYS,
    sources: [DOC.billing, DOC.billingFaq],
  },
];

/** One fact with its source. */
export interface SourcedFact {
  readonly fact: string;
  readonly source: FactSource;
}

/** Whether a TR writes its routes into what an attachment connects (the provider's `auto_publish_route_enabled`). */
export const TR_AUTO_PUBLISH: Readonly<Record<"vpc" | "vbr" | "peer", SourcedFact>> = {
  vpc: {
    fact: "a VPC attachment with auto_publish_route_enabled has the TR advertise routes into the VPC; off by default",
    source: DOC.vpcAutoPublish,
  },
  vbr: {
    fact: "a VBR attachment with auto_publish_route_enabled has the TR advertise routes to the VBR, which passes them to the data center over BGP; off by default",
    source: {
      title:
        "provider docs, alicloud_cen_transit_router_vbr_attachment: `auto_publish_route_enabled` advertises routes to the VBR (default false)",
      url: "website/docs/r/cen_transit_router_vbr_attachment.html.markdown:79",
    },
  },
  peer: {
    fact: "a peer attachment's auto_publish_route_enabled is off by default",
    source: {
      title: "provider docs, alicloud_cen_transit_router_peer_attachment: `auto_publish_route_enabled` (default false)",
      url: "website/docs/r/cen_transit_router_peer_attachment.html.markdown:99",
    },
  },
};

/** Version of the provider whose alicloud_vpn_gateway_vpn_attachment first takes tunnel options. */
export const VPN_ATTACHMENT_TUNNEL_OPTIONS_SINCE = "1.246.0";

/**
 * IPsec attached directly to a TR, and why offices stay on the VPCs' VPN gateways at the
 * pinned provider.
 */
export const TR_IPSEC: Readonly<
  Record<"dualTunnelOnly" | "pinnedHasNoTunnelOptions" | "tunnelOptionsSince" | "associationMode", SourcedFact>
> = {
  dualTunnelOnly: {
    fact: "new IPsec-VPN connections attached to a transit router are dual-tunnel; single-tunnel ones can no longer be created",
    source: DOC.trIpsecDualTunnel,
  },
  pinnedHasNoTunnelOptions: {
    fact: "alicloud_vpn_gateway_vpn_attachment at v1.240.0 has no tunnel options, so it cannot create a dual-tunnel connection for a TR",
    source: DOC.vpnAttachmentPinned,
  },
  tunnelOptionsSince: {
    fact: `alicloud_vpn_gateway_vpn_attachment takes tunnel_options_specification from provider ${VPN_ATTACHMENT_TUNNEL_OPTIONS_SINCE}`,
    source: DOC.vpnAttachmentTunnels,
  },
  associationMode: {
    fact: "Alibaba's guidance: one VPC, attach IPsec to a VPN gateway; several VPCs in one or more regions, attach it to a transit router",
    source: DOC.associationMode,
  },
};

/** Whether a kind of route is propagated into a TR route table by an attachment. */
export interface PropagationFact {
  readonly attachment: "vpc" | "vbr";
  readonly routes: string;
  readonly propagated: boolean;
  /** Whether it can be advertised (or withdrawn) by hand. */
  readonly manualAdvertise: boolean;
  readonly source: FactSource;
}

export const TR_PROPAGATION: readonly PropagationFact[] = [
  {
    attachment: "vpc",
    routes: "system routes of the VPC's system route table (its vSwitches' CIDR blocks)",
    propagated: true,
    manualAdvertise: true,
    source: DOC.routePropagation,
  },
  {
    attachment: "vpc",
    routes:
      "custom routes whose next hop is a VPN gateway, an ECS instance, an ENI, a HAVIP, a NAT gateway or an IPv4/IPv6 gateway (e.g. office ranges behind a VPC's VPN gateway)",
    propagated: false,
    manualAdvertise: true,
    source: DOC.routePropagation,
  },
  {
    attachment: "vpc",
    routes: "custom routes whose next hop is a transit router, a router interface, a VPC peering connection or an ECR",
    propagated: false,
    manualAdvertise: false,
    source: DOC.routePropagation,
  },
  {
    attachment: "vpc",
    routes: "routes in custom (non-system) route tables of the VPC, and routes that use a prefix list",
    propagated: false,
    manualAdvertise: false,
    source: DOC.routePropagation,
  },
  {
    attachment: "vbr",
    routes: "the VBR's routes (static routes and routes learned over BGP from the data center)",
    propagated: true,
    manualAdvertise: false,
    source: {
      title: `${DOC.routePropagation.title}: 'By default, CCN instances and VBRs propagate routes to the transit router to which they are connected. You cannot propagate or withdraw the routes of a CCN instance or a VBR.'`,
      url: DOC.routePropagation.url,
    },
  },
];

/** Facts this table would need but for which no citable source was found: not enforced. */
export const UNSOURCED_TR_FACTS: readonly string[] = [
  "TR zones for cn-beijing, cn-shenzhen, us-east-1 and eu-central-1 (the documented zone table could not be read past China (Shenzhen))",
  "VPC attachments per transit router",
  "route tables per transit router",
  "route entries (static and learned) per TR route table",
  "peer attachments per transit router",
  "VBR attachments per transit router",
  "minimum and maximum Bandwidth of a DataTransfer peer attachment",
  "whether a VPC attachment also propagates the VPC's whole CIDR block (the source names only the system routes, i.e. the vSwitch CIDR blocks)",
  "the date from which new IPsec-VPN connections attached to a TR must be dual-tunnel (the notice found is undated; November 2024 is given elsewhere and was not confirmed)",
  `whether provider ${VPN_ATTACHMENT_TUNNEL_OPTIONS_SINCE} or later attaches a dual-tunnel connection to a TR end to end (only its CHANGELOG entry was checked, no apply)`,
];

/** The facts of `region`, or undefined when the table does not know it. */
export function trRegion(region: string): RegionTrFacts | undefined {
  return TR_REGIONS.find((r) => r.region === region);
}

/**
 * Whether `zone` may carry a TR VPC attachment's vSwitch: true or false where the region's
 * zones are sourced, undefined where they are not (then nothing can be said).
 */
export function trSupportsZone(region: string, zone: string): boolean | undefined {
  const zones = trRegion(region)?.zones;
  return zones === undefined ? undefined : zones.includes(zone);
}

/**
 * How many vSwitches in distinct TR zones a VPC attachment in `region` needs, or undefined
 * when the region's zones are not sourced.
 */
export function vswitchZonesNeeded(region: string): number | undefined {
  const zones = trRegion(region)?.zones;
  if (zones === undefined) return undefined;
  return zones.length > 1 ? TR_QUOTAS.vswitchZonesPerVpcAttachmentMultiZone.value : TR_QUOTAS.vswitchZonesPerVpcAttachmentSingleZone.value;
}
