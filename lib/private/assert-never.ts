/**
 * The default branch of a `switch` over a union: it compiles only when every member has
 * a case, so a new kind (a link kind, a next-hop type) fails the type check at each
 * dispatch instead of being skipped silently at run time.
 *
 * ```ts
 * switch (l.kind) {
 *   case "peering": ...
 *   default:
 *     return assertNever(l, "link kind");
 * }
 * ```
 */
export function assertNever(value: never, what = "value"): never {
  const kind = (value as { kind?: unknown; type?: unknown } | null)?.kind ?? (value as { type?: unknown } | null)?.type ?? value;
  throw new Error(`unhandled ${what}: ${JSON.stringify(kind)}`);
}
