/**
 * VPC product (API 2016-04-28), Express Connect: physical connections (fixtures: a leased
 * line exists before any stack), virtual border routers, router interfaces and their
 * connection, BGP groups, peers and networks. Shapes are checked against `@alicloud/vpc20160428`.
 */
import { ApiError, notFound } from "../errors";
import type { Resource } from "../state";
import { conflict, create, flatList, isoNow, mine, mustGet, newId, opt, page, req, status, type Ctx, type Handler } from "./context";

/** `Filter.N.Key` / `Filter.N.Value.M` as a lookup. */
function filters(ctx: Ctx): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of flatList(ctx, "Filter")) {
    const key = f.Key;
    if (!key) continue;
    const values = Object.entries(f)
      .filter(([k]) => /^Value(\.\d+)?$/.test(k))
      .map(([, v]) => v);
    out.set(key, values);
  }
  return out;
}

/**
 * Router interface status (DescribeRouterInterfaces doc, Status): Idle after creation;
 * Connecting then Active after ConnectRouterInterface; Deactivating then Inactive; Activating
 * then Active. A transitional status settles after the emulator's transition time.
 */
function riStatus(ctx: Ctx, r: Resource): string {
  const s = String(r.attrs.Status);
  if ((s === "Connecting" || s === "Activating" || s === "Deactivating") && ctx.now >= r.readyAt) {
    r.attrs.Status = s === "Deactivating" ? "Inactive" : "Active";
    if (!r.attrs.ConnectedTime) r.attrs.ConnectedTime = isoNow(ctx);
  }
  return String(r.attrs.Status);
}

function transition(ctx: Ctx, r: Resource, s: string): void {
  r.attrs.Status = s;
  r.readyAt = ctx.now + ctx.transitionMs;
}

function ri(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "routerInterface", id, "InvalidRouterInterfaceId.NotFound");
}

/** Any account's router interface by ID (the opposite side may live in another region). */
function riAnywhere(id: string, ctx: Ctx): Resource | undefined {
  const r = ctx.store.get(id);
  return r && r.kind === "routerInterface" ? r : undefined;
}

function riView(ctx: Ctx, r: Resource): Record<string, unknown> {
  const opp = riAnywhere(String(r.attrs.OppositeInterfaceId ?? ""), ctx);
  return {
    RouterInterfaceId: r.id,
    Name: r.attrs.Name,
    Description: r.attrs.Description,
    Role: r.attrs.Role,
    RouterType: r.attrs.RouterType,
    RouterId: r.attrs.RouterId,
    VpcInstanceId: r.attrs.VpcInstanceId,
    Spec: r.attrs.Spec,
    Status: riStatus(ctx, r),
    BusinessStatus: "Normal",
    ChargeType: "AfterPay",
    CreationTime: r.attrs.CreationTime,
    ConnectedTime: r.attrs.ConnectedTime ?? "",
    EndTime: "",
    CrossBorder: false,
    AccessPointId: r.attrs.AccessPointId ?? "",
    OppositeAccessPointId: r.attrs.OppositeAccessPointId ?? "",
    OppositeRegionId: r.attrs.OppositeRegionId,
    OppositeRouterType: r.attrs.OppositeRouterType ?? "",
    OppositeRouterId: r.attrs.OppositeRouterId ?? "",
    // Once the pair is connected the API reports the opposite side's ID and owner, whether or
    // not the caller set them (DescribeRouterInterfaces doc); the constructs ignore changes to
    // them, or every plan would show a change
    OppositeInterfaceId: r.attrs.OppositeInterfaceId ?? "",
    OppositeInterfaceOwnerId: r.attrs.OppositeInterfaceOwnerId ?? "",
    OppositeInterfaceSpec: opp?.attrs.Spec ?? "",
    OppositeInterfaceStatus: opp ? riStatus(ctx, opp) : "",
    OppositeInterfaceBusinessStatus: opp ? "Normal" : "",
    OppositeVpcInstanceId: opp?.attrs.VpcInstanceId ?? "",
    OppositeBandwidth: 0,
    Bandwidth: r.attrs.Bandwidth ?? 0,
    // Health-check defaults the API fills in: HcRate 2000 ms, HcThreshold 8 (CreateRouterInterface /
    // ModifyRouterInterfaceAttribute docs)
    HcRate: r.attrs.HcRate ?? 2000,
    HcThreshold: r.attrs.HcThreshold ?? 8,
    HealthCheckSourceIp: r.attrs.HealthCheckSourceIp ?? "",
    HealthCheckTargetIp: r.attrs.HealthCheckTargetIp ?? "",
    HasReservationData: "false",
    ReservationActiveTime: "",
    ReservationBandwidth: "",
    ReservationInternetChargeType: "",
    ReservationOrderType: "",
    ResourceGroupId: "rg-emu-default",
    Tags: { Tags: [] },
  };
}

function vbr(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "vbr", id, "InvalidVbrId.NotFound");
}

function routerOf(ctx: Ctx, type: string, id: string): Resource | undefined {
  if (type === "VBR") return mine(ctx, "vbr").find((v) => v.id === id);
  return ctx.store.all("vpc").find((v) => v.attrs.VRouterId === id);
}

const handlers: Record<string, Handler> = {
  DescribePhysicalConnections: (ctx) => {
    const ids = filters(ctx).get("PhysicalConnectionId");
    const ps = mine(ctx, "physicalConnection").filter((p) => !ids || ids.includes(p.id));
    const pg = page(ctx, ps);
    return {
      PhysicalConnectionSet: {
        PhysicalConnectionType: pg.items.map((p) => ({
          PhysicalConnectionId: p.id,
          AccessPointId: p.attrs.AccessPointId,
          Status: "Enabled",
          BusinessStatus: "Normal",
          Name: p.attrs.Name,
          Type: "VPC",
          Spec: "1G",
          LineOperator: "CT",
          PortType: "1000Base-LX",
          Bandwidth: 1000,
          CreationTime: p.attrs.CreationTime,
          VirtualPhysicalConnectionCount: 0,
        })),
      },
      PageNumber: pg.PageNumber,
      PageSize: pg.PageSize,
      TotalCount: pg.TotalCount,
    };
  },
  CreateVirtualBorderRouter: (ctx) => {
    const pcId = req(ctx, "PhysicalConnectionId");
    const pc = mustGet(ctx, "physicalConnection", pcId, "InvalidPhysicalConnectionId.NotFound");
    const vlan = Number(req(ctx, "VlanId"));
    // CreateVirtualBorderRouter doc: VlanId 0-2999, unique per physical connection
    if (!Number.isInteger(vlan) || vlan < 0 || vlan > 2999)
      throw new ApiError(400, "InvalidVlanId.Malformed", `VlanId ${vlan} is out of range (0-2999).`);
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
    // a VBR has its own route table (DescribeVirtualBorderRouters doc, RouteTableId)
    ctx.store.put({
      kind: "routeTable",
      id: rt,
      owner: ctx.account,
      region: ctx.region,
      readyAt: ctx.now,
      tags: {},
      attrs: {
        VpcId: "",
        VbrId: id,
        VRouterId: id,
        RouteTableType: "System",
        CreationTime: isoNow(ctx),
        ResourceGroupId: "rg-emu-default",
        RouteTableName: "",
      },
    });
    return { VbrId: id };
  },
  DescribeVirtualBorderRouters: (ctx) => {
    const ids = filters(ctx).get("VbrId");
    const vs = mine(ctx, "vbr").filter((v) => !ids || ids.includes(v.id));
    const pg = page(ctx, vs);
    return {
      VirtualBorderRouterSet: {
        VirtualBorderRouterType: pg.items.map((v) => ({
          VbrId: v.id,
          Name: v.attrs.Name,
          Description: v.attrs.Description,
          PhysicalConnectionId: v.attrs.PhysicalConnectionId,
          AccessPointId: v.attrs.AccessPointId,
          VlanId: v.attrs.VlanId,
          VlanInterfaceId: v.attrs.VlanInterfaceId,
          LocalGatewayIp: v.attrs.LocalGatewayIp,
          PeerGatewayIp: v.attrs.PeerGatewayIp,
          PeeringSubnetMask: v.attrs.PeeringSubnetMask,
          CircuitCode: v.attrs.CircuitCode,
          Bandwidth: v.attrs.Bandwidth,
          RouteTableId: v.attrs.RouteTableId,
          DetectMultiplier: v.attrs.DetectMultiplier,
          MinRxInterval: v.attrs.MinRxInterval,
          MinTxInterval: v.attrs.MinTxInterval,
          CreationTime: v.attrs.CreationTime,
          ActivationTime: v.attrs.CreationTime,
          EnableIpv6: false,
          Type: "pconnVBR",
          PhysicalConnectionOwnerUid: v.owner,
          PhysicalConnectionStatus: "Enabled",
          PhysicalConnectionBusinessStatus: "Normal",
          ResourceGroupId: "rg-emu-default",
          // CreateVirtualBorderRouter is asynchronous: pending, then active (DescribeVirtualBorderRouters doc, Status)
          Status: status(ctx, v, "pending", String(v.attrs.State ?? "active")),
          AssociatedPhysicalConnections: { AssociatedPhysicalConnection: [] },
          AssociatedCens: { AssociatedCen: [] },
          Tags: { Tags: [] },
        })),
      },
      PageNumber: pg.PageNumber,
      PageSize: pg.PageSize,
      TotalCount: pg.TotalCount,
    };
  },
  ModifyVirtualBorderRouterAttribute: (ctx) => {
    const v = vbr(ctx, req(ctx, "VbrId"));
    for (const k of ["Name", "Description", "LocalGatewayIp", "PeerGatewayIp", "PeeringSubnetMask", "CircuitCode"])
      if (opt(ctx, k) !== undefined) v.attrs[k] = opt(ctx, k);
    for (const k of ["DetectMultiplier", "MinRxInterval", "MinTxInterval", "VlanId", "Bandwidth"])
      if (opt(ctx, k) !== undefined) v.attrs[k] = Number(opt(ctx, k));
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
    for (const e of mine(ctx, "routeEntry").filter((x) => x.attrs.RouteTableId === v.attrs.RouteTableId)) ctx.store.delete(e.id);
    ctx.store.delete(String(v.attrs.RouteTableId));
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
      throw new ApiError(400, "InvalidRole.Malformed", `Role "${role}": allowed: InitiatingSide, AcceptingSide`);
    // CreateRouterInterface doc: a VBR-side interface must be the initiator, and interfaces
    // facing a VBR need the access point (OppositeAccessPointId)
    if (routerType === "VBR" && role !== "InitiatingSide")
      throw new ApiError(400, "InvalidRole.Malformed", "An interface on a VBR must be InitiatingSide.");
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
    const pg = page(ctx, rs);
    return {
      RouterInterfaceSet: { RouterInterfaceType: pg.items.map((r) => riView(ctx, r)) },
      PageNumber: pg.PageNumber,
      PageSize: pg.PageSize,
      TotalCount: pg.TotalCount,
    };
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
    for (const k of [
      "Name",
      "Description",
      "OppositeInterfaceId",
      "OppositeInterfaceOwnerId",
      "OppositeRouterId",
      "OppositeRouterType",
      "HealthCheckSourceIp",
      "HealthCheckTargetIp",
    ])
      if (opt(ctx, k) !== undefined) r.attrs[k] = opt(ctx, k);
    for (const k of ["HcRate", "HcThreshold"]) if (opt(ctx, k) !== undefined) r.attrs[k] = Number(opt(ctx, k));
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
    const pg = page(ctx, gs);
    return {
      BgpGroups: {
        BgpGroup: pg.items.map((g) => ({
          BgpGroupId: g.id,
          RouterId: g.attrs.RouterId,
          Name: g.attrs.Name,
          Description: g.attrs.Description,
          PeerAsn: String(g.attrs.PeerAsn),
          LocalAsn: String(g.attrs.LocalAsn),
          AuthKey: g.attrs.AuthKey,
          IsFake: String(g.attrs.IsFake),
          IpVersion: "IPV4",
          Hold: "180",
          Keepalive: "60",
          RouteLimit: "110",
          RegionId: g.region,
          Status: status(ctx, g, "Pending", "Available"),
        })),
      },
      PageNumber: pg.PageNumber,
      PageSize: pg.PageSize,
      TotalCount: pg.TotalCount,
    };
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
    const pg = page(ctx, ps);
    return {
      BgpPeers: {
        BgpPeer: pg.items.map((p) => {
          const g = ctx.store.get(String(p.attrs.BgpGroupId));
          return {
            BgpPeerId: p.id,
            BgpGroupId: p.attrs.BgpGroupId,
            RouterId: p.attrs.RouterId,
            PeerIpAddress: p.attrs.PeerIpAddress,
            EnableBfd: p.attrs.EnableBfd,
            BfdMultiHop: p.attrs.BfdMultiHop === "" ? undefined : Number(p.attrs.BfdMultiHop),
            IpVersion: p.attrs.IpVersion,
            Name: "",
            Description: "",
            PeerAsn: String(g?.attrs.PeerAsn ?? ""),
            LocalAsn: String(g?.attrs.LocalAsn ?? ""),
            AuthKey: String(g?.attrs.AuthKey ?? ""),
            IsFake: false,
            Hold: "180",
            Keepalive: "60",
            RouteLimit: "110",
            BgpStatus: "Established",
            AdvertisedRouteCount: 0,
            ReceivedRouteCount: 0,
            RegionId: p.region,
            GmtModified: "",
            Status: status(ctx, p, "Pending", "Available"),
          };
        }),
      },
      PageNumber: pg.PageNumber,
      PageSize: pg.PageSize,
      TotalCount: pg.TotalCount,
    };
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
    const pg = page(ctx, ns);
    return {
      BgpNetworks: {
        BgpNetwork: pg.items.map((n) => ({
          RouterId: n.attrs.RouterId,
          DstCidrBlock: n.attrs.DstCidrBlock,
          VpcId: "",
          Status: status(ctx, n, "Pending", "Available"),
        })),
      },
      PageNumber: pg.PageNumber,
      PageSize: pg.PageSize,
      TotalCount: pg.TotalCount,
    };
  },
  DeleteBgpNetwork: (ctx) => {
    const id = `${req(ctx, "RouterId")}:${req(ctx, "DstCidrBlock")}`;
    mustGet(ctx, "bgpNetwork", id, "InvalidBgpNetwork.NotFound");
    ctx.store.delete(id);
    return {};
  },
};

export default handlers;

/** A leased line that exists before any stack (the fixture an e2e run seeds for each VBR's physical_connection_id). */
export function seedPhysicalConnection(
  store: import("../state").Store,
  owner: string,
  region: string,
  id: string,
  accessPointId: string,
): void {
  store.put({
    kind: "physicalConnection",
    id,
    owner,
    region,
    readyAt: 0,
    tags: {},
    attrs: { AccessPointId: accessPointId, Name: `fixture ${id}`, CreationTime: "2020-01-01T00:00:00Z", Fixture: true },
  });
}
