/** VPC product views: the wire shapes of the Describe* answers (checked against `@alicloud/vpc20160428` by the server). */
import type { Resource } from "../../state";
import { status, tagList, type Ctx } from "../context";
import { entriesOf, systemRouteTable, vswitchesOf } from "./model";

/** CreateVpc/CreateVSwitch/CreateRouteEntry are asynchronous: Pending, then Available (each Describe doc, Status). */
const available = (ctx: Ctx, r: Resource) => status(ctx, r, "Pending", "Available");

export function vpcAttributeView(ctx: Ctx, v: Resource): Record<string, unknown> {
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
    Status: available(ctx, v),
    DnsHostnameStatus: "DISABLED",
    Ipv6CidrBlock: "",
    VSwitchIds: { VSwitchId: vswitchesOf(ctx, v.id).map((s) => s.id) },
    SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
    UserCidrs: { UserCidr: [] },
    Ipv6CidrBlocks: { Ipv6CidrBlock: [] },
    Tags: { Tag: tagList(v) },
  };
}

export function vpcListView(ctx: Ctx, v: Resource): Record<string, unknown> {
  return {
    VpcId: v.id,
    VpcName: v.attrs.VpcName,
    CidrBlock: v.attrs.CidrBlock,
    VRouterId: v.attrs.VRouterId,
    Status: available(ctx, v),
    RegionId: v.region,
    OwnerId: Number(v.owner),
    CreationTime: v.attrs.CreationTime,
    Description: v.attrs.Description,
    IsDefault: false,
    ResourceGroupId: v.attrs.ResourceGroupId,
    Tags: { Tag: tagList(v) },
  };
}

export function vswitchAttributeView(ctx: Ctx, s: Resource): Record<string, unknown> {
  return {
    VSwitchId: s.id,
    VpcId: s.attrs.VpcId,
    CidrBlock: s.attrs.CidrBlock,
    ZoneId: s.attrs.ZoneId,
    VSwitchName: s.attrs.VSwitchName,
    Description: s.attrs.Description,
    CreationTime: s.attrs.CreationTime,
    Status: available(ctx, s),
    AvailableIpAddressCount: 252,
    IsDefault: false,
    EnabledIpv6: false,
    Ipv6CidrBlock: "",
    OwnerId: Number(s.owner),
    ResourceGroupId: "rg-emu-default",
    NetworkAclId: "",
    ShareType: "Sharing",
    RouteTable: { RouteTableId: systemRouteTable(ctx, String(s.attrs.VpcId)).id, RouteTableType: "System" },
    Tags: { Tag: tagList(s) },
  };
}

export function vswitchListView(ctx: Ctx, s: Resource): Record<string, unknown> {
  return {
    VSwitchId: s.id,
    VpcId: s.attrs.VpcId,
    CidrBlock: s.attrs.CidrBlock,
    ZoneId: s.attrs.ZoneId,
    VSwitchName: s.attrs.VSwitchName,
    Status: available(ctx, s),
    Description: s.attrs.Description,
    CreationTime: s.attrs.CreationTime,
  };
}

export function routeTableListView(ctx: Ctx, t: Resource): Record<string, unknown> {
  return {
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
    VSwitchIds: { VSwitchId: vswitchesOf(ctx, t.attrs.VpcId).map((s) => s.id) },
    GatewayIds: { GatewayIds: [] },
    Tags: { Tag: [] },
  };
}

function routeEntryView(ctx: Ctx, e: Resource): Record<string, unknown> {
  return {
    RouteTableId: e.attrs.RouteTableId,
    RouteEntryId: e.id,
    DestinationCidrBlock: e.attrs.DestinationCidrBlock,
    NextHopType: e.attrs.NextHopType,
    InstanceId: e.attrs.InstanceId,
    Type: e.attrs.Type,
    Status: available(ctx, e),
    RouteEntryName: e.attrs.RouteEntryName,
    Description: e.attrs.Description,
    NextHops: { NextHop: [] },
  };
}

export function routeTableView(ctx: Ctx, t: Resource): Record<string, unknown> {
  return {
    RouteTableId: t.id,
    RouteTableType: t.attrs.RouteTableType,
    VRouterId: t.attrs.VRouterId,
    CreationTime: t.attrs.CreationTime,
    ResourceGroupId: t.attrs.ResourceGroupId,
    Status: "Available",
    VSwitchIds: { VSwitchId: t.attrs.RouteTableType === "System" ? vswitchesOf(ctx, t.attrs.VpcId).map((v) => v.id) : [] },
    RouteEntrys: { RouteEntry: entriesOf(ctx, t.id).map((e) => routeEntryView(ctx, e)) },
  };
}

/** DescribeRouteEntryList's entry: its next hops as a list. */
export function routeEntryListView(ctx: Ctx, e: Resource): Record<string, unknown> {
  return {
    RouteEntryId: e.id,
    RouteTableId: e.attrs.RouteTableId,
    DestinationCidrBlock: e.attrs.DestinationCidrBlock,
    Type: e.attrs.Type,
    Status: available(ctx, e),
    RouteEntryName: e.attrs.RouteEntryName,
    Description: e.attrs.Description,
    IpVersion: "ipv4",
    NextHops: { NextHop: [{ NextHopType: e.attrs.NextHopType, NextHopId: e.attrs.InstanceId, Weight: 100, Enabled: 1 }] },
  };
}
