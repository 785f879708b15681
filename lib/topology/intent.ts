/**
 * The topology's promise: which ordered pairs of networks must reach each other and
 * which must not, derived from the declared networks and links alone (never from the
 * route planner), so that an independent checker over the synthesized JSON can be held
 * to it. Pure: no Terraform, no file access.
 *
 * Semantics, one rule per link kind, from the scenario documents the template is built on:
 *
 * - VPC peering and router-interface pairs join two VPCs both ways ("Connect two VPCs":
 *   private-network communication between two VPCs). A VPC forwards for every network
 *   it reaches: the multinational tutorial's Step 4 sends a Shanghai office's block from
 *   the US VPC over the interconnect to the Shanghai VPC, which hands it to its VPN
 *   gateway. So VPCs joined by a chain of such links form one group.
 * - A VPN link joins an office to a VPC's VPN gateway ("With VPN-Hub, the connected
 *   offices can communicate with each other"; local network 0.0.0.0/0 on every
 *   connection), so the office reaches whatever its VPC's group reaches, and is reached
 *   from it. Offices never carry traffic for others.
 * - A VBR link joins an IDC to a VPC over the leased line ("create two RIs respectively
 *   connecting to the two VPCs on the VBR": the IDC reaches both VPCs). The VPCs on one
 *   VBR do not reach each other through it unless the IDC sets `allowVpcTransit`. An
 *   IDC never carries traffic for others.
 * - A transit-router link (CEN: one TR per region, peer attachments in a full mesh)
 *   forwards between any of its attachments ("Transit routers: connect VPCs, VBRs and
 *   other TRs"), so its VPCs form one group and each IDC on it belongs to that group,
 *   like a VPC joined by router interfaces. Reachability policy stays at the edges: when
 *   the link attaches IDCs that do not all set `allowVpcTransit`, its VPCs do not reach
 *   each other through it (exactly as on the IDC's VBR router interfaces), and each IDC
 *   belongs to each attached VPC's group instead.
 * - A shared NAT lets its hub and spokes reach the internet ("Two VPCs share a NAT
 *   Gateway ... to access the Internet"); nothing else does (offices and IDCs behind the
 *   hub have no SNAT entry), and the internet reaches nothing (no DNAT is declared).
 *
 * Put together: networks are in the same group when a chain of links joins them through
 * VPCs (and through a VBR only when it allows transit); two different networks must reach
 * each other exactly when they share a group. One exception: without BGP the VBR's route
 * towards its IDC is added by hand after apply (synthesis warns), so the pairs towards a
 * static-routed IDC are promised by the topology but cannot be proven from the JSON; they
 * are left out of both lists, and so are those of an IDC any of whose lines is static
 * (`additionalLines`): a line the JSON cannot show delivering cannot be proven either.
 * Another: a *transit VPC* (the VPC whose VPN gateway backs up an IDC's leased line) holds
 * no workloads in Alibaba's documented design. It sends the IDC's ranges to its VPN
 * gateway only (one route per prefix in a VPC table) and hands the IDC's traffic on to
 * every VPC of its transit-router link, so what it reaches itself is not promised either
 * way; what reaches it still is.
 */
import { assertNever } from "../private/assert-never";
import { transitVpcs } from "./idc-vpn-backup";
import { carriesVpcTransit } from "./transit-router";
import { Topology } from "./types";

/** The internet as a network of the promise (and of the checker). */
export const INTENT_INTERNET = "internet";

/** A network of the promise: VPC, office, IDC or the internet. */
export interface IntentNetwork {
  readonly name: string;
  readonly cidrs: readonly string[];
}

/** The promise as written to `intent.json` beside a stack's `cdk.tf.json`. */
export interface IntentDocument {
  readonly version: 1;
  readonly stack: string;
  /** Sorted by name; the internet is `0.0.0.0/0`. */
  readonly networks: readonly IntentNetwork[];
  /** Ordered pairs `[from, to]` that must be delivered, sorted. */
  readonly mustReach: readonly (readonly [string, string])[];
  /** Ordered pairs that must not be delivered, sorted. */
  readonly mustNotReach: readonly (readonly [string, string])[];
}

export type Expectation = "reach" | "not-reach" | "unchecked";

/** The promise of one topology: ask about a pair, list every pair, or write the document. */
export class TopologyIntent {
  /** Network names, sorted (internet included). */
  readonly names: readonly string[];
  private readonly cidrs = new Map<string, readonly string[]>();
  private readonly index: ReadonlyMap<string, number>;
  /** By name index: the groups a network belongs to (one for a VPC, one per linked VPC's group for an office or IDC). */
  private readonly groups: readonly (readonly number[])[];
  /** By name index: reaches the internet (a shared NAT's hub or spoke). */
  private readonly internetUser: readonly boolean[];
  /** By name index: an IDC without BGP, whose inbound pairs are unchecked. */
  private readonly staticIdc: readonly boolean[];
  /** By name index: a transit VPC, whose outbound pairs (but the internet) are unchecked. */
  private readonly transitVpc: readonly boolean[];
  private readonly internet: number;

  constructor(t: Topology) {
    for (const v of t.vpcs) this.cidrs.set(v.name, [v.cidr]);
    for (const o of t.offices ?? []) this.cidrs.set(o.name, [...o.cidrs]);
    for (const d of t.idcs ?? []) this.cidrs.set(d.name, [...d.cidrs]);
    this.cidrs.set(INTENT_INTERNET, ["0.0.0.0/0"]);
    this.names = [...this.cidrs.keys()].sort(byName);
    this.index = new Map(this.names.map((n, i) => [n, i]));
    this.internet = this.index.get(INTENT_INTERNET)!;
    const groups = groupsOf(t);
    this.groups = this.names.map((n) => groups.get(n) ?? []);
    const users = new Set(t.links.flatMap((l) => (l.kind === "shared-nat" ? [l.hub, ...l.spokes] : [])));
    this.internetUser = this.names.map((n) => users.has(n));
    // a line without BGP gets its route towards the IDC by hand, so the JSON cannot prove it
    const statics = new Set((t.idcs ?? []).filter((d) => !d.bgp || (d.additionalLines ?? []).some((l) => !l.bgp)).map((d) => d.name));
    this.staticIdc = this.names.map((n) => statics.has(n));
    const transit = transitVpcs(t);
    this.transitVpc = this.names.map((n) => transit.has(n));
  }

  /** What the topology promises for packets from `from` to `to` (a name it does not know: not-reach). */
  expect(from: string, to: string): Expectation {
    const [i, j] = [this.index.get(from), this.index.get(to)];
    return i === undefined || j === undefined ? "not-reach" : this.expectAt(i, j);
  }

  /** {@link expect} by position in {@link names}. */
  private expectAt(i: number, j: number): Expectation {
    if (i === j || i === this.internet) return "not-reach";
    if (j === this.internet) return this.internetUser[i] ? "reach" : "not-reach";
    if (this.transitVpc[i]) return "unchecked";
    if (!shareGroup(this.groups[i]!, this.groups[j]!)) return "not-reach";
    return this.staticIdc[j] ? "unchecked" : "reach";
  }

  /** Why {@link expect} answers as it does, for failure messages. */
  why(from: string, to: string): string {
    if (from === INTENT_INTERNET) return "nothing reaches in from the internet: no DNAT is declared";
    const i = this.index.get(from) ?? -1;
    if (to === INTENT_INTERNET)
      return this.internetUser[i]
        ? `${from} is a shared NAT's hub or spoke`
        : `only a shared NAT's hub and spokes reach the internet, and ${from} is neither`;
    const j = this.index.get(to) ?? -1;
    return i >= 0 && j >= 0 && shareGroup(this.groups[i]!, this.groups[j]!)
      ? `the declared links join ${from} and ${to}`
      : `no chain of declared links joins ${from} to ${to}`;
  }

  /** Every ordered pair with a promise either way, sorted by source then destination. */
  pairs(): [string, string, Exclude<Expectation, "unchecked">][] {
    const out: [string, string, Exclude<Expectation, "unchecked">][] = [];
    this.eachPair((a, b, e) => out.push([a, b, e]));
    return out;
  }

  /** {@link pairs} without building the list (it grows with the square of the networks). */
  eachPair(visit: (from: string, to: string, e: Exclude<Expectation, "unchecked">) => void): void {
    const n = this.names.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const e = i === j ? "unchecked" : this.expectAt(i, j);
        if (e !== "unchecked") visit(this.names[i]!, this.names[j]!, e);
      }
    }
  }

  networks(): IntentNetwork[] {
    return this.names.map((name) => ({ name, cidrs: [...this.cidrs.get(name)!] }));
  }

  /** The document for stack `stack`. */
  document(stack: string): IntentDocument {
    const mustReach: [string, string][] = [];
    const mustNotReach: [string, string][] = [];
    this.eachPair((a, b, e) => (e === "reach" ? mustReach : mustNotReach).push([a, b]));
    return { version: 1, stack, networks: this.networks(), mustReach, mustNotReach };
  }

  /** {@link document} as JSON text (see {@link writeJson}). */
  json(stack: string): string {
    const chunks: string[] = [];
    this.writeJson(stack, (c) => chunks.push(c));
    return chunks.join("");
  }

  /**
   * {@link document} as JSON text, one network or pair per line, handed to `write` one
   * source network at a time: the pairs grow with the square of the networks, so they
   * are never built as arrays nor held as one string.
   */
  writeJson(stack: string, write: (chunk: string) => void): void {
    const quoted = this.names.map((n) => JSON.stringify(n));
    const networks = this.networks().map((n) => `    ${JSON.stringify(n)}`);
    write(`{\n  "version": 1,\n  "stack": ${JSON.stringify(stack)},\n  "networks": [\n${networks.join(",\n")}\n  ],\n`);
    for (const [key, want] of [
      ["mustReach", "reach"],
      ["mustNotReach", "not-reach"],
    ] as const) {
      let first = true;
      write(`  "${key}": [`);
      for (let i = 0; i < quoted.length; i++) {
        const line = `    [${quoted[i]}, `;
        let chunk = "";
        for (let j = 0; j < quoted.length; j++) {
          if (i === j || this.expectAt(i, j) !== want) continue;
          chunk += `${first ? "\n" : ",\n"}${line}${quoted[j]}]`;
          first = false;
        }
        if (chunk) write(chunk);
      }
      write(`${first ? "" : "\n  "}]${key === "mustReach" ? "," : ""}\n`);
    }
    write("}\n");
  }
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function shareGroup(a: readonly number[], b: readonly number[]): boolean {
  return a.some((g) => b.includes(g));
}

/**
 * The groups of every VPC, office and IDC: VPCs joined by peering, router-interface
 * pairs or a transit-allowing VBR share one (union-find, near-linear); an office or IDC
 * belongs to the group of each VPC it is linked to.
 */
function groupsOf(t: Topology): Map<string, readonly number[]> {
  const index = new Map(t.vpcs.map((v, i) => [v.name, i]));
  const parent = t.vpcs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const join = (a: string, b: string) => {
    const [x, y] = [index.get(a), index.get(b)];
    if (x !== undefined && y !== undefined) parent[find(x)] = find(y);
  };
  const transit = new Set((t.idcs ?? []).filter((d) => d.allowVpcTransit === true).map((d) => d.name));
  const firstVpcOfIdc = new Map<string, string>();
  const attached: [string, string][] = []; // [office or IDC, VPC]
  for (const l of t.links) {
    switch (l.kind) {
      case "peering":
        join(l.requester, l.acceptor);
        break;
      case "router-interface":
        join(l.from, l.to);
        break;
      case "vbr":
        attached.push([l.idc, l.vpc]);
        if (transit.has(l.idc)) {
          const first = firstVpcOfIdc.get(l.idc);
          if (first === undefined) firstVpcOfIdc.set(l.idc, l.vpc);
          else join(first, l.vpc);
        }
        break;
      case "vpn":
        attached.push([l.office, l.vpc]);
        break;
      case "shared-nat":
        break; // the internet is no transit network: handled by the internet rule
      case "transit-router":
        if (carriesVpcTransit(t, l)) for (const v of l.vpcs.slice(1)) join(l.vpcs[0]!, v);
        for (const v of l.vpcs) for (const d of l.idcs ?? []) attached.push([d, v]);
        break;
      default:
        assertNever(l, "link kind");
    }
  }
  const groups = new Map<string, number[]>();
  const add = (n: string, g: number) => {
    const gs = groups.get(n) ?? [];
    if (!gs.includes(g)) gs.push(g);
    groups.set(n, gs);
  };
  for (const v of t.vpcs) add(v.name, find(index.get(v.name)!));
  for (const [n, vpc] of attached) {
    const i = index.get(vpc);
    if (i !== undefined) add(n, find(i));
  }
  return groups;
}

/** The promise of a topology (see the module comment for the rules). */
export function topologyIntent(t: Topology): TopologyIntent {
  return new TopologyIntent(t);
}

/** One path as an independent checker found it (the fields the comparison reads). */
export interface CheckedPath {
  readonly from: string;
  readonly to: string;
  readonly status: string;
  readonly hops: readonly string[];
  readonly reason?: string;
}

/** A pair where the checked stack and the promise disagree. */
export interface IntentMismatch {
  readonly from: string;
  readonly to: string;
  readonly promised: "reach" | "not-reach";
  /** The checker's status, or `missing` when it has no result for the pair. */
  readonly found: string;
  /** Where the packet stopped (the last hop), or where it was delivered. */
  readonly at?: string;
  readonly hops: readonly string[];
  readonly reason?: string;
  /** Why the topology promises what it does. */
  readonly why: string;
}

/**
 * An independent checker's verdict over one synthesized stack: whether a pair is
 * delivered (asked for every pair, so it should be cheap), and the hop-by-hop trace of
 * a pair (asked only for the pairs that break the promise). `trace` throws for a network
 * the checker does not know.
 */
export interface CheckedStack {
  isDelivered(from: string, to: string): boolean;
  trace(from: string, to: string): CheckedPath;
}

/**
 * Every pair where `checked` differs from the promise, sorted: a promised pair that is
 * not delivered (or names a network missing from the stack), a forbidden pair that is
 * delivered. Pairs the promise leaves unchecked are skipped. Empty when the stack keeps
 * the promise.
 */
export function intentMismatches(intent: TopologyIntent, checked: CheckedStack): IntentMismatch[] {
  const out: IntentMismatch[] = [];
  intent.eachPair((from, to, promised) => {
    if (checked.isDelivered(from, to) === (promised === "reach")) return;
    const why = intent.why(from, to);
    let r: CheckedPath;
    try {
      r = checked.trace(from, to);
    } catch {
      out.push({ from, to, promised, found: "missing", hops: [], reason: "the checker found no such network in the stack", why });
      return;
    }
    out.push({ from, to, promised, found: r.status, at: r.hops.at(-1), hops: r.hops, reason: r.reason, why });
  });
  return out;
}

/** One line for a mismatch: the pair, what was promised and why, where the packet stopped. */
export function describeMismatch(m: IntentMismatch): string {
  const promised = m.promised === "reach" ? "must reach" : "must not reach";
  const found =
    m.found === "delivered"
      ? `but is delivered via ${m.hops.join(" > ")}`
      : `but is ${m.found}${m.at ? ` at ${m.at}` : ""}${m.reason ? ` (${m.reason})` : ""}${m.hops.length > 1 ? ` via ${m.hops.join(" > ")}` : ""}`;
  return `${m.from} -> ${m.to} ${promised} (${m.why}), ${found}`;
}
