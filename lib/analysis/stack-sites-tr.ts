/**
 * IDC prefixes behind transit routers, read back from a synthesized stack: a VPC route
 * towards its TR attachment whose destination is no VPC and no office is followed through
 * the TR tables (the associated table, static entries by longest prefix, peer attachments
 * to the other side) to the VBR attachment that carries it: a static entry towards it, or
 * else the VBR attachment propagating into the table reached (its routes are the IDC's
 * prefixes, which only the data center knows). Used by `stack-sites.ts`.
 */
import { TfStack, TrAttachment, TransitRouterReader } from "../tfjson";
import { Cidr, contains, isCidr, parseCidr } from "../topology/cidr";

interface TrIndex {
  readonly reader: TransitRouterReader;
  /** `<attachment address> <TR address>` -> table address. */
  readonly associated: Map<string, string>;
  /** Table address -> its static entries (destination, next-hop attachment). */
  readonly entries: Map<string, { readonly dest: Cidr; readonly hop?: TrAttachment }[]>;
  /** Table address -> VBR attachments propagating into it. */
  readonly vbrPropagations: Map<string, TrAttachment[]>;
  /** Table address -> TR address. */
  readonly tableTr: Map<string, string | undefined>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function indexOf(s: TfStack): TrIndex {
  const reader = new TransitRouterReader(s);
  const tableTr = new Map(reader.tables().map((t) => [t.address, reader.tableRouter(t)]));
  const associated = new Map<string, string>();
  for (const b of reader.associations())
    if (b.attachment && b.table) associated.set(`${b.attachment.resource.address} ${tableTr.get(b.table)}`, b.table);
  const entries = new Map<string, { dest: Cidr; hop?: TrAttachment }[]>();
  for (const e of reader.routeEntries()) {
    const [table, dest] = [reader.entryTable(e), parseCidr(String(e.attrs.transit_router_route_entry_destination_cidr_block))];
    if (table !== undefined && isCidr(dest))
      push(entries, table, { dest, hop: reader.attachment(e.attrs.transit_router_route_entry_next_hop_id) });
  }
  const vbrPropagations = new Map<string, TrAttachment[]>();
  for (const b of reader.propagations()) if (b.attachment?.kind === "vbr" && b.table) push(vbrPropagations, b.table, b.attachment);
  return { reader, associated, entries, vbrPropagations, tableTr };
}

/**
 * The VBR resource names that carry `d` when it enters the TRs through VPC attachment `a`:
 * a static entry's VBR, or every VBR attachment propagating into the table reached (the
 * lines of a dual-homed data center).
 */
function vbrsFor(ix: TrIndex, a: TrAttachment, d: Cidr): string[] {
  let table = ix.associated.get(`${a.resource.address} ${a.router}`);
  for (let hops = 0; table !== undefined && hops < ix.tableTr.size + 1; hops++) {
    // a shorter static entry towards a VPC attachment is a VPN backup's supernet: while the
    // line is up, the route it propagates for `d` is more specific and wins
    const backup = (e: { dest: Cidr; hop?: TrAttachment }) => e.hop?.kind === "vpc" && e.dest.prefix < d.prefix;
    const best = (ix.entries.get(table) ?? [])
      .filter((e) => contains(e.dest, d) && !backup(e))
      .sort((x, y) => y.dest.prefix - x.dest.prefix)[0];
    if (!best) return (ix.vbrPropagations.get(table) ?? []).flatMap((v) => (v.instance ? [v.instance.name] : []));
    const hop = best.hop;
    if (hop?.kind === "vbr") return hop.instance ? [hop.instance.name] : [];
    if (hop?.kind !== "peer") return [];
    const here = ix.tableTr.get(table);
    const there = here === hop.router ? hop.peerRouter : hop.router;
    table = ix.associated.get(`${hop.resource.address} ${there}`);
  }
  return [];
}

/**
 * VBR resource name -> destinations VPC tables send into the TRs that end at that VBR,
 * leaving out destinations `known` says are VPCs or offices.
 */
export function trIdcDestinations(s: TfStack, known: (d: Cidr) => boolean): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const ix = indexOf(s);
  if (!ix.reader.hasAny()) return out;
  for (const e of s.resources("alicloud_route_entry")) {
    const a = e.attrs.nexthop_type === "Attachment" ? ix.reader.attachment(e.attrs.nexthop_id) : undefined;
    const d = parseCidr(String(e.attrs.destination_cidrblock));
    if (a?.kind !== "vpc" || !isCidr(d) || known(d)) continue;
    for (const vbr of vbrsFor(ix, a, d)) out.set(vbr, (out.get(vbr) ?? new Set()).add(d.text));
  }
  return out;
}
