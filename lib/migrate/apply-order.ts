/**
 * The states Terraform passes through while it applies one stage, for the proof to check.
 *
 * Terraform creates a resource after everything it refers to (a `${type.name…}`
 * reference or `depends_on`), destroys one before everything it refers to, and destroys a
 * replaced resource before it creates its successor (its default without
 * `create_before_destroy`). Within those rules it may run any operation first, several at
 * once. The proof walks two orders one operation at a time and checks the state after
 * every step:
 * - deletions first: in-place updates, then every destroy (dependents first), then every
 *   create (dependencies first): the longest a destination can go without its old route
 *   and before its new one;
 * - creations first: every create of a new address, the updates, every destroy, then the
 *   successors of replaced resources: the old and new paths side by side as long as
 *   possible.
 * Both pass through the two extremes (all deletions and no creations; all creations and
 * no deletions) and through every partial state of either kind of operation alone. A
 * state that mixes a part of the creations with a part of the deletions is not on either
 * walk; the cost stays linear (two checks per operation).
 */
import { classifyResources } from "../analysis/changes";
import { Attrs, StackJson } from "../tfjson";
import { mergedFrame, resourcesOf, ResourceSet, stackWith } from "./stack-json";

export type ApplyOrder = "deletions first" | "creations first";

/** A state on the way from one stage to the next. */
export interface ApplyStep {
  /** e.g. `deletions first, step 3 of 40 (destroyed alicloud_route_entry.x)` */
  readonly point: `${ApplyOrder}, step ${number} of ${number} (${string})`;
  readonly json: StackJson;
}

/** Addresses of `among` that `body` refers to. */
function refersTo(body: Attrs, among: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const [, a] of JSON.stringify(body).matchAll(/\$\{([A-Za-z0-9_]+\.[\w-]+)/g)) if (among.has(a!)) out.add(a!);
  for (const d of (body.depends_on as unknown[] | undefined) ?? []) if (typeof d === "string" && among.has(d)) out.add(d);
  return [...out];
}

/** `addresses` in dependency order: each after everything it refers to among them (ties in address order). */
export function dependencyOrder(addresses: readonly string[], bodies: ResourceSet): string[] {
  const among = new Set(addresses);
  const deps = new Map(addresses.map((a) => [a, refersTo(bodies.get(a) ?? {}, among).filter((d) => d !== a)]));
  const [out, done] = [[] as string[], new Set<string>()];
  while (out.length < among.size) {
    const ready = [...among].filter((a) => !done.has(a) && deps.get(a)!.every((d) => done.has(d))).sort();
    if (ready.length === 0)
      throw new Error(
        `resources refer to each other in a cycle: ${[...among].filter((a) => !done.has(a)).join(", ")}; allowed: an acyclic graph`,
      );
    for (const a of ready) {
      done.add(a);
      out.push(a);
    }
  }
  return out;
}

interface Operation {
  readonly label: string;
  apply(state: ResourceSet): void;
}

/** Every state after one more operation, the last one (the stage itself) left out. */
function walk(order: ApplyOrder, ops: readonly Operation[], start: ResourceSet, frame: StackJson): ApplyStep[] {
  const state = new Map(start);
  return ops.slice(0, -1).map((op, i) => {
    op.apply(state);
    return { point: `${order}, step ${i + 1} of ${ops.length} (${op.label})`, json: stackWith(frame, new Map(state)) };
  });
}

/** The states of applying `next` over `prev` in both orders, one operation at a time. */
export function applySteps(prev: StackJson, next: StackJson): ApplyStep[] {
  const [p, n] = [resourcesOf(prev), resourcesOf(next)];
  const changes = [...classifyResources(prev, next)];
  const of = (...kinds: string[]) => changes.filter(([, c]) => kinds.includes(c)).map(([a]) => a);
  const replaced = new Set(of("replaced"));
  const updated = of("updated");
  const destroys = dependencyOrder(of("removed", "replaced"), p)
    .reverse()
    .map((a): Operation => ({ label: `destroyed ${a}`, apply: (s) => s.delete(a) }));
  const creates = dependencyOrder(of("added", "replaced"), n).map((a): Operation => ({
    label: `created ${a}`,
    apply: (s) => s.set(a, n.get(a)!),
  }));
  const update: Operation[] =
    updated.length === 0 ? [] : [{ label: `updated ${updated.join(", ")}`, apply: (s) => updated.forEach((a) => s.set(a, n.get(a)!)) }];
  const isNew = (op: Operation) => !replaced.has(op.label.slice("created ".length));
  const frame = mergedFrame(next, prev);
  return [
    ...walk("deletions first", [...update, ...destroys, ...creates], p, frame),
    ...walk("creations first", [...creates.filter(isNew), ...update, ...destroys, ...creates.filter((c) => !isNew(c))], p, frame),
  ];
}
