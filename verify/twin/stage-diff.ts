/**
 * Moving a running twin from one stage's plan to the next: the difference of two aligned
 * plans (align.ts) as namespace, link, address, rule and route operations, grouped into
 * steps in the order Terraform applies a change: what is new first (namespaces and links,
 * then their routes and rules), then the replaced routes, each deleted before its
 * successor is created (a changed next hop forces a new `alicloud_route_entry`, and
 * Terraform destroys a replaced resource before creating the new one unless told
 * otherwise), then what goes away (routes and rules, then links and namespaces). A running
 * BIRD whose announcements change is reconfigured in the step that adds or removes them.
 *
 * `routeGaps` reads the steps alone and names every destination a step leaves without a
 * route that covers it: the place a probe must be lost. Pure: nothing here runs a command.
 */
import * as ipaddr from "ipaddr.js";
import { assertNever } from "../../lib/private/assert-never";
import { tableOf } from "./align";
import { BirdSpec, TwinLink, TwinNs, TwinPlan } from "./plan";

export type StageOp =
  | { readonly kind: "ns-add"; readonly ns: TwinNs }
  | { readonly kind: "link-add"; readonly link: TwinLink }
  | { readonly kind: "addr-add" | "addr-del"; readonly ns: string; readonly dev: string; readonly addr: string }
  | { readonly kind: "nft-add"; readonly ns: string; readonly ruleset: string }
  | {
      readonly kind: "rule-add" | "rule-del" | "route-add" | "route-del";
      readonly ns: string;
      readonly args: readonly string[];
      readonly why: string;
    }
  | { readonly kind: "bird-reconfigure"; readonly bird: BirdSpec; readonly why: string }
  | { readonly kind: "link-del"; readonly link: TwinLink }
  | { readonly kind: "ns-del"; readonly ns: TwinNs };

export type StepKind = "create" | "add-routes" | "replace-delete" | "replace-create" | "remove-routes" | "remove-links";
export interface StageStep {
  readonly kind: StepKind;
  readonly ops: readonly StageOp[];
}
export interface StageDiff {
  readonly steps: readonly StageStep[];
  /** Differences the twin cannot make in place (a charon's or a filter's configuration, a new daemon). */
  readonly unsupported: readonly string[];
}

export const STEP_TITLE: Record<StepKind, string> = {
  create: "create namespaces and links",
  "add-routes": "add new routes and rules",
  "replace-delete": "replace routes: delete the old ones",
  "replace-create": "replace routes: create the new ones",
  "remove-routes": "remove routes and rules",
  "remove-links": "remove links and namespaces",
};
const ROUTE_TYPES = new Set(["unreachable", "blackhole", "prohibit", "throw"]);

/** A route's identity in Linux: namespace, table and destination. */
export function routeKey(ns: string, args: readonly string[]): string {
  const dest = ROUTE_TYPES.has(args[0]!) ? args[1]! : args[0]!;
  return `${ns}|${tableOf(args) ?? "main"}|${dest === "default" ? "0.0.0.0/0" : dest}`;
}

const byKey = <T>(xs: readonly T[], key: (x: T) => string) => new Map(xs.map((x) => [key(x), x]));
const only = <T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>) => [...a].filter(([k]) => !b.has(k)).map(([, v]) => v);

function routeOps(from: TwinPlan, to: TwinPlan) {
  const a = byKey(from.routes, (r) => routeKey(r.ns, r.args));
  const b = byKey(to.routes, (r) => routeKey(r.ns, r.args));
  const changed = [...b].filter(([k, r]) => a.has(k) && a.get(k)!.args.join(" ") !== r.args.join(" "));
  const op = (kind: "route-add" | "route-del", r: { ns: string; args: readonly string[]; why: string }): StageOp => ({
    kind,
    ns: r.ns,
    args: r.args,
    why: r.why,
  });
  return {
    added: only(b, a).map((r) => op("route-add", r)),
    replaceDelete: changed.map(([k]) => op("route-del", a.get(k)!)),
    replaceCreate: changed.map(([, r]) => op("route-add", r)),
    removed: only(a, b).map((r) => op("route-del", r)),
  };
}

function ruleOps(from: TwinPlan, to: TwinPlan) {
  const key = (r: { ns: string; args: readonly string[] }) => `${r.ns}|${r.args.join(" ")}`;
  const a = byKey(from.rules, key);
  const b = byKey(to.rules, key);
  return {
    added: only(b, a).map((r): StageOp => ({ kind: "rule-add", ns: r.ns, args: r.args, why: r.why })),
    removed: only(a, b).map((r): StageOp => ({ kind: "rule-del", ns: r.ns, args: r.args, why: r.why })),
  };
}

function createOps(from: TwinPlan, to: TwinPlan): { create: StageOp[]; remove: StageOp[] } {
  const ns = [byKey(from.namespaces, (n) => n.name), byKey(to.namespaces, (n) => n.name)] as const;
  const links = [byKey(from.links, (l) => l.aIf), byKey(to.links, (l) => l.aIf)] as const;
  const addrKey = (x: readonly [string, string, string]) => x.join("|");
  const addrs = [byKey(from.addresses, addrKey), byKey(to.addresses, addrKey)] as const;
  const newNs = new Set(only(ns[1], ns[0]).map((n) => n.name));
  const goneLinks = new Set(only(links[0], links[1]).flatMap((l) => [`${l.a}|${l.aIf}`, `${l.b}|${l.bIf}`]));
  const addr = (kind: "addr-add" | "addr-del", [n, dev, a]: readonly [string, string, string]): StageOp => ({ kind, ns: n, dev, addr: a });
  return {
    create: [
      ...only(ns[1], ns[0]).map((n): StageOp => ({ kind: "ns-add", ns: n })),
      ...only(links[1], links[0]).map((l): StageOp => ({ kind: "link-add", link: l })),
      ...only(addrs[1], addrs[0]).map((x) => addr("addr-add", x)),
      ...to.nft.filter((f) => newNs.has(f.ns)).map((f): StageOp => ({ kind: "nft-add", ns: f.ns, ruleset: f.ruleset })),
    ],
    remove: [
      // an address on a link that goes goes with it
      ...only(addrs[0], addrs[1])
        .filter(([n, dev]) => !goneLinks.has(`${n}|${dev}`))
        .map((x) => addr("addr-del", x)),
      ...only(links[0], links[1]).map((l): StageOp => ({ kind: "link-del", link: l })),
      ...only(ns[0], ns[1]).map((n): StageOp => ({ kind: "ns-del", ns: n })),
    ],
  };
}

/** The prefixes a BIRD body announces as static routes (`route <cidr> …;`); none for an included file. */
export function birdRoutes(b: BirdSpec): Set<string> {
  return new Set("inline" in b.body ? [...b.body.inline.matchAll(/^\s*route (\S+)/gm)].map((m) => m[1]!) : []);
}

/**
 * A running BIRD whose configuration changes is reconfigured in place (`birdc configure`),
 * in the step where Terraform's order makes the change: announcements that only grow come
 * from the routes and propagations just created (add-routes); any that shrink, from what
 * goes away (remove-routes), so the old prefix is withdrawn only after the new way exists.
 */
function birdOps(from: TwinPlan, to: TwinPlan): { added: StageOp[]; removed: StageOp[] } {
  const out = { added: [] as StageOp[], removed: [] as StageOp[] };
  for (const b of to.birds) {
    const a = from.birds.find((x) => x.ns === b.ns);
    if (!a || JSON.stringify(a) === JSON.stringify(b)) continue;
    const [was, now] = [birdRoutes(a), birdRoutes(b)];
    const gone = [...was].filter((c) => !now.has(c));
    const come = [...now].filter((c) => !was.has(c));
    const why = `announces ${come.map((c) => `+${c}`).join(" ")}${come.length && gone.length ? " " : ""}${gone.map((c) => `-${c}`).join(" ")}`;
    (gone.length === 0 ? out.added : out.removed).push({ kind: "bird-reconfigure", bird: b, why: why.trim() || "configuration" });
  }
  return out;
}

/** Charons and filters of namespaces both plans have must not differ: the twin does not reconfigure them. */
function unsupportedChanges(from: TwinPlan, to: TwinPlan): string[] {
  const out: string[] = [];
  const label = (ns: string) => to.namespaces.find((n) => n.name === ns)?.label ?? ns;
  const both = new Set(from.namespaces.filter((n) => to.namespaces.some((m) => m.name === n.name)).map((n) => n.name));
  const families = [
    ["charon", from.charons, to.charons],
    ["nftables filter", from.nft, to.nft],
  ] as const;
  for (const [what, a, b] of families) {
    const keyed = (xs: readonly { ns: string }[]) => new Map(xs.filter((x) => both.has(x.ns)).map((x) => [x.ns, JSON.stringify(x)]));
    const [ka, kb] = [keyed(a), keyed(b)];
    for (const ns of new Set([...ka.keys(), ...kb.keys()]))
      if (ka.get(ns) !== kb.get(ns))
        out.push(`the ${what} of ${label(ns)} changes between the stages; the twin does not reconfigure a running ${what}`);
  }
  const startsBird = (x: { ns: string }) => both.has(x.ns) && !from.birds.some((y) => y.ns === x.ns);
  for (const d of [...to.charons.filter((x) => !both.has(x.ns)), ...to.birds.filter((x) => !both.has(x.ns) || startsBird(x))])
    out.push(`a new daemon in ${label(d.ns)}; the twin starts daemons only at bring-up`);
  for (const d of from.birds.filter((x) => both.has(x.ns) && !to.birds.some((y) => y.ns === x.ns)))
    out.push(`the BIRD of ${label(d.ns)} stops between the stages; the twin stops daemons only at teardown`);
  return out;
}

/** The steps that take a running twin from `from` to `to` (both in the same names: align.ts). */
export function diffPlans(from: TwinPlan, to: TwinPlan): StageDiff {
  const c = createOps(from, to);
  const routes = routeOps(from, to);
  const rules = ruleOps(from, to);
  const birds = birdOps(from, to);
  // what lives in a namespace that goes goes with it
  const gone = new Set(from.namespaces.filter((n) => !to.namespaces.some((m) => m.name === n.name)).map((n) => n.name));
  const kept = (op: StageOp) => !("ns" in op && typeof op.ns === "string" && gone.has(op.ns));
  const steps: StageStep[] = [
    { kind: "create", ops: c.create },
    { kind: "add-routes", ops: [...routes.added, ...rules.added, ...birds.added] },
    { kind: "replace-delete", ops: routes.replaceDelete },
    { kind: "replace-create", ops: routes.replaceCreate },
    { kind: "remove-routes", ops: [...birds.removed, ...routes.removed, ...rules.removed].filter(kept) },
    { kind: "remove-links", ops: c.remove },
  ];
  return { steps: steps.filter((s) => s.ops.length > 0), unsupported: unsupportedChanges(from, to) };
}

/** One line per operation, with the namespace's label. */
export function describeOp(plan: TwinPlan, op: StageOp): string {
  const label = (ns: string) => plan.namespaces.find((n) => n.name === ns)?.label ?? ns;
  switch (op.kind) {
    case "ns-add":
    case "ns-del":
      return `${op.kind} ${op.ns.label}`;
    case "link-add":
    case "link-del":
      return `${op.kind} ${op.link.why} (${label(op.link.a)} - ${label(op.link.b)})`;
    case "addr-add":
    case "addr-del":
      return `${op.kind} ${op.addr} on ${label(op.ns)}`;
    case "nft-add":
      return `nft-add ${label(op.ns)}`;
    case "rule-add":
    case "rule-del":
    case "route-add":
    case "route-del":
      return `${op.kind} ${op.args.join(" ")} in ${label(op.ns)} (${op.why})`;
    case "bird-reconfigure":
      return `bird-reconfigure ${label(op.bird.ns)} (${op.why})`;
    default:
      return assertNever(op, "stage operation");
  }
}

export interface RouteGap {
  /** Index into the steps. */
  readonly step: number;
  readonly kind: StepKind;
  /** The namespace's label, e.g. `vpc:us-vpc`. */
  readonly where: string;
  readonly dest: string;
  readonly why: string;
}

const cidrOf = (d: string) => ipaddr.IPv4.parseCIDR(d === "default" || d === "0.0.0.0/0" ? "0.0.0.0/0" : d.includes("/") ? d : `${d}/32`);

/** Whether `dest` is covered by the forwarding prefixes: one containing it, or both its halves covered. */
function covered(dest: [ipaddr.IPv4, number], prefixes: readonly [ipaddr.IPv4, number][]): boolean {
  if (prefixes.some(([a, l]) => l <= dest[1] && dest[0].match(a, l))) return true;
  const inside = prefixes.some(([a, l]) => l > dest[1] && a.match(dest[0], dest[1]));
  if (!inside || dest[1] >= 32) return false;
  const lo = ipaddr.IPv4.networkAddressFromCIDR(`${dest[0].toString()}/${dest[1]}`);
  const hiBytes = lo.toByteArray();
  const bit = dest[1];
  hiBytes[bit >> 3]! |= 0x80 >> (bit & 7);
  const hi = new ipaddr.IPv4(hiBytes);
  return covered([lo, bit + 1], prefixes) && covered([hi, bit + 1], prefixes);
}

/**
 * Every destination a step deletes a forwarding route for while no other route of the
 * same table covers it: from that step until a later one adds a cover, packets there die.
 */
export function routeGaps(from: TwinPlan, steps: readonly StageStep[]): RouteGap[] {
  const forwarding = (args: readonly string[]) => !ROUTE_TYPES.has(args[0]!);
  const live = new Map(from.routes.filter((r) => forwarding(r.args)).map((r) => [routeKey(r.ns, r.args), r.args]));
  const label = (ns: string) => from.namespaces.find((n) => n.name === ns)?.label ?? ns;
  const gaps: RouteGap[] = [];
  steps.forEach((s, i) => {
    for (const op of s.ops) {
      if (op.kind === "route-del") live.delete(routeKey(op.ns, op.args));
      if (op.kind === "route-add" && forwarding(op.args)) live.set(routeKey(op.ns, op.args), op.args);
    }
    for (const op of s.ops) {
      if (op.kind !== "route-del" || !forwarding(op.args)) continue;
      const [ns, table, dest] = routeKey(op.ns, op.args).split("|") as [string, string, string];
      const same = [...live.keys()].filter((k) => k.startsWith(`${ns}|${table}|`)).map((k) => cidrOf(k.split("|")[2]!));
      if (!covered(cidrOf(dest), same)) gaps.push({ step: i, kind: s.kind, where: label(ns), dest, why: op.why });
    }
  });
  return gaps;
}
