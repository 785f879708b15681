/**
 * What an e2e run needs around Terraform: the binary and CLI config of the project's
 * provider mirror, a loopback certificate, the synthesized stacks, and one terraform
 * command at a time per stack with its output appended to the stack's log.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fail } from "./options";
import { VARIANTS } from "./variants";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface TerraformSetup {
  readonly tf: string;
  /** the CLI config: the provider mirror and its plugin cache */
  readonly rc: string;
}

/** Terraform and its CLI config as tools/provider/common.sh resolves them (the project's provider mirror). */
export function terraformSetup(): TerraformSetup {
  const cache = process.env.ALICLOUD_CDKTF_CACHE ?? path.join(os.homedir(), ".cache", "alicloud-cdktf");
  const shared = path.join(cache, "terraformrc");
  if (!fs.existsSync(shared)) fail(`${shared} does not exist: build the provider mirror first (npm run provider:build)`);
  const rc = withoutPluginCache(shared);
  const which = spawnSync("bash", ["-c", `source "${ROOT}/tools/provider/common.sh" && resolve_terraform && echo "$TF"`], {
    encoding: "utf8",
  });
  const tf = which.stdout.trim().split("\n").pop() ?? "";
  if (which.status !== 0 || !tf) fail(`no terraform found: ${which.stderr}`);
  return { tf, rc };
}

/**
 * The project's CLI config without its plugin_cache_dir, written beside it. Each `terraform
 * init` in a fresh working directory (no lock file) installs the provider from the mirror
 * and then re-creates the cache's entry, while the stacks already initialized read the
 * provider through that entry: run side by side, an apply then found "no package ... cached
 * in .terraform/providers". Without the cache, every working directory links the
 * unpacked filesystem mirror itself, which nothing rewrites.
 */
function withoutPluginCache(shared: string): string {
  const rc = `${shared}-e2e`;
  const text = fs
    .readFileSync(shared, "utf8")
    .split("\n")
    .filter((l) => !/^\s*plugin_cache_dir\s*=/.test(l))
    .join("\n");
  if (!fs.existsSync(rc) || fs.readFileSync(rc, "utf8") !== text) fs.writeFileSync(rc, text);
  return rc;
}

export interface Certificate {
  readonly key: Buffer;
  readonly cert: Buffer;
  readonly file: string;
}

/**
 * A throw-away certificate for 127.0.0.1, for the calls the provider makes over HTTPS
 * whatever its `protocol` (see Emulator.listen). Terraform and the provider trust it through
 * SSL_CERT_FILE (Go reads it for its root pool on Linux), in this run only.
 */
export function loopbackCertificate(dir: string): Certificate {
  fs.mkdirSync(dir, { recursive: true });
  const key = path.join(dir, "emulator-key.pem");
  const cert = path.join(dir, "emulator-cert.pem");
  const args = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2"];
  const r = spawnSync("openssl", [...args, "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { encoding: "utf8" });
  if (r.status !== 0)
    fail(`openssl could not make the emulator's loopback certificate (apt-get install openssl): ${r.stderr || String(r.error)}`);
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), file: cert };
}

/** A fresh synth of every stack, plus the hub with HUB_INTERCONNECT=peering, into `dir`. */
export function synthAll(dir: string): string[] {
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

/** A fresh synth of one variant into `<dir>/<variant>`, keeping the stacks it changes. */
export function synthVariant(dir: string, variant: string): string[] {
  const v = VARIANTS[variant];
  if (!v) fail(`--variant "${variant}": allowed: ${Object.keys(VARIANTS).join(", ")}`);
  const out = path.join(dir, variant);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "synth.js")], {
    cwd: ROOT,
    env: { ...process.env, ...v.env, CDKTF_OUTDIR: out },
    encoding: "utf8",
  });
  if (r.status !== 0 || !fs.existsSync(path.join(out, "stacks")))
    fail(`synth of the ${variant} variant failed (${JSON.stringify(v.env)}):\n${r.stderr}${r.stdout}`);
  return stackDirs(out).filter((d) => v.stacks.test(path.basename(d)));
}

export function stackDirs(input: string): string[] {
  const stacks = path.join(input, "stacks");
  if (!fs.existsSync(stacks)) fail(`${input}: no stacks/ directory; allowed: a cdktf synth output directory (cdktf.out)`);
  return fs
    .readdirSync(stacks)
    .map((s) => path.join(stacks, s))
    .filter((d) => fs.existsSync(path.join(d, "cdk.tf.json")));
}

/** A stack's name in the report: its directory, marked when it is the peering variant of the hub. */
export function label(dir: string): string {
  const name = path.basename(dir);
  if (dir.includes(`${path.sep}hub-peering${path.sep}`)) return `${name} (peering)`;
  const variant = Object.keys(VARIANTS).find((v) => dir.includes(`${path.sep}synth${path.sep}${v}${path.sep}`));
  return variant ? `${name} (${variant})` : name;
}

export interface Exec {
  readonly code: number;
  readonly out: string;
}

/** Runs one command; its output goes to the stack's log (never to the console, where stacks side by side would interleave). */
export function exec(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, log: string): Promise<Exec> {
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

/** The errors of a terraform run (from its first "Error:"), else its last lines. */
export function tail(s: string, n = 14): string {
  const lines = s
    .trim()
    .split("\n")
    .filter((l) => l.trim());
  const first = lines.findIndex((l) => /Error:/.test(l));
  return (first >= 0 ? lines.slice(first, first + n) : lines.slice(-n)).map((l) => `      ${l}`).join("\n");
}

/**
 * One holder at a time. `terraform init` takes it, so that the inits of the stacks run side
 * by side do not install into shared directories at once (the e2e CLI config has no plugin
 * cache, see withoutPluginCache; the lock costs a few seconds and keeps any shared state
 * of init safe). The other phases only read the installed provider and may overlap.
 */
export class Mutex {
  private last: Promise<void> = Promise.resolve();
  async run<T>(f: () => Promise<T>): Promise<T> {
    const before = this.last;
    let release!: () => void;
    this.last = new Promise((r) => (release = r));
    await before;
    try {
      return await f();
    } finally {
      release();
    }
  }
}

/**
 * Runs `tasks` with at most `jobs` at a time; the results keep the tasks' order. With
 * `weights` (an expected cost per task), the heaviest start first: a long task started last
 * would otherwise run alone at the end while the other slots stand idle.
 */
export async function pool<T>(jobs: number, tasks: readonly (() => Promise<T>)[], weights?: readonly number[]): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  const order = tasks.map((_, i) => i);
  if (weights) order.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || a - b);
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const i = order[next++] as number;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, jobs), tasks.length) }, worker));
  return results;
}
