import { Testing } from "cdktf";
import { SEED_SCENARIOS as SCENARIOS, seedTopologies as defaultTopologies } from "../fixtures/seeds";
import { vpcPeeringSameAccount } from "../fixtures/seeds/vpc-peering";
import { checkReachability, INTERNET_NETWORK } from "../../lib/analysis/reachability";
import { sitesFromTopology, Topology, TopologyError } from "../../lib/topology";
import { SharedNatStack, stackName, stacksFor, VpcPeeringCrossAccountStack, VpcPeeringSameAccountStack } from "../../stacks";
import { address, allResources, findOne, only, ref, resourceCounts, resources, synthJson, TfJson } from "../constructs/tf-json";

/** Synthesizes the stack with `runValidations` on, so any `addValidation` rule fires too. */
function synth(topology: Topology): TfJson {
  return synthJson(new VpcPeeringSameAccountStack(Testing.app(), "vpc-peering-same-account-test", { topology }), true);
}

const vpcKey = (tf: TfJson, name: string) => findOne(tf, "alicloud_vpc", (b) => b.vpc_name === name).key;
const routeOf = (tf: TfJson, vpc: string) =>
  findOne(tf, "alicloud_route_entry", (b) => b.route_table_id === ref("alicloud_vpc", vpcKey(tf, vpc), "route_table_id"));

describe("VpcPeeringSameAccountStack (default topology: same region)", () => {
  // GIVEN the default topology; WHEN the stack is synthesized (once); THEN each test below
  const topology = vpcPeeringSameAccount();
  let tf: TfJson;
  beforeAll(() => {
    tf = synth(topology);
  });

  it("emits exactly the expected resources", () => {
    expect(resourceCounts(tf)).toEqual({
      alicloud_vpc: 2,
      alicloud_vswitch: 2,
      alicloud_vpc_peer_connection: 1,
      alicloud_route_entry: 2,
      alicloud_security_group: 2,
      alicloud_security_group_rule: 4,
    });
    // the account's own UID for the peering's accepting_ali_uid (no uid in config)
    expect(Object.keys(tf.data?.alicloud_account ?? {})).toHaveLength(1);
    expect(Object.keys(tf.data ?? {})).toEqual(["alicloud_account"]);
    expect(tf.variable).toBeUndefined();
  });

  it("declares one provider, main_cn_hangzhou, and puts every resource on it", () => {
    expect(tf.provider?.alicloud).toEqual([
      { alias: "main_cn_hangzhou", region: "cn-hangzhou", configuration_source: "alicloud-hybrid-network-cdktf" },
    ]);
    for (const [type, key, body] of allResources(tf)) expect([type, key, body.provider]).toEqual([type, key, "alicloud.main_cn_hangzhou"]);
  });

  it("creates the VPCs and vSwitches of the topology", () => {
    expect(findOne(tf, "alicloud_vpc", (b) => b.vpc_name === "app-vpc").body.cidr_block).toBe("10.1.0.0/16");
    expect(findOne(tf, "alicloud_vpc", (b) => b.vpc_name === "data-vpc").body.cidr_block).toBe("10.2.0.0/16");
    expect(findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === "app-vpc-app-h").body).toMatchObject({
      cidr_block: "10.1.0.0/24",
      zone_id: "cn-hangzhou-h",
    });
    expect(findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === "data-vpc-data-1").body).toMatchObject({
      cidr_block: "10.2.0.0/24",
      zone_id: "cn-hangzhou-i",
    });
  });

  it("peers app-vpc (requester) with data-vpc in the same region: its own account UID, no bandwidth, no accepter", () => {
    const pc = only(tf, "alicloud_vpc_peer_connection").body;
    expect(pc).toMatchObject({
      peer_connection_name: "app-data",
      accepting_region_id: "cn-hangzhou",
      vpc_id: ref("alicloud_vpc", vpcKey(tf, "app-vpc"), "id"),
      accepting_vpc_id: ref("alicloud_vpc", vpcKey(tf, "data-vpc"), "id"),
    });
    expect(pc).not.toHaveProperty("bandwidth");
    expect(pc).not.toHaveProperty("link_type");
    // accepting_ali_uid is ForceNew and Read writes the real UID back: set, or every plan replaces the peering
    const account = Object.keys(tf.data?.alicloud_account ?? {})[0];
    expect(pc.accepting_ali_uid).toBe(`\${data.alicloud_account.${account}.id}`);
    expect(tf.data?.alicloud_account?.[account!]?.provider).toBe("alicloud.main_cn_hangzhou");
    expect(resources(tf, "alicloud_vpc_peer_connection_accepter")).toEqual({});
  });

  it("routes each VPC's CIDR to the other over the peer connection, after it exists", () => {
    const pc = only(tf, "alicloud_vpc_peer_connection").key;
    for (const [vpc, dest] of [
      ["app-vpc", "10.2.0.0/16"],
      ["data-vpc", "10.1.0.0/16"],
    ] as const) {
      const r = routeOf(tf, vpc).body;
      expect(r).toMatchObject({
        destination_cidrblock: dest,
        nexthop_type: "VpcPeer",
        nexthop_id: ref("alicloud_vpc_peer_connection", pc, "id"),
      });
      expect(r.depends_on).toEqual([address("alicloud_vpc_peer_connection", pc)]);
    }
  });

  it("outputs the VPC IDs and the peering ID", () => {
    expect(Object.keys(tf.output ?? {}).sort()).toEqual(["peering_id_app_data", "vpc_id_app_vpc", "vpc_id_data_vpc"]);
    expect(tf.output?.vpc_id_app_vpc?.value).toBe(ref("alicloud_vpc", vpcKey(tf, "app-vpc"), "id"));
    expect(tf.output?.vpc_id_data_vpc?.value).toBe(ref("alicloud_vpc", vpcKey(tf, "data-vpc"), "id"));
    expect(tf.output?.peering_id_app_data?.value).toMatch(/^\$\{alicloud_vpc_peer_connection\..+\.id\}$/);
  });

  it("delivers both ways between the VPCs and nothing to or from the internet (independent checker)", () => {
    const report = checkReachability(tf, sitesFromTopology(topology));
    expect(report.get("app-vpc", "data-vpc")).toMatchObject({ status: "delivered", hops: ["vpc:app-vpc", "vpc:data-vpc"] });
    expect(report.get("data-vpc", "app-vpc")).toMatchObject({ status: "delivered", hops: ["vpc:data-vpc", "vpc:app-vpc"] });
    for (const vpc of ["app-vpc", "data-vpc"]) {
      expect(report.get(vpc, INTERNET_NETWORK).status).toBe("blackholed");
      expect(report.get(INTERNET_NETWORK, vpc).status).toBe("blackholed");
    }
    expect([...report.delivered].sort()).toEqual(["app-vpc->data-vpc", "data-vpc->app-vpc"]);
  });
});

describe("VpcPeeringSameAccountStack (cross-region variant: acceptor in cn-shanghai)", () => {
  // GIVEN the cross-region default; WHEN the stack is synthesized (once); THEN each test below
  const topology = vpcPeeringSameAccount("cn-shanghai");
  let tf: TfJson;
  beforeAll(() => {
    tf = synth(topology);
  });

  it("declares one provider per region and puts data-vpc's resources on the Shanghai one", () => {
    expect((tf.provider?.alicloud ?? []).map((p) => `${p.alias} ${p.region}`).sort()).toEqual([
      "main_cn_hangzhou cn-hangzhou",
      "main_cn_shanghai cn-shanghai",
    ]);
    expect(findOne(tf, "alicloud_vpc", (b) => b.vpc_name === "data-vpc").body.provider).toBe("alicloud.main_cn_shanghai");
    expect(findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === "data-vpc-data-1").body.provider).toBe("alicloud.main_cn_shanghai");
    expect(routeOf(tf, "data-vpc").body.provider).toBe("alicloud.main_cn_shanghai");
    expect(findOne(tf, "alicloud_vpc", (b) => b.vpc_name === "app-vpc").body.provider).toBe("alicloud.main_cn_hangzhou");
    expect(routeOf(tf, "app-vpc").body.provider).toBe("alicloud.main_cn_hangzhou");
  });

  it("sets bandwidth and the acceptor's region on the peer connection, created by the requester", () => {
    expect(only(tf, "alicloud_vpc_peer_connection").body).toMatchObject({
      accepting_region_id: "cn-shanghai",
      bandwidth: 10,
      provider: "alicloud.main_cn_hangzhou",
    });
    expect(resources(tf, "alicloud_vpc_peer_connection_accepter")).toEqual({});
  });

  it("delivers both ways across regions (independent checker)", () => {
    const report = checkReachability(tf, sitesFromTopology(topology));
    expect([...report.delivered].sort()).toEqual(["app-vpc->data-vpc", "data-vpc->app-vpc"]);
  });
});

describe("VpcPeeringSameAccountStack: bad input", () => {
  const base = vpcPeeringSameAccount();

  it("fails when the VPC CIDRs overlap, naming both paths and the value", () => {
    // GIVEN
    const t: Topology = {
      ...base,
      vpcs: base.vpcs.map((v) =>
        v.name === "data-vpc"
          ? { ...v, cidr: "10.1.0.0/16", vswitches: [{ name: "data-1", zone: "cn-hangzhou-i", cidr: "10.1.1.0/24" }] }
          : v,
      ),
    };
    // WHEN / THEN
    expect(() => synth(t)).toThrow(TopologyError);
    expect(() => synth(t)).toThrow(
      /vpc-peering-same-account\.vpcs\[1\]\.cidr = "10\.1\.0\.0\/16": overlaps vpc-peering-same-account\.vpcs\[0\]\.cidr \(10\.1\.0\.0\/16\) of app-vpc/,
    );
  });

  it("fails when `bandwidth` is set on a same-region peering, naming the path and the value", () => {
    // GIVEN
    const t: Topology = {
      ...base,
      links: [{ kind: "peering", name: "app-data", requester: "app-vpc", acceptor: "data-vpc", bandwidth: 10 }],
    };
    // WHEN / THEN
    expect(() => synth(t)).toThrow(/vpc-peering-same-account\.links\[0\]\.bandwidth = 10: is set on a same-region peering \(cn-hangzhou\)/);
  });
});

describe("stacks/index.ts", () => {
  it("names a stack <scenario>-<env>", () => {
    expect(stackName("shared-nat", "prod")).toBe("shared-nat-prod");
  });

  it("builds one stack per scenario, each named <scenario>-<env>", () => {
    // GIVEN
    const app = Testing.app();
    // WHEN
    stacksFor(app, defaultTopologies(), "dev");
    // THEN
    expect(app.node.children.map((s) => s.node.id)).toEqual(expect.arrayContaining(SCENARIOS.map((s) => `${s}-dev`)));
    expect(app.node.findChild("vpc-peering-same-account-dev")).toBeInstanceOf(VpcPeeringSameAccountStack);
    expect(app.node.findChild("vpc-peering-cross-account-dev")).toBeInstanceOf(VpcPeeringCrossAccountStack);
    expect(app.node.findChild("shared-nat-dev")).toBeInstanceOf(SharedNatStack);
  });
});
