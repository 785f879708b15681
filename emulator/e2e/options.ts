/**
 * The e2e run's command line: `npm run e2e -- [cdktf.out dir] [options]`. Bad usage is a
 * UsageError naming the option, the value and what is allowed; main prints it and exits 2
 * before anything runs.
 */
import * as os from "os";
import { FIXTURE_SETS } from "./fixtures/transit-router";
import { VARIANTS } from "./variants";
import { allPlantNames } from "./plant";

/**
 * Faults that strike after the call took effect (the emulator implements them):
 * - `commit-then-fail`: a create is carried out, then answered with a 500 or not at all, so
 *   a provider that retries without an idempotency token makes a second resource;
 * - `busy-on-delete`: a resource stays busy for a while after a dependent is deleted, and its
 *   own delete answers `IncorrectStatus.*`, which the provider may take for "already gone";
 * - `slow-transition`: an asynchronous create stays pending beyond the provider's first polls.
 */
export const FAULT_KINDS = ["commit-then-fail", "busy-on-delete", "slow-transition"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Options {
  /** a cdktf synth output directory @default - a fresh synth of every stack, plus the hub with its peering interconnect */
  readonly input?: string;
  /** only stacks whose label contains one of these @default - every stack */
  readonly stacks?: string[];
  /** share of API calls that fail before taking effect with an injected retryable error */
  readonly faultRate: number;
  /** faults after the fact, each drawn by the seeded PRNG */
  readonly faults: readonly FaultKind[];
  /** the PRNG seed of every injected fault (each stack draws from its own generator with it) */
  readonly seed: number;
  readonly transitionMs: number;
  /** restart the stack's emulator state (from disk) after this many apply calls @default - never */
  readonly restartAfter?: number;
  /** also write the results as JSON to this file @default - not written */
  readonly json?: string;
  readonly realAccount: boolean;
  /** a plant name, or "all" (plant.ts); the run must then fail, naming it @default - nothing planted */
  readonly plant?: string;
  /** stacks run side by side */
  readonly jobs: number;
  /** a set of test-only stacks to run instead of a synth (fixtures/transit-router.ts) @default - none */
  readonly fixture?: string;
  /** a variant to synthesize and run instead of the default stacks: an interconnect, or example-<file> (variants.ts) @default - none */
  readonly variant?: string;
  /** a staged migration (`hybridnet migrate --out`): each stack applied stage by stage on one state @default - none */
  readonly stages?: string;
}

/** Bad usage or a missing prerequisite: main prints it and exits 2, before anything runs. */
export class UsageError extends Error {}

export function fail(msg: string): never {
  throw new UsageError(msg);
}

const VALUED = [
  "stacks",
  "fault-rate",
  "faults",
  "seed",
  "fault-seed",
  "transition-ms",
  "restart-after",
  "json",
  "plant",
  "jobs",
  "fixture",
  "variant",
  "stages",
];

function rawOptions(argv: readonly string[]): { input?: string; o: Record<string, string | boolean> } {
  let input: string | undefined;
  const o: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--real-account") o.realAccount = true;
    else if (a.startsWith("--")) {
      if (!VALUED.includes(a.slice(2))) fail(`unknown option ${a}; allowed: ${VALUED.map((x) => "--" + x).join(", ")}, --real-account`);
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      o[a.slice(2)] = v;
    } else if (input === undefined) input = a;
    else fail(`unexpected argument "${a}"; allowed: one cdktf.out directory and --options`);
  }
  return { input, o };
}

function faultKinds(v: string | boolean | undefined): FaultKind[] {
  if (typeof v !== "string") return [];
  return v.split(",").map((k) => {
    const kind = FAULT_KINDS.find((x) => x === k);
    if (!kind) fail(`--faults "${k}": allowed: ${FAULT_KINDS.join(", ")} (comma-separated)`);
    return kind;
  });
}

function plantOption(v: string | boolean | undefined): string | undefined {
  if (typeof v !== "string") return undefined;
  const names = allPlantNames();
  if (v !== "all" && !names.includes(v)) fail(`--plant "${v}": allowed: all, ${names.join(", ")}`);
  return v;
}

function fixtureOption(v: string | boolean | undefined): string | undefined {
  if (typeof v !== "string") return undefined;
  if (!Object.keys(FIXTURE_SETS).includes(v)) fail(`--fixture "${v}": allowed: ${Object.keys(FIXTURE_SETS).join(", ")}`);
  return v;
}

function variantOption(v: string | boolean | undefined): string | undefined {
  if (typeof v !== "string") return undefined;
  if (!Object.keys(VARIANTS).includes(v)) fail(`--variant "${v}": allowed: ${Object.keys(VARIANTS).join(", ")}`);
  return v;
}

export function parseArgs(argv: readonly string[]): Options {
  const { input, o } = rawOptions(argv);
  const num = (k: string, d: number, min: number, max: number): number => {
    if (o[k] === undefined) return d;
    const v = Number(o[k]);
    if (!Number.isFinite(v) || v < min || v > max) fail(`--${k} = "${String(o[k])}": allowed: a number from ${min} to ${max}`);
    return v;
  };
  if (o.seed !== undefined && o["fault-seed"] !== undefined) fail("--seed and --fault-seed name the same seed: give one");
  if ([o.fixture, o.variant, o.stages, input].filter((x) => x !== undefined).length > 1)
    fail("--fixture, --variant, --stages and a cdktf.out directory each name the stacks: give one");
  return {
    input,
    stacks: typeof o.stacks === "string" ? o.stacks.split(",") : undefined,
    faultRate: num("fault-rate", 0, 0, 0.5),
    faults: faultKinds(o.faults),
    // --fault-seed: the option's earlier name
    seed: o["fault-seed"] !== undefined ? num("fault-seed", 1, 0, 2 ** 32) : num("seed", 1, 0, 2 ** 32),
    transitionMs: num("transition-ms", 300, 0, 600_000),
    restartAfter: o["restart-after"] === undefined ? undefined : num("restart-after", 0, 1, 1e6),
    json: typeof o.json === "string" ? o.json : undefined,
    realAccount: o.realAccount === true,
    plant: plantOption(o.plant),
    jobs: Math.floor(num("jobs", defaultJobs(), 1, 64)),
    fixture: fixtureOption(o.fixture),
    variant: variantOption(o.variant),
    stages: typeof o.stages === "string" ? o.stages : undefined,
  };
}

/**
 * Two stacks per core. A stack's run is mostly waiting, not computing: the provider polls
 * each resource's state after a fixed delay (5 s, 10 s for VPN connections, 20 s for VPN
 * gateways: alicloud/resource_alicloud_vpn_gateway.go:255). With one stack per core on two
 * cores, the six stacks took 2.4 times the slowest one; the busy parts (terraform's start,
 * plan and graph walks) of twice as many stacks still fit on the cores.
 */
export function defaultJobs(cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length): number {
  return 2 * cores;
}

/** Whether any fault is injected: a failed apply is then run again, as a user would. */
export function injectsFaults(opts: Options): boolean {
  return opts.faultRate > 0 || opts.faults.length > 0 || opts.restartAfter !== undefined;
}

/** `--real-account` needs real credentials; without the flag nothing real is used at all. */
export function checkRealAccount(opts: Options, env: NodeJS.ProcessEnv): void {
  if (!opts.realAccount) return;
  if (!env.ALIBABA_CLOUD_ACCESS_KEY_ID || !env.ALIBABA_CLOUD_ACCESS_KEY_SECRET)
    fail("--real-account needs ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment");
  if (injectsFaults(opts) || opts.plant !== undefined)
    fail("--fault-rate, --faults, --restart-after and --plant are emulator features; not allowed with --real-account");
}
