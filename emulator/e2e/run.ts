/**
 * `npm run e2e [cdktf.out dir] [options]`: for every synthesized stack, against the local
 * emulator: terraform init (the project's provider mirror), apply, the emulator's inventory
 * against Terraform's state, plan -detailed-exitcode (must be empty), a second apply (must
 * change nothing), destroy, then the emulator must hold nothing. Stacks run side by side on
 * one emulator endpoint, each with its own state and its own log. Prints a table, each
 * stack's notes in stack order, and ends with `N passed, N failed`. Exit 0 when every stack
 * passed, 3 when every failure names a duplicate or orphan, 1 otherwise, 2 on bad usage.
 *
 * Options:
 *   --stacks a,b          only stacks whose label contains one of these
 *   --jobs N              stacks side by side (default: twice the number of cores; the
 *                         stacks with the most resources start first)
 *   --fault-rate 0.1      share of API calls that fail with an injected retryable error
 *   --faults k1,k2        faults after the fact: commit-then-fail, busy-on-delete
 *   --seed 7              the PRNG seed of the injected faults (default 1; --fault-seed is the older name)
 *   --transition-ms 300   how long asynchronous states stay Pending (default 300)
 *   --restart-after 40    restart a stack's emulator (state kept on disk) after this many apply calls
 *   --plant NAME|all      plant a defect (plant.ts); the run must fail naming it
 *   --fixture NAME        run a set of test-only stacks instead (transit-router: fixtures/transit-router.ts)
 *   --variant NAME        synthesize an interconnect variant (or example-<file> of examples/) and run the stacks it changes
 *                         (transit-router: HUB_INTERCONNECT and IDC_INTERCONNECT=transit-router)
 *   --stages DIR          a staged migration (hybridnet migrate --out DIR): per stack, stage 1 … N
 *                         applied in order on one state, each followed by an empty re-plan
 *   --json FILE           also write the results as JSON
 *   --real-account        run against Alibaba Cloud itself (needs real credentials in
 *                         ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET); refused without this flag
 * Default input: a fresh synth of every stack, plus the hub with its peering interconnect.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { writeFixtures } from "./fixtures/transit-router";
import { checkRealAccount, fail, parseArgs, UsageError, type Options } from "./options";
import { allPlants, fits, plantByName, type Plant } from "./plant";
import { plantLines, stackBlock, summary, table } from "./report";
import { SharedEmulator } from "./shared-emulator";
import { stageJobs } from "./stages";
import type { MutableStackJson as StackJson } from "../../lib/tfjson";
import { emulatorFaultKinds, runStack, type Job, type RunContext, type StackResult } from "./stack-run";
import {
  label,
  loopbackCertificate,
  Mutex,
  pool,
  ROOT,
  stackDirs,
  synthAll,
  synthVariant,
  terraformSetup,
  type Certificate,
} from "./terraform";

export { checkRealAccount, parseArgs, UsageError } from "./options";
export { fixturesFor, teardownOverride } from "./fixtures";
export { table } from "./report";
export type { StackResult } from "./stack-run";

/** A failed stack whose report names what the cloud holds outside Terraform's state (a duplicate or an orphan). */
export function namedLeak(r: StackResult): boolean {
  return !r.passed && !r.plant && ((r.unaccounted ?? 0) > 0 || (r.orphans ?? 0) > 0);
}

/**
 * 0 when every stack passed; 3 when every failed stack failed with a duplicate or orphan
 * named (the expected outcome under after-the-fact faults the provider cannot recover
 * from, which CI accepts from its fault run); 1 otherwise.
 */
export function exitCode(results: readonly StackResult[]): number {
  const failed = results.filter((r) => !r.passed);
  if (failed.length === 0) return 0;
  return failed.every(namedLeak) ? 3 : 1;
}

/**
 * A stack's expected cost for the pool: its resource count. Each resource is a create, some
 * polls and a delete, and the provider's waits per resource dominate a stack's time (the
 * hubs, with the most resources, are the slowest stacks).
 */
export function resourceCount(stack: StackJson): number {
  return Object.values(stack.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

function readStack(dir: string): StackJson {
  return JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as StackJson;
}

/**
 * A stack to run, tagged by its label and plant: the tag names the stack's accounts on the
 * shared endpoint, and the emulator's after-the-fact faults are drawn by call content that
 * includes the access key, so the same stack is struck the same way whichever stacks run.
 */
function job(src: string, plant?: Plant): Job {
  const tag =
    "r" +
    crypto
      .createHash("sha256")
      .update(`${label(src)}|${plant?.name ?? ""}`)
      .digest("hex")
      .slice(0, 10);
  return { src, tag, ...(plant ? { plant } : {}) };
}

/**
 * The (stack, plant) pairs to run. Without --plant, every stack. With one plant, every
 * selected stack it fits; with `all`, each plant in the first selected stack it fits.
 */
export function planJobs(dirs: readonly string[], plant: string | undefined, read: (dir: string) => StackJson = readStack): Job[] {
  if (!plant) return dirs.map((d) => job(d));
  if (plant !== "all") {
    const p = plantByName(plant);
    return dirs.filter((d) => fits(p, label(d), read(d))).map((d) => job(d, p));
  }
  return allPlants().flatMap((p) => {
    const d = dirs.find((x) => fits(p, label(x), read(x)));
    return d ? [job(d, p)] : [];
  });
}

function selectStacks(opts: Options, workRoot: string): string[] {
  let dirs = opts.fixture
    ? writeFixtures(opts.fixture, path.join(workRoot, "fixtures", opts.fixture))
    : opts.variant
      ? synthVariant(path.join(workRoot, "synth"), opts.variant)
      : opts.input
        ? stackDirs(path.resolve(opts.input))
        : synthAll(path.join(workRoot, "synth"));
  if (opts.stacks) dirs = dirs.filter((d) => opts.stacks?.some((s) => label(d).includes(s)));
  return dirs;
}

/** The one emulator endpoint, HTTP and HTTPS on one loopback port. */
async function startShared(cert: Certificate): Promise<{ emulator: SharedEmulator; port: number }> {
  const emulator = new SharedEmulator();
  const port = await emulator.listen(0, "127.0.0.1", { key: cert.key, cert: cert.cert });
  return { emulator, port };
}

async function runAll(opts: Options, jobs: readonly Job[], workRoot: string): Promise<StackResult[]> {
  // a certificate of this run's own (a concurrent run must not swap it under this one's emulator)
  fs.mkdirSync(workRoot, { recursive: true });
  const cert = opts.realAccount ? undefined : loopbackCertificate(fs.mkdtempSync(path.join(workRoot, "tls-")));
  const shared = cert ? await startShared(cert) : undefined;
  const ctx: RunContext = { opts, tf: terraformSetup(), workRoot: path.join(workRoot, "work"), cert, shared, initLock: new Mutex() };
  try {
    return await pool(
      opts.jobs,
      jobs.map((job) => async () => {
        const name = job.plant ? `${label(job.src)} [${job.plant.name}]` : label(job.src);
        process.stderr.write(`e2e: ${name} ...\n`);
        const r = await runStack(job, ctx);
        process.stderr.write(
          `e2e: ${name}: ${r.planted ?? (r.passed ? "pass" : "FAIL")} (${r.totalS.toFixed(0)} s, ${r.apiCalls} API calls)\n`,
        );
        return r;
      }),
      jobs.map((job) => resourceCount(readStack(job.src))),
    );
  } finally {
    await shared?.emulator.close();
    if (cert) fs.rmSync(path.dirname(cert.file), { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  checkRealAccount(opts, process.env);
  if (opts.realAccount)
    process.stderr.write(
      "e2e: --real-account: creating and destroying real resources on Alibaba Cloud (they cost money while they exist)\n",
    );
  const missing = opts.faults.filter((k) => !emulatorFaultKinds().includes(k));
  if (missing.length > 0)
    fail(`--faults ${missing.join(",")}: the emulator implements ${emulatorFaultKinds().join(", ") || "no after-the-fact fault kinds"}`);
  const workRoot = path.join(ROOT, "e2e.out");
  const jobs = opts.stages ? stageJobs(opts.stages, (src) => job(src).tag) : planJobs(selectStacks(opts, workRoot), opts.plant);
  if (jobs.length === 0) fail(opts.plant ? `no selected stack fits --plant ${opts.plant}` : "no stacks selected");
  const started = Date.now();
  // this process is the emulator (the driver around it only waits on terraform): its peak RSS
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const results = await runAll(opts, jobs, workRoot).finally(() => clearInterval(sampler));
  const totals = {
    totalS: (Date.now() - started) / 1000,
    peakRssMiB: peakRss / 2 ** 20,
    jobs: opts.jobs,
    workDir: path.join(workRoot, "work"),
  };
  process.stdout.write(`${table(results)}\n`);
  for (const r of results) process.stdout.write(stackBlock(r));
  for (const l of plantLines(results)) process.stdout.write(`${l}\n`);
  process.stdout.write(`\n${summary(results, opts, totals)}\n`);
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ ...totals, options: opts, results }, null, 2));
  if (exitCode(results) === 3)
    process.stdout.write(`every failed stack names what the emulator holds outside Terraform's state (exit 3)\n`);
  const passed = results.filter((r) => r.passed).length;
  process.stdout.write(`${passed} passed, ${results.length - passed} failed\n`);
  process.exit(exitCode(results));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`e2e: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  });
}
