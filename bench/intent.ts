/**
 * What the promise check costs synthesis: every default stack, then the multinational hub
 * with N offices, each synthesized by runApp (as main.ts runs it) with and without the
 * check, in one process after a warm-up; then the growth from the first size to the
 * second, and where the check's time goes at each size. Times are CPU seconds of this
 * process (user + system: the machine may be shared), medians of the runs.
 *   npx tsx bench/intent.ts [--runs N] [--scale-runs N] [--sizes 1000,2000] [--quick]
 * --quick: defaults only. Figures are recorded in docs/intent.md.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runApp } from "../app";
import { Scenario, selectTopologies } from "../config";
import { seedTopologies } from "../__tests__/fixtures/seeds";
import { checkReachability } from "../lib/analysis/reachability";
import { LinkSpec, OfficeSpec, sitesFromTopology, Topology } from "../lib/topology";
import { intentMismatches, topologyIntent } from "../lib/topology/intent";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const RUNS = Number(option("--runs") ?? 5);
const SCALE_RUNS = Number(option("--scale-runs") ?? 1);
const SIZES = (option("--sizes") ?? "1000,2000").split(",").map(Number);

/** The seed hub with `n` offices split over its two regions (as bench-scale.js builds it). */
function hub(n: number): Topology {
  const base = seedTopologies()["multinational-hub"];
  const offices: OfficeSpec[] = [];
  const links: LinkSpec[] = base.links.filter((l) => l.kind !== "vpn");
  for (let i = 0; i < n; i++) {
    const name = `office-${i}`;
    // one address per office: documentation placeholders, then public addresses (synthesis only)
    const publicIp = i < 250 ? `203.0.113.${i + 1}` : `47.89.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    offices.push({ name, publicIp, cidrs: [`10.${32 + Math.floor(i / 256)}.${i % 256}.0/24`] });
    links.push({ kind: "vpn", name, office: name, vpc: i < n / 2 ? "us-vpc" : "cn-vpc" });
  }
  return { ...base, offices, links, summarize: true }; // the route quota holds 1,000 /24s only summarized
}

/** CPU seconds of this process so far. */
function cpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** CPU seconds for one synthesis into a fresh directory. */
function once(checkIntent: boolean, topology?: Topology): number {
  const dir = mkdtempSync(join(tmpdir(), "bench-intent-"));
  const t0 = cpu();
  const code = runApp({
    outdir: join(dir, "cdktf.out"),
    checkIntent,
    log: () => undefined,
    ...(topology ? { topologies: { "multinational-hub": topology }, only: ["multinational-hub"] } : {}),
  });
  const s = cpu() - t0;
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`synthesis failed (check ${checkIntent ? "on" : "off"})`);
  return s;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Medians with and without the check, runs interleaved so that drift hits both alike. */
function compare(label: string, runs: number, topology?: Topology): { on: number; off: number } {
  if (!topology) once(true); // warm-up (the defaults run first: the scale runs are warm)
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < runs; i++) {
    off.push(once(false, topology));
    on.push(once(true, topology));
  }
  const r = { on: median(on), off: median(off) };
  const share = ((r.on - r.off) / r.off) * 100;
  console.log(`${label.padEnd(34)} ${r.off.toFixed(3).padStart(8)} s ${r.on.toFixed(3).padStart(8)} s  ${share.toFixed(1).padStart(5)}%`);
  return r;
}

/**
 * Where the check's time goes: each step alone, summed over the stacks of `topologies`
 * (scenario -> topology), in CPU milliseconds.
 */
function breakdown(label: string, topologies: Partial<Record<Scenario, Topology>>): void {
  const dir = mkdtempSync(join(tmpdir(), "bench-intent-"));
  const only = Object.keys(topologies) as Scenario[];
  runApp({ outdir: dir, checkIntent: false, topologies, only, log: () => undefined });
  const spent = { promise: 0, "write intent.json": 0, "read JSON": 0, checker: 0, compare: 0 };
  const step = <T>(k: keyof typeof spent, f: () => T): T => {
    const t0 = cpu();
    const r = f();
    spent[k] += cpu() - t0;
    return r;
  };
  for (const s of only) {
    const t = topologies[s]!;
    const stack = join(dir, "stacks", `${s}-dev`);
    const intent = step("promise", () => topologyIntent(t));
    step("write intent.json", () => {
      const fd = openSync(join(stack, "intent.json"), "w");
      intent.writeJson(`${s}-dev`, (c) => writeSync(fd, c));
      closeSync(fd);
    });
    const tf = step(
      "read JSON",
      () => JSON.parse(readFileSync(join(stack, "cdk.tf.json"), "utf8")) as Parameters<typeof checkReachability>[0],
    );
    const report = step("checker", () => checkReachability(tf, sitesFromTopology(t)));
    const mismatches = step("compare", () =>
      intentMismatches(intent, { isDelivered: (a, b) => report.isDelivered(a, b), trace: (a, b) => report.get(a, b) }),
    );
    if (mismatches.length > 0) throw new Error(`${mismatches.length} mismatches in ${s}`);
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `  ${label}: ${Object.entries(spent)
      .map(([k, v]) => `${k} ${(v * 1000).toFixed(0)} ms`)
      .join(", ")}`,
  );
}

console.log(`CPU seconds, median of ${RUNS} runs (scale: ${SCALE_RUNS}); node ${process.version}`);
console.log(`${"".padEnd(34)} ${"no check".padStart(10)} ${"check".padStart(10)}  added`);
compare("every default stack", RUNS);
const defaults = selectTopologies({ env: "dev" });
if (args.includes("--quick")) {
  console.log("where the check's time goes:");
  breakdown("every default stack", defaults);
} else {
  const bySize = new Map(SIZES.map((n) => [n, compare(`hub, ${n} offices`, SCALE_RUNS, hub(n))]));
  const [a, b] = SIZES;
  if (a !== undefined && b !== undefined && bySize.has(a) && bySize.has(b)) {
    const ratio = (k: "on" | "off") => (bySize.get(b)![k] / bySize.get(a)![k]).toFixed(2);
    console.log(`${b} / ${a} offices: ${ratio("off")}x without the check, ${ratio("on")}x with it (linear: ${(b / a).toFixed(1)}x)`);
  }
  console.log("where the check's time goes:");
  breakdown("every default stack", defaults);
  for (const n of SIZES) breakdown(`hub, ${n} offices`, { "multinational-hub": hub(n) });
}
