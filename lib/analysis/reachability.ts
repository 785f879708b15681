/**
 * Reachability checker, independent of the planner: it reads a synthesized Terraform
 * JSON stack (`cdk.tf.json`), rebuilds the forwarding state the resources describe and
 * walks a packet hop by hop for every ordered pair of networks.
 *
 * What it models, from the JSON alone:
 * - a VPC router delivers its own CIDR and otherwise follows `alicloud_route_entry`
 *   rows on its route table (longest prefix wins);
 * - `VpcPeer` crosses a `alicloud_vpc_peer_connection` (cross-account only once an
 *   accepter exists); `RouterInterface` crosses a router-interface pair only when both
 *   `alicloud_router_interface_connection` sides exist; `VpnGateway` enters the VPC's
 *   VPN gateway; `NatGateway` reaches the internet only for sources with a SNAT entry;
 * - a VPN gateway follows its destination routes (`alicloud_vpn_route_entry`, plus the
 *   connection's own remote subnets unless `auto_config_route` is false) to an IPsec
 *   connection, which delivers only inside its remote subnets and only to the office
 *   whose address is the customer gateway's; anything else goes back to its VPC (local
 *   subnet 0.0.0.0/0);
 * - a VBR follows its route table; it delivers to its IDC when BGP is configured on it
 *   or a static route points at the physical connection;
 * - the internet enters only through DNAT (`alicloud_forward_entry`) on a NAT gateway.
 *
 * Sites outside Terraform (office and IDC address ranges) are given by the caller.
 */
import { Cidr, cidr, isCidr, longestMatch, parseCidr } from "../topology/cidr";

export type PathStatus = "delivered" | "blackholed" | "looped";

export interface PathResult {
  readonly from: string;
  readonly to: string;
  readonly status: PathStatus;
  /** Routers visited, e.g. `vpc:us-vpc`, `vpngw:us-vpc`, `nat:egress`. */
  readonly hops: readonly string[];
  /** Why a packet was dropped or looped. */
  readonly reason?: string;
}

/** An on-premises site: where it attaches and what it owns. */
export interface SiteEndpoint {
  readonly name: string;
  readonly cidrs: readonly string[];
  /** Office: its gateway's public IP (matched to `alicloud_vpn_customer_gateway.ip_address`). */
  readonly publicIp?: string;
  /** IDC: its VBR's VLAN and peer gateway IP (matched to the VBR resource). */
  readonly vbr?: { readonly vlanId: number; readonly peerGatewayIp: string };
}

export const INTERNET_NETWORK = "internet";
/** A probe address outside every private range. */
const INTERNET_PROBE = "8.8.8.8";
const DEFAULT_ROUTE = "0.0.0.0/0";

type Resources = Record<string, Record<string, Record<string, unknown>>>;
type Attrs = Record<string, unknown>;

interface Route {
  readonly dest: Cidr;
  readonly next: Next;
}
type Next =
  | { readonly kind: "router"; readonly id: string }
  | { readonly kind: "deliver"; readonly network: string }
  | { readonly kind: "internet"; readonly nat: string }
  | { readonly kind: "drop"; readonly reason: string };

interface Router {
  readonly id: string;
  readonly routes: Route[];
  /** Fallback when nothing matches (a VPN gateway hands traffic back to its VPC). */
  fallback?: Next;
}

interface Network {
  readonly name: string;
  readonly cidrs: readonly Cidr[];
  /** Router its traffic enters first; undefined when nothing attaches it. */
  readonly entry?: string;
}

const REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

export class ForwardingModel {
  readonly routers = new Map<string, Router>();
  readonly networks = new Map<string, Network>();
  /** NAT router id -> SNAT source blocks. */
  private readonly snat = new Map<string, Cidr[]>();
  private readonly dnatTargets: string[] = [];

  constructor(
    stack: { resource?: Resources; provider?: { alicloud?: readonly Attrs[] } },
    sites: { offices?: readonly SiteEndpoint[]; idcs?: readonly SiteEndpoint[] } = {},
  ) {
    const res: Resources = stack.resource ?? {};
    const all = (type: string) => Object.entries(res[type] ?? {});
    const get = (type: string, name: string) => res[type]?.[name];
    const ref = (v: unknown): { type: string; name: string; attr: string } | undefined => {
      const m = typeof v === "string" ? REF.exec(v) : null;
      return m ? { type: m[1]!, name: m[2]!, attr: m[3]! } : undefined;
    };
    const router = (id: string): Router => {
      let r = this.routers.get(id);
      if (!r) {
        r = { id, routes: [] };
        this.routers.set(id, r);
      }
      return r;
    };
    const label = (type: string, name: string, field: string) => String(get(type, name)?.[field] ?? name);
    // Whose account a resource is in: the credentials of the provider that creates it (its
    // block without alias and region). Every peering names its acceptor's UID, same
    // account too, so the UID alone cannot tell; a stack without provider blocks (a test
    // fixture) falls back to "an acceptor UID means another account".
    const identity = (p: unknown): string | undefined => {
      const alias = /^alicloud\.(.+)$/.exec(String(p ?? ""))?.[1];
      const block = (stack.provider?.alicloud ?? []).find((b) => b.alias === alias);
      if (!block) return undefined;
      const { alias: _a, region: _r, ...credentials } = block;
      return JSON.stringify(credentials);
    };
    const crossAccount = (peering: Attrs, acceptingVpc: Attrs | undefined): boolean => {
      const [a, b] = [identity(peering.provider), identity(acceptingVpc?.provider)];
      return a !== undefined && b !== undefined ? a !== b : peering.accepting_ali_uid !== undefined;
    };

    // VPCs: routers that deliver their own CIDR
    const vpcRouter = new Map<string, string>(); // resource name -> router id
    for (const [name, a] of all("alicloud_vpc")) {
      const id = `vpc:${label("alicloud_vpc", name, "vpc_name")}`;
      vpcRouter.set(name, id);
      const c = cidr(String(a.cidr_block));
      router(id).routes.push({ dest: c, next: { kind: "deliver", network: label("alicloud_vpc", name, "vpc_name") } });
      this.networks.set(label("alicloud_vpc", name, "vpc_name"), { name: label("alicloud_vpc", name, "vpc_name"), cidrs: [c], entry: id });
    }
    const vpcOfRef = (v: unknown): string | undefined => {
      const r = ref(v);
      return r && r.type === "alicloud_vpc" ? vpcRouter.get(r.name) : undefined;
    };

    // VBRs and their IDCs
    const vbrRouter = new Map<string, string>();
    for (const [name, a] of all("alicloud_express_connect_virtual_border_router")) {
      const site = (sites.idcs ?? []).find((s) => s.vbr && s.vbr.vlanId === a.vlan_id && s.vbr.peerGatewayIp === a.peer_gateway_ip);
      const id = `vbr:${site?.name ?? label("alicloud_express_connect_virtual_border_router", name, "virtual_border_router_name")}`;
      vbrRouter.set(name, id);
      router(id);
      if (site) {
        const toIdc =
          all("alicloud_vpc_bgp_group").some(([, g]) => ref(g.router_id)?.name === name) ||
          all("alicloud_route_entry").some(
            ([, e]) => ref(e.route_table_id)?.name === name && /^(PhysicalConnection|VBR|Vbr)/.test(String(e.nexthop_type)),
          );
        const cidrs = site.cidrs.map(cidr);
        for (const c of cidrs) {
          router(id).routes.push({
            dest: c,
            next: toIdc
              ? { kind: "deliver", network: site.name }
              : { kind: "drop", reason: `VBR has neither BGP nor a static route towards ${site.name}` },
          });
        }
        this.networks.set(site.name, { name: site.name, cidrs, entry: id });
      }
    }
    const routerOfRef = (v: unknown): string | undefined => {
      const r = ref(v);
      if (!r) return undefined;
      if (r.type === "alicloud_vpc") return vpcRouter.get(r.name);
      if (r.type === "alicloud_express_connect_virtual_border_router") return vbrRouter.get(r.name);
      return undefined;
    };

    // VPN gateways and offices
    const vpnRouter = new Map<string, string>();
    for (const [name, a] of all("alicloud_vpn_gateway")) {
      const vpc = vpcOfRef(a.vpc_id);
      const id = `vpngw:${vpc ? vpc.slice(4) : name}`;
      vpnRouter.set(name, id);
      router(id).fallback = vpc ? { kind: "router", id: vpc } : { kind: "drop", reason: "VPN gateway in no known VPC" };
    }
    // IPsec connections: which office sits behind each, and which destinations its
    // traffic selectors (remote_subnet) admit.
    const connections = new Map<string, { gw: string; office?: SiteEndpoint; ip: unknown; selectors: Cidr[] }>();
    for (const [name, c] of all("alicloud_vpn_connection")) {
      const gw = ref(c.vpn_gateway_id);
      const gwRouter = gw ? vpnRouter.get(gw.name) : undefined;
      if (!gwRouter) continue;
      const cgw =
        ref(c.customer_gateway_id) ?? ref(((c.tunnel_options_specification as Attrs[] | undefined) ?? [])[0]?.customer_gateway_id);
      const ip = cgw ? get("alicloud_vpn_customer_gateway", cgw.name)?.ip_address : undefined;
      const office = (sites.offices ?? []).find((o) => o.publicIp === ip);
      const selectors = ((c.remote_subnet as string[] | undefined) ?? []).map(parseCidr).filter(isCidr);
      connections.set(name, { gw: gwRouter, office, ip, selectors });
      if (office && !this.networks.has(office.name))
        this.networks.set(office.name, { name: office.name, cidrs: office.cidrs.map(cidr), entry: gwRouter });
    }
    const toOffice = (conn: { office?: SiteEndpoint; ip: unknown; selectors: Cidr[] }, dest: Cidr): Next => {
      if (!conn.office) return { kind: "drop", reason: `IPsec peer ${String(conn.ip)} is no known office` };
      if (longestMatch(dest.address.toString(), conn.selectors) < 0)
        return { kind: "drop", reason: `${dest.text} is outside the connection's remote subnets` };
      return { kind: "deliver", network: conn.office.name };
    };
    // Destination routes on the gateway (alicloud_vpn_route_entry) ...
    for (const [, e] of all("alicloud_vpn_route_entry")) {
      const gw = ref(e.vpn_gateway_id);
      const conn = ref(e.next_hop);
      const c = conn && conn.type === "alicloud_vpn_connection" ? connections.get(conn.name) : undefined;
      const d = parseCidr(String(e.route_dest));
      if (!gw || !c || !isCidr(d) || vpnRouter.get(gw.name) !== c.gw) continue;
      router(c.gw).routes.push({ dest: d, next: toOffice(c, d) });
    }
    // ... and the routes the gateway configures itself unless auto_config_route is false.
    for (const [name, c] of all("alicloud_vpn_connection")) {
      const conn = connections.get(name);
      if (!conn || c.auto_config_route === false) continue;
      for (const d of conn.selectors) router(conn.gw).routes.push({ dest: d, next: toOffice(conn, d) });
    }
    for (const o of sites.offices ?? [])
      if (!this.networks.has(o.name)) this.networks.set(o.name, { name: o.name, cidrs: o.cidrs.map(cidr) });
    for (const d of sites.idcs ?? []) if (!this.networks.has(d.name)) this.networks.set(d.name, { name: d.name, cidrs: d.cidrs.map(cidr) });

    // NAT gateways, SNAT and DNAT
    const natRouter = new Map<string, string>();
    for (const [name, a] of all("alicloud_nat_gateway")) {
      const id = `nat:${String(a.nat_gateway_name ?? name)}`;
      natRouter.set(name, id);
      router(id);
      const associated = all("alicloud_eip_association").some(([, e]) => ref(e.instance_id)?.name === name);
      this.snat.set(id, []);
      if (!associated) router(id).fallback = { kind: "drop", reason: "NAT gateway has no EIP" };
      const vpc = vpcOfRef(a.vpc_id);
      if (vpc) router(id).fallback ??= { kind: "router", id: vpc };
    }
    for (const [, e] of all("alicloud_snat_entry")) {
      const t = ref(e.snat_table_id);
      const id = t && t.type === "alicloud_nat_gateway" ? natRouter.get(t.name) : undefined;
      if (!id) continue;
      if (typeof e.source_cidr === "string") this.snat.get(id)!.push(cidr(e.source_cidr));
      const sw = ref(e.source_vswitch_id);
      const swAttrs = sw ? get("alicloud_vswitch", sw.name) : undefined;
      if (swAttrs) this.snat.get(id)!.push(cidr(String(swAttrs.cidr_block)));
    }
    for (const [, f] of all("alicloud_forward_entry")) {
      const t = ref(f.forward_table_id);
      if (t && natRouter.has(t.name)) this.dnatTargets.push(natRouter.get(t.name)!);
    }

    // Router-interface pairs: connected when both sides have a connection resource
    const riRouter = new Map<string, string>();
    for (const [name, a] of all("alicloud_express_connect_router_interface")) {
      const id = routerOfRef(a.router_id);
      if (id) riRouter.set(name, id);
    }
    // interface -> its peer, for pairs connected from both sides
    const oneWay = new Set(
      all("alicloud_router_interface_connection").map(([, c]) => `${ref(c.interface_id)?.name}>${ref(c.opposite_interface_id)?.name}`),
    );
    const riPeer = new Map<string, string>();
    for (const a of riRouter.keys()) {
      for (const b of riRouter.keys()) if (a !== b && oneWay.has(`${a}>${b}`) && oneWay.has(`${b}>${a}`)) riPeer.set(a, b);
    }

    // Route entries
    for (const [, e] of all("alicloud_route_entry")) {
      const t = ref(e.route_table_id);
      if (!t) continue;
      const from =
        t.type === "alicloud_vpc"
          ? vpcRouter.get(t.name)
          : t.type === "alicloud_express_connect_virtual_border_router"
            ? vbrRouter.get(t.name)
            : undefined;
      if (!from) continue;
      const d = parseCidr(String(e.destination_cidrblock));
      if (!isCidr(d)) continue;
      const hop = ref(e.nexthop_id);
      const next = ((): Next => {
        if (!hop) return { kind: "drop", reason: `next hop ${String(e.nexthop_id)} is no resource of this stack` };
        switch (e.nexthop_type) {
          case "VpcPeer": {
            const p = get("alicloud_vpc_peer_connection", hop.name);
            if (!p) return { kind: "drop", reason: "VpcPeer next hop is not a peer connection" };
            const a = vpcOfRef(p.vpc_id);
            const b = vpcOfRef(p.accepting_vpc_id);
            if (from !== a && from !== b) return { kind: "drop", reason: "peer connection does not attach this VPC" };
            const cross = crossAccount(p, get("alicloud_vpc", ref(p.accepting_vpc_id)?.name ?? ""));
            if (cross && !all("alicloud_vpc_peer_connection_accepter").some(([, x]) => ref(x.instance_id)?.name === hop.name)) {
              return { kind: "drop", reason: "cross-account peer connection is never accepted" };
            }
            return { kind: "router", id: (from === a ? b : a)! };
          }
          case "RouterInterface": {
            if (riRouter.get(hop.name) !== from) return { kind: "drop", reason: "router interface does not belong to this router" };
            const peer = riPeer.get(hop.name);
            return peer ? { kind: "router", id: riRouter.get(peer)! } : { kind: "drop", reason: "router interface is not connected" };
          }
          case "VpnGateway": {
            const gw = vpnRouter.get(hop.name);
            const g = get("alicloud_vpn_gateway", hop.name);
            return gw && g && vpcOfRef(g.vpc_id) === from
              ? { kind: "router", id: gw }
              : { kind: "drop", reason: "VPN gateway is not in this VPC" };
          }
          case "NatGateway": {
            const nat = natRouter.get(hop.name);
            const n = get("alicloud_nat_gateway", hop.name);
            return nat && n && vpcOfRef(n.vpc_id) === from
              ? { kind: "internet", nat }
              : { kind: "drop", reason: "NAT gateway is not in this VPC" };
          }
          default:
            return { kind: "drop", reason: `next hop type ${String(e.nexthop_type)} is not modelled` };
        }
      })();
      router(from).routes.push({ dest: d, next });
    }

    // Routes the API adds by itself. Creating an enhanced internet NAT gateway adds
    // 0.0.0.0/0 -> that gateway to its VPC's route table (CreateNatGateway API docs, usage
    // notes). A custom entry for the same destination fails at apply as a duplicate
    // (alicloud/resource_alicloud_route_entry.go returns the create error), so it is
    // modelled as a black hole that names the conflict.
    for (const [name, a] of all("alicloud_nat_gateway")) {
      if (a.nat_type !== "Enhanced" || (a.network_type ?? "internet") !== "internet") continue;
      const vpc = vpcOfRef(a.vpc_id);
      if (!vpc) continue;
      const routes = router(vpc).routes;
      const dup = routes.findIndex((r) => r.dest.text === DEFAULT_ROUTE && r.next.kind !== "deliver");
      if (dup >= 0) {
        routes[dup] = {
          dest: routes[dup]!.dest,
          next: {
            kind: "drop",
            reason: `custom route ${DEFAULT_ROUTE} duplicates the system route that NAT gateway ${natRouter.get(name)} adds itself; apply would fail`,
          },
        };
      } else {
        routes.push({ dest: cidr(DEFAULT_ROUTE), next: { kind: "internet", nat: natRouter.get(name)! } });
      }
    }
  }

  /** Walks one packet from network `from` to network `to`. */
  trace(from: string, to: string): PathResult {
    const src = this.networks.get(from);
    const srcIp = from === INTERNET_NETWORK ? INTERNET_PROBE : src?.cidrs[0]?.address.toString();
    const dstNet = to === INTERNET_NETWORK ? undefined : this.networks.get(to);
    const dstIp = to === INTERNET_NETWORK ? INTERNET_PROBE : dstNet?.cidrs[0]?.address.toString();
    if (srcIp === undefined || dstIp === undefined) return { from, to, status: "blackholed", hops: [], reason: "unknown network" };
    let cur: string | undefined;
    if (from === INTERNET_NETWORK) {
      // only DNAT opens a way in; its target VPC is whatever the NAT's VPC routes to
      const nat = this.dnatTargets[0];
      if (!nat) return { from, to, status: "blackholed", hops: [], reason: "no inbound path from the internet (no DNAT entry)" };
      cur = this.routers.get(nat)?.fallback?.kind === "router" ? (this.routers.get(nat)!.fallback as { id: string }).id : undefined;
    } else {
      cur = src?.entry;
      if (!cur) return { from, to, status: "blackholed", hops: [], reason: `${from} is attached to no router` };
    }
    const hops: string[] = [];
    const seen = new Set<string>();
    while (cur !== undefined) {
      if (seen.has(cur)) return { from, to, status: "looped", hops: [...hops, cur], reason: `revisits ${cur}` };
      seen.add(cur);
      hops.push(cur);
      const r = this.routers.get(cur)!;
      const i = longestMatch(
        dstIp,
        r.routes.map((x) => x.dest),
      );
      const next = i >= 0 ? r.routes[i]!.next : r.fallback;
      if (!next) return { from, to, status: "blackholed", hops, reason: `no route to ${dstIp} at ${cur}` };
      switch (next.kind) {
        case "deliver":
          return next.network === to
            ? { from, to, status: "delivered", hops }
            : { from, to, status: "blackholed", hops, reason: `delivered to ${next.network} instead` };
        case "drop":
          return { from, to, status: "blackholed", hops, reason: next.reason };
        case "internet": {
          hops.push(next.nat);
          const snat = this.snat.get(next.nat) ?? [];
          const fb = this.routers.get(next.nat)?.fallback;
          if (fb?.kind === "drop") return { from, to, status: "blackholed", hops, reason: fb.reason };
          if (longestMatch(srcIp, snat) < 0) return { from, to, status: "blackholed", hops, reason: `no SNAT entry for source ${from}` };
          return to === INTERNET_NETWORK
            ? { from, to, status: "delivered", hops }
            : { from, to, status: "blackholed", hops, reason: `sent to the internet instead of ${to}` };
        }
        case "router":
          cur = next.id;
          break;
      }
    }
    return { from, to, status: "blackholed", hops, reason: "no next router" };
  }
}

export interface ReachabilityReport {
  readonly results: readonly PathResult[];
  get(from: string, to: string): PathResult;
  /** Ordered pairs `from->to` that are delivered. */
  readonly delivered: ReadonlySet<string>;
  /** One line per ordered pair, for failure messages. */
  describe(): string;
}

/** Checks every ordered pair of networks in a synthesized stack (plus the internet). */
export function checkReachability(
  stack: { resource?: Resources; provider?: { alicloud?: readonly Attrs[] } },
  sites: { offices?: readonly SiteEndpoint[]; idcs?: readonly SiteEndpoint[] } = {},
): ReachabilityReport {
  const model = new ForwardingModel(stack, sites);
  const names = [...model.networks.keys(), INTERNET_NETWORK];
  const results: PathResult[] = [];
  for (const a of names) for (const b of names) if (a !== b) results.push(model.trace(a, b));
  const delivered = new Set(results.filter((r) => r.status === "delivered").map((r) => `${r.from}->${r.to}`));
  return {
    results,
    delivered,
    get(from: string, to: string): PathResult {
      const r = results.find((x) => x.from === from && x.to === to);
      if (!r) throw new Error(`no result for ${from}->${to}; networks: ${names.join(", ")}`);
      return r;
    },
    describe(): string {
      return results
        .map((r) => `${r.from} -> ${r.to}: ${r.status}${r.reason ? ` (${r.reason})` : ""} via ${r.hops.join(" > ")}`)
        .join("\n");
    },
  };
}
