/**
 * The head of a netdiff as a Mermaid flowchart, read from synthesized JSON only (the
 * planner's `diagram.ts` draws the topology; this draws what the stack deploys).
 *
 * Nodes: VPCs (grouped by their provider's region), VPN gateways, transit routers,
 * offices (customer gateways), VBRs and their IDCs, NAT gateways and the internet.
 * Edges: peer connections, router-interface pairs, TR attachments (VPC, VBR, and peer
 * attachments between TRs), IPsec connections, a VPN gateway in its VPC, a VBR's leased
 * line, a NAT gateway in its VPC and its EIP to the internet. An edge whose
 * resources are added or replaced is drawn red and thick, a new node red. Past
 * {@link MAX_OFFICES} offices, unchanged offices become one node per VPN gateway, so a
 * large hub stays within what GitHub renders.
 */
import { Resource, StackJson, TfStack, TransitRouterReader } from "../tfjson";
import { ResourceChange } from "./changes";
import { SiteEndpoint } from "./reachability";
import { customerGatewayOf } from "./stack-sites";

const ENTITIES: Readonly<Record<string, string>> = { '"': "#quot;", "#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;" };
const label = (...lines: string[]) => `"${lines.map((l) => l.replace(/["#&<>]/g, (c) => ENTITIES[c] ?? c)).join("<br/>")}"`;
const id = (kind: string, name: string) => `${kind}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;

interface Edge {
  readonly text: string;
  readonly addresses: readonly string[];
}

/** Offices drawn one by one up to this many; beyond it only the changed ones. */
export const MAX_OFFICES = 24;

type Sites = { readonly offices: readonly SiteEndpoint[]; readonly idcs: readonly SiteEndpoint[] };

/** Builds the chart in phases: cloud nodes, on-premises nodes, edges, then styles. */
class DiagramBuilder {
  private readonly s: TfStack;
  private readonly groups = new Map<string, string[]>(); // region -> node lines
  /** Resource name -> node id (VPCs, gateways, VBRs, offices drawn one by one). */
  private readonly nodeOf = new Map<string, string>();
  private readonly newNodes: string[] = [];
  private readonly onprem: string[] = [];
  private readonly edges: Edge[] = [];
  /** VPN gateway name -> offices not drawn one by one. */
  private readonly hidden = new Map<string, number>();
  private internet = false;

  constructor(
    stack: StackJson,
    private readonly changes: ReadonlyMap<string, ResourceChange>,
    private readonly sites: Sites,
  ) {
    this.s = new TfStack(stack);
  }

  build(): string[] {
    this.addCloudNodes();
    this.addOffices();
    for (const d of this.sites.idcs) this.onprem.push(`${id("idc", d.name)}[(${label(d.name, ...d.cidrs)})]`);
    this.addPeeringEdges();
    this.addRouterInterfaceEdges();
    this.addTransitRouterEdges();
    this.addVpnEdges();
    this.addLeasedLineEdges();
    this.addNatEdges();
    return this.render();
  }

  private fresh(address: string): boolean {
    const c = this.changes.get(address);
    return c === "added" || c === "replaced";
  }

  private regionOf(r: Resource): string {
    return this.s.providerOf(r)?.region ?? "region unknown";
  }

  private node(r: Resource, nid: string, line: string): void {
    this.nodeOf.set(r.name, nid);
    if (this.fresh(r.address)) this.newNodes.push(nid);
    const region = this.regionOf(r);
    this.groups.set(region, [...(this.groups.get(region) ?? []), line]);
  }

  private nodeFor(v: unknown): string | undefined {
    return this.nodeOf.get(this.s.ref(v)?.name ?? "");
  }

  private addCloudNodes(): void {
    for (const v of this.s.resources("alicloud_vpc")) {
      const name = String(v.attrs.vpc_name ?? v.name);
      this.node(v, id("vpc", name), `${id("vpc", name)}[${label(name, String(v.attrs.cidr_block))}]`);
    }
    for (const g of this.s.resources("alicloud_vpn_gateway")) {
      const name = String(g.attrs.vpn_gateway_name ?? g.name);
      this.node(g, id("vpngw", name), `${id("vpngw", name)}{{${label("VPN gateway", name)}}}`);
    }
    for (const n of this.s.resources("alicloud_nat_gateway")) {
      const name = String(n.attrs.nat_gateway_name ?? n.name);
      this.node(n, id("nat", name), `${id("nat", name)}{{${label("NAT gateway", name)}}}`);
    }
    for (const v of this.s.resources("alicloud_express_connect_virtual_border_router")) {
      const name = String(v.attrs.virtual_border_router_name ?? v.name);
      this.node(v, id("vbr", name), `${id("vbr", name)}[[${label("VBR", name)}]]`);
    }
    for (const t of this.s.resources("alicloud_cen_transit_router")) {
      const name = String(t.attrs.transit_router_name ?? t.name);
      this.node(t, id("tr", name), `${id("tr", name)}{{${label("transit router", name)}}}`);
    }
  }

  /**
   * Offices by customer gateway; past MAX_OFFICES only the changed ones are drawn, the
   * others as one "N more offices" node per VPN gateway.
   */
  private addOffices(): void {
    const byGateway = new Map<string, Resource[]>(); // customer gateway name -> its connections
    for (const c of this.s.resources("alicloud_vpn_connection")) {
      const cg = customerGatewayOf(this.s, c.attrs) ?? "";
      byGateway.set(cg, [...(byGateway.get(cg) ?? []), c]);
    }
    const cidrsOf = new Map(this.sites.offices.map((o) => [o.name, o.cidrs]));
    const gateways = this.s.resources("alicloud_vpn_customer_gateway");
    const collapse = gateways.length > MAX_OFFICES;
    for (const g of gateways) {
      const mine = byGateway.get(g.name) ?? [];
      if (collapse && !this.fresh(g.address) && !mine.some((x) => this.fresh(x.address))) {
        for (const x of mine) {
          const gw = this.s.ref(x.attrs.vpn_gateway_id)?.name ?? "";
          this.hidden.set(gw, (this.hidden.get(gw) ?? 0) + 1);
        }
        continue;
      }
      const name = String(g.attrs.customer_gateway_name ?? g.name);
      const nid = id("office", name);
      this.nodeOf.set(g.name, nid);
      if (this.fresh(g.address)) this.newNodes.push(nid);
      this.onprem.push(`${nid}([${label(name, ...(cidrsOf.get(name) ?? []))}])`);
    }
    for (const [gw, n] of this.hidden)
      this.onprem.push(`${id("more", gw)}([${label(`${n} more office${n === 1 ? "" : "s"}, unchanged`)}])`);
  }

  private addPeeringEdges(): void {
    for (const p of this.s.resources("alicloud_vpc_peer_connection")) {
      const [a, b] = [this.nodeFor(p.attrs.vpc_id), this.nodeFor(p.attrs.accepting_vpc_id)];
      const text = `${a} <-->|${label(`peering: ${String(p.attrs.peer_connection_name ?? p.name)}`)}| ${b}`;
      if (a && b) this.edges.push({ text, addresses: [p.address] });
    }
  }

  /** One edge per pair of router interfaces connected to each other. */
  private addRouterInterfaceEdges(): void {
    const conns = this.s.resources("alicloud_router_interface_connection").map((c) => ({
      c,
      from: this.s.ref(c.attrs.interface_id)?.name,
      to: this.s.ref(c.attrs.opposite_interface_id)?.name,
    }));
    const byEnds = new Map(conns.map((x) => [`${x.from}>${x.to}`, x.c]));
    for (const { c, from, to } of conns) {
      if (!from || !to || from > to) continue;
      const back = byEnds.get(`${to}>${from}`);
      const [ra, rb] = [
        this.s.resource("alicloud_express_connect_router_interface", from),
        this.s.resource("alicloud_express_connect_router_interface", to),
      ];
      const [a, b] = [this.nodeFor(ra?.attrs.router_id), this.nodeFor(rb?.attrs.router_id)];
      if (!a || !b) continue;
      const name = String(ra?.attrs.router_interface_name ?? from);
      this.edges.push({
        text: `${a} <-->|${label(`router interface: ${name}${back ? "" : " (one side only)"}`)}| ${b}`,
        addresses: [
          c.address,
          ...(back ? [back.address] : []),
          `alicloud_express_connect_router_interface.${from}`,
          `alicloud_express_connect_router_interface.${to}`,
        ],
      });
    }
  }

  /** One edge per TR attachment: a VPC or VBR to its TR, a peer attachment between two TRs. */
  private addTransitRouterEdges(): void {
    const trs = new TransitRouterReader(this.s);
    const nodeAt = (address: string | undefined) => (address === undefined ? undefined : this.nodeOf.get(this.s.get(address)?.name ?? ""));
    for (const a of trs.allAttachments()) {
      const tr = nodeAt(a.router);
      const other = a.kind === "peer" ? nodeAt(a.peerRouter) : nodeAt(a.instance?.address);
      const text =
        a.kind === "peer"
          ? `${tr} <-->|${label(`peer attachment, ${String(a.resource.attrs.bandwidth ?? "?")} Mbit/s`)}| ${other}`
          : `${other} <-->|${label(`${a.kind.toUpperCase()} attachment`)}| ${tr}`;
      if (tr && other) this.edges.push({ text, addresses: [a.resource.address] });
    }
  }

  private addVpnEdges(): void {
    for (const g of this.s.resources("alicloud_vpn_gateway")) {
      const vpc = this.nodeFor(g.attrs.vpc_id);
      if (vpc) this.edges.push({ text: `${this.nodeOf.get(g.name)} --- ${vpc}`, addresses: [g.address] });
    }
    for (const c of this.s.resources("alicloud_vpn_connection")) {
      const [o, gw] = [this.nodeOf.get(customerGatewayOf(this.s, c.attrs) ?? ""), this.nodeFor(c.attrs.vpn_gateway_id)];
      const text = `${o} <-->|${label(`IPsec: ${String(c.attrs.vpn_connection_name ?? c.name)}`)}| ${gw}`;
      if (o && gw) this.edges.push({ text, addresses: [c.address] });
    }
    for (const gw of this.hidden.keys())
      if (this.nodeOf.has(gw))
        this.edges.push({ text: `${id("more", gw)} <-.->|${label("IPsec")}| ${this.nodeOf.get(gw)}`, addresses: [] });
  }

  private addLeasedLineEdges(): void {
    for (const v of this.s.resources("alicloud_express_connect_virtual_border_router")) {
      const d = this.sites.idcs.find((x) => x.name === String(v.attrs.virtual_border_router_name));
      if (d)
        this.edges.push({
          text: `${id("idc", d.name)} ---|${label(`leased line, VLAN ${String(v.attrs.vlan_id)}`)}| ${this.nodeOf.get(v.name)}`,
          addresses: [v.address],
        });
    }
  }

  private addNatEdges(): void {
    for (const n of this.s.resources("alicloud_nat_gateway")) {
      const vpc = this.nodeFor(n.attrs.vpc_id);
      if (vpc) this.edges.push({ text: `${vpc} --> ${this.nodeOf.get(n.name)}`, addresses: [n.address] });
      const eip = this.s.referrers("alicloud_eip_association", "instance_id", n)[0];
      if (!eip) continue;
      this.internet = true;
      this.edges.push({
        text: `${this.nodeOf.get(n.name)} -->|${label("SNAT, EIP")}| internet`,
        addresses: [eip.address, `alicloud_eip_address.${this.s.ref(eip.attrs.allocation_id)?.name}`],
      });
    }
  }

  private render(): string[] {
    const out = ["flowchart LR"];
    for (const [region, lines] of [...this.groups].sort(([a], [b]) => a.localeCompare(b)))
      out.push(`  subgraph ${id("region", region)}[${label(region)}]`, ...lines.map((l) => `    ${l}`), "  end");
    if (this.onprem.length > 0) out.push(`  subgraph onprem[${label("On-premises")}]`, ...this.onprem.map((l) => `    ${l}`), "  end");
    if (this.internet) out.push(`  internet((${label("Internet")}))`);
    this.edges.forEach((e) => out.push(`  ${e.text}`));
    const changed = this.edges.flatMap((e, i) => (e.addresses.some((a) => this.fresh(a)) ? [i] : []));
    if (changed.length > 0) out.push(`  linkStyle ${changed.join(",")} stroke:#d00,stroke-width:3px`);
    if (this.newNodes.length > 0) out.push("  classDef changed stroke:#d00,stroke-width:3px", `  class ${this.newNodes.join(",")} changed`);
    return out;
  }
}

/** Lines of the ```mermaid block (without the fences). */
export function headDiagram(s: StackJson, changes: ReadonlyMap<string, ResourceChange>, sites: Sites): string[] {
  return new DiagramBuilder(s, changes, sites).build();
}
