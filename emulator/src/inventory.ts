/**
 * The inventory: every live resource a caller made, with the Terraform resource type and the
 * IDs the pinned provider gives it in state, so that a driver can compare the emulator with
 * `terraform show -json` and name what Terraform lost (an orphan: in the emulator, not in
 * state) or made twice (a duplicate: two records of one type where state has one).
 *
 * Three ways to read it, all the same list:
 * - in process: `emulator.inventory()`;
 * - over HTTP: `GET /_emulator/inventory` on the emulator's port, `{ "resources": [...] }`;
 * - from a state file (`--state FILE`): `readInventory(file)`.
 *
 * Left out: fixtures (the leased lines an e2e run seeds) and what the API makes by itself
 * (a VPC's system route table, a VBR's route table, system route entries), which go with
 * their owner. Security group rules live inside their group and are not listed.
 */
import * as fs from "fs";
import type { Resource } from "./state";

export interface InventoryItem {
  /** the emulator's kind, e.g. "vpnGateway" */
  readonly kind: string;
  readonly id: string;
  /** owning account UID and region */
  readonly owner: string;
  readonly region: string;
  /** the Terraform resource type that manages it in this template */
  readonly terraformType: string;
  /** the IDs the provider may hold for it in state (composite IDs spelled out), exact-match */
  readonly stateIds: readonly string[];
  /** the resource's name as the API stores it, "" when it has none */
  readonly name: string;
  /** the call that made it, its ClientToken and when (epoch ms) */
  readonly createdBy?: { readonly action: string; readonly clientToken?: string; readonly at: number };
}

const a = (r: Resource, k: string): string => String(r.attrs[k] ?? "");

/** Terraform type and state IDs per kind; the composite ID shapes are the provider's d.SetId calls (v1.240.0). */
const TERRAFORM: Readonly<Record<string, { type: string; ids: (r: Resource) => string[] }>> = {
  vpc: { type: "alicloud_vpc", ids: (r) => [r.id] },
  vswitch: { type: "alicloud_vswitch", ids: (r) => [r.id] },
  // alicloud/resource_alicloud_route_entry.go:135: table:vrouter:cidr:type:nexthop
  routeEntry: {
    type: "alicloud_route_entry",
    ids: (r) => [
      `${a(r, "RouteTableId")}:${a(r, "VRouterId")}:${a(r, "DestinationCidrBlock")}:${a(r, "NextHopType")}:${a(r, "InstanceId")}`,
    ],
  },
  securityGroup: { type: "alicloud_security_group", ids: (r) => [r.id] },
  natGateway: { type: "alicloud_nat_gateway", ids: (r) => [r.id] },
  eip: { type: "alicloud_eip_address", ids: (r) => [r.id] },
  // alicloud/resource_alicloud_snat_entry.go:112: table:entry
  snatEntry: { type: "alicloud_snat_entry", ids: (r) => [`${a(r, "SnatTableId")}:${r.id}`] },
  vpnGateway: { type: "alicloud_vpn_gateway", ids: (r) => [r.id] },
  customerGateway: { type: "alicloud_vpn_customer_gateway", ids: (r) => [r.id] },
  vpnConnection: { type: "alicloud_vpn_connection", ids: (r) => [r.id] },
  // alicloud/resource_alicloud_vpn_route_entry.go:112: gateway:nexthop:dest (the emulator's own ID)
  vpnRouteEntry: { type: "alicloud_vpn_route_entry", ids: (r) => [r.id] },
  vbr: { type: "alicloud_express_connect_virtual_border_router", ids: (r) => [r.id] },
  routerInterface: { type: "alicloud_express_connect_router_interface", ids: (r) => [r.id] },
  bgpGroup: { type: "alicloud_vpc_bgp_group", ids: (r) => [r.id] },
  bgpPeer: { type: "alicloud_vpc_bgp_peer", ids: (r) => [r.id] },
  // alicloud/resource_alicloud_vpc_bgp_network.go:77: router:cidr (the emulator's own ID)
  bgpNetwork: { type: "alicloud_vpc_bgp_network", ids: (r) => [r.id] },
  peerConnection: { type: "alicloud_vpc_peer_connection", ids: (r) => [r.id] },
  cen: { type: "alicloud_cen_instance", ids: (r) => [r.id] },
  // the Cbn composite IDs: resource_alicloud_cen_transit_router.go:117 cen:tr,
  // _route_table.go:104 tr:table, _vpc/_vbr/_peer_attachment.go (238/174/197) cen:attachment,
  // _association.go:83 / _propagation.go:83 attachment:table, _route_entry.go:130 table:entry
  transitRouter: { type: "alicloud_cen_transit_router", ids: (r) => [`${a(r, "CenId")}:${r.id}`] },
  trRouteTable: { type: "alicloud_cen_transit_router_route_table", ids: (r) => [`${a(r, "TransitRouterId")}:${r.id}`] },
  trVpcAttachment: { type: "alicloud_cen_transit_router_vpc_attachment", ids: (r) => [`${a(r, "CenId")}:${r.id}`] },
  trVbrAttachment: { type: "alicloud_cen_transit_router_vbr_attachment", ids: (r) => [`${a(r, "CenId")}:${r.id}`] },
  trPeerAttachment: { type: "alicloud_cen_transit_router_peer_attachment", ids: (r) => [`${a(r, "CenId")}:${r.id}`] },
  trAssociation: {
    type: "alicloud_cen_transit_router_route_table_association",
    ids: (r) => [`${a(r, "TransitRouterAttachmentId")}:${a(r, "TransitRouterRouteTableId")}`],
  },
  trPropagation: {
    type: "alicloud_cen_transit_router_route_table_propagation",
    ids: (r) => [`${a(r, "TransitRouterAttachmentId")}:${a(r, "TransitRouterRouteTableId")}`],
  },
  trRouteEntry: { type: "alicloud_cen_transit_router_route_entry", ids: (r) => [`${a(r, "TransitRouterRouteTableId")}:${r.id}`] },
  // resource_alicloud_cen_vbr_health_check.go:109: vbr:region (the emulator's own ID)
  cenVbrHealthCheck: { type: "alicloud_cen_vbr_health_check", ids: (r) => [r.id] },
};

function madeByApi(r: Resource): boolean {
  return (
    r.attrs.Fixture === true ||
    r.kind === "routeTable" ||
    (r.kind === "routeEntry" && r.attrs.Type === "System") ||
    // a transit router's system route table comes and goes with its transit router
    (r.kind === "trRouteTable" && r.attrs.TransitRouterRouteTableType === "System")
  );
}

function nameOf(r: Resource): string {
  for (const k of [
    "Name",
    "VpcName",
    "VSwitchName",
    "SecurityGroupName",
    "RouteEntryName",
    "SnatEntryName",
    "TransitRouterName",
    "TransitRouterRouteTableName",
    "TransitRouterAttachmentName",
    "TransitRouterRouteEntryName",
  ])
    if (typeof r.attrs[k] === "string" && r.attrs[k] !== "") return String(r.attrs[k]);
  return "";
}

export function inventoryOf(resources: readonly Resource[]): InventoryItem[] {
  return resources
    .filter((r) => !madeByApi(r))
    .map((r) => {
      const tf = TERRAFORM[r.kind];
      return {
        kind: r.kind,
        id: r.id,
        owner: r.owner,
        region: r.region,
        terraformType: tf?.type ?? `unknown:${r.kind}`,
        stateIds: tf ? tf.ids(r) : [r.id],
        name: nameOf(r),
        createdBy: r.origin,
      };
    });
}

/** The inventory of an emulator state file (the `--state` file the CLI writes after every change). */
export function readInventory(stateFile: string): InventoryItem[] {
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { resources?: Record<string, Resource> };
  return inventoryOf(Object.values(state.resources ?? {}));
}
