/** Express Connect actions: parse the request, call the model, answer with a view. */
import { apiError, conflict, notFound } from "../../errors";
import { checkBfdMultiHop, checkPeerAsn, checkRouterInterfaceSpec, checkVbrGatewayIps, checkVbrLocalAsn } from "../checks";
import { create, isoNow, mine, mustGet, newId, opt, paged, req, setGiven, type Handler } from "../context";
import { createSystemRouteTable, deleteSystemRouteTable } from "../vpc";
import { filters, ri, riAnywhere, riStatus, routerOf, transition, vbr } from "./model";
import { bgpGroupView, bgpNetworkView, bgpPeerView, physicalConnectionView, riView, vbrView } from "./views";

export const expressActions: Record<string, Handler> = {
  DescribePhysicalConnections: (ctx) => {
    const ids = filters(ctx).get("PhysicalConnectionId");
    const ps = mine(ctx, "physicalConnection").filter((p) => !ids || ids.includes(p.id));
    return paged(ctx, ps, "PhysicalConnectionSet", "PhysicalConnectionType", (p) => physicalConnectionView(p));
  },
  CreateVirtualBorderRouter: (ctx) => {
    const pcId = req(ctx, "PhysicalConnectionId");
    const pc = mustGet(ctx, "physicalConnection", pcId, "InvalidPhysicalConnectionId.NotFound");
    const vlan = Number(req(ctx, "VlanId"));
    // CreateVirtualBorderRouter doc: VlanId 0-2999, unique per physical connection
    if (!Number.isInteger(vlan) || vlan < 0 || vlan > 2999)
      throw apiError("InvalidVlanId.Malformed", `VlanId ${vlan} is out of range (0-2999).`);
    checkVbrGatewayIps(opt(ctx, "LocalGatewayIp"), opt(ctx, "PeerGatewayIp"), opt(ctx, "PeeringSubnetMask"));
    const clash = mine(ctx, "vbr").find((v) => v.attrs.PhysicalConnectionId === pcId && v.attrs.VlanId === vlan);
    if (clash) throw conflict("InvalidVlanId.Used", `VLAN ${vlan} is already used by ${clash.id} on ${pcId}.`);
    const id = newId(ctx, "vbr");
    const rt = newId(ctx, "vtb");
    create(ctx, "vbr", id, {
      PhysicalConnectionId: pcId,
      AccessPointId: pc.attrs.AccessPointId,
      VlanId: vlan,
      Name: opt(ctx, "Name") ?? "",
      Description: opt(ctx, "Description") ?? "",
      LocalGatewayIp: opt(ctx, "LocalGatewayIp") ?? "",
      PeerGatewayIp: opt(ctx, "PeerGatewayIp") ?? "",
      PeeringSubnetMask: opt(ctx, "PeeringSubnetMask") ?? "",
      CircuitCode: opt(ctx, "CircuitCode") ?? "",
      Bandwidth: Number(opt(ctx, "Bandwidth") ?? 0),
      RouteTableId: rt,
      CreationTime: isoNow(ctx),
      // BFD defaults (ModifyVirtualBorderRouterAttribute doc): DetectMultiplier 3, MinRxInterval/MinTxInterval 1000 ms
      DetectMultiplier: 3,
      MinRxInterval: 1000,
      MinTxInterval: 1000,
      VlanInterfaceId: newId(ctx, "ri"),
    });
    createSystemRouteTable(ctx, rt, { VpcId: "", VbrId: id, VRouterId: id });
    return { VbrId: id };
  },
  DescribeVirtualBorderRouters: (ctx) => {
    const ids = filters(ctx).get("VbrId");
    const vs = mine(ctx, "vbr").filter((v) => !ids || ids.includes(v.id));
    return paged(ctx, vs, "VirtualBorderRouterSet", "VirtualBorderRouterType", (v) => vbrView(ctx, v));
  },
  ModifyVirtualBorderRouterAttribute: (ctx) => {
    const v = vbr(ctx, req(ctx, "VbrId"));
    setGiven(ctx, v.attrs, ["Name", "Description", "LocalGatewayIp", "PeerGatewayIp", "PeeringSubnetMask", "CircuitCode"]);
    setGiven(ctx, v.attrs, ["DetectMultiplier", "MinRxInterval", "MinTxInterval", "VlanId", "Bandwidth"], Number);
    return {};
  },
  TerminateVirtualBorderRouter: (ctx) => {
    vbr(ctx, req(ctx, "VbrId")).attrs.State = "terminated";
    return {};
  },
  RecoverVirtualBorderRouter: (ctx) => {
    vbr(ctx, req(ctx, "VbrId")).attrs.State = "active";
    return {};
  },
  DeleteVirtualBorderRouter: (ctx) => {
    const v = vbr(ctx, req(ctx, "VbrId"));
    // DeleteVirtualBorderRouter doc: a VBR with BGP groups or router interfaces cannot be
    // deleted (DependencyViolation.BgpGroup is retried by the provider:
    // alicloud/resource_alicloud_express_connect_virtual_border_router.go)
    if (mine(ctx, "bgpGroup").some((g) => g.attrs.RouterId === v.id))
      throw conflict("DependencyViolation.BgpGroup", `VBR ${v.id} still has BGP groups.`);
    const r = mine(ctx, "routerInterface").find((x) => x.attrs.RouterId === v.id);
    if (r) throw conflict("DependencyViolation.RouterInterface", `VBR ${v.id} still has router interface ${r.id}.`);
    const att = mine(ctx, "trVbrAttachment").find((x) => x.attrs.VbrId === v.id);
    if (att)
      throw conflict("DependencyViolation.TransitRouterAttachment", `VBR ${v.id} is still attached to a transit router (${att.id}).`);
    deleteSystemRouteTable(ctx, String(v.attrs.RouteTableId));
    ctx.store.delete(v.id);
    return {};
  },
  CreateRouterInterface: (ctx) => {
    const routerType = req(ctx, "RouterType");
    const routerId = req(ctx, "RouterId");
    const router = routerOf(ctx, routerType, routerId);
    if (!router) throw notFound("InvalidRouterId.NotFound", routerId);
    const role = req(ctx, "Role");
    if (role !== "InitiatingSide" && role !== "AcceptingSide")
      throw apiError("InvalidRole.Malformed", `Role "${role}": allowed: InitiatingSide, AcceptingSide`);
    // CreateRouterInterface doc: a VBR-side interface must be the initiator, and interfaces
    // facing a VBR need the access point (OppositeAccessPointId)
    if (routerType === "VBR" && role !== "InitiatingSide")
      throw apiError("InvalidRole.Malformed", "An interface on a VBR must be InitiatingSide.");
    checkRouterInterfaceSpec(opt(ctx, "Spec"));
    const id = newId(ctx, "ri");
    create(
      ctx,
      "routerInterface",
      id,
      {
        Role: role,
        RouterType: routerType,
        RouterId: routerId,
        VpcInstanceId: routerType === "VRouter" ? router.id : "",
        // AcceptingSide interfaces take spec Negative (CreateRouterInterface doc, Spec)
        Spec: role === "AcceptingSide" ? "Negative" : (opt(ctx, "Spec") ?? "Mini.2"),
        Name: opt(ctx, "Name") ?? "",
        Description: opt(ctx, "Description") ?? "",
        OppositeRegionId: req(ctx, "OppositeRegionId"),
        OppositeRouterType: opt(ctx, "OppositeRouterType") ?? "VRouter",
        OppositeRouterId: opt(ctx, "OppositeRouterId") ?? "",
        OppositeInterfaceId: opt(ctx, "OppositeInterfaceId") ?? "",
        OppositeInterfaceOwnerId: opt(ctx, "OppositeInterfaceOwnerId") ?? "",
        AccessPointId: opt(ctx, "AccessPointId") ?? (routerType === "VBR" ? router.attrs.AccessPointId : ""),
        OppositeAccessPointId: opt(ctx, "OppositeAccessPointId") ?? "",
        HealthCheckSourceIp: opt(ctx, "HealthCheckSourceIp") ?? "",
        HealthCheckTargetIp: opt(ctx, "HealthCheckTargetIp") ?? "",
        Status: "Idle",
        CreationTime: isoNow(ctx),
      },
      false,
    );
    return { RouterInterfaceId: id };
  },
  DescribeRouterInterfaces: (ctx) => {
    const ids = filters(ctx).get("RouterInterfaceId");
    const rs = ctx.store
      .all("routerInterface")
      .filter((r) => r.owner === ctx.account && (!ids || ids.includes(r.id)) && (ids || !ctx.region || r.region === ctx.region));
    return paged(ctx, rs, "RouterInterfaceSet", "RouterInterfaceType", (r) => riView(ctx, r));
  },
  ModifyRouterInterfaceAttribute: (ctx) => {
    const r = ri(ctx, req(ctx, "RouterInterfaceId"));
    const opposite = ["OppositeInterfaceId", "OppositeInterfaceOwnerId", "OppositeRouterId", "OppositeRouterType"].filter(
      (k) => opt(ctx, k) !== undefined && opt(ctx, k) !== String(r.attrs[k] ?? ""),
    );
    // "the interface with active/inactive status can not modify opposite connection
    // information and it is RouterInterface product limitation"
    // (alicloud/resource_alicloud_router_interface_connection.go:51-52). Error code not confirmed from the docs.
    if (opposite.length > 0 && riStatus(ctx, r) !== "Idle")
      throw conflict(
        "IncorrectStatus",
        `Router interface ${r.id} is ${riStatus(ctx, r)}: ${opposite.join(", ")} can only change while Idle.`,
      );
    setGiven(ctx, r.attrs, [
      "Name",
      "Description",
      "OppositeInterfaceId",
      "OppositeInterfaceOwnerId",
      "OppositeRouterId",
      "OppositeRouterType",
      "HealthCheckSourceIp",
      "HealthCheckTargetIp",
    ]);
    setGiven(ctx, r.attrs, ["HcRate", "HcThreshold"], Number);
    return {};
  },
  ModifyRouterInterfaceSpec: (ctx) => {
    const r = ri(ctx, req(ctx, "RouterInterfaceId"));
    r.attrs.Spec = req(ctx, "Spec");
    return { Spec: r.attrs.Spec };
  },
  ConnectRouterInterface: (ctx) => {
    const r = ri(ctx, req(ctx, "RouterInterfaceId"));
    // ConnectRouterInterface doc: only the initiator connects, both sides must name each other
    // (IncorrectOppositeInterfaceInfo.NotSet otherwise; the provider retries it:
    // alicloud/resource_alicloud_router_interface_connection.go:87)
    if (r.attrs.Role !== "InitiatingSide")
      throw conflict("OperationUnsupported.AcceptingSide", `Router interface ${r.id} is the accepting side.`);
    const opp = riAnywhere(String(r.attrs.OppositeInterfaceId ?? ""), ctx);
    if (!opp || opp.attrs.OppositeInterfaceId !== r.id)
      throw conflict("IncorrectOppositeInterfaceInfo.NotSet", `The opposite of ${r.id} has not named it as its opposite interface yet.`);
    if (riStatus(ctx, r) !== "Idle") throw conflict("IncorrectStatus", `Router interface ${r.id} is ${riStatus(ctx, r)}, not Idle.`);
    opp.attrs.OppositeInterfaceOwnerId = r.owner;
    opp.attrs.OppositeRouterId = r.attrs.RouterId;
    opp.attrs.OppositeRouterType = r.attrs.RouterType;
    r.attrs.OppositeInterfaceOwnerId = opp.owner;
    transition(ctx, r, "Connecting");
    transition(ctx, opp, "Connecting");
    return {};
  },
  ActivateRouterInterface: (ctx) => {
    const r = ri(ctx, req(ctx, "RouterInterfaceId"));
    if (riStatus(ctx, r) !== "Inactive")
      throw conflict("IncorrectStatus", `Router interface ${r.id} is ${riStatus(ctx, r)}, not Inactive.`);
    transition(ctx, r, "Activating");
    return {};
  },
  DeactivateRouterInterface: (ctx) => {
    const r = ri(ctx, req(ctx, "RouterInterfaceId"));
    if (riStatus(ctx, r) !== "Active") throw conflict("IncorrectStatus", `Router interface ${r.id} is ${riStatus(ctx, r)}, not Active.`);
    transition(ctx, r, "Deactivating");
    // a deactivated interface takes its pair down: the opposite side is no longer Active either
    const opp = riAnywhere(String(r.attrs.OppositeInterfaceId ?? ""), ctx);
    if (opp && riStatus(ctx, opp) === "Active") transition(ctx, opp, "Deactivating");
    return {};
  },
  DeleteRouterInterface: (ctx) => {
    const r = ri(ctx, req(ctx, "RouterInterfaceId"));
    // DeleteRouterInterface doc: only an Idle or Inactive interface can be deleted (IncorrectStatus)
    const s = riStatus(ctx, r);
    if (s !== "Idle" && s !== "Inactive") throw conflict("IncorrectStatus", `Router interface ${r.id} is ${s}; deactivate it first.`);
    const route = ctx.store.all("routeEntry").find((e) => e.attrs.InstanceId === r.id);
    if (route)
      throw conflict(
        "DependencyViolation.RouteEntry",
        `Route ${String(route.attrs.DestinationCidrBlock)} in ${String(route.attrs.RouteTableId)} still points to ${r.id}.`,
      );
    ctx.store.delete(r.id);
    return {};
  },
  CreateBgpGroup: (ctx) => {
    const v = vbr(ctx, req(ctx, "RouterId"));
    checkPeerAsn("PeerAsn", req(ctx, "PeerAsn"));
    checkVbrLocalAsn(opt(ctx, "LocalAsn"));
    const id = newId(ctx, "bgpg");
    create(ctx, "bgpGroup", id, {
      RouterId: v.id,
      Name: opt(ctx, "Name") ?? "",
      Description: opt(ctx, "Description") ?? "",
      PeerAsn: Number(req(ctx, "PeerAsn")),
      // LocalAsn defaults to Alibaba Cloud's 45104 (CreateBgpGroup doc)
      LocalAsn: Number(opt(ctx, "LocalAsn") ?? 45104),
      AuthKey: opt(ctx, "AuthKey") ?? "",
      IsFake: opt(ctx, "IsFakeAsn") === "true",
    });
    return { BgpGroupId: id };
  },
  DescribeBgpGroups: (ctx) => {
    const gs = mine(ctx, "bgpGroup").filter(
      (g) =>
        (!opt(ctx, "BgpGroupId") || g.id === opt(ctx, "BgpGroupId")) &&
        (!opt(ctx, "RouterId") || g.attrs.RouterId === opt(ctx, "RouterId")),
    );
    return paged(ctx, gs, "BgpGroups", "BgpGroup", (g) => bgpGroupView(ctx, g));
  },
  ModifyBgpGroupAttribute: (ctx) => {
    const g = mustGet(ctx, "bgpGroup", req(ctx, "BgpGroupId"), "InvalidBgpGroupId.NotFound");
    for (const k of ["Name", "Description", "AuthKey"]) if (opt(ctx, k) !== undefined) g.attrs[k] = opt(ctx, k);
    for (const k of ["PeerAsn", "LocalAsn"]) if (opt(ctx, k) !== undefined) g.attrs[k] = Number(opt(ctx, k));
    return {};
  },
  DeleteBgpGroup: (ctx) => {
    const g = mustGet(ctx, "bgpGroup", req(ctx, "BgpGroupId"), "InvalidBgpGroupId.NotFound");
    // DeleteBgpGroup doc: a group with peers cannot be deleted (DependencyViolation.BgpPeer, retried by the provider)
    if (mine(ctx, "bgpPeer").some((p) => p.attrs.BgpGroupId === g.id))
      throw conflict("DependencyViolation.BgpPeer", `BGP group ${g.id} still has peers.`);
    ctx.store.delete(g.id);
    return {};
  },
  CreateBgpPeer: (ctx) => {
    const g = mustGet(ctx, "bgpGroup", req(ctx, "BgpGroupId"), "InvalidBgpGroupId.NotFound");
    checkBfdMultiHop(opt(ctx, "BfdMultiHop"));
    const id = newId(ctx, "bgp");
    create(ctx, "bgpPeer", id, {
      BgpGroupId: g.id,
      RouterId: g.attrs.RouterId,
      PeerIpAddress: opt(ctx, "PeerIpAddress") ?? "",
      EnableBfd: opt(ctx, "EnableBfd") === "true",
      BfdMultiHop: opt(ctx, "BfdMultiHop") ?? "",
      IpVersion: opt(ctx, "IpVersion") ?? "IPV4",
    });
    return { BgpPeerId: id };
  },
  DescribeBgpPeers: (ctx) => {
    const ps = mine(ctx, "bgpPeer").filter(
      (p) =>
        (!opt(ctx, "BgpPeerId") || p.id === opt(ctx, "BgpPeerId")) &&
        (!opt(ctx, "BgpGroupId") || p.attrs.BgpGroupId === opt(ctx, "BgpGroupId")),
    );
    return paged(ctx, ps, "BgpPeers", "BgpPeer", (p) => bgpPeerView(ctx, p));
  },
  ModifyBgpPeerAttribute: (ctx) => {
    const p = mustGet(ctx, "bgpPeer", req(ctx, "BgpPeerId"), "InvalidBgpPeerId.NotFound");
    if (opt(ctx, "PeerIpAddress") !== undefined) p.attrs.PeerIpAddress = opt(ctx, "PeerIpAddress");
    if (opt(ctx, "EnableBfd") !== undefined) p.attrs.EnableBfd = opt(ctx, "EnableBfd") === "true";
    if (opt(ctx, "BfdMultiHop") !== undefined) p.attrs.BfdMultiHop = opt(ctx, "BfdMultiHop");
    return {};
  },
  DeleteBgpPeer: (ctx) => {
    const p = mustGet(ctx, "bgpPeer", req(ctx, "BgpPeerId"), "InvalidBgpPeerId.NotFound");
    ctx.store.delete(p.id);
    return {};
  },
  AddBgpNetwork: (ctx) => {
    const routerId = req(ctx, "RouterId");
    const v = vbr(ctx, routerId);
    const cidr = req(ctx, "DstCidrBlock");
    if (mine(ctx, "bgpNetwork").some((n) => n.attrs.RouterId === v.id && n.attrs.DstCidrBlock === cidr))
      throw conflict("InvalidDstCidrBlock.Duplicated", `${cidr} is already advertised on ${v.id}.`);
    create(ctx, "bgpNetwork", `${v.id}:${cidr}`, { RouterId: v.id, DstCidrBlock: cidr });
    return {};
  },
  DescribeBgpNetworks: (ctx) => {
    const ns = mine(ctx, "bgpNetwork").filter((n) => !opt(ctx, "RouterId") || n.attrs.RouterId === opt(ctx, "RouterId"));
    return paged(ctx, ns, "BgpNetworks", "BgpNetwork", (n) => bgpNetworkView(ctx, n));
  },
  DeleteBgpNetwork: (ctx) => {
    const id = `${req(ctx, "RouterId")}:${req(ctx, "DstCidrBlock")}`;
    mustGet(ctx, "bgpNetwork", id, "InvalidBgpNetwork.NotFound");
    ctx.store.delete(id);
    return {};
  },
};
