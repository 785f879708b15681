/**
 * netdiff: what a change does to the network, from two synthesized trees alone.
 *
 * A judge like `reachability.ts`: it reads only synthesized Terraform JSON
 * (`cdktf.out/stacks/<stack>/cdk.tf.json`) through `lib/tfjson`, never the topology, the
 * planner or the constructs, and needs no Terraform and no credentials. Per stack it
 * reports:
 * - reachability: ordered pairs of networks that gain or lose a delivered path
 *   (`checkReachability` on base and head), the internet included;
 * - route entries (VPC and VBR tables, VPN gateway routes, BGP advertisements) added,
 *   removed and replaced, with destination and next hop; a replacement is an outage
 *   risk, because Terraform destroys the live entry before it creates the new one;
 * - security-group rules added, removed and replaced, and any that admits a public
 *   source;
 * - VPN gateways and VPCs destroyed or replaced, with the offices on each gateway;
 * - protected resources (leased line, VBR, NAT gateway, NAT EIP) destroyed or replaced;
 * - resources created, with a cost hint where the project knows one;
 * - a Mermaid diagram of the head with changed links highlighted (`netdiff-diagram.ts`).
 *
 * Blocking findings (the PR check fails on them): a protected resource destroyed or
 * replaced, a new path from or to the internet, a new rule admitting a public source.
 */
import { StackJson, SynthTree, TfStack, TransitRouterReader } from "../tfjson";
import { cidr, contains, isCidr, parseCidr } from "../topology/cidr";
import { classifyResources, ResourceChange } from "./changes";
import { costHint } from "./netdiff-costs";
import { PROTECTED_TYPES } from "./netdiff-facts";
import { arrow } from "./netdiff-render";
import { CreatedResource, GatewayChange, NetDiff, ProtectedChange, RouteChange, RouteRow, RuleChange, StackDiff } from "./netdiff-types";
import { trGatewayChanges, trRouteRows } from "./netdiff-tr";
import { checkReachability, INTERNET_NETWORK, ReachabilityReport } from "./reachability";
import { customerGatewayOf, sitesFromStack } from "./stack-sites";
import { failureElements } from "./failures";
import { redundancyDiff } from "./netdiff-redundancy";

export { classifyResources } from "./changes";
export { NETDIFF_MARKER, OVERRIDE_LABEL, pairLines, renderNetdiff } from "./netdiff-render";
export type * from "./netdiff-types";
export { sitesFromStack } from "./stack-sites";
export type { StackJson, SynthTree } from "../tfjson";

/** RFC 1918 and RFC 6598 (shared address space): sources that are not the internet. */
const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map(cidr);

/** Fields that name a resource for people, in order of preference. */
const NAME_FIELDS = [
  "peer_connection_name",
  "router_interface_name",
  "vpn_gateway_name",
  "vpn_connection_name",
  "nat_gateway_name",
  "vpc_name",
  "virtual_border_router_name",
  "security_group_name",
];

/** A readable name for the resource a reference points at. */
function nameOf(s: TfStack, v: unknown): string {
  const r = s.ref(v);
  if (!r) return String(v);
  const attrs = s.get(r.address)?.attrs ?? {};
  const field = NAME_FIELDS.find((f) => typeof attrs[f] === "string");
  return field ? (attrs[field] as string) : r.name;
}

/** The first `*_name` argument of a resource, for lists of resources. */
function ownName(attrs: Readonly<Record<string, unknown>>): string | undefined {
  return Object.entries(attrs).find(([k, v]) => k.endsWith("_name") && typeof v === "string")?.[1] as string | undefined;
}

/** Route-like resources of one stack, by address. */
function routeRows(s: TfStack): Map<string, RouteRow> {
  const out = new Map<string, RouteRow>();
  const trs = new TransitRouterReader(s);
  for (const e of s.resources("alicloud_route_entry")) {
    const kind = s.ref(e.attrs.route_table_id)?.type === "alicloud_vpc" ? "VPC" : "VBR";
    const attachment = e.attrs.nexthop_type === "Attachment" ? trs.attachment(e.attrs.nexthop_id) : undefined;
    out.set(e.address, {
      address: e.address,
      table: `${kind} ${nameOf(s, e.attrs.route_table_id)}`,
      destination: String(e.attrs.destination_cidrblock),
      nextHop: attachment
        ? `TR ${trs.routerName(attachment.router)} via ${trs.label(attachment)}`
        : `${String(e.attrs.nexthop_type)} ${nameOf(s, e.attrs.nexthop_id)}`,
      label: typeof e.attrs.name === "string" ? e.attrs.name : undefined,
    });
  }
  for (const e of s.resources("alicloud_vpn_route_entry")) {
    const nextHop = `IPsec ${nameOf(s, e.attrs.next_hop)}`;
    out.set(e.address, {
      address: e.address,
      table: `VPN gateway ${nameOf(s, e.attrs.vpn_gateway_id)}`,
      destination: String(e.attrs.route_dest),
      nextHop,
      label: nextHop,
    });
  }
  for (const e of s.resources("alicloud_vpc_bgp_network")) {
    out.set(e.address, {
      address: e.address,
      table: `VBR ${nameOf(s, e.attrs.router_id)} (BGP)`,
      destination: String(e.attrs.dst_cidr_block),
      nextHop: "advertised",
    });
  }
  for (const r of trRouteRows(s)) out.set(r.address, r);
  return out;
}

function covers(a: string, b: string): boolean {
  const [x, y] = [parseCidr(a), parseCidr(b)];
  return isCidr(x) && isCidr(y) && (contains(x, y) || contains(y, x));
}

const transition = (a: string, b: string) => (a === b ? a : `${a} → ${b}`);

/**
 * Removed and added rows of one table that are one network's route: overlapping
 * destinations first (summarization), then the same label. Each added row pairs once.
 */
function pairReplacements(removed: readonly RouteRow[], added: readonly RouteRow[]): Map<RouteRow, RouteRow> {
  const byTable = new Map<string, RouteRow[]>();
  for (const a of added) {
    const list = byTable.get(a.table);
    if (list) list.push(a);
    else byTable.set(a.table, [a]);
  }
  const taken = new Set<RouteRow>();
  const pairs = new Map<RouteRow, RouteRow>();
  for (const match of [
    (r: RouteRow, a: RouteRow) => covers(a.destination, r.destination),
    (r: RouteRow, a: RouteRow) => r.label !== undefined && a.label === r.label,
  ]) {
    for (const r of removed) {
      if (pairs.has(r)) continue;
      const twin = (byTable.get(r.table) ?? []).find((a) => !taken.has(a) && match(r, a));
      if (twin) {
        taken.add(twin);
        pairs.set(r, twin);
      }
    }
  }
  return pairs;
}

function routeChanges(base: TfStack, head: TfStack, classes: ReadonlyMap<string, ResourceChange>): RouteChange[] {
  const [b, h] = [routeRows(base), routeRows(head)];
  const removed = [...b.values()].filter((r) => classes.get(r.address) === "removed");
  const added = [...h.values()].filter((r) => classes.get(r.address) === "added");
  const pairs = pairReplacements(removed, added);
  const paired = new Set(pairs.values());
  const out: RouteChange[] = removed.map((r) => {
    const twin = pairs.get(r);
    return twin
      ? {
          table: r.table,
          change: "replaced",
          destination: transition(r.destination, twin.destination),
          nextHop: transition(r.nextHop, twin.nextHop),
        }
      : { table: r.table, change: "removed", destination: r.destination, nextHop: r.nextHop };
  });
  for (const a of added) if (!paired.has(a)) out.push({ table: a.table, change: "added", destination: a.destination, nextHop: a.nextHop });
  for (const [addr, r] of h) {
    const c = classes.get(addr);
    if (c !== "replaced" && c !== "updated") continue;
    const old = b.get(addr)!;
    out.push({
      table: r.table,
      change: c,
      destination: transition(old.destination, r.destination),
      nextHop: transition(old.nextHop, r.nextHop),
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

function ruleRows(s: TfStack): Map<string, Omit<RuleChange, "change">> {
  return new Map(
    s.resources("alicloud_security_group_rule").map((r) => {
      const a = r.attrs;
      const described = typeof a.description === "string" ? ` (${a.description})` : "";
      return [
        r.address,
        {
          group: nameOf(s, a.security_group_id),
          source: `${String(a.cidr_ip ?? a.source_security_group_id ?? a.prefix_list_id)}${described}`,
          ports: `${String(a.type)} ${String(a.ip_protocol)} ${String(a.port_range)}`,
          internet: a.type === "ingress" && typeof a.cidr_ip === "string" && isPublic(a.cidr_ip),
        },
      ];
    }),
  );
}

function ruleChanges(base: TfStack, head: TfStack, classes: ReadonlyMap<string, ResourceChange>): RuleChange[] {
  const [b, h] = [ruleRows(base), ruleRows(head)];
  const out: RuleChange[] = [];
  for (const [a, change] of classes) {
    if (!a.startsWith("alicloud_security_group_rule.")) continue;
    out.push({ ...(change === "removed" ? b.get(a)! : h.get(a)!), change });
  }
  return out.sort((x, y) => x.group.localeCompare(y.group) || x.source.localeCompare(y.source) || x.change.localeCompare(y.change));
}

const lostOrReplaced = (c: ResourceChange | undefined): "destroyed" | "replaced" | undefined =>
  c === "removed" ? "destroyed" : c === "replaced" ? "replaced" : undefined;

function protectedChanges(base: TfStack, classes: ReadonlyMap<string, ResourceChange>): ProtectedChange[] {
  const out: ProtectedChange[] = [];
  for (const [a, c] of classes) {
    const change = lostOrReplaced(c);
    const r = base.get(a);
    const p = r ? PROTECTED_TYPES[r.type] : undefined;
    if (!change || !r || !p) continue;
    out.push({ label: p.label, name: String(r.attrs[p.nameField] ?? r.name), address: a, change });
  }
  return out.sort((x, y) => x.address.localeCompare(y.address));
}

/** VPN gateways and VPCs of the base destroyed or replaced, each gateway with the offices on it. */
function gatewayChanges(base: TfStack, classes: ReadonlyMap<string, ResourceChange>): GatewayChange[] {
  const out: GatewayChange[] = [];
  for (const g of base.resources("alicloud_vpn_gateway")) {
    const change = lostOrReplaced(classes.get(g.address));
    if (!change) continue;
    const offices = base
      .referrers("alicloud_vpn_connection", "vpn_gateway_id", g)
      .map((c) => customerGatewayOf(base, c.attrs))
      .map((cg) => (cg === undefined ? undefined : base.resource("alicloud_vpn_customer_gateway", cg)))
      .map((cg) => (cg ? String(cg.attrs.customer_gateway_name ?? cg.name) : undefined))
      .filter((n): n is string => n !== undefined);
    out.push({
      kind: "VPN gateway",
      name: String(g.attrs.vpn_gateway_name ?? g.name),
      address: g.address,
      change,
      offices: [...new Set(offices)].sort(),
    });
  }
  for (const v of base.resources("alicloud_vpc")) {
    const change = lostOrReplaced(classes.get(v.address));
    if (change) out.push({ kind: "VPC", name: String(v.attrs.vpc_name ?? v.name), address: v.address, change, offices: [] });
  }
  return [...out, ...trGatewayChanges(base, classes)];
}

function createdResources(head: TfStack, classes: ReadonlyMap<string, ResourceChange>): CreatedResource[] {
  const out: CreatedResource[] = [];
  for (const [a, c] of classes) {
    const r = c === "added" ? head.get(a) : undefined;
    if (r) out.push({ type: r.type, name: ownName(r.attrs) ?? r.name, address: a, cost: costHint(r.type, r.attrs) });
  }
  return out.sort((x, y) => x.type.localeCompare(y.type) || x.name.localeCompare(y.name) || x.address.localeCompare(y.address));
}

/**
 * Links added by this change that no route entry of the head uses: the planner prefers
 * links in declaration order, so a link appended where older links already connect both
 * sides carries nothing until it is declared earlier.
 */
function unusedLinks(h: TfStack, classes: ReadonlyMap<string, ResourceChange>): string[] {
  const used = new Set(
    h
      .resources("alicloud_route_entry")
      .map((e) => h.ref(e.attrs.nexthop_id)?.address)
      .filter((a) => a !== undefined),
  );
  const fresh = (a: string) => classes.get(a) === "added" && !used.has(a);
  const out: string[] = [];
  for (const p of h.resources("alicloud_vpc_peer_connection"))
    if (fresh(p.address)) out.push(`peering \`${String(p.attrs.peer_connection_name ?? p.name)}\``);
  for (const ri of h.resources("alicloud_express_connect_router_interface")) {
    // one line per pair: its initiating side names it
    if (ri.attrs.role !== "InitiatingSide" || !fresh(ri.address)) continue;
    const peers = h
      .referrers("alicloud_router_interface_connection", "interface_id", ri)
      .map((c) => h.ref(c.attrs.opposite_interface_id)?.address);
    if (!peers.some((o) => o !== undefined && used.has(o)))
      out.push(`router-interface pair \`${String(ri.attrs.router_interface_name ?? ri.name)}\``);
  }
  return out.sort();
}

function reachabilityOf(s: TfStack): ReachabilityReport {
  return checkReachability(s, sitesFromStack(s));
}

function diffStack(stack: string, baseJson: StackJson, headJson: StackJson): StackDiff | undefined {
  const [b, h] = [new TfStack(baseJson), new TfStack(headJson)];
  const classes = classifyResources(baseJson, headJson);
  const [rb, rh] = [reachabilityOf(b), reachabilityOf(h)];
  const [gained, lost] = [rh.deliveredOnlyHere(rb), rb.deliveredOnlyHere(rh)];
  if (classes.size === 0 && gained.length === 0 && lost.length === 0) return undefined;
  return {
    stack,
    gained,
    lost,
    routes: routeChanges(b, h, classes),
    rules: ruleChanges(b, h, classes),
    protectedChanges: protectedChanges(b, classes),
    gateways: gatewayChanges(b, classes),
    created: createdResources(h, classes),
    unusedLinks: unusedLinks(h, classes),
    redundancy: redundancyDiff(b, h),
    headElements: new Set(failureElements(h, sitesFromStack(h)).map((e) => e.id)),
    resources: classes,
    base: baseJson,
    head: headJson,
  };
}

function blockingOf(d: StackDiff): string[] {
  return [
    ...d.protectedChanges.map((p) => `\`${d.stack}\`: ${p.label} \`${p.name}\` would be ${p.change}`),
    ...d.gained.filter((x) => x.split("->").includes(INTERNET_NETWORK)).map((p) => `\`${d.stack}\`: new internet path ${arrow(p)}`),
    ...d.rules
      .filter((x) => x.internet && x.change !== "removed")
      .map((r) => `\`${d.stack}\`: security group \`${r.group}\` admits ${r.source} from the internet`),
  ];
}

/** Compares two synthesized trees stack by stack. */
export function netdiff(base: SynthTree, head: SynthTree): NetDiff {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  const stacks: StackDiff[] = [];
  const unchanged: string[] = [];
  for (const stack of names) {
    const d = diffStack(stack, base.get(stack) ?? {}, head.get(stack) ?? {});
    if (d) stacks.push(d);
    else unchanged.push(stack);
  }
  return { stacks, unchanged, blocking: stacks.flatMap(blockingOf) };
}
