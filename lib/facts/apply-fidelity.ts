/**
 * What the real Alibaba Cloud API and the pinned provider (aliyun/alicloud v1.240.0) do
 * after `plan`, as data: each finding with its source (provider file:line, or the API
 * documentation) and how this project handles it. Tests read this data and check every
 * synthesized stack against it (__tests__/facts/apply-fidelity.test.ts); the README's
 * troubleshooting section is generated from it (scripts/facts-doc.ts); and
 * scripts/audit-provider.js checks READ_DRIFT against the provider's Go source, so an
 * attribute the next provider version adds cannot go unrecorded.
 *
 * Pure data: no Terraform, no cdktf.
 */

/** How an attribute that Read writes, while it is Optional and not Computed, is kept from drifting. */
export type ReadDriftHandling =
  /** Every emitted instance sets it, to the value the API keeps. */
  | "set"
  /** Every emitted instance lists it in `lifecycle.ignore_changes`. */
  | "ignored"
  /** Each emitted instance either sets it or ignores it. */
  | "set-or-ignored"
  /** Left unset: the API reports the zero value when the request omitted it (the reason says why). */
  | "zero-when-unset"
  /** The provider's own Default or DiffSuppressFunc keeps it quiet. */
  | "provider-suppresses"
  /** Read writes it only from the configuration. */
  | "read-echoes-config"
  /** No scenario emits the type (a type forks commonly add): the reason says what a fork must do. */
  | "not-emitted"
  /**
   * Emitted only when a topology opts in (the default scenarios leave it off); the reason
   * names the construct that sets or ignores it, and that construct's test checks it.
   */
  | "opt-in";

export interface ReadDriftFinding {
  /** Resource type. */
  readonly resource: string;
  /** Attribute path, nested blocks joined with dots. */
  readonly attribute: string;
  /** ForceNew: drift means a replacement, not an update. */
  readonly forceNew: boolean;
  /** The schema entry in the provider source, `alicloud/<file>.go:<line>`. */
  readonly source: string;
  readonly handling: ReadDriftHandling;
  readonly reason: string;
}

/**
 * Every Optional, non-Computed attribute of the 32 types in schema/types.json that the
 * resource's Read writes. Unhandled, each is a perpetual diff (or, when ForceNew, a
 * replacement on every plan) for a configuration that leaves it unset.
 */
export const READ_DRIFT: readonly ReadDriftFinding[] = [
  { resource: "alicloud_vpc", attribute: "classic_link_enabled", forceNew: false, source: "alicloud/resource_alicloud_vpc.go:35", handling: "zero-when-unset",
    reason: "ClassicLink is off until EnableVpcClassicLink; DescribeVpcAttribute reports ClassicLinkEnabled=false" },
  { resource: "alicloud_vpc", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_vpc.go:43", handling: "set",
    reason: "VpcNetwork sets a description" },
  { resource: "alicloud_vpc", attribute: "enable_ipv6", forceNew: false, source: "alicloud/resource_alicloud_vpc.go:57", handling: "zero-when-unset",
    reason: "IPv6 is off unless enabled; Read writes it only when EnabledIpv6 is reported (false here)" },
  { resource: "alicloud_vpc", attribute: "system_route_table_description", forceNew: false, source: "alicloud/resource_alicloud_vpc.go:128", handling: "zero-when-unset",
    reason: "the system route table has no description until ModifyRouteTableAttributes sets one" },
  { resource: "alicloud_vpc", attribute: "system_route_table_name", forceNew: false, source: "alicloud/resource_alicloud_vpc.go:132", handling: "zero-when-unset",
    reason: "the system route table has no name until ModifyRouteTableAttributes sets one" },
  { resource: "alicloud_vswitch", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_vswitch.go:44", handling: "zero-when-unset",
    reason: "the API stores the request's value and reports an empty string when none was sent; the SDK treats an unset string and \"\" alike" },
  { resource: "alicloud_vswitch", attribute: "enable_ipv6", forceNew: false, source: "alicloud/resource_alicloud_vswitch.go:48", handling: "read-echoes-config",
    reason: "Read writes it only when the configuration has it (GetOkExists guard)" },
  { resource: "alicloud_route_entry", attribute: "destination_cidrblock", forceNew: true, source: "alicloud/resource_alicloud_route_entry.go:27", handling: "set",
    reason: "every planned route has a destination" },
  { resource: "alicloud_route_entry", attribute: "nexthop_type", forceNew: true, source: "alicloud/resource_alicloud_route_entry.go:32", handling: "set",
    reason: "every planned route names its next-hop type" },
  { resource: "alicloud_route_entry", attribute: "nexthop_id", forceNew: true, source: "alicloud/resource_alicloud_route_entry.go:37", handling: "set",
    reason: "every planned route names its next hop" },
  { resource: "alicloud_route_entry", attribute: "name", forceNew: true, source: "alicloud/resource_alicloud_route_entry.go:42", handling: "set",
    reason: "RouteTableEntries names every entry" },
  { resource: "alicloud_route_entry", attribute: "description", forceNew: true, source: "alicloud/resource_alicloud_route_entry.go:48", handling: "zero-when-unset",
    reason: "the API stores the request's value and reports an empty string when none was sent; the SDK treats an unset string and \"\" alike" },
  { resource: "alicloud_security_group", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_security_group.go:35", handling: "set",
    reason: "NetworkSecurityGroup describes what it admits" },
  { resource: "alicloud_security_group", attribute: "resource_group_id", forceNew: false, source: "alicloud/resource_alicloud_security_group.go:50", handling: "ignored",
    reason: "Read reports the account's default resource group when none was given" },
  { resource: "alicloud_security_group_rule", attribute: "policy", forceNew: true, source: "alicloud/resource_alicloud_security_group_rule.go:49", handling: "set",
    reason: "every rule says accept" },
  { resource: "alicloud_security_group_rule", attribute: "priority", forceNew: true, source: "alicloud/resource_alicloud_security_group_rule.go:56", handling: "set",
    reason: "every rule sets its priority" },
  { resource: "alicloud_security_group_rule", attribute: "cidr_ip", forceNew: true, source: "alicloud/resource_alicloud_security_group_rule.go:63", handling: "set",
    reason: "every rule admits a CIDR" },
  { resource: "alicloud_security_group_rule", attribute: "ipv6_cidr_ip", forceNew: true, source: "alicloud/resource_alicloud_security_group_rule.go:69", handling: "zero-when-unset",
    reason: "an IPv4 CIDR rule has no IPv6 source; the API reports an empty string" },
  { resource: "alicloud_security_group_rule", attribute: "source_security_group_id", forceNew: true, source: "alicloud/resource_alicloud_security_group_rule.go:75", handling: "zero-when-unset",
    reason: "a CIDR rule has no source group; the API reports an empty string" },
  { resource: "alicloud_security_group_rule", attribute: "source_group_owner_account", forceNew: true, source: "alicloud/resource_alicloud_security_group_rule.go:81", handling: "zero-when-unset",
    reason: "a CIDR rule has no source group owner; the API reports an empty string" },
  { resource: "alicloud_security_group_rule", attribute: "port_range", forceNew: true, source: "alicloud/resource_alicloud_security_group_rule.go:93", handling: "set",
    reason: "every rule sets its port range" },
  { resource: "alicloud_security_group_rule", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_security_group_rule.go:107", handling: "set",
    reason: "every rule names the network it admits" },
  { resource: "alicloud_vpc_peer_connection", attribute: "accepting_ali_uid", forceNew: true, source: "alicloud/resource_alicloud_vpc_peer_connection.go:31", handling: "set",
    reason: "CreateVpcPeerConnection takes the caller's own UID for a same-account peering; unset, every plan replaced the peering (issue 11, finding 3)" },
  { resource: "alicloud_express_connect_router_interface", attribute: "access_point_id", forceNew: true, source: "alicloud/resource_alicloud_express_connect_router_interface.go:31", handling: "zero-when-unset",
    reason: "set on a VBR's interface (read from the line); a VRouter interface has no access point and the API reports an empty string" },
  { resource: "alicloud_express_connect_router_interface", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_express_connect_router_interface.go:64", handling: "set",
    reason: "both interfaces are described" },
  { resource: "alicloud_express_connect_router_interface", attribute: "hc_rate", forceNew: false, source: "alicloud/resource_alicloud_express_connect_router_interface.go:76", handling: "set-or-ignored",
    reason: "set with a health check; the API reports its default rate otherwise (issue 11, finding 4)" },
  { resource: "alicloud_express_connect_router_interface", attribute: "hc_threshold", forceNew: false, source: "alicloud/resource_alicloud_express_connect_router_interface.go:80", handling: "set-or-ignored",
    reason: "set with a health check; the API reports its default threshold otherwise (issue 11, finding 4)" },
  { resource: "alicloud_express_connect_router_interface", attribute: "health_check_source_ip", forceNew: false, source: "alicloud/resource_alicloud_express_connect_router_interface.go:84", handling: "zero-when-unset",
    reason: "no health check: the API reports an empty string" },
  { resource: "alicloud_express_connect_router_interface", attribute: "health_check_target_ip", forceNew: false, source: "alicloud/resource_alicloud_express_connect_router_interface.go:88", handling: "zero-when-unset",
    reason: "no health check: the API reports an empty string" },
  { resource: "alicloud_express_connect_router_interface", attribute: "opposite_access_point_id", forceNew: true, source: "alicloud/resource_alicloud_express_connect_router_interface.go:92", handling: "zero-when-unset",
    reason: "set towards a VBR; a VRouter opposite has no access point and the API reports an empty string" },
  { resource: "alicloud_express_connect_router_interface", attribute: "opposite_interface_id", forceNew: false, source: "alicloud/resource_alicloud_express_connect_router_interface.go:105", handling: "ignored",
    reason: "filled once the pair is connected; the connection resources own the pairing (issue 11, finding 4)" },
  { resource: "alicloud_express_connect_router_interface", attribute: "opposite_interface_owner_id", forceNew: false, source: "alicloud/resource_alicloud_express_connect_router_interface.go:109", handling: "ignored",
    reason: "filled once the pair is connected (issue 11, finding 4)" },
  { resource: "alicloud_express_connect_router_interface", attribute: "opposite_router_id", forceNew: false, source: "alicloud/resource_alicloud_express_connect_router_interface.go:126", handling: "set",
    reason: "both interfaces name the opposite router" },
  { resource: "alicloud_express_connect_router_interface", attribute: "payment_type", forceNew: true, source: "alicloud/resource_alicloud_express_connect_router_interface.go:140", handling: "set",
    reason: "PayAsYouGo on both interfaces" },
  { resource: "alicloud_express_connect_router_interface", attribute: "router_interface_name", forceNew: false, source: "alicloud/resource_alicloud_express_connect_router_interface.go:185", handling: "set",
    reason: "both interfaces are named" },
  { resource: "alicloud_router_interface_connection", attribute: "opposite_router_type", forceNew: true, source: "alicloud/resource_alicloud_router_interface_connection.go:35", handling: "provider-suppresses",
    reason: "Default VRouter with a DiffSuppressFunc that suppresses the diff unless opposite_interface_owner_id changes" },
  { resource: "alicloud_express_connect_physical_connection", attribute: "port_type", forceNew: true, source: "alicloud/resource_alicloud_express_connect_physical_connection.go:42", handling: "set",
    reason: "a line ordered with `create` names its port type" },
  { resource: "alicloud_express_connect_physical_connection", attribute: "circuit_code", forceNew: false, source: "alicloud/resource_alicloud_express_connect_physical_connection.go:53", handling: "zero-when-unset",
    reason: "the operator's circuit code is empty until given; the API reports an empty string" },
  { resource: "alicloud_express_connect_physical_connection", attribute: "redundant_physical_connection_id", forceNew: true, source: "alicloud/resource_alicloud_express_connect_physical_connection.go:62", handling: "zero-when-unset",
    reason: "no redundant line: the API reports an empty string" },
  { resource: "alicloud_express_connect_physical_connection", attribute: "physical_connection_name", forceNew: false, source: "alicloud/resource_alicloud_express_connect_physical_connection.go:67", handling: "set",
    reason: "a line ordered with `create` is named" },
  { resource: "alicloud_express_connect_physical_connection", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_express_connect_physical_connection.go:71", handling: "set",
    reason: "a line ordered with `create` is described" },
  { resource: "alicloud_express_connect_virtual_border_router", attribute: "circuit_code", forceNew: false, source: "alicloud/resource_alicloud_express_connect_virtual_border_router.go:37", handling: "zero-when-unset",
    reason: "the VBR's circuit code is empty until given; the API reports an empty string" },
  { resource: "alicloud_express_connect_virtual_border_router", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_express_connect_virtual_border_router.go:41", handling: "set",
    reason: "the VBR is described" },
  { resource: "alicloud_express_connect_virtual_border_router", attribute: "local_ipv6_gateway_ip", forceNew: false, source: "alicloud/resource_alicloud_express_connect_virtual_border_router.go:60", handling: "zero-when-unset",
    reason: "IPv6 is not enabled on the VBR; the API reports an empty string" },
  { resource: "alicloud_express_connect_virtual_border_router", attribute: "peer_ipv6_gateway_ip", forceNew: false, source: "alicloud/resource_alicloud_express_connect_virtual_border_router.go:80", handling: "zero-when-unset",
    reason: "IPv6 is not enabled on the VBR; the API reports an empty string" },
  { resource: "alicloud_express_connect_virtual_border_router", attribute: "peering_ipv6_subnet_mask", forceNew: false, source: "alicloud/resource_alicloud_express_connect_virtual_border_router.go:84", handling: "zero-when-unset",
    reason: "IPv6 is not enabled on the VBR; the API reports an empty string" },
  { resource: "alicloud_express_connect_virtual_border_router", attribute: "virtual_border_router_name", forceNew: false, source: "alicloud/resource_alicloud_express_connect_virtual_border_router.go:107", handling: "set",
    reason: "the VBR is named" },
  { resource: "alicloud_vpc_bgp_group", attribute: "auth_key", forceNew: false, source: "alicloud/resource_alicloud_vpc_bgp_group.go:32", handling: "set",
    reason: "set from a sensitive variable (MD5 is on by default); with md5Auth false the API reports an empty key, equal to unset" },
  { resource: "alicloud_vpc_bgp_group", attribute: "bgp_group_name", forceNew: false, source: "alicloud/resource_alicloud_vpc_bgp_group.go:36", handling: "set",
    reason: "the BGP group is named" },
  { resource: "alicloud_vpc_bgp_group", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_vpc_bgp_group.go:41", handling: "set",
    reason: "the BGP group is described" },
  { resource: "alicloud_vpc_bgp_peer", attribute: "bfd_multi_hop", forceNew: false, source: "alicloud/resource_alicloud_vpc_bgp_peer.go:30", handling: "set",
    reason: "required with BFD and defaulted to 255 by the API (ALIYUN::VPC::BgpPeer docs); set, 255 unless configured" },
  { resource: "alicloud_vpc_bgp_peer", attribute: "enable_bfd", forceNew: false, source: "alicloud/resource_alicloud_vpc_bgp_peer.go:50", handling: "set",
    reason: "BFD is on by default and always sent" },
  { resource: "alicloud_vpn_gateway", attribute: "auto_propagate", forceNew: false, source: "alicloud/resource_alicloud_vpn_gateway.go:38", handling: "set",
    reason: "sent only on HasChange after create (resource_alicloud_vpn_gateway.go:333), so true, the value that cannot drift" },
  { resource: "alicloud_vpn_gateway", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_vpn_gateway.go:55", handling: "set",
    reason: "the gateway is described" },
  { resource: "alicloud_vpn_gateway", attribute: "enable_ipsec", forceNew: false, source: "alicloud/resource_alicloud_vpn_gateway.go:64", handling: "set",
    reason: "IPsec is on" },
  { resource: "alicloud_vpn_gateway", attribute: "enable_ssl", forceNew: false, source: "alicloud/resource_alicloud_vpn_gateway.go:69", handling: "set",
    reason: "SSL-VPN is off" },
  { resource: "alicloud_vpn_customer_gateway", attribute: "asn", forceNew: true, source: "alicloud/resource_alicloud_vpn_customer_gateway.go:31", handling: "set-or-ignored",
    reason: "set when the office has an ASN; otherwise ignored, since a reported value would replace the gateway (ForceNew)" },
  { resource: "alicloud_vpn_customer_gateway", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_vpn_customer_gateway.go:46", handling: "set",
    reason: "each customer gateway is described" },
  { resource: "alicloud_vpn_connection", attribute: "customer_gateway_id", forceNew: true, source: "alicloud/resource_alicloud_vpn_connection.go:75", handling: "set-or-ignored",
    reason: "set on a single-tunnel connection; a dual-tunnel one names its gateways per tunnel and ignores the top-level field Read fills" },
  { resource: "alicloud_vpn_connection", attribute: "effect_immediately", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:80", handling: "set",
    reason: "true on every connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:252", handling: "zero-when-unset",
    reason: "a single-tunnel connection has no tunnel options (the API reports none); a dual-tunnel one sets both tunnels" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.role", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:257", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ike_config", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:265", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ike_config.ike_auth_alg", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:271", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ike_config.local_id", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:275", handling: "ignored",
    reason: "the API fills the tunnel's and the customer gateway's IP (CreateVpnConnection TunnelIkeConfig.LocalId/RemoteId defaults)" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ike_config.ike_enc_alg", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:279", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ike_config.ike_version", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:283", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ike_config.ike_mode", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:287", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ike_config.ike_lifetime", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:291", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ike_config.psk", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:295", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ike_config.remote_id", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:299", handling: "ignored",
    reason: "the API fills the tunnel's and the customer gateway's IP (CreateVpnConnection TunnelIkeConfig.LocalId/RemoteId defaults)" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ike_config.ike_pfs", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:303", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.customer_gateway_id", forceNew: true, source: "alicloud/resource_alicloud_vpn_connection.go:310", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_bgp_config", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:319", handling: "ignored",
    reason: "no tunnel BGP: the whole block is ignored per tunnel, whatever the API reports" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_bgp_config.local_asn", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:325", handling: "ignored",
    reason: "no tunnel BGP: the whole block is ignored per tunnel, whatever the API reports" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_bgp_config.tunnel_cidr", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:329", handling: "ignored",
    reason: "no tunnel BGP: the whole block is ignored per tunnel, whatever the API reports" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_bgp_config.local_bgp_ip", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:345", handling: "ignored",
    reason: "no tunnel BGP: the whole block is ignored per tunnel, whatever the API reports" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.enable_nat_traversal", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:356", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ipsec_config", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:364", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ipsec_config.ipsec_pfs", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:370", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ipsec_config.ipsec_enc_alg", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:374", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ipsec_config.ipsec_auth_alg", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:378", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.tunnel_ipsec_config.ipsec_lifetime", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:382", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_vpn_connection", attribute: "tunnel_options_specification.enable_dpd", forceNew: false, source: "alicloud/resource_alicloud_vpn_connection.go:389", handling: "set",
    reason: "both tunnels set it on a dual-tunnel connection" },
  { resource: "alicloud_nat_gateway", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_nat_gateway.go:32", handling: "set",
    reason: "the NAT gateway says whom it serves" },
  { resource: "alicloud_nat_gateway", attribute: "vswitch_id", forceNew: false, source: "alicloud/resource_alicloud_nat_gateway.go:158", handling: "set",
    reason: "the NAT gateway sits in a configured vSwitch" },
  { resource: "alicloud_nat_gateway", attribute: "private_link_enabled", forceNew: true, source: "alicloud/resource_alicloud_nat_gateway.go:192", handling: "zero-when-unset",
    reason: "PrivateLink is off unless enabled; the API reports false" },
  { resource: "alicloud_eip_address", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_eip_address.go:65", handling: "set",
    reason: "the EIP is described" },
  { resource: "alicloud_eip_address", attribute: "log_project", forceNew: false, source: "alicloud/resource_alicloud_eip_address.go:96", handling: "zero-when-unset",
    reason: "no SLS logging configured: the API reports an empty string" },
  { resource: "alicloud_eip_address", attribute: "log_store", forceNew: false, source: "alicloud/resource_alicloud_eip_address.go:100", handling: "zero-when-unset",
    reason: "no SLS logging configured: the API reports an empty string" },
  { resource: "alicloud_eip_address", attribute: "public_ip_address_pool_id", forceNew: true, source: "alicloud/resource_alicloud_eip_address.go:135", handling: "zero-when-unset",
    reason: "the EIP comes from the general pool: the API reports an empty string" },
  { resource: "alicloud_eip_address", attribute: "security_protection_types", forceNew: true, source: "alicloud/resource_alicloud_eip_address.go:145", handling: "zero-when-unset",
    reason: "basic DDoS protection only: the API reports an empty list" },
  { resource: "alicloud_eip_association", attribute: "private_ip_address", forceNew: true, source: "alicloud/resource_alicloud_eip_association.go:57", handling: "ignored",
    reason: "not applicable to a NAT binding; a reported value must not replace the binding (ForceNew)" },
  { resource: "alicloud_eip_association", attribute: "vpc_id", forceNew: true, source: "alicloud/resource_alicloud_eip_association.go:62", handling: "ignored",
    reason: "not applicable to a NAT binding; a reported value must not replace the binding (ForceNew)" },
  { resource: "alicloud_snat_entry", attribute: "snat_entry_name", forceNew: false, source: "alicloud/resource_alicloud_snat_entry.go:34", handling: "set",
    reason: "every SNAT entry is named" },
  { resource: "alicloud_instance", attribute: "password", forceNew: false, source: "alicloud/resource_alicloud_instance.go:121", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "system_disk_auto_snapshot_policy_id", forceNew: false, source: "alicloud/resource_alicloud_instance.go:185", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "system_disk_storage_cluster_id", forceNew: true, source: "alicloud/resource_alicloud_instance.go:189", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "system_disk_kms_key_id", forceNew: true, source: "alicloud/resource_alicloud_instance.go:200", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "network_card_index", forceNew: true, source: "alicloud/resource_alicloud_instance.go:221", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "queue_pair_number", forceNew: true, source: "alicloud/resource_alicloud_instance.go:226", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "period_unit", forceNew: false, source: "alicloud/resource_alicloud_instance.go:386", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "renewal_status", forceNew: false, source: "alicloud/resource_alicloud_instance.go:393", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "auto_renew_period", forceNew: false, source: "alicloud/resource_alicloud_instance.go:403", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "user_data", forceNew: false, source: "alicloud/resource_alicloud_instance.go:431", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "deletion_protection", forceNew: false, source: "alicloud/resource_alicloud_instance.go:470", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "auto_release_time", forceNew: false, source: "alicloud/resource_alicloud_instance.go:494", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "hpc_cluster_id", forceNew: true, source: "alicloud/resource_alicloud_instance.go:509", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "deployment_set_id", forceNew: false, source: "alicloud/resource_alicloud_instance.go:529", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "maintenance_time", forceNew: false, source: "alicloud/resource_alicloud_instance.go:555", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "maintenance_time.start_time", forceNew: false, source: "alicloud/resource_alicloud_instance.go:561", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "maintenance_time.end_time", forceNew: false, source: "alicloud/resource_alicloud_instance.go:565", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "maintenance_notify", forceNew: false, source: "alicloud/resource_alicloud_instance.go:578", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "dedicated_host_id", forceNew: true, source: "alicloud/resource_alicloud_instance.go:648", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_instance", attribute: "image_options.login_as_non_root", forceNew: true, source: "alicloud/resource_alicloud_instance.go:693", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_route_table", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_route_table.go:42", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_cen_instance", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_cen_instance.go:44", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_cen_transit_router", attribute: "transit_router_description", forceNew: false, source: "alicloud/resource_alicloud_cen_transit_router.go:38", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_cen_transit_router", attribute: "transit_router_name", forceNew: false, source: "alicloud/resource_alicloud_cen_transit_router.go:42", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_cen_transit_router", attribute: "support_multicast", forceNew: true, source: "alicloud/resource_alicloud_cen_transit_router.go:46", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_cen_transit_router_vpc_attachment", attribute: "auto_publish_route_enabled", forceNew: false, source: "alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go:30", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_cen_transit_router_vpc_attachment", attribute: "cen_id", forceNew: false, source: "alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go:34", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_cen_transit_router_vpc_attachment", attribute: "transit_router_attachment_description", forceNew: false, source: "alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go:62", handling: "not-emitted",
    reason: "no scenario emits this type; a fork that adds it should set or ignore this attribute" },
  { resource: "alicloud_vpc_flow_log", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_vpc_flow_log.go:44", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog sets a description" },
  { resource: "alicloud_vpc_flow_log", attribute: "flow_log_name", forceNew: false, source: "alicloud/resource_alicloud_vpc_flow_log.go:52", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog names the flow log <vpc>-flow-log" },
  { resource: "alicloud_log_project", attribute: "description", forceNew: false, source: "alicloud/resource_alicloud_log_project.go:37", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog sets a description" },
  { resource: "alicloud_log_project", attribute: "policy", forceNew: false, source: "alicloud/resource_alicloud_log_project.go:58", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog lists it in ignore_changes (the project's access policy is the account's business)" },
  { resource: "alicloud_log_store", attribute: "append_meta", forceNew: false, source: "alicloud/resource_alicloud_log_store.go:35", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog sets it (true, the provider's default)" },
  { resource: "alicloud_log_store", attribute: "auto_split", forceNew: false, source: "alicloud/resource_alicloud_log_store.go:40", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog sets it (true)" },
  { resource: "alicloud_log_store", attribute: "enable_web_tracking", forceNew: false, source: "alicloud/resource_alicloud_log_store.go:48", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog sets it (false)" },
  { resource: "alicloud_log_store", attribute: "hot_ttl", forceNew: false, source: "alicloud/resource_alicloud_log_store.go:102", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog lists it in ignore_changes" },
  { resource: "alicloud_log_store", attribute: "infrequent_access_ttl", forceNew: false, source: "alicloud/resource_alicloud_log_store.go:106", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog lists it in ignore_changes" },
  { resource: "alicloud_log_store", attribute: "max_split_shard_count", forceNew: false, source: "alicloud/resource_alicloud_log_store.go:117", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog sets it (64)" },
  { resource: "alicloud_log_store", attribute: "retention_period", forceNew: false, source: "alicloud/resource_alicloud_log_store.go:145", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog sets it (`retentionDays`, 30 by default)" },
  { resource: "alicloud_log_store", attribute: "shard_count", forceNew: true, source: "alicloud/resource_alicloud_log_store.go:150", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog sets it (2, the provider's default)" },
  { resource: "alicloud_log_store", attribute: "telemetry_type", forceNew: true, source: "alicloud/resource_alicloud_log_store.go:162", handling: "opt-in",
    reason: "only with a VPC's `flowLog`: VpcFlowLog lists it in ignore_changes (ForceNew: an API-reported value must not replace the logstore)" },
];

/**
 * The provider file of every resource type in schema/types.json, all audited: the ones
 * READ_DRIFT does not name have no Optional, non-Computed attribute that Read writes.
 * scripts/audit-provider.js checks this list against provider.go.
 */
export const AUDITED_TYPES: Readonly<Record<string, string>> = {
  alicloud_vpc: "alicloud/resource_alicloud_vpc.go",
  alicloud_vswitch: "alicloud/resource_alicloud_vswitch.go",
  alicloud_vpc_flow_log: "alicloud/resource_alicloud_vpc_flow_log.go",
  alicloud_log_project: "alicloud/resource_alicloud_log_project.go",
  alicloud_log_store: "alicloud/resource_alicloud_log_store.go",
  alicloud_route_entry: "alicloud/resource_alicloud_route_entry.go",
  alicloud_security_group: "alicloud/resource_alicloud_security_group.go",
  alicloud_security_group_rule: "alicloud/resource_alicloud_security_group_rule.go",
  alicloud_vpc_peer_connection: "alicloud/resource_alicloud_vpc_peer_connection.go",
  alicloud_vpc_peer_connection_accepter: "alicloud/resource_alicloud_vpc_peer_connection_accepter.go",
  alicloud_express_connect_router_interface: "alicloud/resource_alicloud_express_connect_router_interface.go",
  alicloud_router_interface_connection: "alicloud/resource_alicloud_router_interface_connection.go",
  alicloud_express_connect_physical_connection: "alicloud/resource_alicloud_express_connect_physical_connection.go",
  alicloud_express_connect_virtual_border_router: "alicloud/resource_alicloud_express_connect_virtual_border_router.go",
  alicloud_vpc_bgp_group: "alicloud/resource_alicloud_vpc_bgp_group.go",
  alicloud_vpc_bgp_peer: "alicloud/resource_alicloud_vpc_bgp_peer.go",
  alicloud_vpc_bgp_network: "alicloud/resource_alicloud_vpc_bgp_network.go",
  alicloud_vpn_gateway: "alicloud/resource_alicloud_vpn_gateway.go",
  alicloud_vpn_customer_gateway: "alicloud/resource_alicloud_vpn_customer_gateway.go",
  alicloud_vpn_connection: "alicloud/resource_alicloud_vpn_connection.go",
  alicloud_vpn_route_entry: "alicloud/resource_alicloud_vpn_route_entry.go",
  alicloud_nat_gateway: "alicloud/resource_alicloud_nat_gateway.go",
  alicloud_eip_address: "alicloud/resource_alicloud_eip_address.go",
  alicloud_eip_association: "alicloud/resource_alicloud_eip_association.go",
  alicloud_snat_entry: "alicloud/resource_alicloud_snat_entry.go",
  alicloud_instance: "alicloud/resource_alicloud_instance.go",
  alicloud_forward_entry: "alicloud/resource_alicloud_forward_entry.go",
  alicloud_route_table: "alicloud/resource_alicloud_route_table.go",
  alicloud_route_table_attachment: "alicloud/resource_alicloud_route_table_attachment.go",
  alicloud_cen_instance: "alicloud/resource_alicloud_cen_instance.go",
  alicloud_cen_transit_router: "alicloud/resource_alicloud_cen_transit_router.go",
  alicloud_cen_transit_router_vpc_attachment: "alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go",
};

/** Paths ignored on a dual-tunnel `alicloud_vpn_connection` (lists need literal indexes). */
export const DUAL_TUNNEL_IGNORED_PATHS: Readonly<Record<string, readonly string[]>> = {
  "tunnel_options_specification.tunnel_ike_config.local_id": [0, 1].map((i) => `tunnel_options_specification[${i}].tunnel_ike_config[0].local_id`),
  "tunnel_options_specification.tunnel_ike_config.remote_id": [0, 1].map((i) => `tunnel_options_specification[${i}].tunnel_ike_config[0].remote_id`),
  "tunnel_options_specification.tunnel_bgp_config": [0, 1].map((i) => `tunnel_options_specification[${i}].tunnel_bgp_config`),
};

/** A behaviour of the API or the provider beyond one attribute. */
export interface BehaviourFinding {
  readonly id: string;
  readonly resource: string;
  /** What happens, in one sentence. */
  readonly behaviour: string;
  /** Provider file:line or the API documentation page. */
  readonly source: string;
  /** What this project does about it. */
  readonly handling: string;
  /** The test that fails when the finding comes back. */
  readonly test: string;
  readonly kind: "api-side-effect" | "capability" | "shared-remote-field" | "format";
}

export const BEHAVIOURS: readonly BehaviourFinding[] = [
  {
    id: "nat-system-route",
    kind: "api-side-effect",
    resource: "alicloud_nat_gateway",
    behaviour: "Creating an enhanced internet NAT gateway adds 0.0.0.0/0 -> that gateway to its VPC's route table; an alicloud_route_entry for the same destination then fails on create.",
    source: "CreateNatGateway API docs (usage notes); alicloud/resource_alicloud_route_entry.go (create returns the duplicate error)",
    handling: "The planner marks the hub's 0.0.0.0/0 as a system route and the constructs never emit it; the reachability checker adds it for every enhanced internet NAT gateway and reports a custom duplicate as a black hole.",
    test: "no stack emits a 0.0.0.0/0 route entry into a VPC that holds an enhanced internet NAT gateway",
  },
  {
    id: "vpc-system-routes",
    kind: "api-side-effect",
    resource: "alicloud_vpc",
    behaviour: "A VPC comes with a system route table holding system routes for each vSwitch CIDR and for 100.64.0.0/10 (cloud services); custom entries cannot duplicate them.",
    source: "VPC docs, route tables: system routes; alicloud/resource_alicloud_vpc.go (route_table_id is the system route table)",
    handling: "Custom routes go into the system route table (route_table_id) and the planner never routes a VPC's own CIDR or 100.64.0.0/10.",
    test: "no route entry's destination lies inside its own VPC's CIDR or inside 100.64.0.0/10",
  },
  {
    id: "vpn-dual-tunnel",
    kind: "capability",
    resource: "alicloud_vpn_gateway",
    behaviour: "In regions with dual-tunnel support, new VPN gateways are dual-tunnel: CreateVpnGateway needs DisasterRecoveryVSwitchId and connections take two tunnels (TunnelOptionsSpecification); elsewhere gateways are single-tunnel.",
    source: "VPN Gateway docs: IPsec-VPN connections support the dual-tunnel mode (Limits); alicloud/resource_alicloud_vpn_gateway.go:213; alicloud/resource_alicloud_vpn_connection.go:570",
    handling: "Region and zone table in lib/topology/vpn-capabilities.ts; validation requires the second vSwitch where the API does and refuses it elsewhere; office outputs carry both tunnels' IPs.",
    test: "every emitted VPN gateway in a dual-tunnel region has a disaster-recovery vSwitch and its connections two tunnels",
  },
  {
    id: "peering-accepter-fields",
    kind: "shared-remote-field",
    resource: "alicloud_vpc_peer_connection_accepter",
    behaviour: "The accepter's create ends in an update that sends ModifyVpcPeerConnection with its name, description, bandwidth and link type: the same remote fields the requester owns.",
    source: "alicloud/resource_alicloud_vpc_peer_connection_accepter.go:243-263",
    handling: "The requester sets them; the accepter leaves them unset (they are Computed there), so the two never rewrite each other.",
    test: "no accepter sets peer_connection_accepter_name, description, bandwidth or link_type",
  },
  {
    id: "access-point-case",
    kind: "format",
    resource: "alicloud_express_connect_router_interface",
    behaviour: "Access point IDs end in an upper-case site letter as the API returns them (ap-cn-hangzhou-yh-C); access_point_id is ForceNew and Read writes the API's spelling back.",
    source: "DescribeAccessPoints API docs (AccessPointId); alicloud/resource_alicloud_express_connect_router_interface.go:327",
    handling: "An installed line's access point is read from the line (data.alicloud_express_connect_physical_connections); a configured one with a lower-case site letter is refused with the corrected spelling.",
    test: "no stack emits an access point ID ending in a lower-case letter; validation names the fix",
  },
];
