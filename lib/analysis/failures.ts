/**
 * The single failure elements of a synthesized stack, read from its JSON alone: each is a
 * thing that fails as a whole in the real network, and the resource addresses that stop
 * carrying traffic when it does (the checker's `down` set).
 *
 * - `vpn-link:<link>`: one IPsec connection (`alicloud_vpn_connection`, named by its
 *   `vpn_connection_name`): an office's, or the one backing a data center's lines;
 * - `vpn-tunnel:<link>/<master|slave>`: one tunnel of a dual-tunnel connection (its
 *   `tunnel_options_specification` entry of that `role`); the connection carries while
 *   the other tunnel is up, through the other tunnel's customer gateway (device);
 * - `vpn-gateway:<vpc>`: a VPC's VPN gateway, and so every connection on it;
 * - `line:<idc>/<line>`: a leased line: its VBR, its physical connection when the stack
 *   creates it, and every router-interface pair that starts on that VBR (the first line
 *   of an IDC is named after the IDC, a further line's VBR is `<idc>-<line>`);
 * - `vbr-link:<link>` / `router-interface:<link>`: a router-interface pair (both interfaces
 *   and both connections) between a VBR and a VPC / between two VPCs, named by the
 *   interfaces' `router_interface_name` (`<link>-<side>`) without the side;
 * - `peering:<link>`: a VPC peer connection (and its accepter), by `peer_connection_name`;
 * - `tr-attachment:<name>`: a transit-router attachment, by its attachment name
 *   (`transit_router_attachment_name`, a VPC attachment's `transit_router_vpc_attachment_name`).
 */
import { assertNever } from "../private/assert-never";
import { Attrs, Resource, TfStack, TR_TYPES, TransitRouterReader } from "../tfjson";
import { SiteEndpoint, Sites, tunnelAddress, VbrEndpoint } from "./reachability";
import { customerGatewayOf } from "./stack-sites";

export type FailureKind =
  "vpn-link" | "vpn-tunnel" | "vpn-gateway" | "line" | "vbr-link" | "router-interface" | "peering" | "tr-attachment";

/** One thing that can fail, and the resources that go down with it. */
export interface FailureElement {
  /** `<kind>:<name>`, e.g. `vpn-link:us-office-1`. */
  readonly id: string;
  readonly kind: FailureKind;
  /** Addresses of the resources that stop carrying traffic. */
  readonly resources: readonly string[];
}

/** A router-interface pair: its interfaces and connections, and the routers they sit on. */
interface Pair {
  readonly name: string;
  readonly resources: readonly string[];
  /** Addresses of the VPCs or VBRs the two interfaces sit on. */
  readonly routers: readonly string[];
  readonly onVbr: boolean;
}

const label = (r: Resource | undefined, field: string): string => String(r?.attrs[field] ?? r?.name ?? "?");

/** A name unique among `seen`: the name itself, or `<name>@<where>` when it repeats. */
function unique(seen: Map<string, number>, name: string, where: string): string {
  const n = seen.get(name) ?? 0;
  seen.set(name, n + 1);
  return n === 0 ? name : `${name}@${where}`;
}

function vpnElements(s: TfStack): FailureElement[] {
  const out: FailureElement[] = [];
  const seen = new Map<string, number>();
  for (const g of s.resources("alicloud_vpn_gateway")) {
    const vpc = label(s.resolve(g.attrs.vpc_id, "alicloud_vpc"), "vpc_name");
    out.push({ id: `vpn-gateway:${vpc}`, kind: "vpn-gateway", resources: [g.address] });
  }
  for (const c of s.resources("alicloud_vpn_connection")) {
    const gw = s.resolve(c.attrs.vpn_gateway_id, "alicloud_vpn_gateway");
    const where = label(s.resolve(gw?.attrs.vpc_id, "alicloud_vpc"), "vpc_name");
    const name = unique(seen, label(c, "vpn_connection_name"), where);
    out.push({ id: `vpn-link:${name}`, kind: "vpn-link", resources: [c.address] });
    out.push(...tunnelElements(c, name));
  }
  return out;
}

/** The tunnels of a dual-tunnel connection, one element each (a single-tunnel connection's one tunnel is its `vpn-link`). */
function tunnelElements(c: Resource, name: string): FailureElement[] {
  const tunnels = (c.attrs.tunnel_options_specification as Attrs[] | undefined) ?? [];
  if (tunnels.length < 2) return [];
  return tunnels.map((t) => ({
    id: `vpn-tunnel:${name}/${String(t.role)}`,
    kind: "vpn-tunnel",
    resources: [tunnelAddress(c.address, t.role)],
  }));
}

/** Router-interface pairs: two interfaces that name each other through connection resources. */
function pairsOf(s: TfStack): Pair[] {
  const conns = s.resources("alicloud_router_interface_connection");
  const done = new Set<string>();
  const out: Pair[] = [];
  for (const c of conns) {
    const [a, b] = [s.resolve(c.attrs.interface_id), s.resolve(c.attrs.opposite_interface_id)];
    if (!a || !b || done.has(a.address) || done.has(b.address)) continue;
    [a, b].forEach((x) => done.add(x.address));
    const mine = conns.filter((x) => [a, b].some((i) => s.ref(x.attrs.interface_id)?.address === i.address));
    const routers = [a, b].map((i) => s.ref(i.attrs.router_id)?.address ?? "");
    const onVbr = routers.some((r) => r.startsWith("alicloud_express_connect_virtual_border_router."));
    const first = a.attrs.role === "InitiatingSide" || b.attrs.role !== "InitiatingSide" ? a : b;
    const name =
      [first, first === a ? b : a].map((i) => pairName(s, i)).find((n) => n !== undefined) ?? label(first, "router_interface_name");
    out.push({ name, resources: [a.address, b.address, ...mine.map((x) => x.address)], routers, onVbr });
  }
  return out;
}

/**
 * `<link>-<side>` without the side (the name of the VPC or VBR the interface sits on);
 * undefined when the name does not end so (a further line's VBR interface is labelled by
 * its data center, not by its VBR: its VPC side is).
 */
function pairName(s: TfStack, i: Resource): string | undefined {
  const name = label(i, "router_interface_name");
  const router = s.resolve(i.attrs.router_id);
  const side = router ? String(router.attrs.vpc_name ?? router.attrs.virtual_border_router_name ?? "") : "";
  return side && name.endsWith(`-${side}`) ? name.slice(0, -side.length - 1) : undefined;
}

/** Whether VBR `v` is one of the site's lines (matched by VLAN and peer IP). */
const isVbrOf = (site: SiteEndpoint, v: Resource) =>
  [site.vbr, ...(site.moreVbrs ?? [])].some(
    (e: VbrEndpoint | undefined) => e && e.vlanId === v.attrs.vlan_id && e.peerGatewayIp === v.attrs.peer_gateway_ip,
  );

/** The IDC a VBR serves (matched by VLAN and peer IP), and which of its lines it is. */
function lineOf(v: Resource, sites: Sites): string {
  const vbrName = label(v, "virtual_border_router_name");
  const idc = (sites.idcs ?? []).find((d) => isVbrOf(d, v));
  if (!idc) return `${vbrName}/${vbrName}`;
  const line = vbrName === idc.name || !vbrName.startsWith(`${idc.name}-`) ? vbrName : vbrName.slice(idc.name.length + 1);
  return `${idc.name}/${line}`;
}

function lineElements(s: TfStack, sites: Sites, pairs: readonly Pair[]): FailureElement[] {
  return s.resources("alicloud_express_connect_virtual_border_router").map((v) => {
    const pc = s.resolve(v.attrs.physical_connection_id, "alicloud_express_connect_physical_connection");
    const onIt = pairs.filter((p) => p.routers.includes(v.address)).flatMap((p) => p.resources);
    return { id: `line:${lineOf(v, sites)}`, kind: "line", resources: [v.address, ...(pc ? [pc.address] : []), ...onIt] };
  });
}

function peeringElements(s: TfStack): FailureElement[] {
  return s.resources("alicloud_vpc_peer_connection").map((p) => ({
    id: `peering:${label(p, "peer_connection_name")}`,
    kind: "peering",
    resources: [p.address, ...s.referrers("alicloud_vpc_peer_connection_accepter", "instance_id", p).map((a) => a.address)],
  }));
}

function trElements(s: TfStack): FailureElement[] {
  return [TR_TYPES.vpcAttachment, TR_TYPES.vbrAttachment, TR_TYPES.peerAttachment].flatMap((type) =>
    s.resources(type).map((a): FailureElement => ({
      id: `tr-attachment:${String(a.attrs.transit_router_attachment_name ?? a.attrs.transit_router_vpc_attachment_name ?? a.name)}`,
      kind: "tr-attachment",
      resources: [a.address],
    })),
  );
}

/** Every single failure element of a stack, in a stable order (by kind, then JSON order). */
export function failureElements(stack: TfStack, sites: Sites = {}): FailureElement[] {
  const pairs = pairsOf(stack);
  const pairElements = pairs.map((p): FailureElement => ({
    id: `${p.onVbr ? "vbr-link" : "router-interface"}:${p.name}`,
    kind: p.onVbr ? "vbr-link" : "router-interface",
    resources: p.resources,
  }));
  const all = [
    ...vpnElements(stack),
    ...lineElements(stack, sites, pairs),
    ...pairElements,
    ...peeringElements(stack),
    ...trElements(stack),
  ];
  return all.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

const KIND_ORDER: readonly FailureKind[] = [
  "vpn-link",
  "vpn-tunnel",
  "vpn-gateway",
  "line",
  "vbr-link",
  "router-interface",
  "peering",
  "tr-attachment",
];

/** What failing means for an element of this kind, in one phrase (the table's legend). */
export function failureMeaning(kind: FailureKind): string {
  switch (kind) {
    case "vpn-link":
      return "the IPsec connection (both tunnels) is down";
    case "vpn-tunnel":
      return "one tunnel of a dual-tunnel IPsec connection is down (the other still carries it)";
    case "vpn-gateway":
      return "the VPN gateway and every connection on it are down";
    case "line":
      return "the leased line (physical connection and VBR) is down, with every router-interface pair on it";
    case "vbr-link":
      return "the router-interface pair between a VBR and a VPC is down";
    case "router-interface":
      return "the router-interface pair between two VPCs is down";
    case "peering":
      return "the VPC peer connection is down";
    case "tr-attachment":
      return "the transit-router attachment carries nothing";
    default:
      return assertNever(kind);
  }
}

/**
 * The site whose own attachment each resource is: an office's IPsec connections (by its
 * devices' addresses), an IDC's VPN backup connection (by its device's address), its VBRs, the router interfaces on them and their
 * transit-router attachments. Shared resources (VPN gateways, VPC interconnects) are no
 * site's.
 */
export function siteResources(s: TfStack, sites: Sites): Map<string, string> {
  const owner = new Map<string, string>();
  for (const c of s.resources("alicloud_vpn_connection")) {
    const ip = s.resource("alicloud_vpn_customer_gateway", customerGatewayOf(s, c.attrs) ?? "")?.attrs.ip_address;
    const office =
      (sites.offices ?? []).find((o) => o.publicIp === ip || (o.morePublicIps ?? []).includes(String(ip))) ??
      (sites.idcs ?? []).find((d) => d.publicIp !== undefined && d.publicIp === ip);
    if (!office) continue;
    owner.set(c.address, office.name);
    for (const t of (c.attrs.tunnel_options_specification as Attrs[] | undefined) ?? [])
      owner.set(tunnelAddress(c.address, t.role), office.name);
  }
  for (const v of s.resources("alicloud_express_connect_virtual_border_router")) {
    const idc = (sites.idcs ?? []).find((d) => isVbrOf(d, v));
    if (!idc) continue;
    owner.set(v.address, idc.name);
    for (const ri of s.referrers("alicloud_express_connect_router_interface", "router_id", v)) owner.set(ri.address, idc.name);
  }
  for (const a of new TransitRouterReader(s).allAttachments())
    if (a.kind === "vbr" && a.instance && owner.has(a.instance.address)) owner.set(a.resource.address, owner.get(a.instance.address)!);
  return owner;
}
