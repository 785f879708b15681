/**
 * Builds every scenario stack from config and synthesizes them. Returns an exit code:
 * on bad input (topology, environment, policy) it reports every problem, writes
 * nothing and removes any earlier output, so a failed synth leaves nothing partial.
 * It never throws: an unexpected error is reported like bad input, without a stack trace.
 */
import { App } from "cdktf";
import { mkdirSync, rmSync } from "fs";
import { join } from "path";
import { Scenario, selectEnvironment, selectTopologies } from "./config";
import { applyEnvironment } from "./config/environments";
import { providerSchemaFacts } from "./config/provider-schema";
import { redactText, Topology, TopologyError } from "./lib/topology";
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
  /** Only these scenarios' stacks (tests and fuzzing, for speed). @default - every scenario */
  readonly only?: readonly Scenario[];
  /** Where problems are reported. @default console.error */
  readonly log?: (message: string) => void;
}

export function runApp(opts: RunOptions = {}): number {
  const log = opts.log ?? ((m: string) => console.error(m));
  let outdir = opts.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  // Every failure, expected or not, ends here: one message without a stack trace or a
  // secret, exit code 1, and no output directory (not even an earlier run's).
  const fail = (e: unknown) => {
    rmSync(outdir, { recursive: true, force: true });
    log(failureMessage(e));
    return 1;
  };
  try {
    let app: App;
    try {
      app = new App(opts.outdir ? { outdir: opts.outdir } : {});
    } catch (e) {
      // the cdktf context (CDKTF_CONTEXT_JSON, set by the cdktf CLI) did not parse
      throw new TopologyError("config", [{ path: "context", value: "(cdktf context)", message: `cannot be read: ${(e as Error).message}; allowed: a JSON object of settings` }]);
    }
    outdir = app.outdir;
    // context (`-c env=prod`, cdktf.json) wins over the environment; it may hold any JSON
    const setting = (k: keyof AppSettings): string | undefined => {
      const v: unknown = app.node.tryGetContext(k) ?? opts.settings?.[k];
      if (v === undefined || typeof v === "string") return v;
      throw new TopologyError("config", [{ path: k, value: v, message: "has the wrong type; allowed: a string" }]);
    };
    const env = selectEnvironment(setting("env"));
    const topologies = { ...selectTopologies({ env: env.name, topologyFile: setting("topologyFile"), hubInterconnect: setting("hubInterconnect") }) };
    for (const [s, t] of Object.entries(opts.topologies ?? {})) topologies[s as Scenario] = applyEnvironment(t, env);
    stacksFor(app, topologies, env.name, { backend: env.backend, policy: providerSchemaFacts(), only: opts.only });
    // Only this run's stacks: drop those of earlier runs (another env, a removed scenario).
    rmSync(join(app.outdir, "stacks"), { recursive: true, force: true });
    mkdirSync(join(app.outdir, "stacks"), { recursive: true });
    // policy violations (error annotations) and construct validation errors throw here
    app.synth();
    // warnings (placeholders, static IDC routing, quotas): the cdktf CLI shows them, plain node does not
    for (const c of app.node.findAll()) {
      for (const m of c.node.metadata) if (m.type === "@cdktf/warn") log(redactText(`WARNING [${c.node.path}]: ${String(m.data)}`));
    }
    return 0;
  } catch (e) {
    return fail(e);
  }
}

/**
 * The message for a failed run. Bad input is a {@link TopologyError} listing every
 * problem; policy and construct validation errors are cdktf's message. Anything else is
 * a defect that validation should have caught: it is reported as one, by its message
 * alone (a stack trace helps nobody who runs synth, and may quote input).
 */
function failureMessage(e: unknown): string {
  if (e instanceof TopologyError) return e.message;
  const message = redactText(e instanceof Error ? e.message : String(e));
  if (/^(Validation failed with the following errors|Encountered Annotations with level "ERROR")/.test(message)) return message;
  return `internal error: ${message.split("\n")[0]}\n` +
    "The input passed validation but could not be synthesized: this is a bug in the template, not in your input. " +
    "Please report it with the topology file.";
}
