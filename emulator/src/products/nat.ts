/**
 * VPC product (API 2016-04-28), internet egress: NAT gateways, EIPs and their association,
 * SNAT entries. Shapes are checked against `@alicloud/vpc20160428`.
 */
import { apiError, conflict, notFound } from "../errors";
import type { Resource } from "../state";
import { create, isoNow, mine, mustGet, newId, opt, page, req, status, tagList, type Ctx, type Handler } from "./context";
import { addRouteEntry, systemRouteTable, vpcOf } from "./vpc";

function nat(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "natGateway", id, "InvalidNatGatewayId.NotFound");
}

function eip(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "eip", id, "InvalidAllocationId.NotFound");
}

function eipsOf(ctx: Ctx, natId: string): Resource[] {
  return mine(ctx, "eip").filter((e) => e.attrs.InstanceId === natId);
}

function natView(ctx: Ctx, n: Resource): Record<string, unknown> {
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

function eipView(ctx: Ctx, e: Resource): Record<string, unknown> {
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

const handlers: Record<string, Handler> = {
  CreateNatGateway: (ctx) => {
    const vpc = vpcOf(ctx, req(ctx, "VpcId"));
    const natType = opt(ctx, "NatType") ?? "Enhanced";
    // CreateNatGateway doc: an enhanced NAT gateway needs a vSwitch of the VPC
    const vswId = req(ctx, "VSwitchId");
    const vsw = mustGet(ctx, "vswitch", vswId, "InvalidVSwitchId.NotFound");
    if (vsw.attrs.VpcId !== vpc.id) throw apiError("InvalidVSwitchId.NotBelongToVpc", `vSwitch ${vswId} is not in VPC ${vpc.id}.`);
    const id = newId(ctx, "ngw");
    const n = create(ctx, "natGateway", id, {
      Name: opt(ctx, "Name") ?? "",
      Description: opt(ctx, "Description") ?? "",
      VpcId: vpc.id,
      VSwitchId: vswId,
      ZoneId: vsw.attrs.ZoneId,
      NatType: natType,
      Spec: opt(ctx, "Spec") ?? "",
      InstanceChargeType: opt(ctx, "InstanceChargeType") ?? "PostPaid",
      // PayByLcu is the default billing for new internet NAT gateways (CreateNatGateway doc, InternetChargeType)
      InternetChargeType: opt(ctx, "InternetChargeType") ?? "PayByLcu",
      NetworkType: opt(ctx, "NetworkType") ?? "internet",
      // EipBindMode defaults to MULTI_BINDED (CreateNatGateway doc)
      EipBindMode: opt(ctx, "EipBindMode") ?? "MULTI_BINDED",
      IcmpReplyEnabled: opt(ctx, "IcmpReplyEnabled") !== "false",
      DeletionProtection: false,
      CreationTime: isoNow(ctx),
      SnatTableId: newId(ctx, "stb"),
      ForwardTableId: newId(ctx, "ftb"),
      PrivateIpAddress: "192.168.0.200",
    });
    // CreateNatGateway doc: "After you create an enhanced Internet NAT gateway, the system
    // automatically adds a route entry whose destination CIDR block is 0.0.0.0/0 and whose next
    // hop is the NAT gateway to the route table of the VPC", unless a 0.0.0.0/0 route is already there.
    const rt = systemRouteTable(ctx, vpc.id);
    const hasDefault = mine(ctx, "routeEntry").some((e) => e.attrs.RouteTableId === rt.id && e.attrs.DestinationCidrBlock === "0.0.0.0/0");
    if (natType === "Enhanced" && !hasDefault) addRouteEntry(ctx, rt, "0.0.0.0/0", "NatGateway", id, "System", { AddedBy: id });
    return {
      NatGatewayId: n.id,
      SnatTableIds: { SnatTableId: [n.attrs.SnatTableId] },
      ForwardTableIds: { ForwardTableId: [n.attrs.ForwardTableId] },
      FullNatTableIds: { FullNatTableId: [] },
    };
  },
  DescribeNatGateways: (ctx) => {
    const id = opt(ctx, "NatGatewayId");
    const ns = mine(ctx, "natGateway").filter((n) => (!id || n.id === id) && (!opt(ctx, "VpcId") || n.attrs.VpcId === opt(ctx, "VpcId")));
    const p = page(ctx, ns);
    return {
      NatGateways: { NatGateway: p.items.map((n) => natView(ctx, n)) },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
  ModifyNatGatewayAttribute: (ctx) => {
    const n = nat(ctx, req(ctx, "NatGatewayId"));
    for (const k of ["Name", "Description", "EipBindMode"]) if (opt(ctx, k) !== undefined) n.attrs[k] = opt(ctx, k);
    if (opt(ctx, "IcmpReplyEnabled") !== undefined) n.attrs.IcmpReplyEnabled = opt(ctx, "IcmpReplyEnabled") === "true";
    return {};
  },
  DeletionProtection: (ctx) => {
    const id = req(ctx, "InstanceId");
    const type = req(ctx, "Type");
    const r = type === "NATGW" ? nat(ctx, id) : type === "EIP" ? eip(ctx, id) : undefined;
    if (!r) throw apiError("InvalidParameter.Type", `Type "${type}": allowed: NATGW, EIP (the emulator models these two)`);
    r.attrs.DeletionProtection = req(ctx, "ProtectionEnable") === "true";
    return {};
  },
  DeleteNatGateway: (ctx) => {
    const n = nat(ctx, req(ctx, "NatGatewayId"));
    // busy-on-delete fault: still settling after a dependent's delete (faults.ts)
    if (ctx.now < Number(n.attrs.BusyUntil ?? 0))
      throw conflict("IncorrectStatus.NatGateway", `NAT gateway ${n.id} is updating after a change to its SNAT entries or EIPs.`);
    // DeleteNatGateway doc: deletion protection must be off first. (The exact error code is not
    // confirmed from the docs; the provider has no special case for it.)
    if (n.attrs.DeletionProtection === true)
      throw conflict("OperationDenied.DeletionProtection", `NAT gateway ${n.id} has deletion protection enabled.`);
    const force = opt(ctx, "Force") === "true";
    // DeleteNatGateway doc: with Force=false a gateway with EIPs or SNAT entries fails
    // (DependencyViolation.EIPS is retried by the provider: resource_alicloud_nat_gateway.go:657)
    if (!force && eipsOf(ctx, n.id).length > 0) throw conflict("DependencyViolation.EIPS", `NAT gateway ${n.id} still has EIPs bound.`);
    const snats = mine(ctx, "snatEntry").filter((s) => s.attrs.NatGatewayId === n.id);
    if (!force && snats.length > 0) throw conflict("DependencyViolation.SnatEntry", `NAT gateway ${n.id} still has SNAT entries.`);
    const routed = mine(ctx, "routeEntry").find((e) => e.attrs.InstanceId === n.id && e.attrs.Type === "Custom");
    if (routed)
      throw conflict(
        "DependencyViolation.RouteEntry",
        `Custom route ${String(routed.attrs.DestinationCidrBlock)} in ${String(routed.attrs.RouteTableId)} still points to ${n.id}.`,
      );
    for (const s of snats) ctx.store.delete(s.id);
    for (const e of eipsOf(ctx, n.id)) Object.assign(e.attrs, { InstanceId: "", InstanceType: "", WasBound: true });
    // the system 0.0.0.0/0 route the gateway added goes with it
    for (const e of mine(ctx, "routeEntry").filter((x) => x.attrs.AddedBy === n.id)) ctx.store.delete(e.id);
    ctx.store.delete(n.id);
    return {};
  },
  AllocateEipAddress: (ctx) => {
    const id = newId(ctx, "eip");
    const n = ctx.store.nextSeq();
    create(
      ctx,
      "eip",
      id,
      {
        // documentation range (RFC 5737 TEST-NET-3): never a real address
        IpAddress: `203.0.113.${(n % 250) + 1}`,
        Name: opt(ctx, "Name") ?? "",
        Description: opt(ctx, "Description") ?? "",
        // AllocateEipAddress doc defaults: Bandwidth 5 Mbit/s, ISP BGP, PostPaid, PayByBandwidth
        Bandwidth: opt(ctx, "Bandwidth") ?? "5",
        ISP: opt(ctx, "ISP") ?? "BGP",
        ChargeType: opt(ctx, "InstanceChargeType") ?? "PostPaid",
        InternetChargeType: opt(ctx, "InternetChargeType") ?? "PayByBandwidth",
        AllocationTime: isoNow(ctx),
        DeletionProtection: false,
        InstanceId: "",
        InstanceType: "",
      },
      false,
    );
    return { AllocationId: id, EipAddress: ctx.store.get(id)?.attrs.IpAddress, ResourceGroupId: "rg-emu-default" };
  },
  DescribeEipAddresses: (ctx) => {
    const id = opt(ctx, "AllocationId");
    const es = mine(ctx, "eip").filter((e) => !id || e.id === id);
    const p = page(ctx, es);
    return {
      EipAddresses: { EipAddress: p.items.map((e) => eipView(ctx, e)) },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
  DescribeHighDefinitionMonitorLogAttribute: (ctx) => {
    const e = eip(ctx, req(ctx, "InstanceId"));
    return { InstanceId: e.id, InstanceType: "EIP", LogProject: "", LogStore: "", Success: true };
  },
  ModifyEipAddressAttribute: (ctx) => {
    const e = eip(ctx, req(ctx, "AllocationId"));
    for (const k of ["Name", "Description", "Bandwidth"]) if (opt(ctx, k) !== undefined) e.attrs[k] = opt(ctx, k);
    return {};
  },
  AssociateEipAddress: (ctx) => {
    const e = eip(ctx, req(ctx, "AllocationId"));
    const type = opt(ctx, "InstanceType") ?? "EcsInstance";
    const target = req(ctx, "InstanceId");
    if (type !== "Nat")
      throw apiError("Emulator.Unsupported", `InstanceType "${type}": the emulator models EIP association with NAT gateways only`);
    const n = nat(ctx, target);
    // AssociateEipAddress doc: the EIP must be Available and the instance ready (IncorrectEipStatus /
    // IncorrectInstanceStatus, both retried by the provider: resource_alicloud_eip_association.go:114)
    if (e.attrs.InstanceId) throw conflict("IncorrectEipStatus", `EIP ${e.id} is already bound to ${String(e.attrs.InstanceId)}.`);
    if (ctx.now < n.readyAt) throw conflict("IncorrectInstanceStatus", `NAT gateway ${n.id} is not Available yet.`);
    Object.assign(e.attrs, { InstanceId: n.id, InstanceType: "Nat", VpcId: n.attrs.VpcId });
    e.readyAt = ctx.now + ctx.transitionMs;
    return {};
  },
  UnassociateEipAddress: (ctx) => {
    const e = eip(ctx, req(ctx, "AllocationId"));
    if (!e.attrs.InstanceId) throw conflict("IncorrectEipStatus", `EIP ${e.id} is not bound.`);
    // UnassociateEipAddress doc: an EIP used by a SNAT entry cannot be unbound (OperationUnsupported.EipInBinding-class error)
    const snat = mine(ctx, "snatEntry").find((s) => String(s.attrs.SnatIp).split(",").includes(String(e.attrs.IpAddress)));
    if (snat) throw conflict("DependencyViolation.SnatEntry", `EIP ${e.id} is used by SNAT entry ${snat.id}.`);
    const parent = ctx.store.get(String(e.attrs.InstanceId));
    Object.assign(e.attrs, { InstanceId: "", InstanceType: "", WasBound: true });
    e.readyAt = ctx.now + ctx.transitionMs;
    if (parent) ctx.dependentGone?.(parent);
    return {};
  },
  ReleaseEipAddress: (ctx) => {
    const e = eip(ctx, req(ctx, "AllocationId"));
    if (e.attrs.DeletionProtection === true)
      throw conflict("OperationDenied.DeletionProtection", `EIP ${e.id} has deletion protection enabled.`);
    // ReleaseEipAddress doc: only an EIP in the Available state can be released (IncorrectEipStatus)
    if (e.attrs.InstanceId || ctx.now < e.readyAt) throw conflict("IncorrectEipStatus", `EIP ${e.id} is not Available.`);
    ctx.store.delete(e.id);
    return {};
  },
  CreateSnatEntry: (ctx) => {
    const tableId = req(ctx, "SnatTableId");
    const n = mine(ctx, "natGateway").find((x) => x.attrs.SnatTableId === tableId);
    if (!n) throw notFound("InvalidSnatTableId.NotFound", tableId);
    const ips = req(ctx, "SnatIp").split(",");
    // CreateSnatEntry doc: SnatIp must be an EIP bound to this NAT gateway (EIP_NOT_IN_GATEWAY,
    // retried by the provider while the binding settles: resource_alicloud_snat_entry.go:99)
    for (const ip of ips) {
      const e = eipsOf(ctx, n.id).find((x) => x.attrs.IpAddress === ip);
      if (!e || ctx.now < e.readyAt) throw conflict("EIP_NOT_IN_GATEWAY", `SnatIp ${ip} is not an EIP bound to ${n.id}.`);
    }
    const src = opt(ctx, "SourceVSwitchId");
    const cidr = opt(ctx, "SourceCIDR");
    if (!src && !cidr) throw apiError("MissingParameter", "One of SourceVSwitchId and SourceCIDR is required.");
    // CreateSnatEntry SDK remark: "You must specify one of SourceCIDR and SourceVSwitchId, but you cannot specify both"
    if (src && cidr) throw apiError("InvalidParameter", "SourceVSwitchId and SourceCIDR are exclusive: give one.");
    const vsw = src ? mustGet(ctx, "vswitch", src, "InvalidVSwitchId.NotFound") : undefined;
    // CreateSnatEntry SDK remark, SourceVSwitchId: ECS instances in the vSwitch reach out through
    // this NAT gateway, so the vSwitch is one of the gateway's VPC
    if (vsw && vsw.attrs.VpcId !== n.attrs.VpcId)
      throw apiError(
        "InvalidSourceVSwitchId.NotInVpc",
        `SourceVSwitchId ${vsw.id} is in ${String(vsw.attrs.VpcId)}, not in NAT gateway ${n.id}'s VPC ${String(n.attrs.VpcId)}.`,
      );
    const source = vsw ? String(vsw.attrs.CidrBlock) : String(cidr);
    const dup = mine(ctx, "snatEntry").find((s) => s.attrs.SnatTableId === tableId && s.attrs.SourceCIDR === source);
    if (dup) throw conflict("Forbidden.SourceCidrConflict", `A SNAT entry for ${source} already exists in ${tableId} (${dup.id}).`);
    const id = newId(ctx, "snat");
    create(ctx, "snatEntry", id, {
      SnatTableId: tableId,
      NatGatewayId: n.id,
      SnatIp: ips.join(","),
      SourceVSwitchId: src ?? "",
      SourceCIDR: source,
      SnatEntryName: opt(ctx, "SnatEntryName") ?? "",
    });
    return { SnatEntryId: id };
  },
  DescribeSnatTableEntries: (ctx) => {
    const tableId = opt(ctx, "SnatTableId");
    const id = opt(ctx, "SnatEntryId");
    const es = mine(ctx, "snatEntry").filter((s) => (!tableId || s.attrs.SnatTableId === tableId) && (!id || s.id === id));
    const p = page(ctx, es);
    return {
      SnatTableEntries: {
        SnatTableEntry: p.items.map((s) => ({
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
        })),
      },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
  ModifySnatEntry: (ctx) => {
    const s = mustGet(ctx, "snatEntry", req(ctx, "SnatEntryId"), "InvalidSnatEntryId.NotFound");
    if (opt(ctx, "SnatEntryName") !== undefined) s.attrs.SnatEntryName = opt(ctx, "SnatEntryName");
    if (opt(ctx, "SnatIp") !== undefined) s.attrs.SnatIp = opt(ctx, "SnatIp");
    return {};
  },
  DeleteSnatEntry: (ctx) => {
    const s = mustGet(ctx, "snatEntry", req(ctx, "SnatEntryId"), "InvalidSnatEntryId.NotFound");
    if (ctx.now < s.readyAt) throw conflict("IncorretSnatEntryStatus", `SNAT entry ${s.id} is still Pending.`);
    ctx.store.delete(s.id);
    const parent = ctx.store.get(String(s.attrs.NatGatewayId));
    if (parent) ctx.dependentGone?.(parent);
    return {};
  },
};

export default handlers;
