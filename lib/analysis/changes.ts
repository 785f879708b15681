/**
 * What happens to every resource address between two synthesized stacks: added,
 * removed, replaced (destroyed, then created) or updated in place. A replacement comes
 * from a changed ForceNew argument (`netdiff-facts.ts`), a changed provider
 * configuration, or a ForceNew argument that refers to a resource which is itself
 * replaced or added (its value is only known at apply, so Terraform plans a new one).
 */
import { Attrs, refsIn, StackJson, TfStack } from "../tfjson";
import { REPLACE_ON_CHANGE } from "./netdiff-facts";

export type ResourceChange = "added" | "removed" | "replaced" | "updated";

/** Arguments as Terraform diffs them: without cdktf metadata and meta-arguments. */
function argsOf(body: Attrs): Attrs {
  const { "//": _meta, depends_on: _order, lifecycle: _lifecycle, provider: _provider, ...args } = body;
  return args;
}

/**
 * A ForceNew argument's value: a top-level argument, or `<block>.<field>` for a field of
 * each entry of a nested block list (e.g. each tunnel's `customer_gateway_id`).
 */
function forceNewValue(attrs: Attrs, key: string): unknown {
  const [block, field] = key.split(".");
  if (field === undefined) return attrs[key];
  const entries = attrs[block!];
  return Array.isArray(entries) ? entries.map((e) => (e as Attrs | undefined)?.[field]) : undefined;
}

/** The addresses whose arguments differ, and those of them that must be replaced. */
function directChanges(b: TfStack, h: TfStack, out: Map<string, ResourceChange>): Set<string> {
  const changed = new Set<string>();
  for (const r of h.all()) {
    const old = b.get(r.address);
    if (!old) continue;
    const [x, y] = [argsOf(old.attrs), argsOf(r.attrs)];
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
    const moved = old.attrs.provider !== r.attrs.provider;
    if (keys.length > 0 || moved) changed.add(r.address);
    const forceNew = REPLACE_ON_CHANGE[r.type]?.forceNew ?? [];
    const differs = (k: string) => JSON.stringify(forceNewValue(x, k)) !== JSON.stringify(forceNewValue(y, k));
    if (moved || forceNew.some(differs)) out.set(r.address, "replaced");
  }
  return changed;
}

/**
 * Replacement carried through references: a kept resource whose ForceNew argument refers
 * to a replaced or added one is replaced too. One pass over a reverse index, so the
 * cost is linear in resources and references.
 */
function propagate(b: TfStack, h: TfStack, out: Map<string, ResourceChange>): void {
  const dependents = new Map<string, string[]>();
  for (const r of h.all()) {
    if (!b.get(r.address)) continue;
    for (const k of REPLACE_ON_CHANGE[r.type]?.forceNew ?? [])
      for (const ref of refsIn(forceNewValue(r.attrs, k))) {
        const list = dependents.get(ref.address);
        if (list) list.push(r.address);
        else dependents.set(ref.address, [r.address]);
      }
  }
  const queue = [...out].filter(([, c]) => c === "replaced" || c === "added").map(([a]) => a);
  while (queue.length > 0) {
    for (const d of dependents.get(queue.pop()!) ?? []) {
      if (out.get(d) === "replaced") continue;
      out.set(d, "replaced");
      queue.push(d);
    }
  }
}

/** What happens to every address between base and head, ForceNew propagated through references. */
export function classifyResources(base: StackJson | undefined, head: StackJson | undefined): Map<string, ResourceChange> {
  const [b, h] = [new TfStack(base ?? {}), new TfStack(head ?? {})];
  const out = new Map<string, ResourceChange>();
  for (const r of b.all()) if (!h.get(r.address)) out.set(r.address, "removed");
  for (const r of h.all()) if (!b.get(r.address)) out.set(r.address, "added");
  const changed = directChanges(b, h, out);
  propagate(b, h, out);
  for (const a of changed) if (!out.has(a)) out.set(a, "updated");
  return out;
}
