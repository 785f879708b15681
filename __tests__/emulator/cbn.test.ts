/**
 * The Cbn product (CEN instances and transit routers): the whole life cycle as the provider
 * drives it (create, poll to the steady status, delete, poll until gone), the busy states it
 * retries, the dependency refusals and the consistency rules, each "fails when" next to the
 * request that passes.
 */
import { seedPhysicalConnection } from "../../emulator/src/products/express";
import { accountUid } from "../../emulator/src/server";
import { harness, VPC } from "./helpers";

const CBN = "2017-09-12";
type Body = Record<string, unknown>;

function world() {
  const h = harness();
  const at = (region: string) => h.as("cbn-main", region);
  const call = (region: string, action: string, params: Record<string, string> = {}, version = CBN) => at(region)(version, action, params);
  const ok = (region: string, action: string, params: Record<string, string> = {}, version = CBN): Body => {
    const r = call(region, action, params, version);
    if (r.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const code = (region: string, action: string, params: Record<string, string>, version = CBN) =>
    call(region, action, params, version).body.Code;
  const settle = () => h.advance(1000);
  const vpc = (region: string, cidr: string) => String(ok(region, "CreateVpc", { CidrBlock: cidr }, VPC).VpcId);
  const vsw = (region: string, vpcId: string, cidr: string, zone: string) =>
    String(ok(region, "CreateVSwitch", { VpcId: vpcId, CidrBlock: cidr, ZoneId: zone }, VPC).VSwitchId);
  return { ...h, call, ok, code, settle, vpc, vsw };
}

/** A CEN with a TR in cn-hangzhou and one in cn-beijing, each with a custom route table; a two-zone VPC in cn-hangzhou. */
function network() {
  const w = world();
  const cen = String(w.ok("cn-hangzhou", "CreateCen", { Name: "hub" }).CenId);
  w.settle();
  const tr = (region: string) => String(w.ok(region, "CreateTransitRouter", { CenId: cen, RegionId: region }).TransitRouterId);
  const hz = tr("cn-hangzhou");
  const bj = tr("cn-beijing");
  w.settle();
  const table = (trId: string) => String(w.ok("", "CreateTransitRouterRouteTable", { TransitRouterId: trId }).TransitRouterRouteTableId);
  const hzTable = table(hz);
  const bjTable = table(bj);
  const vpc = w.vpc("cn-hangzhou", "10.1.0.0/16");
  const swH = w.vsw("cn-hangzhou", vpc, "10.1.1.0/24", "cn-hangzhou-h");
  const swI = w.vsw("cn-hangzhou", vpc, "10.1.2.0/24", "cn-hangzhou-i");
  w.settle();
  const zones = (a: string, za: string, b: string, zb: string) => ({
    "ZoneMappings.1.VSwitchId": a,
    "ZoneMappings.1.ZoneId": za,
    "ZoneMappings.2.VSwitchId": b,
    "ZoneMappings.2.ZoneId": zb,
  });
  const attachVpc = (extra: Record<string, string> = {}) =>
    w.call("cn-hangzhou", "CreateTransitRouterVpcAttachment", {
      CenId: cen,
      TransitRouterId: hz,
      VpcId: vpc,
      ...zones(swH, "cn-hangzhou-h", swI, "cn-hangzhou-i"),
      ...extra,
    });
  const vpcTable = () =>
    String(
      (
        w.ok("cn-hangzhou", "DescribeRouteTableList", { VpcId: vpc }, VPC).RouterTableList as {
          RouterTableListType: { RouteTableId: string }[];
        }
      ).RouterTableListType[0]?.RouteTableId,
    );
  return { ...w, makeVpc: w.vpc, cen, hz, bj, hzTable, bjTable, vpc, swH, swI, zones, attachVpc, vpcTable };
}

const list = (b: Body, field: string) => b[field] as Body[];

describe("Cbn life cycle, as the provider polls it", () => {
  test("CEN, TR and route table go Creating -> Active; the TR brings a system route table of its own", () => {
    const w = world();
    const cen = String(w.ok("cn-hangzhou", "CreateCen", { Name: "x" }).CenId);
    const cens = () => (w.ok("", "DescribeCens", { "Filter.1.Key": "CenId", "Filter.1.Value.1": cen }).Cens as { Cen: Body[] }).Cen;
    expect(cens()[0]?.Status).toBe("Creating");
    w.settle();
    expect(cens()[0]?.Status).toBe("Active");
    const tr = String(w.ok("cn-hangzhou", "CreateTransitRouter", { CenId: cen, RegionId: "cn-hangzhou" }).TransitRouterId);
    const trs = () => list(w.ok("", "ListTransitRouters", { CenId: cen, TransitRouterId: tr, Region_id: "cn-hangzhou" }), "TransitRouters");
    expect(trs()[0]).toMatchObject({ Status: "Creating", Type: "Enterprise", RegionId: "cn-hangzhou" });
    w.settle();
    expect(trs()[0]?.Status).toBe("Active");
    const tables = list(w.ok("", "ListTransitRouterRouteTables", { TransitRouterId: tr }), "TransitRouterRouteTables");
    expect(tables.map((t) => t.TransitRouterRouteTableType)).toEqual(["System"]);
  });

  test("a VPC attachment goes Attaching -> Attached, and Detaching -> gone after its delete", () => {
    const n = network();
    const id = String(n.attachVpc().body.TransitRouterAttachmentId);
    const atts = () =>
      list(
        n.ok("cn-hangzhou", "ListTransitRouterVpcAttachments", { CenId: n.cen, TransitRouterAttachmentId: id, RegionId: "cn-hangzhou" }),
        "TransitRouterAttachments",
      );
    expect(atts()[0]?.Status).toBe("Attaching");
    n.settle();
    expect(atts()[0]).toMatchObject({ Status: "Attached", VpcId: n.vpc, ResourceType: "VPC" });
    n.ok("", "DeleteTransitRouterVpcAttachment", { TransitRouterAttachmentId: id });
    expect(atts()[0]?.Status).toBe("Detaching");
    n.settle();
    expect(atts()).toEqual([]);
  });

  test("association Associating -> Active, propagation Enabling -> Active, route entry Creating -> Active, each leaving on delete", () => {
    const n = network();
    const att = String(n.attachVpc().body.TransitRouterAttachmentId);
    n.settle();
    const pair = { TransitRouterAttachmentId: att, TransitRouterRouteTableId: n.hzTable };
    n.ok("", "AssociateTransitRouterAttachmentWithRouteTable", pair);
    const assoc = () => list(n.ok("", "ListTransitRouterRouteTableAssociations", pair), "TransitRouterAssociations")[0]?.Status;
    expect(assoc()).toBe("Associating");
    n.settle();
    expect(assoc()).toBe("Active");
    n.ok("", "EnableTransitRouterRouteTablePropagation", pair);
    const prop = () => list(n.ok("", "ListTransitRouterRouteTablePropagations", pair), "TransitRouterPropagations")[0]?.Status;
    expect(prop()).toBe("Enabling");
    n.settle();
    expect(prop()).toBe("Active");
    const entry = String(
      n.ok("", "CreateTransitRouterRouteEntry", {
        TransitRouterRouteTableId: n.hzTable,
        TransitRouterRouteEntryDestinationCidrBlock: "192.168.0.0/16",
        TransitRouterRouteEntryNextHopType: "Attachment",
        TransitRouterRouteEntryNextHopId: att,
      }).TransitRouterRouteEntryId,
    );
    const entries = () =>
      list(
        n.ok("", "ListTransitRouterRouteEntries", { TransitRouterRouteTableId: n.hzTable, "TransitRouterRouteEntryIds.1": entry }),
        "TransitRouterRouteEntries",
      );
    expect(entries()[0]?.TransitRouterRouteEntryStatus).toBe("Creating");
    n.settle();
    expect(entries()[0]?.TransitRouterRouteEntryStatus).toBe("Active");
    n.ok("", "DeleteTransitRouterRouteEntry", { TransitRouterRouteEntryId: entry, TransitRouterRouteEntryNextHopType: "Attachment" });
    n.ok("", "DisableTransitRouterRouteTablePropagation", pair);
    expect(prop()).toBe("Disabling");
    n.ok("", "DissociateTransitRouterAttachmentFromRouteTable", pair);
    expect(assoc()).toBe("Dissociating");
    n.settle();
    expect([assoc(), prop(), entries().length]).toEqual([undefined, undefined, 0]);
  });
});

describe("List* token paging", () => {
  test("pages by MaxResults and hands out the next page's NextToken until the last page", () => {
    const n = network();
    for (let i = 0; i < 3; i++) n.ok("", "CreateTransitRouterRouteTable", { TransitRouterId: n.hz });
    const first = n.ok("", "ListTransitRouterRouteTables", { TransitRouterId: n.hz, MaxResults: "3" });
    expect([list(first, "TransitRouterRouteTables").length, first.TotalCount, first.NextToken]).toEqual([3, 5, "3"]);
    const last = n.ok("", "ListTransitRouterRouteTables", { TransitRouterId: n.hz, MaxResults: "3", NextToken: "3" });
    expect([list(last, "TransitRouterRouteTables").length, last.NextToken]).toEqual([2, undefined]);
  });
});

describe("inventory of Cbn records", () => {
  test("names each record with the Terraform type and the composite ID the provider keeps, leaving out the TR's system table", () => {
    const n = network();
    const att = String(n.attachVpc().body.TransitRouterAttachmentId);
    n.settle();
    n.ok("", "AssociateTransitRouterAttachmentWithRouteTable", { TransitRouterAttachmentId: att, TransitRouterRouteTableId: n.hzTable });
    const ids = (type: string) =>
      n.emu
        .inventory()
        .filter((i) => i.terraformType === type)
        .flatMap((i) => i.stateIds)
        .sort();
    expect(ids("alicloud_cen_instance")).toEqual([n.cen]);
    expect(ids("alicloud_cen_transit_router")).toEqual([`${n.cen}:${n.bj}`, `${n.cen}:${n.hz}`].sort());
    expect(ids("alicloud_cen_transit_router_route_table")).toEqual([`${n.bj}:${n.bjTable}`, `${n.hz}:${n.hzTable}`].sort());
    expect(ids("alicloud_cen_transit_router_vpc_attachment")).toEqual([`${n.cen}:${att}`]);
    expect(ids("alicloud_cen_transit_router_route_table_association")).toEqual([`${att}:${n.hzTable}`]);
  });
});

describe("the VPC side of a transit router", () => {
  test("a VPC route may point at an Attached VPC attachment of its VPC (NextHopType Attachment)", () => {
    const n = network();
    const att = String(n.attachVpc().body.TransitRouterAttachmentId);
    const rt = n.vpcTable();
    const route = { RouteTableId: rt, DestinationCidrBlock: "10.9.0.0/16", NextHopType: "Attachment", NextHopId: att };
    expect(n.code("cn-hangzhou", "CreateRouteEntry", route, VPC)).toBe("IncorrectInstanceStatus");
    n.settle();
    expect(n.call("cn-hangzhou", "CreateRouteEntry", route, VPC).status).toBe(200);
  });
});

describe("busy transit routers and connections (the codes the provider retries)", () => {
  test("fails when a second connection is made on a TR while the first is still Attaching (Operation.Blocking), and passes once it is Attached", () => {
    const n = network();
    expect(n.attachVpc().status).toBe(200);
    const other = n.makeVpc("cn-hangzhou", "10.2.0.0/16");
    const a = n.vsw("cn-hangzhou", other, "10.2.1.0/24", "cn-hangzhou-h");
    const b = n.vsw("cn-hangzhou", other, "10.2.2.0/24", "cn-hangzhou-i");
    const second = () => n.attachVpc({ VpcId: other, ...n.zones(a, "cn-hangzhou-h", b, "cn-hangzhou-i") });
    expect(second().body.Code).toBe("Operation.Blocking");
    n.settle();
    expect(second().status).toBe(200);
  });

  test("fails when an association is made while its connection is still Attaching (IncorrectStatus.Status)", () => {
    const n = network();
    const att = String(n.attachVpc().body.TransitRouterAttachmentId);
    const pair = { TransitRouterAttachmentId: att, TransitRouterRouteTableId: n.hzTable };
    expect(n.code("", "AssociateTransitRouterAttachmentWithRouteTable", pair)).toBe("IncorrectStatus.Status");
    n.settle();
    expect(n.call("", "AssociateTransitRouterAttachmentWithRouteTable", pair).status).toBe(200);
  });

  test("fails when a connection is made on a TR that is still Creating (IncorrectStatus.Status)", () => {
    const w = world();
    const cen = String(w.ok("cn-hangzhou", "CreateCen").CenId);
    w.settle();
    const tr = String(w.ok("cn-hangzhou", "CreateTransitRouter", { CenId: cen, RegionId: "cn-hangzhou" }).TransitRouterId);
    expect(w.code("", "CreateTransitRouterRouteTable", { TransitRouterId: tr })).toBe("IncorrectStatus.Status");
    w.settle();
    expect(w.call("", "CreateTransitRouterRouteTable", { TransitRouterId: tr }).status).toBe(200);
  });
});

describe("dependencies on delete", () => {
  test("fails when a TR with a connection, a CEN with a TR, or a route table with an association is deleted", () => {
    const n = network();
    const att = String(n.attachVpc().body.TransitRouterAttachmentId);
    n.settle();
    const pair = { TransitRouterAttachmentId: att, TransitRouterRouteTableId: n.hzTable };
    n.ok("", "AssociateTransitRouterAttachmentWithRouteTable", pair);
    n.settle();
    expect(n.code("", "DeleteTransitRouterRouteTable", { TransitRouterRouteTableId: n.hzTable })).toBe(
      "OperationFailed.RouteTableHasAssociation",
    );
    expect(n.code("", "DeleteTransitRouterVpcAttachment", { TransitRouterAttachmentId: att })).toBe(
      "OperationFailed.RouteTableAssociationExist",
    );
    expect(n.code("cn-hangzhou", "DeleteTransitRouter", { TransitRouterId: n.hz })).toBe("OperationFailed.TransitRouterHasAttachment");
    expect(n.code("", "DeleteCen", { CenId: n.cen })).toBe("OperationFailed.DeleteCenWithTransitRouter");
    expect(n.code("cn-hangzhou", "DeleteVSwitch", { VSwitchId: n.swH }, VPC)).toBe("DependencyViolation.TransitRouterAttachment");
  });

  test("in the order Terraform destroys, everything goes and the emulator holds nothing of it", () => {
    const n = network();
    const att = String(n.attachVpc().body.TransitRouterAttachmentId);
    n.settle();
    const pair = { TransitRouterAttachmentId: att, TransitRouterRouteTableId: n.hzTable };
    n.ok("", "AssociateTransitRouterAttachmentWithRouteTable", pair);
    n.settle();
    n.ok("", "DissociateTransitRouterAttachmentFromRouteTable", pair);
    n.settle();
    n.ok("", "DeleteTransitRouterVpcAttachment", { TransitRouterAttachmentId: att });
    n.settle();
    for (const t of [n.hzTable, n.bjTable]) n.ok("", "DeleteTransitRouterRouteTable", { TransitRouterRouteTableId: t });
    n.settle();
    n.ok("cn-hangzhou", "DeleteTransitRouter", { TransitRouterId: n.hz });
    n.ok("cn-beijing", "DeleteTransitRouter", { TransitRouterId: n.bj });
    // the provider's TR delete does not wait: the CEN delete meets Deleting TRs, and retries
    expect(n.code("", "DeleteCen", { CenId: n.cen })).toBe("Operation.Blocking");
    n.settle();
    n.ok("", "DeleteCen", { CenId: n.cen });
    n.settle();
    n.ok("", "DescribeCens");
    expect(n.emu.inventory().filter((i) => i.terraformType.startsWith("alicloud_cen"))).toEqual([]);
  });
});

describe("consistency rules: VPC attachments", () => {
  test("fails when a zone mapping's vSwitch belongs to another VPC", () => {
    const n = network();
    const other = n.makeVpc("cn-hangzhou", "10.2.0.0/16");
    const foreign = n.vsw("cn-hangzhou", other, "10.2.1.0/24", "cn-hangzhou-i");
    expect(n.attachVpc(n.zones(n.swH, "cn-hangzhou-h", foreign, "cn-hangzhou-i")).body.Code).toBe("IllegalParam.ZoneMappings");
  });

  test("fails when a zone mapping names a zone its vSwitch is not in", () => {
    const n = network();
    expect(n.attachVpc(n.zones(n.swH, "cn-hangzhou-h", n.swI, "cn-hangzhou-j")).body.Code).toBe("IllegalParam.ZoneMappings");
  });

  test("fails when a VPC attachment in a multi-zone TR region spans one zone", () => {
    const n = network();
    const oneZone = { "ZoneMappings.1.VSwitchId": n.swH, "ZoneMappings.1.ZoneId": "cn-hangzhou-h" };
    const request = { CenId: n.cen, TransitRouterId: n.hz, VpcId: n.vpc, ...oneZone };
    expect(n.code("cn-hangzhou", "CreateTransitRouterVpcAttachment", request)).toBe("IllegalParam.ZoneMappings");
  });
});

describe("consistency rules: transit routers and route tables", () => {
  test("fails when a second TR is made in one region of one CEN", () => {
    const n = network();
    expect(n.code("cn-hangzhou", "CreateTransitRouter", { CenId: n.cen, RegionId: "cn-hangzhou" })).toBe("QuotaExceeded.TransitRouter");
    expect(n.call("cn-shanghai", "CreateTransitRouter", { CenId: n.cen, RegionId: "cn-shanghai" }).status).toBe(200);
  });

  test("fails when an association, a propagation or a static route uses a route table of another TR", () => {
    const n = network();
    const att = String(n.attachVpc().body.TransitRouterAttachmentId);
    n.settle();
    const foreign = { TransitRouterAttachmentId: att, TransitRouterRouteTableId: n.bjTable };
    expect(n.code("", "AssociateTransitRouterAttachmentWithRouteTable", foreign)).toBe("IllegalParam.TransitRouterRouteTableId");
    expect(n.code("", "EnableTransitRouterRouteTablePropagation", foreign)).toBe("IllegalParam.TransitRouterRouteTableId");
    const route = {
      TransitRouterRouteTableId: n.bjTable,
      TransitRouterRouteEntryDestinationCidrBlock: "192.168.0.0/16",
      TransitRouterRouteEntryNextHopType: "Attachment",
      TransitRouterRouteEntryNextHopId: att,
    };
    expect(n.code("", "CreateTransitRouterRouteEntry", route)).toBe("IllegalParam.NextHopId");
    expect(n.call("", "CreateTransitRouterRouteEntry", { ...route, TransitRouterRouteTableId: n.hzTable }).status).toBe(200);
  });

  test("fails when a connection is associated twice on one TR", () => {
    const n = network();
    const att = String(n.attachVpc().body.TransitRouterAttachmentId);
    const second = String(n.ok("", "CreateTransitRouterRouteTable", { TransitRouterId: n.hz }).TransitRouterRouteTableId);
    n.settle();
    n.ok("", "AssociateTransitRouterAttachmentWithRouteTable", { TransitRouterAttachmentId: att, TransitRouterRouteTableId: n.hzTable });
    n.settle();
    expect(
      n.code("", "AssociateTransitRouterAttachmentWithRouteTable", { TransitRouterAttachmentId: att, TransitRouterRouteTableId: second }),
    ).toBe("OperationFailed.AttachmentAlreadyAssociated");
  });
});

describe("consistency rules: peer attachments", () => {
  test("a peer attachment is associated on each of its two TRs; fails when its peer TR is in another region than named, or in another CEN", () => {
    const n = network();
    const peer = (extra: Record<string, string> = {}) =>
      n.call("cn-hangzhou", "CreateTransitRouterPeerAttachment", {
        CenId: n.cen,
        TransitRouterId: n.hz,
        PeerTransitRouterId: n.bj,
        PeerTransitRouterRegionId: "cn-beijing",
        Bandwidth: "10",
        BandwidthType: "DataTransfer",
        ResourceType: "TR",
        ...extra,
      });
    expect(peer({ PeerTransitRouterRegionId: "cn-shanghai" }).body.Code).toBe("IllegalParam.PeerTransitRouter");
    const cen2 = String(n.ok("cn-hangzhou", "CreateCen").CenId);
    n.settle();
    const far = String(n.ok("cn-shanghai", "CreateTransitRouter", { CenId: cen2, RegionId: "cn-shanghai" }).TransitRouterId);
    n.settle();
    expect(peer({ PeerTransitRouterId: far, PeerTransitRouterRegionId: "cn-shanghai" }).body.Code).toBe("IllegalParam.PeerTransitRouter");
    const att = String(peer().body.TransitRouterAttachmentId);
    n.settle();
    for (const table of [n.hzTable, n.bjTable]) {
      n.settle();
      expect(
        n.call("", "AssociateTransitRouterAttachmentWithRouteTable", { TransitRouterAttachmentId: att, TransitRouterRouteTableId: table })
          .status,
      ).toBe(200);
    }
  });
});

describe("consistency rules: VPC routes and VBRs", () => {
  test("fails when a VPC route's Attachment next hop is a VPC attachment of another VPC", () => {
    const n = network();
    const other = n.makeVpc("cn-hangzhou", "10.2.0.0/16");
    const a = n.vsw("cn-hangzhou", other, "10.2.1.0/24", "cn-hangzhou-h");
    const b = n.vsw("cn-hangzhou", other, "10.2.2.0/24", "cn-hangzhou-i");
    const att = String(n.attachVpc({ VpcId: other, ...n.zones(a, "cn-hangzhou-h", b, "cn-hangzhou-i") }).body.TransitRouterAttachmentId);
    n.settle();
    const route = { RouteTableId: n.vpcTable(), DestinationCidrBlock: "10.9.0.0/16", NextHopType: "Attachment", NextHopId: att };
    expect(n.code("cn-hangzhou", "CreateRouteEntry", route, VPC)).toBe("InvalidNextHop.NotInVpc");
  });

  test("a VBR attaches to the TR of its region", () => {
    const n = network();
    seedPhysicalConnection(n.emu.store, accountUid("cbn-main"), "cn-beijing", "pc-cbn", "ap-cn-beijing-fixture");
    const vbr = String(
      n.ok(
        "cn-beijing",
        "CreateVirtualBorderRouter",
        {
          PhysicalConnectionId: "pc-cbn",
          VlanId: "100",
          LocalGatewayIp: "10.255.0.1",
          PeerGatewayIp: "10.255.0.2",
          PeeringSubnetMask: "255.255.255.252",
        },
        VPC,
      ).VbrId,
    );
    const att = n.call("cn-beijing", "CreateTransitRouterVbrAttachment", {
      CenId: n.cen,
      TransitRouterId: n.bj,
      VbrId: vbr,
      ResourceType: "VBR",
      AutoPublishRouteEnabled: "true",
    });
    expect(att.status).toBe(200);
    n.settle();
    const listed = list(
      n.ok("cn-beijing", "ListTransitRouterVbrAttachments", {
        CenId: n.cen,
        TransitRouterAttachmentId: String(att.body.TransitRouterAttachmentId),
        RegionId: "cn-beijing",
      }),
      "TransitRouterAttachments",
    );
    expect(listed[0]).toMatchObject({ Status: "Attached", VbrId: vbr, AutoPublishRouteEnabled: true });
    expect(n.code("cn-beijing", "DeleteVirtualBorderRouter", { VbrId: vbr }, VPC)).toBe("DependencyViolation.TransitRouterAttachment");
  });

  test("fails when a request carries a parameter outside the Cbn SDK request model", () => {
    const w = world();
    expect(w.code("cn-hangzhou", "CreateCen", { Name: "x", Bogus: "1" })).toBe("Emulator.UnknownParameter");
  });
});

describe("VBR health checks (alicloud_cen_vbr_health_check)", () => {
  /** The seed data center's VBR in cn-beijing on two lines, each attached to the Beijing TR. */
  function lines() {
    const n = network();
    const owner = accountUid("cbn-main");
    const vbr = (pc: string, vlan: string, subnet: string) => {
      seedPhysicalConnection(n.emu.store, owner, "cn-beijing", pc, `ap-${pc}`);
      const params = {
        PhysicalConnectionId: pc,
        VlanId: vlan,
        LocalGatewayIp: `${subnet}.1`,
        PeerGatewayIp: `${subnet}.2`,
        PeeringSubnetMask: "255.255.255.252",
      };
      return String(n.ok("cn-beijing", "CreateVirtualBorderRouter", params, VPC).VbrId);
    };
    const [v1, v2] = [vbr("pc-line-1", "100", "10.255.0"), vbr("pc-line-2", "200", "10.255.1")];
    const attach = (v: string) =>
      n.call("cn-beijing", "CreateTransitRouterVbrAttachment", { CenId: n.cen, TransitRouterId: n.bj, VbrId: v, ResourceType: "VBR" });
    const check = (v: string, extra: Record<string, string> = {}) =>
      n.call("cn-beijing", "EnableCenVbrHealthCheck", {
        CenId: n.cen,
        VbrInstanceId: v,
        VbrInstanceRegionId: "cn-beijing",
        HealthCheckTargetIp: "10.100.0.1",
        ...extra,
      });
    return { ...n, v1, v2, attach, check };
  }

  test("each line's VBR, once attached, gets its health check, described with the documented defaults", () => {
    const n = lines();
    // one connection of a TR at a time (a second one while the first is Attaching answers Operation.Blocking)
    for (const v of [n.v1, n.v2]) {
      expect(n.attach(v).status).toBe(200);
      n.settle();
    }
    expect(n.check(n.v1).status).toBe(200);
    expect(n.check(n.v2, { HealthCheckSourceIp: "10.255.1.1", HealthCheckInterval: "3", HealthyThreshold: "3" }).status).toBe(200);
    const described = (v: string) =>
      (
        n.ok("cn-beijing", "DescribeCenVbrHealthCheck", { VbrInstanceId: v, VbrInstanceRegionId: "cn-beijing" }).VbrHealthChecks as {
          VbrHealthCheck: Body[];
        }
      ).VbrHealthCheck;
    expect(described(n.v1)).toEqual([
      expect.objectContaining({
        CenId: n.cen,
        VbrInstanceId: n.v1,
        HealthCheckTargetIp: "10.100.0.1",
        HealthCheckInterval: 2,
        HealthyThreshold: 8,
      }),
    ]);
    expect(described(n.v2)[0]).toMatchObject({ HealthCheckSourceIp: "10.255.1.1", HealthCheckInterval: 3, HealthyThreshold: 3 });
    expect(
      n.call("cn-beijing", "DisableCenVbrHealthCheck", { CenId: n.cen, VbrInstanceId: n.v1, VbrInstanceRegionId: "cn-beijing" }).status,
    ).toBe(200);
    expect(described(n.v1)).toEqual([]);
  });

  test("fails when the VBR is not attached to the CEN (the provider retries it until the attachment is Attached)", () => {
    const n = lines();
    expect(n.check(n.v1).body.Code).toBe("InvalidOperation.VbrNotAttachedToCen");
    n.attach(n.v1);
    expect(n.check(n.v1).body.Code).toBe("InvalidOperation.VbrNotAttachedToCen");
    n.settle();
    expect(n.check(n.v1).status).toBe(200);
  });

  test("fails when the interval or the threshold is outside the documented range", () => {
    const n = lines();
    n.attach(n.v1);
    n.settle();
    expect(n.check(n.v1, { HealthCheckInterval: "5" }).body.Code).toBe("InvalidParameter");
    expect(n.check(n.v1, { HealthyThreshold: "2" }).body.Code).toBe("InvalidParameter");
  });
});
