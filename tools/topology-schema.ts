/**
 * Writes the topology file's JSON Schema (schema/topology.schema.json) from the zod
 * schema. `--check` writes nothing and exits 1 when the committed file is stale.
 *
 *   npm run generate -- topology-schema            regenerate
 *   npm run generate -- topology-schema --check
 */
import * as fs from "fs";
import * as path from "path";
import { TOPOLOGY_SCHEMA_FILE, topologyJsonSchema } from "../lib/topology/json-schema";

export const ROOT = path.resolve(__dirname, "..");

/** The file's content: two-space JSON and a final newline. */
export function renderTopologySchema(): string {
  return `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  const file = path.join(ROOT, TOPOLOGY_SCHEMA_FILE);
  const want = renderTopologySchema();
  const have = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (process.argv.includes("--check")) {
    if (have !== want) {
      console.error(`${TOPOLOGY_SCHEMA_FILE} is out of date with lib/topology/schema.ts; run npm run generate`);
      process.exit(1);
    }
  } else if (have !== want) {
    fs.writeFileSync(file, want);
    console.log(`schema:topology: wrote ${TOPOLOGY_SCHEMA_FILE}`);
  }
}
