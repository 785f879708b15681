/**
 * Request rules from the API reference that span more than one field or resource: masks and
 * reserved ranges, enum values, ASN ranges, and above all cross-resource consistency (the
 * vSwitch, VPC, gateway or connection a request names must belong with the rest). Each rule
 * is one function with its source; docs/emulator.md lists them, and each has a "fails when"
 * test in __tests__/emulator/rules.test.ts.
 */
import * as ipaddr from "ipaddr.js";
import { apiError, conflict, notFound } from "../errors";
import {
  ASN,
  BFD_MULTI_HOP,
  CUSTOMER_GATEWAY_RESERVED,
  dualTunnelZones,
  IKE,
  IPSEC,
  RESERVED_CIDRS,
  ROUTE_DESTINATION_RESERVED,
  ROUTER_INTERFACE_SPECS,
  SA_LIFETIME,
  SECURITY_GROUP_RULE,
  VPC_MASK,
  VPN_GATEWAY_BANDWIDTHS,
  VPN_ROUTE_PAIR,
  VPN_ROUTE_WEIGHTS,
  VSWITCH_MASK,
} from "../limits";
import type { Resource } from "../state";
import { cidrContains, cidrsOverlap, parseCidr } from "./cidr";
import { mine, type Ctx } from "./context";

function reservedOverlap(cidr: string, reserved: readonly string[]): string | undefined {
  return reserved.find((r) => cidrsOverlap(r, cidr));
}

/** A CidrBlock's mask within `mask` (a limits.ts entry, for `what`), outside the reserved ranges (RESERVED_CIDRS). */
function checkCidrBlock(cidr: string, what: string, mask: typeof VPC_MASK): void {
  const [, bits] = parseCidr(cidr, "CidrBlock");
  const { min, max } = mask.value;
  if (bits < min || bits > max)
    throw apiError("InvalidCidrBlock.Malformed", `CidrBlock ${cidr}: ${what}'s mask must be /${min} to /${max} (${mask.source}).`);
  const r = reservedOverlap(cidr, RESERVED_CIDRS.value);
  if (r) throw apiError("InvalidCidrBlock.Reserved", `CidrBlock ${cidr} overlaps the reserved range ${r} (${RESERVED_CIDRS.source}).`);
}

/** CreateVpc: mask and reserved ranges (limits.ts VPC_MASK, RESERVED_CIDRS). */
export function checkVpcCidr(cidr: string): void {
  checkCidrBlock(cidr, "a VPC", VPC_MASK);
}

/** CreateVSwitch: mask /16 to /29 and reserved ranges (limits.ts VSWITCH_MASK, RESERVED_CIDRS). */
export function checkVSwitchCidr(cidr: string): void {
  checkCidrBlock(cidr, "a vSwitch", VSWITCH_MASK);
}

/**
 * CreateVSwitch, ZoneId: a zone of the request's region (DescribeZones lists a region's zones;
 * zone IDs are the region ID and a letter: cn-hangzhou-k, eu-central-1a).
 */
export function checkZoneInRegion(ctx: Ctx, zone: string): void {
  if (!new RegExp(`^${ctx.region.replace(/[-.]/g, "\\$&")}-?[a-z]$`).test(zone))
    throw apiError("InvalidZoneId.NotFound", `ZoneId ${zone} is not a zone of region ${ctx.region}.`);
}

/**
 * CreateVSwitch SDK remark, CidrBlock: "cannot be the same as the destination CIDR block of a
 * route entry in the VPC".
 */
export function checkVSwitchNotARoute(ctx: Ctx, vpc: Resource, cidr: string): void {
  const tables = new Set(
    mine(ctx, "routeTable")
      .filter((t) => t.attrs.VpcId === vpc.id)
      .map((t) => t.id),
  );
  const e = mine(ctx, "routeEntry").find((x) => tables.has(String(x.attrs.RouteTableId)) && x.attrs.DestinationCidrBlock === cidr);
  if (e)
    throw apiError(
      "InvalidCidrBlock.Overlapped",
      `CidrBlock ${cidr} is the destination of route entry ${e.id} in ${String(e.attrs.RouteTableId)} (CreateVSwitch: a vSwitch CIDR cannot equal a route's destination).`,
    );
}

/** CreateRouteEntry, DestinationCidrBlock: not 100.64.0.0/10 or within it. */
export function checkRouteDestination(dest: string): void {
  parseCidr(dest, "DestinationCidrBlock");
  if (cidrContains(ROUTE_DESTINATION_RESERVED.value, dest))
    throw apiError("InvalidDestinationCidrBlock.Reserved", `DestinationCidrBlock ${dest}: ${ROUTE_DESTINATION_RESERVED.source}.`);
}

/**
 * CreateRouteEntry API doc: a custom route entry cannot have the destination of a system
 * route entry, and every vSwitch CIDR is one (the system adds a route for each vSwitch of the VPC).
 */
export function checkNotSystemDestination(ctx: Ctx, table: Resource, dest: string): void {
  const vsw = mine(ctx, "vswitch").find((s) => s.attrs.VpcId === table.attrs.VpcId && s.attrs.CidrBlock === dest);
  if (vsw)
    throw apiError(
      "InvalidDestinationCidrBlock.SystemRoute",
      `DestinationCidrBlock ${dest} is the CIDR of vSwitch ${vsw.id}, a system route of ${table.id}: a custom route cannot replace it (CreateRouteEntry).`,
    );
}

/** CreateRouteEntry, NextHopType: the resource kind each modelled type names. */
const NEXT_HOP_KINDS: Readonly<Record<string, string>> = {
  VpcPeer: "peerConnection",
  RouterInterface: "routerInterface",
  VpnGateway: "vpnGateway",
  NatGateway: "natGateway",
  // a VPC attachment of a transit router (CreateRouteEntry SDK remark, NextHopType: Attachment)
  Attachment: "trVpcAttachment",
};

/**
 * Whether a resource is visible to the caller as a next hop: its own, in the request's region.
 * A peering is also its acceptor's, in the accepting region (a cross-region peering lives in
 * the requester's region; GetVpcPeerConnectionAttribute doc, AcceptingRegionId).
 */
function visibleNextHop(ctx: Ctx, r: Resource): boolean {
  const at = (region: unknown) => !ctx.region || region === ctx.region;
  if (r.owner === ctx.account && at(r.region)) return true;
  return r.kind === "peerConnection" && r.attrs.AcceptingOwnerUid === ctx.account && at(r.attrs.AcceptingRegionId);
}

/** Whether the next hop sits on the table's router: the VPC's for a VPC table, the VBR's for a VBR table. */
function onTablesRouter(table: Resource, hop: Resource): boolean {
  const vpcId = String(table.attrs.VpcId ?? "");
  switch (hop.kind) {
    case "peerConnection":
      return vpcId !== "" && (hop.attrs.VpcId === vpcId || hop.attrs.AcceptingVpcId === vpcId);
    case "routerInterface":
      return hop.attrs.RouterId === table.attrs.VRouterId;
    default:
      return vpcId !== "" && hop.attrs.VpcId === vpcId;
  }
}

/**
 * A VPC route towards a transit router's VPC attachment needs the attachment Attached
 * (its status while it is created or deleted is Attaching / Detaching; the VPC API answers
 * IncorrectInstanceStatus, which the provider retries: alicloud/resource_alicloud_route_entry.go:113).
 */
function checkAttachmentAttached(ctx: Ctx, hop: Resource): void {
  if (hop.kind !== "trVpcAttachment") return;
  if (hop.attrs.GoneAt !== undefined || ctx.now < hop.readyAt)
    throw apiError("IncorrectInstanceStatus", `NextHopId ${hop.id}: the transit router VPC attachment is not Attached.`);
}

/**
 * CreateRouteEntry, NextHopType / NextHopId: the ID is of the type named, exists in the
 * caller's account and region, and belongs to the route table's VPC (or VBR): "the next hop
 * must be in the same VPC as the route table" (CreateRouteEntry API doc).
 */
export function checkNextHop(ctx: Ctx, table: Resource, type: string, id: string): Resource {
  const kind = NEXT_HOP_KINDS[type];
  if (!kind)
    throw apiError(
      "Emulator.Unsupported",
      `NextHopType ${type}: the emulator models ${Object.keys(NEXT_HOP_KINDS).join(", ")} next hops only.`,
    );
  const hop = ctx.store.get(id);
  if (!hop || !visibleNextHop(ctx, hop)) throw notFound("InvalidNextHopId.NotFound", id);
  if (hop.kind !== kind)
    throw apiError("InvalidNextHopType.Mismatch", `NextHopId ${id} is a ${hop.kind}, not what NextHopType ${type} names (a ${kind}).`);
  if (!onTablesRouter(table, hop))
    throw apiError(
      "InvalidNextHop.NotInVpc",
      `NextHopId ${id} does not belong to the VPC/VBR of route table ${table.id} (${String(table.attrs.VpcId || table.attrs.VbrId)}).`,
    );
  checkAttachmentAttached(ctx, hop);
  return hop;
}

/** CreateVpnGateway, Bandwidth (limits.ts VPN_GATEWAY_BANDWIDTHS). */
export function checkVpnBandwidth(raw: string | undefined): void {
  if (raw === undefined) return;
  if (!VPN_GATEWAY_BANDWIDTHS.value.includes(Number(raw)))
    throw apiError(
      "InvalidBandwidth.Malformed",
      `Bandwidth ${raw}: allowed ${VPN_GATEWAY_BANDWIDTHS.value.join(", ")} (${VPN_GATEWAY_BANDWIDTHS.source}).`,
    );
}

/**
 * CreateVpnGateway, DisasterRecoveryVSwitchId: in a dual-tunnel region the two vSwitches are
 * in different zones (unless the region has one dual-tunnel zone), each a dual-tunnel zone.
 */
export function checkDualTunnelZones(ctx: Ctx, first: Resource, second: Resource): void {
  const zones = dualTunnelZones(ctx.region);
  if (!zones) return;
  for (const s of [first, second])
    if (!zones.includes(String(s.attrs.ZoneId)))
      throw apiError(
        "InvalidZoneId.NotDualTunnel",
        `vSwitch ${s.id} is in ${String(s.attrs.ZoneId)}, not a dual-tunnel zone of ${ctx.region} (${zones.join(", ")}).`,
      );
  if (zones.length > 1 && first.attrs.ZoneId === second.attrs.ZoneId)
    throw apiError(
      "InvalidVSwitchId.SameZone",
      `VSwitchId ${first.id} and DisasterRecoveryVSwitchId ${second.id} are both in ${String(first.attrs.ZoneId)}: they must be in different zones.`,
    );
}

function checkEnum(
  field: string,
  v: unknown,
  allowed: readonly string[],
  code: "InvalidIkeConfig.Malformed" | "InvalidIpsecConfig.Malformed",
): void {
  if (v === undefined || v === "") return;
  if (!allowed.includes(String(v))) throw apiError(code, `${field} "${String(v)}": allowed ${allowed.join(", ")}.`);
}

function checkLifetime(field: string, v: unknown, code: "InvalidIkeConfig.Malformed" | "InvalidIpsecConfig.Malformed"): void {
  if (v === undefined || v === "") return;
  const n = Number(v);
  const { min, max } = SA_LIFETIME.value;
  if (!Number.isInteger(n) || n < min || n > max) throw apiError(code, `${field} ${String(v)}: allowed ${min} to ${max} seconds.`);
}

/** CreateVpnConnection, IkeConfig / TunnelIkeConfig values (limits.ts IKE, SA_LIFETIME). */
export function checkIke(where: string, c: Readonly<Record<string, unknown>>): void {
  for (const [k, spec] of Object.entries(IKE)) checkEnum(`${where}.${k}`, c[k], spec.value, "InvalidIkeConfig.Malformed");
  checkLifetime(`${where}.IkeLifetime`, c.IkeLifetime, "InvalidIkeConfig.Malformed");
}

/** CreateVpnConnection, IpsecConfig / TunnelIpsecConfig values (limits.ts IPSEC, SA_LIFETIME). */
export function checkIpsec(where: string, c: Readonly<Record<string, unknown>>): void {
  for (const [k, spec] of Object.entries(IPSEC)) checkEnum(`${where}.${k}`, c[k], spec.value, "InvalidIpsecConfig.Malformed");
  checkLifetime(`${where}.IpsecLifetime`, c.IpsecLifetime, "InvalidIpsecConfig.Malformed");
}

/** CreateVpnConnection, LocalSubnet / RemoteSubnet: comma-separated IPv4 CIDR blocks. */
export function checkSubnets(param: string, raw: string | undefined): void {
  for (const c of (raw ?? "").split(",").filter(Boolean))
    if (!ipaddr.IPv4.isValidCIDR(c)) throw apiError("InvalidSubnet.Malformed", `${param} "${c}" is not an IPv4 CIDR block.`);
}

/** CreateCustomerGateway, IpAddress: an IPv4 address outside the unsupported ranges. */
export function checkCustomerGatewayIp(ip: string): void {
  if (!ipaddr.IPv4.isValidFourPartDecimal(ip)) throw apiError("InvalidParameter", `IpAddress "${ip}" is not an IPv4 address.`);
  const r = CUSTOMER_GATEWAY_RESERVED.value.find((c) => cidrContains(c, `${ip}/32`));
  if (r) throw apiError("InvalidIpAddress.Reserved", `IpAddress ${ip} is in ${r} (${CUSTOMER_GATEWAY_RESERVED.source}).`);
}

/** An on-premises ASN (CreateCustomerGateway Asn, CreateBgpGroup PeerAsn): 1 to 4294967295, not 45104. */
export function checkPeerAsn(param: string, raw: string | undefined): void {
  if (raw === undefined) return;
  const n = Number(raw);
  const { min, max } = ASN.range.value;
  if (!Number.isInteger(n) || n < min || n > max) throw apiError("InvalidAsn.Malformed", `${param} ${raw}: allowed ${min} to ${max}.`);
  if (n === ASN.alibaba.value) throw apiError("InvalidAsn.Malformed", `${param} ${raw}: ${ASN.alibaba.source}.`);
}

/** CreateBgpGroup, LocalAsn: 45104, 64512-65534 or 4200000000-4294967294; not 65025. */
export function checkVbrLocalAsn(raw: string | undefined): void {
  if (raw === undefined) return;
  const n = Number(raw);
  const { fixed, ranges, reserved } = ASN.vbrLocal.value;
  const ok = (fixed as readonly number[]).includes(n) || ranges.some(([lo, hi]) => n >= lo && n <= hi);
  if (!ok || (reserved as readonly number[]).includes(n))
    throw apiError("InvalidAsn.Malformed", `LocalAsn ${raw}: ${ASN.vbrLocal.source}.`);
}

/** CreateVirtualBorderRouter, PeeringSubnetMask: "The two IP addresses must be in the same subnet" (and are two). */
export function checkVbrGatewayIps(local?: string, peer?: string, mask?: string): void {
  if (!local || !peer || !mask) return;
  const bits = ipaddr.IPv4.isValidFourPartDecimal(mask) ? ipaddr.IPv4.parse(mask).prefixLengthFromSubnetMask() : null;
  if (bits === null) throw apiError("InvalidParameter", `PeeringSubnetMask "${mask}" is not a subnet mask.`);
  const valid = [local, peer].every((ip) => ipaddr.IPv4.isValidFourPartDecimal(ip));
  if (!valid || local === peer || !ipaddr.IPv4.parse(local).match(ipaddr.IPv4.parse(peer), bits))
    throw apiError(
      "InvalidGatewayIp.NotInSameSubnet",
      `LocalGatewayIp ${local} and PeerGatewayIp ${peer} must be two addresses of one /${bits} subnet (PeeringSubnetMask ${mask}).`,
    );
}

/** CreateBgpPeer, BfdMultiHop: 1 to 255. */
export function checkBfdMultiHop(raw: string | undefined): void {
  if (raw === undefined) return;
  const n = Number(raw);
  const { min, max } = BFD_MULTI_HOP.value;
  if (!Number.isInteger(n) || n < min || n > max)
    throw apiError("InvalidBfdMultiHop.Malformed", `BfdMultiHop ${raw}: allowed ${min} to ${max}.`);
}

/** CreateVpnRouteEntry, Weight: 0 or 100. */
export function checkVpnRouteWeight(raw: string): void {
  if (!VPN_ROUTE_WEIGHTS.value.includes(Number(raw)))
    throw apiError(
      "InvalidWeight.Malformed",
      `Weight ${raw}: allowed ${VPN_ROUTE_WEIGHTS.value.join(" or ")} (${VPN_ROUTE_WEIGHTS.source}).`,
    );
}

/**
 * CreateVpnRouteEntry: a second route of the gateway for one
 * destination is the other half of an active/standby pair, so it has the other weight
 * (limits.ts VPN_ROUTE_PAIR). Two weight-100 routes (or two weight-0 routes) for one
 * destination are refused: the gateway would have no rule to choose between them.
 */
export function checkVpnRoutePair(ctx: Ctx, gatewayId: string, dest: string, hop: string, weight: number): void {
  const same = mine(ctx, "vpnRouteEntry").filter(
    (e) => e.attrs.VpnGatewayId === gatewayId && e.attrs.RouteDest === dest && e.attrs.NextHop !== hop && e.attrs.Weight === weight,
  );
  if (same.length < VPN_ROUTE_PAIR.value.maxPerWeight) return;
  throw conflict(
    "InvalidWeight.Conflict",
    `VPN gateway ${gatewayId} already routes ${dest} via ${String(same[0]?.attrs.NextHop)} with weight ${weight}; ` +
      `allowed: one route of weight 100 (active) and one of weight 0 (standby) per destination, with different next hops (${VPN_ROUTE_PAIR.source}).`,
  );
}

/** CreateRouterInterface, Spec (limits.ts ROUTER_INTERFACE_SPECS). */
export function checkRouterInterfaceSpec(raw: string | undefined): void {
  if (raw === undefined) return;
  if (!ROUTER_INTERFACE_SPECS.value.includes(raw))
    throw apiError("InvalidSpec.Malformed", `Spec "${raw}": allowed ${ROUTER_INTERFACE_SPECS.value.join(", ")}.`);
}

/** AuthorizeSecurityGroup(Egress), Permissions.N: protocol, port range and priority (limits.ts SECURITY_GROUP_RULE). */
export function checkPermission(p: { IpProtocol: string; PortRange: string; Priority: string }): void {
  const { protocols, priority, ports } = SECURITY_GROUP_RULE;
  if (!(protocols.value as readonly string[]).includes(p.IpProtocol))
    throw apiError("InvalidPermission.Malformed", `IpProtocol "${p.IpProtocol}": allowed ${protocols.value.join(", ")}.`);
  const pri = Number(p.Priority);
  if (!Number.isInteger(pri) || pri < priority.value.min || pri > priority.value.max)
    throw apiError("InvalidPermission.Malformed", `Priority ${p.Priority}: allowed ${priority.value.min} to ${priority.value.max}.`);
  const m = /^(-?\d+)\/(-?\d+)$/.exec(p.PortRange);
  const [from, to] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  const portless = p.IpProtocol !== "TCP" && p.IpProtocol !== "UDP";
  const ok = portless ? from === -1 && to === -1 : from >= ports.value.min && to <= ports.value.max && from <= to;
  if (!ok)
    throw apiError(
      "InvalidPermission.Malformed",
      `PortRange "${p.PortRange}" for ${p.IpProtocol}: ${portless ? "-1/-1" : `start/end within ${ports.value.min}-${ports.value.max}`} (${ports.source}).`,
    );
}
