/**
 * Reading synthesized stacks from disk: one `cdk.tf.json`, or a whole `cdktf.out` tree
 * (`<dir>/stacks/<stack>/cdk.tf.json`). Errors name the argument, the path and what is
 * allowed.
 */
import * as fs from "fs";
import * as path from "path";
import { StackJson } from "./types";

/** One `cdk.tf.json`; `what` names it in errors (e.g. `base stack hub`). */
export function readStackFile(file: string, what: string): StackJson {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${what} = "${file}": is not valid JSON (${(e as Error).message}); allowed: cdk.tf.json as cdktf synthesizes it`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new Error(`${what} = "${file}": is not a JSON object; allowed: cdk.tf.json as cdktf synthesizes it`);
  return json as StackJson;
}

/** Every stack of a `cdktf.out` directory, by stack name (sorted); `what` names it in errors. */
export function readSynthTree(dir: string, what: string): Map<string, StackJson> {
  const stacks = path.join(dir, "stacks");
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new Error(`${what} = "${dir}": not a directory; allowed: a cdktf.out directory (node bin/synth.js writes one)`);
  if (!fs.existsSync(stacks))
    throw new Error(`${what} = "${dir}": has no stacks/ directory; allowed: a cdktf.out directory with stacks/<stack>/cdk.tf.json`);
  const tree = new Map<string, StackJson>();
  for (const name of fs.readdirSync(stacks).sort()) {
    const file = path.join(stacks, name, "cdk.tf.json");
    if (fs.existsSync(file)) tree.set(name, readStackFile(file, `${what} stack ${name}`));
  }
  if (tree.size === 0) throw new Error(`${what} = "${dir}": stacks/ holds no <stack>/cdk.tf.json; allowed: a synthesized cdktf.out`);
  return tree;
}
