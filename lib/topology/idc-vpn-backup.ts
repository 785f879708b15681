/**
 * A data center's IPsec-VPN backup of its leased line on a transit router, by
 * longest-prefix match (the shape validation, the planner and the constructs share).
 *
 * - The IDC's line(s) and a *transit VPC* with a VPN gateway are attached to one transit
 *   router. The IDC's device connects to that gateway over IPsec.
 * - The transit VPC's own table sends the IDC's ranges to its VPN gateway, which sends
 *   them to the connection.
 * - The transit router holds, for each IDC range, a static route to the range's
 *   *supernet one bit shorter* (10.100.0.0/16 -> 10.100.0.0/15) through the transit VPC's
 *   attachment. While the line is up the TR forwards the IDC's range by the more specific
 *   route it learns from the line's VBR (propagated); when the line fails that route is
 *   withdrawn (its BGP session drops, or its VBR health check fails) and the supernet
 *   carries the traffic to the transit VPC, its VPN gateway and the tunnel.
 *
 * No route priority is involved, only longest-prefix match; the sources are
 * {@link IDC_VPN_BACKUP_SOURCES}.
 */
import * as ipaddr from "ipaddr.js";
import { Cidr, cidr, networkOf } from "./cidr";
import { IdcSpec, Topology } from "./types";

/** The sources of the mechanism, quoted where the code relies on them. */
export const IDC_VPN_BACKUP_SOURCES = {
  documented:
    'VPN Gateway docs, "Active/standby connection with IPsec-VPN and Express Connect" (https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/use-cases/configure-active-or-standby-connections-by-using-ipsec-vpn-and-an-express-connect-circuit): the circuit\'s VBR and a transit VPC whose VPN gateway terminates the IPsec connection are attached to one transit router; the data center prefers the circuit and falls back to the VPN',
  longestPrefix:
    'a transit router looks up the route table associated with the sending attachment (CEN docs, "How transit routers work", https://www.alibabacloud.com/help/doc-detail/189596.htm) and ranks routes to one and the same block by their attributes ("Route selection rules for Enterprise Edition transit routers", https://www.alibabacloud.com/help/en/cen/user-guide/ecmp-routing-for-vbrs-in-different-regions); that the most specific of overlapping blocks wins is the general rule of IP route tables, which those pages do not state in so many words for transit routers (the checker and the migration planner read it the same way)',
  withdrawal:
    "a line's routes leave the transit router when its BGP session drops or its VBR health check fails (CEN API EnableCenVbrHealthCheck; provider alicloud/resource_alicloud_cen_vbr_health_check.go:30-66, v1.240.0); a static line without a health check keeps its route and the backup never takes over",
  oneRoutePerPrefix:
    "a VPC table holds one route per destination: a second alicloud_route_entry for a prefix is refused (RouterEntryConflict.Duplicated), so the transit VPC sends the IDC's ranges to its VPN gateway only, never also to the transit router",
  staticTrRoute:
    "a static route in a transit router's table towards a VPC attachment: alicloud_cen_transit_router_route_entry, transit_router_route_entry_next_hop_type Attachment (alicloud/resource_alicloud_cen_transit_router_route_entry.go, v1.240.0)",
} as const;

/** The name of the IDC's IPsec link: its connection, customer gateway and `psk_<link>` variable. */
export function idcVpnLinkName(idc: string): string {
  return `${idc}-vpn`;
}

/** The block one bit shorter that contains `c` (`c` must not be /0). */
export function backupSupernet(c: Cidr): Cidr {
  return networkOf(c.address.toString(), c.prefix - 1);
}

/** The other half of {@link backupSupernet}: what the supernet route would capture besides `c`. */
export function backupSibling(c: Cidr): Cidr {
  const bytes = c.address.toByteArray();
  const bit = c.prefix - 1;
  bytes[bit >> 3]! ^= 0x80 >> (bit & 7);
  return cidr(`${new ipaddr.IPv4(bytes).toString()}/${c.prefix}`);
}

/** An IDC's VPN backup with what the planner needs: the transit VPC and its region. */
export interface IdcVpnBackup {
  readonly idc: IdcSpec;
  /** The transit VPC (its VPN gateway terminates the connection). */
  readonly vpc: string;
  readonly region: string;
  /** The transit-router link both are on. */
  readonly link: string;
  /** The name of the IPsec link ({@link idcVpnLinkName}). */
  readonly vpnLink: string;
}

/** Every IDC's VPN backup of a validated topology. */
export function idcVpnBackups(t: Topology): IdcVpnBackup[] {
  return (t.idcs ?? []).flatMap((d) => {
    const b = d.vpnBackup;
    if (!b) return [];
    const link = t.links.find((l) => l.kind === "transit-router" && (l.idcs ?? []).includes(d.name) && l.vpcs.includes(b.vpc));
    const vpc = t.vpcs.find((v) => v.name === b.vpc);
    if (!link || !vpc) return [];
    return [{ idc: d, vpc: b.vpc, region: vpc.region, link: link.name, vpnLink: idcVpnLinkName(d.name) }];
  });
}

/** The transit VPCs of a topology (VPCs whose gateway backs an IDC's line). */
export function transitVpcs(t: Topology): Set<string> {
  return new Set(idcVpnBackups(t).map((b) => b.vpc));
}
