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
 * - the internet (0.0.0.0/0) is reachable only from a shared NAT's hub and its spokes.
 *
 * Each router's next hop towards a destination is a neighbour one step closer to it
 * (ties broken by link declaration order), so the plan is loop-free by construction.
 * Whether the emitted resources really deliver is checked independently by
 * `reachability.ts` over the synthesized Terraform JSON.
 */
import { Cidr, cidr, mergeSiblings } from "./cidr";
import { LinkSpec, Topology } from "./types";

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
  | { readonly type: "PhysicalConnection"; readonly idc: string };

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
}

export type RouterKind = "vpc" | "vbr" | "vpngw";

export interface RouteTablePlan {
  readonly router: RouterKind;
  /** VPC name for `vpc` and `vpngw`, IDC name for `vbr`. */
  readonly name: string;
  readonly routes: readonly PlannedRoute[];
}

export interface RoutePlan {
  readonly tables: readonly RouteTablePlan[];
  /** Source network -> destination networks it can reach, per the plan. */
  readonly reaches: ReadonlyMap<string, ReadonlySet<string>>;
  table(router: RouterKind, name: string): RouteTablePlan;
}

export const INTERNET = "internet";
const DEFAULT_ROUTE = "0.0.0.0/0";

interface Edge {
  readonly to: string;
  /** Next hop as seen from the edge's source router. */
  readonly hop: NextHop;
  /** Link declaration index, for deterministic tie-breaking. */
  readonly order: number;
}

interface Graph {
  readonly adj: Map<string, Edge[]>;
  /** endpoint network name -> node id it lives at */
  readonly home: Map<string, string>;
  readonly cidrs: Map<string, readonly Cidr[]>;
  /** vbr:<idc> -> allowVpcTransit */
  readonly vbrTransit: Map<string, boolean>;
}

function buildGraph(t: Topology): Graph {
  const adj = new Map<string, Edge[]>();
  const home = new Map<string, string>();
  const cidrs = new Map<string, readonly Cidr[]>();
  const vbrTransit = new Map<string, boolean>();
  const node = (id: string) => { if (!adj.has(id)) adj.set(id, []); };
  const edge = (from: string, to: string, hop: NextHop, order: number) => { node(from); node(to); adj.get(from)!.push({ to, hop, order }); };

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
    vbrTransit.set(`vbr:${d.name}`, d.allowVpcTransit ?? false);
    edge(`vbr:${d.name}`, `idc:${d.name}`, { type: "PhysicalConnection", idc: d.name }, -1);
    edge(`idc:${d.name}`, `vbr:${d.name}`, { type: "PhysicalConnection", idc: d.name }, -1);
  }
  t.links.forEach((l: LinkSpec, order) => {
    switch (l.kind) {
      case "peering":
        edge(`vpc:${l.requester}`, `vpc:${l.acceptor}`, { type: "VpcPeer", link: l.name }, order);
        edge(`vpc:${l.acceptor}`, `vpc:${l.requester}`, { type: "VpcPeer", link: l.name }, order);
        break;
      case "router-interface":
        edge(`vpc:${l.from}`, `vpc:${l.to}`, { type: "RouterInterface", link: l.name }, order);
        edge(`vpc:${l.to}`, `vpc:${l.from}`, { type: "RouterInterface", link: l.name }, order);
        break;
      case "vbr":
        edge(`vpc:${l.vpc}`, `vbr:${l.idc}`, { type: "RouterInterface", link: l.name }, order);
        edge(`vbr:${l.idc}`, `vpc:${l.vpc}`, { type: "RouterInterface", link: l.name }, order);
        break;
      case "vpn":
        // one VPC <-> gateway edge pair, however many offices use the gateway
        if (!adj.get(`vpc:${l.vpc}`)?.some((e) => e.to === `vpngw:${l.vpc}`)) {
          edge(`vpc:${l.vpc}`, `vpngw:${l.vpc}`, { type: "VpnGateway", vpc: l.vpc }, order);
          edge(`vpngw:${l.vpc}`, `vpc:${l.vpc}`, { type: "VpnGateway", vpc: l.vpc }, order);
        }
        edge(`vpngw:${l.vpc}`, `office:${l.office}`, { type: "VpnConnection", link: l.name }, order);
        edge(`office:${l.office}`, `vpngw:${l.vpc}`, { type: "VpnConnection", link: l.name }, order);
        break;
      case "shared-nat":
        break; // the internet is planned separately: it is not a transit network
    }
  });
  return { adj, home, cidrs, vbrTransit };
}

/** May `node` forward traffic towards `dest` (a node id) as an intermediate hop? */
function canTransit(g: Graph, node: string, dest: string): boolean {
  if (node.startsWith("office:") || node.startsWith("idc:")) return false;
  if (node.startsWith("vpngw:")) return dest.startsWith("office:");
  if (node.startsWith("vbr:")) return dest === `idc:${node.slice(4)}` || g.vbrTransit.get(node) === true;
  return true;
}

/** Distance of every node to `dest` over links usable for it. */
function distancesTo(g: Graph, dest: string): Map<string, number> {
  const dist = new Map<string, number>([[dest, 0]]);
  const queue = [dest];
  for (let head = 0; head < queue.length; head++) {
    const cur = queue[head]!;
    // a node other than the destination may pass traffic on only if it can transit
    if (cur !== dest && !canTransit(g, cur, dest)) continue;
    for (const e of g.adj.get(cur) ?? []) {
      if (!dist.has(e.to)) {
        dist.set(e.to, dist.get(cur)! + 1);
        queue.push(e.to);
      }
    }
  }
  return dist;
}

/** The router an endpoint's traffic enters first (a VPC is its own router). */
function entryRouter(g: Graph, network: string): string | undefined {
  const home = g.home.get(network)!;
  if (home.startsWith("vpc:")) return home;
  return g.adj.get(home)?.[0]?.to;
}

/** Plans every route table of a validated topology. */
export function planRoutes(t: Topology): RoutePlan {
  const g = buildGraph(t);
  const routers = [...g.adj.keys()].filter((n) => /^(vpc|vbr|vpngw):/.test(n));
  const tables = new Map<string, PlannedRoute[]>(routers.map((r) => [r, []]));
  /** router -> destination network -> chosen edge */
  const chosen = new Map<string, Map<string, Edge>>(routers.map((r) => [r, new Map()]));

  for (const [network, dest] of g.home) {
    const dist = distancesTo(g, dest);
    for (const r of routers) {
      const d = dist.get(r);
      if (r === dest || d === undefined) continue;
      // first edge (in declaration order) to a neighbour one step closer
      const next = g.adj.get(r)!.find((e) => dist.get(e.to) === d - 1 && (e.to === dest || canTransit(g, e.to, dest)));
      if (!next) continue;
      // A VPN gateway hands everything but its offices' traffic back to its VPC
      // implicitly; only the policy routes to its offices are entries of its own.
      if (r.startsWith("vpngw:") && next.hop.type !== "VpnConnection") continue;
      chosen.get(r)!.set(network, next);
      for (const c of g.cidrs.get(network)!) tables.get(r)!.push({ destination: c.text, nextHop: next.hop, network, networks: [network] });
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

  // internet through each shared NAT: hub -> NAT, spokes -> their link to the hub. The
  // hub's entry is the system route that creating an enhanced internet NAT gateway adds
  // to the VPC's route table (CreateNatGateway API docs, usage notes).
  for (const l of t.links) {
    if (l.kind !== "shared-nat") continue;
    tables.get(`vpc:${l.hub}`)!.push({ destination: DEFAULT_ROUTE, nextHop: { type: "NatGateway", link: l.name }, network: INTERNET, networks: [INTERNET], system: true });
    reaches.get(l.hub)!.add(INTERNET);
    for (const s of l.spokes) {
      const e = g.adj.get(`vpc:${s}`)!.find((x) => x.to === `vpc:${l.hub}`);
      if (!e) continue;
      tables.get(`vpc:${s}`)!.push({ destination: DEFAULT_ROUTE, nextHop: e.hop, network: INTERNET, networks: [INTERNET] });
      reaches.get(s)!.add(INTERNET);
    }
  }

  const out: RouteTablePlan[] = routers.map((r) => {
    const [router, name] = r.split(":") as [RouterKind, string];
    const routes = tables.get(r)!;
    return { router, name, routes: t.summarize === false ? routes : summarize(routes) };
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
 * Exact summarization of one table: sibling destinations with the same next hop merge
 * into their parent, unless the parent is already a destination of its own.
 */
function summarize(routes: readonly PlannedRoute[]): PlannedRoute[] {
  const key = (h: NextHop) => JSON.stringify(h);
  const merged = mergeSiblings(
    routes.map((r) => ({ cidr: cidr(r.destination), value: r })),
    (a, b) => key(a.nextHop) === key(b.nextHop),
    new Set(routes.map((r) => r.destination)),
  );
  const order = new Map(routes.map((r, i) => [r, i]));
  return merged
    .sort((a, b) => order.get(a.merged[0]!)! - order.get(b.merged[0]!)!)
    .map((m) => m.merged.length === 1 ? m.value : {
      destination: m.cidr.text,
      nextHop: m.value.nextHop,
      network: m.merged.map((x) => x.network).join("+"),
      networks: m.merged.flatMap((x) => x.networks),
    });
}
