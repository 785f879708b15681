/**
 * Runs the emulator: `tsx emulator/src/cli.ts [--port N] [--state FILE] [--transition-ms N]
 * [--fault-rate 0.1] [--fault-seed 42]`. Prints `listening 127.0.0.1:PORT` once ready, and
 * one line per call to stderr with --verbose.
 */
import { Emulator } from "./server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function num(name: string, fallback: number, min: number, max: number): number {
  const raw = arg(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) {
    process.stderr.write(`--${name} = "${raw}": allowed: a number from ${min} to ${max}\n`);
    process.exit(2);
  }
  return v;
}

async function main(): Promise<void> {
  const verbose = process.argv.includes("--verbose");
  const rate = num("fault-rate", 0, 0, 1);
  const emu = new Emulator({
    stateFile: arg("state"),
    transitionMs: num("transition-ms", 1000, 0, 600_000),
    faults: rate > 0 ? { rate, seed: num("fault-seed", 1, 0, 2 ** 32) } : undefined,
    onCall: verbose
      ? (c) => process.stderr.write(`${c.product} ${c.action} ${c.status} ${c.code}${c.injected ? " (injected)" : ""}\n`)
      : undefined,
  });
  const port = await emu.listen(num("port", 0, 0, 65535));
  process.stdout.write(`listening 127.0.0.1:${port}\n`);
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
