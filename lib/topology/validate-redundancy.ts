/**
 * Validation of redundant sites: an office's several VPN links (their devices and roles
 * on each gateway), and a data center's further leased lines as the vbr links use them.
 * The rules that need every link at once live here; the per-link field checks stay in
 * `validate-links.ts`, the per-line field checks in `validate-idcs.ts`.
 */
import { isDocumentationIpv4, isPublicIpv4 } from "./cidr";
import { IdcSpec, OfficeSpec, VbrLinkSpec, VpnLinkSpec } from "./types";
import { list, ValidationContext } from "./validate-common";

/** Why a gateway needs one active link per office, and what a standby is. */
export const VPN_WEIGHT_SOURCE =
  'a VPN gateway chooses between destination routes to one prefix by weight, 100 active and 0 standby (Alibaba Cloud VPN Gateway "Configure destination-based routes"; provider alicloud/resource_alicloud_vpn_route_entry.go `weight`)';

/** Why two links of one office to one gateway need two devices. */
export const VPN_PEER_SOURCE =
  "a VPN gateway tells its IPsec connections apart by the peer's public address, one customer gateway per device (provider alicloud/resource_alicloud_vpn_customer_gateway.go `ip_address`)";

/** Why two lines into one VPC need health checks. */
export const VBR_HEALTH_CHECK_SOURCE =
  "without a health check a failed line's static route keeps attracting traffic; the router-interface health check is what removes it (provider alicloud/resource_alicloud_router_interface.go `health_check_source_ip`/`health_check_target_ip`; Express Connect router interface health check docs)";

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
  const groups = new Map<string, Indexed<VpnLinkSpec>[]>();
  for (const l of vpn) {
    const key = `${l.spec.office}|${l.spec.vpc}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  for (const g of groups.values()) {
    checkDistinctDevices(x, g);
    checkRoles(x, g);
  }
  const vbr = vbrLinks(x);
  vbr.forEach((l) => checkVbrLine(x, l));
  checkParallelLines(x, vbr);
  checkTransitRouterLines(x);
}

/**
 * A transit router attaches one VBR per IDC; an IDC with further lines is not yet built
 * on one (each line's VBR would need its own attachment and health check).
 */
function checkTransitRouterLines(x: ValidationContext): void {
  x.t.links.forEach((l, i) => {
    if (l.kind !== "transit-router") return;
    (l.idcs ?? []).forEach((name, j) => {
      const d = idcOf(x, name);
      if (!d?.additionalLines?.length) return;
      x.c.add(
        `${x.root}.links[${i}].idcs[${j}]`,
        name,
        `has additionalLines, and a transit-router link attaches only an IDC's first line's VBR; allowed: an IDC with one line on a transit router, or vbr links from each of its lines`,
      );
    });
  });
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

/** Links from two lines of one IDC into one VPC: each needs the health check that withdraws it. */
function checkParallelLines(x: ValidationContext, vbr: readonly Indexed<VbrLinkSpec>[]): void {
  const groups = new Map<string, Indexed<VbrLinkSpec>[]>();
  for (const l of vbr) {
    const key = `${l.spec.idc}|${l.spec.vpc}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  for (const g of groups.values()) {
    if (new Set(g.map((l) => lineOf(l.spec))).size < 2) continue;
    for (const l of g) {
      if (l.spec.healthCheck) continue;
      x.c.add(
        `${l.path}.healthCheck`,
        undefined,
        `is missing, but VPC ${l.spec.vpc} reaches IDC ${l.spec.idc} over several of its lines (equal-cost routes); ${VBR_HEALTH_CHECK_SOURCE}; allowed: a healthCheck on every link from a line of ${l.spec.idc} to ${l.spec.vpc}`,
      );
    }
  }
}
