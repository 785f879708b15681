/**
 * npm run netdiff -- <base cdktf.out> <head cdktf.out>
 *
 * Prints the Markdown network diff of two synthesized trees (lib/topology/netdiff.ts).
 * No Terraform, no credentials: it reads <dir>/stacks/<stack>/cdk.tf.json only.
 * Exit codes: 0 no blocking finding; 2 a protected resource is destroyed or replaced,
 * or the internet gains a path; 1 bad input (nothing is printed to stdout then).
 */
import * as fs from "fs";
import * as path from "path";
import { netdiff, renderNetdiff, StackJson } from "../lib/topology/netdiff";

const USAGE = "usage: npm run netdiff -- <base cdktf.out> <head cdktf.out>";

function readTree(dir: string, which: string): Map<string, StackJson> {
  const stacks = path.join(dir, "stacks");
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new Error(`${which} = "${dir}": not a directory; allowed: a cdktf.out directory (node bin/synth.js writes one)`);
  if (!fs.existsSync(stacks))
    throw new Error(`${which} = "${dir}": has no stacks/ directory; allowed: a cdktf.out directory with stacks/<stack>/cdk.tf.json`);
  const tree = new Map<string, StackJson>();
  for (const name of fs.readdirSync(stacks).sort()) {
    const file = path.join(stacks, name, "cdk.tf.json");
    if (!fs.existsSync(file)) continue;
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new Error(
        `${which} stack ${name} = "${file}": is not valid JSON (${(e as Error).message}); allowed: cdk.tf.json as cdktf synthesizes it`,
      );
    }
    if (typeof json !== "object" || json === null || Array.isArray(json))
      throw new Error(`${which} stack ${name} = "${file}": is not a JSON object; allowed: cdk.tf.json as cdktf synthesizes it`);
    tree.set(name, json as StackJson);
  }
  if (tree.size === 0) throw new Error(`${which} = "${dir}": stacks/ holds no <stack>/cdk.tf.json; allowed: a synthesized cdktf.out`);
  return tree;
}

function main(argv: readonly string[]): number {
  if (argv.length !== 2) {
    process.stderr.write(`netdiff: expected 2 arguments, got ${argv.length}\n${USAGE}\n`);
    return 1;
  }
  let base: Map<string, StackJson>, head: Map<string, StackJson>;
  try {
    base = readTree(argv[0]!, "base");
    head = readTree(argv[1]!, "head");
  } catch (e) {
    process.stderr.write(`netdiff: ${(e as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const d = netdiff(base, head);
  process.stdout.write(renderNetdiff(d));
  for (const b of d.blocking) process.stderr.write(`netdiff: blocking: ${b.replace(/`/g, "")}\n`);
  return d.blocking.length > 0 ? 2 : 0;
}

process.exitCode = main(process.argv.slice(2));
