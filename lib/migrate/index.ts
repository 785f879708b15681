/**
 * A staged migration between two synthesized trees: per affected stack the stages of
 * `plan.ts`, each proven by `prove.ts`, merged into one numbered list (stage k applies
 * every affected stack's k-th state; a stack with fewer stages stays at its last).
 */
import { SynthTree, StackJson } from "../tfjson";
import { classifyResources } from "../analysis/changes";
import { LostPair, Obligation, obligationOf, proveStage, STATE_CAP } from "./prove";
import { PlanOptions, planStack, StackStage } from "./plan";
import { MigrationRefused } from "./routes";

export { MigrationRefused } from "./routes";
export type { PlanOptions } from "./plan";

export interface StackMigration {
  readonly stack: string;
  readonly base: StackJson;
  readonly stages: readonly StackStage[];
  readonly obligation: Obligation;
  /** States the proof checked: every stage and the states of its apply. */
  readonly points: number;
  /** Per stage, the distinct states of its apply, all checked; undefined: over the cap, two walks checked instead. */
  readonly states: readonly (number | undefined)[];
  /** The most states of one stage's apply checked one by one. */
  readonly cap: number;
}

/** One stage of the whole migration. */
export interface MigrationStage {
  readonly name: string;
  readonly summary: string;
  /** Every affected stack's state in this stage. */
  readonly stacks: ReadonlyMap<string, StackJson>;
  /** Addresses (`type.name`) created and removed, per stack (a replacement is both). */
  readonly changes: ReadonlyMap<string, { readonly creates: readonly string[]; readonly removes: readonly string[] }>;
}

export interface Migration {
  readonly stacks: readonly StackMigration[];
  readonly stages: readonly MigrationStage[];
}

const changed = (a: StackJson, b: StackJson): boolean => JSON.stringify(a) !== JSON.stringify(b);

/** The refusal for a stage that loses pairs: the first pair, where, why, and what was done by then. */
function lostMessage(stack: string, i: number, summary: string, lost: readonly LostPair[]): string {
  const l = lost[0]!;
  const done = l.done.length > 0 ? `; done by then, of what can change its walk: ${l.done.join(", ")}` : "";
  return (
    `stack ${stack}, stage ${i + 1} (${summary}), ${l.point}: ${lost.length} pair(s) reachable in base and head are lost, ` +
    `first ${l.pair} (${l.reason}${done}); no stage order keeps them`
  );
}

/** Plans and proves one stack; throws {@link MigrationRefused} naming the blocking fact. */
function migrateStack(stack: string, base: StackJson, head: StackJson, options: PlanOptions): StackMigration {
  const stages = planStack(base, head, options);
  const obligation = obligationOf(base, head);
  const cap = options.stateCap ?? STATE_CAP;
  const states: (number | undefined)[] = [];
  let [prev, points] = [base, 0];
  stages.forEach((s, i) => {
    const proof = proveStage(prev, s.json, obligation, cap);
    if (proof.lost.length > 0) throw new MigrationRefused(lostMessage(stack, i, s.summary, proof.lost));
    points += proof.points;
    states.push(proof.states);
    prev = s.json;
  });
  return { stack, base, stages, obligation, points, states, cap };
}

/** Created and removed addresses between two states of a stack. */
function diffOf(prev: StackJson, next: StackJson): { creates: string[]; removes: string[] } {
  const c = classifyResources(prev, next);
  const pick = (...kinds: string[]) =>
    [...c]
      .filter(([, k]) => kinds.includes(k))
      .map(([a]) => a)
      .sort();
  return { creates: pick("added", "replaced"), removes: pick("removed", "replaced") };
}

function mergeStages(stacks: readonly StackMigration[]): MigrationStage[] {
  const n = Math.max(0, ...stacks.map((s) => s.stages.length));
  return Array.from({ length: n }, (_, k) => {
    const at = (s: StackMigration, i: number) => (i < 0 ? s.base : s.stages[Math.min(i, s.stages.length - 1)]!.json);
    const active = stacks.filter((s) => k < s.stages.length);
    return {
      name: `stage-${k + 1}`,
      summary: active.map((s) => `${s.stack}: ${s.stages[k]!.summary}`).join("; "),
      stacks: new Map(stacks.map((s) => [s.stack, at(s, k)])),
      changes: new Map(active.map((s) => [s.stack, diffOf(at(s, k - 1), at(s, k))])),
    };
  });
}

/** Plans every stack whose resources differ; throws {@link MigrationRefused} when one has no safe order. */
export function planMigration(base: SynthTree, head: SynthTree, options: PlanOptions = {}): Migration {
  const stacks: StackMigration[] = [];
  for (const [name, h] of head) {
    const b = base.get(name);
    if (!b) throw new MigrationRefused(`stack ${name} is in head but not in base; allowed: two synthesized states of the same stacks`);
    if (changed(b, h)) stacks.push(migrateStack(name, b, h, options));
  }
  for (const name of base.keys())
    if (!head.has(name))
      throw new MigrationRefused(`stack ${name} is in base but not in head; allowed: two synthesized states of the same stacks`);
  return { stacks, stages: mergeStages(stacks) };
}
