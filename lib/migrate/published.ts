/**
 * Routes a migration cannot move by more-specific route entries of the same table: a
 * VBR route entry that head deletes because head's transit router publishes the same
 * prefix to the VBR instead (a VBR attachment with `auto_publish_route_enabled`).
 *
 * The VBR learns a published route only while it holds no route of its own to that
 * prefix (CEN docs, Advertise routes to a transit router: "other network instances
 * connected to the transit router can learn the advertised routes if no route conflict
 * exists", https://www.alibabacloud.com/help/doc-detail/181618.htm). Deleting the VBR's
 * entry therefore leaves the prefix without a route until the cloud installs the learned
 * one. The traffic moves first instead: head's static transit-router entry for the prefix
 * (`alicloud_cen_transit_router_route_entry`, in the table the VBR's attachment is
 * associated with) is written once for each half of the prefix, with the same next hop.
 * The provider's `auto_publish_route_enabled` (website/docs/r/cen_transit_router_vbr_attachment.html.markdown:79,
 * the API's AutoPublishRouteEnabled) "enables the Enterprise Edition transit router to
 * automatically advertise routes to the VBR" (ROS docs, ALIYUN::CEN::TransitRouterVbrAttachment,
 * https://www.alibabacloud.com/help/en/resource-orchestration-service/latest/aliyun-cen-transitroutervbrattachment),
 * the routes of the table the attachment is associated with ("the transit router
 * forwards traffic based on the routes in the route table": CEN docs, How transit routers
 * work). That a static entry is among the advertised routes is how the checker and the
 * packet twin read those docs, not a sentence of them: the twin and the emulator confirm
 * these stages against that model, not against the cloud. The halves are more specific
 * than the VBR's own entry, so no conflict keeps them out and the VBR forwards by them at
 * once (longest prefix). A static entry's destination, next hop and table are ForceNew
 * (alicloud/resource_alicloud_cen_transit_router_route_entry.go:37-61), so each half is a
 * resource of its own, created in stage 2 and destroyed in stage 4. A prefix head publishes only by propagation has no static entry to
 * copy: the proof then refuses the migration, naming the VBR and the prefix.
 */
import { Attrs } from "../tfjson";
import { isCidr, parseCidr } from "../topology/cidr";
import { halves, MigrationRefused, ROUTE_ENTRY } from "./routes";
import { ResourceSet, typeOf } from "./stack-json";

export const TR_ROUTE_ENTRY = "alicloud_cen_transit_router_route_entry";
const VBR_ATTACHMENT = "alicloud_cen_transit_router_vbr_attachment";
const ASSOCIATION = "alicloud_cen_transit_router_route_table_association";

/** The VBR address of a route table reference `${alicloud_express_connect_virtual_border_router.X.route_table_id}`. */
function vbrOfTable(ref: unknown): string | undefined {
  const m = /^\$\{(alicloud_express_connect_virtual_border_router\.[\w-]+)\.route_table_id\}$/.exec(String(ref));
  return m?.[1];
}

const ofType = (set: ResourceSet, type: string): [string, Attrs][] => [...set].filter(([a]) => typeOf(a) === type);

/** The transit-router tables whose routes head publishes to a VBR: those its publishing attachments are associated with. */
function publishingTables(head: ResourceSet, vbr: string): Set<string> {
  const attachments = ofType(head, VBR_ATTACHMENT)
    .filter(([, b]) => b.vbr_id === `\${${vbr}.id}` && b.auto_publish_route_enabled === true)
    .map(([a]) => `\${${a}.transit_router_attachment_id}`);
  return new Set(
    ofType(head, ASSOCIATION)
      .filter(([, b]) => attachments.includes(String(b.transit_router_attachment_id)))
      .map(([, b]) => String(b.transit_router_route_table_id)),
  );
}

/** VBR route entries of base whose table and destination head no longer holds, by destination, per VBR. */
function deletedVbrRoutes(base: ResourceSet, head: ResourceSet): { vbr: string; destination: string }[] {
  const key = (b: Attrs) => `${JSON.stringify(b.route_table_id)} ${String(b.destination_cidrblock)}`;
  const kept = new Set(ofType(head, ROUTE_ENTRY).map(([, b]) => key(b)));
  const out: { vbr: string; destination: string }[] = [];
  for (const [, b] of ofType(base, ROUTE_ENTRY)) {
    const vbr = vbrOfTable(b.route_table_id);
    if (vbr !== undefined && !kept.has(key(b))) out.push({ vbr, destination: String(b.destination_cidrblock) });
  }
  return out;
}

/** Head's static entry, once per half of its destination (`<address>_migrate_lo|hi`). */
function halvesOf(address: string, body: Attrs): ResourceSet {
  const destination = String(body.transit_router_route_entry_destination_cidr_block);
  const d = parseCidr(destination);
  if (!isCidr(d) || d.prefix >= 32)
    throw new MigrationRefused(
      `${address}: destination "${destination}" has no more-specific halves to carry its traffic while the VBR's own route goes; allowed: a CIDR block shorter than /32`,
    );
  const { "//": _meta, ...rest } = body;
  const out: ResourceSet = new Map();
  halves(d).forEach((half, i) => {
    const suffix = i === 0 ? "lo" : "hi";
    const named =
      typeof rest.transit_router_route_entry_name === "string"
        ? { transit_router_route_entry_name: `${rest.transit_router_route_entry_name}-migrate-${suffix}` }
        : {};
    out.set(`${address}_migrate_${suffix}`, { ...rest, ...named, transit_router_route_entry_destination_cidr_block: half.text });
  });
  return out;
}

/**
 * The temporary transit-router entries that carry the traffic of every VBR route entry
 * head deletes while head's transit router publishes the same prefix by a static entry.
 */
export function publishedSpecifics(base: ResourceSet, head: ResourceSet): ResourceSet {
  const out: ResourceSet = new Map();
  const entries = ofType(head, TR_ROUTE_ENTRY);
  for (const { vbr, destination } of deletedVbrRoutes(base, head)) {
    const tables = publishingTables(head, vbr);
    for (const [address, body] of entries)
      if (tables.has(String(body.transit_router_route_table_id)) && body.transit_router_route_entry_destination_cidr_block === destination)
        for (const [a, b] of halvesOf(address, body)) out.set(a, b);
  }
  return out;
}
