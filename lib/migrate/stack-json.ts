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

/** A body without cdktf's `//` metadata, as Terraform compares it. */
export function bodyText(body: Attrs): string {
  const { "//": _meta, ...rest } = body;
  return JSON.stringify(rest);
}
