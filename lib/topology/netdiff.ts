/**
 * netdiff: what a change does to the network, from two synthesized trees alone.
 *
 * A judge like `reachability.ts`, built apart from what it judges: it reads only synthesized Terraform
 * JSON (`cdktf.out/stacks/<stack>/cdk.tf.json`), never the topology, the planner or the
 * constructs, and needs no Terraform and no credentials. Per stack it reports:
 * - reachability: ordered pairs of networks that gain or lose a delivered path
 *   (`checkReachability` on base and head), the internet included;
 * - route entries (VPC and VBR tables, VPN gateway routes, BGP advertisements) added,
 *   removed and replaced, with destination and next hop; a replacement is an outage
 *   risk, because Terraform destroys the live entry before it creates the new one;
 * - security-group rules added, removed and replaced, and any that admits a public
 *   source;
 * - protected resources (leased line, VBR, NAT gateway, NAT EIP) destroyed or replaced;
 * - a Mermaid diagram of the head with changed links highlighted (`netdiff-diagram.ts`).
 *
 * Blocking findings (the PR check fails on them): a protected resource destroyed or
 * replaced, a new path from or to the internet, a new rule admitting a public source.
 */
import { cidr, contains, isCidr, parseCidr } from "./cidr";
import { headDiagram } from "./netdiff-diagram";
import { PROTECTED_TYPES, REPLACE_ON_CHANGE } from "./netdiff-facts";
import { checkReachability, INTERNET_NETWORK, SiteEndpoint } from "./reachability";

export type Attrs = Record<string, unknown>;
/** One synthesized stack (`cdk.tf.json`). */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Attrs>>;
  readonly provider?: Record<string, unknown>;
}
/** A synthesized tree: stack name -> its JSON. */
export type SynthTree = ReadonlyMap<string, StackJson>;

export type ResourceChange = "added" | "removed" | "replaced" | "updated";

export interface RouteChange {
  readonly table: string;
  /** `updated`: an argument that does not force a replacement (a gateway route's weight). */
  readonly change: "added" | "removed" | "replaced" | "updated";
  readonly destination: string;
  readonly nextHop: string;
}

export interface RuleChange {
  readonly group: string;
  readonly change: ResourceChange;
  readonly source: string;
  readonly ports: string;
  /** The source is outside the private ranges. */
  readonly internet: boolean;
}

export interface ProtectedChange {
  readonly label: string;
  readonly name: string;
  readonly address: string;
  readonly change: "destroyed" | "replaced";
}

export interface StackDiff {
  readonly stack: string;
  /** `from->to` pairs delivered in head only / in base only. */
  readonly gained: readonly string[];
  readonly lost: readonly string[];
  readonly routes: readonly RouteChange[];
  readonly rules: readonly RuleChange[];
  readonly protectedChanges: readonly ProtectedChange[];
  /** New VPC-to-VPC links (peering, router-interface pair) that no route entry uses. */
  readonly unusedLinks: readonly string[];
  /** Every resource address that is added, removed, replaced or updated. */
  readonly resources: ReadonlyMap<string, ResourceChange>;
  readonly base: StackJson;
  readonly head: StackJson;
}

export interface NetDiff {
  readonly stacks: readonly StackDiff[];
  readonly unchanged: readonly string[];
  /** One line per blocking finding; empty when the change may merge without an override. */
  readonly blocking: readonly string[];
}

const REF = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}/g;
const ONE_REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/;
/** RFC 1918 and RFC 6598 (shared address space): sources that are not the internet. */
const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map(cidr);

const refOf = (v: unknown): { type: string; name: string } | undefined => {
  const m = typeof v === "string" ? ONE_REF.exec(v) : null;
  return m ? { type: m[1]!, name: m[2]! } : undefined;
};

function resourcesOf(s: StackJson | undefined): Map<string, { type: string; name: string; body: Attrs }> {
  const out = new Map<string, { type: string; name: string; body: Attrs }>();
  for (const [type, byName] of Object.entries(s?.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, { type, name, body });
  }
  return out;
}

/** Arguments as Terraform diffs them: without cdktf metadata and meta-arguments. */
function argsOf(body: Attrs): Attrs {
  const { "//": _meta, depends_on: _order, lifecycle: _lifecycle, provider: _provider, ...args } = body;
  return args;
}

/** What happens to every address between base and head, ForceNew propagated through references. */
export function classifyResources(base: StackJson | undefined, head: StackJson | undefined): Map<string, ResourceChange> {
  const [b, h] = [resourcesOf(base), resourcesOf(head)];
  const out = new Map<string, ResourceChange>();
  for (const a of b.keys()) if (!h.has(a)) out.set(a, "removed");
  for (const a of h.keys()) if (!b.has(a)) out.set(a, "added");
  const changed = new Set<string>();
  for (const [a, { type, body }] of h) {
    const old = b.get(a);
    if (!old) continue;
    const [x, y] = [argsOf(old.body), argsOf(body)];
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
    if (keys.length > 0 || old.body.provider !== body.provider) changed.add(a);
    const facts = REPLACE_ON_CHANGE[type];
    if (old.body.provider !== body.provider || keys.some((k) => facts?.forceNew.includes(k))) out.set(a, "replaced");
  }
  // a ForceNew argument that references a re-created resource gets a new value at apply
  for (let grew = true; grew;) {
    grew = false;
    for (const [a, { type, body }] of h) {
      if (!b.has(a) || out.get(a) === "replaced") continue;
      const facts = REPLACE_ON_CHANGE[type];
      const refs = (facts?.forceNew ?? []).flatMap((k) => [...JSON.stringify(body[k] ?? null).matchAll(REF)].map((m) => `${m[1]}.${m[2]}`));
      if (refs.some((r) => out.get(r) === "replaced" || out.get(r) === "added")) {
        out.set(a, "replaced");
        grew = true;
      }
    }
  }
  for (const a of changed) if (!out.has(a)) out.set(a, "updated");
  return out;
}

/** Sites outside Terraform, read back from the stack itself (customer gateways, VBRs). */
export function sitesFromStack(s: StackJson): { offices: SiteEndpoint[]; idcs: SiteEndpoint[] } {
  const res = s.resource ?? {};
  const all = (type: string) => Object.entries(res[type] ?? {});
  // offices: a customer gateway, and the remote subnets of the connections that use it
  const offices = all("alicloud_vpn_customer_gateway").map(([key, g]) => {
    const cidrs = new Set<string>();
    for (const [, c] of all("alicloud_vpn_connection")) {
      const cg =
        refOf(c.customer_gateway_id) ?? refOf(((c.tunnel_options_specification as Attrs[] | undefined) ?? [])[0]?.customer_gateway_id);
      if (cg?.name === key) for (const r of (c.remote_subnet as string[] | undefined) ?? []) cidrs.add(r);
    }
    return { name: String(g.customer_gateway_name ?? key), publicIp: String(g.ip_address), cidrs: [...cidrs] };
  });
  // IDCs: a VBR, and what VPC tables route over router interfaces to it, outside every VPC
  // (a VBR that carries transit traffic is also the way to other VPCs and their offices)
  const vpcs = [...all("alicloud_vpc").map(([, v]) => cidr(String(v.cidr_block))), ...offices.flatMap((o) => o.cidrs.map(cidr))];
  const riRouter = new Map(all("alicloud_express_connect_router_interface").map(([k, ri]) => [k, refOf(ri.router_id)]));
  const peerOf = new Map<string, string>();
  for (const [, c] of all("alicloud_router_interface_connection")) {
    const [a, b] = [refOf(c.interface_id)?.name, refOf(c.opposite_interface_id)?.name];
    if (a && b) peerOf.set(a, b);
  }
  const idcs = all("alicloud_express_connect_virtual_border_router")
    .map(([key, v]) => {
      const cidrs = new Set<string>();
      for (const [, e] of all("alicloud_route_entry")) {
        const hop = refOf(e.nexthop_id);
        if (e.nexthop_type !== "RouterInterface" || !hop) continue;
        const far = peerOf.get(hop.name);
        if (!far || riRouter.get(far)?.name !== key) continue;
        const d = parseCidr(String(e.destination_cidrblock));
        if (isCidr(d) && !vpcs.some((c) => contains(c, d) || contains(d, c))) cidrs.add(d.text);
      }
      return {
        name: String(v.virtual_border_router_name ?? key),
        cidrs: [...cidrs],
        vbr: { vlanId: Number(v.vlan_id), peerGatewayIp: String(v.peer_gateway_ip) },
      };
    })
    .filter((d) => d.cidrs.length > 0);
  return { offices: offices.filter((o) => o.cidrs.length > 0), idcs };
}

/** A readable name for the resource a reference points at. */
function nameOf(s: StackJson, v: unknown): string {
  const r = refOf(v);
  if (!r) return String(v);
  const body = s.resource?.[r.type]?.[r.name] ?? {};
  for (const f of [
    "peer_connection_name",
    "router_interface_name",
    "vpn_gateway_name",
    "vpn_connection_name",
    "nat_gateway_name",
    "vpc_name",
    "virtual_border_router_name",
    "security_group_name",
  ]) {
    if (typeof body[f] === "string") return body[f] as string;
  }
  return r.name;
}

interface RouteRow {
  readonly address: string;
  readonly table: string;
  readonly destination: string;
  readonly nextHop: string;
  readonly label?: string;
}

/** Route-like resources of one stack, by address. */
function routeRows(s: StackJson): Map<string, RouteRow> {
  const out = new Map<string, RouteRow>();
  const res = s.resource ?? {};
  for (const [k, e] of Object.entries(res.alicloud_route_entry ?? {})) {
    const t = refOf(e.route_table_id);
    const table = t?.type === "alicloud_vpc" ? `VPC ${nameOf(s, e.route_table_id)}` : `VBR ${nameOf(s, e.route_table_id)}`;
    out.set(`alicloud_route_entry.${k}`, {
      address: `alicloud_route_entry.${k}`,
      table,
      destination: String(e.destination_cidrblock),
      nextHop: `${String(e.nexthop_type)} ${nameOf(s, e.nexthop_id)}`,
      label: typeof e.name === "string" ? e.name : undefined,
    });
  }
  for (const [k, e] of Object.entries(res.alicloud_vpn_route_entry ?? {})) {
    out.set(`alicloud_vpn_route_entry.${k}`, {
      address: `alicloud_vpn_route_entry.${k}`,
      table: `VPN gateway ${nameOf(s, e.vpn_gateway_id)}`,
      destination: String(e.route_dest),
      nextHop: `IPsec ${nameOf(s, e.next_hop)}`,
    });
  }
  for (const [k, e] of Object.entries(res.alicloud_vpc_bgp_network ?? {})) {
    out.set(`alicloud_vpc_bgp_network.${k}`, {
      address: `alicloud_vpc_bgp_network.${k}`,
      table: `VBR ${nameOf(s, e.router_id)} (BGP)`,
      destination: String(e.dst_cidr_block),
      nextHop: "advertised",
    });
  }
  return out;
}

function covers(a: string, b: string): boolean {
  const [x, y] = [parseCidr(a), parseCidr(b)];
  return isCidr(x) && isCidr(y) && (contains(x, y) || contains(y, x));
}

function routeChanges(base: StackJson, head: StackJson, classes: Map<string, ResourceChange>): RouteChange[] {
  const [b, h] = [routeRows(base), routeRows(head)];
  const out: RouteChange[] = [];
  const removed = [...b.values()].filter((r) => classes.get(r.address) === "removed");
  const added = [...h.values()].filter((r) => classes.get(r.address) === "added");
  // a removed and an added entry of one table for the same network (same entry name, or
  // one destination inside the other, as summarization does) are one replacement
  const pairedAdded = new Set<string>();
  for (const r of removed) {
    const twin = added.find(
      (a) =>
        !pairedAdded.has(a.address) &&
        a.table === r.table &&
        ((r.label !== undefined && a.label === r.label) || covers(a.destination, r.destination)),
    );
    if (twin) {
      pairedAdded.add(twin.address);
      out.push({
        table: r.table,
        change: "replaced",
        destination: r.destination === twin.destination ? r.destination : `${r.destination} → ${twin.destination}`,
        nextHop: r.nextHop === twin.nextHop ? r.nextHop : `${r.nextHop} → ${twin.nextHop}`,
      });
    } else {
      out.push({ table: r.table, change: "removed", destination: r.destination, nextHop: r.nextHop });
    }
  }
  for (const a of added)
    if (!pairedAdded.has(a.address)) out.push({ table: a.table, change: "added", destination: a.destination, nextHop: a.nextHop });
  for (const [addr, r] of h) {
    if (classes.get(addr) !== "replaced" && classes.get(addr) !== "updated") continue;
    const old = b.get(addr)!;
    out.push({
      table: r.table,
      change: classes.get(addr) === "replaced" ? "replaced" : "updated",
      destination: old.destination === r.destination ? r.destination : `${old.destination} → ${r.destination}`,
      nextHop: old.nextHop === r.nextHop ? r.nextHop : `${old.nextHop} → ${r.nextHop}`,
    });
  }
  return out.sort(
    (x, y) => x.table.localeCompare(y.table) || x.destination.localeCompare(y.destination) || x.change.localeCompare(y.change),
  );
}

function isPublic(source: string): boolean {
  const c = parseCidr(source);
  return !isCidr(c) || !PRIVATE.some((p) => contains(p, c));
}

function ruleChanges(base: StackJson, head: StackJson, classes: Map<string, ResourceChange>): RuleChange[] {
  const rows = (s: StackJson) =>
    new Map(
      Object.entries(s.resource?.alicloud_security_group_rule ?? {}).map(([k, r]) => [
        `alicloud_security_group_rule.${k}`,
        {
          group: nameOf(s, r.security_group_id),
          source: `${String(r.cidr_ip ?? r.source_security_group_id ?? r.prefix_list_id)}${typeof r.description === "string" ? ` (${r.description})` : ""}`,
          ports: `${String(r.type)} ${String(r.ip_protocol)} ${String(r.port_range)}`,
          internet: r.type === "ingress" && typeof r.cidr_ip === "string" && isPublic(r.cidr_ip),
        },
      ]),
    );
  const [b, h] = [rows(base), rows(head)];
  const out: RuleChange[] = [];
  for (const [a, change] of classes) {
    if (!a.startsWith("alicloud_security_group_rule.")) continue;
    const r = change === "removed" ? b.get(a)! : h.get(a)!;
    out.push({ ...r, change });
  }
  return out.sort((x, y) => x.group.localeCompare(y.group) || x.source.localeCompare(y.source) || x.change.localeCompare(y.change));
}

function protectedChanges(base: StackJson, classes: Map<string, ResourceChange>): ProtectedChange[] {
  const out: ProtectedChange[] = [];
  for (const [a, change] of classes) {
    const [type, name] = a.split(".") as [string, string];
    const p = PROTECTED_TYPES[type];
    if (!p || (change !== "removed" && change !== "replaced")) continue;
    const body = base.resource?.[type]?.[name] ?? {};
    out.push({
      label: p.label,
      name: String(body[p.nameField] ?? name),
      address: a,
      change: change === "removed" ? "destroyed" : "replaced",
    });
  }
  return out.sort((x, y) => x.address.localeCompare(y.address));
}

/**
 * Links added by this change that no route entry of the head uses: the planner prefers
 * links in declaration order, so a link appended where older links already connect both
 * sides carries nothing until it is declared earlier.
 */
function unusedLinks(h: StackJson, classes: Map<string, ResourceChange>): string[] {
  const res = h.resource ?? {};
  const used = new Set(
    Object.values(res.alicloud_route_entry ?? {})
      .map((e) => refOf(e.nexthop_id))
      .filter((r) => r !== undefined)
      .map((r) => `${r.type}.${r.name}`),
  );
  const out: string[] = [];
  for (const [k, p] of Object.entries(res.alicloud_vpc_peer_connection ?? {})) {
    if (classes.get(`alicloud_vpc_peer_connection.${k}`) === "added" && !used.has(`alicloud_vpc_peer_connection.${k}`))
      out.push(`peering \`${String(p.peer_connection_name ?? k)}\``);
  }
  for (const [k, ri] of Object.entries(res.alicloud_express_connect_router_interface ?? {})) {
    // one line per pair: its initiating side names it
    if (ri.role !== "InitiatingSide" || classes.get(`alicloud_express_connect_router_interface.${k}`) !== "added") continue;
    const peers = Object.values(res.alicloud_router_interface_connection ?? {})
      .filter((c) => refOf(c.interface_id)?.name === k)
      .map((c) => refOf(c.opposite_interface_id)?.name);
    if (
      !used.has(`alicloud_express_connect_router_interface.${k}`) &&
      !peers.some((o) => used.has(`alicloud_express_connect_router_interface.${o}`))
    ) {
      out.push(`router-interface pair \`${String(ri.router_interface_name ?? k)}\``);
    }
  }
  return out.sort();
}

function delivered(s: StackJson): Set<string> {
  return new Set(checkReachability(s, sitesFromStack(s)).delivered);
}

/** Compares two synthesized trees stack by stack. */
export function netdiff(base: SynthTree, head: SynthTree): NetDiff {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  const stacks: StackDiff[] = [];
  const unchanged: string[] = [];
  const blocking: string[] = [];
  for (const stack of names) {
    const [b, h] = [base.get(stack) ?? {}, head.get(stack) ?? {}];
    const classes = classifyResources(b, h);
    const [db, dh] = [delivered(b), delivered(h)];
    const gained = [...dh].filter((p) => !db.has(p)).sort();
    const lost = [...db].filter((p) => !dh.has(p)).sort();
    if (classes.size === 0 && gained.length === 0 && lost.length === 0) {
      unchanged.push(stack);
      continue;
    }
    const d: StackDiff = {
      stack,
      gained,
      lost,
      routes: routeChanges(b, h, classes),
      rules: ruleChanges(b, h, classes),
      protectedChanges: protectedChanges(b, classes),
      unusedLinks: unusedLinks(h, classes),
      resources: classes,
      base: b,
      head: h,
    };
    stacks.push(d);
    for (const p of d.protectedChanges) blocking.push(`\`${stack}\`: ${p.label} \`${p.name}\` would be ${p.change}`);
    for (const p of gained.filter((x) => x.split("->").includes(INTERNET_NETWORK)))
      blocking.push(`\`${stack}\`: new internet path ${arrow(p)}`);
    for (const r of d.rules.filter((x) => x.internet && x.change !== "removed"))
      blocking.push(`\`${stack}\`: security group \`${r.group}\` admits ${r.source} from the internet`);
  }
  return { stacks, unchanged, blocking };
}

const arrow = (pair: string) =>
  pair
    .split("->")
    .map((n) => `\`${n}\``)
    .join(" → ");

/**
 * Pairs as few lines: pairs changed both ways are grouped around the network they share
 * most (`x` ↔ `a`, `b`), the rest by source (`a` → `x`, `y`).
 */
export function pairLines(pairs: readonly string[]): string[] {
  const set = new Set(pairs);
  const both: [string, string][] = [];
  const oneWay = new Map<string, string[]>();
  for (const p of pairs) {
    const [a, b] = p.split("->") as [string, string];
    if (set.has(`${b}->${a}`)) {
      if (a < b) both.push([a, b]);
    } else oneWay.set(a, [...(oneWay.get(a) ?? []), b]);
  }
  const out: string[] = [];
  const list = (names: string[]) =>
    names
      .sort()
      .map((n) => `\`${n}\``)
      .join(", ");
  while (both.length > 0) {
    const degree = new Map<string, number>();
    for (const [a, b] of both) for (const n of [a, b]) degree.set(n, (degree.get(n) ?? 0) + 1);
    const [hubName] = [...degree].sort(([x, m], [y, n]) => n - m || x.localeCompare(y))[0]!;
    const partners = both.filter((e) => e.includes(hubName)).map(([a, b]) => (a === hubName ? b : a));
    out.push(`\`${hubName}\` ↔ ${list(partners)}`);
    for (let i = both.length - 1; i >= 0; i--) if (both[i]!.includes(hubName)) both.splice(i, 1);
  }
  for (const [a, targets] of [...oneWay].sort(([x], [y]) => x.localeCompare(y))) out.push(`\`${a}\` → ${list(targets)}`);
  return out;
}

/** The PR comment marker: the workflow finds its own comment by it. */
export const NETDIFF_MARKER = "<!-- netdiff -->";
/** The label that lets a PR with blocking findings pass (documented in docs/netdiff.md). */
export const OVERRIDE_LABEL = "netdiff-override";

const CHANGE_TEXT = { added: "added", removed: "removed", replaced: "**replaced: outage risk**", updated: "updated in place" } as const;

/** The Markdown report, as the PR comment shows it. */
export function renderNetdiff(d: NetDiff): string {
  const lines: string[] = [NETDIFF_MARKER, "## Network changes (netdiff)", ""];
  if (d.blocking.length > 0) {
    lines.push(
      `**Blocking: ${d.blocking.length} finding${d.blocking.length > 1 ? "s" : ""}.** The check fails unless the PR carries the label \`${OVERRIDE_LABEL}\`.`,
      "",
    );
    for (const b of d.blocking) lines.push(`- ${b}`);
    lines.push("");
  } else {
    lines.push(
      "No blocking findings: no protected resource destroyed or replaced, no new internet path, no rule admitting a public source.",
      "",
    );
  }
  if (d.stacks.length === 0) lines.push("No network changes.", "");
  for (const s of d.stacks) {
    lines.push(`### \`${s.stack}\``, "");
    const internet = (p: string) => p.split("->").includes(INTERNET_NETWORK);
    const gained = pairLines(s.gained.filter((p) => !internet(p)));
    const lost = pairLines(s.lost);
    const newInternet = s.gained.filter(internet).map(arrow);
    const replaced = s.routes.filter((r) => r.change === "replaced").length;
    lines.push(
      `Reachability: ${s.gained.length} ordered pair${s.gained.length === 1 ? "" : "s"} gained, ${s.lost.length} lost. Route entries: ${[
        "added",
        "removed",
        "replaced",
      ]
        .map((c) => `${s.routes.filter((r) => r.change === c).length} ${c}`)
        .join(", ")}${replaced > 0 ? " (outage risk)" : ""}.`,
      "",
    );
    if (gained.length + lost.length + newInternet.length > 0) {
      lines.push("**Reachability**", "");
      for (const p of newInternet) lines.push(`- **new internet path**: ${p}`);
      for (const p of gained) lines.push(`- gained: ${p}`);
      for (const p of lost) lines.push(`- lost: ${p}`);
      lines.push("");
    }
    if (s.routes.length > 0) {
      lines.push("**Route entries**", "", "| Route table | Change | Destination | Next hop |", "|---|---|---|---|");
      for (const r of s.routes) lines.push(`| ${r.table} | ${CHANGE_TEXT[r.change]} | ${r.destination} | ${r.nextHop} |`);
      lines.push("");
    }
    if (s.rules.length > 0) {
      lines.push("**Security groups**", "", "| Security group | Change | Source | Rule |", "|---|---|---|---|");
      for (const r of s.rules) lines.push(`| ${r.group} | ${r.change}${r.internet ? " **(internet)**" : ""} | ${r.source} | ${r.ports} |`);
      lines.push("");
    }
    // anything else re-created or deleted: a replaced VPN gateway gets a new public IP,
    // a replaced IPsec connection renegotiates
    const others = [...s.resources]
      .filter(
        ([addr, c]) =>
          (c === "replaced" || c === "removed") &&
          !/^alicloud_(route_entry|vpn_route_entry|vpc_bgp_network|security_group_rule)\./.test(addr) &&
          !s.protectedChanges.some((p) => p.address === addr),
      )
      .sort(([x], [y]) => x.localeCompare(y));
    if (others.length > 0) {
      lines.push("**Other resources replaced or destroyed**", "");
      for (const [addr, c] of others) {
        const [type, key] = addr.split(".") as [string, string];
        const body = (c === "removed" ? s.base : s.head).resource?.[type]?.[key] ?? {};
        const name = Object.entries(body).find(([k, v]) => k.endsWith("_name") && typeof v === "string")?.[1] as string | undefined;
        lines.push(`- ${c === "removed" ? "destroyed" : "replaced"}: ${type}${name ? ` \`${name}\`` : ""} (\`${addr}\`)`);
      }
      lines.push("");
    }
    if (s.unusedLinks.length > 0) {
      lines.push("**New links no route uses**", "");
      for (const l of s.unusedLinks)
        lines.push(
          `- ${l}: older links already connect both sides (links are preferred in declaration order; declare it earlier to use it)`,
        );
      lines.push("");
    }
    if (s.protectedChanges.length > 0) {
      lines.push("**Protected resources**", "");
      for (const p of s.protectedChanges) lines.push(`- **${p.change}**: ${p.label} \`${p.name}\` (\`${p.address}\`)`);
      lines.push("");
    }
    lines.push(
      "<details><summary>Diagram of the head (changed links in red)</summary>",
      "",
      "```mermaid",
      ...headDiagram(s.head, s.resources, sitesFromStack(s.head)),
      "```",
      "",
      "</details>",
      "",
    );
  }
  if (d.unchanged.length > 0) lines.push(`Unchanged: ${d.unchanged.map((x) => `\`${x}\``).join(", ")}.`, "");
  return lines.join("\n");
}
