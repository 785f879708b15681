/** VpcPeer model (API 2022-01-01): peering connections, same- and cross-account, and their status machine. */
import { notFound } from "../../errors";
import type { Resource } from "../../state";
import { ready, type Ctx } from "../context";

export const NOT_FOUND = "ResourceNotFound.InstanceId";

/** A peering is visible to both its requester and its acceptor account. */
export function peering(ctx: Ctx, id: string): Resource {
  const r = ctx.store.get(id);
  if (!r || r.kind !== "peerConnection" || (r.owner !== ctx.account && r.attrs.AcceptingOwnerUid !== ctx.account))
    throw notFound(NOT_FOUND, id);
  return r;
}

export function vpcAnywhere(ctx: Ctx, id: string, owner: string, region: string): Resource {
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
export function statusOf(ctx: Ctx, r: Resource): string {
  const s = String(r.attrs.Status);
  if (s === "Creating" || s === "Updating") return ready(ctx, r) ? String(r.attrs.NextStatus) : s;
  return s;
}
