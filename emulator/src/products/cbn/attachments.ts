/**
 * Transit-router connections (VPC, VBR and inter-region peer attachments) and what hangs on
 * them: route table associations, propagations and static TR route entries. The rules each
 * carry their source; the codes are in errors.ts.
 */
import { apiError, conflict, missing, notFound } from "../../errors";
import { TRANSIT_ROUTER, trZonesNeeded } from "../../limits";
import type { Resource } from "../../state";
import { parseCidr } from "../cidr";
import { flatList, mustGet, newId, opt, req, type Ctx } from "../context";
import { vpcOf } from "../vpc/model";
import {
  ATTACHMENT_KINDS,
  attachmentOf,
  cenOf,
  leave,
  mustBeIdle,
  mustBeSteady,
  owned,
  put,
  statusOf,
  steady,
  tableOf,
  trOf,
  trsOf,
  type CbnKind,
} from "./model";

/** The TR a new connection goes on: the one named, else the CEN's TR in the request's region; in the CEN named. */
function targetTr(ctx: Ctx): { tr: Resource; cenId: string } {
  const named = opt(ctx, "TransitRouterId");
  const cenId = opt(ctx, "CenId");
  if (cenId) cenOf(ctx, cenId);
  const tr = named ? trOf(ctx, named) : owned(ctx, "transitRouter").find((t) => t.attrs.CenId === cenId && t.region === ctx.region);
  if (!tr) throw notFound("InvalidTransitRouterId.NotFound", `${cenId ?? ""}/${ctx.region}`);
  if (cenId && tr.attrs.CenId !== cenId)
    throw apiError("InvalidParameter", `Transit router ${tr.id} belongs to CEN ${String(tr.attrs.CenId)}, not CenId ${cenId}.`);
  if (tr.region !== ctx.region)
    throw apiError("IllegalParam.Region", `Transit router ${tr.id} is in ${tr.region}, not the request's region ${ctx.region}.`);
  mustBeIdle(ctx, tr);
  return { tr, cenId: String(tr.attrs.CenId) };
}

function common(ctx: Ctx, tr: Resource, id: string, resourceType: string): Record<string, unknown> {
  return {
    TransitRouterAttachmentId: id,
    TransitRouterId: tr.id,
    CenId: tr.attrs.CenId,
    ResourceType: resourceType,
    TransitRouterAttachmentName: opt(ctx, "TransitRouterAttachmentName") ?? "",
    TransitRouterAttachmentDescription: opt(ctx, "TransitRouterAttachmentDescription") ?? "",
    AutoPublishRouteEnabled: opt(ctx, "AutoPublishRouteEnabled") === "true",
    RegionId: tr.region,
  };
}

interface ZoneMapping {
  readonly VSwitchId: string;
  readonly ZoneId: string;
}

/**
 * CreateTransitRouterVpcAttachment, ZoneMappings: each vSwitch of the attached VPC and in the
 * zone named, at most 10 mappings, and at least two distinct zones where the region's TRs
 * span more than one (limits.ts TRANSIT_ROUTER, TR_MULTI_ZONE_REGIONS).
 */
export function checkZoneMappings(ctx: Ctx, vpc: Resource, mappings: readonly ZoneMapping[]): void {
  if (mappings.length > TRANSIT_ROUTER.maxZoneMappings.value)
    throw apiError(
      "IllegalParam.ZoneMappings",
      `ZoneMappings has ${mappings.length} zones; at most ${TRANSIT_ROUTER.maxZoneMappings.value}.`,
    );
  for (const m of mappings) {
    const vsw = mustGet(ctx, "vswitch", m.VSwitchId, "InvalidVSwitchId.NotFound");
    if (vsw.attrs.VpcId !== vpc.id)
      throw apiError(
        "IllegalParam.ZoneMappings",
        `ZoneMappings vSwitch ${vsw.id} belongs to VPC ${String(vsw.attrs.VpcId)}, not the attached VPC ${vpc.id}.`,
      );
    if (vsw.attrs.ZoneId !== m.ZoneId)
      throw apiError(
        "IllegalParam.ZoneMappings",
        `ZoneMappings vSwitch ${vsw.id} is in zone ${String(vsw.attrs.ZoneId)}, not ${m.ZoneId}.`,
      );
  }
  const zones = new Set(mappings.map((m) => m.ZoneId)).size;
  const needed = trZonesNeeded(ctx.region);
  if (zones < needed)
    throw apiError(
      "IllegalParam.ZoneMappings",
      `ZoneMappings spans ${zones} zone(s); transit routers in ${ctx.region} need vSwitches in at least ${needed} (${TRANSIT_ROUTER.zonesMultiZoneRegion.source}).`,
    );
}

/**
 * TransitRouterVPCAttachmentOptions: a JSON object of strings; the API answers its default
 * `{"ipv6Support":"disable"}` when none is given (ListTransitRouterVpcAttachments API doc;
 * the provider's acceptance test expects the key: resource_alicloud_cen_transit_router_vpc_attachment_test.go:676).
 */
function vpcAttachmentOptions(ctx: Ctx): Record<string, string> {
  const raw = opt(ctx, "TransitRouterVPCAttachmentOptions");
  if (raw === undefined) return { ipv6Support: "disable" };
  try {
    return JSON.parse(raw) as Record<string, string>;
  } catch {
    throw apiError(
      "InvalidParameter",
      `TransitRouterVPCAttachmentOptions ${raw}: allowed: a JSON object such as {"ipv6Support":"disable"}.`,
    );
  }
}

export function createVpcAttachment(ctx: Ctx): Resource {
  const vpc = vpcOf(ctx, req(ctx, "VpcId"));
  const mappings = flatList(ctx, "ZoneMappings").map((m) => ({ VSwitchId: m.VSwitchId ?? "", ZoneId: m.ZoneId ?? "" }));
  if (mappings.length === 0) throw missing("ZoneMappings");
  checkZoneMappings(ctx, vpc, mappings);
  const { tr } = targetTr(ctx);
  const id = newId(ctx, "tr-attach");
  return put(ctx, "trVpcAttachment", id, tr.region, {
    ...common(ctx, tr, id, "VPC"),
    VpcId: vpc.id,
    VpcOwnerId: Number(ctx.account),
    VpcRegionId: ctx.region,
    ChargeType: "POSTPAY",
    OrderType: "PayByCenOwner",
    ZoneMappings: mappings.map((m) => ({ ...m, NetworkInterfaceId: newId(ctx, "eni") })),
    TransitRouterVPCAttachmentOptions: vpcAttachmentOptions(ctx),
  });
}

export function createVbrAttachment(ctx: Ctx): Resource {
  const vbr = mustGet(ctx, "vbr", req(ctx, "VbrId"), "InvalidVbrId.NotFound");
  const { tr } = targetTr(ctx);
  const id = newId(ctx, "tr-attach");
  return put(ctx, "trVbrAttachment", id, tr.region, {
    ...common(ctx, tr, id, "VBR"),
    VbrId: vbr.id,
    VbrOwnerId: Number(ctx.account),
    VbrRegionId: ctx.region,
    OrderType: "PayByCenOwner",
  });
}

/**
 * CreateTransitRouterPeerAttachment: the peer TR is another TR of the same CEN instance, in
 * PeerTransitRouterRegionId (API doc, PeerTransitRouterId / PeerTransitRouterRegionId).
 */
export function createPeerAttachment(ctx: Ctx): Resource {
  const { tr } = targetTr(ctx);
  const peer = trOf(ctx, req(ctx, "PeerTransitRouterId"));
  const peerRegion = opt(ctx, "PeerTransitRouterRegionId");
  if (peerRegion !== undefined && peer.region !== peerRegion)
    throw apiError(
      "IllegalParam.PeerTransitRouter",
      `Peer transit router ${peer.id} is in ${peer.region}, not PeerTransitRouterRegionId ${peerRegion}.`,
    );
  if (peer.attrs.CenId !== tr.attrs.CenId)
    throw apiError(
      "IllegalParam.PeerTransitRouter",
      `Peer transit router ${peer.id} belongs to CEN ${String(peer.attrs.CenId)}, not ${String(tr.attrs.CenId)} of ${tr.id}.`,
    );
  if (peer.id === tr.id || peer.region === tr.region)
    throw apiError(
      "IllegalParam.PeerTransitRouter",
      `Peer transit router ${peer.id} is in ${peer.region}, the region of ${tr.id}: a peer attachment joins two regions.`,
    );
  mustBeIdle(ctx, peer);
  const id = newId(ctx, "tr-attach");
  return put(ctx, "trPeerAttachment", id, tr.region, {
    ...common(ctx, tr, id, "TR"),
    PeerTransitRouterId: peer.id,
    PeerTransitRouterRegionId: peer.region,
    PeerTransitRouterOwnerId: Number(ctx.account),
    Bandwidth: Number(opt(ctx, "Bandwidth") ?? 0),
    BandwidthType: opt(ctx, "BandwidthType") ?? "BandwidthPackage",
    CenBandwidthPackageId: opt(ctx, "CenBandwidthPackageId") ?? "",
    DefaultLinkType: opt(ctx, "DefaultLinkType") ?? "Gold",
    GeographicSpanId: "",
  });
}

/**
 * Delete*Attachment: nothing may still hang on it: an association or propagation
 * (OperationFailed.RouteTableAssociationExist, as the API answers), a static TR route or a
 * VPC route towards it. An attachment in transition answers IncorrectStatus.Status.
 */
export function deleteAttachment(ctx: Ctx, att: Resource): void {
  const hung = [...owned(ctx, "trAssociation"), ...owned(ctx, "trPropagation")].find((x) => x.attrs.TransitRouterAttachmentId === att.id);
  if (hung)
    throw conflict(
      "OperationFailed.RouteTableAssociationExist",
      `Connection ${att.id} still has ${hung.kind} with route table ${String(hung.attrs.TransitRouterRouteTableId)}.`,
    );
  const entry = owned(ctx, "trRouteEntry").find((e) => e.attrs.TransitRouterRouteEntryNextHopId === att.id);
  if (entry)
    throw conflict("OperationFailed.AttachmentHasRouteEntry", `Connection ${att.id} is the next hop of TR route entry ${entry.id}.`);
  const vpcRoute = ctx.store.all("routeEntry").find((e) => e.attrs.NextHopType === "Attachment" && e.attrs.InstanceId === att.id);
  if (vpcRoute)
    throw conflict(
      "IncorrectStatus.VpcRouteEntry",
      `Connection ${att.id} is the next hop of VPC route ${String(vpcRoute.attrs.DestinationCidrBlock)} in ${String(vpcRoute.attrs.RouteTableId)}.`,
    );
  mustBeSteady(ctx, att, "Connection");
  leave(ctx, att);
}

/** An attachment's writes (association, propagation) wait while another of its own is in transition. */
function attachmentIdle(ctx: Ctx, att: Resource): void {
  mustBeSteady(ctx, att, "Connection");
  const busy = [...owned(ctx, "trAssociation"), ...owned(ctx, "trPropagation")].find(
    (x) => x.attrs.TransitRouterAttachmentId === att.id && !steady(ctx, x),
  );
  if (busy) throw conflict("Operation.Blocking", `Connection ${att.id} is busy: ${busy.kind} ${busy.id} is ${statusOf(ctx, busy)}.`);
}

/** The table must be a route table of a TR the attachment is on (for a peer attachment, either end). */
function checkTableOfAttachment(att: Resource, table: Resource, what: string): void {
  if (!trsOf(att).includes(String(table.attrs.TransitRouterId)))
    throw apiError(
      "IllegalParam.TransitRouterRouteTableId",
      `${what}: route table ${table.id} belongs to transit router ${String(table.attrs.TransitRouterId)}, not to ${trsOf(att).join(" or ")} of connection ${att.id}.`,
    );
}

function resourceOf(att: Resource): string {
  return String(att.attrs.VpcId ?? att.attrs.VbrId ?? att.attrs.PeerTransitRouterId ?? "");
}

/**
 * AssociateTransitRouterAttachmentWithRouteTable: an Attached connection, an Active table of
 * its TR, and one association per connection on each TR (a connection forwards by one table).
 */
export function associate(ctx: Ctx, kind: Extract<CbnKind, "trAssociation" | "trPropagation">): Resource {
  const att = attachmentOf(ctx, req(ctx, "TransitRouterAttachmentId"));
  const table = tableOf(ctx, req(ctx, "TransitRouterRouteTableId"));
  const what = kind === "trAssociation" ? "Association" : "Propagation";
  checkTableOfAttachment(att, table, what);
  const same = owned(ctx, kind).find(
    (x) =>
      x.attrs.TransitRouterAttachmentId === att.id &&
      (kind === "trPropagation" ? x.attrs.TransitRouterRouteTableId === table.id : x.attrs.TransitRouterId === table.attrs.TransitRouterId),
  );
  if (same)
    throw conflict(
      kind === "trAssociation" ? "OperationFailed.AttachmentAlreadyAssociated" : "OperationFailed.AlreadyPropagated",
      `Connection ${att.id} already has ${what.toLowerCase()} ${same.id} on transit router ${String(table.attrs.TransitRouterId)}.`,
    );
  attachmentIdle(ctx, att);
  mustBeSteady(ctx, table, "Route table");
  // the provider's ID is attachment:table (…_association.go:83); the store keys the two kinds apart
  return put(ctx, kind, `${kind}:${att.id}:${table.id}`, table.region, {
    TransitRouterAttachmentId: att.id,
    TransitRouterRouteTableId: table.id,
    TransitRouterId: table.attrs.TransitRouterId,
    ResourceId: resourceOf(att),
    ResourceType: att.attrs.ResourceType,
  });
}

export function dissociate(ctx: Ctx, kind: Extract<CbnKind, "trAssociation" | "trPropagation">): void {
  const id = `${kind}:${req(ctx, "TransitRouterAttachmentId")}:${req(ctx, "TransitRouterRouteTableId")}`;
  const x = owned(ctx, kind).find((r) => r.id === id && r.attrs.GoneAt === undefined);
  if (!x) throw notFound("InvalidTransitRouterAttachmentId.NotFound", id);
  mustBeSteady(ctx, x, kind === "trAssociation" ? "Association" : "Propagation");
  leave(ctx, x);
}

/**
 * CreateTransitRouterRouteEntry: an Active table; next hop type Attachment (a connection on
 * the table's TR, Attached) or BlackHole (no next hop); one entry per destination.
 */
export function createRouteEntry(ctx: Ctx): Resource {
  const table = tableOf(ctx, req(ctx, "TransitRouterRouteTableId"));
  const dest = req(ctx, "TransitRouterRouteEntryDestinationCidrBlock");
  parseCidr(dest, "TransitRouterRouteEntryDestinationCidrBlock");
  const type = req(ctx, "TransitRouterRouteEntryNextHopType");
  const hop = nextHop(ctx, table, type);
  const dup = owned(ctx, "trRouteEntry").find(
    (e) => e.attrs.TransitRouterRouteTableId === table.id && e.attrs.TransitRouterRouteEntryDestinationCidrBlock === dest,
  );
  if (dup)
    throw conflict(
      "OperationFailed.CreateRouteEntryWithSameDestinationCidrBlock",
      `Route table ${table.id} already has entry ${dup.id} for ${dest}.`,
    );
  mustBeSteady(ctx, table, "Route table");
  const id = newId(ctx, "rte");
  return put(ctx, "trRouteEntry", id, table.region, {
    TransitRouterRouteEntryId: id,
    TransitRouterRouteTableId: table.id,
    TransitRouterRouteEntryDestinationCidrBlock: dest,
    TransitRouterRouteEntryNextHopType: type,
    TransitRouterRouteEntryNextHopId: hop?.id ?? "",
    TransitRouterRouteEntryNextHopResourceId: hop ? resourceOf(hop) : "",
    TransitRouterRouteEntryNextHopResourceType: hop ? hop.attrs.ResourceType : "",
    TransitRouterRouteEntryName: opt(ctx, "TransitRouterRouteEntryName") ?? "",
    TransitRouterRouteEntryDescription: opt(ctx, "TransitRouterRouteEntryDescription") ?? "",
    TransitRouterRouteEntryType: "Static",
  });
}

function nextHop(ctx: Ctx, table: Resource, type: string): Resource | undefined {
  if (type === "BlackHole") return undefined;
  if (type !== "Attachment")
    throw apiError("InvalidParameter", `TransitRouterRouteEntryNextHopType ${type}: allowed BlackHole, Attachment.`);
  const id = opt(ctx, "TransitRouterRouteEntryNextHopId");
  if (!id) throw missing("TransitRouterRouteEntryNextHopId");
  const hop = ATTACHMENT_KINDS.flatMap((k) => owned(ctx, k)).find((a) => a.id === id);
  if (!hop) throw notFound("InvalidTransitRouterAttachmentId.NotFound", id);
  if (!trsOf(hop).includes(String(table.attrs.TransitRouterId)))
    throw apiError(
      "IllegalParam.NextHopId",
      `TransitRouterRouteEntryNextHopId ${id} is a connection of ${trsOf(hop).join(" and ")}, not of transit router ${String(table.attrs.TransitRouterId)} that owns route table ${table.id}.`,
    );
  mustBeSteady(ctx, hop, "Connection");
  return hop;
}

export function deleteRouteEntry(ctx: Ctx): void {
  const id = opt(ctx, "TransitRouterRouteEntryId");
  const e = owned(ctx, "trRouteEntry").find((x) => x.id === id && x.attrs.GoneAt === undefined);
  if (!e) throw apiError("IllegalParam.TransitRouterRouteEntryId", `TransitRouterRouteEntryId ${id ?? ""} does not exist.`);
  mustBeSteady(ctx, e, "Route entry");
  leave(ctx, e);
}
