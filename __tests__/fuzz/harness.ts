/**
 * Property-based fuzzing of the whole front door: a topology file (JSON or YAML, as
 * text), environment settings, and `runApp` as main.ts runs it. Shared by the jest
 * suite (fixed seed, a few seconds) and `npm run fuzz` (minutes, cases per second).
 *
 * The property, for every input:
 * - `runApp` returns 0 or 1 and never throws; nothing it prints is a stack trace or an
 *   "internal error";
 * - exit 0: exactly this run's stacks are in the output directory (an earlier run's are
 *   gone), and the fuzzed scenario's stack passes the reachability checker: no loop,
 *   every link's two ends reach each other both ways, the internet only from shared
 *   NAT hubs and spokes;
 * - exit 1: no output directory at all, a header counting the problems, and each
 *   problem a line `path = value: message` whose value, where the path names a plain
 *   string of the input, is that string as written;
 * - the canary credentials planted in the input appear in no message and no output.
 *
 * The checks read only the input, the messages and the synthesized JSON; the expected
 * reachability comes from the links as written, not from the planner.
 */
import fc from "fast-check";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stringify as toYaml } from "yaml";
import { runApp } from "../../app";
import { isScenario, Scenario } from "../../config";
import { checkReachability, INTERNET_NETWORK } from "../../lib/analysis/reachability";
import { sitesFromTopology, Topology } from "../../lib/topology";
import { SEED_SCENARIOS as SCENARIOS, seedTopologies } from "../fixtures/seeds";

/** Credentials planted by the fuzzer; none may ever be printed or synthesized. */
export const CANARIES = [
  "LTAI5tCanary9zXn2bY7cD3e",
  "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAcanaryKEYbody0123456789\n-----END RSA PRIVATE KEY-----",
  "Zq8Xk2Lm9Pw4Rt7Vb3Nc6Jh1Gd5Fs0",
] as const;
/** Parts of the canaries a partial echo would show. */
const CANARY_PARTS = ["Canary9zXn2bY7", "canaryKEYbody", "Zq8Xk2Lm9Pw4Rt7"];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface FuzzCase {
  /** What the file holds (before serialization), or raw text for syntax fuzzing. */
  readonly body: { readonly value: Json } | { readonly text: string };
  readonly format: "json" | "yaml";
  /** Prefix a UTF-8 byte-order mark. */
  readonly bom: boolean;
  readonly env?: string;
  readonly hubInterconnect?: string;
  /** CDKTF_CONTEXT_JSON (the cdktf CLI sets it; the app parses it, settings come from config/settings.ts): any JSON, or broken text. @default - none */
  readonly context?: string;
}

export interface Outcome {
  readonly code: number | "threw";
  readonly log: string;
  readonly fileBytes: number;
}

// the seeds, not config/: the same cases under a fixed seed whatever a fork's config/ holds
const DEFAULTS = seedTopologies() as unknown as Record<Scenario, Json>;

// ---------------------------------------------------------------- generators

/** Names that collide once normalized (`ab-1`/`ab1`, `a--b`/`a-b`), plus plain variants. */
function nameVariants(base: string): string[] {
  return [
    base,
    `${base}1`,
    `${base}-1`,
    base.replace(/-/g, ""),
    base.replace(/-/, "--"),
    base.replace(/(\d)/, "-$1"),
    base.toUpperCase(),
    `${base}-`,
    `x${base}`,
    base.slice(0, 2),
    "vbr-" + base,
    "spoke-" + base,
  ];
}

const leafValue: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 70000 }),
  fc.double({ noNaN: true }).map((d) => (Number.isFinite(d) ? d : 0)),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom<Json>(
    [],
    {},
    "",
    "0.0.0.0/0",
    "10.1.0.0/16",
    "cn-hangzhou",
    "__proto__",
    "constructor",
    "aliyun:x",
    "acs:y",
    "https://x.y",
  ),
  fc.constantFrom<Json>(...CANARIES),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.integer({ min: 1, max: 3000 }).map((n) => "x".repeat(n)),
);

/** Every path to a value inside `v` (objects and arrays included). */
function paths(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function at(v: Json, p: readonly (string | number)[]): Json | undefined {
  let cur: Json | undefined = v;
  for (const k of p) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, Json>)[k as string];
  }
  return cur;
}

function setAt(v: Json, p: readonly (string | number)[], x: Json | undefined): void {
  if (p.length === 0) return;
  const parent = at(v, p.slice(0, -1));
  if (parent === null || typeof parent !== "object" || parent === undefined) return;
  const k = p[p.length - 1]!;
  if (x === undefined) {
    if (Array.isArray(parent)) parent.splice(k as number, 1);
    else delete (parent as Record<string, Json>)[k];
  } else Object.defineProperty(parent, k, { value: x, enumerable: true, writable: true, configurable: true });
}

const names = (t: Json, key: "vpcs" | "offices" | "idcs" | "links" | "accounts"): string[] =>
  (Array.isArray((t as Record<string, Json>)[key]) ? ((t as Record<string, Json>)[key] as { name?: Json }[]) : []).map((x) =>
    String(x?.name),
  );

/** One change to a topology. Each picks its target with an index modulo what exists. */
type Mutation = (t: Json) => void;

type Obj = Record<string, Json>;
const list = (t: Json, key: string): Obj[] =>
  (Array.isArray((t as Obj)[key]) ? ((t as Obj)[key] as Obj[]) : []).filter((x) => x !== null && typeof x === "object");

/**
 * Names that differ from `name` yet derive the same construct ID or Terraform name
 * (`ab-1`/`ab1`, `a-b`/`a--b`), and names that derive another scope's ID (`vbr-<idc>`
 * is a VPC route table's ID too, `spoke-<vpc>` a hub vSwitch's SNAT entry).
 */
function collidingForms(name: string): string[] {
  return [name.replace(/-(\d)/, "$1"), name.replace(/([a-z])(\d)/, "$1-$2"), name.replace("-", "--")].filter((n) => n !== name);
}

/** Renames a network, link, account or vSwitch everywhere it is referenced, so the topology stays otherwise valid. */
function renameEverywhere(t: Json, kind: "vpcs" | "offices" | "idcs" | "links" | "accounts", target: Obj, to: string): void {
  const from = target.name;
  target.name = to;
  if (kind === "accounts") for (const n of [...list(t, "vpcs"), ...list(t, "idcs")]) if (n.account === from) n.account = to;
  if (kind === "links") return;
  for (const l of list(t, "links")) {
    for (const k of ["requester", "acceptor", "from", "to", "vpc", "hub", "idc", "office"]) if (l[k] === from) l[k] = to;
    if (Array.isArray(l.spokes)) l.spokes = l.spokes.map((s) => (s === from ? to : s));
  }
}

function renameVswitch(t: Json, vpc: Obj, sw: Obj, to: string): void {
  const from = sw.name;
  sw.name = to;
  const gw = vpc.vpnGateway as Obj | undefined;
  if (gw && typeof gw === "object") for (const k of ["vswitch", "disasterRecoveryVswitch"]) if (gw[k] === from) gw[k] = to;
  for (const l of list(t, "links")) if (l.kind === "shared-nat" && l.hub === vpc.name && l.vswitch === from) l.vswitch = to;
}

function mutation(): fc.Arbitrary<Mutation> {
  const pick = fc.nat();
  const kinds = fc.constantFrom("vpcs", "offices", "idcs", "links", "accounts") as fc.Arbitrary<"vpcs">;
  return fc.oneof(
    // rename consistently into a name that collides once derived with another name (any kind)
    {
      weight: 8,
      arbitrary: fc.tuple(kinds, pick, pick, pick).map(([ka, a, b, f]): Mutation => (t) => {
        const kb = ka;
        const as = list(t, ka);
        const bs = list(t, kb);
        if (as.length === 0 || bs.length === 0) return;
        const target = bs[b % bs.length]!;
        const forms = collidingForms(String(as[a % as.length]!.name));
        if (target === as[a % as.length] || forms.length === 0) return;
        renameEverywhere(t, kb, target, forms[f % forms.length]!);
      }),
    },
    // a VPC renamed like an IDC's VBR route table (`vbr-<idc>`), or any name given a suffix
    {
      weight: 2,
      arbitrary: fc.tuple(kinds, pick, pick, fc.constantFrom("vbr-", "spoke-", "x-")).map(([kind, a, b, prefix]): Mutation => (t) => {
        const idcs = list(t, "idcs");
        const targets = list(t, kind);
        if (targets.length === 0) return;
        const base = idcs.length > 0 && prefix === "vbr-" ? String(idcs[a % idcs.length]!.name) : String(targets[a % targets.length]!.name);
        renameEverywhere(t, kind, targets[b % targets.length]!, `${prefix}${base}`.slice(0, 40));
      }),
    },
    // a planted credential where it would otherwise be valid: a tag value or key, a CLI profile
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...CANARIES), fc.constantFrom("tag", "vpc-tag", "tag-key", "profile"), pick)
        .map(([secret, where, i]): Mutation => (t) => {
          const o = t as Obj;
          const vpcs = list(t, "vpcs");
          const accounts = list(t, "accounts");
          const tagsOf = (x: Obj) =>
            (x.tags = x.tags !== null && typeof x.tags === "object" && !Array.isArray(x.tags) ? x.tags : {}) as Obj;
          if (where === "tag") tagsOf(o).owner = secret;
          if (where === "vpc-tag" && vpcs.length > 0) tagsOf(vpcs[i % vpcs.length]!).note = secret;
          if (where === "tag-key") tagsOf(o)[secret] = "x";
          if (where === "profile" && accounts.length > 0) accounts[i % accounts.length]!.credentials = { profile: secret };
        }),
    },
    // a vSwitch renamed into a collision with a sibling or with a spoke's SNAT entry
    {
      weight: 3,
      arbitrary: fc.tuple(pick, pick, pick, pick).map(([v, a, b, f]): Mutation => (t) => {
        const vpcs = list(t, "vpcs");
        const vpc = vpcs[v % Math.max(1, vpcs.length)];
        const sws = vpc ? list(vpc, "vswitches") : [];
        if (!vpc || sws.length === 0) return;
        const other = [...sws.map((s) => String(s.name)), ...vpcs.map((x) => `spoke-${String(x.name)}`)];
        const forms = [...collidingForms(other[a % other.length]!), other[a % other.length]!];
        renameVswitch(t, vpc, sws[b % sws.length]!, forms[f % forms.length]!);
      }),
    },
    // one more VPC (fresh range, same region as the first), peered to an existing one,
    // maybe the hub of a shared NAT for some existing VPC
    {
      weight: 3,
      arbitrary: fc.tuple(pick, pick, fc.boolean()).map(([k, p, nat]): Mutation => (t) => {
        const vpcs = list(t, "vpcs");
        const first = vpcs[0];
        const sw = first ? list(first, "vswitches")[0] : undefined;
        if (!first || !sw) return;
        const name = `extra-${k % 5}`;
        const cidr = `10.${200 + (k % 50)}.0.0/16`;
        const rawVpcs = (t as Obj).vpcs as Json[];
        rawVpcs.push({
          name,
          account: first.account!,
          region: first.region!,
          cidr,
          vswitches: [{ name: `${name}-sw`, zone: sw.zone!, cidr: cidr.replace("/16", "/24") }],
        });
        const peer = String(vpcs[p % vpcs.length]!.name);
        if (!Array.isArray((t as Obj).links)) return;
        const links = (t as Obj).links as Json[];
        links.push({ kind: "peering", name: `${name}-to-${peer}`.slice(0, 40), requester: name, acceptor: peer });
        if (nat) links.push({ kind: "shared-nat", name: `${name}-nat`, hub: name, vswitch: `${name}-sw`, spokes: [peer] });
      }),
    },
    // rename: a name becomes a variant of itself or of another name
    fc
      .tuple(pick, pick, fc.constantFrom("vpcs", "offices", "idcs", "links", "accounts") as fc.Arbitrary<"vpcs">, fc.nat())
      .chain(([i, j, key, k]) =>
        fc.constant<Mutation>((t) => {
          const list = ((t as Record<string, Json>)[key] ?? []) as Record<string, Json>[];
          if (list.length === 0) return;
          const all = [...names(t, "vpcs"), ...names(t, "offices"), ...names(t, "idcs"), ...names(t, "links")];
          const other = all[j % all.length] ?? "x";
          const variants = nameVariants(other);
          list[i % list.length]!.name = variants[k % variants.length]!;
        }),
      ),
    // duplicate an element of any array
    fc.tuple(pick).map(([i]): Mutation => (t) => {
      const arrays = paths(t).filter((p) => Array.isArray(at(t, p)) && (at(t, p) as Json[]).length > 0);
      if (arrays.length === 0) return;
      const arr = at(t, arrays[i % arrays.length]!) as Json[];
      arr.push(structuredClone(arr[i % arr.length]!));
    }),
    // delete any value (a field or an element)
    fc.tuple(pick).map(([i]): Mutation => (t) => {
      const ps = paths(t).filter((p) => p.length > 0);
      setAt(t, ps[i % ps.length]!, undefined);
    }),
    // change a value's type or content (canaries and huge strings included)
    fc.tuple(pick, leafValue).map(([i, x]): Mutation => (t) => {
      const ps = paths(t).filter((p) => p.length > 0);
      setAt(t, ps[i % ps.length]!, structuredClone(x));
    }),
    // nest a value deeper
    fc.tuple(pick, fc.integer({ min: 1, max: 40 }), fc.boolean()).map(([i, depth, arr]): Mutation => (t) => {
      const ps = paths(t).filter((p) => p.length > 0);
      const p = ps[i % ps.length]!;
      let v = at(t, p)!;
      for (let d = 0; d < depth; d++) v = arr ? [v] : { v };
      setAt(t, p, v);
    }),
    // an extra field anywhere (secret-looking names and canary values included)
    fc
      .tuple(
        pick,
        fc.constantFrom("extra", "psk", "pwd", "key", "ak", "token", "__proto__", "constructor", "Name", "aliyun-x", "acs:x"),
        leafValue,
      )
      .map(([i, k, x]): Mutation => (t) => {
        const objs = paths(t).filter((p) => {
          const v = at(t, p);
          return v !== null && typeof v === "object" && !Array.isArray(v);
        });
        const o = at(t, objs[i % objs.length]!) as Record<string, Json>;
        Object.defineProperty(o, k, { value: structuredClone(x), enumerable: true, writable: true, configurable: true });
      }),
    // a tag (values: canaries, reserved prefixes, long strings)
    fc
      .tuple(fc.constantFrom("owner", "Name", "aliyun-team", "acs:x", "team", "k".repeat(129)), leafValue)
      .map(([k, x]): Mutation => (t) => {
        const o = t as Record<string, Json>;
        const tags = (o.tags && typeof o.tags === "object" && !Array.isArray(o.tags) ? o.tags : {}) as Record<string, Json>;
        tags[k] = x;
        o.tags = tags;
      }),
    // an extra link of any kind between existing (or made-up) networks
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom("peering", "router-interface", "vbr", "vpn", "shared-nat"), pick, pick, pick, fc.boolean())
        .map(([kind, a, b, c, fresh]): Mutation => (t) => {
          const o = t as Record<string, Json>;
          const vpcs = names(t, "vpcs");
          const offices = names(t, "offices");
          const idcs = names(t, "idcs");
          const any = (xs: string[], i: number) => (xs.length > 0 ? xs[i % xs.length]! : "nowhere");
          const name = fresh ? `x-${kind}-${a % 7}` : any(names(t, "links"), c);
          const links = (Array.isArray(o.links) ? o.links : (o.links = [])) as Json[];
          switch (kind) {
            case "peering":
              links.push({ kind, name, requester: any(vpcs, a), acceptor: any(vpcs, b) });
              break;
            case "router-interface":
              links.push({ kind, name, from: any(vpcs, a), to: any(vpcs, b) });
              break;
            case "vbr":
              links.push({ kind, name, idc: any(idcs, a), vpc: any(vpcs, b) });
              break;
            case "vpn":
              links.push({ kind, name, office: any(offices, a), vpc: any(vpcs, b) });
              break;
            case "shared-nat": {
              const hub = (o.vpcs as { name: string; vswitches: { name: string }[] }[] | undefined)?.[a % Math.max(1, vpcs.length)];
              links.push({
                kind,
                name,
                hub: hub?.name ?? "nowhere",
                vswitch: hub?.vswitches?.[0]?.name ?? "nowhere",
                spokes: [any(vpcs, b), any(vpcs, c)].slice(0, 1 + (c % 2)),
              });
            }
          }
        }),
    },
  );
}

/** A default topology with up to 3 mutations, a hub with up to `maxOffices` offices, or an arbitrary JSON value. */
export function topologyValue(maxOffices = 40): fc.Arbitrary<Json> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(fc.constantFrom(...SCENARIOS), fc.array(mutation(), { minLength: 0, maxLength: 3 })).map(([s, ms]) => {
        const t = structuredClone(DEFAULTS[s]);
        for (const m of ms) {
          try {
            m(t);
          } catch {
            // an earlier mutation changed the shape this one expects (a list became a string): skip it
          }
        }
        return t;
      }),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json> },
    // large: the hub with many offices (300 are about 90 KB), then mutated
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 5, max: Math.min(maxOffices, 500) }), fc.array(mutation(), { maxLength: 2 })).map(([n, ms]) => {
        const t = structuredClone(DEFAULTS["multinational-hub"]) as Obj;
        const links = (t.links as Obj[]).filter((l) => l.kind !== "vpn");
        const offices: Json[] = [];
        for (let i = 0; i < n; i++) {
          const name = `office-${i}`;
          const publicIp = i < 250 ? `203.0.113.${i + 1}` : `198.51.100.${i - 249}`; // documentation ranges, one per office (up to 500)
          offices.push({ name, publicIp, cidrs: [`10.${32 + Math.floor(i / 256)}.${i % 256}.0/24`] });
          links.push({ kind: "vpn", name, office: name, vpc: i < n / 2 ? "us-vpc" : "cn-vpc" });
        }
        Object.assign(t, { offices, links });
        for (const m of ms) {
          try {
            m(t);
          } catch {
            /* see above */
          }
        }
        return t as Json;
      }),
    },
  );
}

/** Raw file text: truncated or corrupted serializations, random text. */
function rawText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...SCENARIOS),
        fc.nat(),
        fc.constantFrom("", "}", ",", "\u0000", "#", ":", "'", "\ufeff", "\t", "[".repeat(100)),
      )
      .map(([s, cut, junk]) => {
        const text = JSON.stringify(DEFAULTS[s], null, 2);
        const i = cut % (text.length + 1);
        return text.slice(0, i) + junk + text.slice(i);
      }),
    // YAML's own syntax spliced into a serialized topology: anchors, aliases, tags, merge
    // keys, complex keys, directives, documents, tabs, quotes
    fc
      .tuple(
        fc.constantFrom(...SCENARIOS),
        fc.nat(),
        fc.constantFrom(
          "&a ",
          "*a",
          "*missing",
          "!!binary ",
          "!!str ",
          "!!int ",
          "!custom ",
          "<<: *a\n",
          "? [a, b]\n: x\n",
          "%YAML 1.1\n",
          "---\n",
          "...\n",
          "\t",
          "- ",
          ": ",
          "'",
          '"',
          "|\n",
          ">-\n",
          "{",
          "[",
          "#",
          "@",
          "`",
          "0x1F",
          "1e400",
          ".nan",
          "~",
          "yes",
        ),
      )
      .map(([s, cut, junk]) => {
        const text = toYaml(DEFAULTS[s]);
        const i = cut % (text.length + 1);
        return text.slice(0, i) + junk + text.slice(i);
      }),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: 100 }),
    fc.integer({ min: 33, max: 20000 }).map((n) => `{"name": "shared-nat", "x": ${"[".repeat(n)}${"]".repeat(n)}}`),
  );
}

/** @param maxOffices the largest hub generated (jest keeps it small for speed; `npm run fuzz` uses 120: the checker traces every pair) */
export function fuzzCase(maxOffices = 40): fc.Arbitrary<FuzzCase> {
  const setting = fc.option(
    fc.oneof(fc.constantFrom("dev", "prod", "qa", "", "__proto__", "constructor", "toString", CANARIES[0]), fc.string({ maxLength: 10 })),
    { nil: undefined },
  );
  return fc.record({
    body: fc.oneof(
      { weight: 5, arbitrary: topologyValue(maxOffices).map((value) => ({ value })) },
      { weight: 1, arbitrary: rawText().map((text) => ({ text })) },
    ),
    format: fc.constantFrom("json" as const, "yaml" as const),
    bom: fc.boolean(),
    env: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: setting }),
    hubInterconnect: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(undefined, "router-interface", "peering") },
      { weight: 1, arbitrary: setting },
    ),
    context: fc.oneof(
      { weight: 12, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc
          .record(
            {
              env: fc.jsonValue({ maxDepth: 2 }),
              hubInterconnect: fc.jsonValue({ maxDepth: 2 }),
              topologyFile: fc.jsonValue({ maxDepth: 2 }),
            },
            { requiredKeys: [] },
          )
          .map((o) => JSON.stringify(o)),
      },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
        ),
      },
    ),
  });
}

// ---------------------------------------------------------------- running and checking

/** The scenario a file replaces, when its name names one. */
function scenarioOf(c: FuzzCase): Scenario | undefined {
  const v = "value" in c.body ? c.body.value : undefined;
  const n = v !== null && typeof v === "object" && !Array.isArray(v) ? v.name : undefined;
  return isScenario(n) ? n : undefined;
}

export function fileText(c: FuzzCase): string {
  const text = "text" in c.body ? c.body.text : c.format === "json" ? JSON.stringify(c.body.value, null, 1) : toYaml(c.body.value);
  return (c.bom ? "\ufeff" : "") + text;
}

/** Runs the front door on one case in a fresh directory holding an earlier run's output. */
export function run(c: FuzzCase, dir: string): Outcome & { outdir: string } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `topology.${c.format}`);
  const text = fileText(c);
  writeFileSync(file, text, "utf8");
  const outdir = join(dir, "cdktf.out");
  mkdirSync(join(outdir, "stacks", "earlier-run"), { recursive: true });
  writeFileSync(join(outdir, "stacks", "earlier-run", "cdk.tf.json"), "{}");
  const lines: string[] = [];
  let code: number | "threw";
  const saved = process.env.CDKTF_CONTEXT_JSON;
  if (c.context !== undefined) process.env.CDKTF_CONTEXT_JSON = c.context;
  try {
    code = runApp({
      outdir,
      log: (m) => lines.push(m),
      settings: { topologyFile: file, env: c.env, hubInterconnect: c.hubInterconnect },
      // only the fuzzed scenario's stack (the other four are the defaults, tested elsewhere)
      only: [scenarioOf(c) ?? "vpc-peering-same-account"],
    });
  } catch (e) {
    code = "threw";
    lines.push(String((e as Error)?.stack ?? e));
  } finally {
    if (saved === undefined) delete process.env.CDKTF_CONTEXT_JSON;
    else process.env.CDKTF_CONTEXT_JSON = saved;
  }
  return { code, log: lines.join("\n"), fileBytes: Buffer.byteLength(text), outdir };
}

/**
 * A problem line `  - <path> = <value>: <message>` split by reading the path's
 * segments (`.key`, `[0]`, `["any key"]`) after the root, so a key holding " = " or
 * ": " cannot fool it. Undefined when the line is not of that form.
 */
function parseProblem(line: string, root: string): { segments: (string | number)[] | undefined; echo: string } | undefined {
  const head = `  - ${root}`;
  if (!line.startsWith(head)) {
    // a path of another root ("file", "env"): no segments to check
    const m = /^ {2}- (\S+) = (.+?): (.+)$/.exec(line);
    return m ? { segments: undefined, echo: m[2]! } : undefined;
  }
  const segments: (string | number)[] = [];
  const re = /\.([A-Za-z0-9_$-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let i = head.length;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(line);
    if (!m) break;
    segments.push(m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? (JSON.parse(m[3]) as string) : m[1]!);
    i = re.lastIndex;
  }
  const rest = /^ = (.+?): (.+)$/.exec(line.slice(i));
  return rest ? { segments, echo: rest[1]! } : undefined;
}

/** Every way `outcome` breaks the property; empty when it holds. */
export function violations(c: FuzzCase, o: Outcome & { outdir: string }): string[] {
  const bad: string[] = [];
  if (o.code !== 0 && o.code !== 1) return [`runApp threw: ${o.log.slice(0, 2000)}`];
  if (/^\s+at .+(:\d+:\d+\)?|\(native\))$/m.test(o.log)) bad.push("a stack trace was printed");
  if (/internal error/.test(o.log)) bad.push("an internal error was reported (validation let something through)");
  for (const s of CANARY_PARTS) if (o.log.includes(s)) bad.push(`a planted credential was echoed (${s})`);
  if (o.code === 1) {
    if (existsSync(o.outdir)) bad.push("failed but left an output directory (partial or an earlier run's)");
    const header = /^topology "([^\n]*)" is invalid \((\d+) problems?(?: or more)?\):$/m.exec(o.log);
    if (!header) return [...bad, `no problem header in: ${o.log.slice(0, 500)}`];
    const body = o.log.slice(header.index + header[0].length + 1).split("\n");
    const problems = body.filter((l) => l.startsWith("  - "));
    // at most 100 listed, then one line counting the rest
    const total = Number(header[2]);
    if (problems.length !== Math.min(total, 100)) bad.push(`header counts ${total} problems, ${problems.length} listed`);
    if (total > 100 && !body.includes(`  ... and ${total - 100} more (fix the ones above first)`))
      bad.push(`${total} problems but no line counting the unlisted ones`);
    const value = "value" in c.body ? c.body.value : undefined;
    for (const line of problems) {
      const p = parseProblem(line, header[1]!);
      if (!p) {
        bad.push(`problem without "path = value: message": ${line.slice(0, 300)}`);
        continue;
      }
      // the value, where the path names a plain string of the input, is echoed as written
      // (a problem with a key, such as a tag key, echoes the key the path ends in)
      const v = p.segments && value !== undefined ? at(value, p.segments) : undefined;
      const key = p.segments?.at(-1);
      if (typeof v === "string" && /^[\x20-\x7e]{0,100}$/.test(v) && !/redacted/.test(p.echo)) {
        const ok = [JSON.stringify(v), ...(typeof key === "string" ? [JSON.stringify(key).slice(0, 40)] : [])];
        if (!ok.some((x) => p.echo.startsWith(x)))
          bad.push(`${line.slice(0, 120)} echoes ${p.echo.slice(0, 80)}, the input holds ${JSON.stringify(v)}`);
      }
    }
    return bad;
  }
  // exit 0: exactly this run's stacks, each free of canaries, the fuzzed one reachable as linked
  const stacks = existsSync(join(o.outdir, "stacks")) ? readdirSync(join(o.outdir, "stacks")) : [];
  if (stacks.includes("earlier-run")) bad.push("an earlier run's stack was left in the output");
  if (stacks.length !== 1) bad.push(`expected one stack, found ${stacks.join(", ")}`);
  const scenario = scenarioOf(c);
  for (const s of stacks) {
    const text = readFileSync(join(o.outdir, "stacks", s, "cdk.tf.json"), "utf8");
    for (const part of CANARY_PARTS) if (text.includes(part)) bad.push(`a planted credential was synthesized into ${s}`);
    if (scenario && s.startsWith(`${scenario}-`))
      bad.push(...reachabilityViolations(JSON.parse(text), (c.body as { value: Json }).value as unknown as Topology));
  }
  return bad;
}

/** The stack delivers what the topology's links promise, and nothing loops. */
function reachabilityViolations(tf: { resource?: Record<string, Record<string, Record<string, unknown>>> }, t: Topology): string[] {
  const bad: string[] = [];
  const r = checkReachability(tf, sitesFromTopology(t));
  for (const x of r.results) if (x.status === "looped") bad.push(`${x.from} -> ${x.to} loops: ${x.hops.join(" > ")}`);
  const staticIdcs = new Set((t.idcs ?? []).filter((d) => !d.bgp).map((d) => d.name));
  const both = (a: string, b: string, why: string) => {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (r.get(x, y).status !== "delivered")
        bad.push(`${x} -> ${y} is ${r.get(x, y).status} (${r.get(x, y).reason ?? ""}) despite ${why}`);
    }
  };
  const internet = new Set<string>();
  for (const l of t.links) {
    if (l.kind === "peering") both(l.requester, l.acceptor, `peering ${l.name}`);
    if (l.kind === "router-interface") both(l.from, l.to, `router interface ${l.name}`);
    if (l.kind === "vpn") both(l.office, l.vpc, `VPN link ${l.name}`);
    if (l.kind === "vbr" && !staticIdcs.has(l.idc)) both(l.idc, l.vpc, `VBR link ${l.name}`);
    if (l.kind === "shared-nat") for (const n of [l.hub, ...l.spokes]) internet.add(n);
  }
  for (const x of r.results) {
    if (x.to === INTERNET_NETWORK && (x.status === "delivered") !== internet.has(x.from)) {
      bad.push(`${x.from} -> internet is ${x.status}, but ${internet.has(x.from) ? "it is" : "it is not"} a shared NAT hub or spoke`);
    }
    if (x.from !== INTERNET_NETWORK && x.to !== INTERNET_NETWORK && !staticIdcs.has(x.from) && !staticIdcs.has(x.to)) {
      const back = r.get(x.to, x.from).status;
      if ((x.status === "delivered") !== (back === "delivered"))
        bad.push(`${x.from} -> ${x.to} is ${x.status} but the way back is ${back}`);
    }
  }
  return bad;
}

/** A scratch directory for one fuzzing session. */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), "fuzz-front-door-"));
}
