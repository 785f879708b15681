/**
 * Builds every scenario stack from config and synthesizes them. Returns an exit code:
 * on bad input (topology, environment, policy) it reports every problem, writes
 * nothing and removes any earlier output, so a failed synth leaves nothing partial.
 * It never throws: an unexpected error is reported like bad input, without a stack trace.
 */
import { App, TerraformStack } from "cdktf";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from "fs";
import { join } from "path";
import { Scenario, selectEnvironment, selectTopologies } from "./config";
import { applyEnvironment } from "./config/environments";
import { providerSchemaFacts } from "./config/provider-schema";
import { AppSettings } from "./config/settings";
import { checkReachability, ReachabilityReport, Sites } from "./lib/analysis/reachability";
import { redundancyViolations, resilienceTable } from "./lib/analysis/resilience";
import {
  BrokenPromiseError,
  redactText,
  renderPrerequisiteBlock,
  sitesFromTopology,
  Topology,
  TopologyError,
  TopologyIssue,
} from "./lib/topology";
import { CheckedStack, describeMismatch, intentMismatches, topologyIntent, TopologyIntent } from "./lib/topology/intent";
import { stackName, stacksFor } from "./stacks";
import { ScenarioStack } from "./stacks/scenario-stack";

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
  /** Only these scenarios' stacks (tests and fuzzing, for speed). @default - every scenario */
  readonly only?: readonly Scenario[];
  /** Where problems are reported. @default console.error */
  readonly log?: (message: string) => void;
  /** Where notices that are not problems go (the account prerequisites block). @default console.log */
  readonly notice?: (message: string) => void;
  /**
   * Write each stack's promise (`intent.json`) and hold the synthesized JSON to it with
   * the independent reachability checker. Off only to measure what the check costs.
   * @default true
   */
  readonly checkIntent?: boolean;
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
      throw new TopologyError("config", [
        {
          path: "context",
          value: "(cdktf context)",
          message: `cannot be read: ${(e as Error).message}; allowed: a JSON object of settings`,
        },
      ]);
    }
    outdir = app.outdir;
    // settings come resolved (config/settings.ts), never from app context: CDKTF_CONTEXT_JSON
    // is set under the cdktf CLI only, so reading it would make the two synth paths differ
    const setting = (k: keyof AppSettings) => opts.settings?.[k];
    const env = selectEnvironment(setting("env"));
    const topologies = {
      ...selectTopologies({
        env: env.name,
        topologyFile: setting("topologyFile"),
        hubInterconnect: setting("hubInterconnect"),
        idcInterconnect: setting("idcInterconnect"),
      }),
    };
    for (const [s, t] of Object.entries(opts.topologies ?? {})) topologies[s as Scenario] = applyEnvironment(t, env);
    stacksFor(app, topologies, env.name, { backend: env.backend, policy: providerSchemaFacts(), only: opts.only });
    // policy violations (error annotations) and construct validation errors throw here
    app.synth();
    // the promise travels with the JSON, and a stack that breaks it is refused (under the CLI too)
    if (opts.checkIntent !== false) {
      const want = (s: Scenario) => opts.only === undefined || opts.only.includes(s);
      const built = Object.entries(topologies).flatMap(([s, t]) =>
        t !== undefined && want(s as Scenario) ? [[stackName(s as Scenario, env.name), t] as const] : [],
      );
      proveIntent(app, new Map(built));
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
      for (const m of c.node.metadata) if (m.type === "@cdktf/warn") log(redactText(`WARNING [${c.node.path}]: ${String(m.data)}`));
    }
    // what the accounts need before an apply, one block for every stack written
    const needs = new Map(app.node.children.flatMap((c) => (c instanceof ScenarioStack ? [[c.node.id, c.prerequisites] as const] : [])));
    const block = renderPrerequisiteBlock(needs);
    if (block) (opts.notice ?? ((m: string) => console.log(m)))(redactText(block));
    return 0;
  } catch (e) {
    return fail(e);
  }
}

/**
 * Writes each stack's promise beside its JSON (`stacks/<stack>/intent.json`, see
 * lib/topology/intent.ts) and checks the synthesized JSON against it with the
 * independent checker. Throws a {@link BrokenPromiseError} per topology naming every pair
 * the stack gets wrong and the hop where its packet stops.
 */
function proveIntent(app: App, stacks: ReadonlyMap<string, Topology>): void {
  const errors: TopologyError[] = [];
  for (const [name, t] of stacks) {
    const dir = join(app.outdir, "stacks", name);
    const intent = topologyIntent(t);
    const fd = openSync(join(dir, "intent.json"), "w");
    try {
      intent.writeJson(name, (chunk) => writeSync(fd, chunk));
    } finally {
      closeSync(fd);
    }
    const json = synthesizedJson(app, name, dir);
    const sites = sitesFromTopology(t);
    const report = checkReachability(json, sites);
    const issues: TopologyIssue[] = intentMismatches(intent, verdictOf(report)).map((m) => ({
      path: `${t.name}.links`,
      value: `${m.from} -> ${m.to}`,
      message: describeMismatch(m),
    }));
    if (issues.length > 0) errors.push(new BrokenPromiseError(t.name, name, issues));
    const lone = issues.length > 0 ? [] : redundancyIssues(t, json, sites, intent.pairs());
    if (lone.length > 0) errors.push(new TopologyError(t.name, lone));
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, "several topologies");
}

/**
 * A site marked `redundant: true` must keep every promised pair through any single
 * failure (a VPN link, a VPN gateway, a leased line, a router-interface pair, a peering,
 * a transit-router attachment): the checker's single-failure table
 * (lib/analysis/resilience.ts) names each element that alone cuts one of its pairs.
 */
function redundancyIssues(
  t: Topology,
  json: Parameters<typeof checkReachability>[0],
  sites: Sites,
  pairs: ReturnType<TopologyIntent["pairs"]>,
): TopologyIssue[] {
  const marked = [
    ...(t.offices ?? []).flatMap((o, i) => (o.redundant ? [{ name: o.name, path: `${t.name}.offices[${i}].redundant` }] : [])),
    ...(t.idcs ?? []).flatMap((d, i) => (d.redundant ? [{ name: d.name, path: `${t.name}.idcs[${i}].redundant` }] : [])),
  ];
  if (marked.length === 0) return [];
  const promised = pairs.filter(([, , e]) => e === "reach").map(([a, b]) => [a, b] as const);
  const table = resilienceTable(json, sites, promised);
  return redundancyViolations(
    table,
    marked.map((m) => m.name),
  ).map((v) => ({
    path: marked.find((m) => m.name === v.site)!.path,
    value: true,
    message:
      `site ${v.site} is cut off by one failure: ${v.element} alone cuts ${v.pairs.join(", ")}; ` +
      "allowed: redundant: true only on a site that keeps every promised pair through any single failure " +
      "(give an office a second VPN link: a standby on the same gateway, or an active one on another; " +
      "give a data center a second leased line on the transit router, with BGP or a health check on every line)",
  }));
}

/**
 * The checker's report as the comparison asks it: delivered or not for every pair, the
 * trace only for the pairs that break the promise (indexed once, on the first one).
 */
function verdictOf(report: ReachabilityReport): CheckedStack {
  return { isDelivered: (from, to) => report.isDelivered(from, to), trace: (from, to) => report.get(from, to) };
}

/** A stack's Terraform JSON as written, or rendered again when the CLI asked for HCL. */
function synthesizedJson(app: App, stack: string, dir: string): Parameters<typeof checkReachability>[0] {
  const file = join(dir, "cdk.tf.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Parameters<typeof checkReachability>[0];
  return (app.node.findChild(stack) as TerraformStack).toTerraform() as Parameters<typeof checkReachability>[0];
}

/**
 * The message for a failed run. Bad input is a {@link TopologyError} listing every
 * problem; policy and construct validation errors are cdktf's message. Anything else is
 * a defect that validation should have caught: it is reported as one, by its message
 * alone (a stack trace helps nobody who runs synth, and may quote input).
 */
function failureMessage(e: unknown): string {
  if (e instanceof TopologyError) return e.message;
  if (e instanceof AggregateError && e.errors.every((x) => x instanceof TopologyError))
    return e.errors.map((x: TopologyError) => x.message).join("\n");
  const message = redactText(e instanceof Error ? e.message : String(e));
  if (/^(Validation failed with the following errors|Encountered Annotations with level "ERROR")/.test(message)) return message;
  return (
    `internal error: ${message.split("\n")[0]}\n` +
    "The input passed validation but could not be synthesized: this is a bug in the template, not in your input. " +
    "Please report it with the topology file."
  );
}
