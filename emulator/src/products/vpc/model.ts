/**
 * VPC product model (API 2016-04-28): VPCs with their system route table, vSwitches, route
 * tables and route entries, as records in the store, and the behaviour the API documents for
 * them (what it makes by itself, what blocks a delete, when a table is busy).
 */
import { apiError, conflict, notFound, type ErrorCode } from "../../errors";
import { QUOTA } from "../../limits";
import type { Resource } from "../../state";
import { cidrContains, cidrsOverlap } from "../cidr";
import {
  checkNextHop,
  checkNotSystemDestination,
  checkRouteDestination,
  checkVSwitchCidr,
  checkVSwitchNotARoute,
  checkZoneInRegion,
} from "../checks";
import { create, isoNow, mine, mustGet, newId, type Ctx } from "../context";

export function vpcOf(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "vpc", id, "InvalidVpcId.NotFound");
}

export function systemRouteTable(ctx: Ctx, vpcId: string): Resource {
  const rt = mine(ctx, "routeTable").find((t) => t.attrs.VpcId === vpcId && t.attrs.RouteTableType === "System");
  if (!rt) throw notFound("InvalidRouteTableId.NotFound", vpcId);
  return rt;
}

export function vswitchesOf(ctx: Ctx, vpcId: unknown): Resource[] {
  return mine(ctx, "vswitch").filter((s) => s.attrs.VpcId === vpcId);
}

export function entriesOf(ctx: Ctx, tableId: string): Resource[] {
  return mine(ctx, "routeEntry").filter((e) => e.attrs.RouteTableId === tableId);
}

/** Adds a route entry; `System` entries are the ones the API adds by itself. */
export function addRouteEntry(
  ctx: Ctx,
  table: Resource,
  dest: string,
  nextHopType: string,
  nextHopId: string,
  type: "Custom" | "System",
  extra: Record<string, unknown> = {},
): Resource {
  return create(ctx, "routeEntry", newId(ctx, "rte"), {
    RouteTableId: table.id,
    // the table's router, part of the provider's ID for the entry (inventory.ts)
    VRouterId: table.attrs.VRouterId,
    DestinationCidrBlock: dest,
    NextHopType: nextHopType,
    InstanceId: nextHopId,
    Type: type,
    RouteEntryName: "",
    Description: "",
    ...extra,
  });
}

/**
 * CreateVpc docs: "After you create a VPC, the system automatically creates a vRouter and a
 * system route table for the VPC." The provider reads it as route_table_id
 * (alicloud/resource_alicloud_vpc.go, DescribeRouteTableList with RouteTableType System).
 */
export function createVpc(ctx: Ctx, cidr: string, name: string, description: string, resourceGroup: string): Resource {
  const id = newId(ctx, "vpc");
  const vrouter = newId(ctx, "vrt");
  const rt = newId(ctx, "vtb");
  const vpc = create(ctx, "vpc", id, {
    VpcId: id,
    VpcName: name,
    Description: description,
    CidrBlock: cidr,
    VRouterId: vrouter,
    CreationTime: isoNow(ctx),
    ResourceGroupId: resourceGroup,
    RouteTableId: rt,
  });
  createSystemRouteTable(ctx, rt, { VpcId: id, VRouterId: vrouter });
  return vpc;
}

/** The router a system route table belongs to: a VPC's vRouter, or a VBR (then `VpcId` is ""). */
export interface TableRouter {
  readonly VpcId: string;
  readonly VbrId?: string;
  readonly VRouterId: string;
}

/**
 * The system route table the API makes by itself with a router, ready at once and untagged
 * (the request's tags are the router's): a VPC's (CreateVpc docs, above) or a VBR's
 * (DescribeVirtualBorderRouters doc: every VBR has its RouteTableId).
 */
export function createSystemRouteTable(ctx: Ctx, id: string, router: TableRouter): Resource {
  return ctx.store.put({
    kind: "routeTable",
    id,
    owner: ctx.account,
    region: ctx.region,
    readyAt: ctx.now,
    tags: {},
    attrs: { ...router, RouteTableType: "System", CreationTime: isoNow(ctx), ResourceGroupId: "rg-emu-default", RouteTableName: "" },
  });
}

/** Removes a router's system route table with its entries, as the router's delete does. */
export function deleteSystemRouteTable(ctx: Ctx, tableId: string): void {
  for (const e of entriesOf(ctx, tableId)) ctx.store.delete(e.id);
  ctx.store.delete(tableId);
}

/**
 * DeleteVpc docs: the VPC must have no vSwitches, security groups, NAT gateways, VPN gateways
 * or custom routes; else DependencyViolation.* (the provider retries DependencyViolation.VSwitch
 * and .SecurityGroup: alicloud/resource_alicloud_vpc.go:796).
 */
export function deleteVpc(ctx: Ctx, v: Resource): void {
  const deps: [string, ErrorCode][] = [
    ["vswitch", "DependencyViolation.VSwitch"],
    ["securityGroup", "DependencyViolation.SecurityGroup"],
    ["natGateway", "DependencyViolation.NatGateway"],
    ["vpnGateway", "DependencyViolation.VpnGateway"],
    ["peerConnection", "DependencyViolation.VpcPeer"],
    ["routerInterface", "DependencyViolation.RouterInterface"],
    ["trVpcAttachment", "DependencyViolation.TransitRouterAttachment"],
  ];
  for (const [kind, code] of deps) {
    const d = ctx.store
      .all(kind)
      .find((r) => r.attrs.VpcId === v.id || r.attrs.AcceptingVpcId === v.id || r.attrs.RouterId === v.attrs.VRouterId);
    if (d) throw conflict(code, `The VPC ${v.id} still has a dependent ${kind} ${d.id}.`);
  }
  const rt = systemRouteTable(ctx, v.id);
  const custom = entriesOf(ctx, rt.id).find((e) => e.attrs.Type === "Custom");
  if (custom)
    throw conflict(
      "DependencyViolation.RouteEntry",
      `The VPC ${v.id} still has custom route entry ${String(custom.attrs.DestinationCidrBlock)}.`,
    );
  deleteSystemRouteTable(ctx, rt.id);
  ctx.store.delete(v.id);
}

/** CreateVSwitch docs: the CIDR lies within the VPC's, overlaps no other vSwitch's, and passes checks.ts. */
export function createVSwitch(ctx: Ctx, v: Resource, cidr: string, zone: string, name: string, description: string): Resource {
  checkVSwitchCidr(cidr);
  checkZoneInRegion(ctx, zone);
  checkVSwitchNotARoute(ctx, v, cidr);
  if (!cidrContains(String(v.attrs.CidrBlock), cidr))
    throw apiError(
      "InvalidCidrBlock.Malformed",
      `Specified CIDR block ${cidr} is not within VPC ${v.id} CIDR ${String(v.attrs.CidrBlock)}.`,
    );
  const clash = vswitchesOf(ctx, v.id).find((s) => cidrsOverlap(String(s.attrs.CidrBlock), cidr));
  if (clash) throw apiError("InvalidCidrBlock.Overlapped", `Specified CIDR block ${cidr} overlaps vSwitch ${clash.id}.`);
  const id = newId(ctx, "vsw");
  return create(ctx, "vswitch", id, {
    VSwitchId: id,
    VpcId: v.id,
    CidrBlock: cidr,
    ZoneId: zone,
    VSwitchName: name,
    Description: description,
    CreationTime: isoNow(ctx),
  });
}

/** DeleteVSwitch docs: a vSwitch used by a NAT gateway, SNAT entry or VPN gateway cannot be deleted. */
export function deleteVSwitch(ctx: Ctx, s: Resource): void {
  const user = ctx.store.all().find(
    (r) =>
      r.kind !== "vswitch" &&
      (r.attrs.VSwitchId === s.id ||
        r.attrs.SourceVSwitchId === s.id ||
        r.attrs.DisasterRecoveryVSwitchId === s.id ||
        // a transit router's VPC attachment puts an interface in each vSwitch of its zone mappings
        (Array.isArray(r.attrs.ZoneMappings) && r.attrs.ZoneMappings.some((z: { VSwitchId?: string }) => z.VSwitchId === s.id))),
  );
  if (user) {
    const code: ErrorCode =
      user.kind === "snatEntry"
        ? "DependencyViolation.SnatEntry"
        : user.kind === "natGateway"
          ? "DependencyViolation.EnhancedNatgw"
          : user.kind === "trVpcAttachment"
            ? "DependencyViolation.TransitRouterAttachment"
            : "DependencyViolation";
    throw conflict(code, `The vSwitch ${s.id} is used by ${user.kind} ${user.id}.`);
  }
  ctx.store.delete(s.id);
}

/** A route table is busy while any of its entries is still Pending. */
function assertTableIdle(ctx: Ctx, tableId: string): void {
  if (entriesOf(ctx, tableId).some((e) => ctx.now < e.readyAt)) {
    // CreateRouteEntry/DeleteRouteEntry error codes: "TaskConflict — The operation conflicts with
    // another operation in progress"; the provider retries it (alicloud/resource_alicloud_route_entry.go:113).
    throw conflict("TaskConflict", `The route table ${tableId} is being modified by another operation.`);
  }
}

/**
 * CreateRouteEntry API doc: "The destination CIDR blocks of route entries in the same route
 * table must be unique", whatever the next hop: error codes "RouterEntryConflict.Duplicated — A
 * route entry with the same destination CIDR block already exists" (also when the API added it
 * itself, e.g. the enhanced NAT gateway's 0.0.0.0/0). The provider does not adopt it:
 * alicloud/resource_alicloud_route_entry.go:122-130.
 *
 * Router interfaces are no exception: equal-cost routes over several of them are ONE route
 * entry whose next hops are given together (`NextHopList`, two to four router interfaces
 * facing VBRs; the same API doc, "ECMP"), and `alicloud_route_entry` sends only NextHopType
 * and NextHopId (resource_alicloud_route_entry.go, create). A second entry for the same
 * destination is refused, its message saying so.
 */
function checkUniqueDestination(ctx: Ctx, table: Resource, dest: string, nhType: string): void {
  const dup = entriesOf(ctx, table.id).find((e) => e.attrs.DestinationCidrBlock === dest);
  if (!dup) return;
  const ecmp =
    nhType === "RouterInterface" && dup.attrs.NextHopType === "RouterInterface"
      ? " Equal-cost routes over router interfaces are one entry with NextHopList (2 to 4 interfaces), not a second entry."
      : "";
  throw conflict(
    "RouterEntryConflict.Duplicated",
    `The route entry ${dest} already exists in ${table.id} (${String(dup.attrs.Type)}, next hop ${String(dup.attrs.NextHopType)} ${String(dup.attrs.InstanceId)}).${ecmp}`,
  );
}

/** CreateRouteEntry: the rules of checks.ts, an idle table, a unique destination, the quota. */
export function createRouteEntry(
  ctx: Ctx,
  table: Resource,
  dest: string,
  nhType: string,
  nhId: string,
  name: string,
  description: string,
): Resource {
  checkRouteDestination(dest);
  checkNotSystemDestination(ctx, table, dest);
  assertTableIdle(ctx, table.id);
  checkUniqueDestination(ctx, table, dest, nhType);
  const custom = entriesOf(ctx, table.id).filter((e) => e.attrs.Type === "Custom").length;
  if (custom >= QUOTA.customRouteEntriesPerTable.value)
    throw conflict(
      "QuotaExceeded.RouteEntry",
      `Route table ${table.id} already has ${custom} custom route entries (quota ${QUOTA.customRouteEntriesPerTable.value}).`,
    );
  checkNextHop(ctx, table, nhType, nhId);
  return addRouteEntry(ctx, table, dest, nhType, nhId, "Custom", { RouteEntryName: name, Description: description });
}

/** DeleteRouteEntry: by ID, or by table, destination and (optionally) next hop; never a system entry. */
export function deleteRouteEntry(ctx: Ctx, by: { rtId?: string; id?: string; dest?: string; nextHop?: string }): void {
  const e = mine(ctx, "routeEntry").find((x) =>
    by.id
      ? x.id === by.id
      : x.attrs.RouteTableId === by.rtId && x.attrs.DestinationCidrBlock === by.dest && (!by.nextHop || x.attrs.InstanceId === by.nextHop),
  );
  if (!e) throw notFound("InvalidRouteEntry.NotFound", by.id ?? `${by.rtId ?? ""}/${by.dest ?? ""}`);
  if (e.attrs.Type === "System")
    throw conflict(
      "OperationUnsupported.SystemRouteEntry",
      `System route entry ${String(e.attrs.DestinationCidrBlock)} cannot be deleted.`,
    );
  assertTableIdle(ctx, String(e.attrs.RouteTableId));
  ctx.store.delete(e.id);
}
