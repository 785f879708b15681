/**
 * `npm run e2e [cdktf.out dir] [options]`: for every synthesized stack, against the local
 * emulator: terraform init (the project's provider mirror), apply, plan -detailed-exitcode
 * (must be empty), a second apply (must change nothing), destroy, then the emulator must
 * hold nothing. Prints a table and ends with `N passed, N failed`.
 *
 * Options:
 *   --stacks a,b          only stacks whose directory name contains one of these
 *   --fault-rate 0.1      share of API calls that fail with an injected retryable error
 *   --fault-seed 7        the PRNG seed for the faults (default 1)
 *   --transition-ms 300   how long asynchronous states stay Pending (default 300)
 *   --restart-after 40    restart the emulator (state kept on disk) after this many apply calls
 *   --json FILE           also write the results as JSON
 *   --real-account        run against Alibaba Cloud itself (needs real credentials in
 *                         ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET); refused without this flag
 * Default input: a fresh synth of every stack, plus the hub with its peering interconnect.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Emulator } from "../src/server";
import { describeDrift } from "./drift";
import { accountUid } from "../src/server";
import { seedPhysicalConnection } from "../src/products/express";
import { dummyKeyId, overrideFor, type ProviderBlock } from "./override";
import { plantByName } from "./plant";

const ROOT = path.resolve(__dirname, "..", "..");

export interface Options {
  readonly input?: string;
  readonly stacks?: string[];
  readonly faultRate: number;
  readonly faultSeed: number;
  readonly transitionMs: number;
  readonly restartAfter?: number;
  readonly json?: string;
  readonly realAccount: boolean;
  /** a known apply-time trap to plant back (plant.ts); the run must then fail, naming it */
  readonly plant?: string;
}

export interface StackResult {
  readonly stack: string;
  initS: number;
  applyS: number;
  replanS: number;
  replan: string;
  reapply: string;
  destroyS: number;
  leftovers: number;
  /** leftovers that Terraform's state no longer tracks */
  orphans?: number;
  apiCalls: number;
  injected: number;
  errors: number;
  /** time the emulator itself spent answering, s (the rest is terraform, the provider and its waits) */
  emulatorS: number;
  readonly notes: string[];
  passed: boolean;
  /** with --plant: whether the planted finding was caught */
  planted?: "caught" | "MISSED";
}

/** Bad usage or a missing prerequisite: main prints it and exits 2, before anything runs. */
export class UsageError extends Error {}

function fail(msg: string): never {
  throw new UsageError(msg);
}

function plantName(name: string): string {
  try {
    return plantByName(name).name;
  } catch (e) {
    return fail((e as Error).message);
  }
}

/** `--real-account` needs real credentials; without the flag nothing real is used at all. */
export function checkRealAccount(opts: Options, env: NodeJS.ProcessEnv): void {
  if (!opts.realAccount) return;
  if (!env.ALIBABA_CLOUD_ACCESS_KEY_ID || !env.ALIBABA_CLOUD_ACCESS_KEY_SECRET)
    fail("--real-account needs ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment");
  if (opts.faultRate > 0 || opts.restartAfter !== undefined || opts.plant !== undefined)
    fail("--fault-rate, --restart-after and --plant are emulator features; not allowed with --real-account");
}

export function parseArgs(argv: readonly string[]): Options {
  let input: string | undefined;
  const o: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--real-account") o.realAccount = true;
    else if (a.startsWith("--")) {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      o[a.slice(2)] = v;
    } else if (input === undefined) input = a;
    else fail(`unexpected argument "${a}"; allowed: one cdktf.out directory and --options`);
  }
  const known = new Set(["stacks", "fault-rate", "fault-seed", "transition-ms", "restart-after", "json", "plant", "realAccount"]);
  for (const k of Object.keys(o))
    if (!known.has(k))
      fail(
        `unknown option --${k}; allowed: ${[...known]
          .filter((x) => x !== "realAccount")
          .map((x) => "--" + x)
          .join(", ")}, --real-account`,
      );
  const num = (k: string, d: number, min: number, max: number): number => {
    if (o[k] === undefined) return d;
    const v = Number(o[k]);
    if (!Number.isFinite(v) || v < min || v > max) fail(`--${k} = "${String(o[k])}": allowed: a number from ${min} to ${max}`);
    return v;
  };
  return {
    input,
    stacks: typeof o.stacks === "string" ? o.stacks.split(",") : undefined,
    faultRate: num("fault-rate", 0, 0, 0.5),
    faultSeed: num("fault-seed", 1, 0, 2 ** 32),
    transitionMs: num("transition-ms", 300, 0, 600_000),
    restartAfter: o["restart-after"] === undefined ? undefined : num("restart-after", 0, 1, 1e6),
    json: typeof o.json === "string" ? o.json : undefined,
    realAccount: o.realAccount === true,
    plant: typeof o.plant === "string" ? plantName(o.plant) : undefined,
  };
}

/** Terraform and its CLI config as tools/provider/common.sh resolves them (the project's provider mirror). */
function terraformSetup(): { tf: string; rc: string } {
  const cache = process.env.ALICLOUD_CDKTF_CACHE ?? path.join(os.homedir(), ".cache", "alicloud-cdktf");
  const rc = path.join(cache, "terraformrc");
  if (!fs.existsSync(rc)) fail(`${rc} does not exist: build the provider mirror first (npm run provider:build)`);
  const which = spawnSync("bash", ["-c", `source "${ROOT}/tools/provider/common.sh" && resolve_terraform && echo "$TF"`], {
    encoding: "utf8",
  });
  const tf = which.stdout.trim().split("\n").pop() ?? "";
  if (which.status !== 0 || !tf) fail(`no terraform found: ${which.stderr}`);
  return { tf, rc };
}

/**
 * A throw-away certificate for 127.0.0.1, for the calls the provider makes over HTTPS
 * whatever its `protocol` (see Emulator.listen). Terraform and the provider trust it through
 * SSL_CERT_FILE (Go reads it for its root pool on Linux), in this run only.
 */
function loopbackCertificate(dir: string): { key: Buffer; cert: Buffer; file: string } {
  fs.mkdirSync(dir, { recursive: true });
  const key = path.join(dir, "emulator-key.pem");
  const cert = path.join(dir, "emulator-cert.pem");
  const r = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "2",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0)
    fail(`openssl could not make the emulator's loopback certificate (apt-get install openssl): ${r.stderr || String(r.error)}`);
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), file: cert };
}

/** A fresh synth of every stack, plus the hub with HUB_INTERCONNECT=peering, into `dir`. */
function synthAll(dir: string): string[] {
  fs.rmSync(dir, { recursive: true, force: true });
  const run = (env: Record<string, string>, out: string) => {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "synth.js")], {
      cwd: ROOT,
      env: { ...process.env, ...env, CDKTF_OUTDIR: out },
      encoding: "utf8",
    });
    if (r.status !== 0) fail(`synth failed (${JSON.stringify(env)}):\n${r.stderr}`);
  };
  run({}, path.join(dir, "default"));
  run({ HUB_INTERCONNECT: "peering" }, path.join(dir, "hub-peering"));
  const stacks = (sub: string) => fs.readdirSync(path.join(dir, sub, "stacks")).map((s) => path.join(dir, sub, "stacks", s));
  return [...stacks("default"), ...stacks("hub-peering").filter((s) => path.basename(s).startsWith("multinational-hub"))];
}

function stackDirs(input: string): string[] {
  const stacks = path.join(input, "stacks");
  if (!fs.existsSync(stacks)) fail(`${input}: no stacks/ directory; allowed: a cdktf synth output directory (cdktf.out)`);
  return fs
    .readdirSync(stacks)
    .map((s) => path.join(stacks, s))
    .filter((d) => fs.existsSync(path.join(d, "cdk.tf.json")));
}

interface Exec {
  code: number;
  out: string;
}

function exec(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, log: string): Promise<Exec> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (out += d.toString()));
    p.on("close", (code) => {
      fs.appendFileSync(log, `\n$ ${cmd} ${args.join(" ")}\n${out}`);
      resolve({ code: code ?? 1, out });
    });
  });
}

/**
 * What must exist before the stack: the leased line (physical connection) a VBR names by a
 * literal ID is ordered from Alibaba Cloud, not created by Terraform. Its access point is the
 * one the stack's router interfaces name (opposite_access_point_id), else a placeholder.
 */
export function fixturesFor(config: {
  provider?: { alicloud?: ProviderBlock[] };
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}): { id: string; owner: string; region: string; accessPointId: string }[] {
  const providers = config.provider?.alicloud ?? [];
  const ap = Object.values(config.resource?.alicloud_express_connect_router_interface ?? {})
    .map((r) => r.opposite_access_point_id)
    .find((x) => typeof x === "string" && !x.includes("${"));
  return Object.values(config.resource?.alicloud_express_connect_virtual_border_router ?? {}).flatMap((vbr) => {
    const id = vbr.physical_connection_id;
    if (typeof id !== "string" || id.includes("${")) return [];
    const alias = typeof vbr.provider === "string" ? vbr.provider.replace(/^alicloud\./, "") : undefined;
    const p = providers.find((x) => x.alias === alias) ?? providers[0] ?? {};
    return [
      { id, owner: accountUid(dummyKeyId(p)), region: p.region ?? "", accessPointId: typeof ap === "string" ? ap : "ap-emulator-fixture" },
    ];
  });
}

/** Overrides that lift deletion protection and prevent_destroy, or undefined when nothing is protected. */
export function teardownOverride(config: {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}): { override: Record<string, unknown>; addresses: string[] } | undefined {
  const resource: Record<string, Record<string, Record<string, unknown>>> = {};
  const addresses: string[] = [];
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const lifecycle = body.lifecycle as { prevent_destroy?: boolean } | undefined;
      const patch: Record<string, unknown> = {};
      if (body.deletion_protection === true) patch.deletion_protection = false;
      if (lifecycle?.prevent_destroy === true) patch.lifecycle = { prevent_destroy: false };
      if (Object.keys(patch).length === 0) continue;
      (resource[type] ??= {})[name] = patch;
      addresses.push(`${type}.${name}`);
    }
  }
  return addresses.length > 0 ? { override: { resource }, addresses } : undefined;
}

function label(dir: string): string {
  const name = path.basename(dir);
  return dir.includes(`${path.sep}hub-peering${path.sep}`) ? `${name} (peering)` : name;
}

/** The errors of a terraform run (from its first "Error:"), else its last lines. */
function tail(s: string, n = 14): string {
  const lines = s
    .trim()
    .split("\n")
    .filter((l) => l.trim());
  const first = lines.findIndex((l) => /Error:/.test(l));
  return (first >= 0 ? lines.slice(first, first + n) : lines.slice(-n)).map((l) => `      ${l}`).join("\n");
}

type Certificate = ReturnType<typeof loopbackCertificate>;

async function runStack(
  src: string,
  opts: Options,
  tf: { tf: string; rc: string },
  workRoot: string,
  cert?: Certificate,
): Promise<StackResult> {
  const name = label(src);
  const work = path.join(workRoot, name.replace(/[^\w.-]+/g, "_"));
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const config = JSON.parse(fs.readFileSync(path.join(src, "cdk.tf.json"), "utf8")) as {
    provider?: { alicloud?: ProviderBlock[] };
    variable?: Record<string, { default?: unknown }>;
    resource?: Record<string, Record<string, Record<string, unknown>>>;
  };
  const plant = opts.plant ? plantByName(opts.plant) : undefined;
  const planted = plant ? plant.apply(config) : false;
  fs.writeFileSync(path.join(work, "cdk.tf.json"), JSON.stringify(config, null, 2));
  const log = path.join(work, "e2e.log");
  const r: StackResult = {
    stack: name,
    initS: 0,
    replanS: 0,
    applyS: 0,
    replan: "-",
    reapply: "-",
    destroyS: 0,
    leftovers: 0,
    apiCalls: 0,
    injected: 0,
    errors: 0,
    emulatorS: 0,
    notes: [],
    passed: false,
  };

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: tf.rc,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
  };
  // secret variables get dummy values; nothing real reaches a file
  for (const [k, v] of Object.entries(config.variable ?? {})) if (!("default" in v)) env[`TF_VAR_${k}`] = `e2e-dummy-${k}`;

  let emu: Emulator | undefined;
  let port = 0;
  const stateFile = path.join(work, "emulator-state.json");
  const startEmulator = async (p: number) => {
    emu = new Emulator({
      stateFile,
      transitionMs: opts.transitionMs,
      faults: opts.faultRate > 0 ? { rate: opts.faultRate, seed: opts.faultSeed } : undefined,
      onCall: (c) =>
        fs.appendFileSync(
          path.join(work, "api-calls.log"),
          `${new Date().toISOString()} ${c.product} ${c.action} ${c.status} ${c.code}${c.injected ? " injected" : ""}${c.proxiedFor ? ` (sent to ${c.proxiedFor})` : ""}\n`,
        ),
    });
    return emu.listen(p, "127.0.0.1", cert ? { key: cert.key, cert: cert.cert } : undefined);
  };
  const calls: { n: number; injected: number; errors: number; ms: number; proxied: Map<string, number> } = {
    n: 0,
    injected: 0,
    errors: 0,
    ms: 0,
    proxied: new Map(),
  };
  const collect = () => {
    if (!emu) return;
    calls.n += emu.calls.length;
    calls.injected += emu.calls.filter((c) => c.injected).length;
    calls.errors += emu.calls.filter((c) => c.status >= 400 && !c.injected).length;
    calls.ms += emu.calls.reduce((a, c) => a + (c.ms ?? 0), 0);
    for (const c of emu.calls)
      if (c.proxiedFor) calls.proxied.set(`${c.proxiedFor} ${c.action}`, (calls.proxied.get(`${c.proxiedFor} ${c.action}`) ?? 0) + 1);
    emu.calls.length = 0;
  };

  if (!opts.realAccount) {
    for (const k of Object.keys(env)) if (k.startsWith("ALIBABA_CLOUD_") || k.startsWith("ALICLOUD_")) delete env[k];
    if (cert) env.SSL_CERT_FILE = cert.file;
    port = await startEmulator(0);
    if (emu) for (const f of fixturesFor(config)) seedPhysicalConnection(emu.store, f.owner, f.region, f.id, f.accessPointId);
    emu?.store.save();
    fs.writeFileSync(
      path.join(work, "zz_emulator_override.tf.json"),
      JSON.stringify(overrideFor(config.provider?.alicloud ?? [], port), null, 2),
    );
    // The emulator is also the provider's HTTP proxy: a call sent to a default public endpoint
    // (the provider ignores `endpoints` for some cross-region lookups) reaches the emulator
    // instead of the internet, and HTTPS tunnels are refused, so nothing leaves the machine.
    Object.assign(env, {
      HTTP_PROXY: `http://127.0.0.1:${port}`,
      HTTPS_PROXY: `http://127.0.0.1:${port}`,
      NO_PROXY: "127.0.0.1,localhost",
    });
    for (const k of ["http_proxy", "https_proxy", "no_proxy"]) delete env[k];
  }
  const t = (args: string[]) => exec(tf.tf, [...args, "-no-color"], work, env, log);

  try {
    const tInit = Date.now();
    const init = await t(["init", "-input=false"]);
    r.initS = (Date.now() - tInit) / 1000;
    if (init.code !== 0) {
      r.notes.push(`init failed:\n${tail(init.out)}`);
      return r;
    }
    let restartTimer: NodeJS.Timeout | undefined;
    if (opts.restartAfter !== undefined && emu) {
      const after = opts.restartAfter;
      restartTimer = setInterval(() => {
        if (!emu || emu.calls.length < after) return;
        clearInterval(restartTimer);
        const old = emu;
        collect();
        void old
          .close()
          .then(() => startEmulator(port))
          .then(() => r.notes.push(`emulator restarted after ${after} apply calls (state from disk)`));
      }, 50);
    }
    let t0 = Date.now();
    let apply = await t(["apply", "-auto-approve", "-input=false"]);
    if (restartTimer) clearInterval(restartTimer);
    // under injected faults or a restart, a failed apply is run again (up to 3 in all), as a
    // user would: the run then tells whether the stack converges and what the provider did not retry
    const tries = opts.faultRate > 0 || opts.restartAfter !== undefined ? 3 : 1;
    for (let i = 2; apply.code !== 0 && i <= tries; i++) {
      r.notes.push(`apply ${i - 1} failed (injected faults / restart):\n${tail(apply.out, 6)}`);
      apply = await t(["apply", "-auto-approve", "-input=false"]);
      r.notes.push(apply.code === 0 ? `apply ${i} converged` : `apply ${i} failed too`);
    }
    r.applyS = (Date.now() - t0) / 1000;
    if (apply.code !== 0) {
      r.notes.push(`apply failed:\n${tail(apply.out)}`);
    } else {
      const tPlan = Date.now();
      const plan = await t(["plan", "-detailed-exitcode", "-input=false", "-out=replan.tfplan"]);
      r.replanS = (Date.now() - tPlan) / 1000;
      if (plan.code === 0) r.replan = "no changes";
      else if (plan.code === 2) {
        r.replan = "DRIFT";
        const shown = await t(["show", "-json", "replan.tfplan"]);
        const lines = describeDrift(JSON.parse(shown.out.slice(shown.out.indexOf("{"))) as Parameters<typeof describeDrift>[0]);
        r.notes.push(`re-plan is not empty:\n${lines.map((l) => `      ${l}`).join("\n")}`);
      } else {
        r.replan = "ERROR";
        r.notes.push(`re-plan failed:\n${tail(plan.out)}`);
      }
      const again = await t(["apply", "-auto-approve", "-input=false"]);
      const m = /(\d+) added, (\d+) changed, (\d+) destroyed/.exec(again.out);
      if (again.code !== 0) {
        r.reapply = "ERROR";
        r.notes.push(`second apply failed:\n${tail(again.out)}`);
      } else r.reapply = m && m.slice(1).every((x) => x === "0") ? "no-op" : m ? `+${m[1]} ~${m[2]} -${m[3]}` : "no-op";
    }
    // A protected resource (lifecycle.prevent_destroy, deletion_protection) is torn down the
    // way a user would: an override lifts the protection, an apply turns it off, then destroy.
    const teardown = teardownOverride(config);
    if (teardown) {
      fs.writeFileSync(path.join(work, "zz_teardown_override.tf.json"), JSON.stringify(teardown.override, null, 2));
      // only the protected resources: the rest of the stack may be half-applied
      const lift = await t(["apply", "-auto-approve", "-input=false", ...teardown.addresses.map((a) => `-target=${a}`)]);
      r.notes.push(
        `teardown lifted protection on ${teardown.addresses.join(", ")}${lift.code === 0 ? "" : ` but that apply failed:\n${tail(lift.out)}`}`,
      );
    }
    t0 = Date.now();
    let destroy = await t(["destroy", "-auto-approve", "-input=false"]);
    const firstDestroyOk = destroy.code === 0;
    // what a user does next: run destroy again (the state still tracks what is left)
    for (let i = 2; destroy.code !== 0 && i <= Math.max(2, tries); i++) {
      r.notes.push(`destroy ${i - 1} failed:\n${tail(destroy.out, 6)}`);
      destroy = await t(["destroy", "-auto-approve", "-input=false"]);
      r.notes.push(destroy.code === 0 ? `destroy ${i} completed` : `destroy ${i} failed too`);
    }
    r.destroyS = (Date.now() - t0) / 1000;
    if (emu) {
      const left = emu.store.all().filter((x) => x.attrs.Fixture !== true);
      r.leftovers = left.length;
      if (left.length > 0) {
        // orphaned = in the cloud but no longer in Terraform's state (a real leak); the rest a
        // further destroy would remove
        const shown = await t(["show", "-json"]);
        const inState = new Set<string>();
        try {
          const j = JSON.parse(shown.out.slice(shown.out.indexOf("{"))) as {
            values?: { root_module?: { resources?: { values?: { id?: string } }[] } };
          };
          for (const res of j.values?.root_module?.resources ?? [])
            for (const part of String(res.values?.id ?? "").split(":")) inState.add(part);
        } catch {
          /* no state left */
        }
        const orphans = left.filter((x) => !inState.has(x.id) && !["routeTable", "routeEntry"].includes(x.kind));
        r.orphans = orphans.length;
        r.notes.push(
          `left in the emulator after destroy: ${left.map((x) => `${x.kind} ${x.id}`).join(", ")}; ${orphans.length === 0 ? "all still in Terraform's state (not orphaned)" : `ORPHANED (not in state): ${orphans.map((x) => `${x.kind} ${x.id}`).join(", ")}`}`,
        );
      }
    }
    // a second destroy is only an excuse under injected faults; without them the first must work
    r.passed =
      apply.code === 0 &&
      r.replan === "no changes" &&
      r.reapply === "no-op" &&
      destroy.code === 0 &&
      (firstDestroyOk || opts.faultRate > 0) &&
      r.leftovers === 0;
    if (plant) {
      // a planted finding must make the run fail, with the finding named in the report, and
      // still leave nothing behind
      const caught = planted && !r.passed && plant.expect.test(r.notes.join("\n")) && r.leftovers === 0;
      r.notes.push(
        planted
          ? `planted "${plant.name}" (${plant.finding}): ${caught ? "caught" : "MISSED"}`
          : `planted "${plant.name}": nothing to plant into in this stack`,
      );
      r.passed = caught;
      r.planted = caught ? "caught" : "MISSED";
    }
    return r;
  } finally {
    collect();
    r.apiCalls = calls.n;
    r.emulatorS = calls.ms / 1000;
    if (calls.proxied.size > 0)
      r.notes.push(
        `calls the provider sent to a default public endpoint, ignoring \`endpoints\` (caught by the emulator as HTTP proxy): ${[...calls.proxied].map(([k, n]) => `${k} x${n}`).join(", ")}`,
      );
    r.injected = calls.injected;
    r.errors = calls.errors;
    if (emu) await emu.close();
  }
}

export function table(results: readonly StackResult[]): string {
  const head = ["STACK", "APPLY s", "RE-PLAN", "RE-APPLY", "DESTROY s", "LEFTOVERS", "API CALLS", "FAULTS", "RESULT"];
  const rows = results.map((r) => [
    r.stack,
    r.applyS.toFixed(1),
    r.replan,
    r.reapply,
    r.destroyS.toFixed(1),
    String(r.leftovers),
    String(r.apiCalls),
    String(r.injected),
    r.planted ?? (r.passed ? "pass" : "FAIL"),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  return [head, ...rows].map((row) => row.map((c, i) => (i === 0 ? c.padEnd(w[i] ?? 0) : c.padStart(w[i] ?? 0))).join("  ")).join("\n");
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  checkRealAccount(opts, process.env);
  if (opts.realAccount) {
    process.stderr.write(
      "e2e: --real-account: creating and destroying real resources on Alibaba Cloud (they cost money while they exist)\n",
    );
  }
  const tf = terraformSetup();
  const workRoot = path.join(ROOT, "e2e.out");
  let dirs = opts.input ? stackDirs(path.resolve(opts.input)) : synthAll(path.join(workRoot, "synth"));
  if (opts.stacks) dirs = dirs.filter((d) => opts.stacks?.some((s) => label(d).includes(s)));
  if (opts.plant) {
    const plant = plantByName(opts.plant);
    // only the stacks the finding can be planted into
    dirs = dirs.filter((d) =>
      plant.apply(JSON.parse(fs.readFileSync(path.join(d, "cdk.tf.json"), "utf8")) as Parameters<typeof plant.apply>[0]),
    );
  }
  if (dirs.length === 0) fail("no stacks selected");
  // a certificate of this run's own (a concurrent run must not swap it under this one's emulator)
  fs.mkdirSync(workRoot, { recursive: true });
  const cert = opts.realAccount ? undefined : loopbackCertificate(fs.mkdtempSync(path.join(workRoot, "tls-")));
  const started = Date.now();
  const results: StackResult[] = [];
  // this process is the emulator (the driver around it only waits on terraform): its peak RSS
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  for (const d of dirs) {
    process.stderr.write(`e2e: ${label(d)} ...\n`);
    const r = await runStack(d, opts, tf, path.join(workRoot, "work"), cert);
    results.push(r);
    process.stderr.write(`e2e: ${label(d)}: ${r.passed ? "pass" : "FAIL"} (${r.apiCalls} API calls)\n`);
  }
  const total = (Date.now() - started) / 1000;
  clearInterval(sampler);
  process.stdout.write(`${table(results)}\n`);
  for (const r of results) for (const n of r.notes) process.stdout.write(`\n${r.stack}: ${n}\n`);
  process.stdout.write(
    `\nwhole run ${total.toFixed(1)} s, ${results.reduce((a, r) => a + r.apiCalls, 0)} API calls${opts.faultRate > 0 ? `, ${results.reduce((a, r) => a + r.injected, 0)} injected faults (rate ${opts.faultRate}, seed ${opts.faultSeed})` : ""}; logs in ${path.relative(ROOT, path.join(workRoot, "work"))}/<stack>/e2e.log\n`,
  );
  process.stdout.write(
    `emulator process peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB; time the emulator spent answering ${results.reduce((a, r) => a + r.emulatorS, 0).toFixed(2)} s\n`,
  );
  if (cert) fs.rmSync(path.dirname(cert.file), { recursive: true, force: true });
  if (opts.json)
    fs.writeFileSync(opts.json, JSON.stringify({ totalS: total, peakRssMiB: peakRss / 2 ** 20, options: opts, results }, null, 2));
  const passed = results.filter((r) => r.passed).length;
  process.stdout.write(`${passed} passed, ${results.length - passed} failed\n`);
  process.exit(passed === results.length ? 0 : 1);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`e2e: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  });
}
