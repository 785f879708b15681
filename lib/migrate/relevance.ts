/**
 * Which operations of an apply can change whether a packet reaches one destination
 * network: the cut that makes checking every reachable state of a stage cheap.
 *
 * Why the cut is sound. The checker (`lib/analysis/reachability.ts`) decides a pair
 * `from -> to` by walking one packet addressed to `to`'s probe address (its first
 * block's first address; the internet's is a public one) router by router: every router
 * picks the longest route whose destination block holds that address, the source enters
 * at the first of its routers that has such a route, and only SNAT (a NAT gateway's
 * entries, not a route) looks at the source. So an operation cannot change the walk when:
 * - it creates, destroys or updates a route entry whose block does not hold the probe
 *   address (never picked). Route entries are `alicloud_route_entry`
 *   (`destination_cidrblock`; one whose next hop is the physical connection, `PhysicalConnection`
 *   or `VBR`, also makes its VBR deliver to its data center at all, so it always counts),
 *   `alicloud_vpn_route_entry` (`route_dest`) and the transit routers' static entries;
 * - it is an `alicloud_route_entry` of a table where a longer entry holding the address
 *   stands in every state (no operation touches it): the longer one is picked;
 * - it builds transit routers (`alicloud_cen_*`: instance, routers, tables, attachments,
 *   associations, propagations, static entries) while no walk towards the address can
 *   enter one in any state. The checker's walks enter a transit router only through a
 *   VPC route entry of next-hop type `Attachment` holding the address (not standing in
 *   the shadow of a longer one), or from a VBR that learns its table's routes (a VBR
 *   attachment that publishes, in either state: then every such operation counts).
 * Everything else (VPCs, vSwitches, gateways, connections, router interfaces, peerings,
 * NAT and SNAT, and any route whose block does not parse) counts for every destination.
 * So two states that agree on the operations relevant to `to` deliver every pair towards
 * `to` alike, and the states of `idealsOver` over those operations cover every state
 * Terraform can reach, for those pairs. A test compares the cut with every state of whole
 * stages, checked one by one.
 */
import { INTERNET_NETWORK, Sites, ForwardingModel } from "../analysis/reachability";
import { Attrs, StackJson } from "../tfjson";
import { Cidr, cidr, isCidr, overlaps, parseCidr } from "../topology/cidr";
import { TR_TYPES } from "../tfjson";
import { ApplyGraph } from "./apply-order";
import { typeOf } from "./stack-json";

/** Destination field of each route-entry type whose routes only act on their own block. */
const DESTINATION: Readonly<Record<string, string>> = {
  alicloud_route_entry: "destination_cidrblock",
  alicloud_vpn_route_entry: "route_dest",
  [TR_TYPES.routeEntry]: "transit_router_route_entry_destination_cidr_block",
};

/** Resources that only build transit routers (their route entries too). */
const TR_FAMILY: ReadonlySet<string> = new Set(Object.values(TR_TYPES));

/** A next hop that also makes a VBR deliver to its data center (the checker's static route towards the IDC). */
const TOWARDS_IDC = /^(PhysicalConnection|VBR|Vbr)/;

/** The block a resource's routes act on, or undefined when it may act on any destination. */
function scopeOf(address: string, body: Attrs): Cidr | undefined {
  const field = DESTINATION[typeOf(address)];
  if (field === undefined || TOWARDS_IDC.test(String(body.nexthop_type ?? ""))) return undefined;
  const d = parseCidr(String(body[field]));
  return isCidr(d) ? d : undefined;
}

const holds = (block: Cidr, probe: Cidr): boolean => overlaps(block, probe);
const tableOf = (body: Attrs): string => JSON.stringify(body.route_table_id);

/** What decides relevance in one apply, beyond each operation's own body. */
interface Context {
  readonly g: ApplyGraph;
  /** VPC and VBR route entries in every state (no operation touches them), by table. */
  readonly standing: ReadonlyMap<string, readonly Cidr[]>;
  /** Tables and blocks of the VPC route entries into a transit router, in either state. */
  readonly intoTr: readonly { readonly table: string; readonly dest: Cidr }[];
  /** Whether a VBR attachment publishes its table to its VBR, in either state. */
  readonly publishing: boolean;
}

function contextOf(g: ApplyGraph): Context {
  const touched = new Set(g.ops.map((o) => o.address));
  const standing = new Map<string, Cidr[]>();
  const intoTr: { table: string; dest: Cidr }[] = [];
  let publishing = false;
  for (const set of [g.prev, g.next])
    for (const [address, body] of set) {
      const type = typeOf(address);
      if (type === TR_TYPES.vbrAttachment && body.auto_publish_route_enabled === true) publishing = true;
      if (type !== "alicloud_route_entry") continue;
      const dest = scopeOf(address, body);
      if (dest === undefined) continue;
      if (body.nexthop_type === "Attachment") intoTr.push({ table: tableOf(body), dest });
      if (set === g.prev && !touched.has(address)) standing.set(tableOf(body), [...(standing.get(tableOf(body)) ?? []), dest]);
    }
  return { g, standing, intoTr, publishing };
}

/** Whether a route of `table` to `dest` is never picked towards `probe`: a longer route there, in every state, holds it. */
const shadowed = (c: Context, table: string, dest: Cidr, probe: Cidr): boolean =>
  (c.standing.get(table) ?? []).some((s) => s.prefix > dest.prefix && holds(s, probe));

/** Whether a walk towards `probe` may enter a transit router in some state. */
const mayEnterTr = (c: Context, probe: Cidr): boolean =>
  c.publishing || c.intoTr.some((r) => holds(r.dest, probe) && !shadowed(c, r.table, r.dest, probe));

/** Whether one body of an operation's resource can change a walk towards `probe`. */
function bodyMatters(c: Context, address: string, body: Attrs, probe: Cidr): boolean {
  const type = typeOf(address);
  if (TR_FAMILY.has(type) && !mayEnterTr(c, probe)) return false;
  const dest = scopeOf(address, body);
  if (dest === undefined) return true;
  if (!holds(dest, probe)) return false;
  return type !== "alicloud_route_entry" || !shadowed(c, tableOf(body), dest, probe);
}

/**
 * The addresses the checker walks towards, per network, in either state (a VPC whose block
 * changes has two), as `/32` blocks.
 */
export function probesByNetwork(prev: StackJson, next: StackJson, sites: Sites): Map<string, Cidr[]> {
  const out = new Map<string, Cidr[]>();
  for (const json of [prev, next]) {
    const model = new ForwardingModel(json, sites);
    for (const name of [...model.networks.keys(), INTERNET_NETWORK]) {
      const ip = model.probe(name);
      const known = out.get(name) ?? [];
      if (ip !== undefined && !known.some((c) => c.address.toString() === ip)) out.set(name, [...known, cidr(`${ip}/32`)]);
    }
  }
  return out;
}

/** For the operations of `g`: which of them (indexes into `g.ops`) can change a walk towards one of `probes`. */
export function relevance(g: ApplyGraph): (probes: readonly Cidr[]) => number[] {
  const c = contextOf(g);
  return (probes) => {
    const out: number[] = [];
    g.ops.forEach((o, i) => {
      const bodies = o.kind === "destroyed" ? [g.prev] : o.kind === "created" ? [g.next] : [g.prev, g.next];
      if (bodies.some((set) => probes.some((p) => bodyMatters(c, o.address, set.get(o.address)!, p)))) out.push(i);
    });
    return out;
  };
}
