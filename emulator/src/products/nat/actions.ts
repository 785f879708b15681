/** NAT product actions: parse the request, call the model, answer with a view. */
import { apiError } from "../../errors";
import { matching, mine, mustGet, opt, paged, req, setGiven, type Ctx, type Handler } from "../context";
import { vpcOf } from "../vpc";
import {
  allocateEip,
  associateEip,
  createNatGateway,
  createSnatEntry,
  deleteNatGateway,
  deleteSnatEntry,
  eip,
  nat,
  releaseEip,
  unassociateEip,
} from "./model";
import { eipView, natView, snatView } from "./views";

const snatEntry = (ctx: Ctx) => mustGet(ctx, "snatEntry", req(ctx, "SnatEntryId"), "InvalidSnatEntryId.NotFound");

export const natActions: Record<string, Handler> = {
  CreateNatGateway: (ctx) => {
    const vpc = vpcOf(ctx, req(ctx, "VpcId"));
    const vsw = mustGet(ctx, "vswitch", req(ctx, "VSwitchId"), "InvalidVSwitchId.NotFound");
    const n = createNatGateway(ctx, vpc, vsw, {
      Name: opt(ctx, "Name") ?? "",
      Description: opt(ctx, "Description") ?? "",
      NatType: opt(ctx, "NatType") ?? "Enhanced",
      Spec: opt(ctx, "Spec") ?? "",
      InstanceChargeType: opt(ctx, "InstanceChargeType") ?? "PostPaid",
      // PayByLcu is the default billing for new internet NAT gateways (CreateNatGateway doc, InternetChargeType)
      InternetChargeType: opt(ctx, "InternetChargeType") ?? "PayByLcu",
      NetworkType: opt(ctx, "NetworkType") ?? "internet",
      // EipBindMode defaults to MULTI_BINDED (CreateNatGateway doc)
      EipBindMode: opt(ctx, "EipBindMode") ?? "MULTI_BINDED",
      IcmpReplyEnabled: opt(ctx, "IcmpReplyEnabled") !== "false",
    });
    return {
      NatGatewayId: n.id,
      SnatTableIds: { SnatTableId: [n.attrs.SnatTableId] },
      ForwardTableIds: { ForwardTableId: [n.attrs.ForwardTableId] },
      FullNatTableIds: { FullNatTableId: [] },
    };
  },
  DescribeNatGateways: (ctx) => {
    const ns = matching(ctx, "natGateway", { NatGatewayId: (n) => n.id, VpcId: (n) => n.attrs.VpcId });
    return paged(ctx, ns, "NatGateways", "NatGateway", (n) => natView(ctx, n));
  },
  ModifyNatGatewayAttribute: (ctx) => {
    const n = nat(ctx, req(ctx, "NatGatewayId"));
    setGiven(ctx, n.attrs, ["Name", "Description", "EipBindMode"]);
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
    deleteNatGateway(ctx, nat(ctx, req(ctx, "NatGatewayId")), opt(ctx, "Force") === "true");
    return {};
  },
  AllocateEipAddress: (ctx) => {
    // AllocateEipAddress doc defaults: Bandwidth 5 Mbit/s, ISP BGP, PostPaid, PayByBandwidth
    const e = allocateEip(ctx, {
      Name: opt(ctx, "Name") ?? "",
      Description: opt(ctx, "Description") ?? "",
      Bandwidth: opt(ctx, "Bandwidth") ?? "5",
      ISP: opt(ctx, "ISP") ?? "BGP",
      ChargeType: opt(ctx, "InstanceChargeType") ?? "PostPaid",
      InternetChargeType: opt(ctx, "InternetChargeType") ?? "PayByBandwidth",
    });
    return { AllocationId: e.id, EipAddress: e.attrs.IpAddress, ResourceGroupId: "rg-emu-default" };
  },
  DescribeEipAddresses: (ctx) => {
    const id = opt(ctx, "AllocationId");
    return paged(
      ctx,
      mine(ctx, "eip").filter((e) => !id || e.id === id),
      "EipAddresses",
      "EipAddress",
      (e) => eipView(ctx, e),
    );
  },
  DescribeHighDefinitionMonitorLogAttribute: (ctx) => {
    const e = eip(ctx, req(ctx, "InstanceId"));
    return { InstanceId: e.id, InstanceType: "EIP", LogProject: "", LogStore: "", Success: true };
  },
  ModifyEipAddressAttribute: (ctx) => {
    setGiven(ctx, eip(ctx, req(ctx, "AllocationId")).attrs, ["Name", "Description", "Bandwidth"]);
    return {};
  },
  AssociateEipAddress: (ctx) => {
    const e = eip(ctx, req(ctx, "AllocationId"));
    const type = opt(ctx, "InstanceType") ?? "EcsInstance";
    if (type !== "Nat")
      throw apiError("Emulator.Unsupported", `InstanceType "${type}": the emulator models EIP association with NAT gateways only`);
    associateEip(ctx, e, nat(ctx, req(ctx, "InstanceId")));
    return {};
  },
  UnassociateEipAddress: (ctx) => {
    unassociateEip(ctx, eip(ctx, req(ctx, "AllocationId")));
    return {};
  },
  ReleaseEipAddress: (ctx) => {
    releaseEip(ctx, eip(ctx, req(ctx, "AllocationId")));
    return {};
  },
  CreateSnatEntry: (ctx) => {
    const s = createSnatEntry(ctx, {
      tableId: req(ctx, "SnatTableId"),
      ips: req(ctx, "SnatIp").split(","),
      sourceVSwitchId: opt(ctx, "SourceVSwitchId"),
      sourceCidr: opt(ctx, "SourceCIDR"),
      name: opt(ctx, "SnatEntryName") ?? "",
    });
    return { SnatEntryId: s.id };
  },
  DescribeSnatTableEntries: (ctx) => {
    const es = matching(ctx, "snatEntry", { SnatTableId: (s) => s.attrs.SnatTableId, SnatEntryId: (s) => s.id });
    return paged(ctx, es, "SnatTableEntries", "SnatTableEntry", (s) => snatView(ctx, s));
  },
  ModifySnatEntry: (ctx) => {
    setGiven(ctx, snatEntry(ctx).attrs, ["SnatEntryName", "SnatIp"]);
    return {};
  },
  DeleteSnatEntry: (ctx) => {
    deleteSnatEntry(ctx, snatEntry(ctx));
    return {};
  },
};
