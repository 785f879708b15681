/**
 * The route entries a migration moves, and the more-specific routes that carry their
 * traffic while they move.
 *
 * An `alicloud_route_entry` is replaced, not updated, when its next hop changes: every
 * argument of the resource is ForceNew (terraform-provider-alicloud,
 * alicloud/resource_alicloud_route_entry.go:22-52), and
 * Terraform destroys the live entry before it creates the successor. A VPC or VBR router
 * forwards by the longest matching prefix (CreateRouteEntry API docs: "the route with the
 * longest prefix is matched first"), so two halves of a destination routed through the
 * new path take its traffic while the entry for the whole destination is replaced.
 */
import { Attrs } from "../tfjson";
import { Cidr, cidr, isCidr, parseCidr } from "../topology/cidr";
import { QUOTAS } from "../topology/quotas";
import { bodyText, ResourceSet, typeOf } from "./stack-json";

export const ROUTE_ENTRY = "alicloud_route_entry";

/** A destination of one route table whose route differs between base and head. */
export interface MovedRoute {
  /** The table reference as synthesized, e.g. `${alicloud_vpc.us-vpc.route_table_id}`. */
  readonly table: string;
  readonly destination: string;
  readonly baseAddress: string;
  readonly headAddress: string;
  readonly headBody: Attrs;
}

/** Why a migration has no safe order: the fact that blocks it. */
export class MigrationRefused extends Error {}

const tableOf = (body: Attrs): string => JSON.stringify(body.route_table_id);
const keyOf = (body: Attrs): string => `${tableOf(body)} ${String(body.destination_cidrblock)}`;

/** Route entries by `table destination`. */
function routesByKey(resources: ResourceSet): Map<string, { address: string; body: Attrs }> {
  const out = new Map<string, { address: string; body: Attrs }>();
  for (const [address, body] of resources) if (typeOf(address) === ROUTE_ENTRY) out.set(keyOf(body), { address, body });
  return out;
}

/** Destinations routed in both states whose entry changes (next hop, address or any argument). */
export function movedRoutes(base: ResourceSet, head: ResourceSet): MovedRoute[] {
  const before = routesByKey(base);
  const out: MovedRoute[] = [];
  for (const [key, h] of routesByKey(head)) {
    const b = before.get(key);
    if (!b || (b.address === h.address && bodyText(b.body) === bodyText(h.body))) continue;
    out.push({
      table: tableOf(h.body),
      destination: String(h.body.destination_cidrblock),
      baseAddress: b.address,
      headAddress: h.address,
      headBody: h.body,
    });
  }
  return out;
}

/** Head's route entries for destinations base does not route at all. */
export function newRoutes(base: ResourceSet, head: ResourceSet): ResourceSet {
  const before = routesByKey(base);
  const out: ResourceSet = new Map();
  for (const [key, h] of routesByKey(head)) if (!before.has(key)) out.set(h.address, h.body);
  return out;
}

/** The two halves of a block (`10.0.0.0/16` -> `10.0.0.0/17`, `10.0.128.0/17`). */
export function halves(block: Cidr): [Cidr, Cidr] {
  const next = block.prefix + 1;
  const start = block.address.toByteArray().reduce((n, b) => n * 256 + b, 0);
  const text = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
  return [cidr(`${text(start)}/${next}`), cidr(`${text(start + 2 ** (32 - next))}/${next}`)];
}

/** The temporary entries for one moved route: head's entry for each half of its destination. */
function specificsOf(m: MovedRoute): ResourceSet {
  const d = parseCidr(m.destination);
  if (!isCidr(d)) throw new MigrationRefused(`route ${m.headAddress}: destination "${m.destination}" is not a CIDR block`);
  if (d.prefix >= 32)
    throw new MigrationRefused(
      `route ${m.headAddress} to ${m.destination} in table ${m.table}: a /32 has no more-specific prefix to carry its traffic while the entry is replaced`,
    );
  const { "//": _meta, ...body } = m.headBody;
  const out: ResourceSet = new Map();
  halves(d).forEach((half, i) => {
    const suffix = i === 0 ? "lo" : "hi";
    const named = typeof body.name === "string" ? { name: `${body.name}-migrate-${suffix}` } : {};
    out.set(`${m.headAddress}_migrate_${suffix}`, { ...body, ...named, destination_cidrblock: half.text });
  });
  return out;
}

/** The more-specific entries of every moved route, by address. */
export function moreSpecifics(moved: readonly MovedRoute[]): ResourceSet {
  const out: ResourceSet = new Map();
  for (const m of moved) for (const [a, b] of specificsOf(m)) out.set(a, b);
  return out;
}

/**
 * Refuses a state that puts more custom entries into one route table than the quota
 * allows (CreateRouteEntry would refuse the entry at apply).
 */
export function checkRouteQuota(resources: ResourceSet, quota: number, stage: string): void {
  const count = new Map<string, number>();
  for (const [address, body] of resources)
    if (typeOf(address) === ROUTE_ENTRY) count.set(tableOf(body), (count.get(tableOf(body)) ?? 0) + 1);
  for (const [table, n] of count) {
    if (n <= quota) continue;
    const q = QUOTAS.routeEntriesPerTable;
    throw new MigrationRefused(
      `${stage} needs ${n} custom route entries in route table ${table}; the ${q.name} quota is ${quota} (${q.source}), ` +
        `so the more-specific routes that keep traffic flowing do not fit; allowed: at most ${quota}; to raise it, ${q.raise} and pass --route-quota`,
    );
  }
}
