/**
 * Runs the emulator:
 *
 *   tsx emulator/src/cli.ts [--port N] [--state FILE] [--transition-ms N] [--verbose]
 *     [--fault-rate 0.1] [--fault-seed 42]
 *     [--faults commit-then-fail,busy-on-delete,slow-transition] [--fault-kind-rate 0.25]
 *     [--busy-ms 60000] [--slow-ms 30000] [--hang-ms 0]
 *
 * Prints `listening 127.0.0.1:PORT` once ready, and one line per call to stderr with
 * --verbose. Bad options: a message naming the option, its value and what is allowed, exit 2.
 * The inventory of live resources is at GET /_emulator/inventory (docs/emulator.md).
 */
import { FAULT_KINDS, type FaultKind, type FaultOptions } from "./faults";
import { Emulator } from "./server";

const VALUED = ["port", "state", "transition-ms", "fault-rate", "fault-seed", "faults", "fault-kind-rate", "busy-ms", "slow-ms", "hang-ms"];

function usage(msg: string): never {
  process.stderr.write(`${msg}\n`);
  process.exit(2);
}

function options(argv: readonly string[]): Map<string, string> {
  const o = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--verbose") continue;
    const name = a.replace(/^--/, "");
    if (!a.startsWith("--") || !VALUED.includes(name))
      usage(`unknown option "${a}"; allowed: ${VALUED.map((x) => `--${x}`).join(", ")}, --verbose`);
    const v = argv[++i];
    if (v === undefined) usage(`${a} needs a value`);
    o.set(name, v);
  }
  return o;
}

function num(o: Map<string, string>, name: string, fallback: number, min: number, max: number): number {
  const raw = o.get(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) usage(`--${name} = "${raw}": allowed: a number from ${min} to ${max}`);
  return v;
}

function kinds(raw: string | undefined): FaultKind[] {
  if (raw === undefined) return [];
  return raw
    .split(",")
    .map((k) => FAULT_KINDS.find((x) => x === k) ?? usage(`--faults "${k}": allowed: ${FAULT_KINDS.join(", ")} (comma-separated)`));
}

/** The fault options the command line asks for, or undefined when it asks for none. */
export function faultOptions(o: Map<string, string>): FaultOptions | undefined {
  const rate = num(o, "fault-rate", 0, 0, 1);
  const ks = kinds(o.get("faults"));
  if (rate <= 0 && ks.length === 0) return undefined;
  return {
    rate,
    seed: num(o, "fault-seed", 1, 0, 2 ** 32),
    kinds: ks,
    kindRate: num(o, "fault-kind-rate", 0.25, 0, 1),
    busyMs: num(o, "busy-ms", 60_000, 0, 3_600_000),
    slowMs: num(o, "slow-ms", 30_000, 0, 3_600_000),
    hangMs: num(o, "hang-ms", 0, 0, 3_600_000),
  };
}

async function main(): Promise<void> {
  const verbose = process.argv.includes("--verbose");
  const o = options(process.argv.slice(2));
  const emu = new Emulator({
    stateFile: o.get("state"),
    transitionMs: num(o, "transition-ms", 1000, 0, 600_000),
    faults: faultOptions(o),
    onCall: verbose
      ? (c) => process.stderr.write(`${c.product} ${c.action} ${c.status} ${c.code}${c.fault ? ` (injected: ${c.fault})` : ""}\n`)
      : undefined,
  });
  const port = await emu.listen(num(o, "port", 0, 0, 65535));
  process.stdout.write(`listening 127.0.0.1:${port}\n`);
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (require.main === module) void main();
