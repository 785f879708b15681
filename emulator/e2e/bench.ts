/**
 * `npm run e2e:bench [cdktf.out dir]`: the e2e run's numbers, as a benchmark (not a test):
 * per stack init/apply/re-plan/destroy seconds and API calls, the whole run one stack after
 * another and side by side (against its slowest stack: the target is at most twice), the
 * same under 10% injected faults (does every stack converge, how many faults were
 * retried), and the emulator's peak memory. Prints figures; fails only if a run could not
 * be made at all.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { StackResult } from "./run";

interface RunJson {
  totalS: number;
  peakRssMiB: number;
  jobs: number;
  results: StackResult[];
}

function run(label: string, extra: string[]): RunJson {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-bench-")), "run.json");
  const args = [path.join(__dirname, "run.ts"), ...process.argv.slice(2), ...extra, "--json", out];
  process.stderr.write(`bench: ${label}: tsx ${args.map((a) => path.relative(process.cwd(), a) || a).join(" ")}\n`);
  const r = spawnSync(process.execPath, [require.resolve("tsx/cli"), ...args], { stdio: ["ignore", "inherit", "inherit"] });
  if (!fs.existsSync(out)) {
    process.stderr.write(`bench: ${label}: no results (exit ${r.status})\n`);
    process.exit(2);
  }
  return JSON.parse(fs.readFileSync(out, "utf8")) as RunJson;
}

function report(label: string, j: RunJson): void {
  const slowest = Math.max(...j.results.map((r) => r.totalS));
  console.log(
    `\n## ${label}: whole run ${j.totalS.toFixed(1)} s with --jobs ${j.jobs}, slowest stack ${slowest.toFixed(1)} s (${(j.totalS / slowest).toFixed(2)}x), emulator peak RSS ${j.peakRssMiB.toFixed(0)} MiB`,
  );
  console.log(
    ["stack", "total s", "init s", "apply s", "re-plan s", "destroy s", "emulator s", "API calls", "faults", "API errors", "result"].join(
      " | ",
    ),
  );
  for (const r of j.results)
    console.log(
      [
        r.stack,
        r.totalS.toFixed(1),
        r.initS.toFixed(1),
        r.applyS.toFixed(1),
        r.replanS.toFixed(1),
        r.destroyS.toFixed(1),
        (r.emulatorS ?? 0).toFixed(2),
        r.apiCalls,
        r.injected,
        r.errors,
        r.passed ? "pass" : `FAIL (${r.replan}, leftovers ${r.leftovers})`,
      ].join(" | "),
    );
  for (const r of j.results) {
    const runs = r.notes.filter((n) => /^(apply|destroy) \d+ (converged|completed|failed too)/.test(n));
    if (runs.length > 0)
      console.log(
        `${r.stack}: ${runs.join("; ")}${r.leftovers > 0 ? `; ${r.leftovers} left after destroy, ${r.orphans ?? 0} orphaned` : ""}`,
      );
  }
  const sum = (f: (r: StackResult) => number) => j.results.reduce((a, r) => a + f(r), 0);
  console.log(
    `totals: init ${sum((r) => r.initS).toFixed(1)} s, apply ${sum((r) => r.applyS).toFixed(1)} s, re-plan ${sum((r) => r.replanS).toFixed(1)} s, destroy ${sum((r) => r.destroyS).toFixed(1)} s, ${sum((r) => r.apiCalls)} API calls, ${sum((r) => r.injected)} injected faults; ${j.results.filter((r) => r.passed).length}/${j.results.length} stacks passed`,
  );
}

const sequential = run("no faults, one stack after another", ["--jobs", "1"]);
report("no faults, --jobs 1", sequential);
const clean = run("no faults, side by side", []);
report("no faults, side by side", clean);
const faulty = run("10% injected faults", ["--fault-rate", "0.1", "--seed", "7"]);
report("10% injected faults (seed 7)", faulty);
