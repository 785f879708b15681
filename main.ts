/**
 * Builds every scenario stack from typed config, then synthesizes. The environment
 * (context `env` or HYBRID_ENV, default dev) and an optional topology file (context
 * `topologyFile` or TOPOLOGY_FILE) and the hub's interconnect (context `hubInterconnect`
 * or HUB_INTERCONNECT: router-interface | peering) are chosen here and nowhere else.
 */
import { App } from "cdktf";
import { mkdirSync, rmSync } from "fs";
import { join } from "path";
import { selectTopologies } from "./config";
import { TopologyError } from "./lib/topology";
import { stacksFor } from "./stacks";

const app = new App();
const env = (app.node.tryGetContext("env") as string | undefined) ?? process.env.HYBRID_ENV ?? "dev";
const topologyFile = (app.node.tryGetContext("topologyFile") as string | undefined) ?? process.env.TOPOLOGY_FILE;
const hubInterconnect = (app.node.tryGetContext("hubInterconnect") as string | undefined) ?? process.env.HUB_INTERCONNECT;

try {
  stacksFor(app, selectTopologies({ env, topologyFile, hubInterconnect }), env);
} catch (e) {
  if (!(e instanceof TopologyError)) throw e;
  // Nothing partial: a failed synth leaves no output behind, not even an older one.
  rmSync(app.outdir, { recursive: true, force: true });
  console.error(e.message);
  process.exit(1);
}
// Only this run's stacks: drop those of earlier runs (another env, a removed scenario).
rmSync(join(app.outdir, "stacks"), { recursive: true, force: true });
mkdirSync(join(app.outdir, "stacks"));
app.synth();
