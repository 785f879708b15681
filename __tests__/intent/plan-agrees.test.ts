/**
 * Two derivations of who reaches whom, made independently: the topology's promise (from
 * the declared links, lib/topology/intent.ts) and the route planner's own view (the
 * pairs its chosen next hops lead to). Over the seeds, their variants and examples/,
 * they agree on every pair the promise checks; where they differ, one of them is wrong.
 */
import { readdirSync } from "fs";
import { join } from "path";
import { loadTopologyFile, planRoutes, Topology } from "../../lib/topology";
import { topologyIntent } from "../../lib/topology/intent";
import { seedTopologies } from "../fixtures/seeds";

function planned(t: Topology): Set<string> {
  return new Set([...planRoutes(t).reaches].flatMap(([a, bs]) => [...bs].map((b) => `${a}->${b}`)));
}

const idc = seedTopologies()["idc-leased-line"];
const cases: [string, Topology][] = [
  ...Object.entries(seedTopologies()),
  ["multinational-hub over peering", seedTopologies("peering")["multinational-hub"]],
  ["idc-leased-line allowing VPC transit", { ...idc, idcs: idc.idcs!.map((d) => ({ ...d, allowVpcTransit: true })) }],
  ["idc-leased-line with static routing", { ...idc, idcs: idc.idcs!.map(({ bgp: _bgp, ...d }) => d) }],
  ...readdirSync(join(__dirname, "../../examples"))
    .filter((f) => f.endsWith(".json"))
    .map((f): [string, Topology] => [`examples/${f}`, loadTopologyFile(join(__dirname, "../../examples", f))]),
];

describe("the planner and the promise agree", () => {
  it.each(cases)("%s", (_name, t) => {
    const intent = topologyIntent(t);
    const plan = planned(t);
    const disagree = [...intent.pairs()]
      .filter(([a, b, e]) => plan.has(`${a}->${b}`) !== (e === "reach"))
      .map(([a, b, e]) => `${a}->${b} promised ${e}`);
    expect(disagree).toEqual([]);
  });
});
