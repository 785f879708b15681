/**
 * Validation of a data center's IPsec-VPN backup of its leased line (`IdcSpec.vpnBackup`),
 * by the IDC's interconnect:
 *
 * - over router interfaces (a VBR linked into each VPC), it is refused: nothing documented
 *   moves a VPC's traffic to the data center from the line to the VPN gateway when the
 *   line fails, and the pinned provider cannot even put both routes in one table;
 * - on a transit router it is built by longest-prefix match (`idc-vpn-backup.ts`), and
 *   refused only where that mechanism would not hold: the transit VPC not on the IDC's
 *   link or not in its region, a line whose route is never withdrawn, a supernet that
 *   would capture another network's traffic.
 *
 * The sources are the constants below and in `idc-vpn-backup.ts`; docs/redundancy.md
 * carries the same findings.
 */
import { assertNever } from "../private/assert-never";
import { isCidr, isDocumentationIpv4, isPublicIpv4, overlaps, parseCidr } from "./cidr";
import { backupSibling, backupSupernet, IDC_VPN_BACKUP_SOURCES } from "./idc-vpn-backup";
import { IdcLineSpec, IdcSpec, IdcVpnBackupSpec } from "./types";
import { list, ValidationContext } from "./validate-common";

/** Why a data center's VPN device cannot be another site's device. */
const CUSTOMER_GATEWAY_IP_SOURCE =
  "a customer gateway's IP address is unique among the account's customer gateways of a region (CreateCustomerGateway, error InvalidIpAddress.AlreadyExist: \"The IP addresses must be unique in the same region\"), and the data center's device is its own";

/** Alibaba's documented form of a leased line backed by IPsec-VPN. */
export const DOCUMENTED_VPN_BACKUP =
  'VPN Gateway docs, "Active/standby connection with IPsec-VPN and Express Connect" (https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/use-cases/configure-active-or-standby-connections-by-using-ipsec-vpn-and-an-express-connect-circuit): the circuit\'s VBR and a transit VPC whose VPN gateway terminates the IPsec connection are both on a transit router, which prefers the route learned from the circuit and falls back to the VPN route; the data center prefers its static route over the circuit to the one over the VPN';

/** Why a VPC reached over router interfaces cannot fall back from the line to a VPN gateway. */
export const ROUTER_INTERFACE_VPN_BACKUP_SOURCE =
  "a VPC table holds one route per destination here: the pinned provider's alicloud_route_entry sends a single next hop (alicloud/resource_alicloud_route_entry.go:88-89, v1.240.0) and a second entry for the IDC's range is refused (RouterEntryConflict.Duplicated), so a route to the VPN gateway (alicloud_route_entry, or the gateway's own with publish_vpc, alicloud/resource_alicloud_vpn_route_entry.go:57-60) cannot stand beside the one to the router interface; the static route to the router interface is not withdrawn when the line fails, and the router-interface health check (health_check_source_ip / health_check_target_ip, alicloud/resource_alicloud_express_connect_router_interface.go:84-91) is documented only to move traffic between redundant Express Connect circuits (Express Connect docs, \"Configure and manage health checks\", https://www.alibabacloud.com/help/en/express-connect/user-guide/configure-and-manage-health-checks); nor does a later provider version help: the multi-next-hop route of alicloud_vpc_route_entry (`next_hops` with `weight`, since provider 1.245.0) is CreateRouteEntry's NextHopList, whose next hops are router interfaces only (ROS docs, ALIYUN::ECS::Route, NextHopList.NextHopType: 'Set the value to RouterInterface', https://www.alibabacloud.com/help/doc-detail/51197.html)";

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

/** The refusal's reason for an IDC whose interconnect cannot carry the backup. */
function refusal(d: IdcSpec, how: Exclude<Interconnect, "transit-router">): string {
  const allowed = `allowed: vpnBackup only for an IDC on a transit-router link; otherwise no vpnBackup, or a second leased line (additionalLines) on a transit router`;
  switch (how) {
    case "router-interface":
      return `is refused: IDC ${d.name} reaches its VPCs over router interfaces, where no documented mechanism moves a VPC's traffic to the data center from the line to the VPN when the line fails; ${ROUTER_INTERFACE_VPN_BACKUP_SOURCE}. Alibaba documents this backup on a transit router instead (${DOCUMENTED_VPN_BACKUP}); ${allowed}`;
    case "none":
      return `is refused: IDC ${d.name} is on no vbr or transit-router link, so no leased line of it is in use for a VPN to back up; ${allowed}`;
    default:
      return assertNever(how, "interconnect");
  }
}

/** The transit VPC: on the IDC's transit-router link, in the IDC's region (the TR its lines' VBRs are attached to). */
function checkTransitVpc(x: ValidationContext, p: string, d: IdcSpec, vpc: string): void {
  const links = x.t.links.filter((l) => l.kind === "transit-router" && (l.idcs ?? []).includes(d.name));
  const onLink = links.flatMap((l) => (l.kind === "transit-router" ? l.vpcs : []));
  if (!onLink.includes(vpc)) {
    x.c.add(
      `${p}.vpc`,
      vpc,
      `is not on the transit-router link of IDC ${d.name}: the transit router sends the IDC's traffic to the transit VPC's attachment when the line fails, so both must be attached to it; allowed: ${list(onLink)}`,
    );
    return;
  }
  const region = x.t.vpcs.find((v) => v.name === vpc)!.region;
  if (region !== d.region)
    x.c.add(
      `${p}.vpc`,
      vpc,
      `is in ${region}, IDC ${d.name} in ${d.region}: the backup route must sit in the transit router that learns the line's routes (its region's), or a static route towards the line elsewhere would loop with it; allowed: a VPC of the link in ${d.region}`,
    );
}

/** Each line's route must leave the transit router when the line fails: BGP or a VBR health check. */
function checkWithdrawal(x: ValidationContext, p: string, d: IdcSpec): void {
  const lines: [string, IdcSpec | IdcLineSpec][] = [
    [`${x.root}.idcs[${x.t.idcs!.indexOf(d)}]`, d],
    ...(d.additionalLines ?? []).map((l, j): [string, IdcLineSpec] => [`${x.root}.idcs[${x.t.idcs!.indexOf(d)}].additionalLines[${j}]`, l]),
  ];
  for (const [lp, l] of lines) {
    if (l.bgp || l.healthCheck) continue;
    x.c.add(
      `${lp}.bgp`,
      "(none)",
      `is needed by ${p}: with static routing and no healthCheck the line's route stays in the transit router when the line fails, so the backup never takes over (${IDC_VPN_BACKUP_SOURCES.withdrawal}); allowed: bgp, or a healthCheck on the line`,
    );
  }
}

/** Each IDC range has a supernet one bit shorter whose other half belongs to no network of the topology. */
function checkSupernets(x: ValidationContext, p: string, d: IdcSpec): void {
  d.cidrs.forEach((text, k) => {
    const c = parseCidr(text);
    if (!isCidr(c)) return; // refused where the IDC's ranges are checked
    const at = `${x.root}.idcs[${x.t.idcs!.indexOf(d)}].cidrs[${k}]`;
    if (c.prefix < 2) {
      x.c.add(
        at,
        text,
        `has no usable supernet for ${p}: the backup route is the range one bit shorter, and /0 or /1 would leave none or capture half the address space; allowed: /2 to /32`,
      );
      return;
    }
    const sibling = backupSibling(c);
    for (const [name, blocks] of x.networkCidrs) {
      const hit = blocks.find((b) => overlaps(b.cidr, sibling));
      if (!hit) continue;
      x.c.add(
        at,
        text,
        `cannot be backed up by ${p}: the backup route ${backupSupernet(c).text} in the transit router also covers ${sibling.text}, which overlaps ${name} (${hit.cidr.text} at ${hit.path}) and would capture its traffic wherever no more specific route exists; allowed: an IDC range whose other half (${sibling.text}) no network uses`,
      );
      return;
    }
  });
}

/** The IDC's device is its own: no office's device, no other IDC's (one customer gateway per address and region). */
function checkDeviceAddress(x: ValidationContext, p: string, d: IdcSpec, ip: string): void {
  const offices = (x.t.offices ?? []).map((o) => ({ who: `office ${o.name}`, ip: o.publicIp }));
  const links = x.t.links.flatMap((l) => (l.kind === "vpn" && l.publicIp ? [{ who: `vpn link ${l.name}`, ip: l.publicIp }] : []));
  const idcs = (x.t.idcs ?? []).flatMap((o) => (o !== d && o.vpnBackup ? [{ who: `IDC ${o.name}`, ip: o.vpnBackup.publicIp }] : []));
  const other = [...offices, ...links, ...idcs].find((o) => o.ip === ip);
  if (other)
    x.c.add(
      `${p}.publicIp`,
      ip,
      `is also the device address of ${other.who}; ${CUSTOMER_GATEWAY_IP_SOURCE}; allowed: the data center's own VPN device address`,
    );
}

/** A VPN backup on a transit router: every condition its longest-prefix mechanism needs. */
function checkTransitRouterBackup(x: ValidationContext, p: string, d: IdcSpec, b: IdcVpnBackupSpec): void {
  checkTransitVpc(x, p, d, b.vpc);
  checkWithdrawal(x, p, d);
  checkSupernets(x, p, d);
  if (!isPublicIpv4(b.publicIp) && !isDocumentationIpv4(b.publicIp))
    x.c.add(`${p}.publicIp`, b.publicIp, "is not a public IPv4 address; allowed: the data center VPN device's static public IPv4");
  else checkDeviceAddress(x, p, d, b.publicIp);
}

/** Each IDC's `vpnBackup`: its gateway VPC must exist with a VPN gateway, and the IDC's interconnect must carry it. */
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
    const how = interconnectOf(x, d);
    if (how === "transit-router") checkTransitRouterBackup(x, p, d, b);
    else x.c.add(p, "{...}", refusal(d, how));
  });
}
