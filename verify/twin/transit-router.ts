/**
 * The packet twin's transit routers (CEN Enterprise Edition), from the synthesized JSON
 * only. Each `alicloud_cen_transit_router` becomes a router namespace; each of its
 * `alicloud_cen_transit_router_route_table`s becomes a Linux routing table of its own,
 * and the table a packet is looked up in is chosen by the interface it came in through
 * (an `ip rule iif <attachment> lookup <table>` per
 * `alicloud_cen_transit_router_route_table_association`), as on a TR: the transit router
 * "queries the route table [the network instance is associated with] to forward network
 * traffic for the network instance", and each one "can be associated only with one route
 * table" (CEN docs, "Associated forwarding",
 * https://alibabacloud.com/help/en/cen/user-guide/associated-forwarding). A packet
 * entering through an attachment without association matches no rule and finds only the
 * main table, which holds no route: it dies there.
 *
 * - VPC and VBR attachments are veth links between the VPC's (VBR's) router and the TR;
 *   a peer attachment is one link between the TRs of its two regions, associated on each
 *   side separately.
 * - `alicloud_cen_transit_router_route_table_propagation` of a VPC attachment installs
 *   the VPC's vSwitch CIDRs (its system routes, not its custom route entries: CEN docs,
 *   "Advertise routes of a VPC to a transit router", https://www.alibabacloud.com/help/doc-detail/86980.htm,
 *   as TR_PROPAGATION in lib/topology/transit-router-facts.ts records); of a VBR
 *   attachment, the VBR's routes towards its IDC (the IDC's prefixes). Peer attachments
 *   propagate nothing.
 * - `alicloud_cen_transit_router_route_entry` rows: next hop `Attachment` as a route
 *   through that attachment's link, `BlackHole` as a blackhole route. For a static and a
 *   propagated route with the same prefix the twin keeps the static one: that order is
 *   the twin's choice, not a sourced fact (the stacks never hold both).
 * - A VBR attachment with `auto_publish_route_enabled = true` ("the Enterprise Edition
 *   transit router automatically advertises routes to the VBR": provider docs,
 *   website/docs/r/cen_transit_router_vbr_attachment.html.markdown:79 v1.240.0): the VBR
 *   learns every route of the table its attachment is associated with, except those
 *   through itself, as static routes on the VBR (the VBR's BGP also announces them to
 *   the IDC).
 */
import * as ipaddr from "ipaddr.js";
import { Attrs, Resource, TfStack } from "../../lib/tfjson";

/** How a TR reaches one of its attachments. */
export type TrAttachmentKind = "vpc" | "vbr" | "peer";

/** One route of a TR route table; no `attachment` means a blackhole. */
export interface TwinTrRoute {
  readonly dest: string;
  /** The attachment's address (`<type>.<name>`). @default - a blackhole route */
  readonly attachment?: string;
  /**
   * Further attachments propagating the same prefix into the table (a data center's
   * further lines): equal-cost paths while all are up. @default - none
   */
  readonly alsoVia?: readonly string[];
  /** Where the route comes from: a propagation or a route entry, by address. */
  readonly from: string;
}
export interface TwinTrTable {
  /** `alicloud_cen_transit_router_route_table.<name>`. */
  readonly address: string;
  readonly name: string;
  /** The Linux routing table that stands for it. */
  readonly table: string;
  readonly routes: readonly TwinTrRoute[];
}
/** One end of an attachment on one TR (a peer attachment has an end on each of its TRs). */
export interface TwinTrAttachment {
  readonly address: string;
  readonly kind: TrAttachmentKind;
  readonly name: string;
  /** The TR's interface on the attachment's link. */
  readonly dev: string;
  /** The TR's address on that link (the VPC's next hop towards the TR). */
  readonly ip: string;
  /** The namespace at the other end: the VPC's or VBR's router, or the peer TR. */
  readonly far: string;
  /** The far end's address on the link. */
  readonly farIp: string;
  /** The table this end is associated with, by address. @default - no association */
  readonly table?: string;
}
export interface TwinTransitRouter {
  readonly ns: string;
  readonly name: string;
  /** e.g. `tr:us-cn-us-east-1`. */
  readonly label: string;
  readonly tables: readonly TwinTrTable[];
  readonly attachments: readonly TwinTrAttachment[];
}

/** What the TR phase needs from the plan it adds to. */
export interface TrPlanSink {
  ns(label: string): string;
  link(a: string, b: string, why: string): { aIp: string; bIp: string; aIf: string; bIf: string };
  route(ns: string, args: string[], why: string): void;
  rule(ns: string, args: string[], why: string): void;
  newTable(): string;
  /** The router namespace of the VPC or VBR resource, when the plan built one. */
  routerNs(r: Resource): string | undefined;
  /** The VBR's IDC prefixes (what its attachment propagates). */
  idcPrefixes(vbrKey: string): readonly string[];
}

/** What the rest of the plan needs back: next hops for VPC routes and the VBRs' learned routes. */
export interface TrPlanResult {
  readonly routers: readonly TwinTransitRouter[];
  /** VPC route next hop: attachment address -> the VPC/VBR namespace and the TR's address. */
  readonly nextHops: ReadonlyMap<string, { readonly ns: string; readonly via: string }>;
  /** Prefixes each VBR namespace learned from its TR (auto-published), for its BGP announcements. */
  readonly published: ReadonlyMap<string, readonly string[]>;
}

const ATTACHMENT_TYPES: Readonly<Record<string, TrAttachmentKind>> = {
  alicloud_cen_transit_router_vpc_attachment: "vpc",
  alicloud_cen_transit_router_vbr_attachment: "vbr",
  alicloud_cen_transit_router_peer_attachment: "peer",
};

function prefixLength(cidr: string): number {
  return Number(cidr.split("/")[1]);
}

/** The route of `routes` that matches `ip` with the longest prefix. */
export function longestMatch<T extends { readonly dest: string }>(routes: readonly T[], ip: string): T | undefined {
  const addr = ipaddr.IPv4.parse(ip);
  let best: T | undefined;
  for (const r of routes) {
    const [net, len] = ipaddr.IPv4.parseCIDR(r.dest);
    if (addr.match(net, len) && (!best || len > prefixLength(best.dest))) best = r;
  }
  return best;
}

interface Builder {
  readonly tf: TfStack;
  readonly sink: TrPlanSink;
  /** TR address -> its namespace and name. */
  readonly trs: Map<string, { ns: string; name: string }>;
  /** TR address -> its attachment ends. */
  readonly ends: Map<string, TwinTrAttachment[]>;
  /** TR address -> its tables. */
  readonly tables: Map<string, { address: string; name: string; table: string; routes: TwinTrRoute[] }[]>;
  /** Linux table -> the destinations it holds (the first route for a prefix wins). */
  readonly dests: Map<string, Set<string>>;
}

/** Builds every TR of the stack into the plan through `sink`. */
export function planTransitRouters(tf: TfStack, sink: TrPlanSink): TrPlanResult {
  const b: Builder = { tf, sink, trs: new Map(), ends: new Map(), tables: new Map(), dests: new Map() };
  for (const r of tf.resources("alicloud_cen_transit_router")) {
    const name = String(r.attrs.transit_router_name ?? r.name);
    b.trs.set(r.address, { ns: sink.ns(`tr:${name}`), name });
    b.ends.set(r.address, []);
    b.tables.set(r.address, []);
  }
  for (const t of tf.resources("alicloud_cen_transit_router_route_table")) {
    const tr = tf.resolve(t.attrs.transit_router_id, "alicloud_cen_transit_router");
    if (!tr) continue;
    const name = String(t.attrs.transit_router_route_table_name ?? t.name);
    b.tables.get(tr.address)!.push({ address: t.address, name, table: sink.newTable(), routes: [] });
  }
  const nextHops = addAttachments(b);
  addAssociations(b);
  addTableRoutes(b);
  const published = publishToVbrs(b);
  const routers = [...b.trs].map(([addr, t]) => ({
    ns: t.ns,
    name: t.name,
    label: `tr:${t.name}`,
    tables: b.tables.get(addr)!,
    attachments: b.ends.get(addr)!,
  }));
  return { routers, nextHops, published };
}

/** VPC and VBR attachments link their router to the TR; a peer attachment links two TRs. */
function addAttachments(b: Builder): Map<string, { ns: string; via: string }> {
  const nextHops = new Map<string, { ns: string; via: string }>();
  for (const [type, kind] of Object.entries(ATTACHMENT_TYPES)) {
    for (const a of b.tf.resources(type)) {
      const trRes = b.tf.resolve(a.attrs.transit_router_id, "alicloud_cen_transit_router");
      const tr = trRes && b.trs.get(trRes.address);
      if (!trRes || !tr) continue;
      const name = String(a.attrs.transit_router_attachment_name ?? a.attrs.transit_router_vpc_attachment_name ?? a.name);
      const farRes =
        kind === "peer" ? b.tf.resolve(a.attrs.peer_transit_router_id, "alicloud_cen_transit_router") : attachedRouter(b.tf, a, kind);
      const far = farRes && (kind === "peer" ? b.trs.get(farRes.address)?.ns : b.sink.routerNs(farRes));
      if (!farRes || !far) continue;
      const l = b.sink.link(far, tr.ns, `TR ${kind} attachment ${name}`);
      b.ends.get(trRes.address)!.push({ address: a.address, kind, name, dev: l.bIf, ip: l.bIp, far, farIp: l.aIp });
      if (kind === "peer")
        b.ends.get(farRes.address)!.push({ address: a.address, kind, name, dev: l.aIf, ip: l.aIp, far: tr.ns, farIp: l.bIp });
      else nextHops.set(a.address, { ns: far, via: l.bIp });
    }
  }
  return nextHops;
}

function attachedRouter(tf: TfStack, a: Resource, kind: TrAttachmentKind): Resource | undefined {
  switch (kind) {
    case "vpc":
      return tf.resolve(a.attrs.vpc_id, "alicloud_vpc");
    case "vbr":
      return tf.resolve(a.attrs.vbr_id, "alicloud_express_connect_virtual_border_router");
    case "peer":
      return undefined;
    default:
      return assertNeverKind(kind);
  }
}

function assertNeverKind(x: never): never {
  throw new Error(`unexpected attachment kind ${JSON.stringify(x)}`);
}

/** The table and the TR an association or propagation names, and the attachment end on that TR. */
function tableAndEnd(
  b: Builder,
  x: Attrs,
): { tr: string; table: TwinTrTable & { routes: TwinTrRoute[] }; end: TwinTrAttachment } | undefined {
  const t = b.tf.resolve(x.transit_router_route_table_id, "alicloud_cen_transit_router_route_table");
  const att = b.tf.ref(x.transit_router_attachment_id);
  if (!t || !att) return undefined;
  for (const [tr, tables] of b.tables) {
    const table = tables.find((y) => y.address === t.address);
    const end = table && b.ends.get(tr)!.find((e) => e.address === att.address);
    if (table && end) return { tr, table, end };
  }
  return undefined;
}

/** Each association: packets entering through that end are looked up in its table. */
function addAssociations(b: Builder): void {
  for (const x of b.tf.resources("alicloud_cen_transit_router_route_table_association")) {
    const found = tableAndEnd(b, x.attrs);
    if (!found || found.end.table !== undefined) continue; // an attachment has one association per TR
    const ends = b.ends.get(found.tr)!;
    ends[ends.indexOf(found.end)] = { ...found.end, table: found.table.address };
    b.sink.rule(b.trs.get(found.tr)!.ns, ["iif", found.end.dev, "lookup", found.table.table, "pref", "1000"], x.address);
  }
}

/** Static entries first (the twin keeps them over a propagated route for the same prefix), then propagations. */
function addTableRoutes(b: Builder): void {
  for (const e of b.tf.resources("alicloud_cen_transit_router_route_entry")) {
    const t = b.tf.resolve(e.attrs.transit_router_route_table_id, "alicloud_cen_transit_router_route_table");
    const tr = t && [...b.tables].find(([, ts]) => ts.some((y) => y.address === t.address))?.[0];
    if (!t || !tr) continue;
    const table = b.tables.get(tr)!.find((y) => y.address === t.address)!;
    const dest = String(e.attrs.transit_router_route_entry_destination_cidr_block);
    const hop = b.tf.ref(e.attrs.transit_router_route_entry_next_hop_id);
    const blackhole = e.attrs.transit_router_route_entry_next_hop_type === "BlackHole";
    const end = blackhole ? undefined : b.ends.get(tr)!.find((x) => x.address === hop?.address);
    // a next hop not attached to this TR: nothing forwards there, the packet dies
    addTableRoute(b, tr, table, { dest, attachment: end?.address, from: e.address }, end);
  }
  // one prefix propagated by several attachments into one table: one route over all of them
  const groups = new Map<
    string,
    { tr: string; table: TwinTrTable & { routes: TwinTrRoute[] }; dest: string; ends: TwinTrAttachment[]; from: string[] }
  >();
  for (const x of b.tf.resources("alicloud_cen_transit_router_route_table_propagation")) {
    const found = tableAndEnd(b, x.attrs);
    if (!found || found.end.kind === "peer") continue;
    for (const dest of propagatedPrefixes(b, found.end)) {
      const key = `${found.table.table} ${dest}`;
      const g = groups.get(key) ?? { tr: found.tr, table: found.table, dest, ends: [], from: [] };
      groups.set(key, { ...g, ends: [...g.ends, found.end], from: [...g.from, x.address] });
    }
  }
  for (const g of groups.values()) {
    const [first, ...more] = g.ends;
    const r = { dest: g.dest, attachment: first!.address, from: g.from.join(" + ") };
    addTableRoute(b, g.tr, g.table, more.length > 0 ? { ...r, alsoVia: more.map((e) => e.address) } : r, g.ends);
  }
}

/**
 * `ip route` arguments for `dest` in Linux table `table` through `ends`: one next hop, or
 * an equal-cost route over several (a TR learning a prefix from several attachments uses
 * them all while they are up); none, unreachable (every member withdrawn).
 */
export function trRouteArgs(dest: string, table: string, ends: readonly { readonly farIp: string; readonly dev: string }[]): string[] {
  if (ends.length === 0) return ["unreachable", dest, "table", table];
  if (ends.length === 1) return [dest, "via", ends[0]!.farIp, "dev", ends[0]!.dev, "table", table];
  return [dest, "table", table, ...ends.flatMap((e) => ["nexthop", "via", e.farIp, "dev", e.dev])];
}

function addTableRoute(
  b: Builder,
  tr: string,
  table: { table: string; routes: TwinTrRoute[] },
  r: TwinTrRoute,
  end?: TwinTrAttachment | readonly TwinTrAttachment[],
): void {
  const dests = b.dests.get(table.table) ?? new Set<string>();
  b.dests.set(table.table, dests);
  if (dests.has(r.dest)) return;
  dests.add(r.dest);
  table.routes.push(r);
  const ns = b.trs.get(tr)!.ns;
  const ends = end === undefined ? [] : Array.isArray(end) ? (end as readonly TwinTrAttachment[]) : [end as TwinTrAttachment];
  const args = ends.length > 0 ? trRouteArgs(r.dest, table.table, ends) : ["blackhole", r.dest, "table", table.table];
  b.sink.route(ns, args, r.from);
}

/** What a VPC attachment (its vSwitch CIDRs) or a VBR attachment (its IDC prefixes) propagates. */
function propagatedPrefixes(b: Builder, end: TwinTrAttachment): readonly string[] {
  const a = b.tf.get(end.address);
  if (!a) return [];
  switch (end.kind) {
    case "vpc": {
      const vpc = b.tf.resolve(a.attrs.vpc_id, "alicloud_vpc");
      return vpc ? b.tf.referrers("alicloud_vswitch", "vpc_id", vpc).map((s) => String(s.attrs.cidr_block)) : [];
    }
    case "vbr": {
      const vbr = b.tf.resolve(a.attrs.vbr_id, "alicloud_express_connect_virtual_border_router");
      return vbr ? b.sink.idcPrefixes(vbr.name) : [];
    }
    case "peer":
      return [];
    default:
      return assertNeverKind(end.kind);
  }
}

/** VBR attachments with auto_publish_route_enabled: the VBR learns its associated table. */
function publishToVbrs(b: Builder): Map<string, string[]> {
  const published = new Map<string, string[]>();
  for (const [tr, ends] of b.ends) {
    for (const end of ends.filter((e) => e.kind === "vbr" && e.table !== undefined)) {
      if (b.tf.get(end.address)?.attrs.auto_publish_route_enabled !== true) continue;
      const table = b.tables.get(tr)!.find((t) => t.address === end.table)!;
      const learned = table.routes.filter((r) => r.attachment !== end.address && !(r.alsoVia ?? []).includes(end.address));
      for (const r of learned) b.sink.route(end.far, [r.dest, "via", end.ip], `${end.address} auto-publishes ${r.from}`);
      published.set(end.far, [...(published.get(end.far) ?? []), ...learned.map((r) => r.dest)]);
    }
  }
  return published;
}

/**
 * Why a pair fails on the TRs, for either direction, when it does: the packet enters a
 * TR through an attachment without association, or the table it is looked up in has no
 * route (or a blackhole) for the destination. The walk starts where the source's router
 * (its VPC, or the VBR of its IDC) routes the destination to a TR, and follows peer
 * attachments; it ends at a VPC or VBR attachment.
 * @returns undefined when the TRs on the way forward the pair, or it does not cross one
 */
export function missingTransitRoute(plan: TransitPlanView, from: string, to: string): string | undefined {
  const net = (n: string) => plan.networks.find((x) => x.name === n);
  for (const [src, dst, dir] of [
    [from, to, ""],
    [to, from, "the reply: "],
  ] as const) {
    const [s, d] = [net(src), net(dst)];
    if (!s?.home || !d) continue;
    const why = walkTransit(plan, s.home, d.ip, dst);
    if (why) return `${dir}${why}`;
  }
  return undefined;
}

/** The plan as the blame needs it (a subset of TwinPlan). */
export interface TransitPlanView {
  readonly networks: readonly { readonly name: string; readonly ip: string; readonly home?: string }[];
  readonly routes: readonly { readonly ns: string; readonly args: readonly string[] }[];
  readonly transitRouters: readonly TwinTransitRouter[];
}

/** The TR the router `home` sends `ip` to (by its main-table routes), and the attachment it enters through. */
function entry(plan: TransitPlanView, home: string, ip: string): { tr: TwinTransitRouter; end: TwinTrAttachment } | undefined {
  const routes = plan.routes.filter((r) => r.ns === home && !r.args.includes("table")).flatMap(mainRoute);
  const best = longestMatch(routes, ip);
  for (const tr of plan.transitRouters) {
    const end = tr.attachments.find((a) => a.far === home && a.ip === best?.via);
    if (end) return { tr, end };
  }
  return undefined;
}

/** A main-table route as destination and next hop (`unreachable`/`blackhole` routes have none). */
function mainRoute(r: { readonly args: readonly string[] }): { dest: string; via?: string }[] {
  const [first, second, third] = r.args;
  const dest = (x: string | undefined) => (x === "default" ? "0.0.0.0/0" : x);
  if (first === "unreachable" || first === "blackhole") return [{ dest: dest(second)! }];
  const d = dest(first);
  return d && /\/\d+$/.test(d) ? [{ dest: d, via: second === "via" ? third : undefined }] : [];
}

function walkTransit(plan: TransitPlanView, home: string, ip: string, dst: string): string | undefined {
  let at = entry(plan, home, ip);
  for (let hops = 0; at && hops <= plan.transitRouters.length; hops++) {
    const { tr, end } = at;
    if (end.table === undefined)
      return `transit router ${tr.name} (${tr.label}): attachment ${end.name} (${end.address}) has no route table association, so what enters through it is dropped`;
    const table = tr.tables.find((t) => t.address === end.table)!;
    const r = longestMatch(table.routes, ip);
    const where = `transit router ${tr.name} (${tr.label}): route table ${table.name} (${table.address}), looked up for packets entering through ${end.name}`;
    if (!r) return `${where}, has no route to ${dst} (${ip}): no propagation or alicloud_cen_transit_router_route_entry covers it`;
    const out = r.attachment && tr.attachments.find((a) => a.address === r.attachment);
    if (!out) return `${where}, blackholes ${dst} (${ip}) (${r.from})`;
    if (out.kind !== "peer") return undefined;
    const next = plan.transitRouters.find((t) => t.ns === out.far);
    const nextEnd = next?.attachments.find((a) => a.address === out.address);
    at = next && nextEnd ? { tr: next, end: nextEnd } : undefined;
  }
  return undefined;
}
