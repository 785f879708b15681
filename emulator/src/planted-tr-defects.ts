/**
 * Planted defects for stacks on transit routers: each breaks one consistency rule of the
 * Cbn product (products/cbn/attachments.ts, model.ts) that the provider does not check, and
 * names the code the emulator answers. An edit returns false on a stack without TRs.
 */
import type { PlantedDefect, StackJson } from "./planted-defect-shape";

type Res = Record<string, unknown>;

function all(stack: StackJson, type: string): [string, Res][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

/** `${type.name.attr}` -> name, when of that type */
function refName(v: unknown, type: string): string | undefined {
  const m = /^\$\{([a-z_]+)\.([\w-]+)\.(\w+)\}$/.exec(String(v));
  return m && m[1] === type ? m[2] : undefined;
}

const TABLE = "alicloud_cen_transit_router_route_table";
const VPC_ATT = "alicloud_cen_transit_router_vpc_attachment";

/** The route table resource on a TR other than `tr` (a reference to `alicloud_cen_transit_router.X`). */
function tableOfAnotherTr(stack: StackJson, tr: unknown): string | undefined {
  const trName = refName(tr, "alicloud_cen_transit_router");
  return all(stack, TABLE).find(([, t]) => refName(t.transit_router_id, "alicloud_cen_transit_router") !== trName)?.[0];
}

/** A second VPC in the attachment's region with a vSwitch in the zone of the attachment's second mapping, put into that mapping. */
function zoneMappingOfAnotherVpc(stack: StackJson): boolean {
  const att = all(stack, VPC_ATT)[0]?.[1];
  const vpcName = refName(att?.vpc_id, "alicloud_vpc");
  const mapping = (att?.zone_mappings as Res[] | undefined)?.[1];
  const res = stack.resource;
  if (!att || !vpcName || !mapping || !res) return false;
  const vpc = res.alicloud_vpc?.[vpcName];
  if (!vpc) return false;
  (res.alicloud_vpc ??= {}).planted_other_vpc = { provider: vpc.provider, vpc_name: "planted-other", cidr_block: "192.168.128.0/20" };
  (res.alicloud_vswitch ??= {}).planted_other_vsw = {
    provider: vpc.provider,
    vpc_id: "${alicloud_vpc.planted_other_vpc.id}",
    cidr_block: "192.168.128.0/24",
    zone_id: mapping.zone_id,
  };
  mapping.vswitch_id = "${alicloud_vswitch.planted_other_vsw.id}";
  return true;
}

/** A VPC attachment in a region whose TRs span several zones, with its second zone mapping dropped. */
function oneZoneInMultiZoneRegion(stack: StackJson): boolean {
  const att = all(stack, VPC_ATT).find(([, a]) =>
    /^cn-(hangzhou|shanghai)-/.test(String((a.zone_mappings as Res[] | undefined)?.[0]?.zone_id)),
  );
  if (!att) return false;
  att[1].zone_mappings = (att[1].zone_mappings as Res[]).slice(0, 1);
  return true;
}

/** A static TR route whose next hop is the VPC attachment of another TR. */
function routeEntryTowardsAnotherTr(stack: StackJson): boolean {
  for (const [, e] of all(stack, "alicloud_cen_transit_router_route_entry")) {
    const table = stack.resource?.[TABLE]?.[refName(e.transit_router_route_table_id, TABLE) ?? ""];
    const tr = refName(table?.transit_router_id, "alicloud_cen_transit_router");
    const other = all(stack, VPC_ATT).find(([, a]) => refName(a.transit_router_id, "alicloud_cen_transit_router") !== tr);
    if (!table || !other) continue;
    e.transit_router_route_entry_next_hop_id = `\${${VPC_ATT}.${other[0]}.transit_router_attachment_id}`;
    return true;
  }
  return false;
}

/** A VPC attachment associated with the route table of another TR. */
function associationWithTableOfAnotherTr(stack: StackJson): boolean {
  for (const [, a] of all(stack, "alicloud_cen_transit_router_route_table_association")) {
    const att = stack.resource?.[VPC_ATT]?.[refName(a.transit_router_attachment_id, VPC_ATT) ?? ""];
    const table = att && tableOfAnotherTr(stack, att.transit_router_id);
    if (!table) continue;
    a.transit_router_route_table_id = `\${${TABLE}.${table}.transit_router_route_table_id}`;
    return true;
  }
  return false;
}

export const TR_PLANTED_DEFECTS: readonly PlantedDefect[] = [
  {
    name: "tr-zone-mapping-vswitch-of-another-vpc",
    rule: "CreateTransitRouterVpcAttachment: every zone mapping's vSwitch belongs to the attached VPC",
    stackPattern: /./,
    edit: zoneMappingOfAnotherVpc,
    expectedCode: "IllegalParam.ZoneMappings",
  },
  {
    name: "tr-vpc-attachment-one-zone",
    rule: "CreateTransitRouterVpcAttachment: where the region's TRs span several zones, vSwitches in at least two",
    stackPattern: /./,
    edit: oneZoneInMultiZoneRegion,
    expectedCode: "IllegalParam.ZoneMappings",
  },
  {
    name: "tr-route-entry-next-hop-of-another-tr",
    rule: "CreateTransitRouterRouteEntry: the next hop is a connection of the TR that owns the route table",
    stackPattern: /./,
    edit: routeEntryTowardsAnotherTr,
    expectedCode: "IllegalParam.NextHopId",
  },
  {
    name: "tr-association-table-of-another-tr",
    rule: "AssociateTransitRouterAttachmentWithRouteTable: the route table belongs to the connection's TR",
    stackPattern: /./,
    edit: associationWithTableOfAnotherTr,
    expectedCode: "IllegalParam.TransitRouterRouteTableId",
  },
  {
    name: "tr-peer-region-mismatch",
    rule: "CreateTransitRouterPeerAttachment: the peer TR is in PeerTransitRouterRegionId",
    stackPattern: /./,
    edit: (s) => {
      const p = all(s, "alicloud_cen_transit_router_peer_attachment")[0]?.[1];
      if (!p) return false;
      p.peer_transit_router_region_id = p.peer_transit_router_region_id === "eu-central-1" ? "ap-southeast-1" : "eu-central-1";
      return true;
    },
    expectedCode: "IllegalParam.PeerTransitRouter",
  },
  {
    name: "tr-two-in-one-region",
    rule: "CreateTransitRouter: one transit router per region per CEN instance",
    stackPattern: /./,
    edit: (s) => {
      const [name, tr] = all(s, "alicloud_cen_transit_router")[0] ?? [];
      if (!name || !tr || !s.resource) return false;
      (s.resource.alicloud_cen_transit_router ??= {})[`${name}_planted_twin`] = { ...tr, transit_router_name: "planted-twin" };
      return true;
    },
    expectedCode: "QuotaExceeded.TransitRouter",
  },
];
