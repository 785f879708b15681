/**
 * Writes the topology file's JSON Schema (schema/topology.schema.json) and its field
 * reference (docs/topology-reference.md), both from the zod schema and the TSDoc of
 * lib/topology/types.ts, and the account prerequisites page (docs/account-prerequisites.md)
 * from lib/topology/prerequisites.ts. `--check` writes nothing and exits 1 when one is stale.
 *
 *   npm run schema:topology          regenerate
 *   npm run schema:topology -- --check
 */
import * as fs from "fs";
import * as path from "path";
import { renderTopologyReference } from "../lib/topology/field-reference";
import { PREREQUISITES_PAGE, renderPrerequisitesPage } from "../lib/topology/prerequisites";
import { TOPOLOGY_REFERENCE_FILE, TOPOLOGY_SCHEMA_FILE, topologyJsonSchema } from "../lib/topology/json-schema";

export const ROOT = path.resolve(__dirname, "..");

/** The schema file's content: two-space JSON and a final newline. */
export function renderTopologySchema(): string {
  return `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
}

/** The reference page's content. */
export function renderTopologyReferencePage(): string {
  return renderTopologyReference(topologyJsonSchema() as never, "npm run schema:topology");
}

if (require.main === module) {
  const files: [string, string][] = [
    [TOPOLOGY_SCHEMA_FILE, renderTopologySchema()],
    [TOPOLOGY_REFERENCE_FILE, renderTopologyReferencePage()],
    [PREREQUISITES_PAGE, renderPrerequisitesPage("npm run schema:topology")],
  ];
  for (const [rel, want] of files) {
    const file = path.join(ROOT, rel);
    const have = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (have === want) continue;
    if (process.argv.includes("--check")) {
      console.error(`${rel} is out of date with lib/topology/schema.ts and types.ts; run npm run schema:topology`);
      process.exitCode = 1;
    } else {
      fs.writeFileSync(file, want);
      console.log(`schema:topology: wrote ${rel}`);
    }
  }
}
