/**
 * Synthesized stacks as sets of resources by address (`type.name`), so a migration can
 * take some resources of one state and some of another and write the result back as a
 * stack Terraform applies. The non-resource blocks (providers, outputs, backend) come
 * from one whole state, the "frame", so every output still names a resource that exists.
 */
import { Attrs, StackJson } from "../tfjson";

/** One resource body by its address. */
export type ResourceSet = Map<string, Attrs>;

/** `type.name` of a resource. */
export const addressOf = (type: string, name: string): string => `${type}.${name}`;

/** The resource type of an address (everything before the first dot). */
export const typeOf = (address: string): string => address.slice(0, address.indexOf("."));

/** Every resource of a stack, by address. */
export function resourcesOf(stack: StackJson): ResourceSet {
  const out: ResourceSet = new Map();
  for (const [type, byName] of Object.entries(stack.resource ?? {}))
    for (const [name, body] of Object.entries(byName)) out.set(addressOf(type, name), body);
  return out;
}

/** A stack with `frame`'s non-resource blocks and exactly `resources`, in address order. */
export function stackWith(frame: StackJson, resources: ResourceSet): StackJson {
  const resource: Record<string, Record<string, Attrs>> = {};
  for (const address of [...resources.keys()].sort()) {
    const type = typeOf(address);
    (resource[type] ??= {})[address.slice(type.length + 1)] = resources.get(address)!;
  }
  const { resource: _old, ...rest } = frame;
  return Object.keys(resource).length > 0 ? { ...rest, resource } : rest;
}

/** `a`'s entries, then `b`'s entries of names `a` lacks, per type. */
function mergeByType(
  a: Readonly<Record<string, Readonly<Record<string, Attrs>>>> = {},
  b: Readonly<Record<string, Readonly<Record<string, Attrs>>>> = {},
): Record<string, Record<string, Attrs>> {
  const out: Record<string, Record<string, Attrs>> = {};
  for (const [type, byName] of Object.entries(b)) out[type] = { ...byName };
  for (const [type, byName] of Object.entries(a)) out[type] = { ...(out[type] ?? {}), ...byName };
  return out;
}

/** `a`'s provider configurations, then `b`'s whose alias `a` lacks. */
function mergeProviders(a: StackJson["provider"] = {}, b: StackJson["provider"] = {}): Record<string, Attrs[]> {
  const out: Record<string, Attrs[]> = {};
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const mine = [...(a[name] ?? [])];
    const aliases = new Set(mine.map((c) => c.alias));
    out[name] = [...mine, ...(b[name] ?? []).filter((c) => !aliases.has(c.alias))];
  }
  return out;
}

/**
 * The frame of a stage that holds resources of both states while `frame`'s outputs stay:
 * `frame`'s blocks, plus the data sources, variables and provider configurations only
 * `other` declares (a resource head adds may read a data source, a variable or a
 * provider alias base never had). Data sources and variables create nothing.
 */
export function mergedFrame(frame: StackJson, other: StackJson): StackJson {
  const data = mergeByType(frame.data, other.data);
  const variable = { ...(other.variable ?? {}), ...(frame.variable ?? {}) };
  const provider = mergeProviders(frame.provider, other.provider);
  return {
    ...frame,
    ...(Object.keys(data).length > 0 ? { data } : {}),
    ...(Object.keys(variable).length > 0 ? { variable } : {}),
    ...(Object.keys(provider).length > 0 ? { provider } : {}),
  };
}

/** A body without cdktf's `//` metadata, as Terraform compares it. */
export function bodyText(body: Attrs): string {
  const { "//": _meta, ...rest } = body;
  return JSON.stringify(rest);
}
