/**
 * VpcPeer (API version 2022-01-01) request and response models. Alibaba Cloud publishes no
 * npm SDK for this product, so these are written from its API reference
 * (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpcpeer-2022-01-01-overview,
 * one page per action below) in the official SDKs' `names()`/`types()` form, and cross-read
 * with what the pinned provider sends and reads (alicloud/resource_alicloud_vpc_peer_connection.go:115-135,
 * :176-230; alicloud/service_alicloud_vpc_peer_v2.go:20-130).
 */
import type { ModelClass, ModelType } from "./model-types";

function model(fields: Record<string, ModelType>): ModelClass {
  const names = Object.fromEntries(Object.keys(fields).map((k) => [k, k]));
  return { names: () => names, types: () => fields };
}
const list = (itemType: ModelType): ModelType => ({ type: "array", itemType });
const common = { RegionId: "string", ClientToken: "string", DryRun: "boolean" } as const;
const tag = model({ Key: "string", Value: "string" });
const vpcSide = model({ VpcId: "string", Ipv4Cidrs: list("string"), Ipv6Cidrs: list("string") });
const ack = model({ RequestId: "string" });

export const VPCPEER_MODELS: Record<string, ModelClass> = {
  CreateVpcPeerConnectionRequest: model({
    ...common,
    VpcId: "string",
    AcceptingAliUid: "number",
    AcceptingRegionId: "string",
    AcceptingVpcId: "string",
    Name: "string",
    Description: "string",
    Bandwidth: "number",
    ResourceGroupId: "string",
    LinkType: "string",
    Tag: list(tag),
  }),
  CreateVpcPeerConnectionResponseBody: model({ RequestId: "string", InstanceId: "string" }),
  GetVpcPeerConnectionAttributeRequest: model({ ...common, InstanceId: "string" }),
  GetVpcPeerConnectionAttributeResponseBody: model({
    RequestId: "string",
    InstanceId: "string",
    Name: "string",
    Description: "string",
    GmtCreate: "string",
    GmtModified: "string",
    Status: "string",
    BizStatus: "string",
    OwnerId: "number",
    AcceptingOwnerUid: "number",
    RegionId: "string",
    AcceptingRegionId: "string",
    Bandwidth: "number",
    LinkType: "string",
    ResourceGroupId: "string",
    Vpc: vpcSide,
    AcceptingVpc: vpcSide,
    Tags: list(tag),
  }),
  AcceptVpcPeerConnectionRequest: model({ ...common, InstanceId: "string", ResourceGroupId: "string" }),
  AcceptVpcPeerConnectionResponseBody: ack,
  RejectVpcPeerConnectionRequest: model({ ...common, InstanceId: "string" }),
  RejectVpcPeerConnectionResponseBody: ack,
  ModifyVpcPeerConnectionRequest: model({
    ...common,
    InstanceId: "string",
    Name: "string",
    Description: "string",
    Bandwidth: "number",
    LinkType: "string",
  }),
  ModifyVpcPeerConnectionResponseBody: ack,
  DeleteVpcPeerConnectionRequest: model({ ...common, InstanceId: "string", Force: "boolean" }),
  DeleteVpcPeerConnectionResponseBody: ack,
  TagResourcesRequest: model({ RegionId: "string", ResourceType: "string", ResourceId: list("string"), Tag: list(tag) }),
  TagResourcesResponseBody: ack,
  UnTagResourcesRequest: model({
    RegionId: "string",
    ResourceType: "string",
    ResourceId: list("string"),
    TagKey: list("string"),
    All: "boolean",
    ClientToken: "string",
  }),
  UnTagResourcesResponseBody: ack,
};
