/**
 * VpcPeer product (API 2022-01-01): VPC peering connections, same- and cross-account.
 * Models: ../vpcpeer-models.ts (no official npm SDK exists for this product).
 */
import { apiError, conflict, notFound } from "../errors";
import type { Resource } from "../state";
import { create, isoNow, newId, opt, req, ready, tagHandlers, tagList, type Ctx, type Handler } from "./context";

const NOT_FOUND = "ResourceNotFound.InstanceId";

/** A peering is visible to both its requester and its acceptor account. */
function peering(ctx: Ctx, id: string): Resource {
  const r = ctx.store.get(id);
  if (!r || r.kind !== "peerConnection" || (r.owner !== ctx.account && r.attrs.AcceptingOwnerUid !== ctx.account))
    throw notFound(NOT_FOUND, id);
  return r;
}

function vpcAnywhere(ctx: Ctx, id: string, owner: string, region: string): Resource {
  const v = ctx.store.get(id);
  if (!v || v.kind !== "vpc" || v.owner !== owner || v.region !== region) throw notFound("ResourceNotFound.VpcId", id);
  return v;
}

/**
 * Status as GetVpcPeerConnectionAttribute reports it (API doc, Status: Creating | Accepting |
 * Updating | Activated | Rejected | Expired | Deleting). Within one account the acceptor side is
 * accepted automatically ("If the accepter VPC belongs to the same account, the peering
 * connection is activated automatically", CreateVpcPeerConnection doc); across accounts it
 * stays Accepting until the acceptor calls AcceptVpcPeerConnection.
 */
function statusOf(ctx: Ctx, r: Resource): string {
  const s = String(r.attrs.Status);
  if (s === "Creating" || s === "Updating") return ready(ctx, r) ? String(r.attrs.NextStatus) : s;
  return s;
}

const handlers: Record<string, Handler> = {
  CreateVpcPeerConnection: (ctx) => {
    const vpc = vpcAnywhere(ctx, req(ctx, "VpcId"), ctx.account, ctx.region);
    const raw = opt(ctx, "AcceptingAliUid");
    // The provider always sends AcceptingAliUid, 0 when the attribute is unset
    // (alicloud/resource_alicloud_vpc_peer_connection.go:117). The API then peers within the
    // caller's account and reads the caller's UID back as AcceptingOwnerUid (GetVpcPeerConnectionAttribute doc).
    const acceptorUid = raw === undefined || raw === "0" ? ctx.account : raw;
    const acceptingRegion = req(ctx, "AcceptingRegionId");
    const acceptingVpcId = req(ctx, "AcceptingVpcId");
    // CreateVpcPeerConnection API doc: a peering connects two VPCs
    if (acceptingVpcId === vpc.id) throw apiError("IllegalParam.SameVpc", `AcceptingVpcId ${acceptingVpcId} is the requester VPC itself.`);
    const acceptor = ctx.store.get(acceptingVpcId);
    if (!acceptor || acceptor.kind !== "vpc" || acceptor.owner !== acceptorUid || acceptor.region !== acceptingRegion) {
      throw apiError(
        "IllegalParam.AcceptingVpcId",
        `The accepting VPC ${acceptingVpcId} does not exist in account ${acceptorUid}, region ${acceptingRegion}.`,
      );
    }
    const dupe = ctx.store.all("peerConnection").find((p) => p.attrs.VpcId === vpc.id && p.attrs.AcceptingVpcId === acceptingVpcId);
    if (dupe)
      throw conflict("ResourceAlreadyExist.VpcPeer", `A peering between ${vpc.id} and ${acceptingVpcId} already exists (${dupe.id}).`);
    const id = newId(ctx, "pcc");
    const sameAccount = acceptorUid === ctx.account;
    create(ctx, "peerConnection", id, {
      InstanceId: id,
      VpcId: vpc.id,
      AcceptingVpcId: acceptingVpcId,
      AcceptingOwnerUid: acceptorUid,
      AcceptingRegionId: acceptingRegion,
      Name: opt(ctx, "Name") ?? "",
      Description: opt(ctx, "Description") ?? "",
      // Bandwidth: the API fills in 1024 Mbit/s when none is given (CreateVpcPeerConnection doc,
      // Bandwidth: "default 1024"); the provider marks bandwidth Optional+Computed.
      Bandwidth: Number(opt(ctx, "Bandwidth") ?? 1024),
      LinkType: opt(ctx, "LinkType") ?? (acceptingRegion === ctx.region ? "" : "Gold"),
      ResourceGroupId: opt(ctx, "ResourceGroupId") ?? "rg-emu-default",
      GmtCreate: isoNow(ctx),
      Status: "Creating",
      NextStatus: sameAccount ? "Activated" : "Accepting",
    });
    return { InstanceId: id };
  },
  GetVpcPeerConnectionAttribute: (ctx) => {
    const r = peering(ctx, req(ctx, "InstanceId"));
    const side = (vpcId: unknown, owner: string, region: string) => {
      const v = ctx.store.get(String(vpcId));
      return { VpcId: vpcId, Ipv4Cidrs: v && v.owner === owner && v.region === region ? [v.attrs.CidrBlock] : [], Ipv6Cidrs: [] };
    };
    return {
      InstanceId: r.id,
      Name: r.attrs.Name,
      Description: r.attrs.Description,
      GmtCreate: r.attrs.GmtCreate,
      GmtModified: r.attrs.GmtCreate,
      Status: statusOf(ctx, r),
      BizStatus: "Normal",
      OwnerId: Number(r.owner),
      AcceptingOwnerUid: Number(r.attrs.AcceptingOwnerUid),
      RegionId: r.region,
      AcceptingRegionId: r.attrs.AcceptingRegionId,
      Bandwidth: r.attrs.Bandwidth,
      LinkType: r.attrs.LinkType,
      ResourceGroupId: r.attrs.ResourceGroupId,
      Vpc: side(r.attrs.VpcId, r.owner, r.region),
      AcceptingVpc: side(r.attrs.AcceptingVpcId, String(r.attrs.AcceptingOwnerUid), String(r.attrs.AcceptingRegionId)),
      Tags: tagList(r),
    };
  },
  AcceptVpcPeerConnection: (ctx) => {
    const r = peering(ctx, req(ctx, "InstanceId"));
    // AcceptVpcPeerConnection doc: only the acceptor may accept, and only while Accepting
    // (IncorrectStatus.VpcPeer otherwise).
    if (r.attrs.AcceptingOwnerUid !== ctx.account)
      throw apiError("Forbidden.NotAcceptor", `Only account ${String(r.attrs.AcceptingOwnerUid)} can accept ${r.id}.`);
    if (statusOf(ctx, r) !== "Accepting")
      throw conflict("IncorrectStatus.VpcPeer", `The peering ${r.id} is ${statusOf(ctx, r)}, not Accepting.`);
    r.attrs.Status = "Updating";
    r.attrs.NextStatus = "Activated";
    r.readyAt = ctx.now + ctx.transitionMs;
    return {};
  },
  RejectVpcPeerConnection: (ctx) => {
    const r = peering(ctx, req(ctx, "InstanceId"));
    if (statusOf(ctx, r) !== "Accepting")
      throw conflict("IncorrectStatus.VpcPeer", `The peering ${r.id} is ${statusOf(ctx, r)}, not Accepting.`);
    r.attrs.Status = "Rejected";
    return {};
  },
  ModifyVpcPeerConnection: (ctx) => {
    const r = peering(ctx, req(ctx, "InstanceId"));
    const s = statusOf(ctx, r);
    if (s !== "Activated" && s !== "Accepting") throw conflict("IncorrectStatus.VpcPeer", `The peering ${r.id} is ${s}.`);
    for (const k of ["Name", "Description", "LinkType"]) if (opt(ctx, k) !== undefined) r.attrs[k] = opt(ctx, k);
    if (opt(ctx, "Bandwidth") !== undefined) r.attrs.Bandwidth = Number(opt(ctx, "Bandwidth"));
    if (s === "Activated") {
      r.attrs.Status = "Updating";
      r.attrs.NextStatus = "Activated";
      r.readyAt = ctx.now + ctx.transitionMs;
    }
    return {};
  },
  DeleteVpcPeerConnection: (ctx) => {
    const r = peering(ctx, req(ctx, "InstanceId"));
    // DeleteVpcPeerConnection doc: without Force, a peering that routes still point to
    // cannot be deleted (DependencyViolation.RouteEntry).
    const route = ctx.store.all("routeEntry").find((e) => e.attrs.InstanceId === r.id);
    if (route && opt(ctx, "Force") !== "true")
      throw conflict(
        "DependencyViolation.RouteEntry",
        `Route entry ${String(route.attrs.DestinationCidrBlock)} in ${String(route.attrs.RouteTableId)} still points to ${r.id}.`,
      );
    const s = statusOf(ctx, r);
    if (s === "Creating" || s === "Updating") throw conflict("IncorrectStatus.VpcPeer", `The peering ${r.id} is ${s}.`);
    ctx.store.delete(r.id);
    return {};
  },
  TagResources: tagHandlers.TagResources as Handler,
  UnTagResources: tagHandlers.UnTagResources as Handler,
};

export default handlers;
