import { Testing } from "cdktf";
import { sharedNat } from "../fixtures/seeds/shared-nat";
import { checkReachability, INTERNET_NETWORK } from "../../lib/analysis/reachability";
import { sitesFromTopology, Topology, TopologyError } from "../../lib/topology";
import { SharedNatStack } from "../../stacks";
import { address, allResources, findOne, only, ref, resourceCounts, synthJson, TfJson } from "../constructs/tf-json";

/** Synthesizes the stack with `runValidations` on, so any `addValidation` rule fires too. */
function synth(topology: Topology): TfJson {
  return synthJson(new SharedNatStack(Testing.app(), "shared-nat-test", { topology }), true);
}

const vpcKey = (tf: TfJson, name: string) => findOne(tf, "alicloud_vpc", (b) => b.vpc_name === name).key;
const vswitchKey = (tf: TfJson, name: string) => findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === name).key;
const route = (tf: TfJson, vpc: string, destination: string) =>
  findOne(
    tf,
    "alicloud_route_entry",
    (b) => b.route_table_id === ref("alicloud_vpc", vpcKey(tf, vpc), "route_table_id") && b.destination_cidrblock === destination,
  );

describe("SharedNatStack (default topology)", () => {
  // GIVEN the default topology; WHEN the stack is synthesized (once); THEN each test below
  const topology = sharedNat();
  let tf: TfJson;
  beforeAll(() => {
    tf = synth(topology);
  });

  it("emits exactly the expected resources", () => {
    expect(resourceCounts(tf)).toEqual({
      alicloud_vpc: 2,
      alicloud_vswitch: 3,
      alicloud_vpc_peer_connection: 1,
      alicloud_nat_gateway: 1,
      alicloud_eip_address: 1,
      alicloud_eip_association: 1,
      alicloud_snat_entry: 3,
      // the hub's 0.0.0.0/0 -> NAT is the system route the enhanced NAT gateway adds itself
      alicloud_route_entry: 3,
      alicloud_security_group: 2,
      alicloud_security_group_rule: 4,
    });
    // the account's own UID for the peering's accepting_ali_uid (no uid in config)
    expect(Object.keys(tf.data?.alicloud_account ?? {})).toHaveLength(1);
    expect(Object.keys(tf.data ?? {})).toEqual(["alicloud_account"]);
    expect(tf.variable).toBeUndefined();
  });

  it("declares one provider, main_cn_hangzhou, and puts every resource on it", () => {
    expect((tf.provider?.alicloud ?? []).map((p) => p.alias)).toEqual(["main_cn_hangzhou"]);
    for (const [type, key, body] of allResources(tf)) expect([type, key, body.provider]).toEqual([type, key, "alicloud.main_cn_hangzhou"]);
  });

  it("puts an enhanced NAT gateway in the hub's hub-nat vSwitch", () => {
    expect(only(tf, "alicloud_nat_gateway").body).toMatchObject({
      nat_type: "Enhanced",
      network_type: "internet",
      nat_gateway_name: "egress",
      deletion_protection: true,
      vpc_id: ref("alicloud_vpc", vpcKey(tf, "hub-vpc"), "id"),
      vswitch_id: ref("alicloud_vswitch", vswitchKey(tf, "hub-vpc-hub-nat"), "id"),
    });
  });

  it("protects the EIP from deletion and destroy and binds it to the NAT gateway", () => {
    const eip = only(tf, "alicloud_eip_address");
    expect(eip.body).toMatchObject({ bandwidth: "5", deletion_protection: true, lifecycle: { prevent_destroy: true } });
    expect(only(tf, "alicloud_eip_association").body).toMatchObject({
      allocation_id: ref("alicloud_eip_address", eip.key, "id"),
      instance_id: ref("alicloud_nat_gateway", only(tf, "alicloud_nat_gateway").key, "id"),
      instance_type: "Nat",
    });
  });

  it("SNATs both hub vSwitches and the spoke's CIDR through the EIP, one entry at a time", () => {
    const snat = (name: string) => findOne(tf, "alicloud_snat_entry", (b) => b.snat_entry_name === name);
    const hubNat = snat("hub-vpc-hub-nat");
    const hubApp = snat("hub-vpc-hub-app");
    const spoke = snat("spoke-vpc");
    expect(hubNat.body.source_vswitch_id).toBe(ref("alicloud_vswitch", vswitchKey(tf, "hub-vpc-hub-nat"), "id"));
    expect(hubApp.body.source_vswitch_id).toBe(ref("alicloud_vswitch", vswitchKey(tf, "hub-vpc-hub-app"), "id"));
    expect(spoke.body.source_cidr).toBe("172.16.0.0/16");
    const eip = only(tf, "alicloud_eip_address").key;
    for (const e of [hubNat, hubApp, spoke]) expect(e.body.snat_ip).toBe(ref("alicloud_eip_address", eip, "ip_address"));
    const assoc = address("alicloud_eip_association", only(tf, "alicloud_eip_association").key);
    expect(hubNat.body.depends_on).toEqual([assoc]);
    expect(hubApp.body.depends_on).toEqual([assoc, address("alicloud_snat_entry", hubNat.key)]);
    expect(spoke.body.depends_on).toEqual([assoc, address("alicloud_snat_entry", hubApp.key)]);
  });

  it("leaves the hub's default route to the API and routes the spoke's over the peering to the hub", () => {
    const peer = only(tf, "alicloud_vpc_peer_connection").key;
    // CreateNatGateway adds 0.0.0.0/0 -> NAT to the hub's route table; a custom duplicate fails apply
    expect(() => route(tf, "hub-vpc", "0.0.0.0/0")).toThrow();
    expect(route(tf, "hub-vpc", "172.16.0.0/16").body).toMatchObject({
      nexthop_type: "VpcPeer",
      nexthop_id: ref("alicloud_vpc_peer_connection", peer, "id"),
    });
    expect(route(tf, "spoke-vpc", "0.0.0.0/0").body).toMatchObject({
      nexthop_type: "VpcPeer",
      nexthop_id: ref("alicloud_vpc_peer_connection", peer, "id"),
    });
    expect(route(tf, "spoke-vpc", "192.168.0.0/16").body).toMatchObject({
      nexthop_type: "VpcPeer",
      nexthop_id: ref("alicloud_vpc_peer_connection", peer, "id"),
    });
  });

  it("outputs the VPC IDs, the NAT gateway ID and the egress IP", () => {
    expect(Object.keys(tf.output ?? {}).sort()).toEqual([
      "egress_ip_egress",
      "nat_gateway_id_egress",
      "vpc_id_hub_vpc",
      "vpc_id_spoke_vpc",
    ]);
    expect(tf.output?.nat_gateway_id_egress?.value).toBe(ref("alicloud_nat_gateway", only(tf, "alicloud_nat_gateway").key, "id"));
    expect(tf.output?.egress_ip_egress?.value).toMatch(/^\$\{alicloud_eip_address\..+\.ip_address\}$/);
    expect(tf.output?.vpc_id_spoke_vpc?.value).toBe(ref("alicloud_vpc", vpcKey(tf, "spoke-vpc"), "id"));
  });

  it("lets the spoke reach the internet only through the hub's NAT (independent checker)", () => {
    const report = checkReachability(tf, sitesFromTopology(topology));
    const spoke = report.get("spoke-vpc", INTERNET_NETWORK);
    expect(spoke.status).toBe("delivered");
    expect(spoke.hops).toEqual(["vpc:spoke-vpc", "vpc:hub-vpc", "nat:egress"]);
  });

  it("lets the hub reach the internet through its NAT (independent checker)", () => {
    const report = checkReachability(tf, sitesFromTopology(topology));
    expect(report.get("hub-vpc", INTERNET_NETWORK)).toMatchObject({ status: "delivered", hops: ["vpc:hub-vpc", "nat:egress"] });
  });

  it("lets the internet reach nothing and the VPCs reach each other (independent checker)", () => {
    const report = checkReachability(tf, sitesFromTopology(topology));
    for (const vpc of ["hub-vpc", "spoke-vpc"]) expect(report.get(INTERNET_NETWORK, vpc).status).toBe("blackholed");
    expect([...report.delivered].sort()).toEqual(["hub-vpc->internet", "hub-vpc->spoke-vpc", "spoke-vpc->hub-vpc", "spoke-vpc->internet"]);
  });
});

describe("SharedNatStack: bad input", () => {
  const base = sharedNat();

  it("fails when the VPC CIDRs overlap, naming the path and value", () => {
    // GIVEN: the spoke inside the hub's range
    const t: Topology = {
      ...base,
      vpcs: base.vpcs.map((v) =>
        v.name === "spoke-vpc"
          ? { ...v, cidr: "192.168.0.0/16", vswitches: [{ name: "spoke-app", zone: "cn-hangzhou-h", cidr: "192.168.9.0/24" }] }
          : v,
      ),
    };
    // WHEN / THEN
    expect(() => synth(t)).toThrow(TopologyError);
    expect(() => synth(t)).toThrow(
      /shared-nat\.vpcs\[1\]\.cidr = "192\.168\.0\.0\/16": overlaps shared-nat\.vpcs\[0\]\.cidr \(192\.168\.0\.0\/16\) of hub-vpc/,
    );
  });

  it("fails when `eipBandwidth` is out of range, naming the path and value", () => {
    // GIVEN
    const t: Topology = { ...base, links: base.links.map((l) => (l.kind === "shared-nat" ? { ...l, eipBandwidth: 600 } : l)) };
    // WHEN / THEN
    expect(() => synth(t)).toThrow(/shared-nat\.links\[1\]\.eipBandwidth = 600: is out of range; allowed: an integer 1–500 Mbit\/s/);
  });

  it("fails when a spoke has no link to the hub, naming the path and value", () => {
    // GIVEN
    const t: Topology = { ...base, links: base.links.filter((l) => l.kind === "shared-nat") };
    // WHEN / THEN
    expect(() => synth(t)).toThrow(
      /shared-nat\.links\[0\]\.spokes\[0\] = "spoke-vpc": has no peering or router-interface link to hub hub-vpc/,
    );
  });

  it("fails when `vswitch` names no hub vSwitch, naming the path and value", () => {
    // GIVEN
    const t: Topology = { ...base, links: base.links.map((l) => (l.kind === "shared-nat" ? { ...l, vswitch: "hub-db" } : l)) };
    // WHEN / THEN
    expect(() => synth(t)).toThrow(
      /shared-nat\.links\[1\]\.vswitch = "hub-db": names no vSwitch of VPC hub-vpc; allowed: hub-nat, hub-app/,
    );
  });
});
