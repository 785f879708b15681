/**
 * The topology file's JSON Schema (schema/topology.schema.json) and its field reference
 * (docs/topology-reference.md), both from the zod schema and the TSDoc of
 * lib/topology/types.ts, and the account prerequisites page (docs/account-prerequisites.md)
 * from lib/topology/prerequisites.ts. Written by `npm run generate` (generator
 * `topology-schema`); `npm run generate -- --check` reports them when stale.
 */
import * as path from "path";
import { renderTopologyReference } from "../lib/topology/field-reference";
import { PREREQUISITES_PAGE, renderPrerequisitesPage } from "../lib/topology/prerequisites";
import { TOPOLOGY_REFERENCE_FILE, TOPOLOGY_SCHEMA_FILE, topologyJsonSchema } from "../lib/topology/json-schema";

export const ROOT = path.resolve(__dirname, "..");
const REGENERATE = "npm run generate";

/** The schema file's content: two-space JSON and a final newline. */
export function renderTopologySchema(): string {
  return `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
}

/** The reference page's content. */
export function renderTopologyReferencePage(): string {
  return renderTopologyReference(topologyJsonSchema() as never, REGENERATE);
}

/** Every file this generator owns, with its content. */
export function topologyFiles(): { path: string; content: string }[] {
  return [
    { path: TOPOLOGY_SCHEMA_FILE, content: renderTopologySchema() },
    { path: TOPOLOGY_REFERENCE_FILE, content: renderTopologyReferencePage() },
    { path: PREREQUISITES_PAGE, content: renderPrerequisitesPage(REGENERATE) },
  ];
}
