/**
 * Facts netdiff needs about the pinned provider (aliyun/alicloud v1.240.0): which
 * arguments force a replacement when they change (`ForceNew: true` in the resource's
 * schema), and which resources are protected. Sources are `alicloud/<file>.go:<line>`
 * of the provider source at that version, one row per type.
 *
 * A resource of a listed type is replaced when one of these arguments changes, when
 * one of them references a resource that is itself replaced or re-created, or when its
 * provider configuration (region or account alias) changes. Types not listed are
 * reported as updated when their arguments change.
 */
export interface ReplaceFacts {
  /** Top-level arguments, or `<block>.<field>` for a field of a nested block list. */
  readonly forceNew: readonly string[];
  readonly source: string;
}

export const REPLACE_ON_CHANGE: Readonly<Record<string, ReplaceFacts>> = {
  alicloud_route_entry: {
    // every argument: a route entry is never updated in place
    forceNew: ["route_table_id", "destination_cidrblock", "nexthop_type", "nexthop_id", "name", "description"],
    source: "alicloud/resource_alicloud_route_entry.go:22-52",
  },
  alicloud_vpn_route_entry: {
    forceNew: ["vpn_gateway_id", "next_hop", "route_dest"],
    source: "alicloud/resource_alicloud_vpn_route_entry.go:33-47",
  },
  alicloud_vpc_bgp_network: {
    forceNew: ["dst_cidr_block", "router_id"],
    source: "alicloud/resource_alicloud_vpc_bgp_network.go:27-36",
  },
  alicloud_security_group_rule: {
    forceNew: [
      "security_group_id",
      "type",
      "ip_protocol",
      "policy",
      "priority",
      "cidr_ip",
      "source_security_group_id",
      "source_group_owner_account",
      "prefix_list_id",
      "port_range",
      "nic_type",
    ],
    source: "alicloud/resource_alicloud_security_group_rule.go:31-101",
  },
  alicloud_security_group: { forceNew: ["security_group_type", "vpc_id"], source: "alicloud/resource_alicloud_security_group.go:59-68" },
  alicloud_vswitch: {
    forceNew: ["cidr_block", "vpc_id", "zone_id", "availability_zone"],
    source: "alicloud/resource_alicloud_vswitch.go:34-96",
  },
  alicloud_vpc_peer_connection: {
    forceNew: ["accepting_ali_uid", "accepting_region_id", "accepting_vpc_id", "vpc_id"],
    source: "alicloud/resource_alicloud_vpc_peer_connection.go:31-96",
  },
  alicloud_vpc_peer_connection_accepter: {
    forceNew: ["instance_id"],
    source: "alicloud/resource_alicloud_vpc_peer_connection_accepter.go:66",
  },
  alicloud_express_connect_router_interface: {
    forceNew: ["access_point_id", "opposite_access_point_id", "opposite_region_id", "payment_type", "role", "router_id", "router_type"],
    source: "alicloud/resource_alicloud_express_connect_router_interface.go:31-190",
  },
  alicloud_router_interface_connection: {
    forceNew: ["interface_id", "opposite_interface_id", "opposite_router_type", "opposite_router_id", "opposite_interface_owner_id"],
    source: "alicloud/resource_alicloud_router_interface_connection.go:25-56",
  },
  alicloud_vpn_gateway: {
    forceNew: ["bandwidth", "network_type", "payment_type", "ssl_connections", "vswitch_id", "vpc_id", "vpn_type", "instance_charge_type"],
    source: "alicloud/resource_alicloud_vpn_gateway.go:42-137",
  },
  alicloud_vpn_customer_gateway: { forceNew: ["asn", "ip_address"], source: "alicloud/resource_alicloud_vpn_customer_gateway.go:31-51" },
  alicloud_vpn_connection: {
    // a dual-tunnel connection's tunnels name their customer gateways in the nested block (:310-312)
    forceNew: ["customer_gateway_id", "tunnel_options_specification.customer_gateway_id", "vpn_gateway_id"],
    source: "alicloud/resource_alicloud_vpn_connection.go:75-78,310-312,405-409",
  },
  alicloud_snat_entry: {
    forceNew: ["snat_ip", "snat_table_id", "source_cidr", "source_vswitch_id"],
    source: "alicloud/resource_alicloud_snat_entry.go:38-56",
  },
  alicloud_eip_association: {
    forceNew: ["allocation_id", "instance_id", "instance_type", "private_ip_address", "vpc_id"],
    source: "alicloud/resource_alicloud_eip_association.go:31-63",
  },
  alicloud_nat_gateway: {
    forceNew: ["internet_charge_type", "payment_type", "instance_charge_type", "vpc_id", "private_link_enabled", "access_mode"],
    source: "alicloud/resource_alicloud_nat_gateway.go:48-198",
  },
  alicloud_eip_address: {
    forceNew: [
      "allocation_id",
      "high_definition_monitor_log_status",
      "internet_charge_type",
      "ip_address",
      "isp",
      "netmode",
      "payment_type",
      "public_ip_address_pool_id",
      "security_protection_types",
      "zone",
      "instance_charge_type",
    ],
    source: "alicloud/resource_alicloud_eip_address.go:41-169",
  },
  alicloud_express_connect_virtual_border_router: {
    forceNew: ["physical_connection_id"],
    source: "alicloud/resource_alicloud_express_connect_virtual_border_router.go:92",
  },
  alicloud_express_connect_physical_connection: {
    forceNew: ["access_point_id", "type", "port_type", "redundant_physical_connection_id"],
    source: "alicloud/resource_alicloud_express_connect_physical_connection.go:27-63",
  },
  // Transit routers (alicloud_cen_instance has no ForceNew argument: its changes update in place)
  alicloud_cen_transit_router: {
    forceNew: ["cen_id", "support_multicast"],
    source: "alicloud/resource_alicloud_cen_transit_router.go:29-49",
  },
  alicloud_cen_transit_router_route_table: {
    forceNew: ["transit_router_id"],
    source: "alicloud/resource_alicloud_cen_transit_router_route_table.go:29-32",
  },
  alicloud_cen_transit_router_vpc_attachment: {
    // cen_id, zone_mappings and auto_publish_route_enabled update in place
    forceNew: ["payment_type", "transit_router_id", "vpc_id", "vpc_owner_id", "resource_type"],
    source: "alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go:50-117",
  },
  alicloud_cen_transit_router_vbr_attachment: {
    forceNew: ["cen_id", "vbr_id", "transit_router_id", "resource_type", "vbr_owner_id"],
    source: "alicloud/resource_alicloud_cen_transit_router_vbr_attachment.go:29-55",
  },
  alicloud_cen_transit_router_peer_attachment: {
    // bandwidth and bandwidth_type update in place
    forceNew: ["cen_id", "peer_transit_router_id", "peer_transit_router_region_id", "resource_type", "transit_router_id"],
    source: "alicloud/resource_alicloud_cen_transit_router_peer_attachment.go:47-98",
  },
  alicloud_cen_transit_router_route_table_association: {
    forceNew: ["transit_router_attachment_id", "transit_router_route_table_id"],
    source: "alicloud/resource_alicloud_cen_transit_router_route_table_association.go:36-44",
  },
  alicloud_cen_transit_router_route_table_propagation: {
    forceNew: ["transit_router_attachment_id", "transit_router_route_table_id"],
    source: "alicloud/resource_alicloud_cen_transit_router_route_table_propagation.go:36-44",
  },
  alicloud_cen_transit_router_route_entry: {
    // name and description update in place
    forceNew: [
      "transit_router_route_entry_destination_cidr_block",
      "transit_router_route_entry_next_hop_id",
      "transit_router_route_entry_next_hop_type",
      "transit_router_route_table_id",
    ],
    source: "alicloud/resource_alicloud_cen_transit_router_route_entry.go:39-62",
  },
};

/**
 * Resources whose loss is an outage nobody undoes with `apply`: an ordered leased line
 * (weeks to re-provision), its VBR (VLAN and peering IPs agreed with the carrier), the
 * NAT gateway and its EIP (the egress address partners allow-list). The constructs put
 * `prevent_destroy` or deletion protection on them; netdiff reports their destroy or
 * replacement before anyone plans it.
 */
export const PROTECTED_TYPES: Readonly<Record<string, { readonly label: string; readonly nameField: string }>> = {
  alicloud_express_connect_physical_connection: { label: "leased line", nameField: "physical_connection_name" },
  alicloud_express_connect_virtual_border_router: { label: "VBR", nameField: "virtual_border_router_name" },
  alicloud_eip_address: { label: "NAT EIP", nameField: "address_name" },
  alicloud_nat_gateway: { label: "NAT gateway", nameField: "nat_gateway_name" },
};
