/** The TR reader: attachments found by reference (never by name), each with its TRs and what it attaches. */
import { trStack } from "../fixtures/transit-router";
import { TfStack, TransitRouterReader } from "../../lib/tfjson";

describe("TransitRouterReader", () => {
  const hub = new TransitRouterReader(new TfStack(trStack("multinational-hub")));
  const idc = new TransitRouterReader(new TfStack(trStack("idc-leased-line")));
  const US_TR = "alicloud_cen_transit_router.Network_Links_UsCn_Routers_UsEast1";
  const CN_TR = "alicloud_cen_transit_router.Network_Links_UsCn_Routers_CnShanghai";

  it("finds an attachment from any reference to it, with its TRs and the instance it attaches", () => {
    const peer = hub.attachment(
      "${alicloud_cen_transit_router_peer_attachment.Network_Links_UsCn_PeerAttachments_UsEast1CnShanghai.transit_router_attachment_id}",
    );
    expect(peer).toMatchObject({ kind: "peer", router: US_TR, peerRouter: CN_TR });
    expect(hub.label(peer!)).toBe("peer attachment us-cn-us-east-1 <-> us-cn-cn-shanghai");
    const vpc = hub.attachment("${alicloud_cen_transit_router_vpc_attachment.Network_Links_UsCn_VpcAttachments_CnVpc.id}");
    expect(vpc).toMatchObject({ kind: "vpc", router: CN_TR });
    expect(vpc!.instance!.address).toBe("alicloud_vpc.Network_Vpcs_CnVpc_A32D7FA4");
    expect(hub.label(vpc!)).toBe("VPC attachment cn-vpc");
    const vbr = idc.allAttachments().find((a) => a.kind === "vbr")!;
    expect(idc.label(vbr)).toBe("VBR attachment beijing-idc");
  });

  it("resolves associations and propagations to an attachment and a table", () => {
    expect(hub.associations()).toHaveLength(4);
    for (const b of [...hub.associations(), ...hub.propagations()]) {
      expect(b.attachment).toBeDefined();
      expect(b.table).toMatch(/^alicloud_cen_transit_router_route_table\./);
    }
    expect(hub.routeEntries().map((e) => hub.entryTable(e))).not.toContain(undefined);
  });

  it("fails to find an attachment for a reference to something else, or to nothing", () => {
    expect(hub.attachment("${alicloud_vpc.Network_Vpcs_CnVpc_A32D7FA4.id}")).toBeUndefined();
    expect(hub.attachment("tr-attach-literal")).toBeUndefined();
    expect(hub.routerName("alicloud_cen_transit_router.Missing")).toBe("an unknown TR");
    expect(new TransitRouterReader(new TfStack({})).hasAny()).toBe(false);
    expect(hub.hasAny()).toBe(true);
  });
});
