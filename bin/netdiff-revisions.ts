/**
 * Synthesized trees of git revisions, for `netdiff <rev> <rev>`: each revision is checked
 * out in a temporary `git worktree`, given the current checkout's `node_modules` and
 * `.gen` by symlink (no install, no binding generation), synthesized with its own
 * `node bin/synth.js`, and removed afterwards. Only committed content is part of a
 * revision.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A synthesized revision: its `cdktf.out`, and how to remove the worktree. */
export interface SynthesizedRevision {
  readonly outDir: string;
  /** The commit synthesized. */
  readonly commit: string;
  dispose(): void;
}

/** Directories of the current checkout a revision's worktree borrows (never committed). */
const BORROWED = ["node_modules", ".gen"];
/** How much of a failed synthesis' output an error quotes. */
const TAIL_LINES = 15;

function git(root: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("git", ["-C", root, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** The top of the git checkout holding `dir`; throws when there is none. */
export function repositoryRoot(dir: string): string {
  const r = git(dir, ["rev-parse", "--show-toplevel"]);
  if (r.status !== 0) throw new Error(`"${dir}" is not inside a git checkout; allowed: run netdiff with revisions from a clone`);
  return r.stdout.trim();
}

const tail = (text: string) => text.trim().split("\n").slice(-TAIL_LINES).join("\n");

/**
 * The commit `rev` names, or `origin/<rev>` when there is no local `rev` (a clone on a
 * feature branch has `main` only as `origin/main`); throws, naming `what`, otherwise.
 */
export function resolveRevision(root: string, rev: string, what: string): string {
  for (const candidate of [rev, `origin/${rev}`]) {
    const verified = git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${candidate}^{commit}`]);
    if (verified.status === 0) return verified.stdout.trim();
  }
  throw new Error(
    `${what} = "${rev}": not a directory and not a revision git knows; allowed: a cdktf.out directory, or a branch, tag or commit`,
  );
}

/** Checks `rev` out in a temporary worktree and synthesizes it; `what` names it in errors. */
export function synthesizeRevision(root: string, rev: string, what: string): SynthesizedRevision {
  const commit = resolveRevision(root, rev, what);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `netdiff-${what}-`));
  const tree = path.join(tmp, "tree");
  const dispose = () => {
    git(root, ["worktree", "remove", "--force", tree]);
    fs.rmSync(tmp, { recursive: true, force: true });
    git(root, ["worktree", "prune"]);
  };
  try {
    const added = git(root, ["worktree", "add", "--detach", "--quiet", tree, commit]);
    if (added.status !== 0) throw new Error(`${what} = "${rev}": git worktree add failed: ${tail(added.stderr)}`);
    for (const dir of BORROWED) {
      const from = path.join(root, dir);
      if (fs.existsSync(from) && !fs.existsSync(path.join(tree, dir))) fs.symlinkSync(from, path.join(tree, dir), "dir");
    }
    // bin/synth.js since the command line moved to bin/; scripts/synth.js before that
    const synth = ["bin", "scripts"].map((d) => path.join(tree, d, "synth.js")).find((f) => fs.existsSync(f));
    if (!synth) throw new Error(`${what} = "${rev}": has no bin/synth.js; allowed: a revision of this project`);
    const r = spawnSync(process.execPath, [synth], { cwd: tree, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0)
      throw new Error(
        `${what} = "${rev}": synthesis failed (exit ${r.status ?? r.signal}); its last output:\n${tail(`${r.stdout}\n${r.stderr}`)}`,
      );
    return { outDir: path.join(tree, "cdktf.out"), commit, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
