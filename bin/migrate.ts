/**
 * npm run migrate -- <base cdktf.out> <head cdktf.out> --out <dir> [--route-quota N] [--state-cap N]
 *
 * Plans the stages that take every changed stack from base to head with no pair of
 * networks losing its path (lib/migrate), proves each with the reachability checker,
 * prints one line per stage and writes <dir>/stage-1 … stage-N and <dir>/stages.json.
 * Exit codes: 0 written; 2 no safe order (the blocking fact named, nothing written);
 * 1 bad input (nothing written).
 */
import { MigrationRefused, planMigration } from "../lib/migrate";
import { checkOutDir, stageLines, writeStages } from "../lib/migrate/output";
import { readSynthTree } from "../lib/tfjson";

const USAGE = "usage: npm run migrate -- <base cdktf.out> <head cdktf.out> --out <dir> [--route-quota N] [--state-cap N]";

interface Args {
  readonly base: string;
  readonly head: string;
  readonly out: string;
  readonly routeQuota?: number;
  readonly stateCap?: number;
}

/** A positive integer option's value, or a clear error naming it. */
function positive(option: string, v: string | undefined): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${option} = "${v}": allowed: a positive integer`);
  return n;
}

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  let out: string | undefined;
  let [routeQuota, stateCap]: (number | undefined)[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--out") out = argv[++i];
    else if (a === "--route-quota") routeQuota = positive(a, argv[++i]);
    else if (a === "--state-cap") stateCap = positive(a, argv[++i]);
    else if (a.startsWith("-")) throw new Error(`unknown option ${a}; allowed: --out, --route-quota, --state-cap`);
    else positional.push(a);
  }
  if (positional.length !== 2) throw new Error(`expected 2 directories (base, head), got ${positional.length}`);
  if (!out) throw new Error("--out <dir> is required: where the stages are written");
  return { base: positional[0]!, head: positional[1]!, out, routeQuota, stateCap };
}

function main(argv: readonly string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
    checkOutDir(args.out);
    const base = readSynthTree(args.base, "base");
    const head = readSynthTree(args.head, "head");
    const m = planMigration(base, head, { routeQuota: args.routeQuota, stateCap: args.stateCap });
    if (m.stages.length === 0) {
      process.stdout.write("base and head are the same: 0 stages, nothing written\n");
      return 0;
    }
    for (const line of stageLines(m)) process.stdout.write(`${line}\n`);
    writeStages(args.out, m, args.base, args.head);
    process.stdout.write(`written: ${args.out}/stage-1 … ${m.stages[m.stages.length - 1]!.name}, ${args.out}/stages.json\n`);
    return 0;
  } catch (e) {
    if (e instanceof MigrationRefused) {
      process.stderr.write(`migrate: no safe order: ${e.message}; nothing written\n`);
      return 2;
    }
    process.stderr.write(`migrate: ${(e as Error).message}\n${USAGE}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
