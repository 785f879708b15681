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
  try {
    data = [".yaml", ".yml"].includes(extname(file).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new TopologyError(file, [{ path: "file", value: file, message: `is not valid ${extname(file).slice(1).toUpperCase() || "JSON"}: ${(e as Error).message}` }]);
  }
  return parseTopology(data);
}
