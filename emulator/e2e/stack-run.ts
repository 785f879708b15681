/**
 * One stack's e2e run, as named phases: init (the project's provider mirror), apply,
 * inventory (the emulator against Terraform's state), replan (must be empty), reapply
 * (must change nothing), teardown (lift protection), destroy, leftovers (the emulator must
 * hold nothing), and the verdict. Every terraform command's output goes to the stack's
 * own log, so stacks run side by side without mixing their output.
 */
import * as fs from "fs";
import { brokenPromises } from "./promise-check";
import * as path from "path";
import * as faultsModule from "../src/faults";
import type { EmulatorOptions } from "../src/server";
import { seedPhysicalConnection } from "../src/products/express";
import { describeDrift } from "./drift";
import { fixturesFor, teardownOverride } from "./fixtures";
import { describeUnaccounted, stateResources, unaccounted } from "./inventory";
import { injectsFaults, type Options } from "./options";
import { overrideFor } from "./override";
import type { Plant } from "./plant";
import type { SharedEmulator } from "./shared-emulator";
import { StackEmulator } from "./shared-emulator";
import type { MutableStackJson as StackJson } from "../../lib/tfjson";
import { exec, label, tail, type Certificate, type Exec, type Mutex, type TerraformSetup } from "./terraform";

export interface StackResult {
  readonly stack: string;
  /** the stack's terraform log */
  readonly log: string;
  initS: number;
  applyS: number;
  replanS: number;
  replan: string;
  reapply: string;
  destroyS: number;
  /** the whole stack, init to verdict, s */
  totalS: number;
  leftovers: number;
  /** leftovers that Terraform's state no longer tracks */
  orphans?: number;
  /** resources in the emulator after apply that Terraform's state does not account for (duplicates, orphans) */
  unaccounted?: number;
  apiCalls: number;
  injected: number;
  errors: number;
  /** time the emulator itself spent answering, s (the rest is terraform, the provider and its waits) */
  emulatorS: number;
  readonly notes: string[];
  passed: boolean;
  /** with --plant: the plant's name and whether it was caught */
  plant?: string;
  planted?: "caught" | "MISSED";
}

/** What every stack of a run shares. */
export interface RunContext {
  readonly opts: Options;
  readonly tf: TerraformSetup;
  readonly workRoot: string;
  readonly cert?: Certificate;
  /** the one emulator endpoint @default - none: --real-account */
  readonly shared?: { readonly emulator: SharedEmulator; readonly port: number };
  /** held by `terraform init` (the shared plugin cache) */
  readonly initLock: Mutex;
}

/** One stack to run: its synthesized directory, its tag on the shared emulator, and what to plant into it. */
export interface Job {
  readonly src: string;
  readonly tag: string;
  /** @default - nothing planted */
  readonly plant?: Plant;
  /**
   * A staged migration: the stack's directory in each later stage, applied in order over
   * the state `src` left (each followed by an empty re-plan). @default - `src` only
   */
  readonly stages?: readonly string[];
}

/** Runs one stack; a failure of the driver itself is that stack's failure, reported with the others. */
export async function runStack(job: Job, ctx: RunContext): Promise<StackResult> {
  try {
    return await new StackRun(job, ctx).run();
  } catch (e) {
    const r = newResult(label(job.src), path.join(ctx.workRoot, workDirName(job), "e2e.log"), job.plant?.name);
    r.notes.push(`the e2e driver failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return r;
  }
}

/**
 * The after-the-fact fault kinds the emulator implements: the list its faults module exports
 * as FAULT_KINDS, empty when it exports none. A kind it does not implement must be refused,
 * never passed on and silently ignored (the run would then report faults it never injected).
 */
export function emulatorFaultKinds(): readonly string[] {
  const kinds = (faultsModule as Record<string, unknown>).FAULT_KINDS;
  return Array.isArray(kinds) ? kinds.map(String) : [];
}

/** The emulator's fault options for this run; every stack draws from its own generator with the same seed. */
export function emulatorFaults(opts: Options): EmulatorOptions["faults"] {
  if (opts.faultRate <= 0 && opts.faults.length === 0) return undefined;
  const faults = { rate: opts.faultRate, seed: opts.seed, ...(opts.faults.length > 0 ? { kinds: opts.faults } : {}) };
  return faults as EmulatorOptions["faults"];
}

function workDirName(job: Job): string {
  const name = label(job.src) + (job.plant ? `.${job.plant.name}` : "");
  return name.replace(/[^\w.-]+/g, "_");
}

class StackRun {
  private readonly r: StackResult;
  private readonly work: string;
  private config: StackJson;
  private readonly planted: boolean;
  private readonly env: NodeJS.ProcessEnv;
  private readonly tries: number;
  private emu?: StackEmulator;
  private destroyOk = false;
  private firstDestroyOk = false;

  constructor(
    private readonly job: Job,
    private readonly ctx: RunContext,
  ) {
    this.work = path.join(ctx.workRoot, workDirName(job));
    fs.rmSync(this.work, { recursive: true, force: true });
    fs.mkdirSync(this.work, { recursive: true });
    this.config = JSON.parse(fs.readFileSync(path.join(job.src, "cdk.tf.json"), "utf8")) as StackJson;
    this.planted = job.plant ? job.plant.apply(this.config) : false;
    fs.writeFileSync(path.join(this.work, "cdk.tf.json"), JSON.stringify(this.config, null, 2));
    this.r = newResult(label(job.src), path.join(this.work, "e2e.log"), job.plant?.name);
    this.env = this.terraformEnv();
    this.tries = injectsFaults(ctx.opts) ? 3 : 1;
  }

  async run(): Promise<StackResult> {
    const started = Date.now();
    try {
      if (!this.keepsPromise()) return this.r;
      this.connectEmulator();
      if (!(await this.init())) return this.r;
      let applied = await this.apply();
      // also after a failed apply: a create that took effect but answered an error is named here
      await this.inventory();
      if (applied) {
        await this.replan();
        if (this.r.replan === "no changes" && !(await this.laterStages())) applied = false;
        await this.reapply();
      }
      await this.teardown();
      await this.destroy();
      await this.leftovers();
      this.verdict(applied);
      return this.r;
    } finally {
      this.r.totalS = (Date.now() - started) / 1000;
      this.closeEmulator();
    }
  }

  /**
   * The stack as it will be applied still keeps the promise synthesis wrote beside it
   * (a planted run changes the stack on purpose and skips this). A broken promise fails
   * the stack, naming each pair, before anything is applied.
   */
  private keepsPromise(): boolean {
    if (this.job.plant) return true;
    const broken = brokenPromises(this.job.src);
    for (const b of broken) this.r.notes.push(`intent.json: ${b}`);
    return broken.length === 0;
  }

  private t(args: string[]): Promise<Exec> {
    return exec(this.ctx.tf.tf, [...args, "-no-color"], this.work, this.env, this.r.log);
  }

  private terraformEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TF_CLI_CONFIG_FILE: this.ctx.tf.rc,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
    };
    // secret variables get dummy values; nothing real reaches a file
    for (const [k, v] of Object.entries(this.config.variable ?? {})) if (!("default" in v)) env[`TF_VAR_${k}`] = `e2e-dummy-${k}`;
    const shared = this.ctx.shared;
    if (!shared) return env;
    for (const k of Object.keys(env)) if (k.startsWith("ALIBABA_CLOUD_") || k.startsWith("ALICLOUD_")) delete env[k];
    if (this.ctx.cert) env.SSL_CERT_FILE = this.ctx.cert.file;
    // The emulator is also the provider's HTTP proxy: a call sent to a default public endpoint
    // (the provider ignores `endpoints` for some cross-region lookups) reaches the emulator
    // instead of the internet, and HTTPS tunnels are refused, so nothing leaves the machine.
    const proxy = `http://127.0.0.1:${shared.port}`;
    Object.assign(env, { HTTP_PROXY: proxy, HTTPS_PROXY: proxy, NO_PROXY: "127.0.0.1,localhost" });
    for (const k of ["http_proxy", "https_proxy", "no_proxy"]) delete env[k];
    return env;
  }

  /** The stack's own emulator behind the shared endpoint, its leased lines seeded, and the override that points the provider at it. */
  private connectEmulator(): void {
    const shared = this.ctx.shared;
    if (!shared) return;
    const { tag } = this.job;
    const callLog = path.join(this.work, "api-calls.log");
    this.emu = new StackEmulator(shared.emulator, tag, {
      stateFile: path.join(this.work, "emulator-state.json"),
      transitionMs: this.ctx.opts.transitionMs,
      faults: emulatorFaults(this.ctx.opts),
      onCall: (c) =>
        fs.appendFileSync(
          callLog,
          `${new Date().toISOString()} ${c.product} ${c.action} ${c.status} ${c.code}${c.injected ? " injected" : ""}${c.proxiedFor ? ` (sent to ${c.proxiedFor})` : ""}\n`,
        ),
    });
    for (const f of fixturesFor(this.config, tag)) seedPhysicalConnection(this.emu.store, f.owner, f.region, f.id, f.accessPointId);
    this.emu.store.save();
    const override = overrideFor(this.config.provider?.alicloud ?? [], shared.port, tag);
    fs.writeFileSync(path.join(this.work, "zz_emulator_override.tf.json"), JSON.stringify(override, null, 2));
  }

  private closeEmulator(): void {
    const emu = this.emu;
    if (!emu) return;
    emu.close();
    const t = emu.tally;
    this.r.apiCalls = t.n;
    this.r.injected = t.injected;
    this.r.errors = t.errors;
    this.r.emulatorS = t.ms / 1000;
    if (t.proxied.size > 0)
      this.r.notes.push(
        `calls the provider sent to a default public endpoint, ignoring \`endpoints\` (caught by the emulator as HTTP proxy): ${[...t.proxied].map(([k, n]) => `${k} x${n}`).join(", ")}`,
      );
  }

  private async init(): Promise<boolean> {
    const t0 = Date.now();
    const init = await this.ctx.initLock.run(() => this.t(["init", "-input=false"]));
    this.r.initS = (Date.now() - t0) / 1000;
    if (init.code !== 0) this.r.notes.push(`init failed:\n${tail(init.out)}`);
    return init.code === 0;
  }

  /** Restarts the stack's emulator (state from disk) once it has answered `after` calls. */
  private restartWatch(): NodeJS.Timeout | undefined {
    const after = this.ctx.opts.restartAfter;
    const emu = this.emu;
    if (after === undefined || !emu) return undefined;
    const timer = setInterval(() => {
      if (emu.calls < after) return;
      clearInterval(timer);
      void emu.restart().then(() => this.r.notes.push(`emulator restarted after ${after} apply calls (state from disk)`));
    }, 50);
    return timer;
  }

  /** Apply; under injected faults or a restart a failed apply is run again (up to 3 in all), as a user would. */
  private async apply(): Promise<boolean> {
    const t0 = Date.now();
    const timer = this.restartWatch();
    let apply = await this.t(["apply", "-auto-approve", "-input=false"]);
    if (timer) clearInterval(timer);
    for (let i = 2; apply.code !== 0 && i <= this.tries; i++) {
      this.r.notes.push(`apply ${i - 1} failed (injected faults / restart):\n${tail(apply.out, 6)}`);
      apply = await this.t(["apply", "-auto-approve", "-input=false"]);
      this.r.notes.push(apply.code === 0 ? `apply ${i} converged` : `apply ${i} failed too`);
    }
    this.r.applyS += (Date.now() - t0) / 1000;
    if (apply.code !== 0) this.r.notes.push(`apply failed:\n${tail(apply.out)}`);
    return apply.code === 0;
  }

  /** Each later stage of a staged migration over the same state: apply, inventory, an empty re-plan. */
  private async laterStages(): Promise<boolean> {
    const stages = this.job.stages ?? [];
    if (stages.length > 0) this.r.notes.push(`stage 1: applied, re-plan ${this.r.replan}`);
    for (const [i, dir] of stages.entries()) {
      this.config = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as StackJson;
      fs.writeFileSync(path.join(this.work, "cdk.tf.json"), JSON.stringify(this.config, null, 2));
      const applied = await this.apply();
      await this.inventory();
      if (!applied) {
        this.r.notes.push(`stage ${i + 2} (${dir}): apply failed`);
        return false;
      }
      await this.replan();
      this.r.notes.push(`stage ${i + 2}: applied, re-plan ${this.r.replan}`);
      if (this.r.replan !== "no changes") return false;
    }
    return true;
  }

  private async state(): Promise<ReturnType<typeof stateResources>> {
    const shown = await this.t(["show", "-json"]);
    try {
      return stateResources(JSON.parse(shown.out.slice(shown.out.indexOf("{"))));
    } catch {
      return [];
    }
  }

  /** After apply (failed or not), everything the stack made in the emulator must be in Terraform's state: a duplicate or an orphan is named. */
  private async inventory(): Promise<void> {
    if (!this.emu) return;
    const found = unaccounted(this.emu.live(), await this.state());
    this.r.unaccounted = found.length;
    if (found.length > 0)
      this.r.notes.push(
        `after apply, the emulator holds what Terraform's state does not account for:\n${describeUnaccounted(found)
          .map((l) => `      ${l}`)
          .join("\n")}`,
      );
  }

  private async replan(): Promise<void> {
    const t0 = Date.now();
    const plan = await this.t(["plan", "-detailed-exitcode", "-input=false", "-out=replan.tfplan"]);
    this.r.replanS = (Date.now() - t0) / 1000;
    if (plan.code === 0) {
      this.r.replan = "no changes";
    } else if (plan.code === 2) {
      this.r.replan = "DRIFT";
      const shown = await this.t(["show", "-json", "replan.tfplan"]);
      const lines = describeDrift(JSON.parse(shown.out.slice(shown.out.indexOf("{"))) as Parameters<typeof describeDrift>[0]);
      this.r.notes.push(`re-plan is not empty:\n${lines.map((l) => `      ${l}`).join("\n")}`);
    } else {
      this.r.replan = "ERROR";
      this.r.notes.push(`re-plan failed:\n${tail(plan.out)}`);
    }
  }

  private async reapply(): Promise<void> {
    const again = await this.t(["apply", "-auto-approve", "-input=false"]);
    const m = /(\d+) added, (\d+) changed, (\d+) destroyed/.exec(again.out);
    if (again.code !== 0) {
      this.r.reapply = "ERROR";
      this.r.notes.push(`second apply failed:\n${tail(again.out)}`);
    } else this.r.reapply = m && !m.slice(1).every((x) => x === "0") ? `+${m[1]} ~${m[2]} -${m[3]}` : "no-op";
  }

  /**
   * A protected resource (lifecycle.prevent_destroy, deletion_protection) is torn down the
   * way a user would: an override lifts the protection, an apply turns it off, then destroy.
   */
  private async teardown(): Promise<void> {
    const teardown = teardownOverride(this.config);
    if (!teardown) return;
    fs.writeFileSync(path.join(this.work, "zz_teardown_override.tf.json"), JSON.stringify(teardown.override, null, 2));
    // only the protected resources: the rest of the stack may be half-applied
    const lift = await this.t(["apply", "-auto-approve", "-input=false", ...teardown.addresses.map((a) => `-target=${a}`)]);
    this.r.notes.push(
      `teardown lifted protection on ${teardown.addresses.join(", ")}${lift.code === 0 ? "" : ` but that apply failed:\n${tail(lift.out)}`}`,
    );
  }

  /** Destroy; if it fails, what a user does next: run it again (the state still tracks what is left). */
  private async destroy(): Promise<void> {
    const t0 = Date.now();
    let destroy = await this.t(["destroy", "-auto-approve", "-input=false"]);
    this.firstDestroyOk = destroy.code === 0;
    for (let i = 2; destroy.code !== 0 && i <= Math.max(2, this.tries); i++) {
      this.r.notes.push(`destroy ${i - 1} failed:\n${tail(destroy.out, 6)}`);
      // what blocks it is outside Terraform's state: another destroy would only wait out the provider's delete timeouts again
      if (await this.orphaned()) {
        this.r.notes.push(`destroy not run again: what is left is not in Terraform's state (named below)`);
        break;
      }
      destroy = await this.t(["destroy", "-auto-approve", "-input=false"]);
      this.r.notes.push(destroy.code === 0 ? `destroy ${i} completed` : `destroy ${i} failed too`);
    }
    this.destroyOk = destroy.code === 0;
    this.r.destroyS = (Date.now() - t0) / 1000;
  }

  private async orphaned(): Promise<boolean> {
    return this.emu !== undefined && unaccounted(this.emu.live(), await this.state()).length > 0;
  }

  /** After destroy the emulator must hold nothing; what it holds is named, orphaned when the state no longer tracks it. */
  private async leftovers(): Promise<void> {
    const left = this.emu?.live() ?? [];
    this.r.leftovers = left.length;
    if (left.length === 0) return;
    const orphans = unaccounted(left, await this.state());
    this.r.orphans = orphans.length;
    this.r.notes.push(
      `left in the emulator after destroy: ${left.map((x) => `${x.kind} ${x.id}`).join(", ")}; ${
        orphans.length === 0
          ? "all still in Terraform's state (not orphaned)"
          : `not in Terraform's state:\n${describeUnaccounted(orphans)
              .map((l) => `      ${l}`)
              .join("\n")}`
      }`,
    );
  }

  private verdict(applied: boolean): void {
    const r = this.r;
    const faulty = this.ctx.opts.faultRate > 0 || this.ctx.opts.faults.length > 0;
    // a second destroy is only an excuse under injected faults; without them the first must work
    r.passed =
      applied &&
      r.replan === "no changes" &&
      r.reapply === "no-op" &&
      (r.unaccounted ?? 0) === 0 &&
      this.destroyOk &&
      (this.firstDestroyOk || faulty) &&
      r.leftovers === 0;
    const plant = this.job.plant;
    if (!plant) return;
    // a planted defect must make the run fail, named in the report, and still leave nothing behind
    const caught = this.planted && !r.passed && plant.expect.test(r.notes.join("\n")) && r.leftovers === 0;
    r.notes.push(
      this.planted
        ? `planted "${plant.name}" (${plant.why}): ${caught ? "caught" : "MISSED"}`
        : `planted "${plant.name}": nothing to plant into in this stack`,
    );
    r.passed = caught;
    r.planted = caught ? "caught" : "MISSED";
  }
}

function newResult(stack: string, log: string, plant?: string): StackResult {
  return {
    stack,
    log,
    initS: 0,
    applyS: 0,
    replanS: 0,
    replan: "-",
    reapply: "-",
    destroyS: 0,
    totalS: 0,
    leftovers: 0,
    apiCalls: 0,
    injected: 0,
    errors: 0,
    emulatorS: 0,
    notes: [],
    passed: false,
    ...(plant ? { plant } : {}),
  };
}
