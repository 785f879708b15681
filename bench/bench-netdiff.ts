/**
 * netdiff time and memory on a hub with N offices (split over the two regions), head =
 * base + one office. Prints figures; no target is asserted here.
 *
 *   npx tsx bench/bench-netdiff.ts 10 100 300
 */
import { Testing } from "cdktf";
import { multinationalHub } from "../config/multinational-hub";
import { LinkSpec, OfficeSpec, Topology } from "../lib/topology";
import { netdiff, renderNetdiff, StackJson } from "../lib/topology/netdiff";
import { MultinationalHubStack } from "../stacks/multinational-hub";

function hub(n: number): Topology {
  const base = multinationalHub();
  const offices: OfficeSpec[] = [];
  const links: LinkSpec[] = base.links.filter((l) => l.kind !== "vpn");
  for (let i = 0; i < n; i++) {
    const name = `office-${i}`;
    offices.push({ name, publicIp: `203.0.113.${(i % 250) + 1}`, cidrs: [`10.${32 + Math.floor(i / 256)}.${i % 256}.0/24`] });
    links.push({ kind: "vpn", name, office: name, vpc: i % 2 === 0 ? "us-vpc" : "cn-vpc" });
  }
  return { ...base, offices, links };
}

const tree = (t: Topology) =>
  new Map([["hub", JSON.parse(Testing.synth(new MultinationalHubStack(Testing.app(), "hub", { topology: t }))) as StackJson]]);

for (const n of process.argv.slice(2).map(Number)) {
  const [base, head] = [tree(hub(n)), tree(hub(n + 1))];
  const t0 = process.hrtime.bigint();
  const md = renderNetdiff(netdiff(base, head));
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${String(n).padStart(5)} offices (+1): netdiff ${s.toFixed(2)} s, report ${md.length} characters, peak RSS ${rss.toFixed(0)} MiB`,
  );
}
