/**
 * Test helpers (not a test file): synthesized trees built from topology changes, the
 * way `node bin/synth.js` would write them, one stack per tree.
 */
import { Testing } from "cdktf";
import { Topology } from "../../lib/topology";
import { StackJson } from "../../lib/analysis/netdiff";
import {
  IdcLeasedLineStack,
  MultinationalHubStack,
  ScenarioStack,
  SharedNatStack,
  VpcPeeringCrossAccountStack,
  VpcPeeringSameAccountStack,
} from "../../stacks";

type StackClass = new (scope: ReturnType<typeof Testing.app>, id: string, props: { topology: Topology }) => ScenarioStack;

const CLASSES: Readonly<Record<string, StackClass>> = {
  "multinational-hub": MultinationalHubStack,
  "shared-nat": SharedNatStack,
  "idc-leased-line": IdcLeasedLineStack,
  "vpc-peering-cross-account": VpcPeeringCrossAccountStack,
  "vpc-peering-same-account": VpcPeeringSameAccountStack,
};

/**
 * Synthesized JSON text by topology (as JSON text), within one suite: the suites
 * synthesize the same topologies again and again (the seed hub in most tests, a
 * property's few shapes in every run), and a stack's JSON depends on its topology alone.
 * Each call parses the text again, so a test that edits its tree edits its own copy.
 */
const synthesized = new Map<string, string>();

/** `{ "<name>-dev": cdk.tf.json }` for a topology whose name is a scenario. */
export function tree(t: Topology): Map<string, StackJson> {
  const Stack = CLASSES[t.name];
  if (!Stack) throw new Error(`test setup: no stack class for topology ${t.name}`);
  const key = JSON.stringify(t);
  let json = synthesized.get(key);
  if (json === undefined) {
    json = Testing.synth(new Stack(Testing.app(), `${t.name}-dev`, { topology: t }));
    synthesized.set(key, json);
  }
  return new Map([[`${t.name}-dev`, JSON.parse(json) as StackJson]]);
}

/** The lines of a Markdown report between a `**<title>**` line and the next blank line after it. */
export function section(md: string, title: string): string[] {
  const lines = md.split("\n");
  const start = lines.indexOf(`**${title}**`);
  if (start < 0) return [];
  const out: string[] = [];
  for (let i = start + 2; i < lines.length && lines[i] !== ""; i++) out.push(lines[i]!);
  return out;
}
