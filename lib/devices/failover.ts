/**
 * An office on more than one VPN link: which link is active, which XFRM interface each link
 * of one device gets, and the route metrics that make the device prefer the active link.
 * Read from the synthesized JSON only:
 *
 * - A link's role is its gateway's destination routes (`alicloud_vpn_route_entry`) whose
 *   next hop is the link's connection: weight 100 is the active route, weight 0 the standby
 *   one (`weight`, alicloud/resource_alicloud_vpn_route_entry.go; CreateVpnRouteEntry, Weight:
 *   "A destination route with a weight of 100 is the active link by default, and a
 *   destination route with a weight of 0 is the standby link"). A link with no weight-100
 *   route and at least one weight-0 route is standby; every other link is active.
 * - The links of one office are the connections with the same remote subnets (the office's
 *   networks); the links of one device are those with the same customer gateway address.
 *
 * Pure: no file system, no environment.
 */

/** The XFRM interface id of a device's first link (and of every single-link office). */
export const DEFAULT_IF_ID = 42;

/** Active: the gateway's weight-100 route. Standby: used only while the active link is down. */
export type LinkRole = "active" | "standby";

/** Metric of an active link's routes; a standby link's are {@link STANDBY_METRIC}. */
export const ACTIVE_METRIC = 100;
export const STANDBY_METRIC = 200;
/** Added when the prefix is not the link's own gateway VPC, so each VPC is reached through its own gateway. */
export const FOREIGN_VPC_PENALTY = 10;

/** The role of a connection from the weights of the destination routes through it. */
export function linkRole(weights: readonly unknown[]): LinkRole {
  const ws = weights.map(Number);
  return ws.length > 0 && !ws.includes(100) && ws.every((w) => w === 0) ? "standby" : "active";
}

/** What placement needs of one office link. */
export interface LinkFacts {
  readonly connection: string;
  readonly officeIp: string;
  readonly localSubnets: readonly string[];
  readonly role: LinkRole;
}

/** Where a link sits among its office's links and its device's links. */
export interface LinkPlacement {
  /** XFRM interface id: 42 for a device's first link, 43 for its second, … */
  readonly ifId: number;
  /** The office's other links (same office networks), active ones first; empty for a single-link office. */
  readonly otherLinks: readonly string[];
  /** This link's place among the office's links, active ones first then by name (0 = preferred). */
  readonly rank: number;
}

const byPreference = (a: LinkFacts, b: LinkFacts) =>
  a.role === b.role ? a.connection.localeCompare(b.connection) : a.role === "active" ? -1 : 1;

/**
 * Placement of every link end, by `<connection> <officeIp>` (a connection whose tunnels
 * end on two devices has an end on each).
 */
export function placeLinks(links: readonly LinkFacts[]): Map<string, LinkPlacement> {
  const officeOf = (l: LinkFacts) => [...l.localSubnets].sort().join(",");
  const out = new Map<string, LinkPlacement>();
  for (const l of links) {
    const office = links.filter((x) => officeOf(x) === officeOf(l)).sort(byPreference);
    const device = links.filter((x) => x.officeIp === l.officeIp).sort(byPreference);
    out.set(`${l.connection} ${l.officeIp}`, {
      ifId: DEFAULT_IF_ID + device.indexOf(l),
      otherLinks: [...new Set(office.filter((x) => x.connection !== l.connection).map((x) => x.connection))],
      rank: office.indexOf(l),
    });
  }
  return out;
}

/**
 * The metric of a link's route to `prefix` on an office with several links: 100 for an
 * active link, 200 for a standby one; plus 10 when the prefix is not the link's gateway VPC
 * (an office on two gateways reaches each VPC through that VPC's own gateway); plus the
 * link's rank, so two equal links are still ordered.
 */
export function routeMetric(
  link: { readonly role: LinkRole; readonly rank: number; readonly gatewayVpcCidr?: string },
  prefix: string,
): number {
  const base = link.role === "active" ? ACTIVE_METRIC : STANDBY_METRIC;
  return base + (prefix === link.gatewayVpcCidr ? 0 : FOREIGN_VPC_PENALTY) + link.rank;
}
