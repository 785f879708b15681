/**
 * netdiff on the move from router interfaces (or VBR-to-VPC connections) to transit routers
 * (TRs): the base is a seed as synthesized, the head the same stack with its interconnect
 * swapped for the TR fixture's (router interfaces out; CEN, TRs, attachments, tables,
 * associations, propagations and static TR routes in; the VPC routes re-pointed at the
 * attachments). No ordered pair may be lost, and the rows speak of TRs.
 */
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { TrFixture, trStack } from "../fixtures/transit-router";
import { netdiff, renderNetdiff, sitesFromStack, StackJson } from "../../lib/analysis/netdiff";
import { section, tree } from "./trees";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** `base` with its router interfaces replaced by the fixture's TR resources and VPC routes. */
function onTransitRouters(base: StackJson, fixture: TrFixture): StackJson {
  const head = JSON.parse(JSON.stringify(base)) as { resource: Resources };
  const tr = trStack(fixture).resource;
  for (const type of ["alicloud_express_connect_router_interface", "alicloud_router_interface_connection"]) delete head.resource[type];
  for (const [type, byName] of Object.entries(tr)) if (type.startsWith("alicloud_cen_")) head.resource[type] = byName;
  for (const [type, byName] of Object.entries(tr))
    if (type === "alicloud_vswitch") for (const [name, body] of Object.entries(byName)) head.resource[type]![name] ??= body;
  const routes = head.resource.alicloud_route_entry!;
  for (const name of Object.keys(routes)) {
    const wanted = tr.alicloud_route_entry![name];
    if (!wanted) delete routes[name];
    else if (wanted.nexthop_type === "Attachment") {
      const { depends_on: _order, ...rest } = routes[name]!;
      routes[name] = { ...rest, nexthop_type: "Attachment", nexthop_id: wanted.nexthop_id };
    }
  }
  return head as StackJson;
}

const HUB = "multinational-hub-dev";
const IDC = "idc-leased-line-dev";

describe("netdiff: router interfaces to transit routers", () => {
  const hubBase = tree(multinationalHub()).get(HUB)!;
  const hubHead = onTransitRouters(hubBase, "multinational-hub");

  it("on the default hub loses no ordered pair and gains none", () => {
    const d = netdiff(new Map([[HUB, hubBase]]), new Map([[HUB, hubHead]]));
    expect(d.stacks).toHaveLength(1);
    expect(d.stacks[0]!.lost).toEqual([]);
    expect(d.stacks[0]!.gained).toEqual([]);
    expect(d.blocking).toEqual([]);
  });

  it("describes the TR routes, associations and propagations in the TR's words", () => {
    const md = renderNetdiff(netdiff(new Map([[HUB, hubBase]]), new Map([[HUB, hubHead]])));
    const rows = section(md, "Route entries").slice(2);
    const PEER = "peer attachment us-cn-us-east-1 <-> us-cn-cn-shanghai";
    expect(rows).toContain(`| TR us-cn-us-east-1 | added | 10.20.10.0/24 | ${PEER} |`);
    expect(rows).toContain("| TR us-cn-us-east-1 | added | 10.10.10.0/24 | VPC attachment us-vpc |");
    expect(rows).toContain(`| TR us-cn-cn-shanghai | added | traffic entering through ${PEER} | looked up here (association) |`);
    expect(rows).toContain(
      "| TR us-cn-cn-shanghai | added | vSwitch CIDR blocks of VPC attachment cn-vpc | installed here (propagation) |",
    );
    // the six VPC routes over the router interface are re-pointed: each one a replacement
    expect(rows.filter((r) => r.includes("**replaced: outage risk**"))).toEqual([
      "| VPC cn-vpc | **replaced: outage risk** | 10.10.10.0/24 | RouterInterface us-cn-cn-vpc → TR us-cn-cn-shanghai via VPC attachment cn-vpc |",
      "| VPC cn-vpc | **replaced: outage risk** | 10.10.20.0/24 | RouterInterface us-cn-cn-vpc → TR us-cn-cn-shanghai via VPC attachment cn-vpc |",
      "| VPC cn-vpc | **replaced: outage risk** | 172.16.0.0/16 | RouterInterface us-cn-cn-vpc → TR us-cn-cn-shanghai via VPC attachment cn-vpc |",
      "| VPC us-vpc | **replaced: outage risk** | 10.20.10.0/24 | RouterInterface us-cn-us-vpc → TR us-cn-us-east-1 via VPC attachment us-vpc |",
      "| VPC us-vpc | **replaced: outage risk** | 10.20.20.0/24 | RouterInterface us-cn-us-vpc → TR us-cn-us-east-1 via VPC attachment us-vpc |",
      "| VPC us-vpc | **replaced: outage risk** | 172.17.0.0/16 | RouterInterface us-cn-us-vpc → TR us-cn-us-east-1 via VPC attachment us-vpc |",
    ]);
    expect(rows).toHaveLength(6 + 10 + 4 + 2);
    // the diagram draws the TRs, their attachments and the peer attachment, as new
    expect(md).toContain('    tr_us_cn_us_east_1{{"transit router<br/>us-cn-us-east-1"}}\n');
    expect(md).toContain('  vpc_us_vpc <-->|"VPC attachment"| tr_us_cn_us_east_1\n');
    expect(md).toContain('  tr_us_cn_us_east_1 <-->|"peer attachment, 10 Mbit/s"| tr_us_cn_cn_shanghai\n');
    expect(md).toMatch(/class .*tr_us_cn_us_east_1.* changed/);
  });

  it("fails when the head loses a peer association: the lost pairs are named", () => {
    const broken = JSON.parse(JSON.stringify(hubHead)) as { resource: Resources };
    delete broken.resource.alicloud_cen_transit_router_route_table_association!
      .Network_Links_UsCn_PeerAttachments_UsEast1CnShanghai_AssociationCnShanghai;
    const d = netdiff(new Map([[HUB, hubBase]]), new Map([[HUB, broken as StackJson]]));
    expect(d.stacks[0]!.lost).toHaveLength(9);
    expect(d.stacks[0]!.lost).toContain("us-office-1->cn-office-3");
  });

  it("on the IDC loses no ordered pair, and still finds the IDC behind the TRs", () => {
    const base = tree(idcLeasedLine()).get(IDC)!;
    const head = onTransitRouters(base, "idc-leased-line");
    const d = netdiff(new Map([[IDC, base]]), new Map([[IDC, head]]));
    expect(sitesFromStack(head).idcs).toEqual([
      { name: "beijing-idc", cidrs: ["10.100.0.0/16"], vbr: { vlanId: 100, peerGatewayIp: "10.255.0.2" } },
    ]);
    expect(d.stacks[0]!.lost).toEqual([]);
    expect(d.stacks[0]!.gained).toEqual([]);
  });
});

describe("netdiff: replacing TR resources", () => {
  const base = trStack("multinational-hub");

  it("reports a TR route whose next hop changes as replaced, and a replaced TR attachment with what it cuts", () => {
    // GIVEN a static route turned into a blackhole (its next-hop type is ForceNew) and the
    // cn-vpc attachment naming the VPC's owner (ForceNew)
    const head = trStack("multinational-hub");
    head.resource.alicloud_cen_transit_router_route_entry![
      "Network_Links_UsCn_Routers_UsEast1_Routes_10-10-20-0-24"
    ]!.transit_router_route_entry_next_hop_type = "BlackHole";
    head.resource.alicloud_cen_transit_router_vpc_attachment!.Network_Links_UsCn_VpcAttachments_CnVpc!.vpc_owner_id = "1234567890";
    // WHEN
    const d = netdiff(new Map([[HUB, base]]), new Map([[HUB, head]]));
    const md = renderNetdiff(d);
    // THEN
    expect(section(md, "Route entries").slice(2)).toContain(
      "| TR us-cn-us-east-1 | **replaced: outage risk** | 10.10.20.0/24 | VPC attachment us-vpc → blackhole |",
    );
    expect(md).toContain(
      "- **TR attachment `VPC attachment cn-vpc` replaced** in `multinational-hub-dev`: traffic through it stops until its successor is associated and propagates again",
    );
    expect(d.stacks[0]!.lost).toEqual(expect.arrayContaining(["cn-vpc->us-office-2"]));
  });
});
