/**
 * Reads a topology from a JSON or YAML file and checks it against the same types and
 * rules as the TypeScript defaults.
 */
import { readFileSync } from "fs";
import { extname } from "path";
import { parse as parseYaml } from "yaml";
import { TopologyError } from "./issues";
import { parseTopology } from "./schema";
import { Topology } from "./types";

export function loadTopologyFile(file: string): Topology {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new TopologyError(file, [{ path: "file", value: file, message: `cannot be read (${(e as Error).message})` }]);
  }
  let data: unknown;
  const yaml = [".yaml", ".yml"].includes(extname(file).toLowerCase());
  try {
    data = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new TopologyError(file, [{ path: "file", value: file, message: `is not valid ${yaml ? "YAML" : "JSON"}: ${parseReason(e as Error, yaml)}` }]);
  }
  return parseTopology(withoutSchemaRef(file, data));
}

/**
 * `data` without a top-level `$schema` (the editor's reference to
 * schema/topology.schema.json, not part of the topology); a non-string one is an error.
 */
function withoutSchemaRef(file: string, data: unknown): unknown {
  if (data === null || typeof data !== "object" || Array.isArray(data) || !("$schema" in data)) return data;
  const { $schema: ref, ...rest } = data as Record<string, unknown>;
  if (typeof ref !== "string") {
    throw new TopologyError(file, [{ path: "$schema", value: ref, message: "is not a string; allowed: the path or URL of schema/topology.schema.json" }]);
  }
  return rest;
}

/**
 * The parser's message without the excerpt of the file it quotes (the excerpt may hold
 * a secret someone pasted in): yaml appends ":\n\n<source line>", V8 appends
 * `, "<source>" is not valid JSON`. The line and column (YAML) or position (JSON) stay.
 */
function parseReason(e: Error, yaml: boolean): string {
  return yaml ? e.message.split(":\n\n")[0]! : e.message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, "");
}
