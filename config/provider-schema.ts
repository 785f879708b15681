/**
 * The committed provider schema of the pinned version (cdktf.json), for the policy
 * checks that follow the provider: which types take tags, which arguments are deprecated.
 */
import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";
import { ProviderSchemaFacts, schemaFacts } from "../lib/policy/schema-facts";

/** The project root: the nearest directory upwards with a cdktf.json (works from dist/ too). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "cdktf.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cdktf.json not found above ${__dirname}`);
    dir = up;
  }
  return dir;
}

let cached: ProviderSchemaFacts | undefined;

export function providerSchemaFacts(): ProviderSchemaFacts {
  if (cached) return cached;
  const root = projectRoot();
  const pin = (
    JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")) as { terraformProviders: { name: string; version: string }[] }
  ).terraformProviders.find((p) => p.name === "alicloud")!;
  cached = schemaFacts(JSON.parse(readFileSync(join(root, "schema", `alicloud-${pin.version}.json`), "utf8")));
  return cached;
}
