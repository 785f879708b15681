/**
 * Validation of a data center's IPsec-VPN backup of its leased line (`IdcSpec.vpnBackup`).
 * Every such design is refused, with the reason that applies to the IDC's interconnect:
 *
 * - over router interfaces (a VBR linked into each VPC), nothing documented moves a VPC's
 *   traffic to the data center from the line to the VPN gateway when the line fails, and
 *   the pinned provider cannot even put both routes in one table;
 * - on a transit router, Alibaba documents the design, but this template does not build it.
 *
 * The sources are the constants below; docs/redundancy.md carries the same findings.
 */
import { assertNever } from "../private/assert-never";
import { IdcSpec } from "./types";
import { list, ValidationContext } from "./validate-common";

/** Alibaba's documented form of a leased line backed by IPsec-VPN. */
export const DOCUMENTED_VPN_BACKUP =
  'VPN Gateway docs, "Active/standby connection with IPsec-VPN and Express Connect" (https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/use-cases/configure-active-or-standby-connections-by-using-ipsec-vpn-and-an-express-connect-circuit): the circuit\'s VBR and a transit VPC whose VPN gateway terminates the IPsec connection are both on a transit router, which prefers the route learned from the circuit and falls back to the VPN route; the data center prefers its static route over the circuit to the one over the VPN';

/** Why a VPC reached over router interfaces cannot fall back from the line to a VPN gateway. */
export const ROUTER_INTERFACE_VPN_BACKUP_SOURCE =
  "a VPC table holds one route per destination here: the pinned provider's alicloud_route_entry sends a single next hop (alicloud/resource_alicloud_route_entry.go:88-89, v1.240.0) and a second entry for the IDC's range is refused (RouterEntryConflict.Duplicated), so a route to the VPN gateway (alicloud_route_entry, or the gateway's own with publish_vpc, alicloud/resource_alicloud_vpn_route_entry.go:57-60) cannot stand beside the one to the router interface; the static route to the router interface is not withdrawn when the line fails, and the router-interface health check (health_check_source_ip / health_check_target_ip, alicloud/resource_alicloud_express_connect_router_interface.go:84-91) is documented only to move traffic between redundant Express Connect circuits (Express Connect docs, \"Configure and manage health checks\", https://www.alibabacloud.com/help/en/express-connect/user-guide/configure-and-manage-health-checks); nor does a later provider version help: the multi-next-hop route of alicloud_vpc_route_entry (`next_hops` with `weight`, since provider 1.245.0) is CreateRouteEntry's NextHopList, whose next hops are router interfaces only (ROS docs, ALIYUN::ECS::Route, NextHopList.NextHopType: 'Set the value to RouterInterface', https://www.alibabacloud.com/help/doc-detail/51197.html)";

/** Why the documented transit-router form is refused: what it needs that is not built. */
export const TRANSIT_ROUTER_VPN_BACKUP_GAP =
  'this template does not build that form: it needs a transit VPC\'s route to the IDC (next hop its VPN gateway) advertised to the transit router, which a VPC attachment does not propagate by default (CEN docs, "Advertise routes of a VPC to a transit router", https://www.alibabacloud.com/help/doc-detail/86980.htm; provider alicloud_cen_route_entry, CEN PublishRouteEntries), and neither the planner, the checker nor the emulator models it';

/** How the IDC reaches its VPCs: router interfaces, a transit router, or no link at all. */
type Interconnect = "router-interface" | "transit-router" | "none";

function interconnectOf(x: ValidationContext, d: IdcSpec): Interconnect {
  if (x.t.links.some((l) => l.kind === "transit-router" && (l.idcs ?? []).includes(d.name))) return "transit-router";
  if (x.t.links.some((l) => l.kind === "vbr" && l.idc === d.name)) return "router-interface";
  return "none";
}

function vpcsWithGateway(x: ValidationContext): string[] {
  return x.t.vpcs.filter((v) => v.vpnGateway !== undefined).map((v) => v.name);
}

/** The refusal's reason for one IDC, by its interconnect. */
function refusal(d: IdcSpec, how: Interconnect): string {
  const allowed = `allowed: no vpnBackup; for a second path, a second leased line (additionalLines) on a transit router`;
  switch (how) {
    case "router-interface":
      return `is refused: IDC ${d.name} reaches its VPCs over router interfaces, where no documented mechanism moves a VPC's traffic to the data center from the line to the VPN when the line fails; ${ROUTER_INTERFACE_VPN_BACKUP_SOURCE}. Alibaba documents this backup on a transit router instead (${DOCUMENTED_VPN_BACKUP}); ${allowed}`;
    case "transit-router":
      return `is refused: IDC ${d.name} is on a transit router, where Alibaba documents this backup (${DOCUMENTED_VPN_BACKUP}), but ${TRANSIT_ROUTER_VPN_BACKUP_GAP}; ${allowed}`;
    case "none":
      return `is refused: IDC ${d.name} is on no vbr or transit-router link, so no leased line of it is in use for a VPN to back up; ${allowed}`;
    default:
      return assertNever(how, "interconnect");
  }
}

/** Each IDC's `vpnBackup`: its gateway VPC must exist with a VPN gateway, and the design is refused. */
export function checkIdcVpnBackups(x: ValidationContext): void {
  (x.t.idcs ?? []).forEach((d, i) => {
    const b = d.vpnBackup;
    if (b === undefined) return;
    const p = `${x.root}.idcs[${i}].vpnBackup`;
    const gateways = vpcsWithGateway(x);
    if (!gateways.includes(b.vpc)) {
      x.c.add(
        `${p}.vpc`,
        b.vpc,
        `names no VPC with a VPN gateway; allowed: ${gateways.length ? list(gateways) : "none (no VPC has a vpnGateway)"}`,
      );
      return;
    }
    x.c.add(p, "{...}", refusal(d, interconnectOf(x, d)));
  });
}
