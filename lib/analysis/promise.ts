/**
 * The promise beside each synthesized stack: `intent.json`, the ordered pairs of networks
 * the topology says must and must not reach each other, written by synthesis from the
 * topology (not from the planner's routes). The judges that apply or rebuild a stack
 * (the packet twin, e2e) hold what they find to it: a route removed by hand from the JSON
 * fools neither the model nor the packets (both agree the pair is cut), but it breaks
 * the promise, and the judge names the pair and what is missing.
 *
 * Shape: `{ "version": 1, "networks": [{ "name", "cidrs" }], "mustReach": [[from, to]],
 * "mustNotReach": [[from, to]] }`, network names as the reachability checker names them
 * (VPC names, office and IDC names, `internet`).
 */
import * as fs from "fs";
import * as path from "path";
import * as ipaddr from "ipaddr.js";

export interface Intent {
  readonly version: 1;
  readonly networks: readonly { readonly name: string; readonly cidrs: readonly string[] }[];
  readonly mustReach: readonly (readonly [string, string])[];
  readonly mustNotReach: readonly (readonly [string, string])[];
}

function fail(file: string, field: string, value: unknown, allowed: string): never {
  throw new Error(`${file}: ${field} = ${JSON.stringify(value)}; allowed: ${allowed}`);
}

function pairs(file: string, field: string, v: unknown): [string, string][] {
  if (!Array.isArray(v)) fail(file, field, v, "a list of [from, to] network name pairs");
  return v.map((p: unknown, i) => {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== "string" || typeof p[1] !== "string")
      fail(file, `${field}[${i}]`, p, "[from, to], two network names");
    return [p[0], p[1]] as [string, string];
  });
}

/** Parses and checks an intent file; a bad file fails naming the field and value. */
export function parseIntent(text: string, file: string): Intent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail(file, "(top level)", raw, "an object");
  const o = raw as Record<string, unknown>;
  if (o.version !== 1) fail(file, "version", o.version, "1");
  if (!Array.isArray(o.networks)) fail(file, "networks", o.networks, 'a list of { "name", "cidrs" }');
  const networks = o.networks.map((n: unknown, i) => {
    const x = n as { name?: unknown; cidrs?: unknown };
    if (typeof x?.name !== "string" || x.name === "") fail(file, `networks[${i}].name`, x?.name, "a non-empty string");
    if (!Array.isArray(x.cidrs) || !x.cidrs.every((c) => typeof c === "string" && ipaddr.IPv4.isValidCIDR(c)))
      fail(file, `networks[${i}].cidrs`, x.cidrs, "a list of IPv4 CIDRs");
    return { name: x.name, cidrs: x.cidrs as string[] };
  });
  const names = new Set(networks.map((n) => n.name));
  const mustReach = pairs(file, "mustReach", o.mustReach);
  const mustNotReach = pairs(file, "mustNotReach", o.mustNotReach);
  for (const [field, list] of [
    ["mustReach", mustReach],
    ["mustNotReach", mustNotReach],
  ] as const)
    list.forEach((p, i) => {
      for (const n of p) if (!names.has(n)) fail(file, `${field}[${i}]`, p, `names listed in networks (${[...names].join(", ")})`);
    });
  return { version: 1, networks, mustReach, mustNotReach };
}

/** `<stacksDir>/<stack>/intent.json` when synthesis wrote one. @returns undefined without one */
export function readIntent(stackDir: string): Intent | undefined {
  const file = path.join(stackDir, "intent.json");
  return fs.existsSync(file) ? parseIntent(fs.readFileSync(file, "utf8"), file) : undefined;
}

/**
 * Every promised pair the measurement (or the model) contradicts, one message each.
 * @param delivered `from->to` keys whose round trip was delivered
 * @param present the networks the judge found (built, or read from the JSON); a promised one it lacks is a mismatch too
 * @param explain why a pair is not delivered (the hop where it dies, the route missing)
 */
export function promiseMismatches(
  intent: Intent,
  delivered: ReadonlySet<string>,
  present: readonly string[],
  explain: (from: string, to: string) => string,
): string[] {
  const out: string[] = [];
  // a network the promise lists but no pair names (a static-routed IDC) is not required
  const named = new Set([...intent.mustReach, ...intent.mustNotReach].flat());
  const missing = intent.networks.map((n) => n.name).filter((n) => named.has(n) && !present.includes(n));
  if (missing.length > 0) out.push(`promised networks not found: ${missing.join(", ")}`);
  for (const [from, to] of intent.mustReach) {
    if (missing.includes(from) || missing.includes(to) || delivered.has(`${from}->${to}`)) continue;
    out.push(`promised pair ${from}->${to} unreachable: ${explain(from, to)}`);
  }
  for (const [from, to] of intent.mustNotReach) {
    if (delivered.has(`${from}->${to}`)) out.push(`pair ${from}->${to} is promised unreachable, but it is delivered`);
  }
  return out;
}
