/**
 * Aligning two twin plans of one stack: the plan builder names namespaces, links, link
 * addresses and routing tables by counting (`vpc1`, `l7a`, `169.254.0.29`, table 104), so
 * a plan built from the next migration stage may call the same VPC router or the same
 * peering link by another name, only because a resource was added before it. A running
 * twin cannot be renamed, so the next plan is rewritten into the running one's names:
 *
 * - a namespace is the same when its label (`vpc:us-vpc`) is;
 * - a link is the same when both ends' labels and its reason are (`peering ab`);
 * - a transit router's table is the same when its table resource's address is; any other
 *   table when the rule that looks it up is (in the same namespace, same arguments);
 * - what the running plan does not have gets a fresh name no running thing uses.
 *
 * Pure: nothing here runs a command.
 */
import { hostOf, TwinLink, TwinPlan, TwinRoute } from "./plan";

const LINK_NET = "169.254.0.0/16";
/** Linux reserves tables 253 (default), 254 (main) and 255 (local). */
const RESERVED_TABLES = new Set([253, 254, 255]);

/** Canonical names of one plan's counted names, and back. */
interface Canon {
  /** Namespace, interface, link address (with and without prefix) -> canonical token. */
  readonly names: ReadonlyMap<string, string>;
  /** Table number -> canonical token. */
  readonly tables: ReadonlyMap<string, string>;
}

const label = (plan: TwinPlan, ns: string) => plan.namespaces.find((n) => n.name === ns)?.label ?? ns;
const linkKey = (plan: TwinPlan, l: TwinLink) => `${label(plan, l.a)}|${label(plan, l.b)}|${l.why}`;

function addUnique(map: Map<string, string>, from: string, to: string, what: string): void {
  if ([...map.values()].includes(to) && map.get(from) !== to)
    throw new Error(`two ${what}s of one plan share the identity ${to}; the twin cannot tell them apart between stages`);
  map.set(from, to);
}

function canonNames(plan: TwinPlan): Map<string, string> {
  const names = new Map<string, string>();
  for (const n of plan.namespaces) addUnique(names, n.name, `@ns:${n.label}`, "namespace");
  for (const l of plan.links) {
    const k = linkKey(plan, l);
    addUnique(names, l.aIf, `@if:${k}#a`, "link");
    addUnique(names, l.bIf, `@if:${k}#b`, "link");
    names.set(l.aAddr, `@addr:${k}#a`);
    names.set(l.bAddr, `@addr:${k}#b`);
    names.set(l.aAddr.split("/")[0]!, `@ip:${k}#a`);
    names.set(l.bAddr.split("/")[0]!, `@ip:${k}#b`);
  }
  return names;
}

/** The table number an argument list names after `table` or `lookup`. */
export function tableOf(args: readonly string[]): string | undefined {
  const i = args.findIndex((a) => a === "table" || a === "lookup");
  return i >= 0 && /^\d+$/.test(args[i + 1] ?? "") ? args[i + 1] : undefined;
}

/** Route or rule arguments with names and tables mapped (`pref N` too when N is the table it looks up). */
function mapArgs(args: readonly string[], names: ReadonlyMap<string, string>, tables: ReadonlyMap<string, string>): string[] {
  const table = tableOf(args);
  return args.map((a, i) => {
    const prev = args[i - 1];
    if (a === table && (prev === "table" || prev === "lookup" || prev === "pref")) return tables.get(a) ?? a;
    return names.get(a) ?? a;
  });
}

function canonTables(plan: TwinPlan, names: ReadonlyMap<string, string>): Map<string, string> {
  const tables = new Map<string, string>();
  for (const tr of plan.transitRouters) for (const t of tr.tables) addUnique(tables, t.table, `@table:${t.address}`, "table");
  const used = [...plan.routes.map((r) => tableOf(r.args)), ...plan.rules.map((r) => tableOf(r.args))];
  for (const t of new Set(used.filter((x): x is string => x !== undefined))) {
    if (tables.has(t)) continue;
    const rule = plan.rules
      .filter((r) => tableOf(r.args) === t)
      .map((r) => `${label(plan, r.ns)}|${mapArgs(r.args, names, new Map([[t, "*"]])).join(" ")}`)
      .sort()[0];
    addUnique(tables, t, `@table:${rule ?? `unlooked-${t}`}`, "table");
  }
  return tables;
}

function canon(plan: TwinPlan): Canon {
  const names = canonNames(plan);
  return { names, tables: canonTables(plan, names) };
}

/** Fresh names for what the running plan lacks, counted on from the largest in use. */
class Fresh {
  private link: number;
  private table: number;
  private readonly kinds = new Map<string, number>();

  constructor(running: TwinPlan, runningTables: Iterable<string>) {
    const nums = (xs: string[]) => Math.max(-1, ...xs.map((x) => Number(/(\d+)[ab]?$/.exec(x)?.[1] ?? -1)));
    this.link = nums(running.links.map((l) => l.aIf)) + 1;
    this.table = Math.max(99, ...[...runningTables].map(Number)) + 1;
    for (const n of running.namespaces) {
      const m = /^([a-z]+)(\d+)$/.exec(n.name);
      if (m) this.kinds.set(m[1]!, Math.max(this.kinds.get(m[1]!) ?? 0, Number(m[2])));
    }
  }
  ns(kind: string): string {
    const n = (this.kinds.get(kind) ?? 0) + 1;
    this.kinds.set(kind, n);
    return `${kind}${n}`;
  }
  linkNo(): number {
    if (this.link >= 16384) throw new Error("the twin ran out of link addresses (16384 links)");
    return this.link++;
  }
  tableNo(): string {
    while (RESERVED_TABLES.has(this.table)) this.table++;
    return String(this.table++);
  }
}

/** Canonical token -> the running twin's name, extended with fresh names for the next plan's new things. */
function concreteNames(
  running: TwinPlan,
  next: TwinPlan,
  rc: Canon,
  nc: Canon,
): { names: Map<string, string>; tables: Map<string, string> } {
  const back = new Map([...rc.names].map(([k, v]) => [v, k]));
  const backTables = new Map([...rc.tables].map(([k, v]) => [v, k]));
  const fresh = new Fresh(running, rc.tables.keys());
  const names = new Map<string, string>();
  for (const n of next.namespaces) names.set(n.name, back.get(nc.names.get(n.name)!) ?? fresh.ns(n.kind));
  for (const l of next.links) {
    const known = back.get(nc.names.get(l.aIf)!);
    if (known) {
      for (const x of [l.aIf, l.bIf, l.aAddr, l.bAddr, l.aAddr.split("/")[0]!, l.bAddr.split("/")[0]!])
        names.set(x, back.get(nc.names.get(x)!)!);
      continue;
    }
    const n = fresh.linkNo();
    const base = `${hostOf(LINK_NET, n * 4)}/30`;
    const [aIp, bIp] = [hostOf(base, 1), hostOf(base, 2)];
    names.set(l.aIf, `l${n}a`).set(l.bIf, `l${n}b`).set(l.aAddr, `${aIp}/30`).set(l.bAddr, `${bIp}/30`);
    names.set(l.aAddr.split("/")[0]!, aIp).set(l.bAddr.split("/")[0]!, bIp);
  }
  const tables = new Map<string, string>();
  for (const [t, c] of nc.tables) tables.set(t, backTables.get(c) ?? fresh.tableNo());
  return { names, tables };
}

/** Interface names and link addresses inside a daemon config or an nftables ruleset. */
function mapText(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(/\b(l\d+[ab]|169\.254\.\d+\.\d+)\b/g, (m) => names.get(m) ?? m);
}

/**
 * The next stage's plan in the running plan's names: the same namespace, link, address
 * and table keep the running name; new ones get names nothing running uses.
 */
export function alignPlan(running: TwinPlan, next: TwinPlan): TwinPlan {
  const { names, tables } = concreteNames(running, next, canon(running), canon(next));
  const n = (x: string) => names.get(x) ?? x;
  const route = (r: TwinRoute): TwinRoute => ({ ...r, ns: n(r.ns), args: mapArgs(r.args, names, tables) });
  return {
    ...next,
    namespaces: next.namespaces.map((x) => ({ ...x, name: n(x.name) })),
    links: next.links.map((l) => ({ ...l, a: n(l.a), b: n(l.b), aIf: n(l.aIf), bIf: n(l.bIf), aAddr: n(l.aAddr), bAddr: n(l.bAddr) })),
    addresses: next.addresses.map(([ns, dev, addr]) => [n(ns), n(dev), n(addr)] as const),
    routes: next.routes.map(route),
    rules: next.rules.map((r) => ({ ...r, ns: n(r.ns), args: mapArgs(r.args, names, tables) })),
    nft: next.nft.map((f) => ({ ...f, ns: n(f.ns), ruleset: mapText(f.ruleset, names) })),
    charons: next.charons.map((c) => ({
      ...c,
      ns: n(c.ns),
      swanctl: "inline" in c.swanctl ? { inline: mapText(c.swanctl.inline, names) } : c.swanctl,
    })),
    birds: next.birds.map((b) => ({ ...b, ns: n(b.ns), body: "inline" in b.body ? { inline: mapText(b.body.inline, names) } : b.body })),
    networks: next.networks.map((x) => ({ ...x, ns: n(x.ns), ...(x.home ? { home: n(x.home) } : {}) })),
    vpnGateways: next.vpnGateways.map((g) => ({ ...g, ns: n(g.ns) })),
    transitRouters: next.transitRouters.map((tr) => ({
      ...tr,
      ns: n(tr.ns),
      tables: tr.tables.map((t) => ({ ...t, table: tables.get(t.table) ?? t.table })),
      attachments: tr.attachments.map((a) => ({ ...a, dev: n(a.dev), ip: n(a.ip), far: n(a.far), farIp: n(a.farIp) })),
    })),
  };
}
