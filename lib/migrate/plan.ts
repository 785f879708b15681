/**
 * The stage planner: how one stack goes from a base state to a head state without a
 * destination losing its route while Terraform applies.
 *
 * A route entry whose next hop changes is never replaced in place (its successor only
 * exists after the live entry is gone). Instead:
 * 1. the new path comes up: every resource head adds except route entries, so nothing
 *    routes over it yet;
 * 2. traffic moves: for each moved destination, head's entry for each of its two halves
 *    (more specific, so it wins over the old entry), and head's routes to destinations
 *    base never routed; for each VBR entry head deletes because its transit router
 *    publishes the same prefix, that transit-router entry for each half (`published.ts`);
 * 3. the old path goes and head's exact routes come in: head, plus the more-specifics;
 * 4. the more-specifics go: head exactly.
 * A change that moves no route is one stage: head.
 */
import { StackJson } from "../tfjson";
import { classifyResources } from "../analysis/changes";
import { QUOTAS } from "../topology/quotas";
import { checkRouteQuota, moreSpecifics, movedRoutes, newRoutes, ROUTE_ENTRY } from "./routes";
import { mergedFrame, resourcesOf, ResourceSet, stackWith, typeOf } from "./stack-json";
import { publishedSpecifics } from "./published";

/** One state a stack is applied in, in order. */
export interface StackStage {
  /** What the stage does, for people. */
  readonly summary: string;
  readonly json: StackJson;
}

export interface PlanOptions {
  /** Custom route entries a route table may hold. @default QUOTAS.routeEntriesPerTable.default (200, the VPC quota) */
  readonly routeQuota?: number;
  /** The most distinct states of one stage's apply the proof checks one by one. @default STATE_CAP (4096) */
  readonly stateCap?: number;
}

const DEFAULT_QUOTA = QUOTAS.routeEntriesPerTable.default;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The resources of a stack in address order, as one string. */
const canonical = (s: StackJson): string => JSON.stringify([...resourcesOf(s)].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));

/** Whether two stacks hold the same resources with the same arguments. */
export const sameResources = (a: StackJson, b: StackJson): boolean => canonical(a) === canonical(b);

const union = (...sets: ResourceSet[]): ResourceSet => new Map(sets.flatMap((s) => [...s]));

/** Resources head adds that are not route entries: the new path, carrying nothing yet. */
function newPath(base: StackJson, head: StackJson): ResourceSet {
  const out: ResourceSet = new Map();
  const h = resourcesOf(head);
  for (const [address, change] of classifyResources(base, head))
    if (change === "added" && typeOf(address) !== ROUTE_ENTRY) out.set(address, h.get(address)!);
  return out;
}

/** The stages of one stack, in apply order (base itself is not one). */
export function planStack(base: StackJson, head: StackJson, options: PlanOptions = {}): StackStage[] {
  const quota = options.routeQuota ?? DEFAULT_QUOTA;
  const [b, h] = [resourcesOf(base), resourcesOf(head)];
  const moved = movedRoutes(b, h);
  const published = publishedSpecifics(b, h);
  if (moved.length === 0 && published.size === 0) return [{ summary: "apply head (no route entry moves)", json: head }];
  const specifics = union(moreSpecifics(moved), published);
  const up = union(b, newPath(base, head));
  const shifted = union(up, specifics, newRoutes(b, h));
  const landed = union(h, specifics);
  checkRouteQuota(shifted, quota, "stage 2 (more-specific routes through the new path)");
  checkRouteQuota(landed, quota, "stage 3 (head's routes beside the more-specifics)");
  const n = moved.length;
  const viaTr = published.size > 0 ? ` (${published.size} of them transit-router entries its VBR learns)` : "";
  const early = mergedFrame(base, head);
  const stages: StackStage[] = [
    { summary: `new path up: ${plural(up.size - b.size, "resource")} created, no route moved`, json: stackWith(early, up) },
    {
      summary: `traffic moves: ${plural(specifics.size, "more-specific route")}${viaTr} through the new path for ${plural(n + published.size / 2, "destination")}`,
      json: stackWith(early, shifted),
    },
    {
      summary: `old routes and old path go, head's ${plural(n, "route")} come in (the more-specifics still carry traffic)`,
      json: stackWith(head, landed),
    },
    { summary: `more-specifics go: head exactly`, json: head },
  ];
  return stages.filter((s, i) => !sameResources(s.json, i === 0 ? base : stages[i - 1]!.json));
}
