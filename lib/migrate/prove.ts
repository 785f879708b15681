/**
 * The proof of a migration, by the independent checker (`lib/analysis/reachability.ts`):
 * every ordered pair of networks that both base and head reach is delivered in every
 * stage and at the two worst points Terraform can reach while it applies one: its
 * deletions done and its creations not yet (a replaced resource is destroyed before its
 * successor is created, Terraform's default without `create_before_destroy`), and its
 * creations done with its deletions not yet. When those hold, it checks every step of
 * both orders `apply-order.ts` walks, one operation at a time, too: a pair can also go
 * midway, e.g. while a transit-router route points at an attachment whose route-table
 * association is not created yet.
 *
 * A route the cloud installs by itself does not stand by: a VBR learns a route its
 * transit router publishes only while it holds no route of its own to the same prefix
 * (the checker's `heldBack`, sourced there). So at every point before the stage is
 * applied, every learned route that an own route of the previous state shadowed is held
 * back: deleting the own route leaves the prefix without a route until the cloud installs
 * the learned one.
 */
import { checkReachability, ForwardingModel, ReachabilityReport, SiteEndpoint, Sites } from "../analysis/reachability";
import { classifyResources } from "../analysis/changes";
import { sitesFromStack } from "../analysis/stack-sites";
import { StackJson } from "../tfjson";
import { resourcesOf, ResourceSet, stackWith } from "./stack-json";
import { ApplyStep, applySteps } from "./apply-order";

export type ApplyPoint = "stage applied" | "deletions done, creations not yet" | "creations done, deletions not yet" | ApplyStep["point"];

/** A pair one point of one stage loses, with the checker's reason. */
export interface LostPair {
  readonly pair: string;
  readonly point: ApplyPoint;
  readonly reason: string;
}

/** The two intermediate states of applying `next` over `prev`. */
export function applyPoints(prev: StackJson, next: StackJson): { point: ApplyPoint; json: StackJson }[] {
  const [p, n] = [resourcesOf(prev), resourcesOf(next)];
  const changes = classifyResources(prev, next);
  const deleted: ResourceSet = new Map();
  const created: ResourceSet = new Map(p);
  for (const [address, body] of p) if (!changes.has(address)) deleted.set(address, body);
  for (const [address, change] of changes) {
    if (change === "added") created.set(address, n.get(address)!);
    if (change === "updated") deleted.set(address, n.get(address)!);
  }
  return [
    { point: "deletions done, creations not yet", json: stackWith(next, deleted) },
    { point: "creations done, deletions not yet", json: stackWith(prev, created) },
  ];
}

/** Offices and IDCs of both states, by name (an IDC's blocks joined). */
export function sitesOfBoth(base: StackJson, head: StackJson): Sites {
  const [b, h] = [sitesFromStack(base), sitesFromStack(head)];
  const merge = (xs: SiteEndpoint[]): SiteEndpoint[] => {
    const byName = new Map<string, SiteEndpoint>();
    for (const x of xs) {
      const old = byName.get(x.name);
      byName.set(x.name, old ? { ...old, cidrs: [...new Set([...old.cidrs, ...x.cidrs])] } : x);
    }
    return [...byName.values()];
  };
  return { offices: merge([...b.offices, ...h.offices]), idcs: merge([...b.idcs, ...h.idcs]) };
}

/** What a migration must keep, and what head drops by itself (reported, not blocking). */
export interface Obligation {
  readonly sites: Sites;
  /** Ordered pairs `from->to` that base and head both deliver. */
  readonly kept: readonly string[];
  /** Pairs base delivers and head does not: the change means it, a migration cannot keep them. */
  readonly droppedByHead: readonly string[];
}

export function obligationOf(base: StackJson, head: StackJson): Obligation {
  const sites = sitesOfBoth(base, head);
  const [b, h] = [checkReachability(base, sites), checkReachability(head, sites)];
  return { sites, kept: [...b.delivered].filter((p) => h.delivered.has(p)).sort(), droppedByHead: b.deliveredOnlyHere(h) };
}

function lostIn(report: ReachabilityReport, kept: readonly string[], point: ApplyPoint): LostPair[] {
  return kept
    .filter((pair) => {
      const [from, to] = pair.split("->") as [string, string];
      return !report.isDelivered(from, to);
    })
    .map((pair) => {
      const [from, to] = pair.split("->") as [string, string];
      const r = report.get(from, to);
      return { pair, point, reason: `${r.status}${r.reason ? `: ${r.reason}` : ""} via ${r.hops.join(" > ")}` };
    });
}

/**
 * `<router id> <prefix>` of every learned route that a route of the router's own, to the
 * same prefix, shadows in `json`: not in effect there, nor right after the own route goes.
 */
export function shadowedLearned(json: StackJson, sites: Sites): Set<string> {
  const out = new Set<string>();
  for (const r of new ForwardingModel(json, sites).routers.values()) {
    const own = new Set(r.routes.filter((x) => x.learned !== true).map((x) => x.dest.text));
    for (const x of r.routes) if (x.learned === true && own.has(x.dest.text)) out.add(`${r.id} ${x.dest.text}`);
  }
  return out;
}

/** What the proof of one stage found: the pairs lost (each at the first point it is lost), and how many points it checked. */
export interface StageProof {
  readonly lost: readonly LostPair[];
  /** The stage and the points of its apply checked. */
  readonly points: number;
}

/**
 * Checks applying `next` over `prev`: the stage and both extremes first; when they keep
 * every pair, every step of both apply orders.
 */
export function proveStage(prev: StackJson, next: StackJson, ob: Obligation): StageProof {
  const heldBack = shadowedLearned(prev, ob.sites);
  const check = (point: ApplyPoint, json: StackJson): LostPair[] => {
    const held = point === "stage applied" ? new Set<string>() : heldBack;
    const lost = lostIn(checkReachability(json, ob.sites, { heldBack: held }), ob.kept, point);
    return lost.map((l) => {
      const onTheWay = [...held].filter((k) => l.reason.includes(k.slice(0, k.indexOf(" ")))).sort();
      const note = onTheWay.length > 0 ? `; not yet learned there: ${onTheWay.join(", ")} (shadowed by a deleted route of its own)` : "";
      return { ...l, reason: l.reason + note };
    });
  };
  const extremes = [{ point: "stage applied" as ApplyPoint, json: next }, ...applyPoints(prev, next)];
  const lost = extremes.flatMap(({ point, json }) => check(point, json));
  if (lost.length > 0) return { lost, points: extremes.length };
  const steps = applySteps(prev, next);
  const first = new Map<string, LostPair>();
  for (const { point, json } of steps) for (const l of check(point, json)) if (!first.has(l.pair)) first.set(l.pair, l);
  return { lost: [...first.values()], points: extremes.length + steps.length };
}

/** The pairs of `kept` lost by applying `next` over `prev` (see {@link proveStage}). */
export function lostApplying(prev: StackJson, next: StackJson, ob: Obligation): LostPair[] {
  return [...proveStage(prev, next, ob).lost];
}
