/**
 * netdiff's view of transit routers (TRs): static TR route entries, route-table
 * associations and propagations as rows of the route-entry table (in the TR's words:
 * "TR us-cn-us-east-1 | added | 10.20.10.0/24 | peer attachment ..."), and TRs or TR
 * attachments destroyed or replaced, with what that cuts. Reads the JSON through
 * lib/tfjson only, like the rest of netdiff.
 */
import { Resource, TfStack, TrAttachment, TransitRouterReader } from "../tfjson";
import { ResourceChange } from "./changes";
import { GatewayChange, RouteRow } from "./netdiff-types";

/** The name a route table goes by: its TR's, plus its own when the TR has several. */
function tableNames(r: TransitRouterReader): Map<string, string> {
  const perTr = new Map<string | undefined, number>();
  for (const t of r.tables()) perTr.set(r.tableRouter(t), (perTr.get(r.tableRouter(t)) ?? 0) + 1);
  return new Map(
    r.tables().map((t) => {
      const tr = r.tableRouter(t);
      const own = perTr.get(tr) === 1 ? "" : `/${String(t.attrs.transit_router_route_table_name ?? t.name)}`;
      return [t.address, `TR ${r.routerName(tr)}${own}`];
    }),
  );
}

function entryRow(r: TransitRouterReader, e: Resource, table: string): RouteRow {
  const type = e.attrs.transit_router_route_entry_next_hop_type;
  const hop = r.attachment(e.attrs.transit_router_route_entry_next_hop_id);
  const nextHop =
    type === "BlackHole" ? "blackhole" : hop ? r.label(hop) : `${String(type)} ${String(e.attrs.transit_router_route_entry_next_hop_id)}`;
  return { address: e.address, table, destination: String(e.attrs.transit_router_route_entry_destination_cidr_block), nextHop };
}

/** What a propagation installs, in words. */
function propagated(a: TrAttachment | undefined, r: TransitRouterReader): string {
  if (!a) return "routes of an unknown attachment";
  return a.kind === "vpc" ? `vSwitch CIDR blocks of ${r.label(a)}` : `routes of ${r.label(a)}`;
}

/** TR route entries, associations and propagations as route rows, by address. */
export function trRouteRows(s: TfStack): RouteRow[] {
  const r = new TransitRouterReader(s);
  if (!r.hasAny()) return [];
  const names = tableNames(r);
  const tableOf = (address: string | undefined) => (address === undefined ? undefined : names.get(address)) ?? "TR (unknown route table)";
  const rows: RouteRow[] = r.routeEntries().map((e) => entryRow(r, e, tableOf(r.entryTable(e))));
  for (const b of r.associations()) {
    const what = b.attachment ? r.label(b.attachment) : "an unknown attachment";
    rows.push({
      address: b.resource.address,
      table: tableOf(b.table),
      destination: `traffic entering through ${what}`,
      nextHop: "looked up here (association)",
      label: `association ${what}`,
    });
  }
  for (const b of r.propagations()) {
    const what = propagated(b.attachment, r);
    rows.push({
      address: b.resource.address,
      table: tableOf(b.table),
      destination: what,
      nextHop: "installed here (propagation)",
      label: `propagation ${what}`,
    });
  }
  return rows;
}

/** Why losing a TR or an attachment matters. */
const CUTS: Readonly<Record<"transit router" | "TR attachment", string>> = {
  "transit router": "its route tables, attachments and routes go with it",
  "TR attachment": "traffic through it stops until its successor is associated and propagates again",
};

/** TRs and TR attachments of the base destroyed or replaced. */
export function trGatewayChanges(base: TfStack, classes: ReadonlyMap<string, ResourceChange>): GatewayChange[] {
  const r = new TransitRouterReader(base);
  const out: GatewayChange[] = [];
  const lost = (a: string) => (classes.get(a) === "removed" ? "destroyed" : classes.get(a) === "replaced" ? "replaced" : undefined);
  for (const t of r.routers()) {
    const change = lost(t.address);
    if (change) out.push({ kind: "transit router", name: r.routerName(t.address), address: t.address, change, offices: [] });
  }
  for (const a of r.allAttachments()) {
    const change = lost(a.resource.address);
    if (change) out.push({ kind: "TR attachment", name: r.label(a), address: a.resource.address, change, offices: [] });
  }
  return out;
}

/** What a destroyed or replaced TR or TR attachment cuts. */
export function trChangeMeaning(kind: "transit router" | "TR attachment"): string {
  return CUTS[kind];
}
