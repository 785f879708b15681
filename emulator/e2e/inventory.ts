/**
 * The emulator's inventory against Terraform's state: what exists in the (emulated) cloud
 * that the state does not account for. After an apply that is a duplicate (a create that
 * took effect but was answered with an error, then retried) or an orphan; after destroy,
 * a resource Terraform dropped from its state although it still exists (a delete whose
 * "busy" answer the provider took for "already gone"). Either is named, never a pass.
 */

/** A resource in the emulator: its kind, ID and API fields by their wire names. */
export interface LiveResource {
  readonly kind: string;
  readonly id: string;
  readonly attrs: Readonly<Record<string, unknown>>;
}

/** A resource in Terraform's state (`terraform show -json`): its address and attribute values. */
export interface StateResource {
  readonly address: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface Unaccounted {
  readonly resource: LiveResource;
  /** the state resource it repeats (same kind and names), when it is a duplicate */
  readonly duplicateOf?: string;
}

interface ShowModule {
  resources?: { address?: string; mode?: string; values?: Record<string, unknown> }[];
  child_modules?: ShowModule[];
}

/** The managed resources of `terraform show -json` output (child modules included); none when the state is empty. */
export function stateResources(show: unknown): StateResource[] {
  const root = (show as { values?: { root_module?: ShowModule } } | undefined)?.values?.root_module;
  const out: StateResource[] = [];
  const walk = (m: ShowModule | undefined) => {
    for (const r of m?.resources ?? []) if (r.mode !== "data" && r.address) out.push({ address: r.address, values: r.values ?? {} });
    for (const c of m?.child_modules ?? []) walk(c);
  };
  walk(root);
  return out;
}

function strings(v: unknown, out: Set<string>): Set<string> {
  if (typeof v === "string") out.add(v);
  else if (typeof v === "number") out.add(String(v));
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) strings(x, out);
  return out;
}

/**
 * Every value the state mentions, and each part of a composite ID: a resource Terraform
 * tracks by a parent's ID (`vtb-…:10.0.0.0/24:…`) or reads as an attribute of another
 * (a VPC's system `route_table_id`) is accounted for by its ID appearing there.
 */
function mentioned(state: readonly StateResource[]): Set<string> {
  const all = new Set<string>();
  for (const r of state) strings(r.values, all);
  for (const s of [...all]) if (s.includes(":")) for (const part of s.split(":")) all.add(part);
  return all;
}

/**
 * A child without an ID of its own in Terraform, tracked by a composite ID such as a route
 * entry's `table:vrouter:cidr:type:nexthop`: at least two parts are its field values, and so
 * is every CIDR part (its destination within the parent). Some parts (the vRouter) belong to
 * the parent rather than the child, so not every part need be the child's own.
 */
function composedFrom(r: LiveResource, compositeIds: readonly string[][]): boolean {
  const values = strings(r.attrs, new Set());
  return compositeIds.some(
    (parts) => parts.filter((p) => values.has(p)).length >= 2 && parts.filter((p) => p.includes("/")).every((p) => values.has(p)),
  );
}

/** What the API creates by itself (a vSwitch's system route), which no Terraform resource declares. */
function implicit(r: LiveResource): boolean {
  return r.attrs.Type === "System" || r.attrs.RouteTableType === "System";
}

/** The names a duplicate repeats: every non-empty field whose wire name ends in Name or CidrBlock. */
function identity(r: LiveResource): string | undefined {
  const keys = Object.keys(r.attrs)
    .filter((k) => /(Name|CidrBlock)$/.test(k) && typeof r.attrs[k] === "string" && r.attrs[k] !== "")
    .sort();
  return keys.length === 0 ? undefined : `${r.kind} ${keys.map((k) => `${k}=${String(r.attrs[k])}`).join(" ")}`;
}

/** The live resources that Terraform's state does not account for, each marked as the duplicate of a tracked one when it repeats its names. */
export function unaccounted(live: readonly LiveResource[], state: readonly StateResource[]): Unaccounted[] {
  const seen = mentioned(state);
  const composite = state.map((r) => String(r.values.id ?? "").split(":")).filter((parts) => parts.length > 1);
  const isTracked = (r: LiveResource) => seen.has(r.id) || implicit(r) || composedFrom(r, composite);
  const addressOf = new Map(state.map((r) => [String(r.values.id ?? ""), r.address]));
  const trackedByIdentity = new Map<string, string>();
  for (const r of live) {
    const key = identity(r);
    const address = addressOf.get(r.id);
    if (key && address) trackedByIdentity.set(key, `${address} (${r.id})`);
  }
  return live
    .filter((r) => !isTracked(r))
    .map((r) => {
      const dup = trackedByIdentity.get(identity(r) ?? "");
      return dup ? { resource: r, duplicateOf: dup } : { resource: r };
    });
}

/** One line per unaccounted resource: `DUPLICATE vpc vpc-… of alicloud_vpc.hub (vpc-…)` or `ORPHAN vpnGateway vpn-… "name"`. */
export function describeUnaccounted(found: readonly Unaccounted[]): string[] {
  return found.map((u) => {
    const r = u.resource;
    const name = identity(r);
    const named = name ? ` (${name.slice(r.kind.length + 1)})` : "";
    return u.duplicateOf
      ? `DUPLICATE ${r.kind} ${r.id}${named} of ${u.duplicateOf}`
      : `ORPHAN ${r.kind} ${r.id}${named}: exists in the emulator, not in Terraform's state`;
  });
}
