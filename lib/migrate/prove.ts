/**
 * The proof of a migration, by the independent checker (`lib/analysis/reachability.ts`):
 * every ordered pair of networks that both base and head reach is delivered in every
 * stage and in every state Terraform can reach while it applies one (`apply-order.ts`:
 * every set of performed operations its ordering rules allow, a replaced resource
 * destroyed before its successor is created).
 *
 * Exact and cheap by relevance (`relevance.ts`): the pairs towards one network depend only
 * on the operations that can change a walk towards it (the route entries whose block
 * holds its probe address, and every operation on anything but a route entry). For each
 * destination the order is projected onto those operations, every ideal of the
 * projection is completed to the smallest reachable state that holds it, and every
 * distinct state is checked once, for every pair. A state Terraform can reach agrees with
 * one of them on the operations that decide each pair, so the pair is delivered there
 * too. A stage with more than {@link STATE_CAP} distinct states is checked on two orders
 * one operation at a time instead (`twoWalks`), and the proof says so.
 *
 * A route the cloud installs by itself does not stand by: a VBR learns a route its
 * transit router publishes only while it holds no route of its own to the same prefix
 * (the checker's `heldBack`, sourced there). So in every state of an apply (the last one
 * too: the cloud installs the learned route some time after the apply deletes the own
 * one), every learned route that an own route of the previous state shadowed is held
 * back; only the stage, once applied and settled, learns it.
 */
import { checkReachability, ForwardingModel, ReachabilityReport, SiteEndpoint, Sites } from "../analysis/reachability";
import { classifyResources } from "../analysis/changes";
import { sitesFromStack } from "../analysis/stack-sites";
import { StackJson } from "../tfjson";
import { resourcesOf, ResourceSet, stackWith } from "./stack-json";
import { ApplyGraph, applyGraph, idealsOver, labelOf, Performed, stateAfter, twoWalks } from "./apply-order";
import { probesByNetwork, relevance } from "./relevance";

/**
 * The most distinct states of one stage's apply the proof checks one by one (each about
 * half a millisecond on the shared 2-core machine: at most about 2 s a stage). Measured:
 * the default trees and every case of the migration property need at most 1,952 (an
 * IDC's stage that brings its transit router up or tears it down, while its VBR learns
 * from it); without the relevance cut the same stages need up to 38,612.
 */
export const STATE_CAP = 4096;

/** `stage applied`; a state of its apply (`k of n operations done`); or a step of one of the two walks. */
export type ApplyPoint = string;

/** A pair one point of one stage loses, with the checker's reason. */
export interface LostPair {
  readonly pair: string;
  readonly point: ApplyPoint;
  readonly reason: string;
  /** The operations done at that point that can change the pair's walk (all of them at a step of a walk). */
  readonly done: readonly string[];
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

function lostIn(report: ReachabilityReport, kept: readonly string[], point: ApplyPoint): Omit<LostPair, "done">[] {
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

/** What the proof of one stage found. */
export interface StageProof {
  /** The pairs lost, each at the first point it is lost. */
  readonly lost: readonly LostPair[];
  /** The states checked: the stage itself and the states of its apply. */
  readonly points: number;
  /** Distinct states of its apply, when every one was checked; undefined: more than the cap, two walks checked. */
  readonly states?: number;
}

/** A state to check: where it is, and the operations done there. */
interface Check {
  readonly point: ApplyPoint;
  readonly performed: Performed;
}

const popCount = (x: bigint): number => x.toString(2).replace(/0/g, "").length;

/**
 * Every distinct state that decides some destination, over the operations relevant to it;
 * undefined when there are more than `cap`.
 */
function reachableStates(g: ApplyGraph, relevant: ReadonlyMap<string, number[]>, cap: number): Check[] | undefined {
  const states = new Set<Performed>();
  for (const ops of relevant.values()) {
    const ideals = idealsOver(g, ops, cap);
    if (ideals === undefined) return undefined;
    for (const s of ideals) states.add(s);
    if (states.size > cap) return undefined;
  }
  const n = g.ops.length;
  return [...states]
    .sort((a, b) => popCount(a) - popCount(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((performed) => ({ point: `${popCount(performed)} of ${n} operations done`, performed }));
}

/** The operations of each destination of `kept`, and the labels of those done in a state. */
function relevantOps(g: ApplyGraph, prev: StackJson, next: StackJson, ob: Obligation): Map<string, number[]> {
  const probes = probesByNetwork(prev, next, ob.sites);
  const relevantTo = relevance(g);
  const out = new Map<string, number[]>();
  for (const pair of ob.kept) {
    const to = pair.slice(pair.indexOf("->") + 2);
    if (!out.has(to)) out.set(to, relevantTo(probes.get(to) ?? []));
  }
  return out;
}

/** Labels of the operations of `ops` in `performed`. */
const doneOf = (g: ApplyGraph, ops: readonly number[], performed: Performed): string[] =>
  ops.filter((i) => (performed & (1n << BigInt(i))) !== 0n).map((i) => labelOf(g.ops[i]!));

/**
 * Checks applying `next` over `prev`: the stage, then every state of its apply (or, over
 * `cap` states, every step of two orders).
 */
export function proveStage(prev: StackJson, next: StackJson, ob: Obligation, cap: number = STATE_CAP): StageProof {
  const applied = lostIn(checkReachability(next, ob.sites), ob.kept, "stage applied");
  if (applied.length > 0) return { lost: applied.map((l) => ({ ...l, done: [] })), points: 1 };
  const g = applyGraph(prev, next);
  const relevant = relevantOps(g, prev, next, ob);
  const states = reachableStates(g, relevant, cap);
  const checks: Check[] = states ?? twoWalks(g);
  const heldBack = shadowedLearned(prev, ob.sites);
  const first = new Map<string, LostPair>();
  for (const { point, performed } of checks) {
    const report = checkReachability(stateAfter(g, performed), ob.sites, { heldBack });
    for (const l of lostIn(report, ob.kept, point)) {
      if (first.has(l.pair)) continue;
      const ops = states ? relevant.get(l.pair.slice(l.pair.indexOf("->") + 2))! : g.ops.map((_, i) => i);
      first.set(l.pair, { ...l, reason: l.reason + heldNote(heldBack, l.reason), done: doneOf(g, ops, performed) });
    }
  }
  return { lost: [...first.values()], points: 1 + checks.length, states: states?.length };
}

/** Why a VBR had no route: the learned routes held back on the way (shadowed by a deleted route of its own). */
function heldNote(heldBack: ReadonlySet<string>, reason: string): string {
  const onTheWay = [...heldBack].filter((k) => reason.includes(k.slice(0, k.indexOf(" ")))).sort();
  return onTheWay.length > 0 ? `; not yet learned there: ${onTheWay.join(", ")} (shadowed by a deleted route of its own)` : "";
}

/** The pairs of `kept` lost by applying `next` over `prev` (see {@link proveStage}). */
export function lostApplying(prev: StackJson, next: StackJson, ob: Obligation): LostPair[] {
  return [...proveStage(prev, next, ob).lost];
}
