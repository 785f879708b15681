/**
 * The packet twin's runner. Started by verify/twin/run.sh inside
 * `unshare --mount --net --pid --fork` (a private /run, its own PID 1), so every
 * namespace and process it makes dies with it even if this process is killed.
 *
 *   tsx verify/twin/run.ts [cdktf.out] [--stack NAME]... [--office-mode mixed|route|policy]
 *                          [--no-negative] [--json FILE]
 *   tsx verify/twin/run.ts --stages DIR [--step-ms N] [--probe-ms N] [--json FILE]
 *   tsx verify/twin/run.ts [cdktf.out] --failover [--window-s N] [--probe-ms N] [--element ID]... [--stack NAME]...
 *
 * With `--stages`, the stacks of a staged migration start from its base and move through
 * every stage in place under continuous probes (stage-run.ts); with `--failover`, each
 * single failure touching a redundant office is cut in turn under continuous probes
 * (failover-run.ts); otherwise, as follows.
 * Per stack: plan (plan.ts), bring-up (daemons.ts: namespaces, links, addresses,
 * nftables, routes, charon and BIRD), wait for every CHILD_SA and BGP session (bounded),
 * probe every ordered pair of networks with ICMP and TCP (probes.ts, bounded), compare
 * with the expected matrix (expected.ts) and with the promise beside the stack when
 * synthesis wrote one (promise.ts, intent.json), run the mismatch checks (checks.ts),
 * tear down (timed). Exit 1 when any pair differs or a check is not caught, naming the
 * pair and the hop.
 *
 * Office files: the twin runs what `npm run office-configs` writes, in both variants;
 * `--office-mode mixed` (the default) gives the offices of a stack route-based and
 * policy-based files in turn, so every run tries both.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bgpChecks, NegativeResult, negativeChecks } from "./checks";
import { bringUp, Running, tearDown, waitTunnelsAndBgp } from "./daemons";
import { now, run } from "./exec";
import { expectedMatrix, ExpectedMatrix, namedAsSites, sitesFromJson } from "./expected";
import { assertNever } from "../../lib/private/assert-never";
import { buildPlan, OfficeMode, StackJson, TwinManifest, TwinPlan } from "./plan";
import { PairResult, printMatrix, probeAll, walk } from "./probes";
import { Intent, missingRoute, promiseMismatches, readIntent } from "./promise";
import { failoverTable } from "./failover";
import { FailoverReport, printFailover, twinFailover } from "./failover-run";
import { printStages, readStages, StageSet, stagedStacks, StagesReport, twinStages } from "./stage-run";

const ROOT = path.resolve(__dirname, "..", "..");
const OFFICE_MODES = ["mixed", "route", "policy"] as const;
type OfficeModeArg = (typeof OFFICE_MODES)[number];

interface Args {
  cdktfOut: string;
  stacks: string[];
  negative: boolean;
  officeMode: OfficeModeArg;
  json?: string;
  work: string;
  /** `--stages DIR`: move through a staged migration under continuous probes (stage-run.ts). */
  stages?: string;
  stepMs: number;
  probeMs: number;
  /** `--failover`: cut each element touching a redundant office in turn (failover-run.ts). */
  failover: boolean;
  /** Seconds each cut is watched before it is restored. */
  windowS: number;
  /** `--element ID`: cut only these elements. @default - every element */
  elements: string[];
}
function parseArgs(argv: string[]): Args {
  const a: Args = {
    cdktfOut: path.join(ROOT, "cdktf.out"),
    stacks: [],
    negative: true,
    officeMode: "mixed",
    work: "",
    stepMs: 1000,
    probeMs: 200,
    failover: false,
    windowS: 30,
    elements: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === "--stack") a.stacks.push(argv[++i] ?? "");
    else if (x === "--no-negative") a.negative = false;
    else if (x === "--json") a.json = argv[++i];
    else if (x === "--stages") a.stages = path.resolve(argv[++i] ?? "");
    else if (x === "--failover") a.failover = true;
    else if (x === "--element") a.elements.push(argv[++i] ?? "");
    else if (x === "--window-s") a.windowS = wholeIn(x, argv[++i], 5, 300, "seconds");
    else if (x === "--step-ms" || x === "--probe-ms") {
      const v = wholeIn(x, argv[++i], 50, 10000, "milliseconds");
      if (x === "--step-ms") a.stepMs = v;
      else a.probeMs = v;
    } else if (x === "--office-mode") {
      const m = OFFICE_MODES.find((v) => v === argv[i + 1]);
      if (!m) throw new Error(`--office-mode ${argv[i + 1]}; allowed: ${OFFICE_MODES.join(", ")}`);
      a.officeMode = m;
      i++;
    } else if (!x.startsWith("--")) a.cdktfOut = path.resolve(x);
    else
      throw new Error(
        `unknown argument ${x}; allowed: [cdktf.out] --stack NAME --office-mode mixed|route|policy --no-negative --json FILE --stages DIR --step-ms N --probe-ms N --failover --window-s N --element ID`,
      );
  }
  return a;
}

function wholeIn(flag: string, raw: string | undefined, lo: number, hi: number, unit: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`${flag} ${raw}; allowed: whole ${unit} from ${lo} to ${hi}`);
  return v;
}

// ---------------------------------------------------------------- office and IDC files
type Jsons = Map<string, StackJson & { variable?: Record<string, unknown> }>;

/** Runs `npm run office-configs` once per variant, with this run's keys. */
function generateDeviceConfigs(args: Args, jsons: Jsons, secrets: Record<string, string>): { deviceDir: string; manifest: TwinManifest } {
  const deviceDir = path.join(args.work, "office-configs");
  const has = (s: string, t: string) => Object.keys(jsons.get(s)!.resource?.[t] ?? {}).length > 0;
  const withDevices = [...jsons.keys()].filter((s) => has(s, "alicloud_vpn_connection") || has(s, "alicloud_vpc_bgp_group"));
  if (withDevices.length === 0) return { deviceDir, manifest: { offices: [], idcs: [] } };
  fs.mkdirSync(deviceDir, { recursive: true });
  const byMode = {} as Record<OfficeMode, TwinManifest>;
  for (const mode of ["route", "policy"] as const) {
    const gen = run(
      process.execPath,
      [
        require.resolve("tsx/cli", { paths: [ROOT] }),
        path.join(ROOT, "bin", "office-configs.ts"),
        args.cdktfOut,
        ...["--mode", mode, "--out", path.join(deviceDir, mode), "--write-secrets"],
        ...withDevices.flatMap((s) => ["--stack", s]),
      ],
      { env: { ...process.env, ...secrets }, timeoutMs: 60000, allowFail: true },
    );
    if (gen.code !== 0) throw new Error(`npm run office-configs -- --mode ${mode} failed: ${gen.out}`);
    byMode[mode] = JSON.parse(fs.readFileSync(path.join(deviceDir, mode, "manifest.json"), "utf8")) as TwinManifest;
  }
  return { deviceDir, manifest: pickOfficeFiles(byMode, args.officeMode) };
}

/**
 * Each office's file from the variant `--office-mode` asks for (mixed: in turn per stack).
 * An office with several links (connections with the same subnets) runs policy-based
 * files in mixed mode: its failover to the next device rides on strongSwan's own table.
 */
function pickOfficeFiles(byMode: Record<OfficeMode, TwinManifest>, officeMode: OfficeModeArg): TwinManifest {
  const turn = new Map<string, number>();
  const siteKey = (o: { stack?: string; localSubnets: readonly string[] }) => `${o.stack ?? ""} ${[...o.localSubnets].sort().join(",")}`;
  const links = new Map<string, number>();
  for (const o of byMode.policy.offices) links.set(siteKey(o), (links.get(siteKey(o)) ?? 0) + 1);
  const offices = byMode.policy.offices.map((o) => {
    const stack = (o as { stack?: string }).stack ?? "";
    const i = turn.get(stack) ?? 0;
    turn.set(stack, i + 1);
    const mode = ((): OfficeMode => {
      // a data center's VPN backup: its BIRD file routes into the route-based file's XFRM interface
      if (o.backupOf !== undefined) return "route";
      switch (officeMode) {
        case "mixed":
          return i % 2 === 0 && links.get(siteKey(o)) === 1 ? "route" : "policy";
        case "route":
        case "policy":
          return officeMode;
        default:
          return assertNever(officeMode);
      }
    })();
    // a connection whose tunnels end on two devices has an entry per device (its public IP)
    const chosen = byMode[mode].offices.find(
      (x) => x.connection === o.connection && x.gatewayKey === o.gatewayKey && x.officeIp === o.officeIp,
    )!;
    return { ...chosen, swanctl: `${mode}/${chosen.swanctl}` };
  });
  return { offices, idcs: byMode.policy.idcs.map((d) => ({ ...d, bird: `policy/${d.bird}` })) };
}

// ---------------------------------------------------------------- one stack
interface StackReport {
  stack: string;
  namespaces: number;
  links: number;
  daemons: number;
  tunnels: number;
  bgpSessions: number;
  probes: number;
  bringUpS: number;
  probeS: number;
  negativeS: number;
  teardownS: number;
  /** Promised pairs checked against intent.json; 0 without one. */
  promised: number;
  mismatches: string[];
  negative: NegativeResult[];
}
const passed = (r: StackReport) => r.mismatches.length === 0 && r.negative.every((n) => n.caught);

function peakRssKb(): number {
  // every process of this PID namespace: the twin's own footprint
  let total = 0;
  for (const p of fs.readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return total;
}

interface StackInput {
  readonly name: string;
  readonly json: StackJson;
  readonly manifest: TwinManifest;
  readonly intent?: Intent;
}

async function twinStack(s: StackInput, deviceDir: string, secrets: Record<string, string>, args: Args, peak: { kb: number }) {
  const plan = namedAsSites(buildPlan(s.name, s.json, s.manifest), sitesFromJson(s.json, s.intent?.networks));
  const expected = expectedMatrix(s.json, s.intent?.networks);
  const r: Running = { plan, work: fs.mkdtempSync(path.join(args.work, `${s.name}-`)), procs: [], secrets };
  const t0 = now();
  const rep: StackReport = {
    ...{ stack: s.name, namespaces: plan.namespaces.length, links: plan.links.length },
    ...{ daemons: plan.charons.length + plan.birds.length, tunnels: 0, bgpSessions: 0, probes: 0 },
    ...{ bringUpS: 0, probeS: 0, negativeS: 0, teardownS: 0, promised: 0, mismatches: [], negative: [] },
  };
  try {
    await bringUp(r, deviceDir);
    const up = await waitTunnelsAndBgp(r);
    rep.tunnels = up.tunnels;
    rep.bgpSessions = up.sessions;
    rep.bringUpS = now() - t0;
    peak.kb = Math.max(peak.kb, peakRssKb());
    const t1 = now();
    const results = await probeAndCompare(plan, expected, rep);
    if (s.intent) comparePromise(plan, expected, s.intent, results, rep);
    rep.probeS = now() - t1;
    if (args.negative && (plan.charons.some((c) => c.side === "office") || plan.birds.length > 0)) {
      const t2 = now();
      rep.negative = [...(await negativeChecks(r, deviceDir, expected.delivered)), ...(await bgpChecks(r))];
      rep.negativeS = now() - t2;
      peak.kb = Math.max(peak.kb, peakRssKb());
    }
  } finally {
    const t3 = now();
    await tearDown(r);
    rep.teardownS = now() - t3;
  }
  return rep;
}

/** Probes every pair (a differing pair twice), prints both matrices, records the differences. */
async function probeAndCompare(plan: TwinPlan, expected: ExpectedMatrix, rep: StackReport): Promise<PairResult[]> {
  const twinNames = plan.networks.map((n) => n.name);
  const names = [...new Set([...expected.networks, ...twinNames])].sort();
  const missing = names.filter((n) => !twinNames.includes(n));
  if (missing.length > 0) rep.mismatches.push(`networks the model has but the twin cannot build: ${missing.join(", ")}`);
  const results = await probeAll(plan, names);
  rep.probes = results.length * 2;
  // a pair that differs from the expectation is probed once more before it counts, so
  // a loaded machine dropping two pings in a row does not fail the run
  const differs = (p: PairResult) => (p.icmp && p.tcp) !== expected.delivered.has(`${p.from}->${p.to}`) || p.icmp !== p.tcp;
  const again = results.filter(differs);
  if (again.length > 0) {
    const second = await probeAll(
      plan,
      names,
      again.map((p) => [p.from, p.to] as const),
    );
    rep.probes += second.length * 2;
    for (const p of second) results[results.findIndex((x) => x.from === p.from && x.to === p.to)] = p;
  }
  printMatrix(plan.stack, names, results, expected.delivered);
  for (const p of results.filter(differs)) {
    const key = `${p.from}->${p.to}`;
    const measured = `ICMP ${p.icmp ? "ok" : "lost"} / TCP ${p.tcp ? "ok" : "lost"}`;
    rep.mismatches.push(
      expected.delivered.has(key)
        ? `${key}: expected delivered, measured ${measured}; path: ${walk(plan, p.from, p.to)}`
        : `${key}: expected not delivered (${expected.reasons.get(key) ?? "model"}), but packets arrived (${measured}); path: ${walk(plan, p.from, p.to)}`,
    );
  }
  return results;
}

/** The measured matrix against intent.json: a broken promise fails, naming the pair and what is missing. */
function comparePromise(plan: TwinPlan, expected: ExpectedMatrix, intent: Intent, results: readonly PairResult[], rep: StackReport): void {
  const delivered = new Set(results.filter((p) => p.icmp && p.tcp).map((p) => `${p.from}->${p.to}`));
  const explain = (from: string, to: string) =>
    `${missingRoute(plan, from, to) ?? `model: ${expected.reasons.get(`${from}->${to}`) ?? "delivered"}`}; path: ${walk(plan, from, to)}`;
  rep.promised = intent.mustReach.length + intent.mustNotReach.length;
  rep.mismatches.push(
    ...promiseMismatches(
      intent,
      delivered,
      plan.networks.map((n) => n.name),
      explain,
    ),
  );
}

// ---------------------------------------------------------------- stages
/** `--stages DIR`: every staged stack moves from the base through each stage under continuous probes. */
async function runStaged(
  args: Args,
  set: StageSet,
  stacks: readonly string[],
  d: { deviceDir: string; manifest: TwinManifest; secrets: Record<string, string> },
): Promise<number> {
  const reports: StagesReport[] = [];
  let failed = false;
  for (const stack of stacks) {
    const forStack = <T>(xs: readonly T[]) => xs.filter((x) => (x as { stack?: string }).stack === stack);
    const manifest = { offices: forStack(d.manifest.offices), idcs: forStack(d.manifest.idcs) };
    try {
      const rep = await twinStages({ ...d, stack, set, manifest, work: args.work, stepMs: args.stepMs, probeMs: args.probeMs });
      reports.push(rep);
      printStages(rep);
      if (rep.lost > 0 || rep.problems.length > 0) failed = true;
    } catch (e) {
      failed = true;
      console.log(`  ${stack}: FAIL: ${(e as Error).message}`);
    }
  }
  const [sent, lost] = [reports.reduce((n, r) => n + r.sent, 0), reports.reduce((n, r) => n + r.lost, 0)];
  console.log(`\ntwin --stages: ${set.stages.length} stages, ${sent} probes sent, ${lost} probes lost`);
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ stages: reports }, null, 2));
  if (failed) keepLogs(args.work);
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------- failover
/** `--failover`: every stack with a redundant office, each element cut in turn; exit 1 on a problem or a row differing from the checker. */
async function runFailover(
  args: Args,
  stacksDir: string,
  stacks: readonly string[],
  d: { jsons: Jsons; deviceDir: string; manifest: TwinManifest; secrets: Record<string, string> },
): Promise<number> {
  const reports: FailoverReport[] = [];
  let failed = false;
  for (const stack of stacks) {
    const forStack = <T>(xs: readonly T[]) => xs.filter((x) => (x as { stack?: string }).stack === stack);
    try {
      const rep = await twinFailover({
        ...{ stack, json: d.jsons.get(stack)!, intent: readIntent(path.join(stacksDir, stack)) },
        ...{ manifest: { offices: forStack(d.manifest.offices), idcs: forStack(d.manifest.idcs) } },
        ...{
          deviceDir: d.deviceDir,
          secrets: d.secrets,
          work: args.work,
          probeMs: args.probeMs,
          windowS: args.windowS,
          only: args.elements,
        },
      });
      reports.push(rep);
      printFailover(rep, failoverTable);
      // a row whose packets differ from the checker's single-failure table is one of the problems
      if (rep.problems.length > 0) failed = true;
    } catch (e) {
      failed = true;
      console.log(`  ${stack}: FAIL: ${(e as Error).message}`);
    }
  }
  const rows = reports.reduce((n, r) => n + r.rows.length, 0);
  console.log(
    `\ntwin --failover: ${rows} elements cut in ${reports.filter((r) => r.rows.length > 0).length} stacks: ${failed ? "FAIL" : "PASS"}`,
  );
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ failover: reports }, null, 2));
  if (failed) keepLogs(args.work);
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------- main
/** The stacks to run, in an order that puts the quick ones first. */
function pickStacks(args: Args): { stacksDir: string; wanted: string[] } {
  const stacksDir = path.join(args.cdktfOut, "stacks");
  if (!fs.existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist; synthesize first (node bin/synth.js)`);
  const all = fs
    .readdirSync(stacksDir)
    .filter((n) => fs.existsSync(path.join(stacksDir, n, "cdk.tf.json")))
    .sort();
  const order = (n: string) =>
    ["vpc-peering-same", "vpc-peering-cross", "shared-nat", "multinational-hub", "idc-leased-line"].findIndex((p) => n.startsWith(p));
  const wanted = (args.stacks.length > 0 ? args.stacks : all).sort((a, b) => order(a) - order(b));
  for (const s of wanted) if (!all.includes(s)) throw new Error(`--stack ${s} is not in ${stacksDir}; allowed: ${all.join(", ")}`);
  return { stacksDir, wanted };
}

function printStack(rep: StackReport): void {
  for (const x of rep.mismatches) console.log(`  MISMATCH ${x}`);
  for (const n of rep.negative) console.log(`  check ${n.name} (${n.office}): ${n.caught ? "passed" : "FAILED"}: ${n.detail}`);
  console.log(
    rep.promised > 0
      ? `  ${rep.stack}: promise (intent.json): ${rep.promised} pairs checked`
      : `  ${rep.stack}: no intent.json beside the stack: compared with the model only`,
  );
  console.log(
    `  ${rep.stack}: ${rep.namespaces} namespaces, ${rep.links} links, ${rep.daemons} daemons, ${rep.tunnels} tunnels, ${rep.bgpSessions} BGP sessions, ${rep.probes} probes; bring-up ${rep.bringUpS.toFixed(2)} s, probes ${rep.probeS.toFixed(2)} s, negative checks ${rep.negativeS.toFixed(2)} s, teardown ${rep.teardownS.toFixed(2)} s: ${passed(rep) ? "PASS" : "FAIL"}`,
  );
}

/** Daemon logs (no keys in them) outlive the namespace for a post-mortem. */
function keepLogs(work: string): void {
  const keep = path.join(ROOT, ".twin-logs");
  fs.rmSync(keep, { recursive: true, force: true });
  for (const d of fs.readdirSync(work)) {
    const stackDir = path.join(work, d);
    if (!fs.statSync(stackDir).isDirectory() || d === "office-configs") continue;
    for (const sub of fs.readdirSync(stackDir)) {
      for (const name of ["charon.log", "bird.log"]) {
        const log = path.join(stackDir, sub, name);
        if (!fs.existsSync(log)) continue;
        fs.mkdirSync(path.join(keep, d), { recursive: true });
        fs.copyFileSync(log, path.join(keep, d, `${sub}.log`));
      }
    }
  }
  if (fs.existsSync(keep)) console.log(`twin: daemon logs of this run in ${path.relative(process.cwd(), keep) || keep}/`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (process.getuid?.() !== 0)
    throw new Error("the twin needs root inside its own namespaces; run it through `npm run twin` (verify/twin/run.sh)");
  const staged = args.stages ? readStages(args.stages) : undefined;
  if (staged) {
    // the twin starts from the base and moves through the stacks the stages touch
    args.cdktfOut = staged.base;
    args.stacks = stagedStacks(staged);
  }
  const { stacksDir, wanted } = pickStacks(args);
  // the work directory (configs with this run's random keys, logs) lives on the private
  // /run tmpfs run.sh mounts, so it vanishes with the namespace, whatever happens
  const privateRun = fs.existsSync("/run/charon.pid") && fs.existsSync("/run/netns");
  args.work = fs.mkdtempSync(path.join(privateRun ? "/run" : os.tmpdir(), "twin-"));
  fs.chmodSync(args.work, 0o700);
  const jsons: Jsons = new Map(wanted.map((s) => [s, JSON.parse(fs.readFileSync(path.join(stacksDir, s, "cdk.tf.json"), "utf8"))]));
  // secrets for this run only: every sensitive variable of the stacks gets a random value
  const secrets: Record<string, string> = {};
  for (const j of jsons.values()) for (const v of Object.keys(j.variable ?? {})) secrets[`TF_VAR_${v}`] = randomBytes(18).toString("hex");
  const { deviceDir, manifest } = generateDeviceConfigs(args, jsons, secrets);

  if (staged) {
    const code = await runStaged(args, staged, wanted, { deviceDir, manifest, secrets });
    fs.rmSync(args.work, { recursive: true, force: true });
    return code;
  }
  if (args.failover) {
    const code = await runFailover(args, stacksDir, wanted, { jsons, deviceDir, manifest, secrets });
    fs.rmSync(args.work, { recursive: true, force: true });
    return code;
  }
  const reports: StackReport[] = [];
  const peak = { kb: 0 };
  let failed = false;
  for (const s of wanted) {
    const forStack = <T>(xs: readonly T[]) => xs.filter((x) => (x as { stack?: string }).stack === s);
    try {
      const input = { name: s, json: jsons.get(s)!, intent: readIntent(path.join(stacksDir, s)) };
      const rep = await twinStack(
        { ...input, manifest: { offices: forStack(manifest.offices), idcs: forStack(manifest.idcs) } },
        deviceDir,
        secrets,
        args,
        peak,
      );
      reports.push(rep);
      printStack(rep);
      if (!passed(rep)) failed = true;
    } catch (e) {
      failed = true;
      console.log(`  ${s}: FAIL: ${(e as Error).message}`);
    }
  }
  console.log(
    `\ntwin: ${reports.filter(passed).length} of ${wanted.length} stacks match; peak memory of the twin's processes ${(peak.kb / 1024).toFixed(0)} MiB`,
  );
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ reports, peakRssMiB: peak.kb / 1024 }, null, 2));
  if (failed) keepLogs(args.work);
  fs.rmSync(args.work, { recursive: true, force: true });
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`twin: ${e.message}`);
    process.exit(1);
  },
);
