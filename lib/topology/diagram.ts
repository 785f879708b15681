/**
 * Topology diagrams: a topology as a Mermaid flowchart, the text of a ```mermaid block.
 *
 * Layout. Each region is a subgraph (inside one subgraph per account when the topology
 * has more than one account) holding its VPCs, their VPN and NAT gateways, and the VBRs
 * of IDCs whose access point is in it. Offices and IDCs sit in an "On-premises"
 * subgraph, and an "Internet" node appears only when a shared NAT gives egress.
 * Every link is one labelled edge ("<kind>: <name>"), but a transit-router link draws its
 * TRs and an edge per attachment and per peer pair; a shared NAT adds the NAT
 * gateway's edge to the internet and a dotted default route from each spoke, and an
 * IDC adds its leased line to its VBR.
 *
 * Node ids are the kind and the sanitized name (`vpc_us_vpc`), made unique in
 * declaration order, so the same topology always yields the same text. Labels are
 * quoted and escaped, with `<br/>` between lines.
 */
import { assertNever } from "../private/assert-never";
import { DEFAULT_PEER_BANDWIDTH, peerPairs, transitRouters } from "./transit-router";
import { IdcLineSpec, IdcSpec, LinkSpec, OfficeSpec, Topology, TransitRouterLinkSpec, VpcSpec } from "./types";

/** Mermaid entity codes for characters that would end or alter a quoted label. */
const ENTITIES: Readonly<Record<string, string>> = {
  '"': "#quot;",
  "#": "#35;",
  "&": "#amp;",
  "<": "#lt;",
  ">": "#gt;",
};

/** One quoted label: each line escaped, lines joined by `<br/>`. */
function label(...lines: string[]): string {
  return `"${lines.map((l) => l.replace(/["#&<>]/g, (c) => ENTITIES[c] ?? c)).join("<br/>")}"`;
}

/** Deterministic, Mermaid-safe ids: `<kind>_<name with every other character as _>`, deduplicated. */
class Ids {
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  get(kind: string, name: string): string {
    const key = `${kind}\u0000${name}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const base = `${kind}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.byKey.set(key, id);
    this.taken.add(id);
    return id;
  }
}

/** Nodes of one region of one account. */
interface RegionGroup {
  readonly account: string;
  readonly region: string;
  readonly nodes: string[];
}

function vpcNode(ids: Ids, v: VpcSpec): string {
  return `${ids.get("vpc", v.name)}[${label(v.name, v.cidr)}]`;
}

function officeNode(ids: Ids, o: OfficeSpec): string {
  return `${ids.get("office", o.name)}([${label(o.name, ...o.cidrs)}])`;
}

function idcNode(ids: Ids, i: IdcSpec): string {
  return `${ids.get("idc", i.name)}[(${label(i.name, ...i.cidrs, `access point ${i.leasedLine.accessPointId ?? `of ${i.leasedLine.physicalConnectionId}`}`)})]`;
}

function leasedLineLabel(i: IdcSpec | IdcLineSpec): string {
  const line = i.leasedLine.physicalConnectionId ?? (i.leasedLine.create ? "new line" : "");
  const routing = i.bgp ? `BGP AS ${i.bgp.peerAsn}` : "static routes";
  return label(`leased line ${line}`.trim(), `VLAN ${i.vbr.vlanId}, ${routing}`);
}

/** The diagram key of a line's VBR: the IDC's for its first line, `<idc>/<line>` for a further one. */
function vbrKey(idc: string, line?: string): string {
  return line === undefined || line === idc ? idc : `${idc}/${line}`;
}

/** The edge (or edges) one link draws. */
function linkEdges(ids: Ids, vpcs: ReadonlyMap<string, VpcSpec>, l: LinkSpec, t: Topology): string[] {
  const vpc = (name: string): string => ids.get("vpc", name);
  switch (l.kind) {
    case "peering": {
      const extra = [l.bandwidth !== undefined ? `${l.bandwidth} Mbit/s` : "", l.linkType ?? ""].filter((s) => s !== "");
      const text = extra.length > 0 ? label(`peering: ${l.name}`, extra.join(", ")) : label(`peering: ${l.name}`);
      return [`${vpc(l.requester)} <-->|${text}| ${vpc(l.acceptor)}`];
    }
    case "router-interface": {
      const text = l.spec ? label(`router-interface pair: ${l.name}`, l.spec) : label(`router-interface pair: ${l.name}`);
      return [`${vpc(l.from)} <-->|${text}| ${vpc(l.to)}`];
    }
    case "vbr": {
      const text = l.spec ? label(`VBR router interface: ${l.name}`, l.spec) : label(`VBR router interface: ${l.name}`);
      return [`${ids.get("vbr", vbrKey(l.idc, l.line))} <-->|${text}| ${vpc(l.vpc)}`];
    }
    case "vpn": {
      // to the VPC's VPN gateway; straight to the VPC when it has none (an invalid topology)
      const target = vpcs.get(l.vpc)?.vpnGateway ? ids.get("vpngw", l.vpc) : vpc(l.vpc);
      return [`${ids.get("office", l.office)} <-->|${label(`IPsec: ${l.name}`)}| ${target}`];
    }
    case "shared-nat": {
      const nat = ids.get("nat", l.name);
      const eip = l.eipBandwidth !== undefined ? `SNAT, EIP ${l.eipBandwidth} Mbit/s` : "SNAT, EIP";
      return [
        `${vpc(l.hub)} -->|${label(`shared-nat: ${l.name}`)}| ${nat}`,
        `${nat} -->|${label(eip)}| internet`,
        ...l.spokes.map((s) => `${vpc(s)} -.->|${label("0.0.0.0/0")}| ${vpc(l.hub)}`),
      ];
    }
    case "transit-router":
      return transitRouterEdges(ids, t, l);
    default:
      return assertNever(l, "link kind");
  }
}

/** A TR link: each VPC and VBR to its region's TR, and the peer attachments between TRs. */
function transitRouterEdges(ids: Ids, t: Topology, l: TransitRouterLinkSpec): string[] {
  const routers = transitRouters(t, l);
  const tr = (region: string): string => ids.get("tr", `${l.name}/${region}`);
  const declared = new Set<string>();
  const node = (region: string): string => {
    if (declared.has(region)) return tr(region);
    declared.add(region);
    const name = routers.find((r) => r.region === region)?.name ?? region;
    return `${tr(region)}[[${label("transit router", name)}]]`;
  };
  const regionOf = (n: string) => t.vpcs.find((v) => v.name === n)?.region ?? (t.idcs ?? []).find((d) => d.name === n)?.region;
  const out: string[] = [];
  for (const [kind, names] of [
    ["vpc", l.vpcs],
    ["vbr", l.idcs ?? []],
  ] as const) {
    for (const n of names) {
      const region = regionOf(n);
      if (region !== undefined) out.push(`${ids.get(kind, n)} <-->|${label(`TR attachment: ${l.name}`)}| ${node(region)}`);
    }
  }
  for (const [a, b] of peerPairs(routers.map((r) => r.region))) {
    out.push(`${node(a)} <-->|${label(`TR peer: ${l.peerBandwidth ?? DEFAULT_PEER_BANDWIDTH} Mbit/s`)}| ${node(b)}`);
  }
  return out;
}

/**
 * The topology as the body of a ```mermaid block (a `flowchart LR`), without the fence.
 * Deterministic: the same topology always gives the same text.
 *
 * ```ts
 * const md = "```mermaid\n" + renderMermaid(multinationalHub()) + "```\n";
 * ```
 */
export function renderMermaid(t: Topology): string {
  const ids = new Ids();
  const offices = t.offices ?? [];
  const idcs = t.idcs ?? [];
  const vpcs = new Map(t.vpcs.map((v) => [v.name, v] as const));
  const natLinks = t.links.filter((l): l is Extract<LinkSpec, { kind: "shared-nat" }> => l.kind === "shared-nat");

  // Region groups, by account (declared order, then any undeclared one) and first appearance.
  const accountOrder = [...t.accounts.map((a) => a.name), ...t.vpcs.map((v) => v.account), ...idcs.map((i) => i.account)].filter(
    (a, n, all) => all.indexOf(a) === n,
  );
  const groups = new Map<string, RegionGroup>();
  const group = (account: string, region: string): RegionGroup => {
    const key = `${account}\u0000${region}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { account, region, nodes: [] }));
    return g;
  };
  for (const v of t.vpcs) {
    const g = group(v.account, v.region);
    g.nodes.push(vpcNode(ids, v));
    if (v.vpnGateway) g.nodes.push(`${ids.get("vpngw", v.name)}{{${label("VPN gateway", `${v.vpnGateway.bandwidth} Mbit/s`)}}}`);
    for (const l of natLinks.filter((n) => n.hub === v.name)) {
      g.nodes.push(`${ids.get("nat", l.name)}{{${label("NAT gateway", l.name)}}}`);
    }
  }
  for (const i of idcs) {
    group(i.account, i.region).nodes.push(`${ids.get("vbr", i.name)}[[${label("VBR", i.name)}]]`);
    for (const l of i.additionalLines ?? [])
      group(i.account, i.region).nodes.push(`${ids.get("vbr", vbrKey(i.name, l.name))}[[${label("VBR", `${i.name}-${l.name}`)}]]`);
  }

  const out = ["flowchart LR"];
  const multiAccount = accountOrder.length > 1;
  for (const account of accountOrder) {
    const inAccount = [...groups.values()].filter((g) => g.account === account);
    if (inAccount.length === 0) continue;
    const indent = multiAccount ? "    " : "  ";
    if (multiAccount) out.push(`  subgraph ${ids.get("account", account)}[${label(`account ${account}`)}]`);
    for (const g of inAccount) {
      const id = ids.get("region", multiAccount ? `${account}/${g.region}` : g.region);
      out.push(`${indent}subgraph ${id}[${label(g.region)}]`);
      for (const n of g.nodes) out.push(`${indent}  ${n}`);
      out.push(`${indent}end`);
    }
    if (multiAccount) out.push("  end");
  }
  if (offices.length + idcs.length > 0) {
    out.push(`  subgraph onprem[${label("On-premises")}]`);
    for (const o of offices) out.push(`    ${officeNode(ids, o)}`);
    for (const i of idcs) out.push(`    ${idcNode(ids, i)}`);
    out.push("  end");
  }
  if (natLinks.length > 0) out.push(`  internet((${label("Internet")}))`);

  // Attachments, then one edge (or group of edges) per link in declaration order.
  for (const v of t.vpcs) if (v.vpnGateway) out.push(`  ${ids.get("vpngw", v.name)} --- ${ids.get("vpc", v.name)}`);
  for (const i of idcs) {
    out.push(`  ${ids.get("idc", i.name)} ---|${leasedLineLabel(i)}| ${ids.get("vbr", i.name)}`);
    for (const l of i.additionalLines ?? [])
      out.push(`  ${ids.get("idc", i.name)} ---|${leasedLineLabel(l)}| ${ids.get("vbr", vbrKey(i.name, l.name))}`);
  }
  for (const l of t.links) for (const e of linkEdges(ids, vpcs, l, t)) out.push(`  ${e}`);
  return out.join("\n") + "\n";
}
