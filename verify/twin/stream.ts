/**
 * Continuous probes: one `ping` per ordered pair, one echo request every `intervalMs`,
 * running while the twin moves through its stages, each bounded by its own deadline
 * (`-w`) and stopped by its PID. `-D` stamps every line with the wall clock and `-O` says
 * when a request had no answer before the next one left, so every lost probe has a time,
 * and the time names the step it was lost in.
 */
import { ChildProcess, spawn } from "child_process";
import { sleep } from "./exec";
import { TwinPlan } from "./plan";

export interface PairStream {
  readonly from: string;
  readonly to: string;
  readonly proc: ChildProcess;
  out: string;
}
export interface PairLoss {
  readonly from: string;
  readonly to: string;
  readonly sent: number;
  /** When each request left (seconds since the epoch). */
  readonly sentAt: readonly number[];
  /** When each lost request left. */
  readonly lostAt: readonly number[];
}

/** Starts one ping per pair, from the source network's host to the destination's. */
export function startStreams(
  plan: TwinPlan,
  pairs: readonly (readonly [string, string])[],
  intervalMs: number,
  boundS: number,
): PairStream[] {
  const byName = new Map(plan.networks.map((n) => [n.name, n]));
  return pairs.map(([from, to]) => {
    const s = byName.get(from)!;
    const d = byName.get(to)!;
    const count = String(Math.ceil((boundS * 1000) / intervalMs));
    const args = ["-n", "-D", "-O", "-i", String(intervalMs / 1000), "-W", "1", "-c", count, "-I", s.ip, d.ip];
    const proc = spawn("ip", ["netns", "exec", s.ns, "ping", ...args], { stdio: ["ignore", "pipe", "ignore"] });
    const st: PairStream = { from, to, proc, out: "" };
    proc.stdout?.on("data", (b: Buffer) => {
      st.out += b.toString();
    });
    return st;
  });
}

/** Stops every ping (SIGINT, then SIGKILL after 2 s) and waits for it. */
export async function stopStreams(streams: readonly PairStream[]): Promise<void> {
  const alive = () => streams.filter((s) => s.proc.exitCode === null && s.proc.signalCode === null);
  const signal = (sig: NodeJS.Signals) => {
    for (const s of alive()) {
      try {
        process.kill(s.proc.pid!, sig);
      } catch {
        /* gone */
      }
    }
  };
  signal("SIGINT");
  const end = Date.now() + 2000;
  while (Date.now() < end && alive().length > 0) await sleep(50);
  signal("SIGKILL");
}

/**
 * Sent and lost requests from ping's output: a request counts as sent once a reply, an
 * ICMP error ("From 10.1.0.1 icmp_seq=5 Destination Net Unreachable": a router had no
 * route) or a "no answer yet" line names it (one still in flight when ping stopped counts
 * as neither), and as lost when no reply to it came at all.
 */
export function parsePing(out: string, intervalMs: number): { sent: number; sentAt: number[]; lostAt: number[] } {
  const replied = new Map<number, number>();
  const errors = new Map<number, number>();
  const noAnswer = new Map<number, number>();
  const line = /^\[(\d+\.\d+)\] (?:\d+ bytes from .*icmp_seq=(\d+)|From \S+ icmp_seq=(\d+)|no answer yet for icmp_seq=(\d+))/gm;
  for (const m of out.matchAll(line)) {
    const t = Number(m[1]);
    if (m[2] !== undefined) replied.set(Number(m[2]), t);
    else if (m[3] !== undefined)
      errors.set(Number(m[3]), t); // an error comes back at once
    else noAnswer.set(Number(m[4]), t);
  }
  // "no answer yet for N" is said as request N+1 leaves, so request N left when "no answer
  // yet for N-1" was said, or one interval before its own line; a reply on time came back
  // within the interval, so its own time stands for the request's
  const sentAt = (seq: number) =>
    errors.get(seq) ?? noAnswer.get(seq - 1) ?? (noAnswer.has(seq) ? noAnswer.get(seq)! - intervalMs / 1000 : replied.get(seq)!);
  const all = [...new Set([...replied.keys(), ...errors.keys(), ...noAnswer.keys()])];
  const byTime = (a: number, b: number) => a - b;
  return {
    sent: all.length,
    sentAt: all.map(sentAt).sort(byTime),
    lostAt: all
      .filter((seq) => !replied.has(seq))
      .map(sentAt)
      .sort(byTime),
  };
}

/** Streams that ended on their own before they were stopped: their later probes were never sent. */
export function endedEarly(streams: readonly PairStream[]): string[] {
  return streams.filter((s) => s.proc.exitCode !== null || s.proc.signalCode !== null).map((s) => `${s.from}->${s.to}`);
}

export function losses(streams: readonly PairStream[], intervalMs: number): PairLoss[] {
  return streams.map((s) => ({ from: s.from, to: s.to, ...parsePing(s.out, intervalMs) }));
}
