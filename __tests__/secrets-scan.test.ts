/**
 * Scans every synthesized stack, outputs included, for pre-shared keys and BGP auth
 * keys in clear text. Keys must be references to variables declared sensitive, and no
 * output may expose such a variable. Canary values in TF_VAR_* must never appear.
 */
import { mkdtempSync, readdirSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runApp } from "../app";

const CANARY = "CANARY-secret-7f3a";
const SECRET_FIELDS = new Set(["psk", "auth_key"]);

type Json = Record<string, unknown>;

function synthAll(hubInterconnect: string): Record<string, { text: string; json: Json }> {
  const outdir = join(mkdtempSync(join(tmpdir(), "scan-")), "cdktf.out");
  const saved = { ...process.env };
  for (const v of ["psk_us_office_1", "psk_cn_office_4", "bgp_auth_key_beijing_idc"]) process.env[`TF_VAR_${v}`] = CANARY;
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

  it("synthesizes all five stacks", () => {
    expect(Object.keys(stacks)).toHaveLength(5);
  });

  it.each(Object.keys(stacks))("%s: no canary value anywhere", (s) => {
    expect(stacks[s]!.text).not.toContain(CANARY);
  });

  it.each(Object.keys(stacks))("%s: every key is a reference to a sensitive variable", (s) => {
    const { json } = stacks[s]!;
    const variables = (json.variable ?? {}) as Record<string, { sensitive?: boolean }>;
    for (const [where, value] of secretFields(json.resource)) {
      const m = typeof value === "string" ? /^\$\{var\.([a-z0-9_]+)\}$/.exec(value) : null;
      expect([where, m ? "variable reference" : `clear text: ${JSON.stringify(value)}`]).toEqual([where, "variable reference"]);
      expect([where, variables[m![1]!]?.sensitive]).toEqual([where, true]);
    }
  });

  it.each(Object.keys(stacks))("%s: no output exposes a key", (s) => {
    const outputs = JSON.stringify(stacks[s]!.json.output ?? {});
    expect(outputs).not.toMatch(/var\.(psk_|bgp_auth_key_)/);
    expect(secretFields(stacks[s]!.json.output)).toEqual([]);
  });

  it("finds the keys it is meant to guard (the scan is not vacuous)", () => {
    const all = Object.values(stacks).flatMap((x) => secretFields(x.json.resource));
    expect(all.length).toBeGreaterThanOrEqual(5); // four office PSKs and the BGP key
  });
});
