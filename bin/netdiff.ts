/**
 * npm run netdiff -- <base> <head>
 *
 * Prints the Markdown network diff of two synthesized trees (lib/analysis/netdiff.ts).
 * Each argument is a cdktf.out directory, or a git revision (branch, tag, commit) that
 * is synthesized in a temporary worktree first (bin/netdiff-revisions.ts). No
 * Terraform, no credentials: it reads <dir>/stacks/<stack>/cdk.tf.json only.
 * Exit codes: 0 no blocking finding; 2 a protected resource is destroyed or replaced,
 * or the internet gains a path; 1 bad input (nothing is printed to stdout then).
 */
import * as fs from "fs";
import { netdiff, renderNetdiff } from "../lib/analysis/netdiff";
import { repositoryRoot, resolveRevision, SynthesizedRevision, synthesizeRevision } from "./netdiff-revisions";
import { readSynthTree, StackJson } from "../lib/tfjson";

const USAGE = "usage: npm run netdiff -- <base> <head>   (each a cdktf.out directory or a git revision, e.g. main HEAD)";

/** A directory is read as it is; anything else is a revision, synthesized (and disposed by the caller). */
function treeOf(arg: string, which: string, revisions: SynthesizedRevision[]): Map<string, StackJson> {
  if (fs.existsSync(arg) && fs.statSync(arg).isDirectory()) return readSynthTree(arg, which);
  if (fs.existsSync(arg)) throw new Error(`${which} = "${arg}": not a directory; allowed: a cdktf.out directory or a git revision`);
  const root = repositoryRoot(process.cwd());
  const commit = resolveRevision(root, arg, which);
  process.stderr.write(`netdiff: synthesizing ${which} = ${arg} (${commit.slice(0, 12)}) in a temporary git worktree\n`);
  const rev = synthesizeRevision(root, commit, which);
  revisions.push(rev);
  return readSynthTree(rev.outDir, `${which} (${arg}, ${rev.commit.slice(0, 12)})`);
}

function main(argv: readonly string[]): number {
  if (argv.length !== 2) {
    process.stderr.write(`netdiff: expected 2 arguments, got ${argv.length}\n${USAGE}\n`);
    return 1;
  }
  const revisions: SynthesizedRevision[] = [];
  let base: Map<string, StackJson>, head: Map<string, StackJson>;
  try {
    base = treeOf(argv[0]!, "base", revisions);
    head = treeOf(argv[1]!, "head", revisions);
  } catch (e) {
    process.stderr.write(`netdiff: ${(e as Error).message}\n${USAGE}\n`);
    return 1;
  } finally {
    for (const r of revisions) r.dispose();
  }
  const d = netdiff(base, head);
  process.stdout.write(renderNetdiff(d));
  for (const b of d.blocking) process.stderr.write(`netdiff: blocking: ${b.replace(/`/g, "")}\n`);
  return d.blocking.length > 0 ? 2 : 0;
}

process.exitCode = main(process.argv.slice(2));
