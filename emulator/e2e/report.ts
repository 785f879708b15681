/** The e2e run's report: the table, each stack's notes in stack order, the totals, and the closing count. */
import * as path from "path";
import type { Options } from "./options";
import type { StackResult } from "./stack-run";
import { ROOT } from "./terraform";

export function table(results: readonly StackResult[]): string {
  const head = ["STACK", "APPLY s", "RE-PLAN", "RE-APPLY", "DESTROY s", "LEFTOVERS", "API CALLS", "FAULTS", "RESULT"];
  const rows = results.map((r) => [
    r.plant ? `${r.stack} [${r.plant}]` : r.stack,
    r.applyS.toFixed(1),
    r.replan,
    r.reapply,
    r.destroyS.toFixed(1),
    String(r.leftovers),
    String(r.apiCalls),
    String(r.injected),
    r.planted ?? (r.passed ? "pass" : "FAIL"),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  return [head, ...rows].map((row) => row.map((c, i) => (i === 0 ? c.padEnd(w[i] ?? 0) : c.padStart(w[i] ?? 0))).join("  ")).join("\n");
}

/** A stack's notes as one block, so stacks that ran side by side read one after another. */
export function stackBlock(r: StackResult): string {
  const name = r.plant ? `${r.stack} [${r.plant}]` : r.stack;
  const notes = r.notes.map((n) => `\n${name}: ${n}\n`).join("");
  return `${notes}${r.passed ? "" : `${name}: log ${path.relative(ROOT, r.log)}\n`}`;
}

/** With --plant: one line per plant, caught or missed. */
export function plantLines(results: readonly StackResult[]): string[] {
  return results.filter((r) => r.plant).map((r) => `planted ${r.plant} into ${r.stack}: ${r.planted === "caught" ? "caught" : "missed"}`);
}

export interface RunTotals {
  readonly totalS: number;
  readonly peakRssMiB: number;
  readonly jobs: number;
  readonly workDir: string;
}

export function summary(results: readonly StackResult[], opts: Options, t: RunTotals): string {
  const sum = (f: (r: StackResult) => number) => results.reduce((a, r) => a + f(r), 0);
  const slowest = results.reduce<StackResult | undefined>((a, r) => (a && a.totalS >= r.totalS ? a : r), undefined);
  const faults = [...(opts.faultRate > 0 ? [`rate ${opts.faultRate}`] : []), ...(opts.faults.length > 0 ? [opts.faults.join(", ")] : [])];
  return [
    `whole run ${t.totalS.toFixed(1)} s with --jobs ${t.jobs}` +
      (slowest
        ? `; slowest stack ${slowest.stack} ${slowest.totalS.toFixed(1)} s (${(t.totalS / Math.max(slowest.totalS, 0.001)).toFixed(2)}x)`
        : "") +
      `; stacks one after another would take ${sum((r) => r.totalS).toFixed(1)} s`,
    `${sum((r) => r.apiCalls)} API calls` +
      (faults.length > 0 ? `, ${sum((r) => r.injected)} injected faults (${faults.join("; ")}, seed ${opts.seed})` : "") +
      `; logs in ${path.relative(ROOT, t.workDir)}/<stack>/e2e.log`,
    `emulator process peak RSS ${t.peakRssMiB.toFixed(0)} MiB; time the emulator spent answering ${sum((r) => r.emulatorS).toFixed(2)} s`,
  ].join("\n");
}
