/**
 * The single-failure table of a synthesized stack: for each failure element
 * (`failures.ts`), the promised pairs of networks it cuts. The reachability checker runs
 * once with nothing down and once per element with that element's resources down
 * (failure-aware forwarding: a VPN gateway's standby route takes over from a down active
 * connection, a health-checked ECMP member is withdrawn, a static route towards a dead
 * next hop drops); a pair is cut when it is delivered with nothing down and not with the
 * element down. An element that cuts any pair is a single point of failure.
 */
import { TfStack, StackJson } from "../tfjson";
import { failureElements, FailureElement, siteResources } from "./failures";
import { checkReachability, INTERNET_NETWORK, Sites } from "./reachability";

export interface ResilienceRow {
  readonly element: FailureElement;
  /** `from->to` pairs promised, delivered with nothing down, and not delivered with this element down (sorted). */
  readonly pairsCut: readonly string[];
  /** Offices and IDCs that lose a promised pair with a VPC (sorted). */
  readonly sitesCut: readonly string[];
  /** Offices and IDCs this element is part of the own attachment of (their links, lines, VBRs). */
  readonly ownedBy: readonly string[];
}

export interface ResilienceTable {
  readonly rows: readonly ResilienceRow[];
  /** The pairs held to (`from->to`), sorted. */
  readonly promised: readonly string[];
  /** Rows that cut at least one pair. */
  readonly singlePoints: readonly ResilienceRow[];
}

/** A pair `[from, to]` as the report keys it. */
const key = (p: readonly [string, string]) => `${p[0]}->${p[1]}`;

/**
 * The table for one stack.
 * @param promised ordered pairs that must stay delivered @default - every pair delivered with nothing down
 */
export function resilienceTable(
  stack: StackJson | TfStack,
  sites: Sites = {},
  promised?: readonly (readonly [string, string])[],
): ResilienceTable {
  const s = stack instanceof TfStack ? stack : new TfStack(stack);
  const base = checkReachability(s, sites);
  const held = (promised ? promised.map(key) : [...base.delivered]).filter((p) => base.delivered.has(p)).sort();
  const heldSet = new Set(held);
  const siteNames = new Set([...(sites.offices ?? []), ...(sites.idcs ?? [])].map((x) => x.name));
  const isVpc = (n: string) => !siteNames.has(n) && n !== INTERNET_NETWORK;
  const owner = siteResources(s, sites);
  const rows = failureElements(s, sites).map((element): ResilienceRow => {
    const failed = checkReachability(s, sites, { down: new Set(element.resources) });
    // what the failure loses, compared matrix to matrix, then only the pairs held to
    const pairsCut = base.deliveredOnlyHere(failed).filter((p) => heldSet.has(p));
    const withVpc = pairsCut.map((p) => p.split("->") as [string, string]).filter(([a, b]) => isVpc(a) || isVpc(b));
    const sitesCut = [...new Set(withVpc.flat().filter((n) => siteNames.has(n)))].sort();
    const ownedBy = [...new Set(element.resources.flatMap((r) => owner.get(r) ?? []))].sort();
    return { element, pairsCut, sitesCut, ownedBy };
  });
  return { rows, promised: held, singlePoints: rows.filter((r) => r.pairsCut.length > 0) };
}

/** One redundant site that a single element cuts off. */
export interface RedundancyViolation {
  readonly site: string;
  readonly element: string;
  /** The site's promised pairs the element cuts. */
  readonly pairs: readonly string[];
}

/**
 * For each site that must survive any single failure of its own attachment, every
 * element of that attachment (one of its VPN links, its leased lines, the vbr links and
 * transit-router attachments of its VBRs) that cuts one of its promised pairs. Shared
 * elements (a VPN gateway, a VPC interconnect, another site's link) are in the table
 * for every site they cut, and are not the redundant site's to fix.
 */
export function redundancyViolations(table: ResilienceTable, redundantSites: readonly string[]): RedundancyViolation[] {
  return redundantSites.flatMap((site) =>
    table.rows
      .filter((r) => r.ownedBy.includes(site) && r.pairsCut.some((p) => p.split("->").includes(site)))
      .map((r) => ({ site, element: r.element.id, pairs: r.pairsCut.filter((p) => p.split("->").includes(site)) })),
  );
}

/** `N elements, K single points of failure`, with singulars where N or K is 1. */
export function countLine(elements: number, single: number): string {
  return `${elements} element${elements === 1 ? "" : "s"}, ${single} single point${single === 1 ? "" : "s"} of failure`;
}

/**
 * The table as text: one row per element, then `N elements, K single points of failure`.
 * @param pairs also list, under the table, the pairs each single point of failure cuts @default false
 */
export function renderResilience(table: ResilienceTable, pairs = false): string {
  const head = ["element", "pairs cut", "sites cut off"];
  const cells = table.rows.map((r) => [r.element.id, String(r.pairsCut.length), r.sitesCut.join(", ") || "-"]);
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(width[i]!))).join(" | ");
  const out = [line(head), ...cells.map(line)];
  if (pairs) for (const r of table.singlePoints) out.push(`  ${r.element.id} cuts ${r.pairsCut.join(", ")}`);
  out.push(countLine(table.rows.length, table.singlePoints.length));
  return `${out.join("\n")}\n`;
}
