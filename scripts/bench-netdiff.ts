/**
 * netdiff time and memory on a hub with N offices, head = base + one office (the hub is
 * built within the default quotas: scripts/bench-netdiff-hub.ts). Prints the median of
 * a few runs per size, and the quota use; no target is asserted here.
 *
 *   npx tsx scripts/bench-netdiff.ts              100, 1,000 and 2,000 offices
 *   npx tsx scripts/bench-netdiff.ts 10 300 --runs 5
 */
import { netdiff, renderNetdiff } from "../lib/analysis/netdiff";
import { benchHub, quotaUse, synthHub } from "./bench-netdiff-hub";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const sizes = args.filter((a, i) => /^\d+$/.test(a) && i !== runsAt + 1).map(Number);

for (const n of sizes.length > 0 ? sizes : [100, 1000, 2000]) {
  const [base, head] = [synthHub(benchHub(n)), synthHub(benchHub(n, 1))];
  const times: number[] = [];
  let chars = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    chars = renderNetdiff(netdiff(base, head)).length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${String(n).padStart(5)} offices (+1): netdiff median ${median.toFixed(2)} s of ${runs} ` +
      `(${times.map((t) => t.toFixed(2)).join(", ")}), report ${chars} characters, peak RSS ${rss.toFixed(0)} MiB; ` +
      `base ${quotaUse(base.get("hub")!)}`,
  );
}
