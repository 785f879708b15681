/**
 * Names what a non-empty plan would change: resource address, action and the attributes
 * whose planned value differs, from `terraform show -json <planfile>`.
 */
interface Change {
  readonly address: string;
  readonly change: {
    readonly actions: string[];
    readonly before: unknown;
    readonly after: unknown;
    readonly after_unknown?: unknown;
    readonly replace_paths?: unknown[][];
  };
}

function diffKeys(before: unknown, after: unknown, unknown: unknown, prefix = ""): string[] {
  if (typeof before !== "object" || before === null || typeof after !== "object" || after === null) {
    if (unknown === true) return [prefix];
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
  }
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const u = (unknown ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a), ...Object.keys(u)]);
  const out: string[] = [];
  for (const k of keys) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (u[k] === true) out.push(`${path} (known after apply)`);
    else out.push(...diffKeys(b[k], a[k], u[k], path));
  }
  return out;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? "null" : s.length > 60 ? s.slice(0, 57) + "..." : s;
}

function at(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** One line per changed attribute: `address: attribute before -> after (action)`. */
export function describeDrift(planJson: { resource_changes?: Change[] }): string[] {
  const lines: string[] = [];
  for (const rc of planJson.resource_changes ?? []) {
    const actions = rc.change.actions;
    if (actions.length === 1 && (actions[0] === "no-op" || actions[0] === "read")) continue;
    const action = actions.join("+");
    const replacePaths = (rc.change.replace_paths ?? []).map((p) => p.join("."));
    // a replacement is named by the attributes that force it; an update by what differs
    // (values only known after apply are the consequence, not the cause, and are left out)
    const attrs =
      replacePaths.length > 0
        ? replacePaths
        : diffKeys(rc.change.before, rc.change.after, rc.change.after_unknown).filter((a) => !a.endsWith("(known after apply)"));
    if (attrs.length === 0) lines.push(`${rc.address}: ${action}`);
    for (const a of attrs) {
      const unknownAfter = at(rc.change.after_unknown, a) === true;
      const after = unknownAfter ? "(known after apply)" : show(at(rc.change.after, a));
      lines.push(
        `${rc.address}: ${a} ${show(at(rc.change.before, a))} -> ${after} (${action}${replacePaths.includes(a) ? ", forces replacement" : ""})`,
      );
    }
  }
  return lines;
}
