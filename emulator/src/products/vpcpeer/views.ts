/** VpcPeer views: the wire shape of GetVpcPeerConnectionAttribute. */
import type { Resource } from "../../state";
import { tagList, type Ctx } from "../context";
import { statusOf } from "./model";

export function peeringView(ctx: Ctx, r: Resource): Record<string, unknown> {
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
}
