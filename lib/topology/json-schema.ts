/**
 * The JSON Schema of a topology file, generated from the zod schema (`schema.ts`), so an
 * editor completes and checks JSON/YAML topology files with the same shape rules the
 * loader applies. Semantic rules (CIDR overlaps, references, ranges) stay in
 * `validate.ts`: synth reports those. Written to `schema/topology.schema.json` by
 * `npm run generate`; a test fails when the committed file is stale.
 */
import { z } from "zod";
import { annotateTopologySchema } from "./field-reference";
import { TopologySchema } from "./schema";

/** Where the committed schema lives, relative to the repository root. */
export const TOPOLOGY_SCHEMA_FILE = "schema/topology.schema.json";
/** Where the field reference rendered from the same source lives. */
export const TOPOLOGY_REFERENCE_FILE = "docs/topology-reference.md";

/**
 * Descriptions that say more in a topology file than the field's TSDoc does; every other
 * field's description is its TSDoc in types.ts (field-reference.ts).
 */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  name: "The scenario stack this topology replaces: vpc-peering-same-account, vpc-peering-cross-account, shared-nat, idc-leased-line or multinational-hub (TOPOLOGY_FILE), or any name for an example. The root of every error path.",
};

/** The topology file's JSON Schema (draft 2020-12), deterministic for a given zod schema. */
export function topologyJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(TopologySchema, { target: "draft-2020-12" }) as Record<string, unknown> & {
    properties: Record<string, Record<string, unknown>>;
  };
  const properties: Record<string, unknown> = {
    // the loader accepts and ignores the editor's schema reference (load.ts)
    $schema: { type: "string", description: "This schema's location, for editor completion; ignored by the loader." },
  };
  for (const [k, v] of Object.entries(generated.properties)) properties[k] = DESCRIPTIONS[k] ? { description: DESCRIPTIONS[k], ...v } : v;
  // every other field's description comes from its TSDoc in types.ts (field-reference.ts)
  annotateTopologySchema({ properties: properties as never });
  return {
    $schema: generated.$schema,
    title: "alicloud-hybrid-network-cdktf topology",
    description: `A network topology for the alicloud-hybrid-network-cdktf template. Generated from lib/topology/schema.ts by \`npm run generate\`; do not edit.`,
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== "$schema")),
    properties,
  };
}
