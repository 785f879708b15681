/**
 * VPC product (API 2016-04-28): VPCs, vSwitches, route tables and route entries.
 * Behaviour sources are cited per rule; the request/response shapes are checked against
 * `@alicloud/vpc20160428` by the server.
 */
import { apiError, conflict, notFound, type ErrorCode } from "../errors";
import type { Resource } from "../state";
import { create, isoNow, mine, mustGet, newId, opt, page, req, status, tagList, type Ctx, type Handler } from "./context";
import { QUOTA } from "../limits";
import { cidrContains, cidrsOverlap } from "./cidr";
import {
  checkNextHop,
  checkNotSystemDestination,
  checkRouteDestination,
  checkVpcCidr,
  checkVSwitchCidr,
  checkVSwitchNotARoute,
  checkZoneInRegion,
} from "./checks";

const VPC_NOT_FOUND = "InvalidVpcId.NotFound";

export function vpcOf(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "vpc", id, VPC_NOT_FOUND);
}

export function systemRouteTable(ctx: Ctx, vpcId: string): Resource {
  const rt = mine(ctx, "routeTable").find((t) => t.attrs.VpcId === vpcId && t.attrs.RouteTableType === "System");
  if (!rt) throw notFound("InvalidRouteTableId.NotFound", vpcId);
  return rt;
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

function entriesOf(ctx: Ctx, tableId: string): Resource[] {
  return mine(ctx, "routeEntry").filter((e) => e.attrs.RouteTableId === tableId);
}

function routeEntryView(ctx: Ctx, e: Resource): Record<string, unknown> {
  return {
    RouteTableId: e.attrs.RouteTableId,
    RouteEntryId: e.id,
    DestinationCidrBlock: e.attrs.DestinationCidrBlock,
    NextHopType: e.attrs.NextHopType,
    InstanceId: e.attrs.InstanceId,
    Type: e.attrs.Type,
    // CreateRouteEntry is asynchronous: entries are Pending, then Available
    // (DescribeRouteTables / DescribeRouteEntryList docs, Status field).
    Status: status(ctx, e, "Pending", "Available"),
    RouteEntryName: e.attrs.RouteEntryName,
    Description: e.attrs.Description,
    NextHops: { NextHop: [] },
  };
}

function tableView(ctx: Ctx, t: Resource): Record<string, unknown> {
  const vsws = mine(ctx, "vswitch")
    .filter((v) => v.attrs.VpcId === t.attrs.VpcId)
    .map((v) => v.id);
  return {
    RouteTableId: t.id,
    RouteTableType: t.attrs.RouteTableType,
    VRouterId: t.attrs.VRouterId,
    CreationTime: t.attrs.CreationTime,
    ResourceGroupId: t.attrs.ResourceGroupId,
    Status: "Available",
    VSwitchIds: { VSwitchId: t.attrs.RouteTableType === "System" ? vsws : [] },
    RouteEntrys: { RouteEntry: entriesOf(ctx, t.id).map((e) => routeEntryView(ctx, e)) },
  };
}

/** A route table is busy while any of its entries is still Pending. */
function assertTableIdle(ctx: Ctx, tableId: string): void {
  if (entriesOf(ctx, tableId).some((e) => ctx.now < e.readyAt)) {
    // CreateRouteEntry/DeleteRouteEntry error codes: "TaskConflict — The operation conflicts with
    // another operation in progress"; the provider retries it (alicloud/resource_alicloud_route_entry.go:113).
    throw conflict("TaskConflict", `The route table ${tableId} is being modified by another operation.`);
  }
}

const vpcHandlers: Record<string, Handler> = {
  CreateVpc: (ctx) => {
    const cidr = opt(ctx, "CidrBlock") ?? "172.16.0.0/12";
    checkVpcCidr(cidr);
    const id = newId(ctx, "vpc");
    const vrouter = newId(ctx, "vrt");
    // CreateVpc docs: "After you create a VPC, the system automatically creates a vRouter and a
    // system route table for the VPC." The provider reads it as route_table_id
    // (alicloud/resource_alicloud_vpc.go, DescribeRouteTableList with RouteTableType System).
    const rt = newId(ctx, "vtb");
    create(ctx, "vpc", id, {
      VpcId: id,
      VpcName: opt(ctx, "VpcName") ?? "",
      Description: opt(ctx, "Description") ?? "",
      CidrBlock: cidr,
      VRouterId: vrouter,
      CreationTime: isoNow(ctx),
      ResourceGroupId: opt(ctx, "ResourceGroupId") ?? "rg-emu-default",
      RouteTableId: rt,
    });
    ctx.store.put({
      kind: "routeTable",
      id: rt,
      owner: ctx.account,
      region: ctx.region,
      readyAt: ctx.now,
      tags: {},
      attrs: {
        VpcId: id,
        VRouterId: vrouter,
        RouteTableType: "System",
        CreationTime: isoNow(ctx),
        ResourceGroupId: "rg-emu-default",
        RouteTableName: "",
      },
    });
    return { VpcId: id, VRouterId: vrouter, RouteTableId: rt, ResourceGroupId: "rg-emu-default" };
  },
  DescribeVpcAttribute: (ctx) => {
    const v = vpcOf(ctx, req(ctx, "VpcId"));
    const vsws = mine(ctx, "vswitch")
      .filter((s) => s.attrs.VpcId === v.id)
      .map((s) => s.id);
    return {
      VpcId: v.id,
      VpcName: v.attrs.VpcName,
      Description: v.attrs.Description,
      CidrBlock: v.attrs.CidrBlock,
      VRouterId: v.attrs.VRouterId,
      CreationTime: v.attrs.CreationTime,
      ResourceGroupId: v.attrs.ResourceGroupId,
      RegionId: v.region,
      OwnerId: Number(v.owner),
      IsDefault: false,
      ClassicLinkEnabled: false,
      EnabledIpv6: false,
      // CreateVpc is asynchronous: Pending, then Available (DescribeVpcAttribute docs, Status)
      Status: status(ctx, v, "Pending", "Available"),
      DnsHostnameStatus: "DISABLED",
      Ipv6CidrBlock: "",
      VSwitchIds: { VSwitchId: vsws },
      SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
      UserCidrs: { UserCidr: [] },
      Ipv6CidrBlocks: { Ipv6CidrBlock: [] },
      Tags: { Tag: tagList(v) },
    };
  },
  DescribeVpcs: (ctx) => {
    const id = opt(ctx, "VpcId");
    const vs = mine(ctx, "vpc").filter((v) => !id || id.split(",").includes(v.id));
    const p = page(ctx, vs);
    return {
      Vpcs: {
        Vpc: p.items.map((v) => ({
          VpcId: v.id,
          VpcName: v.attrs.VpcName,
          CidrBlock: v.attrs.CidrBlock,
          VRouterId: v.attrs.VRouterId,
          Status: status(ctx, v, "Pending", "Available"),
          RegionId: v.region,
          OwnerId: Number(v.owner),
          CreationTime: v.attrs.CreationTime,
          Description: v.attrs.Description,
          IsDefault: false,
          ResourceGroupId: v.attrs.ResourceGroupId,
          Tags: { Tag: tagList(v) },
        })),
      },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
  ModifyVpcAttribute: (ctx) => {
    const v = vpcOf(ctx, req(ctx, "VpcId"));
    if (opt(ctx, "VpcName") !== undefined) v.attrs.VpcName = opt(ctx, "VpcName");
    if (opt(ctx, "Description") !== undefined) v.attrs.Description = opt(ctx, "Description");
    return {};
  },
  DeleteVpc: (ctx) => {
    const v = vpcOf(ctx, req(ctx, "VpcId"));
    // DeleteVpc docs: the VPC must have no vSwitches, security groups, NAT gateways, VPN
    // gateways or custom routes; else DependencyViolation.* (the provider retries
    // DependencyViolation.VSwitch and .SecurityGroup: alicloud/resource_alicloud_vpc.go:796).
    const deps: [string, ErrorCode][] = [
      ["vswitch", "DependencyViolation.VSwitch"],
      ["securityGroup", "DependencyViolation.SecurityGroup"],
      ["natGateway", "DependencyViolation.NatGateway"],
      ["vpnGateway", "DependencyViolation.VpnGateway"],
      ["peerConnection", "DependencyViolation.VpcPeer"],
      ["routerInterface", "DependencyViolation.RouterInterface"],
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
        `The VPC ${v.id} still has custom route entry ${custom.attrs.DestinationCidrBlock}.`,
      );
    for (const e of entriesOf(ctx, rt.id)) ctx.store.delete(e.id);
    ctx.store.delete(rt.id);
    ctx.store.delete(v.id);
    return {};
  },
  CreateVSwitch: (ctx) => {
    const v = vpcOf(ctx, req(ctx, "VpcId"));
    const cidr = req(ctx, "CidrBlock");
    checkVSwitchCidr(cidr);
    const zone = req(ctx, "ZoneId");
    checkZoneInRegion(ctx, zone);
    checkVSwitchNotARoute(ctx, v, cidr);
    // CreateVSwitch docs: the vSwitch CIDR must lie within the VPC's and must not overlap another vSwitch's.
    if (!cidrContains(String(v.attrs.CidrBlock), cidr))
      throw apiError(
        "InvalidCidrBlock.Malformed",
        `Specified CIDR block ${cidr} is not within VPC ${v.id} CIDR ${String(v.attrs.CidrBlock)}.`,
      );
    const clash = mine(ctx, "vswitch").find((s) => s.attrs.VpcId === v.id && cidrsOverlap(String(s.attrs.CidrBlock), cidr));
    if (clash) throw apiError("InvalidCidrBlock.Overlapped", `Specified CIDR block ${cidr} overlaps vSwitch ${clash.id}.`);
    const id = newId(ctx, "vsw");
    create(ctx, "vswitch", id, {
      VSwitchId: id,
      VpcId: v.id,
      CidrBlock: cidr,
      ZoneId: zone,
      VSwitchName: opt(ctx, "VSwitchName") ?? "",
      Description: opt(ctx, "Description") ?? "",
      CreationTime: isoNow(ctx),
    });
    return { VSwitchId: id };
  },
  DescribeVSwitchAttributes: (ctx) => {
    const s = mustGet(ctx, "vswitch", req(ctx, "VSwitchId"), "InvalidVSwitchId.NotFound");
    const rt = systemRouteTable(ctx, String(s.attrs.VpcId));
    return {
      VSwitchId: s.id,
      VpcId: s.attrs.VpcId,
      CidrBlock: s.attrs.CidrBlock,
      ZoneId: s.attrs.ZoneId,
      VSwitchName: s.attrs.VSwitchName,
      Description: s.attrs.Description,
      CreationTime: s.attrs.CreationTime,
      Status: status(ctx, s, "Pending", "Available"),
      AvailableIpAddressCount: 252,
      IsDefault: false,
      EnabledIpv6: false,
      Ipv6CidrBlock: "",
      OwnerId: Number(s.owner),
      ResourceGroupId: "rg-emu-default",
      NetworkAclId: "",
      ShareType: "Sharing",
      RouteTable: { RouteTableId: rt.id, RouteTableType: "System" },
      Tags: { Tag: tagList(s) },
    };
  },
  DescribeVSwitches: (ctx) => {
    const id = opt(ctx, "VSwitchId");
    const vpcId = opt(ctx, "VpcId");
    const vs = mine(ctx, "vswitch").filter((s) => (!id || s.id === id) && (!vpcId || s.attrs.VpcId === vpcId));
    const p = page(ctx, vs);
    return {
      VSwitches: {
        VSwitch: p.items.map((s) => ({
          VSwitchId: s.id,
          VpcId: s.attrs.VpcId,
          CidrBlock: s.attrs.CidrBlock,
          ZoneId: s.attrs.ZoneId,
          VSwitchName: s.attrs.VSwitchName,
          Status: status(ctx, s, "Pending", "Available"),
          Description: s.attrs.Description,
          CreationTime: s.attrs.CreationTime,
        })),
      },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
  ModifyVSwitchAttribute: (ctx) => {
    const s = mustGet(ctx, "vswitch", req(ctx, "VSwitchId"), "InvalidVSwitchId.NotFound");
    if (opt(ctx, "VSwitchName") !== undefined) s.attrs.VSwitchName = opt(ctx, "VSwitchName");
    if (opt(ctx, "Description") !== undefined) s.attrs.Description = opt(ctx, "Description");
    return {};
  },
  DeleteVSwitch: (ctx) => {
    const s = mustGet(ctx, "vswitch", req(ctx, "VSwitchId"), "InvalidVSwitchId.NotFound");
    // DeleteVSwitch docs: a vSwitch used by a NAT gateway, SNAT entry or VPN gateway cannot be deleted.
    const user = ctx.store
      .all()
      .find(
        (r) =>
          r.kind !== "vswitch" &&
          (r.attrs.VSwitchId === s.id || r.attrs.SourceVSwitchId === s.id || r.attrs.DisasterRecoveryVSwitchId === s.id),
      );
    if (user)
      throw conflict(
        user.kind === "snatEntry"
          ? "DependencyViolation.SnatEntry"
          : user.kind === "natGateway"
            ? "DependencyViolation.EnhancedNatgw"
            : "DependencyViolation",
        `The vSwitch ${s.id} is used by ${user.kind} ${user.id}.`,
      );
    ctx.store.delete(s.id);
    return {};
  },
  DescribeRouteTableList: (ctx) => {
    const vpcId = opt(ctx, "VpcId");
    const rtId = opt(ctx, "RouteTableId");
    const ts = mine(ctx, "routeTable").filter((t) => (!vpcId || t.attrs.VpcId === vpcId) && (!rtId || t.id === rtId));
    const p = page(ctx, ts);
    return {
      RouterTableList: {
        RouterTableListType: p.items.map((t) => ({
          RouteTableId: t.id,
          RouteTableType: t.attrs.RouteTableType,
          RouterId: t.attrs.VRouterId,
          RouterType: "VRouter",
          VpcId: t.attrs.VpcId,
          RouteTableName: t.attrs.RouteTableName,
          Description: "",
          CreationTime: t.attrs.CreationTime,
          Status: "Available",
          OwnerId: Number(t.owner),
          ResourceGroupId: t.attrs.ResourceGroupId,
          AssociateType: "VSwitch",
          RoutePropagationEnable: true,
          VSwitchIds: {
            VSwitchId: mine(ctx, "vswitch")
              .filter((s) => s.attrs.VpcId === t.attrs.VpcId)
              .map((s) => s.id),
          },
          GatewayIds: { GatewayIds: [] },
          Tags: { Tag: [] },
        })),
      },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
  DescribeRouteTables: (ctx) => {
    const rtId = opt(ctx, "RouteTableId");
    const vr = opt(ctx, "VRouterId") ?? opt(ctx, "RouterId");
    const ts = mine(ctx, "routeTable").filter((t) => (!rtId || t.id === rtId) && (!vr || t.attrs.VRouterId === vr));
    const p = page(ctx, ts);
    return {
      RouteTables: { RouteTable: p.items.map((t) => tableView(ctx, t)) },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
  CreateRouteEntry: (ctx) => {
    const rtId = req(ctx, "RouteTableId");
    // the route table in the caller's account and the request's region
    const table = mustGet(ctx, "routeTable", rtId, "InvalidRouteTableId.NotFound");
    const dest = req(ctx, "DestinationCidrBlock");
    checkRouteDestination(dest);
    checkNotSystemDestination(ctx, table, dest);
    const nhType = req(ctx, "NextHopType");
    const nhId = req(ctx, "NextHopId");
    assertTableIdle(ctx, rtId);
    // CreateRouteEntry error codes: "RouterEntryConflict.Duplicated — A route entry with the same
    // destination CIDR block already exists" (also when the API added it itself, e.g. the enhanced
    // NAT gateway's 0.0.0.0/0). The provider does not adopt it: alicloud/resource_alicloud_route_entry.go:122-130.
    const dup = entriesOf(ctx, rtId).find((e) => e.attrs.DestinationCidrBlock === dest);
    if (dup)
      throw conflict(
        "RouterEntryConflict.Duplicated",
        `The route entry ${dest} already exists in ${rtId} (${String(dup.attrs.Type)}, next hop ${String(dup.attrs.NextHopType)} ${String(dup.attrs.InstanceId)}).`,
      );
    // quota: custom route entries per route table (limits.ts, with its source)
    const custom = entriesOf(ctx, rtId).filter((e) => e.attrs.Type === "Custom").length;
    if (custom >= QUOTA.customRouteEntriesPerTable.value)
      throw conflict(
        "QuotaExceeded.RouteEntry",
        `Route table ${rtId} already has ${custom} custom route entries (quota ${QUOTA.customRouteEntriesPerTable.value}).`,
      );
    checkNextHop(ctx, table, nhType, nhId);
    const e = addRouteEntry(ctx, table, dest, nhType, nhId, "Custom", {
      RouteEntryName: opt(ctx, "RouteEntryName") ?? "",
      Description: opt(ctx, "Description") ?? "",
    });
    return { RouteEntryId: e.id };
  },
  DeleteRouteEntry: (ctx) => {
    const rtId = opt(ctx, "RouteTableId");
    const id = opt(ctx, "RouteEntryId");
    const dest = opt(ctx, "DestinationCidrBlock");
    const nh = opt(ctx, "NextHopId");
    const e = mine(ctx, "routeEntry").find((x) =>
      id ? x.id === id : x.attrs.RouteTableId === rtId && x.attrs.DestinationCidrBlock === dest && (!nh || x.attrs.InstanceId === nh),
    );
    if (!e) throw notFound("InvalidRouteEntry.NotFound", id ?? `${rtId ?? ""}/${dest ?? ""}`);
    if (e.attrs.Type === "System")
      throw conflict(
        "OperationUnsupported.SystemRouteEntry",
        `System route entry ${String(e.attrs.DestinationCidrBlock)} cannot be deleted.`,
      );
    assertTableIdle(ctx, String(e.attrs.RouteTableId));
    ctx.store.delete(e.id);
    return {};
  },
  DescribeRouteEntryList: (ctx) => {
    const rtId = req(ctx, "RouteTableId");
    const es = entriesOf(ctx, rtId).filter((e) => !opt(ctx, "RouteEntryId") || e.id === opt(ctx, "RouteEntryId"));
    return {
      RouteEntrys: {
        RouteEntry: es.map((e) => ({
          RouteEntryId: e.id,
          RouteTableId: rtId,
          DestinationCidrBlock: e.attrs.DestinationCidrBlock,
          Type: e.attrs.Type,
          Status: status(ctx, e, "Pending", "Available"),
          RouteEntryName: e.attrs.RouteEntryName,
          Description: e.attrs.Description,
          IpVersion: "ipv4",
          NextHops: { NextHop: [{ NextHopType: e.attrs.NextHopType, NextHopId: e.attrs.InstanceId, Weight: 100, Enabled: 1 }] },
        })),
      },
      TotalCount: es.length,
    };
  },
};

export default vpcHandlers;
