/**
 * The hybrid-network topology: plain data, no Terraform. Config files and the
 * TypeScript defaults in `config/` are values of {@link Topology}; `lib/topology`
 * validates them, plans every route table and checks reachability.
 *
 * IPv4 only. Names are the keys that links use to refer to networks, and they
 * become parts of construct ids, so keep them stable: renaming one replaces resources.
 */
import { IpsecPolicy } from "./ipsec";

/** Credentials by reference only. Access keys never appear in a topology. */
export interface CredentialsRef {
  /**
   * Profile in the Alibaba Cloud CLI config (`~/.aliyun/config.json`).
   * @default - the provider's default credential chain (environment variables, then profile)
   */
  readonly profile?: string;
  /**
   * RAM role to assume, `acs:ram::<uid>:role/<name>`.
   * @default - no role is assumed
   */
  readonly roleArn?: string;
  /**
   * Session name for `assume_role`.
   * @default "terraform"
   */
  readonly sessionName?: string;
}

export interface AccountSpec {
  /** Name that VPCs and IDCs refer to in `account` (2–40 characters of a-z, 0-9 and `-`). */
  readonly name: string;
  /**
   * Numeric account UID. A cross-account peering acceptor needs one, either here or
   * resolved at plan time through the acceptor provider's `alicloud_account` data
   * source (set `resolveUidAtPlan`).
   * @default - unknown until plan time
   */
  readonly uid?: string;
  /**
   * Look the UID up with `data.alicloud_account` through this account's provider.
   * @default false
   */
  readonly resolveUidAtPlan?: boolean;
  /**
   * How Terraform signs in for this account: a CLI profile and/or a RAM role to assume,
   * never keys.
   * @default - the provider's default credential chain
   */
  readonly credentials?: CredentialsRef;
}

export interface VSwitchSpec {
  /** vSwitch name, unique within its VPC; the VPN gateway and shared NAT refer to it. */
  readonly name: string;
  /** Zone ID of the VPC's region, in the region's spelling: `cn-shanghai-b`, `ap-southeast-1a` (zones.ts lists them). */
  readonly zone: string;
  /** IPv4 block inside the VPC's, /16 to /29, disjoint from its sibling vSwitches. */
  readonly cidr: string;
}

export enum VpnGatewayPaymentType {
  PAY_AS_YOU_GO = "PayAsYouGo",
  SUBSCRIPTION = "Subscription",
}

export interface VpnGatewaySpec {
  /** Public VPN gateway bandwidth in Mbit/s: 5, 10, 20, 50, 100, 200, 500 or 1000. */
  readonly bandwidth: number;
  /** Name of the VPC's vSwitch the gateway sits in. */
  readonly vswitch: string;
  /**
   * Second vSwitch, in another zone, for dual-tunnel IPsec connections (active and
   * standby tunnel). Required in regions whose new gateways are dual-tunnel, refused
   * elsewhere: see `DUAL_TUNNEL_VPN_REGIONS` in vpn-capabilities.ts for the regions,
   * zones and sources.
   * @default - none: single tunnel (only valid where the region has no dual-tunnel support)
   */
  readonly disasterRecoveryVswitch?: string;
  /** @default VpnGatewayPaymentType.PAY_AS_YOU_GO */
  readonly paymentType?: VpnGatewayPaymentType;
}

/** Which flow-log records to write (the provider's `traffic_type` values). */
export enum FlowLogTrafficType {
  ALL = "All",
  ALLOW = "Allow",
  DROP = "Drop",
}

/**
 * An opt-in flow log for one VPC, written to a Simple Log Service project and logstore
 * the stack creates. Billed for as long as it runs (see docs/operations.md, "Costs that matter").
 */
export interface FlowLogSpec {
  /**
   * Name of the SLS project the stack creates for this VPC's records: 3–63 characters,
   * lowercase letters, digits and hyphens, starting and ending with a letter or digit.
   * SLS project names are unique across Alibaba Cloud in a region, so pick your own.
   */
  readonly slsProject: string;
  /** @default FlowLogTrafficType.ALL */
  readonly trafficType?: FlowLogTrafficType;
  /** Days the logstore keeps records, 1–3650. @default 30 */
  readonly retentionDays?: number;
}

export interface VpcSpec {
  /** Network name, unique across vpcs, offices and idcs (2–40 characters of a-z, 0-9 and `-`). */
  readonly name: string;
  /** Name of an entry in `accounts`. */
  readonly account: string;
  /** Region ID the pinned provider knows, e.g. `us-east-1` or `cn-shanghai`. */
  readonly region: string;
  /** The VPC's IPv4 block, /8 to /28, outside the ranges the API reserves. */
  readonly cidr: string;
  /** The VPC's vSwitches (at least one). */
  readonly vswitches: readonly VSwitchSpec[];
  /** @default - no VPN gateway */
  readonly vpnGateway?: VpnGatewaySpec;
  /**
   * Flow log for the VPC (InfraGuard `vpc-flow-logs-enabled`, MLPS level 3).
   * @default - none: the VPC carries a recorded exemption stating the cost
   */
  readonly flowLog?: FlowLogSpec;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An office behind an IPsec customer gateway. */
export interface OfficeSpec {
  /** Network name, unique across vpcs, offices and idcs; a `vpn` link refers to it. */
  readonly name: string;
  /** The office gateway's static public IPv4 address. */
  readonly publicIp: string;
  /** The office's networks (disjoint IPv4 blocks): the IPsec connection's remote subnets. */
  readonly cidrs: readonly string[];
  /**
   * BGP ASN of the customer gateway (1–4294967295, not 45104).
   * @default - static routing
   */
  readonly asn?: number;
  /**
   * Refuse a design in which one single failure (a connection, a gateway, a line, an
   * interconnect) cuts this office off from any network the topology promises it reaches.
   * @default false
   */
  readonly redundant?: boolean;
}

export enum LineOperator {
  CHINA_TELECOM = "CT",
  CHINA_UNICOM = "CU",
  CHINA_MOBILE = "CM",
  OTHER_CHINA = "CO",
  EQUINIX = "Equinix",
  OTHER = "Other",
}

export enum PortType {
  PORT_100BASE_T = "100Base-T",
  PORT_1000BASE_T = "1000Base-T",
  PORT_1000BASE_LX = "1000Base-LX",
  PORT_10GBASE_T = "10GBase-T",
  PORT_10GBASE_LR = "10GBase-LR",
  PORT_40GBASE_LR = "40GBase-LR",
  PORT_100GBASE_LR = "100GBase-LR",
}

/** Order a new physical connection instead of referencing an installed one. */
export interface NewPhysicalConnectionSpec {
  /** The carrier of the line (the provider's `line_operator`). */
  readonly lineOperator: LineOperator;
  /** The port type at the access point (the provider's `port_type`). */
  readonly portType: PortType;
  /** Port bandwidth in Mbit/s. */
  readonly bandwidth: number;
  /** @default - none */
  readonly peerLocation?: string;
}

export interface LeasedLineSpec {
  /**
   * Access point ID, e.g. `ap-cn-beijing-ft-A` (an Alibaba Cloud access point) or a
   * partner access point from the Express Connect console. IDs end in an upper-case
   * site letter as the API returns them (DescribeAccessPoints, e.g. `ap-cn-hangzhou-yh-C`);
   * the router interfaces' `access_point_id` is ForceNew and Read writes the API's form
   * back, so another spelling would replace them on every plan.
   * @default - read from the installed line (`data.alicloud_express_connect_physical_connections`); required with `create`
   */
  readonly accessPointId?: string;
  /**
   * ID (`pc-…`) of the installed physical connection. Leased lines are ordered and
   * installed out of band, so this is the normal case.
   * @default - required unless `create` is set
   */
  readonly physicalConnectionId?: string;
  /** @default - reference `physicalConnectionId` instead of ordering a line */
  readonly create?: NewPhysicalConnectionSpec;
}

export interface VbrSpec {
  /** 0–2999. */
  readonly vlanId: number;
  /** Alibaba Cloud side IPv4 of the peering subnet. */
  readonly localGatewayIp: string;
  /** IDC side IPv4 of the peering subnet. */
  readonly peerGatewayIp: string;
  /** Dotted mask of the peering subnet, e.g. `255.255.255.252`. */
  readonly peeringSubnetMask: string;
  /** @default - the physical connection's bandwidth */
  readonly bandwidth?: number;
  /** BFD detect multiplier (3–10). @default 3 */
  readonly detectMultiplier?: number;
  /** BFD min receive interval in ms (200–1000). @default 1000 */
  readonly minRxInterval?: number;
  /** BFD min transmit interval in ms (200–1000). @default 1000 */
  readonly minTxInterval?: number;
}

export interface BgpSpec {
  /** The IDC router's ASN. */
  readonly peerAsn: number;
  /** @default 45104 (Alibaba Cloud's ASN) */
  readonly localAsn?: number;
  /** @default true */
  readonly enableBfd?: boolean;
  /**
   * BFD hop count (1–255), sent when BFD is on. The API requires it with BFD and
   * defaults to 255; Read writes it back while the attribute is not Computed
   * (alicloud/resource_alicloud_vpc_bgp_peer.go:30, :148), so it is always set. The
   * docs advise 1 for a direct fibre with no device in between (ALIYUN::VPC::BgpPeer).
   * @default 255
   */
  readonly bfdMultiHop?: number;
  /**
   * Authenticate the BGP session with an MD5 key, read from the sensitive variable
   * `bgp_auth_key_<idc>` (never from config).
   * @default true
   */
  readonly md5Auth?: boolean;
}

/** An on-premises data center behind a leased line and a VBR. */
export interface IdcSpec {
  /** Network name, unique across vpcs, offices and idcs; a `vbr` link refers to it. */
  readonly name: string;
  /** Account that owns the VBR. */
  readonly account: string;
  /** Region of the access point (and so of the VBR), e.g. `cn-beijing`. */
  readonly region: string;
  /** The IDC's networks (disjoint IPv4 blocks). */
  readonly cidrs: readonly string[];
  /** The physical connection: an installed line's ID, or a line to order. */
  readonly leasedLine: LeasedLineSpec;
  /** The virtual border router on the line: VLAN and peering subnet. */
  readonly vbr: VbrSpec;
  /** @default - static routes */
  readonly bgp?: BgpSpec;
  /**
   * Let VPCs attached to this VBR reach each other through it.
   * @default false
   */
  readonly allowVpcTransit?: boolean;
  /**
   * More leased lines, each with its own VBR (a second access point for redundancy). The
   * fields above are the first line, named after the IDC.
   * @default - none
   */
  readonly additionalLines?: readonly IdcLineSpec[];
  /**
   * Refuse a design in which one single failure cuts this data center off from any
   * network the topology promises it reaches.
   * @default false
   */
  readonly redundant?: boolean;
  /**
   * The first line's health check on a transit router (`alicloud_cen_vbr_health_check`):
   * withdraws the line's routes from the TR when the probe fails. A line on a transit
   * router next to other lines of its IDC needs either this or `bgp`.
   * @default - none
   */
  readonly healthCheck?: VbrHealthCheckSpec;
  /**
   * An IPsec-VPN connection from the data center to a *transit VPC*'s VPN gateway as backup
   * of its leased line(s), for an IDC on a transit-router link: the transit router holds
   * a route to each IDC range's supernet one bit shorter through the transit VPC, which the
   * line's more specific route overrides while the line is up. Refused over router
   * interfaces, where no documented mechanism moves a VPC's traffic from the line to the
   * VPN (docs/redundancy.md, "A VPN link as backup of a leased line").
   * @default - none
   */
  readonly vpnBackup?: IdcVpnBackupSpec;
}

/** The data center's IPsec side of a VPN backup: the transit VPC whose gateway it connects to, and its device. */
export interface IdcVpnBackupSpec {
  /**
   * The transit VPC whose VPN gateway terminates the connection: on the IDC's
   * transit-router link, in the IDC's region, best with no workloads (it sends the IDC's
   * ranges to the tunnel only).
   */
  readonly vpc: string;
  /** Public IPv4 address of the data center's VPN device (its customer gateway). */
  readonly publicIp: string;
}

/**
 * Probes from a VBR on a transit router to the data center; the line's routes are
 * withdrawn from the TR when they fail (provider
 * alicloud/resource_alicloud_cen_vbr_health_check.go:30-66, v1.240.0).
 */
export interface VbrHealthCheckSpec {
  /** Source address of the probe: an unused address on the VBR side. */
  readonly sourceIp: string;
  /** Address in the data center that answers. */
  readonly targetIp: string;
  /** Seconds between probes (2–3). @default 2 */
  readonly intervalSeconds?: number;
  /** Failed probes before the line is down (3–8). @default 8 */
  readonly threshold?: number;
}

/** A data center's further leased line: its own physical connection, VBR and BGP session. */
export interface IdcLineSpec {
  /** Line name, unique within the IDC and not the IDC's own name; names the line's VBR. */
  readonly name: string;
  /** The physical connection: an installed line's ID, or a line to order. */
  readonly leasedLine: LeasedLineSpec;
  /** The virtual border router on the line: VLAN and peering subnet. */
  readonly vbr: VbrSpec;
  /** @default - static routes */
  readonly bgp?: BgpSpec;
  /**
   * On a transit router: the line's health check (`alicloud_cen_vbr_health_check`).
   * @default - none
   */
  readonly healthCheck?: VbrHealthCheckSpec;
}

export enum PeeringLinkType {
  PLATINUM = "Platinum",
  GOLD = "Gold",
  SILVER = "Silver",
}

/** VPC peering: same or cross region, same or cross account. */
export interface PeeringLinkSpec {
  /** Link kind: `"peering"`. */
  readonly kind: "peering";
  /** Link name, unique among links; it names the link's resources. */
  readonly name: string;
  /** VPC that creates the peer connection. */
  readonly requester: string;
  /** VPC that accepts it. */
  readonly acceptor: string;
  /**
   * Mbit/s, cross-region only (same-region peering is free and unmetered).
   * @default - the provider's default for cross-region links
   */
  readonly bandwidth?: number;
  /** Cross-region only. @default - Gold, the provider's default */
  readonly linkType?: PeeringLinkType;
}

export enum RouterInterfaceSpecification {
  MINI_2 = "Mini.2",
  MINI_5 = "Mini.5",
  SMALL_1 = "Small.1",
  SMALL_2 = "Small.2",
  SMALL_5 = "Small.5",
  MIDDLE_1 = "Middle.1",
  MIDDLE_2 = "Middle.2",
  MIDDLE_5 = "Middle.5",
  LARGE_1 = "Large.1",
  LARGE_2 = "Large.2",
  LARGE_5 = "Large.5",
  XLARGE_1 = "Xlarge.1",
}

/** A router-interface pair between two VPCs (Express Connect VPC interconnection). */
export interface RouterInterfaceLinkSpec {
  /** Link kind: `"router-interface"`. */
  readonly kind: "router-interface";
  /** Link name, unique among links; it names the link's resources. */
  readonly name: string;
  /** Initiating side VPC. */
  readonly from: string;
  /** Accepting side VPC. */
  readonly to: string;
  /** @default RouterInterfaceSpecification.LARGE_2 */
  readonly spec?: RouterInterfaceSpecification;
}

export interface HealthCheckSpec {
  /** Unused address in the VPC used as the probe source. */
  readonly sourceIp: string;
  /** Address in the IDC that answers the probe. */
  readonly targetIp: string;
  /** Probe interval in ms. @default 2000 */
  readonly rateMs?: number;
  /** Failed probes before the link is down. @default 8 */
  readonly threshold?: number;
}

/** A router-interface pair between an IDC's VBR and a VPC, in fast-link mode. */
export interface VbrLinkSpec {
  /** Link kind: `"vbr"`. */
  readonly kind: "vbr";
  /** Link name, unique among links; it names the link's resources. */
  readonly name: string;
  /** The IDC whose VBR initiates the router-interface pair. */
  readonly idc: string;
  /** The VPC it connects to. */
  readonly vpc: string;
  /**
   * Which of the IDC's lines this pair starts from (a name in `additionalLines`).
   * @default - the IDC's first line
   */
  readonly line?: string;
  /** @default RouterInterfaceSpecification.LARGE_2 */
  readonly spec?: RouterInterfaceSpecification;
  /** @default - no health check */
  readonly healthCheck?: HealthCheckSpec;
}

/** Probes across an IPsec tunnel; the connection is marked down when they fail. */
export interface IpsecHealthCheckSpec {
  /** Source address, inside the VPC. */
  readonly sourceIp: string;
  /** Address that answers, inside the office's networks. */
  readonly destinationIp: string;
  /** Seconds between probes (1–60). @default 3 */
  readonly interval?: number;
  /** Failed probes before the tunnel is down (1–100). @default 3 */
  readonly retry?: number;
}

/** An IPsec connection from an office to a VPC's VPN gateway. */
export interface VpnLinkSpec {
  /** Link kind: `"vpn"`. */
  readonly kind: "vpn";
  /** Link name, unique among links; it names the link's resources. */
  readonly name: string;
  /** The office at the customer-gateway end. */
  readonly office: string;
  /** The VPC whose VPN gateway terminates the connection (it needs `vpnGateway`). */
  readonly vpc: string;
  /** @default - DEFAULT_IPSEC_POLICY (IKEv2, AES-256, SHA-256, DH group 14) */
  readonly ipsec?: IpsecPolicy;
  /** @default - no health check */
  readonly healthCheck?: IpsecHealthCheckSpec;
  /**
   * The link's role on its gateway. A standby link's destination routes carry weight 0:
   * the gateway uses them only while the office's active connection on the same gateway
   * is down (weight 100 active, 0 standby: provider
   * alicloud/resource_alicloud_vpn_route_entry.go `weight`).
   * @default "active"
   */
  readonly role?: VpnLinkRole;
  /**
   * The office device terminating this link: its static public IPv4.
   * @default - the office's publicIp
   */
  readonly publicIp?: string;
  /**
   * A second office device that ends the connection's slave tunnel (a gateway in a
   * dual-tunnel region only): its static public IPv4. The master tunnel ends on
   * `publicIp` and the slave tunnel on this device, each tunnel naming its own customer
   * gateway (CreateVpnConnection, TunnelOptionsSpecification.N.CustomerGatewayId), so the
   * connection survives the loss of either device.
   * @default - both tunnels end on the link's device (`publicIp`)
   */
  readonly slaveTunnelPublicIp?: string;
}

/** The role of one of an office's VPN links on its gateway. */
export type VpnLinkRole = "active" | "standby";

/** A hub VPC's NAT gateway serving the hub and spoke VPCs (seed 000). */
export interface SharedNatSpec {
  /** Link kind: `"shared-nat"`. */
  readonly kind: "shared-nat";
  /** Link name, unique among links; it names the link's resources. */
  readonly name: string;
  /** The VPC that holds the NAT gateway and its EIP. */
  readonly hub: string;
  /** Hub vSwitch the enhanced NAT gateway sits in. */
  readonly vswitch: string;
  /** Spoke VPCs; each must be linked to the hub by peering or a router-interface pair. */
  readonly spokes: readonly string[];
  /** EIP bandwidth in Mbit/s (1–500 pay-by-traffic). @default 5 */
  readonly eipBandwidth?: number;
}

/**
 * VPCs (and IDCs' VBRs) joined through one CEN instance: one Enterprise Edition transit
 * router per region, inter-region peer attachments between them (full mesh). At most one
 * per topology.
 */
export interface TransitRouterLinkSpec {
  /** Link kind: `"transit-router"`. */
  readonly kind: "transit-router";
  /** Link name; names the CEN instance and the TR resources. */
  readonly name: string;
  /** VPCs attached, each to the TR of its region (at least one). */
  readonly vpcs: readonly string[];
  /**
   * IDCs whose VBR is attached to the TR of the IDC's region (an IDC here has no `vbr`
   * link). As on VBR router interfaces, the link's VPCs then reach each other only when
   * every one of these IDCs sets `allowVpcTransit`.
   * @default []
   */
  readonly idcs?: readonly string[];
  /** Mbit/s of each inter-region peer attachment (pay-by-data-transfer). @default 10 */
  readonly peerBandwidth?: number;
  /**
   * The TRs, one per region, when you want to name them. Two in one region are refused
   * (one TR per region per CEN instance: TR_QUOTAS in transit-router-facts.ts).
   * @default - one per region of the attached VPCs and IDCs, named `<link>-<region>`
   */
  readonly routers?: readonly TransitRouterSpec[];
}

/** One transit router of a `transit-router` link. */
export interface TransitRouterSpec {
  /** Region of the TR; a region of an attached VPC or IDC. */
  readonly region: string;
  /** The TR's name (`transit_router_name`) and its route table's. @default - `<link>-<region>` */
  readonly name?: string;
}

/** How the seed hub joins its VPCs (`HUB_INTERCONNECT`, context `hubInterconnect`). */
export type HubInterconnectKind = "router-interface" | "peering" | "transit-router";

/** How the seed data center reaches its VPCs (`IDC_INTERCONNECT`, context `idcInterconnect`). */
export type IdcInterconnectKind = "vbr" | "transit-router";

export type LinkSpec = PeeringLinkSpec | RouterInterfaceLinkSpec | VbrLinkSpec | VpnLinkSpec | SharedNatSpec | TransitRouterLinkSpec;

export type LinkKind = LinkSpec["kind"];

export interface Topology {
  /** Used as the root of every error path and as the stack's base name. */
  readonly name: string;
  /** Alibaba Cloud accounts; each gets a provider per region it uses. */
  readonly accounts: readonly AccountSpec[];
  /** The VPCs (at least one). */
  readonly vpcs: readonly VpcSpec[];
  /** Branch offices reached over IPsec VPN. @default [] */
  readonly offices?: readonly OfficeSpec[];
  /** On-premises data centers on a leased line and a VBR. @default [] */
  readonly idcs?: readonly IdcSpec[];
  /** Connections between networks, told apart by `kind`; every office and IDC needs one. */
  readonly links: readonly LinkSpec[];
  /** Tags on every taggable resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Summarize routes and security-group sources exactly: two sibling prefixes with the
   * same next hop become their parent (a route table holds at most 200 custom routes
   * and a security group 200 rules by default, so this is what lets a region hold
   * hundreds of offices with contiguous ranges). Opt-in because it is not stable: an
   * office added next to an existing one merges with it, which replaces the live /24
   * route with a /23 (destroy, then create). `npm run netdiff` marks such replacements
   * as outage risks.
   * @default false
   */
  readonly summarize?: boolean;
  /**
   * Quotas Alibaba Cloud raised for your account (Quota Center), where they are
   * adjustable; see QUOTAS in quotas.ts for the defaults and sources.
   * @default - the default quotas
   */
  readonly quotas?: QuotaOverrides;
}

/** Raised quotas. */
export interface QuotaOverrides {
  /** Custom route entries per route table. @default 200 */
  readonly routeEntriesPerTable?: number;
}
