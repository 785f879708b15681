/**
 * Long fuzzing of the topology front door: the property of __tests__/fuzz/harness.ts
 * (which the jest suite runs briefly with a fixed seed), for a given time. Prints cases
 * per second, the outcome mix and the longest input handled; exits 1 with the
 * counterexample when the property fails.
 *
 *   npm run fuzz -- --minutes 10 [--seed 42]
 *   nice -n 19 npm run fuzz -- --minutes 10     # on a shared machine
 */
import fc from "fast-check";
import { rmSync } from "fs";
import { fuzzCase, run, scratch, violations } from "../__tests__/fuzz/harness";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number, got ${process.argv[i + 1]}`);
  return v;
}

const minutes = arg("minutes", 1);
const seed = arg("seed", Date.now() % 2 ** 31);
const dir = scratch();
const stats = { cases: 0, ok: 0, refused: 0, longest: 0, longestOk: 0, slowestMs: 0 };
const start = Date.now();
let lastReport = start;

const details = fc.check(
  fc.property(fuzzCase(120), (c) => {
    const t0 = Date.now();
    const o = run(c, `${dir}/case`);
    const ms = Date.now() - t0;
    stats.cases++;
    if (o.code === 0) { stats.ok++; stats.longestOk = Math.max(stats.longestOk, o.fileBytes); } else stats.refused++;
    stats.longest = Math.max(stats.longest, o.fileBytes);
    stats.slowestMs = Math.max(stats.slowestMs, ms);
    if (Date.now() - lastReport > 60_000) {
      lastReport = Date.now();
      process.stdout.write(`  ${((lastReport - start) / 60000).toFixed(0)} min: ${stats.cases} cases\n`);
    }
    const bad = violations(c, o);
    if (bad.length > 0) throw new Error(`${bad.join("\n")}\n--- log:\n${o.log.slice(0, 3000)}`);
  }),
  { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: minutes * 60_000, endOnFailure: true },
);
rmSync(dir, { recursive: true, force: true });

const secs = (Date.now() - start) / 1000;
console.log(`front-door fuzz: seed ${seed}, ${secs.toFixed(0)} s`);
console.log(`  cases:            ${stats.cases} (${(stats.cases / secs).toFixed(1)} per second)`);
console.log(`  outcomes:         ${stats.ok} synthesized (exit 0), ${stats.refused} refused (exit 1)`);
console.log(`  longest input:    ${stats.longest} bytes (longest synthesized: ${stats.longestOk} bytes)`);
console.log(`  slowest case:     ${stats.slowestMs} ms`);
if (details.failed) {
  console.log(`FAILED after ${details.numRuns} cases; reproduce with --seed ${seed}`);
  console.log(`counterexample: ${fc.stringify(details.counterexample)}`);
  console.log(String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance));
  process.exit(1);
}
console.log("  property held for every case");
