/**
 * The sites outside Terraform, read back from a synthesized stack itself: offices from
 * customer gateways (and the remote subnets of the connections that use them), IDCs from
 * VBRs (and what VPC tables route over router interfaces to them). netdiff and the twin
 * need them without the topology.
 */
import { Attrs, StackJson, TfStack } from "../tfjson";
import { Cidr, cidr, contains, isCidr, parseCidr } from "../topology/cidr";
import { SiteEndpoint } from "./reachability";
import { trIdcDestinations } from "./stack-sites-tr";

/** The customer gateway an IPsec connection names (top level, or its first tunnel's). */
export function customerGatewayOf(s: TfStack, connection: Attrs): string | undefined {
  const tunnels = (connection.tunnel_options_specification as Attrs[] | undefined) ?? [];
  return (s.ref(connection.customer_gateway_id) ?? s.ref(tunnels[0]?.customer_gateway_id))?.name;
}

/** Every customer gateway an IPsec connection names: top level, or each tunnel's (a second device may end the slave tunnel). */
export function customerGatewaysOf(s: TfStack, connection: Attrs): string[] {
  const tunnels = (connection.tunnel_options_specification as Attrs[] | undefined) ?? [];
  const refs = [connection.customer_gateway_id, ...tunnels.map((t) => t.customer_gateway_id)];
  return [...new Set(refs.flatMap((r) => s.ref(r)?.name ?? []))];
}

/**
 * Whether a customer gateway is a data center's VPN device backing its leased line (the
 * constructs describe it `data center <idc>`), not an office.
 */
const isIdcDevice = (g: { readonly attrs: Attrs }): boolean => String(g.attrs.description ?? "").startsWith(IDC_DEVICE_PREFIX);
const IDC_DEVICE_PREFIX = "data center ";

function officesOf(s: TfStack): SiteEndpoint[] {
  const subnets = new Map<string, Set<string>>(); // customer gateway name -> remote subnets
  for (const c of s.resources("alicloud_vpn_connection")) {
    for (const cg of customerGatewaysOf(s, c.attrs)) {
      const set = subnets.get(cg) ?? new Set<string>();
      for (const r of (c.attrs.remote_subnet as string[] | undefined) ?? []) set.add(r);
      subnets.set(cg, set);
    }
  }
  return s
    .resources("alicloud_vpn_customer_gateway")
    .flatMap((g) => (isIdcDevice(g) ? [] : [g]))
    .map((g) => ({
      name: String(g.attrs.customer_gateway_name ?? g.name),
      publicIp: String(g.attrs.ip_address),
      cidrs: [...(subnets.get(g.name) ?? [])],
    }));
}

/**
 * IDCs: a VBR, and what VPC tables route over router interfaces (or through transit
 * routers) to it, outside every VPC and office (a VBR that carries transit traffic is
 * also the way to other VPCs).
 */
function idcsOf(s: TfStack, offices: readonly SiteEndpoint[]): SiteEndpoint[] {
  const known = [...s.resources("alicloud_vpc").map((v) => cidr(String(v.attrs.cidr_block))), ...offices.flatMap((o) => o.cidrs.map(cidr))];
  const exact = new Set(known.map((c) => c.text)); // most routes name a VPC or an office exactly: no scan
  const overlapsKnown = (d: Cidr) => exact.has(d.text) || known.some((c) => contains(c, d) || contains(d, c));
  const riRouter = new Map(
    s.resources("alicloud_express_connect_router_interface").map((ri) => [ri.name, s.ref(ri.attrs.router_id)?.name]),
  );
  const peerOf = new Map<string, string>();
  for (const c of s.resources("alicloud_router_interface_connection")) {
    const [a, b] = [s.ref(c.attrs.interface_id)?.name, s.ref(c.attrs.opposite_interface_id)?.name];
    if (a && b) peerOf.set(a, b);
  }
  const towards = new Map<string, Set<string>>(); // VBR name -> destinations routed to it
  for (const e of s.resources("alicloud_route_entry")) {
    const hop = s.ref(e.attrs.nexthop_id);
    if (e.attrs.nexthop_type !== "RouterInterface" || !hop) continue;
    const far = peerOf.get(hop.name);
    const vbr = far ? riRouter.get(far) : undefined;
    const d = parseCidr(String(e.attrs.destination_cidrblock));
    if (vbr === undefined || !isCidr(d) || overlapsKnown(d)) continue;
    towards.set(vbr, (towards.get(vbr) ?? new Set()).add(d.text));
  }
  for (const [vbr, ds] of trIdcDestinations(s, overlapsKnown)) for (const d of ds) towards.set(vbr, (towards.get(vbr) ?? new Set()).add(d));
  return s
    .resources("alicloud_express_connect_virtual_border_router")
    .map((v) => ({
      name: String(v.attrs.virtual_border_router_name ?? v.name),
      cidrs: [...(towards.get(v.name) ?? [])],
      vbr: { vlanId: Number(v.attrs.vlan_id), peerGatewayIp: String(v.attrs.peer_gateway_ip) },
    }))
    .filter((d) => d.cidrs.length > 0);
}

/**
 * Endpoints that own the same address ranges are one site with several attachments (an
 * office with two devices, an IDC with two lines): named by what their names share (the
 * customer gateways of links `hq-us` and `hq-cn` are office `hq`; an IDC's first line is
 * named after it, a further line `<idc>-<line>`), the first one's address and VBR first.
 * The first is the one whose name begins every other's, else the first in JSON order.
 */
function merged(endpoints: readonly SiteEndpoint[]): SiteEndpoint[] {
  const groups = new Map<string, SiteEndpoint[]>();
  for (const e of endpoints) {
    const k = [...e.cidrs].sort().join(" ");
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  return [...groups.values()].map((g) => {
    if (g.length === 1) return g[0]!;
    const first = g.find((e) => g.every((x) => x.name.startsWith(e.name))) ?? g[0]!;
    const rest = g.filter((e) => e !== first);
    return {
      ...first,
      name: sharedName(g.map((e) => e.name)) ?? first.name,
      morePublicIps: rest.flatMap((e) => (e.publicIp === undefined ? [] : [e.publicIp])),
      moreVbrs: rest.flatMap((e) => (e.vbr === undefined ? [] : [e.vbr])),
    };
  });
}

/** The longest common prefix of `names` without a trailing `-`, when there is one. */
function sharedName(names: readonly string[]): string | undefined {
  let p = names[0] ?? "";
  for (const n of names) while (!n.startsWith(p)) p = p.slice(0, -1);
  p = p.replace(/-+$/, "");
  return p === "" ? undefined : p;
}

/**
 * The sites renamed after the promise's networks (`intent.json`): a site whose address
 * ranges are exactly a promised network's takes its name, so that a dual-homed office
 * read back from two customer gateways is the network the promise names.
 */
export function namedAfter<T extends { offices: SiteEndpoint[]; idcs: SiteEndpoint[] }>(
  sites: T,
  networks: readonly { readonly name: string; readonly cidrs: readonly string[] }[],
): T {
  const byRanges = new Map(networks.map((n) => [[...n.cidrs].sort().join(" "), n.name]));
  const rename = (e: SiteEndpoint) => ({ ...e, name: byRanges.get([...e.cidrs].sort().join(" ")) ?? e.name });
  return { ...sites, offices: sites.offices.map(rename), idcs: sites.idcs.map(rename) };
}

/** Sites outside Terraform, read back from the stack itself (customer gateways, VBRs). */
export function sitesFromStack(stack: StackJson | TfStack): { offices: SiteEndpoint[]; idcs: SiteEndpoint[] } {
  const s = stack instanceof TfStack ? stack : new TfStack(stack);
  const offices = officesOf(s);
  return { offices: merged(offices.filter((o) => o.cidrs.length > 0)), idcs: withVpnDevices(s, merged(idcsOf(s, offices))) };
}

/** Each IDC's VPN device: the customer gateway described as that data center's. */
function withVpnDevices(s: TfStack, idcs: SiteEndpoint[]): SiteEndpoint[] {
  const devices = new Map(
    s
      .resources("alicloud_vpn_customer_gateway")
      .flatMap((g) =>
        isIdcDevice(g) ? [[String(g.attrs.description).slice(IDC_DEVICE_PREFIX.length), String(g.attrs.ip_address)] as const] : [],
      ),
  );
  return idcs.map((d) => (devices.has(d.name) ? { ...d, publicIp: devices.get(d.name)! } : d));
}
