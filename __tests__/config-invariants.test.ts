/**
 * Invariants of the user's own config/: whatever a fork puts there, in every
 * environment and with either hub interconnect, each topology validates clean, every
 * stack synthesizes with no policy error, and the independent checker finds over the
 * synthesized JSON that every declared link works both ways, that exactly the pairs the
 * plan promises are delivered (none looped), and that the internet reaches nothing.
 * Seed-specific expectations (Step 4 tables, counts) live in the stack tests, over
 * __tests__/fixtures/seeds/, never here.
 */
import { mkdtempSync, readdirSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runApp } from "../app";
import { SCENARIOS, selectTopologies } from "../config";
import { ENVIRONMENTS } from "../config/environments";
import { validateTopology } from "../lib/topology";
import { Json, reachabilityProblems } from "./invariants";
import { itPerScenario } from "./scenarios";

function synthAll(env: string, hubInterconnect: string): { code: number; log: string[]; stacks: Map<string, Json> } {
  const outdir = join(mkdtempSync(join(tmpdir(), "invariants-")), "cdktf.out");
  const log: string[] = [];
  const code = runApp({ outdir, settings: { env, hubInterconnect }, log: (m) => log.push(m) });
  const stacks = new Map<string, Json>();
  if (code === 0) {
    for (const s of readdirSync(join(outdir, "stacks"))) {
      stacks.set(s, JSON.parse(readFileSync(join(outdir, "stacks", s, "cdk.tf.json"), "utf8")) as Json);
    }
  }
  return { code, log, stacks };
}

const MATRIX = Object.keys(ENVIRONMENTS).flatMap((env) => (["router-interface", "peering"] as const).map((ic) => [env, ic] as const));

describe.each(MATRIX)("config/ in environment %s, hub interconnect %s", (env, hubInterconnect) => {
  const topologies = selectTopologies({ env, hubInterconnect });
  const run = synthAll(env, hubInterconnect);

  it("validates clean", () => {
    for (const s of SCENARIOS) expect([s, validateTopology(topologies[s]!)]).toEqual([s, []]);
  });

  it("synthesizes every stack with no policy error", () => {
    expect({ code: run.code, errors: run.log.filter((m) => !m.startsWith("WARNING")) }).toEqual({ code: 0, errors: [] });
    expect([...run.stacks.keys()].sort()).toEqual(SCENARIOS.map((s) => `${s}-${env}`).sort());
  });

  itPerScenario("every declared link works both ways, exactly the planned pairs are delivered, none loops", (s) => {
    const t = topologies[s]!;
    const tf = run.stacks.get(`${s}-${env}`)!;
    // GIVEN the links the topology declares, THEN each works both ways, the independent checker
    // finds over the JSON exactly the pairs the plan promised, none loops, the internet reaches nothing
    expect(reachabilityProblems(tf, t)).toEqual({
      linksNotWorking: [],
      notAsPlanned: { missing: [], extra: [] },
      looped: [],
      fromInternet: [],
    });
  });
  // no secrets: __tests__/secrets-scan.test.ts scans every stack synthesized from config/
});
