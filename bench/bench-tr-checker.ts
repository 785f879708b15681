/**
 * The reachability checker on transit-router meshes (bench/bench-tr-mesh.ts): R regions,
 * N offices. Prints the median of a few runs per size (sites read back and the whole
 * matrix computed), the static routes per TR table and the delivered pairs; no target
 * is asserted here.
 *
 *   npx tsx bench/bench-tr-checker.ts              2x100, 2x1000, 10x100, 10x1000
 *   npx tsx bench/bench-tr-checker.ts 4x500 --runs 5
 */
import { sitesFromStack } from "../lib/analysis/netdiff";
import { checkReachability } from "../lib/analysis/reachability";
import { trMesh } from "./bench-tr-mesh";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs = ${JSON.stringify(args[runsAt + 1])}; allowed: a positive integer`);
const sizes = args.filter((a) => /^\d+x\d+$/.test(a)).map((a) => a.split("x").map(Number) as [number, number]);

const DEFAULT_SIZES: readonly (readonly [number, number])[] = [
  [2, 100],
  [2, 1000],
  [10, 100],
  [10, 1000],
];

for (const [regions, offices] of sizes.length > 0 ? sizes : DEFAULT_SIZES) {
  const stack = trMesh(regions, offices);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    checkReachability(stack, sitesFromStack(stack));
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  // outside the timing: listing a million pairs as strings costs more than the check
  const report = checkReachability(stack, sitesFromStack(stack));
  const networks = report.networks.length;
  let delivered = 0;
  for (const a of report.networks) for (const b of report.networks) if (report.isDelivered(a, b)) delivered++;
  const perTable = Object.keys(stack.resource?.alicloud_cen_transit_router_route_entry ?? {}).length / regions;
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${String(regions).padStart(3)} regions, ${String(offices).padStart(5)} offices: checker median ${median.toFixed(2)} s of ${runs}; ` +
      `${perTable} static routes per TR table; ${delivered} of ${networks * (networks - 1)} ordered pairs delivered (internet included); peak RSS ${rss.toFixed(0)} MiB`,
  );
}
