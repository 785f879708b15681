/**
 * `npm run twin -- --failover`: for each stack with a redundant office (several IPsec
 * connections serving the same subnets), bring the network up, run one ping per promised
 * pair the whole time, and cut each failure element touching the office in turn
 * (failover.ts): set its links down, let the twin's VPN gateway notice it the way the
 * JSON says (health check interval x retry, or DPD) and move its destination-based
 * routes to the next weight, watch for `windowS`, then restore and go on. A data center
 * with several leased lines has each line cut alone, the transit router withdrawing the
 * line's equal-cost member when its VBR loses the BGP route (TrControl). Per element it
 * measures the pairs still cut at the end, the seconds to recover and the probes lost.
 */
import * as fs from "fs";
import * as ipaddr from "ipaddr.js";
import * as path from "path";
import { bringUp, listChildSas, Running, tearDown, waitTunnelsAndBgp } from "./daemons";
import { now, run, sleep } from "./exec";
import { resilienceTable, ResilienceTable } from "../../lib/analysis/resilience";
import { expectedMatrix, namedAsSites, sitesFromJson } from "./expected";
import {
  afterCheck,
  choiceRoute,
  failureElements,
  FailoverRow,
  gatewayChoices,
  GatewayChoice,
  measureElement,
  checkerCut,
  bothWays,
  cutMismatch,
  redundantSites,
  TrEcmpGroup,
  trEcmpGroups,
  Watch,
  watches,
  FailureElement,
} from "./failover";
import { buildPlan, StackJson, TwinIdcLine, TwinManifest, TwinPlan, VbrHealthCheck } from "./plan";
import { probeAll } from "./probes";
import { Intent } from "./promise";
import { losses, startStreams, stopStreams } from "./stream";
import { trRouteArgs } from "./transit-router";

export interface FailoverInput {
  readonly stack: string;
  readonly json: StackJson;
  readonly manifest: TwinManifest;
  readonly intent?: Intent;
  readonly deviceDir: string;
  readonly secrets: Record<string, string>;
  readonly work: string;
  readonly probeMs: number;
  /** Seconds each cut is watched before it is restored. */
  readonly windowS: number;
  /** Cut only these element ids. @default - every element */
  readonly only?: readonly string[];
}
export interface FailoverReport {
  readonly stack: string;
  readonly pairs: number;
  readonly rows: readonly (FailoverRow & { readonly events: readonly string[] })[];
  readonly bringUpS: number;
  readonly seconds: number;
  readonly problems: readonly string[];
}

/** The pairs to watch: the promise's must-reach pairs when synthesis wrote one, else the model's delivered pairs. */
function pairsOf(x: FailoverInput, plan: TwinPlan): [string, string][] {
  const have = new Set(plan.networks.map((n) => n.name));
  const all: [string, string][] = x.intent
    ? x.intent.mustReach.map(([a, b]) => [a, b])
    : [...expectedMatrix(x.json).delivered].map((k) => k.split("->") as [string, string]);
  return all.filter(([a, b]) => have.has(a) && have.has(b) && a !== "internet" && b !== "internet").sort();
}

/**
 * The twin names an office after its first link's customer gateway; an office with
 * several links has one per link (named after the link), so the promise's name for it is
 * taken instead: the intent network with the narrowest CIDR holding the office's address.
 */
export function namedByIntent(plan: TwinPlan, intent: Intent | undefined): TwinPlan {
  if (!intent) return plan;
  const rename = new Map<string, string>();
  const several = redundantSites(plan);
  for (const n of plan.networks.filter((x) => several.has(x.name))) {
    const holding = intent.networks
      .flatMap((x) => x.cidrs.map((c) => ({ name: x.name, cidr: ipaddr.IPv4.parseCIDR(c) })))
      .filter((x) => x.cidr[1] > 0 && ipaddr.IPv4.parse(n.ip).match(x.cidr))
      .sort((a, b) => b.cidr[1] - a.cidr[1]);
    if (holding[0] && holding[0].name !== n.name) rename.set(n.name, holding[0].name);
  }
  const to = (name: string) => rename.get(name) ?? name;
  return {
    ...plan,
    networks: plan.networks.map((n) => ({ ...n, name: to(n.name) })),
    vpnConnections: plan.vpnConnections.map((c) => ({ ...c, site: to(c.site) })),
  };
}

/** Brings the stack up, then cuts and restores every element touching a redundant office in turn. */
export async function twinFailover(x: FailoverInput): Promise<FailoverReport> {
  const plan = namedByIntent(namedAsSites(buildPlan(x.stack, x.json, x.manifest), sitesFromJson(x.json, x.intent?.networks)), x.intent);
  const elements = pickElements(failureElements(plan), x.only ?? [], x.stack);
  const pairs = pairsOf(x, plan);
  const base = { stack: x.stack, pairs: pairs.length, bringUpS: 0 };
  if (elements.length === 0) return { ...base, rows: [], seconds: 0, problems: [] };
  const r: Running = { plan, work: fs.mkdtempSync(path.join(x.work, `${x.stack}-`)), procs: [], secrets: x.secrets };
  const t0 = now();
  const rows: FailoverReport["rows"][number][] = [];
  const problems: string[] = [];
  try {
    await bringUp(r, x.deviceDir);
    await waitTunnelsAndBgp(r);
    const bringUpS = now() - t0;
    const dead = await undelivered(plan, pairs);
    if (dead.length > 0)
      return { ...base, bringUpS, rows, seconds: now() - t0, problems: [`NOT DELIVERED before any cut: ${dead.join(", ")}`] };
    const reference = resilienceTable(x.json, sitesFromJson(x.json, x.intent?.networks), bothWays(pairs));
    for (const e of elements) {
      const gw = new GatewayControl(r);
      const tr = new TrControl(r, e.attachment);
      try {
        const row = await cutAndMeasure(r, e, pairs, x, { gw, tr, reference });
        rows.push(row);
        const bad = cutMismatch(row);
        if (bad) problems.push(bad);
      } finally {
        await restore(r, e, gw, tr);
      }
      const still = await undelivered(plan, pairs);
      if (still.length > 0) {
        problems.push(`after restoring ${e.id}: NOT DELIVERED ${still.join(", ")}; the remaining elements were not cut`);
        break;
      }
    }
    return { ...base, bringUpS, rows, seconds: now() - t0, problems };
  } finally {
    await tearDown(r);
  }
}

/** The elements `--element` names (all without it); a name that is not an element fails, listing those that are. */
export function pickElements(all: readonly FailureElement[], only: readonly string[], stack: string): FailureElement[] {
  const unknown = only.filter((id) => !all.some((e) => e.id === id));
  if (unknown.length > 0)
    throw new Error(
      `--element ${unknown.join(", ")}: not a failure element of ${stack}; allowed: ${all.map((e) => e.id).join(", ") || "none"}`,
    );
  return only.length === 0 ? [...all] : all.filter((e) => only.includes(e.id));
}

/** Pairs not delivered by two pings (probed twice, so a loaded machine does not fail it). */
async function undelivered(plan: TwinPlan, pairs: readonly (readonly [string, string])[]): Promise<string[]> {
  let bad = (await probeAll(plan, [], pairs)).filter((p) => !p.icmp);
  if (bad.length > 0)
    bad = (
      await probeAll(
        plan,
        [],
        bad.map((p) => [p.from, p.to] as const),
      )
    ).filter((p) => !p.icmp);
  return bad.map((p) => `${p.from}->${p.to}`);
}

/** One element: probes running, cut, the gateways watching for `windowS`, measure. */
async function cutAndMeasure(
  r: Running,
  e: FailureElement,
  pairs: readonly (readonly [string, string])[],
  x: FailoverInput,
  { gw, tr, reference }: { gw: GatewayControl; tr: TrControl; reference: ResilienceTable },
) {
  const streams = startStreams(r.plan, pairs, x.probeMs, x.windowS + 60);
  try {
    await sleep(1000);
    const cutAt = Date.now() / 1000;
    for (const l of e.cut) run("ip", ["-n", l.ns, "link", "set", l.dev, "down"]);
    for (const w of e.withdrawn ?? []) for (const p of w.protocols) birdc(r, w.ns, ["disable", p]);
    await Promise.all([gw.watchFor(x.windowS, cutAt), tr.watchFor(x.windowS, cutAt)]);
    const endAt = Date.now() / 1000;
    await stopStreams(streams);
    const m = measureElement(e.id, losses(streams, x.probeMs), { cutAt, endAt, tailS: 2, intervalS: x.probeMs / 1000 });
    return { ...m, expected: checkerCut(reference, e.id, pairs), events: [...gw.events, ...tr.events] };
  } finally {
    await stopStreams(streams);
  }
}

/**
 * The element's links up again. Setting a device down makes the kernel drop the IPv4
 * routes through it, so the plan's routes of each namespace a cut touched are put back
 * (`ip route replace`); then the gateways' choices with every connection up, and every
 * office tunnel.
 */
async function restore(r: Running, e: FailureElement, gw: GatewayControl, tr: TrControl): Promise<void> {
  for (const l of e.cut) run("ip", ["-n", l.ns, "link", "set", l.dev, "up"], { allowFail: true });
  const touched = new Set(e.cut.map((l) => l.ns));
  for (const rt of r.plan.routes.filter((x) => touched.has(x.ns)))
    run("ip", ["-n", rt.ns, "route", "replace", ...rt.args], { allowFail: true });
  gw.reset();
  tr.reset();
  for (const w of e.withdrawn ?? []) for (const p of w.protocols) birdc(r, w.ns, ["enable", p]);
  if (e.line) restartBgp(r, e.line);
  await restoreTunnels(r);
}

/**
 * A restored line's BGP session restarted at both ends: BIRD waits out its connect-retry
 * timer (120 s) after a session dropped with the link, longer than a run should.
 */
function restartBgp(r: Running, line: TwinIdcLine): void {
  if (line.protocol === undefined) return; // a static line: no session
  for (const [ns, protocol] of [
    [line.vbrNs, "vbr_bgp"],
    [line.idcNs, line.protocol],
  ] as const)
    birdc(r, ns, ["restart", protocol]);
}

/** One `birdc` command to the BIRD running in `ns` (none running: nothing to do). */
function birdc(r: Running, ns: string, args: readonly string[]): void {
  const dir = r.procs.find((p) => p.what === "bird" && p.ns === ns)?.dir;
  if (dir) run("birdc", ["-s", path.join(dir, "bird.ctl"), ...args], { allowFail: true });
}

/** Every office tunnel back up after a restore: a charon that gave up is asked once to initiate again. */
async function restoreTunnels(r: Running): Promise<void> {
  for (const c of r.plan.charons.filter((x) => x.side === "office")) {
    const dir = r.procs.find((p) => p.what === "charon" && p.ns === c.ns)?.dir;
    if (!dir) continue;
    const up = new Set(listChildSas(dir));
    for (const child of c.children.filter((ch) => !up.has(ch)))
      run("swanctl", ["--initiate", "--child", child, "--timeout", "10", "--uri", `unix://${dir}/charon.vici`], {
        allowFail: true,
        timeoutMs: 15000,
      });
  }
  await waitTunnelsAndBgp(r);
}

/**
 * The twin's VPN gateways choosing between their connections: each watched connection is
 * checked every `everyS` (health check: the connection's public path answers a ping and
 * the cloud end holds SAs; DPD: the cloud end still holds SAs, which its charon clears
 * when DPD fails), down after `misses` failed checks in a row; each change re-installs
 * the gateway's choices (gatewayChoices).
 */
class GatewayControl {
  readonly events: string[] = [];
  private readonly ws: Watch[];
  private readonly state = new Map<string, { misses: number; down: boolean; nextAt: number }>();
  private installed: GatewayChoice[];

  constructor(private readonly r: Running) {
    this.ws = watches(r.plan);
    this.installed = gatewayChoices(r.plan, new Set());
    for (const w of this.ws) this.state.set(w.connection, { misses: 0, down: false, nextAt: 0 });
  }

  async watchFor(seconds: number, cutAt: number): Promise<void> {
    const end = Date.now() / 1000 + seconds;
    while (Date.now() / 1000 < end) {
      const t = Date.now() / 1000;
      for (const w of this.ws) {
        const s = this.state.get(w.connection)!;
        if (t < s.nextAt) continue;
        const next = afterCheck(s, this.check(w), w);
        this.state.set(w.connection, { ...next, nextAt: t + w.everyS });
        if (next.down !== s.down)
          this.apply(`+${(Date.now() / 1000 - cutAt).toFixed(1)} s: ${w.connection} ${next.down ? "down" : "up"} (${w.by})`);
      }
      await sleep(100);
    }
  }

  /** Back to the choices with every connection up (after a restore). */
  reset(): void {
    for (const w of this.ws) this.state.set(w.connection, { misses: 0, down: false, nextAt: 0 });
    this.apply(undefined);
  }

  private check(w: Watch): boolean {
    const c = this.r.plan.vpnConnections.find((x) => x.name === w.connection)!;
    const dir = this.r.procs.find((p) => p.what === "charon" && p.ns === c.ns)?.dir;
    const hasSa = dir !== undefined && listChildSas(dir).length > 0;
    if (w.by === "dpd") return hasSa;
    const ping = run("ip", ["netns", "exec", c.ns, "ping", "-n", "-q", "-c", "1", "-W", "1", "-I", c.gatewayIp, c.officeIp], {
      allowFail: true,
      timeoutMs: 3000,
    });
    return ping.code === 0 && hasSa;
  }

  private apply(event: string | undefined): void {
    const down = new Set([...this.state].filter(([, s]) => s.down).map(([k]) => k));
    const next = gatewayChoices(this.r.plan, down);
    const moved = next.filter((c) => this.installed.find((i) => i.gatewayNs === c.gatewayNs && i.dest === c.dest)?.via !== c.via);
    for (const c of moved) run("ip", ["-n", c.gatewayNs, "route", "replace", ...choiceRoute(c)]);
    const what = moved.map((c) => `${c.dest} ${c.connection ? `via ${c.connection}` : "dropped (no connection up)"}`);
    if (event) this.events.push(`gateway ${event}${what.length > 0 ? `: ${what.join(", ")}` : ": no route moves"}`);
    this.installed = next;
  }
}

/**
 * The twin's transit routers learning a data center from its lines: a TR route learned
 * from several VBR attachments keeps the members that still propagate it, checked every
 * 100 ms: not the attachment cut (`cutAttachment`), a BGP line while its VBR has the
 * prefix from its session with the data center, a static line with an
 * `alicloud_cen_vbr_health_check` while its probes are answered (VbrHealthCheck: one
 * every interval from the VBR, down after the threshold of misses in a row), a static
 * line without one always (nothing withdraws its routes). None left, the prefix is
 * unreachable. Each change re-installs the route.
 */
class TrControl {
  readonly events: string[] = [];
  private readonly groups: TrEcmpGroup[];
  private readonly installed = new Map<TrEcmpGroup, string>();
  private readonly bgp: ReadonlySet<string>;
  /** Health-checked static lines by VBR namespace, with the prober's state. */
  private readonly probers = new Map<string, { line: TwinIdcLine; hc: VbrHealthCheck; misses: number; down: boolean; nextAt: number }>();

  constructor(
    r: Running,
    private readonly cutAttachment?: string,
  ) {
    this.groups = trEcmpGroups(r.plan);
    this.bgp = new Set(r.plan.birds.map((b) => b.ns));
    for (const line of r.plan.idcLines)
      if (line.healthCheck && !this.bgp.has(line.vbrNs))
        this.probers.set(line.vbrNs, { line, hc: line.healthCheck, misses: 0, down: false, nextAt: 0 });
    for (const g of this.groups) this.installed.set(g, g.members.map((m) => m.attachment).join(" "));
  }

  async watchFor(seconds: number, cutAt: number): Promise<void> {
    if (this.groups.length === 0) return;
    const end = Date.now() / 1000 + seconds;
    while (Date.now() / 1000 < end) {
      this.probe(cutAt);
      for (const g of this.groups) {
        const up = g.members.filter((m) => this.live(m, g.dest));
        if (this.install(g, up))
          this.events.push(
            `+${(Date.now() / 1000 - cutAt).toFixed(1)} s: transit router ${g.dest} via ${up.map((m) => m.attachment.split(".")[1]).join(", ") || (g.fallback ? "none (withdrawn: the less specific route carries it)" : "none (unreachable)")}`,
          );
      }
      await sleep(100);
    }
  }

  /** Every member back (after a restore). */
  reset(): void {
    for (const g of this.groups) this.install(g, g.members);
  }

  private live(m: TrEcmpGroup["members"][number], dest: string): boolean {
    if (m.attachment === this.cutAttachment) return false;
    if (this.bgp.has(m.far)) return /proto bird/.test(run("ip", ["-n", m.far, "route", "show", dest], { allowFail: true }).out);
    return !(this.probers.get(m.far)?.down ?? false);
  }

  /** Each health check that is due: one probe from its source address to its target, the misses counted (afterCheck). */
  private probe(cutAt: number): void {
    const t = Date.now() / 1000;
    for (const [ns, p] of this.probers) {
      if (t < p.nextAt) continue;
      const args = ["netns", "exec", ns, "ping", "-n", "-q", "-c", "1", "-W", "1", "-I", p.hc.sourceIp, p.hc.targetIp];
      const ok = run("ip", args, { allowFail: true, timeoutMs: 3000 }).code === 0;
      const next = afterCheck(p, ok, { connection: p.line.line, everyS: p.hc.intervalS, misses: p.hc.threshold, by: "health-check" });
      if (next.down !== p.down)
        this.events.push(
          `+${(Date.now() / 1000 - cutAt).toFixed(1)} s: VBR health check of ${p.line.line} ${next.down ? `down (${p.hc.threshold} probes unanswered, ${p.hc.intervalS} s apart)` : "up"}`,
        );
      this.probers.set(ns, { ...p, ...next, nextAt: t + p.hc.intervalS });
    }
  }

  private install(g: TrEcmpGroup, up: TrEcmpGroup["members"]): boolean {
    const key = up.map((m) => m.attachment).join(" ");
    if (this.installed.get(g) === key) return false;
    // none left beside a less specific route: the route goes, the less specific one carries
    if (up.length === 0 && g.fallback) run("ip", ["-n", g.trNs, "route", "del", g.dest, "table", g.table], { allowFail: true });
    else run("ip", ["-n", g.trNs, "route", "replace", ...trRouteArgs(g.dest, g.table, up)]);
    this.installed.set(g, key);
    return true;
  }
}

export function printFailover(rep: FailoverReport, table: (stack: string, rows: readonly FailoverRow[]) => string[]): void {
  if (rep.rows.length === 0 && rep.problems.length === 0) {
    console.log(
      `  ${rep.stack}: no redundant office (no two IPsec connections serve the same subnets) and no data center with several lines: nothing to cut (transit-router attachments are cut only beside such a site)`,
    );
    return;
  }
  for (const l of table(rep.stack, rep.rows)) console.log(l);
  for (const row of rep.rows) {
    for (const ev of row.events) console.log(`    ${row.element}: ${ev}`);
    if (row.pairsCut.length > 0) console.log(`    ${row.element}: cut ${row.pairsCut.join(", ")}`);
  }
  for (const p of rep.problems) console.log(`  ${p}`);
  console.log(`  ${rep.stack}: ${rep.pairs} pairs watched; bring-up ${rep.bringUpS.toFixed(2)} s; whole run ${rep.seconds.toFixed(1)} s`);
}
