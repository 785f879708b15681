/**
 * Redundancy in a netdiff: the single points of failure of a stack's base and head (the
 * single-failure table of `resilience.ts`, every pair delivered with nothing down held
 * to), and the line that says which elements became one or stopped being one. The table
 * runs the checker once per failure element, so a stack with more elements than
 * {@link REDUNDANCY_LIMIT} is not computed (the line says so; `npm run resilience` is).
 */
import { TfStack } from "../tfjson";
import { failureElements } from "./failures";
import { resilienceTable } from "./resilience";
import { sitesFromStack } from "./stack-sites";

/** Failure elements above which a stack's redundancy is left out of the netdiff. */
export const REDUNDANCY_LIMIT = 100;

/** Single points of failure of base and head (element ids, sorted), or how many elements made it too costly. */
export type RedundancyDiff =
  | { readonly kind: "computed"; readonly base: readonly string[]; readonly head: readonly string[] }
  | { readonly kind: "skipped"; readonly elements: number };

function singlePoints(s: TfStack): string[] {
  const sites = sitesFromStack(s);
  return resilienceTable(s, sites)
    .singlePoints.map((r) => r.element.id)
    .sort();
}

/** The single points of failure of both sides of a changed stack. */
export function redundancyDiff(base: TfStack, head: TfStack): RedundancyDiff {
  const elements = Math.max(failureElements(base, sitesFromStack(base)).length, failureElements(head, sitesFromStack(head)).length);
  if (elements > REDUNDANCY_LIMIT) return { kind: "skipped", elements };
  return { kind: "computed", base: singlePoints(base), head: singlePoints(head) };
}

/**
 * The report's line, or none when nothing changed: `lost` are head's single points of
 * failure that base did not have (new elements included), `gained` base's that head
 * still has but no longer as a single point.
 */
export function redundancyLine(d: RedundancyDiff | undefined, headElements: ReadonlySet<string>): string[] {
  if (d === undefined) return [];
  if (d.kind === "skipped")
    return [
      `Redundancy: not computed (${d.elements} failure elements, more than ${REDUNDANCY_LIMIT}); \`npm run resilience\` prints the table.`,
      "",
    ];
  const lost = d.head.filter((e) => !d.base.includes(e));
  const gained = d.base.filter((e) => !d.head.includes(e) && headElements.has(e));
  if (lost.length === 0 && gained.length === 0 && d.base.length === d.head.length) return [];
  const list = (xs: readonly string[]) => (xs.length === 0 ? "none" : xs.map((x) => `\`${x}\``).join(", "));
  return [
    `Redundancy: ${d.head.length} single points of failure (was ${d.base.length}); lost: ${list(lost)}; gained: ${list(gained)}.`,
    "",
  ];
}
