/**
 * The one settings path. Every way of running the app (`node bin/synth.js`,
 * `npm run synth`, `cdktf synth|diff|deploy`, and the same under cdktn) goes through
 * main.ts, which resolves its settings here, from the same two places in the same
 * order:
 *
 *   1. the environment variable (HYBRID_ENV, TOPOLOGY_FILE, HUB_INTERCONNECT, IDC_INTERCONNECT)
 *   2. the `context` block of cdktf.json (`env`, `topologyFile`, `hubInterconnect`, `idcInterconnect`)
 *   3. the default
 *
 * cdktf.json is read from disk, never from CDKTF_CONTEXT_JSON: the cdktf CLI fills that
 * variable from cdktf.json but plain `node` does not, so reading it made the two synth
 * paths build different stacks. The CLI has no `-c`/`--context` flag.
 */
import { readFileSync } from "fs";
import { TopologyError } from "../lib/topology";

export interface AppSettings {
  /** Environment overlay. @default "dev" */
  readonly env?: string;
  /** JSON/YAML topology replacing the scenario of the same name. @default - none */
  readonly topologyFile?: string;
  /** router-interface | peering | transit-router. @default "router-interface" */
  readonly hubInterconnect?: string;
  /** vbr | transit-router: how the leased-line IDC reaches its VPCs. @default "vbr" */
  readonly idcInterconnect?: string;
}

/** Each setting's context key and environment variable. */
export const SETTINGS: Readonly<Record<keyof AppSettings, string>> = {
  env: "HYBRID_ENV",
  topologyFile: "TOPOLOGY_FILE",
  hubInterconnect: "HUB_INTERCONNECT",
  idcInterconnect: "IDC_INTERCONNECT",
};

/** The `context` object of a cdktf.json text; a TopologyError naming the file when malformed. */
export function cdktfContext(cdktfJsonPath: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(cdktfJsonPath, "utf8");
  } catch {
    return {}; // no cdktf.json (programmatic use): no context
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new TopologyError("config", [
      { path: cdktfJsonPath, value: text.slice(0, 40), message: `is not valid JSON (${(e as Error).message}); allowed: a JSON object` },
    ]);
  }
  const ctx = (parsed as { context?: unknown }).context;
  if (ctx === undefined) return {};
  if (ctx === null || typeof ctx !== "object" || Array.isArray(ctx)) {
    throw new TopologyError("config", [
      {
        path: `${cdktfJsonPath}: context`,
        value: ctx,
        message: "is not an object; allowed: { env?, topologyFile?, hubInterconnect?, idcInterconnect? }",
      },
    ]);
  }
  return ctx as Record<string, unknown>;
}

/**
 * Settings from the environment, then cdktf.json's context. A context value that is not
 * a string is an error naming the key; an empty environment variable counts as unset.
 */
export function resolveSettings(
  environment: Readonly<Record<string, string | undefined>>,
  context: Readonly<Record<string, unknown>>,
): AppSettings {
  const out: Record<string, string> = {};
  const problems: { path: string; value: unknown; message: string }[] = [];
  for (const [key, variable] of Object.entries(SETTINGS)) {
    const fromEnv = environment[variable];
    if (fromEnv !== undefined && fromEnv !== "") {
      out[key] = fromEnv;
      continue;
    }
    const fromCtx = context[key];
    if (fromCtx === undefined) continue;
    if (typeof fromCtx !== "string") problems.push({ path: `cdktf.json: context.${key}`, value: fromCtx, message: "is not a string" });
    else out[key] = fromCtx;
  }
  if (problems.length > 0) throw new TopologyError("config", problems);
  return out;
}
