/**
 * npm run resilience -- [<cdktf.out>] [--out <cdktf.out>] [--pairs]
 *
 * Prints, for every synthesized stack, the single-failure table (lib/analysis/resilience.ts):
 * one row per failure element (a VPN link or gateway, a leased line, a router-interface
 * pair, a peering, a transit-router attachment) with the promised pairs it cuts and the
 * offices and IDCs at their ends, then `N elements, K single points of failure`. The
 * promise is the stack's intent.json (written by synthesis); without one, every pair
 * delivered with nothing down. Sites are read back from the JSON (and named after the
 * promise's networks with the same address ranges). No Terraform.
 * Exit codes: 0 the table is printed (single points of failure are reported, not
 * refused: `redundant: true` on a site refuses them at synthesis); 1 unreadable input.
 */
import * as path from "path";
import { readIntent } from "../lib/analysis/promise";
import { countLine, renderResilience, resilienceTable } from "../lib/analysis/resilience";
import { namedAfter, sitesFromStack } from "../lib/analysis/stack-sites";
import { readSynthTree } from "../lib/tfjson";

const USAGE = "usage: npm run resilience -- [<cdktf.out>] [--out <cdktf.out>] [--pairs]   (default cdktf.out)";

function parseArgs(argv: readonly string[]): { dir: string; pairs: boolean } | "help" {
  let dir: string | undefined;
  let pairs = false;
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === "--help" || x === "-h") return "help";
    if (x === "--pairs") pairs = true;
    else if (x === "--out" && argv[i + 1] !== undefined && dir === undefined) dir = argv[++i];
    else if (!x.startsWith("-") && dir === undefined) dir = x;
    else throw new Error(`argument ${JSON.stringify(x)} is not understood; allowed: one cdktf.out directory, --out DIR, --pairs`);
  }
  return { dir: dir ?? "cdktf.out", pairs };
}

function main(argv: readonly string[]): number {
  let tree, args, intents;
  try {
    args = parseArgs(argv);
    if (args === "help") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    tree = readSynthTree(args.dir, "cdktf.out");
    // every promise read first: a bad one fails before any output
    const dir = args.dir;
    intents = new Map([...tree.keys()].map((name) => [name, readIntent(path.join(dir, "stacks", name))]));
  } catch (e) {
    process.stderr.write(`resilience: ${(e as Error).message}\n${USAGE}\n`);
    return 1;
  }
  let [elements, single] = [0, 0];
  for (const [name, json] of tree) {
    const intent = intents.get(name);
    const sites = intent ? namedAfter(sitesFromStack(json), intent.networks) : sitesFromStack(json);
    const table = resilienceTable(json, sites, intent?.mustReach);
    process.stdout.write(`## ${name}${intent ? "" : " (no intent.json: every pair delivered with nothing down)"}\n`);
    process.stdout.write(`${renderResilience(table, args.pairs)}\n`);
    elements += table.rows.length;
    single += table.singlePoints.length;
  }
  process.stdout.write(`${countLine(elements, single)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
