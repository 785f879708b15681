/**
 * The head of a netdiff as a Mermaid flowchart, read from synthesized JSON only (the
 * planner's `diagram.ts` draws the topology; this draws what the stack deploys).
 *
 * Nodes: VPCs (grouped by their provider's region), VPN gateways, offices (customer
 * gateways), VBRs and their IDCs, NAT gateways and the internet. Edges: peer
 * connections, router-interface pairs, IPsec connections, a VPN gateway in its VPC, a
 * VBR's leased line, a NAT gateway in its VPC and its EIP to the internet. An edge whose
 * resources are added or replaced is drawn red and thick, a new node red. Past
 * {@link MAX_OFFICES} offices, unchanged offices become one node per VPN gateway, so a
 * large hub stays within what GitHub renders.
 */
import type { Attrs, ResourceChange, StackJson } from "./netdiff";
import type { SiteEndpoint } from "./reachability";

const ENTITIES: Readonly<Record<string, string>> = { '"': "#quot;", "#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;" };
const label = (...lines: string[]) => `"${lines.map((l) => l.replace(/["#&<>]/g, (c) => ENTITIES[c] ?? c)).join("<br/>")}"`;
const id = (kind: string, name: string) => `${kind}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
const ONE_REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/;
const refName = (v: unknown) => (typeof v === "string" ? ONE_REF.exec(v)?.[2] : undefined);

interface Edge {
  readonly text: string;
  readonly addresses: readonly string[];
}

/** Offices drawn one by one up to this many; beyond it only the changed ones. */
export const MAX_OFFICES = 24;

/** Lines of the ```mermaid block (without the fences). */
export function headDiagram(
  s: StackJson,
  changes: ReadonlyMap<string, ResourceChange>,
  sites: { readonly offices: readonly SiteEndpoint[]; readonly idcs: readonly SiteEndpoint[] },
): string[] {
  const res = s.resource ?? {};
  const all = (type: string): [string, Attrs][] => Object.entries(res[type] ?? {});
  const regions = new Map<string, string>();
  for (const p of (s.provider?.alicloud as Attrs[] | undefined) ?? []) regions.set(`alicloud.${String(p.alias)}`, String(p.region));
  const regionOf = (a: Attrs) => regions.get(String(a.provider)) ?? "region unknown";
  const fresh = (type: string, key: string) => {
    const c = changes.get(`${type}.${key}`);
    return c === "added" || c === "replaced";
  };

  const groups = new Map<string, string[]>();
  const place = (region: string, line: string) => {
    if (!groups.has(region)) groups.set(region, []);
    groups.get(region)!.push(line);
  };
  const nodeOf = new Map<string, string>(); // resource key -> node id
  const newNodes: string[] = [];
  const node = (type: string, key: string, nid: string) => {
    nodeOf.set(key, nid);
    if (fresh(type, key)) newNodes.push(nid);
  };

  for (const [k, v] of all("alicloud_vpc")) {
    const nid = id("vpc", String(v.vpc_name ?? k));
    node("alicloud_vpc", k, nid);
    place(regionOf(v), `${nid}[${label(String(v.vpc_name ?? k), String(v.cidr_block))}]`);
  }
  for (const [k, g] of all("alicloud_vpn_gateway")) {
    const nid = id("vpngw", String(g.vpn_gateway_name ?? k));
    node("alicloud_vpn_gateway", k, nid);
    place(regionOf(g), `${nid}{{${label("VPN gateway", String(g.vpn_gateway_name ?? k))}}}`);
  }
  for (const [k, n] of all("alicloud_nat_gateway")) {
    const nid = id("nat", String(n.nat_gateway_name ?? k));
    node("alicloud_nat_gateway", k, nid);
    place(regionOf(n), `${nid}{{${label("NAT gateway", String(n.nat_gateway_name ?? k))}}}`);
  }
  for (const [k, v] of all("alicloud_express_connect_virtual_border_router")) {
    const nid = id("vbr", String(v.virtual_border_router_name ?? k));
    node("alicloud_express_connect_virtual_border_router", k, nid);
    place(regionOf(v), `${nid}[[${label("VBR", String(v.virtual_border_router_name ?? k))}]]`);
  }
  const onprem: string[] = [];
  // IPsec connections by customer gateway; past MAX_OFFICES offices only the changed ones
  // are drawn, the others as one "N more offices" node per VPN gateway
  const connections = all("alicloud_vpn_connection").map(([k, c]) => ({
    k,
    c,
    cg: refName(c.customer_gateway_id) ?? refName(((c.tunnel_options_specification as Attrs[] | undefined) ?? [])[0]?.customer_gateway_id),
  }));
  const gateways = all("alicloud_vpn_customer_gateway");
  const collapse = gateways.length > MAX_OFFICES;
  const hidden = new Map<string, number>(); // VPN gateway key -> offices not drawn
  for (const [k, g] of gateways) {
    const mine = connections.filter((x) => x.cg === k);
    if (collapse && !fresh("alicloud_vpn_customer_gateway", k) && !mine.some((x) => fresh("alicloud_vpn_connection", x.k))) {
      for (const x of mine) {
        const gw = refName(x.c.vpn_gateway_id) ?? "";
        hidden.set(gw, (hidden.get(gw) ?? 0) + 1);
      }
      continue;
    }
    const name = String(g.customer_gateway_name ?? k);
    const nid = id("office", name);
    node("alicloud_vpn_customer_gateway", k, nid);
    onprem.push(`${nid}([${label(name, ...(sites.offices.find((o) => o.name === name)?.cidrs ?? []))}])`);
  }
  for (const [gw, n] of hidden) onprem.push(`${id("more", gw)}([${label(`${n} more office${n === 1 ? "" : "s"}, unchanged`)}])`);
  for (const d of sites.idcs) onprem.push(`${id("idc", d.name)}[(${label(d.name, ...d.cidrs)})]`);

  const edges: Edge[] = [];
  for (const [k, p] of all("alicloud_vpc_peer_connection")) {
    const [a, b] = [nodeOf.get(refName(p.vpc_id) ?? ""), nodeOf.get(refName(p.accepting_vpc_id) ?? "")];
    if (a && b)
      edges.push({
        text: `${a} <-->|${label(`peering: ${String(p.peer_connection_name ?? k)}`)}| ${b}`,
        addresses: [`alicloud_vpc_peer_connection.${k}`],
      });
  }
  // router-interface pairs: one edge per pair of interfaces connected to each other
  const ris = new Map(all("alicloud_express_connect_router_interface"));
  const conns = all("alicloud_router_interface_connection").map(([k, c]) => ({
    k,
    from: refName(c.interface_id),
    to: refName(c.opposite_interface_id),
  }));
  for (const c of conns) {
    if (!c.from || !c.to || c.from > c.to) continue;
    const back = conns.find((x) => x.from === c.to && x.to === c.from);
    const [ra, rb] = [ris.get(c.from), ris.get(c.to)];
    const [a, b] = [nodeOf.get(refName(ra?.router_id) ?? ""), nodeOf.get(refName(rb?.router_id) ?? "")];
    if (!a || !b) continue;
    const name = String(ra?.router_interface_name ?? c.from);
    edges.push({
      text: `${a} <-->|${label(`router interface: ${name}${back ? "" : " (one side only)"}`)}| ${b}`,
      addresses: [
        `alicloud_router_interface_connection.${c.k}`,
        ...(back ? [`alicloud_router_interface_connection.${back.k}`] : []),
        `alicloud_express_connect_router_interface.${c.from}`,
        `alicloud_express_connect_router_interface.${c.to}`,
      ],
    });
  }
  for (const [k, g] of all("alicloud_vpn_gateway")) {
    const vpc = nodeOf.get(refName(g.vpc_id) ?? "");
    if (vpc) edges.push({ text: `${nodeOf.get(k)} --- ${vpc}`, addresses: [`alicloud_vpn_gateway.${k}`] });
  }
  for (const { k, c, cg } of connections) {
    const [o, gw] = [nodeOf.get(cg ?? ""), nodeOf.get(refName(c.vpn_gateway_id) ?? "")];
    if (o && gw)
      edges.push({
        text: `${o} <-->|${label(`IPsec: ${String(c.vpn_connection_name ?? k)}`)}| ${gw}`,
        addresses: [`alicloud_vpn_connection.${k}`],
      });
  }
  for (const gw of hidden.keys()) {
    if (nodeOf.has(gw)) edges.push({ text: `${id("more", gw)} <-.->|${label("IPsec")}| ${nodeOf.get(gw)}`, addresses: [] });
  }
  for (const [k, v] of all("alicloud_express_connect_virtual_border_router")) {
    const d = sites.idcs.find((x) => x.name === String(v.virtual_border_router_name));
    if (d)
      edges.push({
        text: `${id("idc", d.name)} ---|${label(`leased line, VLAN ${String(v.vlan_id)}`)}| ${nodeOf.get(k)}`,
        addresses: [`alicloud_express_connect_virtual_border_router.${k}`],
      });
  }
  let internet = false;
  for (const [k, n] of all("alicloud_nat_gateway")) {
    const vpc = nodeOf.get(refName(n.vpc_id) ?? "");
    if (vpc) edges.push({ text: `${vpc} --> ${nodeOf.get(k)}`, addresses: [`alicloud_nat_gateway.${k}`] });
    const eip = all("alicloud_eip_association").find(([, a]) => refName(a.instance_id) === k);
    if (eip) {
      internet = true;
      edges.push({
        text: `${nodeOf.get(k)} -->|${label("SNAT, EIP")}| internet`,
        addresses: [`alicloud_eip_association.${eip[0]}`, `alicloud_eip_address.${refName(eip[1].allocation_id)}`],
      });
    }
  }

  const out = ["flowchart LR"];
  for (const [region, lines] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`  subgraph ${id("region", region)}[${label(region)}]`, ...lines.map((l) => `    ${l}`), "  end");
  }
  if (onprem.length > 0) out.push(`  subgraph onprem[${label("On-premises")}]`, ...onprem.map((l) => `    ${l}`), "  end");
  if (internet) out.push(`  internet((${label("Internet")}))`);
  edges.forEach((e) => out.push(`  ${e.text}`));
  const changed = edges
    .map((e, i) =>
      e.addresses.some((a) => {
        const c = changes.get(a);
        return c === "added" || c === "replaced";
      })
        ? i
        : -1,
    )
    .filter((i) => i >= 0);
  if (changed.length > 0) out.push(`  linkStyle ${changed.join(",")} stroke:#d00,stroke-width:3px`);
  if (newNodes.length > 0) out.push("  classDef changed stroke:#d00,stroke-width:3px", `  class ${newNodes.join(",")} changed`);
  return out;
}
