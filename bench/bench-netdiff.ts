/**
 * netdiff time and memory on a hub with N offices, head = base + one office (the hub is
 * built within the default quotas: bench/bench-netdiff-hub.ts), and the reachability
 * checker alone on the head. Prints the median of a few runs per size, and the quota
 * use; no target is asserted here.
 *
 *   npx tsx bench/bench-netdiff.ts              100, 1,000 and 2,000 offices
 *   npx tsx bench/bench-netdiff.ts 10 300 --runs 5
 */
import { netdiff, renderNetdiff, sitesFromStack } from "../lib/analysis/netdiff";
import { checkReachability } from "../lib/analysis/reachability";
import { benchHub, quotaUse, synthHub } from "./bench-netdiff-hub";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs = ${JSON.stringify(args[runsAt + 1])}; allowed: a positive integer`);
const sizes = args.filter((a, i) => /^\d+$/.test(a) && (runsAt < 0 || i !== runsAt + 1)).map(Number);

/** Median seconds of `runs` calls of `f`, and the last result. */
function measure<T>(f: () => T): { median: number; all: number[]; last: T } {
  const all: number[] = [];
  let last: T | undefined;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    last = f();
    all.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { median: [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)]!, all, last: last! };
}

for (const n of sizes.length > 0 ? sizes : [100, 1000, 2000]) {
  const [base, head] = [synthHub(benchHub(n)), synthHub(benchHub(n, 1))];
  const diff = measure(() => renderNetdiff(netdiff(base, head)).length);
  const stack = head.get("hub")!;
  const check = measure(() => checkReachability(stack, sitesFromStack(stack)).networks.length);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${String(n).padStart(5)} offices (+1): netdiff median ${diff.median.toFixed(2)} s of ${runs} (${diff.all.map((t) => t.toFixed(2)).join(", ")}), ` +
      `report ${diff.last} characters; checker on the head ${check.median.toFixed(2)} s (${check.last} networks); ` +
      `peak RSS ${rss.toFixed(0)} MiB; base ${quotaUse(base.get("hub")!)}`,
  );
}
