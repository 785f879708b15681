/**
 * One command for every file the repository commits that is generated from code or data:
 * the topology diagrams, the facts page, the InfraGuard tables, the topology file's JSON
 * Schema, the sample netdiff comment and the migration guide's stage lists. Each generator computes its files from the
 * committed sources; this writes the ones that differ.
 *
 *   npm run generate                       regenerate everything
 *   npm run generate -- --check            write nothing; exit 1 listing what is stale
 *   npx hybridnet generate diagrams        only the named generators
 *
 * Bad arguments exit 2 naming what is allowed. The tests that keep each generated file
 * current call the same generator functions.
 */
import * as fs from "fs";
import * as path from "path";
import { generate as diagramFiles, GeneratedFile, read, README, ROOT } from "./diagrams";
import { FACTS_DOC, updatedDoc } from "./facts-doc";
import { generate as infraguardFiles, TABLE_HOST } from "./infraguard-coverage";
import { SAMPLE_PAGE, updateSamplePage } from "./netdiff-sample";
import { GUIDE_PAGE, updateGuidePage } from "./migrate-guide";
import { topologyFiles } from "./topology-schema";
import { TOPOLOGY_SCHEMA_FILE } from "../lib/topology/json-schema";
import { GenerateArgs, GeneratorName, parseGenerateArgs } from "./generate-args";

export const REGENERATE = "npm run generate";

interface Generator {
  readonly summary: string;
  /** The files this generator owns, computed from what is committed under ROOT now. */
  readonly files: () => readonly GeneratedFile[];
}

/** The text of `rel` under ROOT, or "" when it is missing (the marker check then names it). */
const host = (rel: string): string => read(ROOT, rel) ?? "";

export const GENERATORS: Readonly<Record<GeneratorName, Generator>> = {
  diagrams: {
    summary: "docs/diagrams/<scenario>.md and the README's diagram blocks",
    files: () => diagramFiles(host(README)),
  },
  facts: {
    summary: `the "What the API does after plan" tables in ${FACTS_DOC}`,
    files: () => [{ path: FACTS_DOC, content: updatedDoc(host(FACTS_DOC)) }],
  },
  infraguard: {
    summary: `docs/infraguard-coverage.md and the coverage table in ${TABLE_HOST}`,
    files: () => infraguardFiles(host(TABLE_HOST)),
  },
  "topology-schema": {
    summary: `${TOPOLOGY_SCHEMA_FILE} (the JSON Schema of topology files), the field reference and the account prerequisites page`,
    files: topologyFiles,
  },
  "netdiff-sample": {
    summary: `the sample netdiff comment in ${SAMPLE_PAGE}`,
    files: () => [{ path: SAMPLE_PAGE, content: updateSamplePage(host(SAMPLE_PAGE)) }],
  },
  "migrate-guide": {
    summary: `the stage lists of the migration guide in ${GUIDE_PAGE}`,
    files: () => [{ path: GUIDE_PAGE, content: updateGuidePage(host(GUIDE_PAGE)) }],
  },
};

function write(f: GeneratedFile): void {
  fs.mkdirSync(path.dirname(path.join(ROOT, f.path)), { recursive: true });
  fs.writeFileSync(path.join(ROOT, f.path), f.content);
}

/** Runs the generators in order (each sees what the previous wrote); returns the exit code. */
export function main(argv: readonly string[]): number {
  let args: GenerateArgs;
  try {
    args = parseGenerateArgs(argv);
  } catch (e) {
    console.error(`generate: ${(e as Error).message}\nusage: ${REGENERATE} -- [GENERATOR...] [--check]`);
    return 2;
  }
  const stale: string[] = [];
  for (const name of args.names) {
    const changed = GENERATORS[name].files().filter((f) => read(ROOT, f.path) !== f.content);
    for (const f of changed) {
      stale.push(`${f.path} (${name})`);
      if (!args.check) write(f);
    }
  }
  if (stale.length === 0) {
    console.log(`generate: up to date (${args.names.join(", ")})`);
    return 0;
  }
  if (args.check) {
    console.error(`generate: out of date (run \`${REGENERATE}\`):\n${stale.map((s) => `  ${s}`).join("\n")}`);
    return 1;
  }
  console.log(`generate: wrote\n${stale.map((s) => `  ${s}`).join("\n")}`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`generate: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
