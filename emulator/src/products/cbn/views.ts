/** Cbn wire shapes: the fields of each List and Describe item, as the SDK response models name them. */
import type { Resource } from "../../state";
import { tagList, type Ctx } from "../context";
import { statusOf } from "./model";

function pick(r: Resource, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => r.attrs[f] !== undefined).map((f) => [f, r.attrs[f]]));
}

const ATTACHMENT = [
  "AutoPublishRouteEnabled",
  "CenId",
  "CreationTime",
  "ResourceType",
  "TransitRouterAttachmentDescription",
  "TransitRouterAttachmentId",
  "TransitRouterAttachmentName",
  "TransitRouterId",
] as const;

/** DescribeCens: Cens.Cen[] */
export function cenView(ctx: Ctx, r: Resource): Record<string, unknown> {
  return {
    ...pick(r, ["CenId", "Name", "Description", "ProtectionLevel", "ResourceGroupId", "CreationTime", "Ipv6Level"]),
    Status: statusOf(ctx, r),
    Tags: { Tag: tagList(r) },
    CenBandwidthPackageIds: { CenBandwidthPackageId: [] },
  };
}

/** ListTransitRouters: TransitRouters[] */
export function transitRouterView(ctx: Ctx, r: Resource): Record<string, unknown> {
  const fields = [
    "AliUid",
    "CenId",
    "CreationTime",
    "RegionId",
    "SupportMulticast",
    "TransitRouterDescription",
    "TransitRouterId",
    "TransitRouterName",
    "Type",
  ];
  return { ...pick(r, fields), Status: statusOf(ctx, r), Tags: tagList(r) };
}

/** ListTransitRouterRouteTables: TransitRouterRouteTables[] */
export function routeTableView(ctx: Ctx, r: Resource): Record<string, unknown> {
  const fields = [
    "RegionId",
    "TransitRouterId",
    "TransitRouterRouteTableDescription",
    "TransitRouterRouteTableId",
    "TransitRouterRouteTableName",
    "TransitRouterRouteTableType",
  ];
  return { ...pick(r, fields), CreateTime: r.attrs.CreationTime, TransitRouterRouteTableStatus: statusOf(ctx, r), Tags: tagList(r) };
}

/** ListTransitRouterVpcAttachments: TransitRouterAttachments[] */
export function vpcAttachmentView(ctx: Ctx, r: Resource): Record<string, unknown> {
  const fields = [
    ...ATTACHMENT,
    "ChargeType",
    "OrderType",
    "VpcId",
    "VpcOwnerId",
    "VpcRegionId",
    "ZoneMappings",
    "TransitRouterVPCAttachmentOptions",
  ];
  return { ...pick(r, fields), Status: statusOf(ctx, r), Tags: tagList(r) };
}

/** ListTransitRouterVbrAttachments: TransitRouterAttachments[] */
export function vbrAttachmentView(ctx: Ctx, r: Resource): Record<string, unknown> {
  return { ...pick(r, [...ATTACHMENT, "OrderType", "VbrId", "VbrOwnerId", "VbrRegionId"]), Status: statusOf(ctx, r), Tags: tagList(r) };
}

/** ListTransitRouterPeerAttachments: TransitRouterAttachments[] */
export function peerAttachmentView(ctx: Ctx, r: Resource): Record<string, unknown> {
  const fields = [
    ...ATTACHMENT,
    "Bandwidth",
    "BandwidthType",
    "CenBandwidthPackageId",
    "DefaultLinkType",
    "GeographicSpanId",
    "PeerTransitRouterId",
    "PeerTransitRouterOwnerId",
    "PeerTransitRouterRegionId",
    "RegionId",
  ];
  return { ...pick(r, fields), Status: statusOf(ctx, r), Tags: tagList(r) };
}

/** ListTransitRouterRouteTableAssociations / …Propagations: TransitRouterAssociations[] / TransitRouterPropagations[] */
export function bindingView(ctx: Ctx, r: Resource): Record<string, unknown> {
  return {
    ...pick(r, ["ResourceId", "ResourceType", "TransitRouterAttachmentId", "TransitRouterRouteTableId"]),
    Status: statusOf(ctx, r),
  };
}

/** ListTransitRouterRouteEntries: TransitRouterRouteEntries[] */
export function routeEntryView(ctx: Ctx, r: Resource): Record<string, unknown> {
  const fields = [
    "TransitRouterRouteEntryDescription",
    "TransitRouterRouteEntryDestinationCidrBlock",
    "TransitRouterRouteEntryId",
    "TransitRouterRouteEntryName",
    "TransitRouterRouteEntryNextHopId",
    "TransitRouterRouteEntryNextHopResourceId",
    "TransitRouterRouteEntryNextHopResourceType",
    "TransitRouterRouteEntryNextHopType",
    "TransitRouterRouteEntryType",
  ];
  return { ...pick(r, fields), CreateTime: r.attrs.CreationTime, TransitRouterRouteEntryStatus: statusOf(ctx, r) };
}

/**
 * The List* actions' token paging: `MaxResults` items from the position `NextToken` names
 * (the emulator's token is the offset), and the token of the next page while one is left
 * (ListTransitRouter* API docs, MaxResults / NextToken; default page 20).
 */
export function listed<T>(ctx: Ctx, field: string, items: readonly T[], view: (x: T) => unknown): Record<string, unknown> {
  const max = Number(ctx.params.MaxResults ?? 20);
  const start = Number(ctx.params.NextToken ?? 0);
  const end = start + max;
  return {
    [field]: items.slice(start, end).map(view),
    TotalCount: items.length,
    MaxResults: max,
    ...(end < items.length ? { NextToken: String(end) } : {}),
  };
}
