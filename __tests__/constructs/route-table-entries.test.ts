import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { RouteEntry } from "../../.gen/providers/alicloud/route-entry";
import { Vpc } from "../../.gen/providers/alicloud/vpc";
import { VpcPeerConnection } from "../../.gen/providers/alicloud/vpc-peer-connection";
import { RouteSpec, RouteTableEntries, RouteTarget } from "../../lib/constructs/route-table-entries";
import { address, aliasedProvider, findOne, newStack, only, ref, resources, synthJson, TfJson } from "./tf-json";

interface Fixture {
  readonly stack: TerraformStack;
  readonly vpc: Vpc;
  readonly peer: VpcPeerConnection;
}

function fixture(): Fixture {
  const stack = newStack();
  const provider = aliasedProvider(stack, "main", "cn-hangzhou");
  const vpc = new Vpc(stack, "Vpc", { provider, cidrBlock: "10.1.0.0/16" });
  const other = new Vpc(stack, "Other", { provider, cidrBlock: "10.2.0.0/16" });
  const peer = new VpcPeerConnection(stack, "Peer", {
    provider,
    vpcId: vpc.id,
    acceptingVpcId: other.id,
    acceptingRegionId: "cn-hangzhou",
  });
  return { stack, vpc, peer };
}

function entries(f: Fixture, routes: readonly RouteSpec[]): RouteTableEntries {
  return new RouteTableEntries(f.stack, "Routes", {
    routeTableId: f.vpc.routeTableId,
    provider: aliasedProvider(f.stack, "main", "cn-shanghai"),
    routes,
  });
}

const byDestination = (tf: TfJson, d: string) => findOne(tf, "alicloud_route_entry", (b) => b.destination_cidrblock === d);

describe("RouteTarget", () => {
  it.each([
    ["vpnGateway", RouteTarget.vpnGateway("vpn-1"), "VpnGateway"],
    ["vpcPeer", RouteTarget.vpcPeer("pcc-1"), "VpcPeer"],
    ["routerInterface", RouteTarget.routerInterface("ri-1"), "RouterInterface"],
    ["natGateway", RouteTarget.natGateway("ngw-1"), "NatGateway"],
  ])("%s uses the provider's nexthop_type string", (_name, target, type) => {
    expect(target.nextHopType).toBe(type);
    expect(target.nextHopId).toMatch(/^[a-z]+-1$/);
    expect(target.dependsOn).toEqual([]);
  });
});

describe("RouteTableEntries", () => {
  it("emits one entry per route with table, destination, next hop and provider", () => {
    // GIVEN
    const f = fixture();
    // WHEN
    entries(f, [{ destination: "10.2.0.0/16", target: RouteTarget.vpcPeer(f.peer.id) }]);
    // THEN
    const tf = synthJson(f.stack);
    const e = only(tf, "alicloud_route_entry").body;
    expect(e).toMatchObject({
      destination_cidrblock: "10.2.0.0/16",
      nexthop_type: "VpcPeer",
      provider: "alicloud.main_cn_shanghai",
    });
    expect(e.route_table_id).toMatch(/^\$\{alicloud_vpc\..+\.route_table_id\}$/);
    expect(e.route_table_id).toBe(
      ref("alicloud_vpc", findOne(tf, "alicloud_vpc", (b) => b.cidr_block === "10.1.0.0/16").key, "route_table_id"),
    );
    expect(e.nexthop_id).toBe(ref("alicloud_vpc_peer_connection", only(tf, "alicloud_vpc_peer_connection").key, "id"));
  });

  it.each([
    ["vpnGateway", RouteTarget.vpnGateway("vpn-abc"), "VpnGateway", "vpn-abc"],
    ["routerInterface", RouteTarget.routerInterface("ri-abc"), "RouterInterface", "ri-abc"],
    ["natGateway", RouteTarget.natGateway("ngw-abc"), "NatGateway", "ngw-abc"],
  ])("routes to a %s target with its type and id", (_n, target, type, id) => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      new RouteTableEntries(scope, "Routes", {
        routeTableId: "vtb-1",
        provider: aliasedProvider(scope as TerraformStack, "main", "cn-hangzhou"),
        routes: [{ destination: "0.0.0.0/0", target }],
      });
    });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(RouteEntry, {
      route_table_id: "vtb-1",
      destination_cidrblock: "0.0.0.0/0",
      nexthop_type: type,
      nexthop_id: id,
      name: "to-0.0.0.0_0",
    });
  });

  it("names entries `to-<destination>` by default and uses a given name otherwise", () => {
    // GIVEN
    const f = fixture();
    // WHEN
    entries(f, [
      { destination: "10.2.0.0/16", target: RouteTarget.vpcPeer(f.peer.id) },
      { destination: "10.3.0.0/16", target: RouteTarget.vpcPeer(f.peer.id), name: "to-data-vpc" },
    ]);
    // THEN
    const tf = synthJson(f.stack);
    expect(byDestination(tf, "10.2.0.0/16").body.name).toBe("to-10.2.0.0_16");
    expect(byDestination(tf, "10.3.0.0/16").body.name).toBe("to-data-vpc");
  });

  it("chains entries with depends_on so one table is changed one entry at a time", () => {
    // GIVEN
    const f = fixture();
    // WHEN
    const r = entries(f, [
      { destination: "10.2.0.0/16", target: RouteTarget.vpnGateway("vpn-1") },
      { destination: "10.3.0.0/16", target: RouteTarget.vpnGateway("vpn-1") },
      { destination: "10.4.0.0/16", target: RouteTarget.vpnGateway("vpn-1") },
    ]);
    // THEN
    const tf = synthJson(f.stack);
    const first = byDestination(tf, "10.2.0.0/16");
    const second = byDestination(tf, "10.3.0.0/16");
    const third = byDestination(tf, "10.4.0.0/16");
    expect(first.body.depends_on ?? []).toEqual([]);
    expect(second.body.depends_on).toEqual([address("alicloud_route_entry", first.key)]);
    expect(third.body.depends_on).toEqual([address("alicloud_route_entry", second.key)]);
    expect(r.entries).toHaveLength(3);
    expect(r.entries.map((e) => e.destinationCidrblockInput)).toEqual(["10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16"]);
  });

  it("makes every entry wait for its target's dependencies as well as the previous entry", () => {
    // GIVEN
    const f = fixture();
    // WHEN
    entries(f, [
      { destination: "10.2.0.0/16", target: RouteTarget.vpcPeer(f.peer.id, f.peer) },
      { destination: "10.3.0.0/16", target: RouteTarget.vpcPeer(f.peer.id, f.peer) },
    ]);
    // THEN
    const tf = synthJson(f.stack);
    const peer = address("alicloud_vpc_peer_connection", only(tf, "alicloud_vpc_peer_connection").key);
    const first = byDestination(tf, "10.2.0.0/16");
    expect(first.body.depends_on).toEqual([peer]);
    expect(byDestination(tf, "10.3.0.0/16").body.depends_on).toEqual([peer, address("alicloud_route_entry", first.key)]);
  });

  it("keys entries by destination so reordering routes does not rename them", () => {
    // GIVEN
    const f = fixture();
    // WHEN
    entries(f, [{ destination: "10.2.0.0/16", target: RouteTarget.vpnGateway("vpn-1") }]);
    // THEN
    expect(Object.keys(resources(synthJson(f.stack), "alicloud_route_entry"))).toEqual([
      expect.stringMatching(/^Routes_10-2-0-0-16_[0-9A-F]{8}$/),
    ]);
  });

  // Known bug (reported): validation is skipped for a token, but the token is then used in
  // the construct id (`cidrId(destination)`), which cdktf rejects. Flip to `it` once fixed.
  it("accepts an unresolved destination without validating it", () => {
    // GIVEN
    const f = fixture();
    const dest = new TerraformVariable(f.stack, "dest", { type: "string" }).stringValue;
    // WHEN
    entries(f, [{ destination: dest, target: RouteTarget.vpnGateway("vpn-1"), name: "to-var" }]);
    // THEN
    expect(only(synthJson(f.stack), "alicloud_route_entry").body.destination_cidrblock).toBe("${var.dest}");
  });

  it("accepts a destination twice as equal-cost entries through two links, the first keeping the destination's ID", () => {
    // GIVEN
    const f = fixture();
    // WHEN
    entries(f, [
      { destination: "10.2.0.0/16", target: RouteTarget.routerInterface("ri-1") },
      { destination: "10.2.0.0/16", target: RouteTarget.routerInterface("ri-2"), equalCostVia: "line-2" },
    ]);
    // THEN
    const got = Object.entries(resources(synthJson(f.stack), "alicloud_route_entry"));
    expect(got.map(([k, b]) => [k.replace(/_[0-9A-F]{8}$/, ""), b.nexthop_id]).sort()).toEqual([
      ["Routes_10-2-0-0-16", "ri-1"],
      ["Routes_10-2-0-0-16-Line2", "ri-2"],
    ]);
  });

  it("fails when a `destination` appears twice in one table", () => {
    // GIVEN
    const f = fixture();
    // WHEN / THEN
    expect(() =>
      entries(f, [
        { destination: "10.2.0.0/16", target: RouteTarget.vpnGateway("vpn-1") },
        { destination: "10.2.0.0/16", target: RouteTarget.vpcPeer(f.peer.id) },
      ]),
    ).toThrow(/`destination` 10\.2\.0\.0\/16 appears twice in one route table/);
  });

  it.each([
    ["malformed", "10.2.0/16"],
    ["host bits set", "10.2.0.1/16"],
    ["not a CIDR", "anywhere"],
  ])("fails when a `destination` is %s", (_what, destination) => {
    // GIVEN
    const f = fixture();
    // WHEN / THEN
    expect(() => entries(f, [{ destination, target: RouteTarget.vpnGateway("vpn-1") }])).toThrow(
      new RegExp(`\`destination\` ${destination.replace(/[./]/g, "\\$&")} is not a network CIDR`),
    );
  });
});
