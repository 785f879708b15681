/**
 * Test helpers (not a test file): redundant designs written into a synthesized stack by
 * hand, in the shape the redundancy constructs give the JSON, so that the judges can be
 * tested before (and apart from) the constructs that emit it.
 * - {@link addStandbyLink}: a second device of an office, its IPsec connection on the same
 *   VPN gateway, and a copy of each destination route of the first one with weight 0;
 * - {@link addSecondLine}: a second VBR of the IDC (VLAN 200) with BGP, a router-interface
 *   pair from it to every VPC the first line reaches, one more VPC route entry per IDC
 *   route (ECMP) and the VBR's own routes to the VPCs. The pinned provider cannot create
 *   the second entry (one route entry per destination), so validation refuses this
 *   design; the checker still reads such JSON, and these tests hold it to ECMP;
 * - {@link addSecondTrLine}: the data center's second line on the transit-router
 *   interconnect (the design that is built), with {@link setWithdrawal} choosing how a
 *   failed line's routes are withdrawn.
 */
import { StackJson } from "../../lib/tfjson";

export type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };
type Attrs = Record<string, unknown>;

/** A deep copy of a stack that a test may edit. */
export const copyOf = (j: StackJson): Json => JSON.parse(JSON.stringify(j)) as Json;

/** A Terraform reference as cdktf renders it. */
export const ref = (type: string, name: string, attr = "id") => `\${${type}.${name}.${attr}}`;

/** Every `${type.name.…}` reference to `[fromType, fromName]` in `v`, pointed at `toName` instead. */
function repoint(v: unknown, type: string, fromName: string, toName: string): unknown {
  return JSON.parse(JSON.stringify(v).split(`\${${type}.${fromName}.`).join(`\${${type}.${toName}.`)) as unknown;
}

function entries(j: Json, type: string): [string, Attrs][] {
  return Object.entries(j.resource[type] ?? {});
}

function find(j: Json, type: string, test: (a: Attrs) => boolean, what: string): [string, Attrs] {
  const found = entries(j, type).find(([, a]) => test(a));
  if (!found) throw new Error(`test setup: no ${type} ${what}`);
  return found;
}

const add = (j: Json, type: string, name: string, attrs: unknown) => ((j.resource[type] ??= {})[name] = attrs as Attrs);

/**
 * A standby link of `office` (its customer gateway's name): a device at `ip`, a connection
 * named `name` on the same gateway, and the first connection's destination routes again
 * with `weight` (default 0).
 */
export function addStandbyLink(j: Json, office: string, ip: string, opts: { name?: string; weight?: number } = {}): void {
  const [cgw, cgwAttrs] = find(j, "alicloud_vpn_customer_gateway", (a) => a.customer_gateway_name === office, `named ${office}`);
  const cgwRef = ref("alicloud_vpn_customer_gateway", cgw);
  const [conn, connAttrs] = find(j, "alicloud_vpn_connection", (a) => JSON.stringify(a).includes(cgwRef), `of ${office}`);
  add(j, "alicloud_vpn_customer_gateway", `${cgw}Standby`, { ...cgwAttrs, ip_address: ip });
  const copy = repoint(connAttrs, "alicloud_vpn_customer_gateway", cgw, `${cgw}Standby`) as Attrs;
  add(j, "alicloud_vpn_connection", `${conn}Standby`, { ...copy, vpn_connection_name: opts.name ?? `${office}-standby` });
  for (const [name, route] of entries(j, "alicloud_vpn_route_entry").filter(([, a]) => a.next_hop === ref("alicloud_vpn_connection", conn)))
    add(j, "alicloud_vpn_route_entry", `${name}Standby`, {
      ...route,
      next_hop: ref("alicloud_vpn_connection", `${conn}Standby`),
      weight: opts.weight ?? 0,
    });
}

/** Sets (or, with `on` false, removes) the health check of every pair that starts on VBR `vbr` (resource name). */
export function setHealthChecks(j: Json, vbr: string, on: boolean): void {
  for (const [, ri] of entries(j, "alicloud_express_connect_router_interface")) {
    if (ri.router_id !== ref("alicloud_express_connect_virtual_border_router", vbr)) continue;
    if (on)
      Object.assign(ri, { health_check_source_ip: "10.255.0.1", health_check_target_ip: "10.255.0.2", hc_rate: 2000, hc_threshold: "8" });
    else for (const k of ["health_check_source_ip", "health_check_target_ip", "hc_rate", "hc_threshold"]) delete ri[k];
  }
}

/** The resource name of the (first) VBR. */
export function firstVbr(j: Json): string {
  return entries(j, "alicloud_express_connect_virtual_border_router")[0]![0];
}

/** A second line of the stack's IDC, as the constructs emit it (see the file comment). */
export function addSecondLine(j: Json, line = "line-2"): string {
  const [vbr, vbrAttrs] = entries(j, "alicloud_express_connect_virtual_border_router")[0]!;
  const idc = String(vbrAttrs.virtual_border_router_name);
  const vbr2 = addVbr2(j, line);
  for (const [ini, a] of entries(j, "alicloud_express_connect_router_interface").filter(
    ([, x]) => x.router_id === ref("alicloud_express_connect_virtual_border_router", vbr),
  ))
    copyPair(j, ini, a, { vbr, vbr2, idc, line });
  return vbr2;
}

/** The pair starting at interface `ini` on the first VBR, again from the second VBR, with its routes. */
function copyPair(j: Json, ini: string, a: Attrs, at: { vbr: string; vbr2: string; idc: string; line: string }): void {
  const RI = "alicloud_express_connect_router_interface";
  const [acc, accAttrs] = find(
    j,
    RI,
    (x) =>
      x.opposite_router_id === ref("alicloud_express_connect_virtual_border_router", at.vbr, "id") && x.router_id === a.opposite_router_id,
    `opposite ${ini}`,
  );
  const link = String(a.router_interface_name).slice(0, -at.idc.length - 1);
  const vpcSide = String(accAttrs.router_interface_name).slice(link.length + 1);
  const rename = (v: unknown) =>
    repoint(
      repoint(repoint(v, "alicloud_express_connect_virtual_border_router", at.vbr, at.vbr2), RI, ini, `${ini}Line2`),
      RI,
      acc,
      `${acc}Line2`,
    ) as Attrs;
  add(j, RI, `${ini}Line2`, { ...rename(a), router_interface_name: `${link}-${at.line}-${at.idc}-${at.line}` });
  add(j, RI, `${acc}Line2`, { ...rename(accAttrs), router_interface_name: `${link}-${at.line}-${vpcSide}` });
  for (const [c, conn] of entries(j, "alicloud_router_interface_connection").filter(([, x]) =>
    [ref(RI, ini), ref(RI, acc)].includes(String(x.interface_id)),
  ))
    add(j, "alicloud_router_interface_connection", `${c}Line2`, rename(conn));
  for (const [r, route] of entries(j, "alicloud_route_entry").filter(([, x]) =>
    [ref(RI, ini), ref(RI, acc)].includes(String(x.nexthop_id)),
  ))
    add(j, "alicloud_route_entry", `${r}Line2`, rename(route));
}

/** How a TR-attached line's routes are withdrawn when it fails. */
export type Withdrawal = "bgp" | "health-check" | "none";

/** Removes the BGP group and peer of VBR `vbr` (static routing on that line). */
function dropBgp(j: Json, vbr: string): void {
  for (const [name] of entries(j, "alicloud_vpc_bgp_group").filter(
    ([, a]) => a.router_id === ref("alicloud_express_connect_virtual_border_router", vbr),
  )) {
    for (const [peer] of entries(j, "alicloud_vpc_bgp_peer").filter(([, a]) => a.bgp_group_id === ref("alicloud_vpc_bgp_group", name)))
      delete j.resource.alicloud_vpc_bgp_peer![peer];
    for (const [n] of entries(j, "alicloud_vpc_bgp_network").filter(
      ([, a]) => a.router_id === ref("alicloud_express_connect_virtual_border_router", vbr),
    ))
      delete j.resource.alicloud_vpc_bgp_network![n];
    delete j.resource.alicloud_vpc_bgp_group![name];
  }
}

/** How VBR `vbr`'s routes are withdrawn: BGP (as synthesized), an `alicloud_cen_vbr_health_check` without BGP, or nothing. */
export function setWithdrawal(j: Json, vbr: string, how: Withdrawal): void {
  if (how === "bgp") return;
  dropBgp(j, vbr);
  // a VBR without BGP reaches its IDC by a static route towards the physical connection
  add(j, "alicloud_route_entry", `${vbr}ToIdc`, {
    route_table_id: ref("alicloud_express_connect_virtual_border_router", vbr, "route_table_id"),
    destination_cidrblock: "10.100.0.0/16",
    nexthop_type: "PhysicalConnection",
    nexthop_id: ref("alicloud_express_connect_virtual_border_router", vbr, "physical_connection_id"),
  });
  if (how === "health-check")
    add(j, "alicloud_cen_vbr_health_check", `${vbr}HealthCheck`, {
      vbr_instance_id: ref("alicloud_express_connect_virtual_border_router", vbr),
      health_check_target_ip: "10.100.0.1",
      health_check_source_ip: "10.255.0.1",
    });
}

/**
 * A second line of the IDC on the transit-router interconnect (the data-center part of
 * the transit-router design the model builds): a second VBR (VLAN 200) with the first one's BGP,
 * its own VBR attachment to the same TR, associated with and propagating into the first
 * attachment's tables. Returns the second VBR's resource name.
 */
export function addSecondTrLine(j: Json, line = "line-2"): string {
  const vbr2 = addVbr2(j, line);
  const vbr = firstVbr(j);
  const TRA = "alicloud_cen_transit_router_vbr_attachment";
  const [att, attAttrs] = find(j, TRA, (a) => a.vbr_id === ref("alicloud_express_connect_virtual_border_router", vbr), `of ${vbr}`);
  add(j, TRA, `${att}Line2`, {
    ...attAttrs,
    vbr_id: ref("alicloud_express_connect_virtual_border_router", vbr2),
    transit_router_attachment_name: `${String(attAttrs.transit_router_attachment_name)}-${line}`,
  });
  for (const type of ["alicloud_cen_transit_router_route_table_association", "alicloud_cen_transit_router_route_table_propagation"])
    for (const [name, b] of entries(j, type).filter(([, a]) => String(a.transit_router_attachment_id).includes(`${TRA}.${att}.`)))
      add(j, type, `${name}Line2`, repoint(b, TRA, att, `${att}Line2`));
  return vbr2;
}

/** The second VBR (VLAN 200, peer 10.255.1.2) with a copy of the first one's BGP group and peer. */
function addVbr2(j: Json, line: string): string {
  const [vbr, vbrAttrs] = entries(j, "alicloud_express_connect_virtual_border_router")[0]!;
  const vbr2 = `${vbr}Line2`;
  add(j, "alicloud_express_connect_virtual_border_router", vbr2, {
    ...vbrAttrs,
    virtual_border_router_name: `${String(vbrAttrs.virtual_border_router_name)}-${line}`,
    vlan_id: 200,
    local_gateway_ip: "10.255.1.1",
    peer_gateway_ip: "10.255.1.2",
    physical_connection_id: "pc-placeholder0001",
  });
  for (const [name, g] of entries(j, "alicloud_vpc_bgp_group").filter(([, a]) => String(a.router_id).includes(vbr))) {
    add(j, "alicloud_vpc_bgp_group", `${name}Line2`, repoint(g, "alicloud_express_connect_virtual_border_router", vbr, vbr2));
    for (const [peer, p] of entries(j, "alicloud_vpc_bgp_peer").filter(([, a]) => a.bgp_group_id === ref("alicloud_vpc_bgp_group", name)))
      add(j, "alicloud_vpc_bgp_peer", `${peer}Line2`, {
        ...p,
        bgp_group_id: ref("alicloud_vpc_bgp_group", `${name}Line2`),
        peer_ip_address: "10.255.1.2",
      });
  }
  return vbr2;
}
