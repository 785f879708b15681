#!/usr/bin/env node
// Where the time of `npm test` goes: runs jest once with its JSON report and prints the
// wall time, the CPU time of jest and every process it started, the sum of the suites'
// times (divided by the workers: what a perfect balance would take), the load average,
// and the slowest suites with their slowest test (and, for the folders run as one file,
// the slowest of their files). The 30 s target for `npm test` lives
// here, not in a timed unit test: on a shared machine a wall time is a measurement, not
// a pass/fail fact of the code.
// Usage: node bench/test-time.js [--workers N] [--top N] [--max-seconds S] [--from report.json]
//   --workers      jest workers (default: the jest config's, 2)
//   --top          how many suites to list (default 10)
//   --max-seconds  exit 1 when the wall time is above S (the target is 30)
//   --from         summarize an existing `jest --json` report instead of running jest
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const TARGET_S = 30;

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = args[i + 1];
  if (v === undefined || v.startsWith("--")) throw new Error(`--${name} needs a value`);
  return v;
}

function positive(name, v) {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got ${JSON.stringify(v)}`);
  return n;
}

/** CPU seconds of this process's waited-for descendants (Linux /proc; undefined elsewhere). */
function childrenCpuSeconds() {
  try {
    // fields after the command name: state is field 3; cutime and cstime are fields 16 and 17
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[13]) + Number(fields[14]);
    const hz = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
    return ticks / hz;
  } catch {
    return undefined;
  }
}

/** Runs jest once with its JSON report; returns the report, wall and CPU seconds. */
function runJest(workers) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "test-time-")), "jest.json");
  const jest = require.resolve("jest/bin/jest", { paths: [ROOT] });
  const argv = [jest, "--json", `--outputFile=${report}`, ...(workers ? [`--maxWorkers=${workers}`] : [])];
  const cpu0 = childrenCpuSeconds();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu1 = childrenCpuSeconds();
  if (!fs.existsSync(report)) throw new Error(`jest wrote no report (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  return { json, wall, cpu: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0, status: r.status };
}

/** Per suite: path from the project root, seconds, tests, and the slowest test. */
function suites(json) {
  return json.testResults
    .map((t) => {
      const slowest = [...t.assertionResults].sort((a, b) => (b.duration ?? 0) - (a.duration ?? 0))[0];
      return {
        file: path.relative(ROOT, t.name),
        seconds: (t.endTime - t.startTime) / 1000,
        tests: t.assertionResults.length,
        slowest: slowest ? `${((slowest.duration ?? 0) / 1000).toFixed(2)} s ${slowest.title.slice(0, 60)}` : "",
      };
    })
    .sort((a, b) => b.seconds - a.seconds);
}

/**
 * The test files a group (a folder's suite.group.ts, run as one jest file) ran, by the
 * time of their tests: loading and hooks are the group's, shared, and not in these.
 */
function groupedFiles(json) {
  const files = new Map();
  for (const t of json.testResults.filter((r) => r.name.endsWith("suite.group.ts")))
    for (const a of t.assertionResults) {
      const file = path.join(path.relative(ROOT, path.dirname(t.name)), a.ancestorTitles[0] ?? "?");
      const f = files.get(file) ?? { file, seconds: 0, tests: 0 };
      files.set(file, { file, seconds: f.seconds + (a.duration ?? 0) / 1000, tests: f.tests + 1 });
    }
  return [...files.values()].sort((a, b) => b.seconds - a.seconds);
}

function print({ json, wall, cpu, workers, top, load }) {
  const rows = suites(json);
  const sum = rows.reduce((s, r) => s + r.seconds, 0);
  const n = workers ?? 2;
  console.log(`tests ${json.numTotalTests} (${json.numFailedTests} failed) in ${rows.length} suites`);
  if (wall !== undefined)
    console.log(`wall ${wall.toFixed(1)} s (target ${TARGET_S} s), CPU ${cpu === undefined ? "n/a" : `${cpu.toFixed(1)} s`}`);
  console.log(`suite times: sum ${sum.toFixed(1)} s, sum / ${n} workers ${(sum / n).toFixed(1)} s`);
  if (load) console.log(`load average before ${load.before}, after ${load.after}`);
  console.log(`slowest ${Math.min(top, rows.length)} suites (s, tests, slowest test):`);
  for (const r of rows.slice(0, top))
    console.log(`${r.seconds.toFixed(2).padStart(7)} ${String(r.tests).padStart(4)}  ${r.file}  [${r.slowest}]`);
  const files = groupedFiles(json);
  if (files.length === 0) return;
  console.log(`slowest ${Math.min(top, files.length)} of the ${files.length} files run in groups (s of their tests, tests):`);
  for (const f of files.slice(0, top)) console.log(`${f.seconds.toFixed(2).padStart(7)} ${String(f.tests).padStart(4)}  ${f.file}`);
}

function main() {
  const args = process.argv.slice(2);
  const top = positive("top", option(args, "top", "10"));
  const from = option(args, "from", undefined);
  const workersArg = option(args, "workers", undefined);
  const workers = workersArg === undefined ? undefined : positive("workers", workersArg);
  const maxArg = option(args, "max-seconds", undefined);
  const max = maxArg === undefined ? undefined : positive("max-seconds", maxArg);
  if (from) {
    print({ json: JSON.parse(fs.readFileSync(from, "utf8")), workers, top });
    return;
  }
  const loadNow = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  const before = loadNow();
  const run = runJest(workers);
  print({ ...run, workers, top, load: { before, after: loadNow() } });
  if (run.status !== 0) process.exitCode = 1;
  else if (max !== undefined && run.wall > max) {
    console.log(`wall time ${run.wall.toFixed(1)} s is above --max-seconds ${max}`);
    process.exitCode = 1;
  }
}

try {
  main();
} catch (e) {
  console.error(`test-time: ${e.message}`);
  process.exitCode = 2;
}
