/**
 * `npm run twin -- --stages DIR`: the twin brings up the base of a staged migration and
 * moves through every stage in place, in the running namespaces, in the order Terraform
 * applies it (stage-diff.ts), while one ping per ordered pair runs the whole time
 * (stream.ts) between every pair the model (expected.ts) says both the base and the head
 * reach. Each step is held `stepMs` before the next, standing for the seconds a real API
 * call takes, so a route deleted before its successor exists is seen losing probes. Any
 * lost probe fails the run, naming the pair, the stage, the step and its operations.
 */
import * as fs from "fs";
import * as ipaddr from "ipaddr.js";
import * as path from "path";
import { alignPlan } from "./align";
import { bringUp, reconfigureBird, Running, tearDown, waitTunnelsAndBgp } from "./daemons";
import { inNs, now, run, sleep } from "./exec";
import { expectedMatrix } from "./expected";
import { buildPlan, StackJson, TwinManifest, TwinPlan } from "./plan";
import { probeAll } from "./probes";
import { birdRoutes, describeOp, diffPlans, routeGaps, routeKey, STEP_TITLE, StageOp, StageStep } from "./stage-diff";
import { endedEarly, losses, PairLoss, startStreams, stopStreams } from "./stream";
import { assertNever } from "../../lib/private/assert-never";

export interface StageSet {
  readonly base: string;
  readonly head: string;
  readonly stages: readonly { readonly name: string; readonly summary: string; readonly dir: string }[];
}

/** `<dir>/stages.json`, checked: base and head directories, each stage's directory beside it. */
export function readStages(dir: string): StageSet {
  const file = path.join(dir, "stages.json");
  if (!fs.existsSync(file))
    throw new Error(`--stages ${dir}: no stages.json in it; allowed: a directory of migration stages (stage-1 … stage-N and stages.json)`);
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  const where = (v: unknown, field: string) => {
    if (typeof v !== "string" || v === "") throw new Error(`${file}: ${field} = ${JSON.stringify(v)}; allowed: a directory path`);
    const p = path.resolve(dir, v);
    if (!fs.existsSync(path.join(p, "stacks"))) throw new Error(`${file}: ${field} = ${v}: ${p}/stacks does not exist`);
    return p;
  };
  if (!Array.isArray(doc.stages) || doc.stages.length === 0)
    throw new Error(`${file}: stages = ${JSON.stringify(doc.stages)}; allowed: a non-empty list of { name, summary }`);
  const stages = (doc.stages as Record<string, unknown>[]).map((s, i) => {
    if (typeof s.name !== "string" || !/^[A-Za-z0-9._-]+$/.test(s.name))
      throw new Error(`${file}: stages[${i}].name = ${JSON.stringify(s.name)}; allowed: a directory name beside stages.json`);
    return { name: s.name, summary: String(s.summary ?? ""), dir: where(s.name, `stages[${i}].name`) };
  });
  return { base: where(doc.base, "base"), head: where(doc.head, "head"), stages };
}

/** The stacks any stage touches. */
export function stagedStacks(set: StageSet): string[] {
  const names = set.stages.flatMap((s) => fs.readdirSync(path.join(s.dir, "stacks")));
  return [...new Set(names)].sort();
}

async function applyOp(op: StageOp, r: Running, deviceDir: string): Promise<void> {
  const work = r.work;
  switch (op.kind) {
    case "ns-add":
      run("ip", ["netns", "add", op.ns.name]);
      run("ip", ["-n", op.ns.name, "link", "set", "lo", "up"]);
      inNs(op.ns.name, "sysctl", [
        "-q",
        "-w",
        "net.ipv4.ip_forward=1",
        "net.ipv4.conf.all.rp_filter=0",
        "net.ipv4.conf.default.rp_filter=0",
      ]);
      return;
    case "link-add": {
      const l = op.link;
      run("ip", ["link", "add", l.aIf, "netns", l.a, "type", "veth", "peer", "name", l.bIf, "netns", l.b]);
      for (const [ns, dev, addr] of [
        [l.a, l.aIf, l.aAddr],
        [l.b, l.bIf, l.bAddr],
      ] as const) {
        run("ip", ["-n", ns, "addr", "add", addr, "dev", dev]);
        run("ip", ["-n", ns, "link", "set", dev, "up"]);
      }
      return;
    }
    case "addr-add":
    case "addr-del":
      run("ip", ["-n", op.ns, "addr", op.kind === "addr-add" ? "add" : "del", op.addr, "dev", op.dev]);
      return;
    case "nft-add": {
      const f = path.join(work, `${op.ns}.nft`);
      fs.writeFileSync(f, op.ruleset + "\n");
      inNs(op.ns, "nft", ["-f", f]);
      return;
    }
    case "rule-add":
    case "rule-del":
    case "route-add":
    case "route-del":
      run("ip", ["-n", op.ns, op.kind.startsWith("rule") ? "rule" : "route", op.kind.endsWith("add") ? "add" : "del", ...op.args]);
      return;
    case "bird-reconfigure":
      await reconfigureBird(r, op.bird, [...birdRoutes(op.bird)], deviceDir);
      return;
    case "link-del":
      run("ip", ["-n", op.link.a, "link", "del", op.link.aIf]);
      return;
    case "ns-del":
      run("ip", ["netns", "delete", op.ns.name]);
      return;
    default:
      assertNever(op, "stage operation");
  }
}

/** One applied step: when it started, and what it did. */
interface StepWindow {
  readonly stage: string;
  readonly index: number;
  readonly count: number;
  readonly step: StageStep;
  readonly plan: TwinPlan;
  readonly start: number;
}
export interface StageFigures {
  readonly stage: string;
  readonly steps: number;
  readonly ops: number;
  readonly seconds: number;
  /** When its first step began (seconds since the epoch). */
  readonly startedAt: number;
  /** Probes sent from its first step until the next stage's (the last: until the probes stop). @default 0 until counted */
  readonly sent: number;
  readonly lost: number;
  /** Destinations a step leaves without a covering route, from the operations alone (stage-diff.ts `routeGaps`). */
  readonly predictedGaps: readonly string[];
}

/** Every pair reachable (round trip) in both the base and the head, by the model. */
function pairsOf(base: StackJson, head: StackJson): [string, string][] {
  const [b, h] = [expectedMatrix(base).delivered, expectedMatrix(head).delivered];
  return [...b]
    .filter((k) => h.has(k))
    .sort()
    .map((k) => k.split("->") as [string, string]);
}

/** Moves the running twin to `next`, step by step, each held `stepMs`. */
async function moveTo(r: Running, stage: string, next: TwinPlan, x: StagesInput, windows: StepWindow[]): Promise<StageFigures> {
  const diff = diffPlans(r.plan, next);
  if (diff.unsupported.length > 0) throw new Error(`${stage}: ${diff.unsupported.join("; ")}`);
  const predictedGaps = routeGaps(r.plan, diff.steps).map(
    (g) =>
      `step ${g.step + 1}/${diff.steps.length} "${STEP_TITLE[g.kind]}" leaves ${g.dest} in ${g.where} without a covering route (${g.why})`,
  );
  const t0 = now();
  const startedAt = Date.now() / 1000;
  // labels of what the step removes (the running plan) and creates (the next one)
  const both = { ...next, namespaces: [...r.plan.namespaces, ...next.namespaces] };
  for (const [i, step] of diff.steps.entries()) {
    windows.push({ stage, index: i + 1, count: diff.steps.length, step, plan: both, start: Date.now() / 1000 });
    for (const op of step.ops) await applyOp(op, r, x.deviceDir);
    await sleep(x.stepMs);
  }
  const ops = diff.steps.reduce((n, s) => n + s.ops.length, 0);
  return { stage, steps: diff.steps.length, ops, seconds: now() - t0, startedAt, sent: 0, lost: 0, predictedGaps };
}

export interface StagesInput {
  readonly stack: string;
  readonly set: StageSet;
  readonly manifest: TwinManifest;
  readonly deviceDir: string;
  readonly secrets: Record<string, string>;
  readonly work: string;
  readonly stepMs: number;
  readonly probeMs: number;
}
export interface StagesReport {
  readonly stack: string;
  readonly pairs: number;
  readonly sent: number;
  readonly lost: number;
  readonly stages: readonly StageFigures[];
  readonly bringUpS: number;
  readonly problems: readonly string[];
}

const readStack = (dir: string, stack: string): StackJson | undefined => {
  const f = path.join(dir, "stacks", stack, "cdk.tf.json");
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, "utf8")) as StackJson) : undefined;
};

/** Brings up the base, checks the pairs once, then moves through every stage under continuous probes. */
export async function twinStages(x: StagesInput): Promise<StagesReport> {
  const base = readStack(x.set.base, x.stack);
  const head = readStack(x.set.head, x.stack);
  if (!base || !head) throw new Error(`${x.stack}: not in both the base (${x.set.base}) and the head (${x.set.head})`);
  const r: Running = {
    plan: buildPlan(x.stack, base, x.manifest),
    work: fs.mkdtempSync(path.join(x.work, `${x.stack}-`)),
    procs: [],
    secrets: x.secrets,
  };
  const everyNs = new Map(r.plan.namespaces.map((n) => [n.name, n]));
  const pairs = pairsOf(base, head);
  const windows: StepWindow[] = [];
  const figures: StageFigures[] = [];
  const t0 = now();
  let streams: ReturnType<typeof startStreams> = [];
  try {
    await bringUp(r, x.deviceDir);
    await waitTunnelsAndBgp(r);
    const bringUpS = now() - t0;
    const first = await probeAll(r.plan, [], pairs);
    const dead = first.filter((p) => !p.icmp).map((p) => `${p.from}->${p.to}`);
    if (dead.length > 0) return report(x, pairs, [], figures, bringUpS, [`NOT DELIVERED in the base before any stage: ${dead.join(", ")}`]);
    // a bound, not a schedule: a stage has at most six steps, each held stepMs; twice that, and two minutes
    streams = startStreams(r.plan, pairs, x.probeMs, 120 + (x.set.stages.length * 12 * x.stepMs) / 1000);
    await sleep(1000);
    for (const s of x.set.stages) {
      const json = readStack(s.dir, x.stack);
      if (!json) continue;
      const next = alignPlan(r.plan, buildPlan(x.stack, json, x.manifest));
      for (const n of next.namespaces) everyNs.set(n.name, n);
      figures.push(await moveTo(r, s.name, next, x, windows));
      r.plan = next;
    }
    await sleep(1000);
    const early = endedEarly(streams);
    await stopStreams(streams);
    const l = losses(streams, x.probeMs);
    const ended = early.length > 0 ? [`PROBES ENDED EARLY (later probes never sent, so not counted): ${early.join(", ")}`] : [];
    return report(x, pairs, l, figures, bringUpS, [...blame(l, windows), ...ended]);
  } finally {
    await stopStreams(streams);
    r.plan = { ...r.plan, namespaces: [...everyNs.values()] };
    await tearDown(r);
  }
}

function report(
  x: StagesInput,
  pairs: readonly unknown[],
  l: readonly PairLoss[],
  stages: StageFigures[],
  bringUpS: number,
  problems: string[],
): StagesReport {
  const sent = l.reduce((n, p) => n + p.sent, 0);
  const lost = l.reduce((n, p) => n + p.lostAt.length, 0);
  const counted = stages.map((f, i) => {
    const end = stages[i + 1]?.startedAt ?? Infinity;
    const inside = (ts: readonly number[]) => ts.filter((t) => t >= f.startedAt && t < end).length;
    return { ...f, sent: l.reduce((n, p) => n + inside(p.sentAt), 0), lost: l.reduce((n, p) => n + inside(p.lostAt), 0) };
  });
  return { stack: x.stack, pairs: pairs.length, sent, lost, stages: counted, bringUpS, problems };
}

/** The step's route operations whose destination holds either end of the pair (the request's or the reply's way). */
function culprits(w: StepWindow, from: string, to: string): StageOp[] {
  const ips = w.plan.networks.filter((n) => n.name === from || n.name === to).map((n) => n.ip);
  const holds = (o: StageOp) => {
    if (!("args" in o) || !o.kind.startsWith("route")) return false;
    const dest = routeKey(o.ns, o.args).split("|")[2]!;
    return ips.some((ip) => dest === "0.0.0.0/0" || ipaddr.IPv4.parse(ip).match(ipaddr.IPv4.parseCIDR(dest)));
  };
  const hit = w.step.ops.filter(holds);
  return (hit.length > 0 ? hit : w.step.ops).slice(0, 3);
}

/** Each pair's lost probes, grouped by the step they were lost in, with the step's operations that touch the pair. */
function blame(l: readonly PairLoss[], windows: readonly StepWindow[]): string[] {
  const out: string[] = [];
  for (const p of l.filter((x) => x.lostAt.length > 0)) {
    const byStep = new Map<StepWindow | undefined, number>();
    for (const t of p.lostAt) {
      const w = [...windows].reverse().find((x) => x.start <= t);
      byStep.set(w, (byStep.get(w) ?? 0) + 1);
    }
    for (const [w, n] of byStep) {
      if (!w) {
        out.push(`LOST ${p.from}->${p.to}: ${n} probes lost before the first stage began`);
        continue;
      }
      const what = culprits(w, p.from, p.to)
        .map((o) => describeOp(w.plan, o))
        .join("; ");
      out.push(`LOST ${p.from}->${p.to}: ${n} probes lost at ${w.stage} step ${w.index}/${w.count} "${STEP_TITLE[w.step.kind]}": ${what}`);
    }
  }
  return out;
}

export function printStages(rep: StagesReport): void {
  for (const s of rep.stages) {
    console.log(
      `  ${rep.stack}: ${s.stage}: ${s.steps} steps, ${s.ops} operations, ${s.seconds.toFixed(2)} s; ${s.sent} probes sent, ${s.lost} lost`,
    );
    // the pure prediction beside the packets' verdict (only lost probes fail the run)
    for (const g of s.predictedGaps) console.log(`    predicted: ${g}`);
  }
  for (const p of rep.problems) console.log(`  ${p}`);
  console.log(
    `  ${rep.stack}: ${rep.pairs} pairs reachable in base and head; bring-up ${rep.bringUpS.toFixed(2)} s; ${rep.sent} probes sent, ${rep.lost} probes lost: ${rep.lost === 0 && rep.problems.length === 0 ? "PASS" : "FAIL"}`,
  );
}
