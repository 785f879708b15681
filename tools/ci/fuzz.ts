/**
 * Long fuzzing of the topology front door: the property of __tests__/fuzz/harness.ts
 * (which the jest suite runs briefly with a fixed seed), for a given time. Prints cases
 * per second, the outcome mix and the longest input handled; exits 1 with the
 * counterexample when the property fails.
 *
 *   npm run fuzz -- --minutes 10 [--seed 42]
 *   nice -n 19 npm run fuzz -- --minutes 10     # on a shared machine
 *
 * The time is cut into one-minute slices, each a fresh worker process with its own
 * seed (seed, seed + 1, ...): cdktf keeps every token it ever created in a
 * process-wide map, so one process synthesizing thousands of apps runs out of heap
 * (4 GB after about 9,000 cases), which is no property of the front door.
 */
import { spawnSync } from "child_process";
import fc from "fast-check";
import { rmSync } from "fs";
import { fuzzCase, run, scratch, violations } from "../../__tests__/fuzz/harness";

interface Stats {
  cases: number;
  ok: number;
  refused: number;
  longest: number;
  longestOk: number;
  slowestMs: number;
  failure?: string;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number, got ${process.argv[i + 1]}`);
  return v;
}

/** One slice: the property for `seconds`, stats as one JSON line on stdout. */
function worker(seed: number, seconds: number): void {
  const dir = scratch();
  const stats: Stats = { cases: 0, ok: 0, refused: 0, longest: 0, longestOk: 0, slowestMs: 0 };
  const details = fc.check(
    fc.property(fuzzCase(120), (c) => {
      const t0 = Date.now();
      const o = run(c, `${dir}/case`);
      stats.cases++;
      stats.slowestMs = Math.max(stats.slowestMs, Date.now() - t0);
      if (o.code === 0) {
        stats.ok++;
        stats.longestOk = Math.max(stats.longestOk, o.fileBytes);
      } else stats.refused++;
      stats.longest = Math.max(stats.longest, o.fileBytes);
      const bad = violations(c, o);
      if (bad.length > 0) throw new Error(`${bad.join("\n")}\n--- log:\n${o.log.slice(0, 3000)}`);
    }),
    { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: seconds * 1000, endOnFailure: true },
  );
  rmSync(dir, { recursive: true, force: true });
  if (details.failed) {
    stats.failure =
      `seed ${seed}, after ${details.numRuns} cases\ncounterexample: ${fc.stringify(details.counterexample)}\n` +
      String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance);
  }
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}

function main(): void {
  const minutes = arg("minutes", 1);
  const seed = arg("seed", Date.now() % 2 ** 31);
  const total: Stats = { cases: 0, ok: 0, refused: 0, longest: 0, longestOk: 0, slowestMs: 0 };
  const start = Date.now();
  const end = start + minutes * 60_000;
  for (let slice = 0; Date.now() < end - 1000 && total.failure === undefined; slice++) {
    const seconds = Math.max(1, Math.min(60, Math.round((end - Date.now()) / 1000)));
    const r = spawnSync(process.execPath, [...process.execArgv, __filename, "--worker", String(seed + slice), String(seconds)], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const line = r.stdout.trim().split("\n").at(-1) ?? "";
    let s: Stats;
    try {
      s = JSON.parse(line) as Stats;
    } catch {
      total.failure = `worker for seed ${seed + slice} died (status ${r.status}, signal ${r.signal}): ${r.stdout.slice(-2000)}`;
      break;
    }
    total.cases += s.cases;
    total.ok += s.ok;
    total.refused += s.refused;
    total.longest = Math.max(total.longest, s.longest);
    total.longestOk = Math.max(total.longestOk, s.longestOk);
    total.slowestMs = Math.max(total.slowestMs, s.slowestMs);
    total.failure = s.failure;
    process.stdout.write(`  ${((Date.now() - start) / 60000).toFixed(1)} min: ${total.cases} cases\n`);
  }
  const secs = (Date.now() - start) / 1000;
  console.log(`front-door fuzz: seeds ${seed}.., ${secs.toFixed(0)} s`);
  console.log(`  cases:            ${total.cases} (${(total.cases / secs).toFixed(1)} per second, worker start-up included)`);
  console.log(`  outcomes:         ${total.ok} synthesized (exit 0), ${total.refused} refused (exit 1)`);
  console.log(`  longest input:    ${total.longest} bytes (longest synthesized: ${total.longestOk} bytes)`);
  console.log(`  slowest case:     ${total.slowestMs} ms`);
  if (total.failure !== undefined) {
    console.log(`FAILED: ${total.failure}`);
    process.exit(1);
  }
  console.log("  property held for every case");
}

const w = process.argv.indexOf("--worker");
if (w >= 0) worker(Number(process.argv[w + 1]), Number(process.argv[w + 2]));
else main();
