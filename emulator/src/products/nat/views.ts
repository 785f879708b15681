/** NAT product views: the wire shapes of DescribeNatGateways, DescribeEipAddresses, DescribeSnatTableEntries. */
import type { Resource } from "../../state";
import { status, tagList, type Ctx } from "../context";
import { eipsOf } from "./model";

export function natView(ctx: Ctx, n: Resource): Record<string, unknown> {
  return {
    NatGatewayId: n.id,
    Name: n.attrs.Name,
    Description: n.attrs.Description,
    VpcId: n.attrs.VpcId,
    NatType: n.attrs.NatType,
    Spec: n.attrs.Spec,
    InstanceChargeType: n.attrs.InstanceChargeType,
    InternetChargeType: n.attrs.InternetChargeType,
    NetworkType: n.attrs.NetworkType,
    EipBindMode: n.attrs.EipBindMode,
    DeletionProtection: n.attrs.DeletionProtection,
    IcmpReplyEnabled: n.attrs.IcmpReplyEnabled,
    PrivateLinkEnabled: false,
    CreationTime: n.attrs.CreationTime,
    ExpiredTime: "",
    RegionId: n.region,
    ResourceGroupId: "rg-emu-default",
    BusinessStatus: "Normal",
    // CreateNatGateway is asynchronous: Creating, then Available (DescribeNatGateways doc, Status)
    Status: status(ctx, n, "Creating", "Available"),
    SnatTableIds: { SnatTableId: [n.attrs.SnatTableId] },
    ForwardTableIds: { ForwardTableId: [n.attrs.ForwardTableId] },
    FullNatTableIds: { FullNatTableId: [] },
    IpLists: {
      IpList: eipsOf(ctx, n.id).map((e) => ({
        AllocationId: e.id,
        IpAddress: e.attrs.IpAddress,
        SnatEntryEnabled: true,
        UsingStatus: "UsedBySnatTable",
        PrivateIpAddress: "",
      })),
    },
    NatGatewayPrivateInfo: {
      VswitchId: n.attrs.VSwitchId,
      EniInstanceId: `eni-${n.id.slice(4)}`,
      PrivateIpAddress: n.attrs.PrivateIpAddress,
      IzNo: n.attrs.ZoneId,
      MaxBandwidth: 5120,
      EniType: "indirect",
    },
    Tags: { Tag: Object.entries(n.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
  };
}

export function eipView(ctx: Ctx, e: Resource): Record<string, unknown> {
  const bound = typeof e.attrs.InstanceId === "string" && e.attrs.InstanceId !== "";
  const settling = ctx.now < e.readyAt;
  return {
    AllocationId: e.id,
    IpAddress: e.attrs.IpAddress,
    Name: e.attrs.Name,
    Description: e.attrs.Description,
    Bandwidth: e.attrs.Bandwidth,
    EipBandwidth: e.attrs.Bandwidth,
    InternetChargeType: e.attrs.InternetChargeType,
    ChargeType: e.attrs.ChargeType,
    ISP: e.attrs.ISP,
    Netmode: "public",
    Mode: bound ? "NAT" : "",
    AllocationTime: e.attrs.AllocationTime,
    RegionId: e.region,
    ResourceGroupId: "rg-emu-default",
    DeletionProtection: e.attrs.DeletionProtection,
    HDMonitorStatus: "OFF",
    InstanceId: bound ? e.attrs.InstanceId : "",
    InstanceType: bound ? e.attrs.InstanceType : "",
    InstanceRegionId: bound ? e.region : "",
    PrivateIpAddress: "",
    VpcId: bound ? e.attrs.VpcId : "",
    // EIP status: Associating/Unassociating while a bind is in progress, InUse when bound,
    // Available when free (DescribeEipAddresses doc, Status)
    Status: bound ? (settling ? "Associating" : "InUse") : settling && e.attrs.WasBound ? "Unassociating" : "Available",
    BusinessStatus: "Normal",
    SecurityProtectionTypes: { SecurityProtectionType: [] },
    OperationLocks: { LockReason: [] },
    Tags: { Tag: tagList(e) },
    PublicIpAddressPoolId: "",
    Zone: "",
    ServiceManaged: 0,
  };
}

export function snatView(ctx: Ctx, s: Resource): Record<string, unknown> {
  return {
    SnatEntryId: s.id,
    SnatTableId: s.attrs.SnatTableId,
    NatGatewayId: s.attrs.NatGatewayId,
    SnatIp: s.attrs.SnatIp,
    SourceVSwitchId: s.attrs.SourceVSwitchId,
    SourceCIDR: s.attrs.SourceCIDR,
    SnatEntryName: s.attrs.SnatEntryName,
    EipAffinity: "0",
    NetworkInterfaceId: "",
    Status: status(ctx, s, "Pending", "Available"),
  };
}
