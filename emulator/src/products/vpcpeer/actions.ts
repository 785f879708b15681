/** VpcPeer actions (API 2022-01-01): parse the request, call the model, answer with a view. Models: ../../vpcpeer-models.ts. */
import { apiError, conflict } from "../../errors";
import { create, isoNow, newId, opt, req, setGiven, tagHandlers, type Handler } from "../context";
import { peering, statusOf, vpcAnywhere } from "./model";
import { peeringView } from "./views";

export const vpcPeerActions: Record<string, Handler> = {
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
  GetVpcPeerConnectionAttribute: (ctx) => peeringView(ctx, peering(ctx, req(ctx, "InstanceId"))),
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
    setGiven(ctx, r.attrs, ["Name", "Description", "LinkType"]);
    setGiven(ctx, r.attrs, ["Bandwidth"], Number);
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
