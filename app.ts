/**
 * Builds every scenario stack from config and synthesizes them. Returns an exit code:
 * on bad input (topology, environment, policy) it reports every problem, writes
 * nothing and removes any earlier output, so a failed synth leaves nothing partial.
 */
import { App } from "cdktf";
import { mkdirSync, rmSync } from "fs";
import { join } from "path";
import { Scenario, selectEnvironment, selectTopologies } from "./config";
import { applyEnvironment } from "./config/environments";
import { providerSchemaFacts } from "./config/provider-schema";
import { Topology, TopologyError } from "./lib/topology";
import { stacksFor } from "./stacks";

export interface AppSettings {
  /** Environment overlay. @default "dev" */
  readonly env?: string;
  /** JSON/YAML topology replacing the scenario of the same name. @default - none */
  readonly topologyFile?: string;
  /** router-interface | peering. @default "router-interface" */
  readonly hubInterconnect?: string;
}

export interface RunOptions {
  /** Settings from the environment; cdktf context (`-c env=prod`) wins. @default {} */
  readonly settings?: AppSettings;
  /** @default - CDKTF_OUTDIR or cdktf.out */
  readonly outdir?: string;
  /** In-memory topologies replacing scenarios (tests, programmatic use). @default - none */
  readonly topologies?: Partial<Record<Scenario, Topology>>;
  /** Where problems are reported. @default console.error */
  readonly log?: (message: string) => void;
}

export function runApp(opts: RunOptions = {}): number {
  const app = new App(opts.outdir ? { outdir: opts.outdir } : {});
  const log = opts.log ?? ((m: string) => console.error(m));
  const setting = (k: keyof AppSettings) => (app.node.tryGetContext(k) as string | undefined) ?? opts.settings?.[k];
  const fail = (message: string) => {
    rmSync(app.outdir, { recursive: true, force: true });
    log(message);
    return 1;
  };
  try {
    const env = selectEnvironment(setting("env"));
    const topologies = { ...selectTopologies({ env: env.name, topologyFile: setting("topologyFile"), hubInterconnect: setting("hubInterconnect") }) };
    for (const [s, t] of Object.entries(opts.topologies ?? {})) topologies[s as Scenario] = applyEnvironment(t, env);
    stacksFor(app, topologies, env.name, { backend: env.backend, policy: providerSchemaFacts() });
  } catch (e) {
    if (e instanceof TopologyError) return fail(e.message);
    throw e;
  }
  // Only this run's stacks: drop those of earlier runs (another env, a removed scenario).
  rmSync(join(app.outdir, "stacks"), { recursive: true, force: true });
  mkdirSync(join(app.outdir, "stacks"));
  try {
    app.synth();
  } catch (e) {
    // policy violations (error annotations) and construct validation errors
    return fail((e as Error).message);
  }
  // warnings (placeholders, static IDC routing, quotas): the cdktf CLI shows them, plain node does not
  for (const c of app.node.findAll()) {
    for (const m of c.node.metadata) if (m.type === "@cdktf/warn") log(`WARNING [${c.node.path}]: ${String(m.data)}`);
  }
  return 0;
}
