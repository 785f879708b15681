/**
 * The states Terraform can pass through while it applies one stage: which operations it
 * may have performed at any moment, for the proof to check.
 *
 * The operations of a stage are the creates (a resource head adds, or the successor of a
 * replaced one), the destroys (a resource it removes, or the replaced one) and the
 * in-place updates. Terraform orders them by its dependency graph and runs the rest in
 * parallel, in any order (`terraform apply`: "walks the graph in parallel", up to
 * `-parallelism` at once), so the states it can reach are exactly the sets of performed
 * operations closed under its ordering rules (the order ideals of the precedence order):
 * - a resource is created or updated after every resource it refers to (a `${type.name…}`
 *   reference or `depends_on`) that is itself created or updated;
 * - a resource is destroyed before every resource it refers to that is destroyed too
 *   (dependents first);
 * - a replaced resource is destroyed before its successor is created (Terraform's default
 *   without `create_before_destroy`, which no stack here sets).
 * Rules Terraform may add on top (e.g. an update of a dependent before the destroy of
 * what it referred to) are left out: a missing rule only adds states to check, so the
 * proof stays sound and may at worst refuse a migration Terraform would survive.
 *
 * Enumerating every ideal is exponential, so {@link idealsOver} enumerates the ideals of
 * the order projected onto the operations a caller names (`relevant`, with the
 * transitive precedence kept); each is completed to the smallest reachable state that
 * holds it (its down-closure), a real state Terraform can reach. Every reachable state
 * agrees with one of those on the relevant operations.
 */
import { classifyResources } from "../analysis/changes";
import { Attrs, StackJson } from "../tfjson";
import { mergedFrame, resourcesOf, ResourceSet, stackWith } from "./stack-json";

export type OperationKind = "created" | "destroyed" | "updated";

/** One operation of an apply. */
export interface Operation {
  readonly kind: OperationKind;
  readonly address: string;
}

export const labelOf = (op: Operation): string => `${op.kind} ${op.address}`;

/** The operations of applying `next` over `prev` and the order Terraform keeps between them. */
export interface ApplyGraph {
  /** Every operation, in an order Terraform may run them one at a time (a linear extension). */
  readonly ops: readonly Operation[];
  /** `before[i]`: the operations (bit j for `ops[j]`) that must be done before `ops[i]` starts, transitively. */
  readonly before: readonly bigint[];
  readonly prev: ResourceSet;
  readonly next: ResourceSet;
  /** The non-resource blocks every intermediate state is written with. */
  readonly frame: StackJson;
}

/** A set of operations, bit i for `ops[i]`. */
export type Performed = bigint;

export const bit = (i: number): bigint => 1n << BigInt(i);

/** Addresses of `among` that `body` refers to. */
function refersTo(body: Attrs, among: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const [, a] of JSON.stringify(body).matchAll(/\$\{([A-Za-z0-9_]+\.[\w-]+)/g)) if (among.has(a!)) out.add(a!);
  for (const d of (body.depends_on as unknown[] | undefined) ?? []) if (typeof d === "string" && among.has(d)) out.add(d);
  return [...out];
}

/** `keys` in an order where each comes after its `deps` (ties in key order); throws naming a cycle. */
function topological(keys: readonly string[], deps: ReadonlyMap<string, readonly string[]>, what: string): string[] {
  const [out, done] = [[] as string[], new Set<string>()];
  while (out.length < keys.length) {
    const ready = keys.filter((a) => !done.has(a) && (deps.get(a) ?? []).every((d) => done.has(d))).sort();
    if (ready.length === 0)
      throw new Error(`${what} refer to each other in a cycle: ${keys.filter((a) => !done.has(a)).join(", ")}; allowed: an acyclic graph`);
    for (const a of ready) {
      done.add(a);
      out.push(a);
    }
  }
  return out;
}

/** `addresses` in dependency order: each after everything it refers to among them (ties in address order). */
export function dependencyOrder(addresses: readonly string[], bodies: ResourceSet): string[] {
  const among = new Set(addresses);
  const deps = new Map(addresses.map((a) => [a, refersTo(bodies.get(a) ?? {}, among).filter((d) => d !== a)]));
  return topological([...among], deps, "resources");
}

/** Direct predecessors of every operation, keyed `kind address`, by Terraform's rules. */
function directOrder(p: ResourceSet, n: ResourceSet, ops: readonly Operation[]): Map<string, string[]> {
  const applied = new Set(ops.filter((o) => o.kind !== "destroyed").map((o) => o.address));
  const destroyed = new Set(ops.filter((o) => o.kind === "destroyed").map((o) => o.address));
  const kindOf = new Map(ops.filter((o) => o.kind !== "destroyed").map((o) => [o.address, o.kind]));
  const deps = new Map<string, string[]>(ops.map((o) => [labelOf(o), []]));
  for (const o of ops) {
    if (o.kind === "destroyed") {
      // dependents first: destroying o waits for every destroyed resource that refers to o
      for (const a of refersTo(p.get(o.address)!, destroyed)) if (a !== o.address) deps.get(`destroyed ${a}`)!.push(labelOf(o));
      continue;
    }
    const mine = deps.get(labelOf(o))!;
    for (const a of refersTo(n.get(o.address)!, applied)) if (a !== o.address) mine.push(`${kindOf.get(a)} ${a}`);
    if (destroyed.has(o.address)) mine.push(`destroyed ${o.address}`);
  }
  return deps;
}

/** The operations of applying `next` over `prev`, and Terraform's order between them. */
export function applyGraph(prev: StackJson, next: StackJson): ApplyGraph {
  const [p, n] = [resourcesOf(prev), resourcesOf(next)];
  const ops: Operation[] = [];
  for (const [address, change] of classifyResources(prev, next)) {
    if (change === "removed" || change === "replaced") ops.push({ kind: "destroyed", address });
    if (change === "added" || change === "replaced") ops.push({ kind: "created", address });
    if (change === "updated") ops.push({ kind: "updated", address });
  }
  const deps = directOrder(p, n, ops);
  const byLabel = new Map(ops.map((o) => [labelOf(o), o]));
  const order = topological([...byLabel.keys()], deps, "operations").map((l) => byLabel.get(l)!);
  const index = new Map(order.map((o, i) => [labelOf(o), i]));
  const before: bigint[] = [];
  order.forEach((o, i) => {
    before[i] = deps.get(labelOf(o))!.reduce((m, d) => m | before[index.get(d)!]! | bit(index.get(d)!), 0n);
  });
  return { ops: order, before, prev: p, next: n, frame: mergedFrame(next, prev) };
}

/** Every operation of the graph, as one set. */
export const allOps = (g: ApplyGraph): Performed => bit(g.ops.length) - 1n;

/** The smallest reachable state holding `set`: it and everything that must come before. */
export function downClosure(g: ApplyGraph, set: Performed): Performed {
  let out = set;
  for (let i = 0; i < g.ops.length; i++) if ((set & bit(i)) !== 0n) out |= g.before[i]!;
  return out;
}

/** The stack after the operations of `performed` (a state Terraform reaches when `performed` is closed). */
export function stateAfter(g: ApplyGraph, performed: Performed): StackJson {
  const state = new Map(g.prev);
  g.ops.forEach((o, i) => {
    if ((performed & bit(i)) === 0n) return;
    if (o.kind === "destroyed") state.delete(o.address);
    else state.set(o.address, g.next.get(o.address)!);
  });
  return stackWith(g.frame, state);
}

/**
 * The states that agree with every reachable state on the operations `relevant` (indexes
 * into `g.ops`): one per order ideal of the order projected onto them, each completed to
 * its down-closure. Undefined when there are more than `cap`.
 */
export function idealsOver(g: ApplyGraph, relevant: readonly number[], cap: number): Performed[] | undefined {
  const r = [...relevant].sort((x, y) => x - y); // ops are a linear extension: so is this order of r
  const mask = r.reduce((m, i) => m | bit(i), 0n);
  const out: Performed[] = [];
  const grow = (k: number, set: Performed): boolean => {
    if (k === r.length) {
      out.push(set);
      return out.length <= cap;
    }
    const i = r[k]!;
    if (!grow(k + 1, set)) return false;
    // i may be performed when every relevant operation before it is
    return (g.before[i]! & mask & ~set) !== 0n || grow(k + 1, set | bit(i));
  };
  if (!grow(0, 0n)) return undefined;
  return out.map((set) => downClosure(g, set));
}

export type ApplyOrder = "deletions first" | "creations first";

/** Which operation a walk takes next among those that may start: the lowest rank, then the first in `ops`. */
function rankIn(order: ApplyOrder, g: ApplyGraph): (i: number) => number {
  const replaced = new Set(g.ops.filter((o) => o.kind === "destroyed").map((o) => o.address));
  return (i) => {
    const o = g.ops[i]!;
    if (order === "deletions first") return o.kind === "destroyed" ? 0 : o.kind === "updated" ? 1 : 2;
    if (o.kind === "created") return replaced.has(o.address) ? 3 : 0;
    return o.kind === "updated" ? 1 : 2;
  };
}

/** One order Terraform may run every operation in, one at a time: the states after each operation but the last. */
function walk(order: ApplyOrder, g: ApplyGraph): { point: string; performed: Performed }[] {
  const rank = rankIn(order, g);
  const out: { point: string; performed: Performed }[] = [];
  let done = 0n;
  for (let step = 1; step < g.ops.length; step++) {
    const ready = g.ops.map((_, i) => i).filter((i) => (done & bit(i)) === 0n && (g.before[i]! & ~done) === 0n);
    const i = ready.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    done |= bit(i);
    out.push({ point: `${order}, step ${step} of ${g.ops.length} (${labelOf(g.ops[i]!)})`, performed: done });
  }
  return out;
}

/**
 * Two orders one operation at a time, for a stage with too many states to check them
 * all: deletions first (every destroy, dependents first, then every create: the longest
 * a destination goes without its old route and before its new one) and creations first
 * (every create of a new address, the updates, the destroys, then the successors of
 * replaced resources: old and new side by side as long as possible).
 */
export function twoWalks(g: ApplyGraph): { point: string; performed: Performed }[] {
  return [...walk("deletions first", g), ...walk("creations first", g)];
}
