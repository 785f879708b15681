/**
 * A planned migration on disk and on the terminal: `<out>/stage-1 … stage-N`, each a
 * cdktf.out-shaped directory (`manifest.json`, `stacks/<stack>/cdk.tf.json`) holding the
 * affected stacks, and `<out>/stages.json` listing them in order.
 */
import * as fs from "fs";
import * as path from "path";
import type { Migration, StackMigration } from "./index";

/** Stages (1-based) of a stack whose apply had more states than the cap. */
const overCap = (s: StackMigration): number[] => s.states.flatMap((n, i) => (n === undefined ? [i + 1] : []));

/** What the proof checked for one stack. */
function proofLine(s: StackMigration): string {
  const what = `${s.stack}: ${s.obligation.kept.length} ordered pairs reachable in base and head, checked in ${s.points} states`;
  const over = overCap(s);
  const counts = s.states.map((n, i) => `stage ${i + 1}: ${n ?? `over ${s.cap}`}`).join(", ");
  if (over.length === 0) return `${what}: every stage, and every state Terraform can reach while applying it (${counts})`;
  return (
    `${what}: every stage; every state Terraform can reach while applying it, except in stage ${over.join(", ")} ` +
    `(more than ${s.cap} states: only every step of applying it deletions first and creations first) (${counts})`
  );
}

/** One line per stage, then the claim the checker proved. */
export function stageLines(m: Migration): string[] {
  const lines = m.stages.map((s) => {
    const counts = [...s.changes].map(([stack, c]) => `${stack} +${c.creates.length} -${c.removes.length}`).join(", ");
    return `${s.name}: ${s.summary} [${counts}]`;
  });
  for (const s of m.stacks) {
    lines.push(proofLine(s));
    if (s.obligation.droppedByHead.length > 0)
      lines.push(
        `${s.stack}: head itself drops ${s.obligation.droppedByHead.length} pair(s) base reaches (the change, not the migration): ${s.obligation.droppedByHead.slice(0, 5).join(", ")}`,
      );
  }
  const partial = m.stacks.filter((s) => overCap(s).length > 0).map((s) => s.stack);
  lines.push(
    partial.length === 0
      ? `${m.stages.length} stages, 0 pairs lost at any stage`
      : `${m.stages.length} stages, 0 pairs lost in the states checked; not every state of ${partial.join(", ")} was checked (raise the cap with --state-cap)`,
  );
  return lines;
}

/** The manifest of a stage: the base manifest's entries for the stacks the stage holds. */
function manifestFor(baseDir: string, stacks: readonly string[]): unknown {
  const file = path.join(baseDir, "manifest.json");
  const base = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as { version?: string; stacks?: Record<string, unknown> })
    : {};
  const entry = (name: string) =>
    base.stacks?.[name] ?? {
      name,
      constructPath: name,
      dependencies: [],
      synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      workingDirectory: `stacks/${name}`,
    };
  return { version: base.version ?? "0.21.0", stacks: Object.fromEntries(stacks.map((s) => [s, entry(s)])) };
}

/**
 * Refuses an output directory that holds anything but an earlier migration's stages:
 * writing replaces the directory whole, and must never remove what it did not write.
 */
export function checkOutDir(out: string): void {
  if (!fs.existsSync(out)) return;
  if (!fs.statSync(out).isDirectory()) throw new Error(`--out = "${out}": is a file; allowed: a new directory or one migrate wrote`);
  if (fs.readdirSync(out).length > 0 && !fs.existsSync(path.join(out, "stages.json")))
    throw new Error(`--out = "${out}": exists and holds no stages.json; allowed: a new directory or one migrate wrote`);
}

/** Writes every stage and `stages.json` under `out` (replaced whole: first into a sibling, then renamed). */
export function writeStages(out: string, m: Migration, baseDir: string, headDir: string): void {
  checkOutDir(out);
  const tmp = `${out.replace(/\/+$/, "")}.partial-${process.pid}`;
  try {
    writeInto(tmp, m, baseDir, headDir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(tmp, out);
}

function writeInto(tmp: string, m: Migration, baseDir: string, headDir: string): void {
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const s of m.stages) {
    const dir = path.join(tmp, s.name);
    for (const [stack, json] of s.stacks) {
      fs.mkdirSync(path.join(dir, "stacks", stack), { recursive: true });
      fs.writeFileSync(path.join(dir, "stacks", stack, "cdk.tf.json"), JSON.stringify(json, null, 2)); // byte for byte as cdktf writes it
    }
    fs.writeFileSync(path.join(dir, "manifest.json"), `${JSON.stringify(manifestFor(baseDir, [...s.stacks.keys()]), null, 2)}\n`);
  }
  const index = {
    base: path.resolve(baseDir),
    head: path.resolve(headDir),
    stages: m.stages.map((s) => {
      const all = [...s.changes.values()];
      return {
        name: s.name,
        summary: s.summary,
        creates: [...new Set(all.flatMap((c) => c.creates))].sort(),
        removes: [...new Set(all.flatMap((c) => c.removes))].sort(),
        stacks: Object.fromEntries(s.changes),
      };
    }),
  };
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(tmp, "stages.json"), `${JSON.stringify(index, null, 2)}\n`);
}
