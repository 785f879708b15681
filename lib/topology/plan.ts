/**
 * Route planner: derives every route table's entries from the topology.
 *
 * Model. Routers are VPC vRouters (`vpc:<name>`), VBRs (`vbr:<idc>`) and VPN gateways
 * (`vpngw:<vpc>`). Offices and IDCs are stub endpoints behind a VPN gateway or a VBR.
 * For each destination network the planner runs a breadth-first search over the link
 * graph, outward from the destination, with these transit rules:
 *
 * - offices and IDCs never carry transit traffic;
 * - a VPN gateway only forwards to its own offices (traffic from an office enters its
 *   VPC, because the IPsec local subnet is 0.0.0.0/0);
 * - a VBR forwards between its IDC and its VPCs, but not VPC to VPC, unless the IDC
 *   sets `allowVpcTransit`;
 * - a transit router (`tr:<region>`, one per region of a `transit-router` link) forwards
 *   between any of its attachments, and peer attachments join the TRs of every pair of
 *   regions; but when the link attaches IDCs that do not all allow VPC transit, a VPC
 *   sends only the link's IDCs' traffic into it (the VBR's policy, kept at the edge);
 * - the internet (0.0.0.0/0) is reachable only from a shared NAT's hub and its spokes.
 *
 * Route stability: the plan of a topology that only gains networks or links keeps every
 * entry it had (same destination, same next hop) and only adds entries. Links are
 * taken in declaration order, and a router keeps the next hop it got from the first
 * links that connected it to a destination; a link declared later only gives next hops
 * to routers that had none (see {@link nextHopsTo}). Summarization, which would merge a
 * new office's block with its neighbour's and so replace a live route, is opt-in
 * (`summarize: true`). Each next hop points at a node that had one before, so the plan
 * is a tree per destination and loop-free by construction. Whether the emitted
 * resources really deliver is checked independently by `reachability.ts` over the
 * synthesized Terraform JSON.
 */
import { assertNever } from "../private/assert-never";
import { Cidr, cidr, mergeSiblings } from "./cidr";
import { backupSupernet, idcVpnBackups, transitVpcs } from "./idc-vpn-backup";
import { carriesVpcTransit, peerPairs, transitRouters } from "./transit-router";
import { LinkSpec, Topology, TransitRouterLinkSpec } from "./types";

/** A transit-router attachment: a VPC's, an IDC's VBR's, or the peer attachment between two regions' TRs. */
export type TrAttachment =
  | { readonly kind: "vpc"; readonly vpc: string }
  /** `line`: an IDC's further line (its own VBR); absent for the first line. */
  | { readonly kind: "vbr"; readonly idc: string; readonly line?: string }
  /** Created on the TR of `regions[0]`, the region the link lists first. */
  | { readonly kind: "peer"; readonly regions: readonly [string, string] };

/** How a route leaves its table. */
export type NextHop =
  /** To the VPC's own VPN gateway (`nexthop_type = "VpnGateway"`). */
  | { readonly type: "VpnGateway"; readonly vpc: string }
  /** Over a VPC peering link (`nexthop_type = "VpcPeer"`). */
  | { readonly type: "VpcPeer"; readonly link: string }
  /** Over this router's interface of a router-interface pair (`nexthop_type = "RouterInterface"`). */
  | { readonly type: "RouterInterface"; readonly link: string }
  /** To the hub's NAT gateway (`nexthop_type = "NatGateway"`). */
  | { readonly type: "NatGateway"; readonly link: string }
  /** VPN gateway to an office: a policy route the IPsec connection's remote subnets create. */
  | { readonly type: "VpnConnection"; readonly link: string }
  /** VBR to its IDC over the physical connection (static or learned by BGP). */
  | { readonly type: "PhysicalConnection"; readonly idc: string }
  /**
   * A transit-router attachment (`nexthop_type = "Attachment"` in a VPC table, next hop
   * type `Attachment` in a TR table): the same attachment seen from either of its ends.
   */
  | { readonly type: "Attachment"; readonly link: string; readonly attachment: TrAttachment };

export type NextHopType = NextHop["type"];

export interface PlannedRoute {
  readonly destination: string;
  readonly nextHop: NextHop;
  /** The network the destination belongs to (`internet` for 0.0.0.0/0). */
  readonly network: string;
  /** When summarized: every network the destination covers. */
  readonly networks: readonly string[];
  /**
   * Added by Alibaba Cloud itself, so never emitted as an `alicloud_route_entry` (the
   * provider's create would fail on the duplicate, alicloud/resource_alicloud_route_entry.go).
   * Planned anyway, so that the tables stay complete for review and diagrams.
   * @default false
   */
  readonly system?: boolean;
  /**
   * Installed by the cloud from an attachment, so never emitted either: in a TR table, a
   * VPC's block through its own attachment and an IDC's ranges through its VBR attachment
   * (route propagation); in a VBR table, what the VBR learns from the TR it is attached to
   * (auto-publish of the TR table the attachment is associated with).
   * @default false
   */
  readonly propagated?: boolean;
  /**
   * On a VPN gateway whose office has several links on it: 100 for the active link's
   * route, 0 for a standby's; the gateway uses a weight-0 route only while the weight-100
   * one's connection is down (Alibaba Cloud VPN Gateway user guide, "Manage
   * destination-based routes"; provider alicloud/resource_alicloud_vpn_route_entry.go:51-54
   * `weight` in {0, 100}).
   * @default - 100, the office's only link on this gateway
   */
  readonly weight?: number;
  /**
   * One of several routes to this destination in one table, each through another line of
   * the same data center: a transit router learns the IDC from every line's VBR
   * attachment (propagated, so never emitted; equal cost while all are up).
   * @default false
   */
  readonly ecmp?: boolean;
  /**
   * A transit router's backup route for a data center's range: the supernet one bit
   * shorter, through the transit VPC whose VPN gateway backs the IDC's line. Used only
   * while the more specific route learned from the line is withdrawn (longest-prefix
   * match; `idc-vpn-backup.ts`). Never summarized.
   * @default false
   */
  readonly lpmBackup?: boolean;
}

export type RouterKind = "vpc" | "vbr" | "vpngw" | "tr";

export interface RouteTablePlan {
  readonly router: RouterKind;
  /**
   * VPC name for `vpc` and `vpngw`, IDC name for `vbr` (`<idc>/<line>` for an IDC's
   * further line, {@link vbrTableName}), region for `tr`.
   */
  readonly name: string;
  readonly routes: readonly PlannedRoute[];
}

/**
 * The routes of a VPC or VBR table that become `alicloud_route_entry` resources: not the
 * system routes the API adds itself (the enhanced NAT gateway's 0.0.0.0/0), not the VBR's
 * routes towards its IDC (BGP or the line carries those).
 */
export function emittedRoutes(table: RouteTablePlan): readonly PlannedRoute[] {
  return table.routes.filter((r) => !r.system && !r.propagated && r.nextHop.type !== "PhysicalConnection");
}

export interface RoutePlan {
  readonly tables: readonly RouteTablePlan[];
  /** Source network -> destination networks it can reach, per the plan. */
  readonly reaches: ReadonlyMap<string, ReadonlySet<string>>;
  table(router: RouterKind, name: string): RouteTablePlan;
}

export const INTERNET = "internet";

/** The plan's name of a line's VBR table: the IDC's for its first line, `<idc>/<line>` for a further one. */
export function vbrTableName(idc: string, line?: string): string {
  return line === undefined || line === idc ? idc : `${idc}/${line}`;
}
const DEFAULT_ROUTE = "0.0.0.0/0";

interface Edge {
  readonly to: string;
  /** Next hop as seen from the edge's source router. */
  readonly hop: NextHop;
  /** Link declaration index, for deterministic tie-breaking. */
  readonly order: number;
  /** The same link the other way. */
  rev?: Edge;
  /** Destinations (node ids) this edge may carry traffic towards. @default - any */
  readonly onlyTo?: ReadonlySet<string>;
}

interface Graph {
  readonly adj: Map<string, Edge[]>;
  /** endpoint network name -> node id it lives at */
  readonly home: Map<string, string>;
  readonly cidrs: Map<string, readonly Cidr[]>;
  /** vbr:<idc> (and vbr:<idc>/<line>) -> allowVpcTransit */
  readonly vbrTransit: Map<string, boolean>;
  /** vbr:<idc> (and vbr:<idc>/<line>) -> the IDC */
  readonly vbrIdc: Map<string, string>;
  /** VPN link name -> its role on its gateway */
  readonly roles: Map<string, "active" | "standby">;
  /** Every link as a pair of directed edges (a -> b, and its `rev`), in declaration order. */
  readonly links: readonly { readonly a: string; readonly ab: Edge }[];
}

/** Adds one link: an edge each way; `onlyTo` restricts the a -> b direction. */
type AddLink = (a: string, b: string, hop: NextHop, order: number, onlyTo?: ReadonlySet<string>) => void;

/**
 * A transit-router link's edges: the peer attachments first (so that a TR reached through
 * its own attachments hands every other region's TR a direct peer hop), then each VPC's
 * and each IDC's VBR's attachment to the TR of its region.
 */
function transitRouterEdges(t: Topology, l: TransitRouterLinkSpec, order: number, link: AddLink): void {
  const regions = transitRouters(t, l).map((r) => r.region);
  for (const [a, b] of peerPairs(regions)) {
    link(`tr:${a}`, `tr:${b}`, { type: "Attachment", link: l.name, attachment: { kind: "peer", regions: [a, b] } }, order);
  }
  const onlyTo = carriesVpcTransit(t, l) ? undefined : new Set((l.idcs ?? []).map((d) => `idc:${d}`));
  // a transit VPC hands the IDC's traffic from its VPN gateway on to every VPC of the link
  const transit = transitVpcs(t);
  for (const name of l.vpcs) {
    const region = t.vpcs.find((v) => v.name === name)!.region;
    const only = transit.has(name) ? undefined : onlyTo;
    link(`vpc:${name}`, `tr:${region}`, { type: "Attachment", link: l.name, attachment: { kind: "vpc", vpc: name } }, order, only);
  }
  for (const idc of l.idcs ?? []) {
    const d = t.idcs!.find((x) => x.name === idc)!;
    // every line's VBR on the TR of the IDC's region: the TR learns the IDC from each
    for (const line of [undefined, ...(d.additionalLines ?? []).map((x) => x.name)]) {
      const attachment = line === undefined ? { kind: "vbr" as const, idc } : { kind: "vbr" as const, idc, line };
      link(`vbr:${vbrTableName(idc, line)}`, `tr:${d.region}`, { type: "Attachment", link: l.name, attachment }, order);
    }
  }
}

/** An IDC's VPN backup: its device on the transit VPC's gateway, after every declared link. */
function idcVpnBackupEdges(t: Topology, adj: Map<string, Edge[]>, roles: Map<string, "active" | "standby">, link: AddLink): void {
  for (const b of idcVpnBackups(t)) {
    roles.set(b.vpnLink, "active");
    if (!adj.get(`vpc:${b.vpc}`)?.some((e) => e.to === `vpngw:${b.vpc}`)) {
      link(`vpc:${b.vpc}`, `vpngw:${b.vpc}`, { type: "VpnGateway", vpc: b.vpc }, t.links.length);
    }
    link(`vpngw:${b.vpc}`, `idc:${b.idc.name}`, { type: "VpnConnection", link: b.vpnLink }, t.links.length);
  }
}

function buildGraph(t: Topology): Graph {
  const adj = new Map<string, Edge[]>();
  const home = new Map<string, string>();
  const cidrs = new Map<string, readonly Cidr[]>();
  const vbrTransit = new Map<string, boolean>();
  const vbrIdc = new Map<string, string>();
  const roles = new Map<string, "active" | "standby">();
  const links: { a: string; ab: Edge }[] = [];
  const node = (id: string) => {
    if (!adj.has(id)) adj.set(id, []);
  };
  /** One link: an edge each way, the same next hop description on both sides. */
  const link: AddLink = (a, b, hop, order, onlyTo) => {
    node(a);
    node(b);
    const ab: Edge = { to: b, hop, order, onlyTo };
    const ba: Edge = { to: a, hop, order, rev: ab };
    ab.rev = ba;
    adj.get(a)!.push(ab);
    adj.get(b)!.push(ba);
    links.push({ a, ab });
  };

  for (const v of t.vpcs) {
    node(`vpc:${v.name}`);
    home.set(v.name, `vpc:${v.name}`);
    cidrs.set(v.name, [cidr(v.cidr)]);
  }
  for (const o of t.offices ?? []) {
    home.set(o.name, `office:${o.name}`);
    cidrs.set(o.name, o.cidrs.map(cidr));
  }
  for (const d of t.idcs ?? []) {
    home.set(d.name, `idc:${d.name}`);
    cidrs.set(d.name, d.cidrs.map(cidr));
    // one VBR per line, the first line's first: the IDC's traffic enters there
    for (const line of [d.name, ...(d.additionalLines ?? []).map((l) => l.name)]) {
      const vbr = `vbr:${vbrTableName(d.name, line)}`;
      vbrTransit.set(vbr, d.allowVpcTransit ?? false);
      vbrIdc.set(vbr, d.name);
      link(vbr, `idc:${d.name}`, { type: "PhysicalConnection", idc: d.name }, -1);
    }
  }
  t.links.forEach((l: LinkSpec, order) => {
    switch (l.kind) {
      case "peering":
        link(`vpc:${l.requester}`, `vpc:${l.acceptor}`, { type: "VpcPeer", link: l.name }, order);
        break;
      case "router-interface":
        link(`vpc:${l.from}`, `vpc:${l.to}`, { type: "RouterInterface", link: l.name }, order);
        break;
      case "vbr":
        link(`vpc:${l.vpc}`, `vbr:${vbrTableName(l.idc, l.line)}`, { type: "RouterInterface", link: l.name }, order);
        break;
      case "vpn":
        roles.set(l.name, l.role ?? "active");
        // one VPC <-> gateway edge pair, however many offices use the gateway
        if (!adj.get(`vpc:${l.vpc}`)?.some((e) => e.to === `vpngw:${l.vpc}`)) {
          link(`vpc:${l.vpc}`, `vpngw:${l.vpc}`, { type: "VpnGateway", vpc: l.vpc }, order);
        }
        link(`vpngw:${l.vpc}`, `office:${l.office}`, { type: "VpnConnection", link: l.name }, order);
        break;
      case "shared-nat":
        break; // the internet is planned separately: it is not a transit network
      case "transit-router":
        transitRouterEdges(t, l, order, link);
        break;
      default:
        assertNever(l, "link kind");
    }
  });
  idcVpnBackupEdges(t, adj, roles, link);
  return { adj, home, cidrs, vbrTransit, vbrIdc, roles, links };
}

/** May `node` forward traffic towards `dest` (a node id) as an intermediate hop? */
function canTransit(g: Graph, node: string, dest: string): boolean {
  if (node.startsWith("office:") || node.startsWith("idc:")) return false;
  if (node.startsWith("vpngw:")) return dest.startsWith("office:");
  if (node.startsWith("vbr:")) return dest === `idc:${g.vbrIdc.get(node)}` || g.vbrTransit.get(node) === true;
  return true;
}

/**
 * Every node's next hop towards `dest` (a node id), stable under appended links.
 *
 * Links are added one at a time in declaration order (a leased line's physical
 * connection first). When a link joins a node that already reaches `dest` and may pass
 * traffic on, to one that does not, the latter takes the link as its next hop, and a
 * breadth-first search spreads from it over the links added so far. A node never
 * changes its next hop afterwards, so a later link that offers a shorter path is used
 * only by nodes it newly connects: appending a link or a network adds routes and
 * changes none. Each link is looked at once per destination (O(links + nodes)).
 */
function nextHopsTo(g: Graph, dest: string): Map<string, Edge> {
  const hop = new Map<string, Edge>();
  const reached = (n: string) => n === dest || hop.has(n);
  const forwards = (n: string) => n === dest || canTransit(g, n, dest);
  /** May a node take `e` (an edge from it) as its next hop towards dest? */
  const may = (e: Edge) => e.onlyTo === undefined || e.onlyTo.has(dest);
  const active = new Map<string, Edge[]>();
  const spread = (start: string) => {
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const cur = queue[head]!;
      if (!forwards(cur)) continue;
      for (const e of active.get(cur) ?? []) {
        if (reached(e.to) || !may(e.rev!)) continue;
        hop.set(e.to, e.rev!);
        queue.push(e.to);
      }
    }
  };
  for (const { a, ab } of g.links) {
    const b = ab.to;
    if (!active.has(a)) active.set(a, []);
    if (!active.has(b)) active.set(b, []);
    active.get(a)!.push(ab);
    active.get(b)!.push(ab.rev!);
    if (reached(a) && forwards(a) && !reached(b) && may(ab.rev!)) {
      hop.set(b, ab.rev!);
      spread(b);
    } else if (reached(b) && forwards(b) && !reached(a) && may(ab)) {
      hop.set(a, ab);
      spread(a);
    }
  }
  return hop;
}

/**
 * An office on several gateways: each of those gateways' VPCs sends the office's traffic
 * to its own gateway (the shortest way, and the one a failure of another gateway leaves
 * intact), and the gateway to its active link of the office. For an office on one gateway
 * this is the tree's own choice. An IDC with a VPN backup likewise: the transit VPC's
 * table holds one route per prefix, and it must be the gateway's (the transit router's
 * backup route sends the IDC's traffic there). Loop-free: the gateway's next hop is the
 * site itself.
 */
function preferOwnGateways(g: Graph, dest: string, hops: Map<string, Edge>): void {
  for (const back of g.adj.get(dest) ?? []) {
    if (back.hop.type !== "VpnConnection") continue;
    const gw = back.to;
    const toOffice = (g.adj.get(gw) ?? []).filter((e) => e.to === dest);
    const active = toOffice.find((e) => e.hop.type === "VpnConnection" && g.roles.get(e.hop.link) !== "standby") ?? toOffice[0];
    const vpc = `vpc:${gw.slice("vpngw:".length)}`;
    const up = (g.adj.get(vpc) ?? []).find((e) => e.to === gw);
    if (!active || !up) continue;
    hops.set(gw, active);
    hops.set(vpc, up);
  }
}

/** One table entry's next hop, with what tells it apart from its siblings for one destination. */
interface Alternative {
  readonly edge: Edge;
  readonly extra: { readonly weight?: number; readonly ecmp?: boolean };
}

/**
 * The next hops router `r` installs towards `dest`, given the tree's choice `next`: the
 * choice alone, except on a VPN gateway with several links to the office (one route per
 * link, weighted by role) and on a transit router with several lines' VBRs of the
 * destination data center attached (one equal-cost, propagated route per line).
 */
function alternatives(g: Graph, r: string, next: Edge, dest: string): Alternative[] {
  if (r.startsWith("vpngw:") && next.hop.type === "VpnConnection") {
    const links = (g.adj.get(r) ?? []).filter((e) => e.to === dest && e.hop.type === "VpnConnection");
    if (links.length < 2) return [{ edge: next, extra: {} }];
    return links.map((edge) => {
      const standby = edge.hop.type === "VpnConnection" && g.roles.get(edge.hop.link) === "standby";
      return { edge, extra: { weight: standby ? 0 : 100 } };
    });
  }
  const idc = g.vbrIdc.get(next.to);
  if (!r.startsWith("tr:") || idc === undefined || dest !== `idc:${idc}`) return [{ edge: next, extra: {} }];
  const lines = (g.adj.get(r) ?? []).filter((e) => g.vbrIdc.get(e.to) === idc && e.hop.type === "Attachment");
  if (lines.length < 2) return [{ edge: next, extra: {} }];
  return lines.map((edge) => ({ edge, extra: { ecmp: true } }));
}

/** The router an endpoint's traffic enters first (a VPC is its own router). */
function entryRouter(g: Graph, network: string): string | undefined {
  const home = g.home.get(network)!;
  if (home.startsWith("vpc:")) return home;
  return g.adj.get(home)?.[0]?.to;
}

/**
 * Whether the cloud installs router `r`'s route to `network` through `hop` itself: a TR's
 * route to a VPC or IDC through that network's own attachment (route propagation), a
 * VBR's route through its TR attachment (auto-publish). See TR_PROPAGATION in
 * transit-router-facts.ts for the sources.
 */
function isPropagated(r: string, hop: NextHop, network: string): boolean {
  if (hop.type !== "Attachment") return false;
  if (r.startsWith("vbr:")) return true;
  const a = hop.attachment;
  switch (a.kind) {
    case "vpc":
      return a.vpc === network;
    case "vbr":
      return a.idc === network;
    case "peer":
      return false; // peer attachments propagate nothing: the far region's routes are static
    default:
      return assertNever(a, "attachment kind");
  }
}

/** Plans every route table of a validated topology. */
export function planRoutes(t: Topology): RoutePlan {
  const g = buildGraph(t);
  const routers = [...g.adj.keys()].filter((n) => /^(vpc|vbr|vpngw|tr):/.test(n));
  const tables = new Map<string, PlannedRoute[]>(routers.map((r) => [r, []]));
  /** router -> destination network -> chosen edge */
  const chosen = new Map<string, Map<string, Edge>>(routers.map((r) => [r, new Map()]));

  for (const [network, dest] of g.home) {
    const hops = nextHopsTo(g, dest);
    if (dest.startsWith("office:") || dest.startsWith("idc:")) preferOwnGateways(g, dest, hops);
    for (const r of routers) {
      const next = hops.get(r);
      if (r === dest || !next) continue;
      // A VPN gateway hands everything but its offices' traffic back to its VPC
      // implicitly; only the policy routes to its offices are entries of its own.
      if (r.startsWith("vpngw:") && next.hop.type !== "VpnConnection") continue;
      chosen.get(r)!.set(network, next);
      const propagated = isPropagated(r, next.hop, network) ? { propagated: true } : {};
      const alts = alternatives(g, r, next, dest);
      for (const c of g.cidrs.get(network)!) {
        for (const a of alts)
          tables.get(r)!.push({ destination: c.text, nextHop: a.edge.hop, network, networks: [network], ...propagated, ...a.extra });
      }
    }
  }

  // The plan's own view of who reaches whom: follow the chosen next hops from the
  // source's first router. A VPN gateway hands anything not bound for one of its
  // offices to its VPC (IPsec local subnet 0.0.0.0/0).
  const reaches = new Map<string, Set<string>>([...g.home.keys()].map((n) => [n, new Set<string>()]));
  const entries = new Map([...g.home.keys()].map((n) => [n, entryRouter(g, n)]));
  for (const [dst, target] of g.home) {
    // routers from which the chosen next hops lead to dst (memoized walk per router)
    const memo = new Map<string, boolean>();
    const leads = (r: string, depth: number): boolean => {
      if (r === target) return true;
      const known = memo.get(r);
      if (known !== undefined) return known;
      if (depth > routers.length) return false;
      const e = chosen.get(r)?.get(dst);
      const next = e ? e.to : r.startsWith("vpngw:") ? `vpc:${r.slice(6)}` : undefined;
      const ok = next !== undefined && leads(next, depth + 1);
      memo.set(r, ok);
      return ok;
    };
    for (const [src, entry] of entries) {
      if (src !== dst && entry !== undefined && leads(entry, 0)) reaches.get(src)!.add(dst);
    }
  }

  planInternet(t, g, tables, reaches);
  planIdcVpnBackups(t, tables);

  const out: RouteTablePlan[] = routers.map((r) => {
    const [router, name] = r.split(":") as [RouterKind, string];
    const routes = tables.get(r)!;
    return { router, name, routes: t.summarize === true ? summarize(routes) : routes };
  });
  return {
    tables: out,
    reaches,
    table(router: RouterKind, name: string): RouteTablePlan {
      const found = out.find((x) => x.router === router && x.name === name);
      if (!found) throw new Error(`no ${router} route table named ${name}; have ${out.map((x) => `${x.router}:${x.name}`).join(", ")}`);
      return found;
    },
  };
}

/**
 * The internet through each shared NAT: hub -> NAT, spokes -> their link to the hub. The
 * hub's entry is the system route that creating an enhanced internet NAT gateway adds to
 * the VPC's route table (CreateNatGateway API docs, usage notes).
 */
function planInternet(t: Topology, g: Graph, tables: Map<string, PlannedRoute[]>, reaches: Map<string, Set<string>>): void {
  for (const l of t.links) {
    if (l.kind !== "shared-nat") continue;
    tables.get(`vpc:${l.hub}`)!.push({
      destination: DEFAULT_ROUTE,
      nextHop: { type: "NatGateway", link: l.name },
      network: INTERNET,
      networks: [INTERNET],
      system: true,
    });
    reaches.get(l.hub)!.add(INTERNET);
    for (const s of l.spokes) {
      const e = g.adj.get(`vpc:${s}`)!.find((x) => x.to === `vpc:${l.hub}`);
      if (!e) continue;
      tables.get(`vpc:${s}`)!.push({ destination: DEFAULT_ROUTE, nextHop: e.hop, network: INTERNET, networks: [INTERNET] });
      reaches.get(s)!.add(INTERNET);
    }
  }
}

/**
 * Each IDC range's backup route in the transit router of its transit VPC's region: the
 * supernet one bit shorter through the transit VPC's attachment (`idc-vpn-backup.ts`).
 */
function planIdcVpnBackups(t: Topology, tables: Map<string, PlannedRoute[]>): void {
  for (const b of idcVpnBackups(t)) {
    const table = tables.get(`tr:${b.region}`);
    if (!table) continue;
    for (const c of b.idc.cidrs)
      table.push({
        destination: backupSupernet(cidr(c)).text,
        nextHop: { type: "Attachment", link: b.link, attachment: { kind: "vpc", vpc: b.vpc } },
        network: b.idc.name,
        networks: [b.idc.name],
        lpmBackup: true,
      });
  }
}

/**
 * Exact summarization of one table: sibling destinations with the same next hop merge
 * into their parent, unless the parent is already a destination of its own.
 */
function summarize(routes: readonly PlannedRoute[]): PlannedRoute[] {
  const key = (h: NextHop) => JSON.stringify(h);
  // a destination with several next hops (weights, equal cost), or a backup supernet, stays as it is
  const several = (r: PlannedRoute) => r.weight !== undefined || r.ecmp === true || r.lpmBackup === true;
  const merged = mergeSiblings(
    routes.filter((r) => !several(r)).map((r) => ({ cidr: cidr(r.destination), value: r })),
    (a, b) => key(a.nextHop) === key(b.nextHop),
    new Set(routes.map((r) => r.destination)),
  );
  const order = new Map(routes.map((r, i) => [r, i]));
  return [...merged, ...routes.filter(several).map((r) => ({ merged: [r], value: r, cidr: cidr(r.destination) }))]
    .sort((a, b) => order.get(a.merged[0]!)! - order.get(b.merged[0]!)!)
    .map((m) =>
      m.merged.length === 1
        ? m.value
        : {
            destination: m.cidr.text,
            nextHop: m.value.nextHop,
            network: m.merged.map((x) => x.network).join("+"),
            networks: m.merged.flatMap((x) => x.networks),
          },
    );
}
