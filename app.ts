/**
 * Builds every scenario stack from config and synthesizes them. Returns an exit code:
 * on bad input (topology, environment, policy) it reports every problem, writes
 * nothing and removes any earlier output, so a failed synth leaves nothing partial.
 */
import { App } from "cdktf";
import { existsSync, readdirSync, rmSync } from "fs";
import { join } from "path";
import { Scenario, selectEnvironment, selectTopologies } from "./config";
import { applyEnvironment } from "./config/environments";
import { providerSchemaFacts } from "./config/provider-schema";
import { AppSettings } from "./config/settings";
import { Topology, TopologyError } from "./lib/topology";
import { stacksFor } from "./stacks";

export type { AppSettings };

export interface RunOptions {
  /** Resolved settings (config/settings.ts: environment, then cdktf.json context). @default {} */
  readonly settings?: AppSettings;
  /**
   * True when the cdktf (or cdktn) CLI runs the app. The CLI prints every annotation
   * itself (warnings as WARN, once) and removes the stack directories of earlier runs
   * itself, from a listing taken before the app ran: were the app to remove them too,
   * the CLI's removal fails with ENOENT (cli-core synth-stack.js). @default false
   */
  readonly underCli?: boolean;
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
  // settings come resolved (config/settings.ts), never from app context: CDKTF_CONTEXT_JSON
  // is set under the cdktf CLI only, so reading it would make the two synth paths differ
  const setting = (k: keyof AppSettings) => opts.settings?.[k];
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
  try {
    app.synth();
  } catch (e) {
    // policy violations (error annotations) and construct validation errors
    return fail((e as Error).message);
  }
  if (opts.underCli) return 0; // the CLI prints the annotations and prunes old stacks itself
  // Only this run's stacks, as the CLI leaves them: drop those of earlier runs (another env, a removed scenario).
  const current = new Set(app.node.children.map((c) => c.node.id));
  const stacksDir = join(app.outdir, "stacks");
  if (existsSync(stacksDir)) {
    for (const d of readdirSync(stacksDir)) if (!current.has(d)) rmSync(join(stacksDir, d), { recursive: true, force: true });
  }
  // warnings (placeholders, static IDC routing, quotas), once each, as the CLI prints them
  for (const c of app.node.findAll()) {
    for (const m of c.node.metadata) if (m.type === "@cdktf/warn") log(`WARNING [${c.node.path}]: ${String(m.data)}`);
  }
  return 0;
}
