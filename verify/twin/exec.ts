/**
 * Commands for the packet twin's runner: synchronous and asynchronous, each bounded in
 * time, and the small waiting helpers. Nothing here knows about the plan.
 */
import { execFile, spawnSync } from "child_process";

export function run(
  cmd: string,
  args: readonly string[],
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; allowFail?: boolean } = {},
): { code: number; out: string } {
  const r = spawnSync(cmd, args as string[], { encoding: "utf8", timeout: opts.timeoutMs ?? 15000, env: opts.env ?? process.env });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  const code = r.status ?? (r.signal ? 124 : 1);
  if (code !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(" ")} failed (${code}): ${out.trim()}`);
  return { code, out };
}
export const inNs = (ns: string, cmd: string, args: readonly string[], opts?: Parameters<typeof run>[2]) =>
  run("ip", ["netns", "exec", ns, cmd, ...args], opts);
export function runAsync(cmd: string, args: readonly string[], timeoutMs: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args as string[], { timeout: timeoutMs, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err
        ? typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === "number"
          ? Number((err as { code: number }).code)
          : 124
        : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}
export async function pool<T, R>(items: readonly T[], n: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]!);
      }
    }),
  );
  return out;
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const now = () => performance.now() / 1000;

export async function waitFor(ok: () => boolean, seconds: number, what: string): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (ok()) return;
    await sleep(100);
  }
  throw new Error(`${what} within ${seconds} s`);
}
