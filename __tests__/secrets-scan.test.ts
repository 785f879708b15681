/**
 * Scans every synthesized stack, outputs included, for pre-shared keys and BGP auth
 * keys in clear text. Keys must be references to variables declared sensitive, and no
 * output may expose such a variable. Canary values in TF_VAR_* must never appear.
 */
import { mkdtempSync, readdirSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runApp } from "../app";
import { SCENARIOS, selectTopologies } from "../config";
import { itPerScenario } from "./scenarios";

const CANARY = "CANARY-secret-7f3a";
const SECRET_FIELDS = new Set(["psk", "auth_key"]);

type Json = Record<string, unknown>;

/** The secret variables config/ implies: one PSK per VPN link's office, one MD5 key per BGP IDC. */
function secretVariables(hubInterconnect: string): string[] {
  const ts = Object.values(selectTopologies({ hubInterconnect }));
  const id = (n: string) => n.replace(/-/g, "_");
  return ts.flatMap((t) => [
    ...t.links.flatMap((l) => (l.kind === "vpn" ? [`psk_${id(l.office)}`] : [])),
    ...(t.idcs ?? []).filter((d) => d.bgp && d.bgp.md5Auth !== false).map((d) => `bgp_auth_key_${id(d.name)}`),
  ]);
}

function synthAll(hubInterconnect: string): Record<string, { text: string; json: Json }> {
  const outdir = join(mkdtempSync(join(tmpdir(), "scan-")), "cdktf.out");
  const saved = { ...process.env };
  for (const v of secretVariables(hubInterconnect)) process.env[`TF_VAR_${v}`] = CANARY;
  try {
    expect(runApp({ outdir, settings: { hubInterconnect }, log: () => undefined })).toBe(0);
  } finally {
    process.env = saved;
  }
  const out: Record<string, { text: string; json: Json }> = {};
  for (const s of readdirSync(join(outdir, "stacks"))) {
    const text = readFileSync(join(outdir, "stacks", s, "cdk.tf.json"), "utf8");
    out[s] = { text, json: JSON.parse(text) as Json };
  }
  return out;
}

/** Every (path, value) pair under `node` whose key is a secret field. */
function secretFields(node: unknown, path = ""): [string, unknown][] {
  if (Array.isArray(node)) return node.flatMap((v, i) => secretFields(v, `${path}[${i}]`));
  if (node && typeof node === "object") {
    return Object.entries(node as Json).flatMap(([k, v]) => [
      ...(SECRET_FIELDS.has(k) ? [[`${path}.${k}`, v] as [string, unknown]] : []),
      ...secretFields(v, `${path}.${k}`),
    ]);
  }
  return [];
}

describe.each(["router-interface", "peering"])("secrets scan (hub interconnect: %s)", (hubInterconnect) => {
  const stacks = synthAll(hubInterconnect);

  it("synthesizes one stack per scenario config/ builds", () => {
    expect(Object.keys(stacks).sort()).toEqual(SCENARIOS.map((s) => `${s}-dev`).sort());
  });

  itPerScenario("no canary value anywhere", (s) => {
    expect(stacks[`${s}-dev`]!.text).not.toContain(CANARY);
  });

  itPerScenario("every key is a reference to a sensitive variable", (s) => {
    const { json } = stacks[`${s}-dev`]!;
    const variables = (json.variable ?? {}) as Record<string, { sensitive?: boolean }>;
    for (const [where, value] of secretFields(json.resource)) {
      const m = typeof value === "string" ? /^\$\{var\.([a-z0-9_]+)\}$/.exec(value) : null;
      expect([where, m ? "variable reference" : `clear text: ${JSON.stringify(value)}`]).toEqual([where, "variable reference"]);
      expect([where, variables[m![1]!]?.sensitive]).toEqual([where, true]);
    }
  });

  itPerScenario("no output exposes a key", (s) => {
    const outputs = JSON.stringify(stacks[`${s}-dev`]!.json.output ?? {});
    expect(outputs).not.toMatch(/var\.(psk_|bgp_auth_key_)/);
    expect(secretFields(stacks[`${s}-dev`]!.json.output)).toEqual([]);
  });

  it("finds the keys it is meant to guard (the scan is not vacuous)", () => {
    const all = Object.values(stacks).flatMap((x) => secretFields(x.json.resource));
    // at least one per office PSK and BGP key config/ implies (four PSKs and one key in the seeds)
    expect(all.length).toBeGreaterThanOrEqual(secretVariables(hubInterconnect).length);
  });
});
