/**
 * Proves that a change left the synthesized Terraform JSON as it was: synthesizes two git
 * revisions in temporary worktrees (the default topology of every scenario) and compares
 * every stack's `cdk.tf.json` byte for byte. A refactor must print "identical"; a change
 * meant to alter the JSON shows exactly which stacks it touched.
 *
 *   npx tsx tools/ci/same-json.ts <base-rev> [<head-rev>]     head defaults to HEAD
 *
 * Exit 0 when every stack is identical, 1 when one differs or exists on one side only,
 * 2 on bad arguments.
 */
import * as fs from "fs";
import * as path from "path";
import { repositoryRoot, resolveRevision, SynthesizedRevision, synthesizeRevision } from "../../bin/netdiff-revisions";

/** Stack name -> its cdk.tf.json bytes, for every stack of a synthesized tree. */
function stackFiles(outDir: string): Map<string, Buffer> {
  const stacks = path.join(outDir, "stacks");
  const files = new Map<string, Buffer>();
  for (const name of fs.readdirSync(stacks).sort()) {
    const file = path.join(stacks, name, "cdk.tf.json");
    if (fs.existsSync(file)) files.set(name, fs.readFileSync(file));
  }
  return files;
}

/** One line per stack that is not byte-identical on both sides. */
export function differences(base: ReadonlyMap<string, Buffer>, head: ReadonlyMap<string, Buffer>): string[] {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  return names.flatMap((n) => {
    const [a, b] = [base.get(n), head.get(n)];
    if (!a) return [`${n}: only in head`];
    if (!b) return [`${n}: only in base`];
    return a.equals(b) ? [] : [`${n}: differs (${a.length} -> ${b.length} bytes)`];
  });
}

function main(argv: readonly string[]): number {
  if (argv.length < 1 || argv.length > 2 || argv.some((a) => a.startsWith("-"))) {
    console.error("usage: npx tsx tools/ci/same-json.ts <base-rev> [<head-rev>]");
    return 2;
  }
  const root = repositoryRoot(process.cwd());
  const revs: SynthesizedRevision[] = [];
  try {
    const [base, head] = [argv[0]!, argv[1] ?? "HEAD"].map((rev, i) => {
      const which = i === 0 ? "base" : "head";
      const r = synthesizeRevision(root, resolveRevision(root, rev, which), which);
      revs.push(r);
      return stackFiles(r.outDir);
    });
    const diff = differences(base!, head!);
    for (const line of diff) console.log(line);
    console.log(diff.length === 0 ? `identical: ${base!.size} stacks byte for byte` : `${diff.length} of ${base!.size} stacks differ`);
    return diff.length === 0 ? 0 : 1;
  } finally {
    for (const r of revs) r.dispose();
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
