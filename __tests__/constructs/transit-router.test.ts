import { TerraformStack } from "cdktf";
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { HybridNetwork } from "../../lib/constructs/hybrid-network";
import { ProviderMatrix } from "../../lib/constructs/providers";
import {
  TransitRouterNetwork,
  TransitRouterPeerAttachment,
  TransitRouterRoutes,
  TransitRouterVpcAttachment,
} from "../../lib/constructs/transit-router";
import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { Topology } from "../../lib/topology";
import {
  aliasedProvider,
  allResources,
  Block,
  findOne,
  newStack,
  only,
  providerRef,
  ref,
  resourceCounts,
  resources,
  synthJson,
  TfJson,
} from "./tf-json";

function build(topology: Topology, stack: TerraformStack = newStack()): { net: HybridNetwork; tf: TfJson } {
  const providers = new ProviderMatrix(stack, "Providers", { topology });
  const net = new HybridNetwork(stack, "Network", { topology, providers });
  return { net, tf: synthJson(stack) };
}

const key = (tf: TfJson, type: string, pred: (b: Block) => boolean) => findOne(tf, type, pred).key;
const vpcKey = (tf: TfJson, name: string) => key(tf, "alicloud_vpc", (b) => b.vpc_name === name);
const trKey = (tf: TfJson, region: string) => key(tf, "alicloud_cen_transit_router", (b) => b.provider === providerRef("main", region));
const tableKey = (tf: TfJson, region: string) =>
  key(
    tf,
    "alicloud_cen_transit_router_route_table",
    (b) => b.transit_router_id === ref("alicloud_cen_transit_router", trKey(tf, region), "transit_router_id"),
  );
const attachmentOf = (tf: TfJson, vpc: string) =>
  findOne(tf, "alicloud_cen_transit_router_vpc_attachment", (b) => b.vpc_id === ref("alicloud_vpc", vpcKey(tf, vpc), "id"));
const attachmentRef = (type: string, k: string) => ref(type, k, "transit_router_attachment_id");
const routerInterfaceTypes = (tf: TfJson) => Object.keys(tf.resource ?? {}).filter((t) => /router_interface/.test(t));

describe("HybridNetwork on transit routers: the hub (HUB_INTERCONNECT=transit-router)", () => {
  const { tf } = build(multinationalHub("transit-router"));

  test("one CEN instance named after the link, through the first VPC's region's provider", () => {
    const cen = only(tf, "alicloud_cen_instance");
    expect(cen.body.cen_instance_name).toBe("us-cn");
    expect(cen.body.provider).toBe(providerRef("main", "us-east-1"));
  });

  test("one TR per region on the CEN instance, each with its route table, each through its region's provider", () => {
    const cen = only(tf, "alicloud_cen_instance").key;
    const trs = Object.values(resources(tf, "alicloud_cen_transit_router"));
    expect(trs.map((b) => b.provider).sort()).toEqual([providerRef("main", "cn-shanghai"), providerRef("main", "us-east-1")]);
    for (const b of trs) expect(b.cen_id).toBe(ref("alicloud_cen_instance", cen, "id"));
    for (const region of ["us-east-1", "cn-shanghai"]) expect(tableKey(tf, region)).toBeTruthy();
  });

  test("each VPC attached to its region's TR with two zones' vSwitches and auto-publish off", () => {
    const cn = attachmentOf(tf, "cn-vpc").body;
    expect(cn.transit_router_id).toBe(ref("alicloud_cen_transit_router", trKey(tf, "cn-shanghai"), "transit_router_id"));
    expect(cn.auto_publish_route_enabled).toBe(false);
    const vsw = (name: string) =>
      ref(
        "alicloud_vswitch",
        key(tf, "alicloud_vswitch", (b) => b.vswitch_name === name),
        "id",
      );
    expect(cn.zone_mappings).toEqual([
      { vswitch_id: vsw("cn-vpc-sh-e"), zone_id: "cn-shanghai-e" },
      { vswitch_id: vsw("cn-vpc-sh-f"), zone_id: "cn-shanghai-f" },
    ]);
  });

  test("one DataTransfer peer attachment, created on the first-listed region's TR, associated on both sides", () => {
    const peer = only(tf, "alicloud_cen_transit_router_peer_attachment");
    expect(peer.body).toMatchObject({
      transit_router_id: ref("alicloud_cen_transit_router", trKey(tf, "us-east-1"), "transit_router_id"),
      peer_transit_router_id: ref("alicloud_cen_transit_router", trKey(tf, "cn-shanghai"), "transit_router_id"),
      peer_transit_router_region_id: "cn-shanghai",
      bandwidth: 10,
      bandwidth_type: "DataTransfer",
      auto_publish_route_enabled: false,
    });
    const assoc = Object.values(resources(tf, "alicloud_cen_transit_router_route_table_association")).filter(
      (b) => b.transit_router_attachment_id === attachmentRef("alicloud_cen_transit_router_peer_attachment", peer.key),
    );
    expect(assoc.map((b) => b.transit_router_route_table_id).sort()).toEqual(
      [tableKey(tf, "us-east-1"), tableKey(tf, "cn-shanghai")]
        .map((k) => ref("alicloud_cen_transit_router_route_table", k, "transit_router_route_table_id"))
        .sort(),
    );
    const propagated = Object.values(resources(tf, "alicloud_cen_transit_router_route_table_propagation")).map(
      (b) => b.transit_router_attachment_id,
    );
    expect(propagated).not.toContain(attachmentRef("alicloud_cen_transit_router_peer_attachment", peer.key));
  });

  test("each VPC attachment is associated with and propagates into its own TR's table", () => {
    for (const [vpc, region] of [
      ["us-vpc", "us-east-1"],
      ["cn-vpc", "cn-shanghai"],
    ] as const) {
      const a = attachmentRef("alicloud_cen_transit_router_vpc_attachment", attachmentOf(tf, vpc).key);
      const table = ref("alicloud_cen_transit_router_route_table", tableKey(tf, region), "transit_router_route_table_id");
      for (const type of ["alicloud_cen_transit_router_route_table_association", "alicloud_cen_transit_router_route_table_propagation"]) {
        expect(findOne(tf, type, (b) => b.transit_router_attachment_id === a).body.transit_router_route_table_id).toBe(table);
      }
    }
  });

  test("VPC routes towards the other VPC and its offices point at the VPC's own attachment", () => {
    const us = ref("alicloud_vpc", vpcKey(tf, "us-vpc"), "route_table_id");
    const entries = Object.values(resources(tf, "alicloud_route_entry")).filter(
      (b) => b.route_table_id === us && b.nexthop_type === "Attachment",
    );
    expect(entries.map((b) => b.destination_cidrblock).sort()).toEqual(["10.20.10.0/24", "10.20.20.0/24", "172.17.0.0/16"]);
    const own = attachmentRef("alicloud_cen_transit_router_vpc_attachment", attachmentOf(tf, "us-vpc").key);
    for (const b of entries) expect(b.nexthop_id).toBe(own);
  });

  test("static TR routes: offices behind the VPC's gateway via its attachment, the other region via the peer; no propagated block", () => {
    const table = ref("alicloud_cen_transit_router_route_table", tableKey(tf, "cn-shanghai"), "transit_router_route_table_id");
    const entries = Object.values(resources(tf, "alicloud_cen_transit_router_route_entry")).filter(
      (b) => b.transit_router_route_table_id === table,
    );
    const byDest = Object.fromEntries(
      entries.map((b) => [b.transit_router_route_entry_destination_cidr_block, b.transit_router_route_entry_next_hop_id]),
    );
    const cn = attachmentRef("alicloud_cen_transit_router_vpc_attachment", attachmentOf(tf, "cn-vpc").key);
    const peer = attachmentRef("alicloud_cen_transit_router_peer_attachment", only(tf, "alicloud_cen_transit_router_peer_attachment").key);
    expect(byDest).toEqual({
      "10.20.10.0/24": cn,
      "10.20.20.0/24": cn,
      "172.16.0.0/16": peer,
      "10.10.10.0/24": peer,
      "10.10.20.0/24": peer,
    });
    for (const b of entries) expect(b.transit_router_route_entry_next_hop_type).toBe("Attachment");
  });

  test("no router interface is left", () => {
    expect(routerInterfaceTypes(tf)).toEqual([]);
  });
});

describe("HybridNetwork on transit routers: the IDC (IDC_INTERCONNECT=transit-router)", () => {
  const { tf } = build(idcLeasedLine("transit-router"));

  test("the VBR is attached to the TR of its region with auto-publish on, associated and propagating", () => {
    const vbr = only(tf, "alicloud_express_connect_virtual_border_router").key;
    const a = only(tf, "alicloud_cen_transit_router_vbr_attachment");
    expect(a.body).toMatchObject({
      vbr_id: ref("alicloud_express_connect_virtual_border_router", vbr, "id"),
      transit_router_id: ref("alicloud_cen_transit_router", trKey(tf, "cn-beijing"), "transit_router_id"),
      auto_publish_route_enabled: true,
    });
    const table = ref("alicloud_cen_transit_router_route_table", tableKey(tf, "cn-beijing"), "transit_router_route_table_id");
    for (const type of ["alicloud_cen_transit_router_route_table_association", "alicloud_cen_transit_router_route_table_propagation"]) {
      expect(
        findOne(tf, type, (b) => b.transit_router_attachment_id === attachmentRef("alicloud_cen_transit_router_vbr_attachment", a.key)).body
          .transit_router_route_table_id,
      ).toBe(table);
    }
  });

  test("no VBR route entry and no router interface: the VBR learns the TR's routes", () => {
    const vbrTable = ref(
      "alicloud_express_connect_virtual_border_router",
      only(tf, "alicloud_express_connect_virtual_border_router").key,
      "route_table_id",
    );
    expect(Object.values(resources(tf, "alicloud_route_entry")).filter((b) => b.route_table_id === vbrTable)).toEqual([]);
    expect(routerInterfaceTypes(tf)).toEqual([]);
  });

  test("each VPC routes only the IDC's ranges into the TR: the VPCs do not reach each other (no allowVpcTransit)", () => {
    for (const vpc of ["bj-vpc", "sz-vpc"]) {
      const table = ref("alicloud_vpc", vpcKey(tf, vpc), "route_table_id");
      const entries = Object.values(resources(tf, "alicloud_route_entry")).filter((b) => b.route_table_id === table);
      expect(entries.map((b) => [b.destination_cidrblock, b.nexthop_type])).toEqual([["10.100.0.0/16", "Attachment"]]);
    }
  });

  test("the Beijing TR routes the Shenzhen VPC over the peer; the Shenzhen TR routes the IDC over the peer", () => {
    const peer = attachmentRef("alicloud_cen_transit_router_peer_attachment", only(tf, "alicloud_cen_transit_router_peer_attachment").key);
    const routes = (region: string) => {
      const table = ref("alicloud_cen_transit_router_route_table", tableKey(tf, region), "transit_router_route_table_id");
      return Object.values(resources(tf, "alicloud_cen_transit_router_route_entry"))
        .filter((b) => b.transit_router_route_table_id === table)
        .map((b) => [b.transit_router_route_entry_destination_cidr_block, b.transit_router_route_entry_next_hop_id]);
    };
    expect(routes("cn-beijing")).toEqual([["172.18.0.0/16", peer]]);
    // the Shenzhen TR also carries Beijing's VPC block (the IDC's replies need none, but the
    // TR forwards between any attachments): sz-vpc's own table has no route to it
    expect(routes("cn-shenzhen").sort()).toEqual([
      ["10.100.0.0/16", peer],
      ["172.16.0.0/16", peer],
    ]);
  });

  test("resource counts per type", () => {
    const counts = resourceCounts(tf);
    expect(counts).toMatchObject({
      alicloud_cen_instance: 1,
      alicloud_cen_transit_router: 2,
      alicloud_cen_transit_router_route_table: 2,
      alicloud_cen_transit_router_vpc_attachment: 2,
      alicloud_cen_transit_router_vbr_attachment: 1,
      alicloud_cen_transit_router_peer_attachment: 1,
      alicloud_cen_transit_router_route_table_association: 5,
      alicloud_cen_transit_router_route_table_propagation: 3,
    });
    expect(allResources(tf).length).toBeGreaterThan(0);
  });
});

describe("transit-router builders on their own", () => {
  const setup = () => {
    const stack = newStack();
    const hzProvider = aliasedProvider(stack, "main", "cn-hangzhou");
    const p = (region: string) => (region === "cn-hangzhou" ? hzProvider : aliasedProvider(stack, "main", region));
    const cen = new TransitRouterNetwork(stack, "Cen", { name: "core", provider: hzProvider });
    return { stack, p, cen, hz: cen.addRouter({ name: "core-hz", region: "cn-hangzhou", provider: hzProvider }) };
  };

  it("fails when a second TR is added in one region", () => {
    const { cen, hz } = setup();
    expect(() => cen.addRouter({ name: "again", region: "cn-hangzhou", provider: hz.provider })).toThrow(
      "transit router for region cn-hangzhou already exists; allowed: one per region",
    );
  });

  it("fails when a peer attachment joins a region to itself", () => {
    const { stack, hz } = setup();
    expect(() => new TransitRouterPeerAttachment(stack, "Self", { local: hz, peer: hz, name: "self" })).toThrow(
      "peer attachment self joins region cn-hangzhou to itself; allowed: two regions",
    );
  });

  it("fails when a VPC attachment names no zone", () => {
    const { stack, hz } = setup();
    const vpc = VpcNetwork.fromVpcAttributes(stack, "Vpc", {
      name: "app",
      region: "cn-hangzhou",
      cidrBlock: "10.0.0.0/16",
      vpcId: "vpc-1",
      routerId: "vrt-1",
      routeTableId: "vtb-1",
      provider: hz.provider,
    });
    expect(() => new TransitRouterVpcAttachment(stack, "Att", { router: hz, vpc, zoneMappings: [], name: "app" })).toThrow(
      "`zoneMappings` of the VPC attachment app is empty; allowed: one or two zones",
    );
  });

  it("chains a TR table's static routes one after another, each after its attachment's association", () => {
    const { stack, p, cen, hz } = setup();
    const sh = cen.addRouter({ name: "core-sh", region: "cn-shanghai", provider: p("cn-shanghai") });
    const peer = new TransitRouterPeerAttachment(stack, "Peer", { local: hz, peer: sh, name: "hz-sh" });
    new TransitRouterRoutes(stack, "Routes", {
      router: hz,
      routes: [
        { destination: "10.1.0.0/16", via: peer, name: "a" },
        { destination: "10.2.0.0/16", via: peer, name: "b" },
      ],
    });
    const tf = synthJson(stack);
    const entries = resources(tf, "alicloud_cen_transit_router_route_entry");
    const [first, second] = ["10.1.0.0/16", "10.2.0.0/16"].map((d) =>
      Object.entries(entries).find(([, b]) => b.transit_router_route_entry_destination_cidr_block === d)!,
    );
    const assoc = Object.keys(resources(tf, "alicloud_cen_transit_router_route_table_association")).map(
      (k) => `alicloud_cen_transit_router_route_table_association.${k}`,
    );
    expect(assoc).toHaveLength(2);
    expect(first![1].depends_on).toEqual(expect.arrayContaining(assoc));
    expect(second![1].depends_on).toContain(`alicloud_cen_transit_router_route_entry.${first![0]}`);
    expect(second![1].provider).toBe(providerRef("main", "cn-hangzhou"));
  });
});
