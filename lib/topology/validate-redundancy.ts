/**
 * Validation of redundant sites: an office's several VPN links (their devices and roles
 * on each gateway), and a data center's further leased lines as the vbr links use them.
 * The rules that need every link at once live here; the per-link field checks stay in
 * `validate-links.ts`, the per-line field checks in `validate-idcs.ts`.
 */
import { cidr, containsIp, isDocumentationIpv4, isIpv4, isPublicIpv4 } from "./cidr";
import { IdcLineSpec, IdcSpec, OfficeSpec, VbrLinkSpec, VpnLinkSpec } from "./types";
import { list, ValidationContext } from "./validate-common";
import { supportsDualTunnelVpn } from "./vpn-capabilities";

/** Why a gateway needs one active link per office, and what a standby is. */
export const VPN_WEIGHT_SOURCE =
  'a VPN gateway uses the active (weight 100) destination route to a prefix while its connection is up and the standby (weight 0) only while the active one is down (Alibaba Cloud VPN Gateway user guide, "Manage destination-based routes"; provider alicloud/resource_alicloud_vpn_route_entry.go:51-54 `weight` in {0, 100})';

/**
 * Why a dual-tunnel gateway takes neither a standby link nor an IPsec health check: the
 * SDK remarks of the two API parameters, as the emulator's rules quote them.
 */
export const DUAL_TUNNEL_REDUNDANCY_SOURCE =
  "on a gateway that supports dual-tunnel connections the destination route's weight does not take effect (CreateVpnRouteEntry, Weight) and a health check is supported only for single-tunnel connections (CreateVpnConnection, HealthCheckConfig): each connection's master and slave tunnels are its active/standby pair";

/** Why a second device may end a dual-tunnel connection's slave tunnel, and only there. */
export const SLAVE_TUNNEL_SOURCE =
  'a dual-tunnel connection\'s master and slave tunnels each name their own customer gateway (CreateVpnConnection, TunnelOptionsSpecification.N.CustomerGatewayId; provider alicloud/resource_alicloud_vpn_connection.go:252 `tunnel_options_specification`, :310 `customer_gateway_id`, v1.240.0), and the VPN Gateway guide "Dual-tunnel mode" recommends two office devices with one public IP each; a single-tunnel connection has one customer gateway';

/** Why two links of one office to one gateway need two devices. */
export const VPN_PEER_SOURCE =
  "a VPN gateway tells its IPsec connections apart by the peer's public address, one customer gateway per device (provider alicloud/resource_alicloud_vpn_customer_gateway.go:50 `ip_address`)";

interface Indexed<T> {
  readonly spec: T;
  readonly path: string;
}

/** The links of `kind` with their paths, in declaration order. */
function vpnLinks(x: ValidationContext): Indexed<VpnLinkSpec>[] {
  return x.t.links.flatMap((l, i) => (l.kind === "vpn" ? [{ spec: l, path: `${x.root}.links[${i}]` }] : []));
}

function vbrLinks(x: ValidationContext): Indexed<VbrLinkSpec>[] {
  return x.t.links.flatMap((l, i) => (l.kind === "vbr" ? [{ spec: l, path: `${x.root}.links[${i}]` }] : []));
}

/** The device address a link's customer gateway takes: its own, or its office's. */
export function effectivePublicIp(l: VpnLinkSpec, office: OfficeSpec | undefined): string | undefined {
  return l.publicIp ?? office?.publicIp;
}

/** Every redundancy rule over the links (the links themselves were checked one by one before). */
export function checkRedundancy(x: ValidationContext): void {
  const vpn = vpnLinks(x);
  vpn.forEach((l) => checkLinkPublicIp(x, l));
  checkDeviceOwners(x, vpn);
  const groups = new Map<string, Indexed<VpnLinkSpec>[]>();
  for (const l of vpn) {
    const key = `${l.spec.office}|${l.spec.vpc}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  for (const g of groups.values()) {
    checkDistinctDevices(x, g);
    checkRoles(x, g);
  }
  vpn.forEach((l) => checkDualTunnelLink(x, l));
  vpn.forEach((l) => checkSlaveTunnelDevice(x, l));
  const vbr = vbrLinks(x);
  vbr.forEach((l) => checkVbrLine(x, l));
  checkParallelLines(x, vbr);
  checkTransitRouterLines(x);
}

function officeOf(x: ValidationContext, name: string): OfficeSpec | undefined {
  const n = x.networks.get(name);
  return n?.kind === "office" ? n.spec : undefined;
}

function idcOf(x: ValidationContext, name: string): IdcSpec | undefined {
  const n = x.networks.get(name);
  return n?.kind === "idc" ? n.spec : undefined;
}

/** A link's own device address is a public IPv4 like the office's. */
function checkLinkPublicIp(x: ValidationContext, l: Indexed<VpnLinkSpec>): void {
  const ip = l.spec.publicIp;
  if (ip === undefined || isPublicIpv4(ip) || isDocumentationIpv4(ip)) return;
  x.c.add(
    `${l.path}.publicIp`,
    ip,
    "is not a public IPv4 address; allowed: the office device's static public unicast IPv4 (not private, CGNAT, loopback or reserved), or an RFC 5737 placeholder (203.0.113.x) until you know it",
  );
}

/**
 * A device belongs to one office: a link's own address may not be another office's (the
 * gateway, and the checker, tell offices apart by the peer address, so traffic for one
 * would reach the other).
 */
function checkDeviceOwners(x: ValidationContext, vpn: readonly Indexed<VpnLinkSpec>[]): void {
  const owner = new Map<string, string>();
  for (const o of x.t.offices ?? []) if (!owner.has(o.publicIp)) owner.set(o.publicIp, o.name);
  for (const l of vpn) {
    for (const field of ["publicIp", "slaveTunnelPublicIp"] as const) {
      const ip = l.spec[field];
      if (ip === undefined) continue;
      const prev = owner.get(ip);
      if (prev === undefined) owner.set(ip, l.spec.office);
      else if (prev !== l.spec.office) {
        x.c.add(`${l.path}.${field}`, ip, `is a device of office ${prev}; ${VPN_PEER_SOURCE}; allowed: an address no other office uses`);
      }
    }
  }
}

/** Two links of one office to one gateway terminate on two devices (two addresses). */
function checkDistinctDevices(x: ValidationContext, group: readonly Indexed<VpnLinkSpec>[]): void {
  const seen = new Map<string, Indexed<VpnLinkSpec>>();
  for (const l of group) {
    const ip = effectivePublicIp(l.spec, officeOf(x, l.spec.office));
    if (ip === undefined) continue;
    const prev = seen.get(ip);
    if (!prev) {
      seen.set(ip, l);
      continue;
    }
    x.c.add(
      l.spec.publicIp === undefined ? `${l.path}.office` : `${l.path}.publicIp`,
      l.spec.publicIp ?? l.spec.office,
      `ends on device ${ip} like ${prev.path} (${prev.spec.name}) on the same gateway of ${l.spec.vpc}; ${VPN_PEER_SOURCE}; allowed: a second link to one gateway with its own \`publicIp\` (another device of office ${l.spec.office})`,
    );
  }
}

/** One active link per (office, gateway), and a standby only beside that active one. */
function checkRoles(x: ValidationContext, group: readonly Indexed<VpnLinkSpec>[]): void {
  const active = group.filter((l) => (l.spec.role ?? "active") === "active");
  active
    .slice(1)
    .forEach((l) =>
      x.c.add(
        `${l.path}.role`,
        l.spec.role ?? "active",
        `is a second active link of office ${l.spec.office} on the gateway of ${l.spec.vpc} (first: ${active[0]!.path}, ${active[0]!.spec.name}); ${VPN_WEIGHT_SOURCE}; allowed: "standby" for every link but one on a gateway`,
      ),
    );
  if (active.length > 0) return;
  for (const l of group) {
    x.c.add(
      `${l.path}.role`,
      l.spec.role,
      `is a standby link of office ${l.spec.office} on the gateway of ${l.spec.vpc}, which has no active link of that office to stand by for; ${VPN_WEIGHT_SOURCE}; allowed: "active", or an active link of office ${l.spec.office} to ${l.spec.vpc} beside it`,
    );
  }
}

/**
 * On a dual-tunnel gateway a link is active and has no IPsec health check: the gateway's
 * own tunnels carry its redundancy, and what a standby route or a health check would do is
 * not available there.
 */
function checkDualTunnelLink(x: ValidationContext, l: Indexed<VpnLinkSpec>): void {
  const n = x.networks.get(l.spec.vpc);
  if (n?.kind !== "vpc" || n.spec.vpnGateway === undefined || !supportsDualTunnelVpn(n.spec.region)) return;
  const where = `the gateway of ${l.spec.vpc} is dual-tunnel (${n.spec.region}); ${DUAL_TUNNEL_REDUNDANCY_SOURCE}`;
  if (l.spec.role === "standby")
    x.c.add(`${l.path}.role`, l.spec.role, `${where}; allowed: "active", or a standby link to a gateway in a single-tunnel region`);
  if (l.spec.healthCheck !== undefined)
    x.c.add(`${l.path}.healthCheck`, "(set)", `${where}; allowed: no healthCheck on this link, or a gateway in a single-tunnel region`);
}

/**
 * A link's second device, on its slave tunnel: a public IPv4 like any device address,
 * another device than the master tunnel's, and only on a gateway in a dual-tunnel region
 * (a single-tunnel connection has no slave tunnel).
 */
function checkSlaveTunnelDevice(x: ValidationContext, l: Indexed<VpnLinkSpec>): void {
  const ip = l.spec.slaveTunnelPublicIp;
  if (ip === undefined) return;
  const path = `${l.path}.slaveTunnelPublicIp`;
  if (!isPublicIpv4(ip) && !isDocumentationIpv4(ip)) {
    x.c.add(
      path,
      ip,
      "is not a public IPv4 address; allowed: the second office device's static public unicast IPv4 (not private, CGNAT, loopback or reserved), or an RFC 5737 placeholder (203.0.113.x) until you know it",
    );
    return;
  }
  const master = effectivePublicIp(l.spec, officeOf(x, l.spec.office));
  if (ip === master) {
    x.c.add(
      path,
      ip,
      `is the device of the master tunnel too (the link's ${l.spec.publicIp === undefined ? "office's publicIp" : "publicIp"}); allowed: another device's address, or no slaveTunnelPublicIp (both tunnels on one device)`,
    );
  }
  const n = x.networks.get(l.spec.vpc);
  if (n?.kind === "vpc" && !supportsDualTunnelVpn(n.spec.region)) {
    x.c.add(
      path,
      ip,
      `is set, but the gateway of ${l.spec.vpc} is single-tunnel (${n.spec.region}): its connection has one tunnel and one customer gateway; ${SLAVE_TUNNEL_SOURCE}; allowed: a slaveTunnelPublicIp only on a link to a gateway in a dual-tunnel region, or a second link with its own publicIp (standby) here`,
    );
  }
}

/** The names of an IDC's lines: its own (the first line), then its additional lines'. */
export function lineNames(d: IdcSpec): string[] {
  return [d.name, ...(d.additionalLines ?? []).map((l) => l.name)];
}

/** The line a vbr link starts from: a line of its IDC. */
function checkVbrLine(x: ValidationContext, l: Indexed<VbrLinkSpec>): void {
  const d = idcOf(x, l.spec.idc);
  if (!d || l.spec.line === undefined || lineNames(d).includes(l.spec.line)) return;
  x.c.add(
    `${l.path}.line`,
    l.spec.line,
    `names no line of IDC ${d.name}; allowed: ${list(lineNames(d))} (the IDC's own name is its first line)`,
  );
}

/** The line a vbr link starts from, by name (the IDC's name for the first line). */
export function lineOf(l: VbrLinkSpec): string {
  return l.line ?? l.idc;
}

/**
 * Two lines of one IDC into one VPC over router interfaces: refused. The VPC would need
 * two static routes to the IDC, and the pinned provider cannot make them: an
 * `alicloud_route_entry` sends one next hop (alicloud/resource_alicloud_route_entry.go:88-89,
 * v1.240.0), a second entry for the same destination is refused
 * (RouterEntryConflict.Duplicated), and the multi-hop `alicloud_vpc_route_entry` is not in
 * v1.240.0. Static routes are never withdrawn either, so the transit router is the way.
 */
function checkParallelLines(x: ValidationContext, vbr: readonly Indexed<VbrLinkSpec>[]): void {
  const first = new Map<string, Indexed<VbrLinkSpec>>();
  for (const l of vbr) {
    const key = `${l.spec.idc}|${l.spec.vpc}`;
    const prev = first.get(key);
    if (!prev) {
      first.set(key, l);
      continue;
    }
    if (lineOf(prev.spec) === lineOf(l.spec)) continue;
    x.c.add(
      `${l.path}.line`,
      l.spec.line ?? l.spec.idc,
      `is a second line of IDC ${l.spec.idc} into VPC ${l.spec.vpc} (first: ${prev.path}, line ${lineOf(prev.spec)}); ${ECMP_SOURCE}; allowed: each line of an IDC to other VPCs, or use the transit-router interconnect for a dual-homed data center`,
    );
  }
}

/** Why a VPC table cannot hold one static route per line. */
export const ECMP_SOURCE =
  "a VPC table holds one static route per destination here: the pinned provider's alicloud_route_entry sends a single next hop (alicloud/resource_alicloud_route_entry.go:88-89, v1.240.0), a second entry for the destination is refused (RouterEntryConflict.Duplicated), and static routes are never withdrawn when a line fails";

/** Why a line on a transit router needs BGP or a health check. */
export const TR_LINE_SOURCE =
  "the transit router learns the IDC from every line's VBR attachment; a failed line's routes are withdrawn only when its BGP session drops or its VBR health check fails (CEN API EnableCenVbrHealthCheck; provider alicloud/resource_alicloud_cen_vbr_health_check.go:30-66, v1.240.0)";

/** Each line of a multi-line IDC on a transit router has BGP or a health check; a health check only there. */
function checkTransitRouterLines(x: ValidationContext): void {
  const onTr = new Set(x.t.links.flatMap((l) => (l.kind === "transit-router" ? (l.idcs ?? []) : [])));
  (x.t.idcs ?? []).forEach((d, i) => {
    const p = `${x.root}.idcs[${i}]`;
    const lines: [string, IdcSpec | IdcLineSpec][] = [
      [p, d],
      ...(d.additionalLines ?? []).map((l, j): [string, IdcLineSpec] => [`${p}.additionalLines[${j}]`, l]),
    ];
    for (const [lp, l] of lines) {
      if (l.healthCheck && !onTr.has(d.name)) {
        x.c.add(
          `${lp}.healthCheck`,
          "{...}",
          `is set, but IDC ${d.name} is on no transit-router link and a VBR health check needs the VBR's CEN attachment (CEN API EnableCenVbrHealthCheck); allowed: a healthCheck only on an IDC in a transit-router link's idcs (router-interface links take theirs on the vbr link)`,
        );
      } else if (l.healthCheck) checkVbrHealthCheck(x, lp, l);
      if (onTr.has(d.name) && lines.length > 1 && !l.bgp && !l.healthCheck) {
        x.c.add(
          `${lp}.healthCheck`,
          undefined,
          `is missing on a line with static routing of IDC ${d.name}, which has several lines on a transit router; ${TR_LINE_SOURCE}; allowed: \`bgp\` or a \`healthCheck\` on every line`,
        );
      }
    }
  });
}

/** RFC 1918: where EnableCenVbrHealthCheck takes a custom probe source. */
const PRIVATE_BLOCKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(cidr);

/**
 * A line's VBR health check as EnableCenVbrHealthCheck takes it: the target is the
 * customer-side VBR address, the source an idle private address that is neither VBR
 * address nor in a network the CEN connects, the interval 2–3 s, 3–8 probes.
 */
function checkVbrHealthCheck(x: ValidationContext, lp: string, l: IdcSpec | IdcLineSpec): void {
  const h = l.healthCheck!;
  const hp = `${lp}.healthCheck`;
  const api = "CEN API EnableCenVbrHealthCheck";
  if (h.targetIp !== l.vbr.peerGatewayIp) {
    x.c.add(
      `${hp}.targetIp`,
      h.targetIp,
      `is not the line's customer-side VBR address (${api}); allowed: ${l.vbr.peerGatewayIp} (vbr.peerGatewayIp)`,
    );
  }
  const inNetwork = [...x.networkCidrs.values()].flat().find((n) => isIpv4(h.sourceIp) && containsIp(n.cidr, h.sourceIp));
  if (
    !isIpv4(h.sourceIp) ||
    !PRIVATE_BLOCKS.some((b) => containsIp(b, h.sourceIp)) ||
    inNetwork ||
    [l.vbr.localGatewayIp, l.vbr.peerGatewayIp].includes(h.sourceIp)
  ) {
    x.c.add(
      `${hp}.sourceIp`,
      h.sourceIp,
      `${inNetwork ? `is inside ${inNetwork.path} (${inNetwork.cidr.text})` : "is not an idle private address"} (${api}); allowed: an unused address of 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 outside every network of the topology and other than the VBR's two addresses`,
    );
  }
  x.c.int(`${hp}.intervalSeconds`, h.intervalSeconds, 2, 3, " s");
  x.c.int(`${hp}.threshold`, h.threshold, 3, 8);
}
