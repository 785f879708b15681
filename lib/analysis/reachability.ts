/**
 * Reachability checker, independent of the planner: it reads a synthesized Terraform
 * JSON stack (`cdk.tf.json`) through `lib/tfjson`, rebuilds the forwarding state the
 * resources describe and walks a packet hop by hop for every ordered pair of networks.
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
 * - a CEN transit router is one router per route table (`transit-routers.ts`): the table
 *   an attachment is associated with decides, propagation and static TR routes fill it,
 *   peer attachments join TRs, a VBR attachment may publish its table to the VBR; a VPC
 *   route of type `Attachment` enters through the VPC's own attachment;
 * - the internet enters only through DNAT (`alicloud_forward_entry`) on a NAT gateway;
 * - several next hops for one destination: a VPN gateway uses the destination route with
 *   the highest `weight` (100 active, 0 standby: Alibaba "Configure destination-based
 *   routes"; provider alicloud/resource_alicloud_vpn_route_entry.go `weight`); several
 *   `RouterInterface` entries for one destination in one table are read as ECMP (the
 *   pinned provider cannot create a second one, RouterEntryConflict.Duplicated, so
 *   synthesis never emits them; a stack edited by hand may hold them), and
 *   a pair counts as delivered only when every member delivers it;
 * - a transit-router table that learns one destination from several VBR attachments (the
 *   lines of one data center) holds it as ECMP too (`transit-routers.ts`);
 * - a site with several attachments (an office with several IPsec connections, an IDC
 *   with several lines) enters at the first that has a route for the destination; an IDC
 *   whose lines an IPsec connection backs up (its device's address is the customer
 *   gateway's) enters at that connection's gateway only when no line's VBR is up, the
 *   preference its own router is given (lib/devices, BIRD preference below BGP's).
 *
 * Failures (`down`, the resources of one failure element, see `failures.ts`): a down VPN
 * connection, gateway, VBR, router interface, peering or TR attachment carries nothing; a
 * route entry towards a down router-interface pair that has a health check is withdrawn,
 * one without keeps attracting traffic and drops it (static routes are not withdrawn); a
 * failed line's routes in a transit router are withdrawn when its VBR runs BGP or has an
 * `alicloud_cen_vbr_health_check`, and otherwise stay and drop what they attract.
 *
 * Sites outside Terraform (office and IDC address ranges) are given by the caller.
 *
 * Cost: forwarding does not depend on the source (except SNAT towards the internet), so
 * the matrix is computed one destination at a time: every router decides once (a
 * longest-prefix lookup in {@link PrefixIndex}), and every source reads the outcome at
 * the router it enters. Hops and reasons are traced only for the pairs a caller asks for.
 */
import { assertNever } from "../private/assert-never";
import { Cidr, cidr, isCidr, parseCidr } from "../topology/cidr";
import { Attrs, Resource, StackJson, TfStack } from "../tfjson";
import { Next, Route, Router } from "./forwarding";
import { cidrNumber, ipv4Number, PrefixIndex } from "./prefix-index";
import { TransitRouterModel } from "./transit-routers";

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
  /**
   * Office: its gateway's public IP (matched to `alicloud_vpn_customer_gateway.ip_address`).
   * IDC: its VPN device's, when an IPsec connection backs up its lines; the IDC enters
   * there only when no line's VBR is up (its own router prefers the lines).
   */
  readonly publicIp?: string;
  /** Office: the public IPs of its further devices (one per further VPN link). @default - none */
  readonly morePublicIps?: readonly string[];
  /** IDC: its VBR's VLAN and peer gateway IP (matched to the VBR resource). */
  readonly vbr?: VbrEndpoint;
  /** IDC: its further lines' VBRs, in order of preference after the first. @default - none */
  readonly moreVbrs?: readonly VbrEndpoint[];
}

/** Where an IDC meets one of its VBRs. */
export interface VbrEndpoint {
  readonly vlanId: number;
  readonly peerGatewayIp: string;
}

/** How the checker reads a state. */
export interface ReachabilityOptions {
  /**
   * Routes a VBR learns from its transit router that are not in effect: `<router id>
   * <prefix>`, e.g. `vbr:beijing-idc 172.18.0.0/16`. A route the VBR learns while it
   * holds its own route to the same prefix only takes effect after that route is deleted,
   * so the moment between the two holds neither.
   * @default - every learned route is in effect
   */
  readonly heldBack?: ReadonlySet<string>;
  /**
   * Resource addresses that are down (one failure element, see `failures.ts`).
   * @default - nothing is down
   */
  readonly down?: ReadonlySet<string>;
}

/** The sites outside Terraform a stack connects. */
export interface Sites {
  /** @default - no offices */
  readonly offices?: readonly SiteEndpoint[];
  /** @default - no IDCs */
  readonly idcs?: readonly SiteEndpoint[];
}

export const INTERNET_NETWORK = "internet";
/** A probe address outside every private range. */
const INTERNET_PROBE = "8.8.8.8";
const DEFAULT_ROUTE = "0.0.0.0/0";

interface Network {
  readonly name: string;
  readonly cidrs: readonly Cidr[];
  /** Routers its traffic may enter, in order of preference; empty when nothing attaches it. */
  readonly entries: readonly string[];
}

/** An IPsec connection: the gateway router it hangs off, the office behind it, its selectors. */
interface Connection {
  readonly gw: string;
  readonly office?: SiteEndpoint;
  readonly ip: unknown;
  readonly selectors: Cidr[];
}

/**
 * The address the `down` set names one tunnel of a dual-tunnel connection by:
 * `<connection address>#<role>` (a tunnel is a block of its connection, not a resource).
 */
export const tunnelAddress = (connection: string, role: unknown): string => `${connection}#${String(role)}`;

/** A VPN destination route's weight (the provider's default is 100). */
const weightOf = (e: Resource): number => (typeof e.attrs.weight === "number" ? e.attrs.weight : 100);

const parsedCidrs = (v: unknown): Cidr[] => ((v as string[] | undefined) ?? []).map(parseCidr).filter(isCidr);

export class ForwardingModel {
  readonly routers = new Map<string, Router>();
  readonly networks = new Map<string, Network>();
  /** NAT router id -> SNAT source blocks. */
  private readonly snat = new Map<string, Cidr[]>();
  private readonly dnatTargets: string[] = [];
  private readonly stack: TfStack;
  private readonly sites: Sites;
  /** Resource address -> router id, per kind of router. */
  private readonly vpcRouter = new Map<string, string>();
  private readonly vbrRouter = new Map<string, string>();
  private readonly vpnRouter = new Map<string, string>();
  private readonly natRouter = new Map<string, string>();
  /** Router-interface resource name -> the router it sits on, and its connected peer. */
  private readonly riRouter = new Map<string, string>();
  private readonly riPeer = new Map<string, string>();
  private readonly connections = new Map<string, Connection>();
  /** Transit routers: one router per TR route table (`transit-routers.ts`). */
  private readonly trs: TransitRouterModel;
  /** Built on first lookup, once every route is in. */
  private readonly indexes = new Map<string, PrefixIndex<Route>>();
  /** Resource addresses that are down (one failure element); empty: nothing fails. */
  private readonly down: ReadonlySet<string>;
  /** Routers that are down: they drop everything. */
  private readonly dead = new Set<string>();
  /** Router-interface names whose pair has a health check (a failed pair's routes are withdrawn). */
  private readonly riChecked = new Set<string>();
  /** Router-interface names whose pair is down. */
  private readonly riDown = new Set<string>();
  /** Router id -> destination -> the ECMP route its `RouterInterface` entries for it share. */
  private readonly ecmp = new Map<string, Map<string, Route>>();

  constructor(stack: StackJson | TfStack, sites: Sites = {}, options: ReachabilityOptions = {}) {
    const down = options.down ?? new Set<string>();
    this.stack = stack instanceof TfStack ? stack : new TfStack(stack);
    this.sites = sites;
    this.down = down;
    this.addVpcs();
    this.addVbrs();
    this.addVpnGateways();
    this.addIpsecConnections();
    this.addVpnRouteEntries();
    this.addAutoConfigRoutes();
    this.addUnattachedSites();
    this.addNatGateways();
    this.addRouterInterfaces();
    this.trs = new TransitRouterModel({
      stack: this.stack,
      router: (id) => this.router(id),
      vpcRouterOf: (address) => this.vpcRouter.get(address),
      vbrRouterOf: (address) => this.vbrRouter.get(address),
      heldBack: options.heldBack ?? new Set(),
      isDown: (address) => down.has(address),
    });
    for (const e of this.stack.resources("alicloud_route_entry")) this.addRouteEntry(e);
    this.trs.learnVbrRoutes();
    this.addSystemRoutes();
  }

  private router(id: string): Router {
    let r = this.routers.get(id);
    if (!r) {
      r = { id, routes: [] };
      this.routers.set(id, r);
    }
    return r;
  }

  private static label(r: Resource, field: string): string {
    return String(r.attrs[field] ?? r.name);
  }

  /** The VPC router a value refers to (`${alicloud_vpc.x.…}`). */
  private vpcOfRef(v: unknown): string | undefined {
    const r = this.stack.ref(v);
    return r && r.type === "alicloud_vpc" ? this.vpcRouter.get(r.address) : undefined;
  }

  /**
   * Whose account a resource is in: the credentials of the provider that creates it.
   * Every peering names its acceptor's UID, same account too, so the UID alone cannot
   * tell; a stack without provider blocks (a test fixture) falls back to "an acceptor
   * UID means another account".
   */
  private crossAccount(peering: Resource, acceptingVpc: Resource | undefined): boolean {
    const a = this.stack.providerOf(peering)?.account;
    const b = acceptingVpc ? this.stack.providerOf(acceptingVpc)?.account : undefined;
    return a !== undefined && b !== undefined ? a !== b : peering.attrs.accepting_ali_uid !== undefined;
  }

  /** VPCs: routers that deliver their own CIDR. */
  private addVpcs(): void {
    for (const v of this.stack.resources("alicloud_vpc")) {
      const name = ForwardingModel.label(v, "vpc_name");
      const id = `vpc:${name}`;
      this.vpcRouter.set(v.address, id);
      const c = cidr(String(v.attrs.cidr_block));
      this.router(id).routes.push({ dest: c, next: { kind: "deliver", network: name } });
      this.networks.set(name, { name, cidrs: [c], entries: [id] });
    }
  }

  /**
   * VBRs, and the IDC behind each when the caller names it (by VLAN and peer IP). An IDC
   * with several lines enters at its first line's VBR that is up (the others follow in
   * the order the site lists them).
   */
  private addVbrs(): void {
    const lines = new Map<string, { rank: number; id: string }[]>();
    for (const v of this.stack.resources("alicloud_express_connect_virtual_border_router")) {
      const a = v.attrs;
      const matches = (e: VbrEndpoint | undefined) => e !== undefined && e.vlanId === a.vlan_id && e.peerGatewayIp === a.peer_gateway_ip;
      const site = (this.sites.idcs ?? []).find((s) => matches(s.vbr) || (s.moreVbrs ?? []).some(matches));
      const rank = site ? (matches(site.vbr) ? 0 : 1 + site.moreVbrs!.findIndex(matches)) : 0;
      const id = `vbr:${site && rank === 0 ? site.name : ForwardingModel.label(v, "virtual_border_router_name")}`;
      this.vbrRouter.set(v.address, id);
      this.router(id);
      if (this.down.has(v.address)) this.kill(id, "the VBR is down");
      if (!site) continue;
      this.addIdcRoutes(v, id, site);
      const list = lines.get(site.name) ?? [];
      if (!this.dead.has(id)) list.push({ rank, id });
      lines.set(site.name, list);
    }
    for (const s of this.sites.idcs ?? []) {
      const list = lines.get(s.name);
      if (list)
        this.networks.set(s.name, {
          name: s.name,
          cidrs: s.cidrs.map(cidr),
          entries: list.sort((x, y) => x.rank - y.rank).map((l) => l.id),
        });
    }
  }

  /** A VBR delivers to its IDC when BGP is configured on it or a static route points at the physical connection. */
  private addIdcRoutes(v: Resource, id: string, site: SiteEndpoint): void {
    const toIdc =
      this.stack.referrers("alicloud_vpc_bgp_group", "router_id", v).length > 0 ||
      this.stack
        .referrers("alicloud_route_entry", "route_table_id", v)
        .some((e) => /^(PhysicalConnection|VBR|Vbr)/.test(String(e.attrs.nexthop_type)));
    for (const c of site.cidrs.map(cidr)) {
      this.router(id).routes.push({
        dest: c,
        next: toIdc
          ? { kind: "deliver", network: site.name }
          : { kind: "drop", reason: `VBR has neither BGP nor a static route towards ${site.name}` },
      });
    }
  }

  /** A router that is down: it drops whatever reaches it. */
  private kill(id: string, reason: string): void {
    this.dead.add(id);
    this.router(id).fallback = { kind: "drop", reason: `${id.replace(/^[a-z]+:/, "")}: ${reason}` };
  }

  /** VPN gateways: routers that hand back to their VPC whatever no route sends to an office. */
  private addVpnGateways(): void {
    for (const g of this.stack.resources("alicloud_vpn_gateway")) {
      const vpc = this.vpcOfRef(g.attrs.vpc_id);
      const id = `vpngw:${vpc ? vpc.slice(4) : g.name}`;
      this.vpnRouter.set(g.address, id);
      this.router(id).fallback = vpc ? { kind: "router", id: vpc } : { kind: "drop", reason: "VPN gateway in no known VPC" };
      if (this.down.has(g.address)) this.kill(id, "the VPN gateway is down");
    }
  }

  /**
   * IPsec connections: which office sits behind each (the customer gateway's IP), and
   * which destinations its traffic selectors (`remote_subnet`) admit.
   */
  private addIpsecConnections(): void {
    const officeByIp = new Map<unknown, SiteEndpoint>();
    for (const o of this.sites.offices ?? [])
      for (const ip of [o.publicIp, ...(o.morePublicIps ?? [])]) if (!officeByIp.has(ip)) officeByIp.set(ip, o);
    for (const d of this.sites.idcs ?? []) if (d.publicIp !== undefined && !officeByIp.has(d.publicIp)) officeByIp.set(d.publicIp, d);
    for (const c of this.stack.resources("alicloud_vpn_connection")) {
      const gw = this.stack.ref(c.attrs.vpn_gateway_id);
      const gwRouter = gw ? this.vpnRouter.get(gw.address) : undefined;
      if (!gwRouter || this.down.has(c.address) || this.dead.has(gwRouter)) continue;
      // a dual-tunnel connection carries while either tunnel is up, through that tunnel's device
      const all = (c.attrs.tunnel_options_specification as Attrs[] | undefined) ?? [];
      const tunnels = all.filter((t) => !this.down.has(tunnelAddress(c.address, t.role)));
      if (all.length > 0 && tunnels.length === 0) continue;
      const cgw = this.stack.ref(c.attrs.customer_gateway_id) ?? this.stack.ref(tunnels[0]?.customer_gateway_id);
      const ip = cgw ? this.stack.resource("alicloud_vpn_customer_gateway", cgw.name)?.attrs.ip_address : undefined;
      const office = officeByIp.get(ip);
      this.connections.set(c.address, { gw: gwRouter, office, ip, selectors: parsedCidrs(c.attrs.remote_subnet) });
      if (!office) continue;
      const entries = this.networks.get(office.name)?.entries ?? [];
      if (!entries.includes(gwRouter))
        this.networks.set(office.name, { name: office.name, cidrs: office.cidrs.map(cidr), entries: [...entries, gwRouter] });
    }
  }

  private static toOffice(conn: Connection, dest: Cidr, selectors: PrefixIndex<true>): Next {
    if (!conn.office) return { kind: "drop", reason: `IPsec peer ${String(conn.ip)} is no known office` };
    if (selectors.match(cidrNumber(dest)) === undefined)
      return { kind: "drop", reason: `${dest.text} is outside the connection's remote subnets` };
    return { kind: "deliver", network: conn.office.name };
  }

  private readonly selectorIndexes = new Map<Connection, PrefixIndex<true>>();
  private selectorsOf(conn: Connection): PrefixIndex<true> {
    let ix = this.selectorIndexes.get(conn);
    if (!ix) {
      ix = new PrefixIndex();
      for (const s of conn.selectors) ix.add(s, true);
      this.selectorIndexes.set(conn, ix);
    }
    return ix;
  }

  /** Destination routes on a gateway (`alicloud_vpn_route_entry`) towards one of its connections. */
  private addVpnRouteEntries(): void {
    // the highest weight first: on an equal destination the first route added wins
    const byWeight = [...this.stack.resources("alicloud_vpn_route_entry")].sort((x, y) => weightOf(y) - weightOf(x));
    for (const e of byWeight) {
      const gw = this.stack.ref(e.attrs.vpn_gateway_id);
      const hop = this.stack.ref(e.attrs.next_hop);
      const c = hop && hop.type === "alicloud_vpn_connection" ? this.connections.get(hop.address) : undefined;
      const d = parseCidr(String(e.attrs.route_dest));
      if (!gw || !c || !isCidr(d) || this.vpnRouter.get(gw.address) !== c.gw) continue;
      this.router(c.gw).routes.push({ dest: d, next: ForwardingModel.toOffice(c, d, this.selectorsOf(c)) });
    }
  }

  /** The routes a gateway configures itself from a connection's selectors, unless `auto_config_route` is false. */
  private addAutoConfigRoutes(): void {
    for (const c of this.stack.resources("alicloud_vpn_connection")) {
      const conn = this.connections.get(c.address);
      if (!conn || c.attrs.auto_config_route === false) continue;
      for (const d of conn.selectors)
        this.router(conn.gw).routes.push({ dest: d, next: ForwardingModel.toOffice(conn, d, this.selectorsOf(conn)) });
    }
  }

  /** Sites no resource attaches: known networks without an entry router. */
  private addUnattachedSites(): void {
    for (const s of [...(this.sites.offices ?? []), ...(this.sites.idcs ?? [])])
      if (!this.networks.has(s.name)) this.networks.set(s.name, { name: s.name, cidrs: s.cidrs.map(cidr), entries: [] });
  }

  /** NAT gateways (egress needs an EIP), their SNAT sources and DNAT entries. */
  private addNatGateways(): void {
    for (const n of this.stack.resources("alicloud_nat_gateway")) {
      const id = `nat:${String(n.attrs.nat_gateway_name ?? n.name)}`;
      this.natRouter.set(n.address, id);
      const r = this.router(id);
      this.snat.set(id, []);
      if (this.stack.referrers("alicloud_eip_association", "instance_id", n).length === 0)
        r.fallback = { kind: "drop", reason: "NAT gateway has no EIP" };
      const vpc = this.vpcOfRef(n.attrs.vpc_id);
      if (vpc) r.fallback ??= { kind: "router", id: vpc };
    }
    for (const e of this.stack.resources("alicloud_snat_entry")) {
      const t = this.stack.ref(e.attrs.snat_table_id);
      const id = t && t.type === "alicloud_nat_gateway" ? this.natRouter.get(t.address) : undefined;
      if (!id) continue;
      if (typeof e.attrs.source_cidr === "string") this.snat.get(id)!.push(cidr(e.attrs.source_cidr));
      const sw = this.stack.resolve(e.attrs.source_vswitch_id, "alicloud_vswitch");
      if (sw) this.snat.get(id)!.push(cidr(String(sw.attrs.cidr_block)));
    }
    for (const f of this.stack.resources("alicloud_forward_entry")) {
      const t = this.stack.ref(f.attrs.forward_table_id);
      const nat = t ? this.natRouter.get(`alicloud_nat_gateway.${t.name}`) : undefined;
      if (nat) this.dnatTargets.push(nat);
    }
  }

  /**
   * Router-interface pairs: connected when both sides have a connection resource. A pair
   * with a failed interface or connection is down; a pair with a health check (either
   * interface's `health_check_target_ip`) has its routes withdrawn when it is down.
   */
  private addRouterInterfaces(): void {
    const all = this.stack.resources("alicloud_express_connect_router_interface");
    for (const ri of all) {
      const t = this.stack.ref(ri.attrs.router_id);
      const id = t?.type === "alicloud_vpc" ? this.vpcRouter.get(t.address) : t ? this.vbrRouter.get(t.address) : undefined;
      if (id) this.riRouter.set(ri.name, id);
    }
    const up = new Set<string>();
    const any = new Set<string>();
    for (const c of this.stack.resources("alicloud_router_interface_connection")) {
      const [a, b] = [this.stack.ref(c.attrs.interface_id), this.stack.ref(c.attrs.opposite_interface_id)];
      any.add(`${a?.name}>${b?.name}`);
      if (!this.down.has(c.address) && !this.down.has(a?.address ?? "") && !this.down.has(b?.address ?? ""))
        up.add(`${a?.name}>${b?.name}`);
    }
    const checked = new Set(all.filter((ri) => ri.attrs.health_check_target_ip !== undefined).map((ri) => ri.name));
    for (const a of this.riRouter.keys())
      for (const b of this.riRouter.keys()) {
        if (a === b || !any.has(`${a}>${b}`) || !any.has(`${b}>${a}`)) continue;
        if (up.has(`${a}>${b}`) && up.has(`${b}>${a}`)) this.riPeer.set(a, b);
        else this.riDown.add(a);
        if (checked.has(a) || checked.has(b)) this.riChecked.add(a);
      }
  }

  /**
   * One `alicloud_route_entry` on a VPC or VBR route table. Entries for one destination
   * with `RouterInterface` next hops form one ECMP route; an entry towards a down pair
   * with a health check is withdrawn.
   */
  private addRouteEntry(e: Resource): void {
    const t = this.stack.ref(e.attrs.route_table_id);
    const from = t?.type === "alicloud_vpc" ? this.vpcRouter.get(t.address) : t ? this.vbrRouter.get(t.address) : undefined;
    if (!from) return;
    const d = parseCidr(String(e.attrs.destination_cidrblock));
    if (!isCidr(d)) return;
    if (e.attrs.nexthop_type !== "RouterInterface") {
      this.router(from).routes.push({ dest: d, next: this.nextHopOf(e, from) });
      return;
    }
    const hop = this.stack.ref(e.attrs.nexthop_id)?.name ?? "";
    if (this.riDown.has(hop) && this.riChecked.has(hop)) return;
    const next = this.nextHopOf(e, from);
    let byDest = this.ecmp.get(from);
    if (!byDest) this.ecmp.set(from, (byDest = new Map()));
    const route = byDest.get(d.text);
    if (!route) {
      const fresh = { dest: d, next };
      byDest.set(d.text, fresh);
      this.router(from).routes.push(fresh);
      return;
    }
    const members = route.next.kind === "multipath" ? route.next.members : [route.next];
    const routes = this.router(from).routes;
    const merged = { dest: d, next: { kind: "multipath", members: [...members, next] } as const };
    routes[routes.indexOf(route)] = merged;
    byDest.set(d.text, merged);
  }

  private nextHopOf(e: Resource, from: string): Next {
    const hop = this.stack.ref(e.attrs.nexthop_id);
    if (!hop) return { kind: "drop", reason: `next hop ${String(e.attrs.nexthop_id)} is no resource of this stack` };
    switch (e.attrs.nexthop_type) {
      case "VpcPeer":
        return this.viaPeering(hop.name, from);
      case "RouterInterface": {
        if (this.riRouter.get(hop.name) !== from) return { kind: "drop", reason: "router interface does not belong to this router" };
        if (this.riDown.has(hop.name)) return { kind: "drop", reason: `router-interface pair of ${hop.name} is down` };
        const peer = this.riPeer.get(hop.name);
        return peer ? { kind: "router", id: this.riRouter.get(peer)! } : { kind: "drop", reason: "router interface is not connected" };
      }
      case "VpnGateway": {
        const gw = this.vpnRouter.get(`alicloud_vpn_gateway.${hop.name}`);
        const g = this.stack.resource("alicloud_vpn_gateway", hop.name);
        return gw && g && this.vpcOfRef(g.attrs.vpc_id) === from
          ? { kind: "router", id: gw }
          : { kind: "drop", reason: "VPN gateway is not in this VPC" };
      }
      case "Attachment":
        return this.trs.fromVpc(e.attrs.nexthop_id, from);
      case "NatGateway": {
        const nat = this.natRouter.get(`alicloud_nat_gateway.${hop.name}`);
        const n = this.stack.resource("alicloud_nat_gateway", hop.name);
        return nat && n && this.vpcOfRef(n.attrs.vpc_id) === from
          ? { kind: "internet", nat }
          : { kind: "drop", reason: "NAT gateway is not in this VPC" };
      }
      default:
        return { kind: "drop", reason: `next hop type ${String(e.attrs.nexthop_type)} is not modelled` };
    }
  }

  /** A `VpcPeer` next hop: the other VPC of the peering, once a cross-account peering is accepted. */
  private viaPeering(name: string, from: string): Next {
    const p = this.stack.resource("alicloud_vpc_peer_connection", name);
    if (!p) return { kind: "drop", reason: "VpcPeer next hop is not a peer connection" };
    if (this.down.has(p.address)) return { kind: "drop", reason: `peer connection ${name} is down` };
    const a = this.vpcOfRef(p.attrs.vpc_id);
    const b = this.vpcOfRef(p.attrs.accepting_vpc_id);
    if (from !== a && from !== b) return { kind: "drop", reason: "peer connection does not attach this VPC" };
    const accepting = this.stack.resource("alicloud_vpc", this.stack.ref(p.attrs.accepting_vpc_id)?.name ?? "");
    if (this.crossAccount(p, accepting) && this.stack.referrers("alicloud_vpc_peer_connection_accepter", "instance_id", p).length === 0)
      return { kind: "drop", reason: "cross-account peer connection is never accepted" };
    return { kind: "router", id: (from === a ? b : a)! };
  }

  /**
   * Routes the API adds by itself. Creating an enhanced internet NAT gateway adds
   * 0.0.0.0/0 -> that gateway to its VPC's route table (CreateNatGateway API docs, usage
   * notes). A custom entry for the same destination fails at apply as a duplicate
   * (alicloud/resource_alicloud_route_entry.go returns the create error), so it is
   * modelled as a black hole that names the conflict.
   */
  private addSystemRoutes(): void {
    for (const n of this.stack.resources("alicloud_nat_gateway")) {
      if (n.attrs.nat_type !== "Enhanced" || (n.attrs.network_type ?? "internet") !== "internet") continue;
      const vpc = this.vpcOfRef(n.attrs.vpc_id);
      if (!vpc) continue;
      const nat = this.natRouter.get(n.address)!;
      const routes = this.router(vpc).routes;
      const dup = routes.findIndex((r) => r.dest.text === DEFAULT_ROUTE && r.next.kind !== "deliver");
      if (dup >= 0) {
        const reason = `custom route ${DEFAULT_ROUTE} duplicates the system route that NAT gateway ${nat} adds itself; apply would fail`;
        routes[dup] = { dest: routes[dup]!.dest, next: { kind: "drop", reason } };
      } else {
        routes.push({ dest: cidr(DEFAULT_ROUTE), next: { kind: "internet", nat } });
      }
    }
  }

  /** The hop a router takes towards `dst`: its longest matching route, else its fallback. */
  private decide(routerId: string, dst: number): Next | undefined {
    let ix = this.indexes.get(routerId);
    const r = this.routers.get(routerId)!;
    if (this.dead.has(routerId)) return r.fallback;
    if (!ix) {
      ix = new PrefixIndex();
      for (const route of r.routes) ix.add(route.dest, route);
      this.indexes.set(routerId, ix);
    }
    return ix.match(dst)?.next ?? r.fallback;
  }

  /** Where a packet from `from` enters (the internet: behind the first DNAT entry's NAT gateway). */
  private entryOf(from: string, dst: number): { router?: string; reason?: string } {
    if (from === INTERNET_NETWORK) {
      const nat = this.dnatTargets[0];
      if (!nat) return { reason: "no inbound path from the internet (no DNAT entry)" };
      const fb = this.routers.get(nat)?.fallback;
      return { router: fb?.kind === "router" ? fb.id : undefined };
    }
    const entry = this.entryTowards(from, dst);
    return entry ? { router: entry } : { reason: `${from} is attached to no router` };
  }

  /**
   * The probe address of a network, the one address every walk towards it is addressed to:
   * its first CIDR's first address (the internet: a public one).
   */
  probe(name: string): string | undefined {
    return name === INTERNET_NETWORK ? INTERNET_PROBE : this.networks.get(name)?.cidrs[0]?.address.toString();
  }

  private readonly probeNumbers = new Map<string, number | undefined>();
  /** {@link probe} as a number, computed once per network. */
  private probeNumber(name: string): number | undefined {
    if (!this.probeNumbers.has(name)) {
      const ip = this.probe(name);
      this.probeNumbers.set(name, ip === undefined ? undefined : ipv4Number(ip));
    }
    return this.probeNumbers.get(name);
  }

  /** Walks one packet from network `from` to network `to`. */
  trace(from: string, to: string): PathResult {
    const [srcIp, dstIp] = [this.probe(from), this.probe(to)];
    if (srcIp === undefined || dstIp === undefined) return { from, to, status: "blackholed", hops: [], reason: "unknown network" };
    const dst = ipv4Number(dstIp);
    const entry = this.entryOf(from, dst);
    if (entry.reason) return { from, to, status: "blackholed", hops: [], reason: entry.reason };
    const hops: string[] = [];
    const seen = new Set<string>();
    let cur = entry.router;
    while (cur !== undefined) {
      if (seen.has(cur)) return { from, to, status: "looped", hops: [...hops, cur], reason: `revisits ${cur}` };
      seen.add(cur);
      hops.push(cur);
      const next = this.decide(cur, dst);
      if (!next) return { from, to, status: "blackholed", hops, reason: `no route to ${dstIp} at ${cur}` };
      const taken = next.kind === "multipath" ? this.memberToFollow(next, dst, to) : next;
      if (taken.kind === "router") {
        cur = taken.id;
        continue;
      }
      if (taken.kind === "multipath") return { from, to, status: "blackholed", hops, reason: "nested ECMP route" };
      return { from, to, hops, ...this.endOf(taken, from, ipv4Number(srcIp), to, hops) };
    }
    return { from, to, status: "blackholed", hops, reason: "no next router" };
  }

  /** How a walk ends at a hop that is not another router (`hops` gains the NAT gateway). */
  private endOf(
    next: Exclude<Next, { kind: "router" | "multipath" }>,
    from: string,
    src: number,
    to: string,
    hops: string[],
  ): Pick<PathResult, "status" | "reason"> {
    switch (next.kind) {
      case "deliver":
        return next.network === to ? { status: "delivered" } : { status: "blackholed", reason: `delivered to ${next.network} instead` };
      case "drop":
        return { status: "blackholed", reason: next.reason };
      case "internet": {
        hops.push(next.nat);
        const fb = this.routers.get(next.nat)?.fallback;
        if (fb?.kind === "drop") return { status: "blackholed", reason: fb.reason };
        if (this.snatIndex(next.nat).match(src) === undefined) return { status: "blackholed", reason: `no SNAT entry for source ${from}` };
        return to === INTERNET_NETWORK
          ? { status: "delivered" }
          : { status: "blackholed", reason: `sent to the internet instead of ${to}` };
      }
      default:
        return assertNever(next);
    }
  }

  private readonly snatIndexes = new Map<string, PrefixIndex<true>>();
  private snatIndex(nat: string): PrefixIndex<true> {
    let ix = this.snatIndexes.get(nat);
    if (!ix) {
      ix = new PrefixIndex();
      for (const c of this.snat.get(nat) ?? []) ix.add(c, true);
      this.snatIndexes.set(nat, ix);
    }
    return ix;
  }

  /**
   * Where a network's packets towards `dst` enter: the first of its entry routers that
   * has a route for `dst` (an IDC's next line when the first one's route was withdrawn),
   * else its first entry router.
   */
  private entryTowards(name: string, dst: number): string | undefined {
    const entries = this.networks.get(name)?.entries ?? [];
    if (entries.length < 2) return entries[0];
    return entries.find((id) => this.decide(id, dst) !== undefined) ?? entries[0];
  }

  /**
   * Where a network's packets enter towards network `to`, or undefined (and the
   * internet: traced).
   */
  entryRouter(name: string, to: string): string | undefined {
    const dst = this.probeNumber(to);
    if (name === INTERNET_NETWORK || this.probeNumber(name) === undefined || dst === undefined) return undefined;
    return this.entryTowards(name, dst);
  }

  /** Whether network `name` has several entry routers (its entry depends on the destination). */
  hasSeveralEntries(name: string): boolean {
    return (this.networks.get(name)?.entries.length ?? 0) > 1;
  }

  /**
   * Whether a packet at each router reaches network `to`: every router decides once (a
   * prefix lookup), walks share their outcome. Not for the internet as destination,
   * where SNAT depends on the source: trace those pairs.
   */
  routerOutcomes(to: string): ReadonlyMap<string, boolean> {
    const dst = this.probeNumber(to);
    const memo = new Map<string, boolean>();
    if (dst === undefined || to === INTERNET_NETWORK) return memo;
    for (const id of this.routers.keys()) this.reaches(id, dst, to, memo, new Set());
    return memo;
  }

  /**
   * Whether a packet at router `start` reaches network `to`; every router walked is
   * memoized. `busy`: routers on the walks that led here (an ECMP member's walk that
   * comes back to one of them loops).
   */
  private reaches(start: string, dst: number, to: string, memo: Map<string, boolean>, busy: ReadonlySet<string>): boolean {
    const path: string[] = [];
    const onPath = new Set<string>(busy);
    let cur: string | undefined = start;
    let result = false;
    while (cur !== undefined) {
      const known = memo.get(cur);
      if (known !== undefined) {
        result = known;
        break;
      }
      if (onPath.has(cur)) break; // a loop delivers nothing
      onPath.add(cur);
      path.push(cur);
      const next = this.decide(cur, dst);
      if (next?.kind === "multipath") {
        result = next.members.every((m) => this.nextReaches(m, dst, to, memo, onPath));
        break;
      }
      if (next?.kind !== "router") {
        result = next?.kind === "deliver" && next.network === to;
        break;
      }
      cur = next.id;
    }
    for (const p of path) memo.set(p, result);
    return result;
  }

  /** Whether a packet sent to `next` reaches network `to` (see {@link reaches}). */
  private nextReaches(next: Next, dst: number, to: string, memo: Map<string, boolean>, busy: ReadonlySet<string>): boolean {
    if (next.kind === "router") return busy.has(next.id) ? false : this.reaches(next.id, dst, to, memo, busy);
    if (next.kind === "multipath") return next.members.every((m) => this.nextReaches(m, dst, to, memo, busy));
    return next.kind === "deliver" && next.network === to;
  }

  /** The ECMP member a trace follows: the first that does not deliver (to show where it dies), else the first. */
  private memberToFollow(next: Extract<Next, { kind: "multipath" }>, dst: number, to: string): Next {
    return next.members.find((m) => !this.nextReaches(m, dst, to, new Map(), new Set())) ?? next.members[0]!;
  }
}

export interface ReachabilityReport {
  /** Every network checked, the internet last. */
  readonly networks: readonly string[];
  /** Every ordered pair, by source then destination (traced hop by hop on first read). */
  readonly results: readonly PathResult[];
  /** One pair, traced hop by hop. */
  get(from: string, to: string): PathResult;
  /** Whether `from` reaches `to`, in constant time. */
  isDelivered(from: string, to: string): boolean;
  /** `from->to` pairs this report delivers and `other` does not, sorted (gained or lost pairs). */
  deliveredOnlyHere(other: ReachabilityReport): string[];
  /** Ordered pairs `from->to` that are delivered. */
  readonly delivered: ReadonlySet<string>;
  /** One line per ordered pair, for failure messages. */
  describe(): string;
}

class Report implements ReachabilityReport {
  private readonly index: ReadonlyMap<string, number>;
  /** `matrix[i * n + j]` is 1 when network i reaches network j. */
  private readonly matrix: Uint8Array;
  private readonly traced = new Map<string, PathResult>();
  private all?: readonly PathResult[];
  private pairs?: ReadonlySet<string>;

  constructor(
    private readonly model: ForwardingModel,
    readonly networks: readonly string[],
  ) {
    const n = networks.length;
    this.index = new Map(networks.map((name, i) => [name, i]));
    this.matrix = new Uint8Array(n * n);
    const routerIds = [...model.routers.keys()];
    const routerIndex = new Map(routerIds.map((id, k) => [id, k]));
    // a network's entry depends on the destination only when it has several (a dual-homed site)
    const several = networks.flatMap((name, i) => (model.hasSeveralEntries(name) ? [i] : []));
    const to0 = networks.find((x) => x !== INTERNET_NETWORK) ?? "";
    const entry = Int32Array.from(networks, (name) => routerIndex.get(model.entryRouter(name, to0) ?? "") ?? -1);
    networks.forEach((to, j) => {
      for (const i of several) entry[i] = routerIndex.get(model.entryRouter(networks[i]!, to) ?? "") ?? -1;
      if (to === INTERNET_NETWORK) this.traceColumn(j);
      else this.fillColumn(j, entry, routerIds);
    });
    const internet = this.index.get(INTERNET_NETWORK);
    if (internet !== undefined) this.traceRow(internet);
  }

  /** Destination j for every source at once: one outcome per router, one read per source. */
  private fillColumn(j: number, entry: Int32Array, routerIds: readonly string[]): void {
    const n = this.networks.length;
    const outcomes = this.model.routerOutcomes(this.networks[j]!);
    const ok = Uint8Array.from(routerIds, (id) => (outcomes.get(id) ? 1 : 0));
    for (let i = 0; i < n; i++) if (i !== j && entry[i]! >= 0) this.matrix[i * n + j] = ok[entry[i]!]!;
  }

  /** Towards the internet: SNAT depends on the source, so each pair is traced. */
  private traceColumn(j: number): void {
    const n = this.networks.length;
    this.networks.forEach((from, i) => {
      if (i !== j && this.get(from, this.networks[j]!).status === "delivered") this.matrix[i * n + j] = 1;
    });
  }

  /** From the internet: in through DNAT, traced per destination. */
  private traceRow(i: number): void {
    const n = this.networks.length;
    this.networks.forEach((to, j) => {
      if (i !== j && this.get(this.networks[i]!, to).status === "delivered") this.matrix[i * n + j] = 1;
    });
  }

  /** `from->to` pairs this report delivers and `other` does not, sorted. */
  deliveredOnlyHere(other: ReachabilityReport): string[] {
    const [names, n] = [this.networks, this.networks.length];
    const out: string[] = [];
    if (!(other instanceof Report)) {
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          if (this.matrix[i * n + j] === 1 && !other.isDelivered(names[i]!, names[j]!)) out.push(`${names[i]}->${names[j]}`);
      return out.sort();
    }
    // compare by index: this network's row/column in the other matrix (-1: absent there)
    const m = other.networks.length;
    const there = Int32Array.from(names, (name) => other.index.get(name) ?? -1);
    for (let i = 0; i < n; i++) {
      const ti = there[i]!;
      for (let j = 0; j < n; j++) {
        if (this.matrix[i * n + j] !== 1) continue;
        const tj = there[j]!;
        if (ti >= 0 && tj >= 0 && other.matrix[ti * m + tj] === 1) continue;
        out.push(`${names[i]}->${names[j]}`);
      }
    }
    return out.sort();
  }

  isDelivered(from: string, to: string): boolean {
    const [i, j] = [this.index.get(from), this.index.get(to)];
    return i !== undefined && j !== undefined && this.matrix[i * this.networks.length + j] === 1;
  }

  get(from: string, to: string): PathResult {
    if (from === to || !this.index.has(from) || !this.index.has(to))
      throw new Error(`no result for ${from}->${to}; networks: ${this.networks.join(", ")}`);
    const key = `${from}->${to}`;
    let r = this.traced.get(key);
    if (!r) {
      r = this.model.trace(from, to);
      this.traced.set(key, r);
    }
    return r;
  }

  get results(): readonly PathResult[] {
    this.all ??= this.networks.flatMap((a) => this.networks.filter((b) => b !== a).map((b) => this.get(a, b)));
    return this.all;
  }

  get delivered(): ReadonlySet<string> {
    this.pairs ??= new Set(this.networks.flatMap((a) => this.networks.filter((b) => this.isDelivered(a, b)).map((b) => `${a}->${b}`)));
    return this.pairs;
  }

  describe(): string {
    return this.results
      .map((r) => `${r.from} -> ${r.to}: ${r.status}${r.reason ? ` (${r.reason})` : ""} via ${r.hops.join(" > ")}`)
      .join("\n");
  }
}

/** Checks every ordered pair of networks in a synthesized stack (plus the internet). */
export function checkReachability(stack: StackJson | TfStack, sites: Sites = {}, options: ReachabilityOptions = {}): ReachabilityReport {
  const model = new ForwardingModel(stack, sites, options);
  return new Report(model, [...model.networks.keys(), INTERNET_NETWORK]);
}
