/**
 * A transit-router (TR) hub of any size for the checker benchmark, written directly as
 * synthesized JSON in the shape the transit-router contract fixes (no constructs): R
 * regions with one VPC, one VPN gateway and one TR each, a full mesh of peer attachments,
 * N offices spread over the VPCs. Each TR table holds a static route per office and per
 * remote VPC, each VPC a route per remote destination: tables grow with R + N.
 */
import { StackJson } from "../lib/tfjson";

type Body = Record<string, unknown>;
type Resources = Record<string, Record<string, Body>>;

const ref = (type: string, name: string, attr = "id") => `\${${type}.${name}.${attr}}`;
const ATT = "transit_router_attachment_id";

class MeshWriter {
  readonly resource: Resources = {};
  put(type: string, name: string, body: Body): void {
    (this.resource[type] ??= {})[name] = body;
  }
}

const vpcCidr = (i: number) => `172.${16 + i}.0.0/16`;
const officeCidr = (k: number) => `10.${32 + (k >> 8)}.${k & 255}.0/24`;
const peerName = (i: number, j: number) => `Peer${Math.min(i, j)}_${Math.max(i, j)}`;
const table = (i: number) => ref("alicloud_cen_transit_router_route_table", `Table${i}`, "transit_router_route_table_id");

function addRegion(w: MeshWriter, i: number): void {
  const provider = `alicloud.r${i}`;
  w.put("alicloud_vpc", `Vpc${i}`, { provider, vpc_name: `vpc-${i}`, cidr_block: vpcCidr(i) });
  for (const z of [0, 1])
    w.put("alicloud_vswitch", `Vpc${i}Sw${z}`, { provider, vpc_id: ref("alicloud_vpc", `Vpc${i}`), cidr_block: `172.${16 + i}.${z}.0/24` });
  w.put("alicloud_vpn_gateway", `Gw${i}`, { provider, vpc_id: ref("alicloud_vpc", `Vpc${i}`), vpn_gateway_name: `gw-${i}` });
  w.put("alicloud_cen_transit_router", `Tr${i}`, {
    provider,
    cen_id: ref("alicloud_cen_instance", "Cen"),
    transit_router_name: `mesh-r${i}`,
  });
  w.put("alicloud_cen_transit_router_route_table", `Table${i}`, {
    provider,
    transit_router_id: ref("alicloud_cen_transit_router", `Tr${i}`, "transit_router_id"),
  });
  w.put("alicloud_cen_transit_router_vpc_attachment", `Att${i}`, {
    provider,
    transit_router_id: ref("alicloud_cen_transit_router", `Tr${i}`, "transit_router_id"),
    vpc_id: ref("alicloud_vpc", `Vpc${i}`),
    auto_publish_route_enabled: false,
  });
  const binding = {
    provider,
    transit_router_attachment_id: ref("alicloud_cen_transit_router_vpc_attachment", `Att${i}`, ATT),
    transit_router_route_table_id: table(i),
  };
  w.put("alicloud_cen_transit_router_route_table_association", `Att${i}Assoc`, binding);
  w.put("alicloud_cen_transit_router_route_table_propagation", `Att${i}Prop`, binding);
}

function addPeer(w: MeshWriter, i: number, j: number): void {
  const p = peerName(i, j);
  w.put("alicloud_cen_transit_router_peer_attachment", p, {
    provider: `alicloud.r${i}`,
    transit_router_id: ref("alicloud_cen_transit_router", `Tr${i}`, "transit_router_id"),
    peer_transit_router_id: ref("alicloud_cen_transit_router", `Tr${j}`, "transit_router_id"),
    bandwidth: 10,
    bandwidth_type: "DataTransfer",
  });
  for (const side of [i, j])
    w.put("alicloud_cen_transit_router_route_table_association", `${p}Assoc${side}`, {
      transit_router_attachment_id: ref("alicloud_cen_transit_router_peer_attachment", p, ATT),
      transit_router_route_table_id: table(side),
    });
}

/** Static TR route in region i's table, and the VPC route into the TR where `dest` is remote. */
function addDestination(w: MeshWriter, regions: number, owner: number, dest: string, key: string): void {
  for (let i = 0; i < regions; i++) {
    const hop =
      i === owner
        ? ref("alicloud_cen_transit_router_vpc_attachment", `Att${i}`, ATT)
        : ref("alicloud_cen_transit_router_peer_attachment", peerName(i, owner), ATT);
    w.put("alicloud_cen_transit_router_route_entry", `T${i}_${key}`, {
      transit_router_route_table_id: table(i),
      transit_router_route_entry_destination_cidr_block: dest,
      transit_router_route_entry_next_hop_type: "Attachment",
      transit_router_route_entry_next_hop_id: hop,
    });
    if (i !== owner)
      w.put("alicloud_route_entry", `V${i}_${key}`, {
        route_table_id: ref("alicloud_vpc", `Vpc${i}`, "route_table_id"),
        destination_cidrblock: dest,
        nexthop_type: "Attachment",
        nexthop_id: ref("alicloud_cen_transit_router_vpc_attachment", `Att${i}`, ATT),
      });
  }
}

function addOffice(w: MeshWriter, regions: number, k: number): void {
  const [v, cidr] = [k % regions, officeCidr(k)];
  const ip = k < 250 ? `203.0.113.${k + 1}` : `47.89.${Math.floor(k / 250)}.${(k % 250) + 1}`;
  w.put("alicloud_vpn_customer_gateway", `Cgw${k}`, { customer_gateway_name: `office-${k}`, ip_address: ip });
  w.put("alicloud_vpn_connection", `Conn${k}`, {
    vpn_gateway_id: ref("alicloud_vpn_gateway", `Gw${v}`),
    auto_config_route: false,
    remote_subnet: [cidr],
    tunnel_options_specification: [{ customer_gateway_id: ref("alicloud_vpn_customer_gateway", `Cgw${k}`) }],
  });
  w.put("alicloud_vpn_route_entry", `Gr${k}`, {
    vpn_gateway_id: ref("alicloud_vpn_gateway", `Gw${v}`),
    next_hop: ref("alicloud_vpn_connection", `Conn${k}`),
    route_dest: cidr,
  });
  w.put("alicloud_route_entry", `V${v}_O${k}`, {
    route_table_id: ref("alicloud_vpc", `Vpc${v}`, "route_table_id"),
    destination_cidrblock: cidr,
    nexthop_type: "VpnGateway",
    nexthop_id: ref("alicloud_vpn_gateway", `Gw${v}`),
  });
  addDestination(w, regions, v, cidr, `O${k}`);
}

/** The TR mesh of `regions` regions (at most 16) and `offices` offices (at most 8,192), as one stack. */
export function trMesh(regions: number, offices: number): StackJson {
  if (!Number.isInteger(regions) || regions < 1 || regions > 16) throw new Error(`regions = ${regions}; allowed: 1 to 16`);
  if (!Number.isInteger(offices) || offices < 0 || offices > 8192) throw new Error(`offices = ${offices}; allowed: 0 to 8192`);
  const w = new MeshWriter();
  w.put("alicloud_cen_instance", "Cen", { cen_instance_name: "mesh" });
  for (let i = 0; i < regions; i++) addRegion(w, i);
  for (let i = 0; i < regions; i++) for (let j = i + 1; j < regions; j++) addPeer(w, i, j);
  for (let i = 0; i < regions; i++) addDestination(w, regions, i, vpcCidr(i), `Vpc${i}`);
  for (let k = 0; k < offices; k++) addOffice(w, regions, k);
  return { resource: w.resource };
}
