import { Testing } from "cdktf";
import { vpcPeeringCrossAccount } from "../fixtures/seeds/vpc-peering";
import { checkReachability, INTERNET_NETWORK } from "../../lib/analysis/reachability";
import { sitesFromTopology, Topology, TopologyError } from "../../lib/topology";
import { VpcPeeringCrossAccountStack } from "../../stacks";
import { address, Block, findOne, only, ref, resourceCounts, resources, synthJson, TfJson } from "../constructs/tf-json";

const REQUESTER = "alicloud.requester_cn_hangzhou";
const ACCEPTOR = "alicloud.acceptor_cn_hangzhou";

/** Synthesizes the stack with `runValidations` on, so any `addValidation` rule fires too. */
function synth(topology: Topology): TfJson {
  return synthJson(new VpcPeeringCrossAccountStack(Testing.app(), "vpc-peering-cross-account-test", { topology }), true);
}

/** The default topology with the acceptor assuming a RAM role. */
function withAcceptorRole(): Topology {
  const t = vpcPeeringCrossAccount();
  return {
    ...t,
    accounts: t.accounts.map((a) =>
      a.name === "acceptor" ? { ...a, credentials: { ...a.credentials, roleArn: "acs:ram::123456789012:role/peering" } } : a,
    ),
  };
}

const vpcKey = (tf: TfJson, name: string) => findOne(tf, "alicloud_vpc", (b) => b.vpc_name === name).key;
const routeOf = (tf: TfJson, vpc: string) =>
  findOne(tf, "alicloud_route_entry", (b) => b.route_table_id === ref("alicloud_vpc", vpcKey(tf, vpc), "route_table_id"));
const providersByAlias = (tf: TfJson): Record<string, Block> =>
  Object.fromEntries((tf.provider?.alicloud ?? []).map((p) => [String(p.alias), p]));

describe("VpcPeeringCrossAccountStack (default topology)", () => {
  // GIVEN the default topology; WHEN the stack is synthesized (once); THEN each test below
  const topology = vpcPeeringCrossAccount();
  let tf: TfJson;
  beforeAll(() => {
    tf = synth(topology);
  });

  it("emits exactly the expected resources and one account lookup", () => {
    expect(resourceCounts(tf)).toEqual({
      alicloud_vpc: 2,
      alicloud_vswitch: 2,
      alicloud_vpc_peer_connection: 1,
      alicloud_vpc_peer_connection_accepter: 1,
      alicloud_route_entry: 2,
      alicloud_security_group: 2,
      alicloud_security_group_rule: 4,
    });
    expect(Object.keys(tf.data ?? {})).toEqual(["alicloud_account"]);
    expect(Object.keys(tf.data?.alicloud_account ?? {})).toHaveLength(1);
  });

  it("declares one provider per account, each by CLI profile, with no role and no role variable", () => {
    expect(providersByAlias(tf)).toEqual({
      requester_cn_hangzhou: {
        alias: "requester_cn_hangzhou",
        region: "cn-hangzhou",
        profile: "requester",
        configuration_source: "alicloud-hybrid-network-cdktf",
      },
      acceptor_cn_hangzhou: {
        alias: "acceptor_cn_hangzhou",
        region: "cn-hangzhou",
        profile: "acceptor",
        configuration_source: "alicloud-hybrid-network-cdktf",
      },
    });
    expect(tf.variable).toBeUndefined();
  });

  it("puts the requester's VPC, vSwitch, peer connection, route and security group on the requester provider", () => {
    const vpc = vpcKey(tf, "requester-vpc");
    expect(resources(tf, "alicloud_vpc")[vpc]?.provider).toBe(REQUESTER);
    expect(findOne(tf, "alicloud_vswitch", (b) => b.vpc_id === ref("alicloud_vpc", vpc, "id")).body.provider).toBe(REQUESTER);
    expect(only(tf, "alicloud_vpc_peer_connection").body.provider).toBe(REQUESTER);
    expect(routeOf(tf, "requester-vpc").body.provider).toBe(REQUESTER);
    const sg = findOne(tf, "alicloud_security_group", (b) => b.vpc_id === ref("alicloud_vpc", vpc, "id"));
    expect(sg.body.provider).toBe(REQUESTER);
    const rules = Object.values(resources(tf, "alicloud_security_group_rule")).filter(
      (r) => r.security_group_id === ref("alicloud_security_group", sg.key, "id"),
    );
    expect(rules.map((r) => r.provider)).toEqual([REQUESTER, REQUESTER]);
  });

  it("puts the accepter, the acceptor's VPC, vSwitch, route and security group on the acceptor provider", () => {
    const vpc = vpcKey(tf, "acceptor-vpc");
    expect(only(tf, "alicloud_vpc_peer_connection_accepter").body.provider).toBe(ACCEPTOR);
    expect(resources(tf, "alicloud_vpc")[vpc]?.provider).toBe(ACCEPTOR);
    expect(findOne(tf, "alicloud_vswitch", (b) => b.vpc_id === ref("alicloud_vpc", vpc, "id")).body.provider).toBe(ACCEPTOR);
    expect(routeOf(tf, "acceptor-vpc").body.provider).toBe(ACCEPTOR);
    const sg = findOne(tf, "alicloud_security_group", (b) => b.vpc_id === ref("alicloud_vpc", vpc, "id"));
    expect(sg.body.provider).toBe(ACCEPTOR);
    const rules = Object.values(resources(tf, "alicloud_security_group_rule")).filter(
      (r) => r.security_group_id === ref("alicloud_security_group", sg.key, "id"),
    );
    expect(rules.map((r) => r.provider)).toEqual([ACCEPTOR, ACCEPTOR]);
  });

  it("reads the acceptor's UID through the acceptor provider and sends it as accepting_ali_uid", () => {
    const account = only(tf, "alicloud_account", "data");
    expect(account.body.provider).toBe(ACCEPTOR);
    const pc = only(tf, "alicloud_vpc_peer_connection").body;
    expect(pc.accepting_ali_uid).toMatch(/^\$\{data\.alicloud_account\..+\.id\}$/);
    expect(pc.accepting_ali_uid).toBe(`\${data.alicloud_account.${account.key}.id}`);
    expect(pc).toMatchObject({
      accepting_region_id: "cn-hangzhou",
      vpc_id: ref("alicloud_vpc", vpcKey(tf, "requester-vpc"), "id"),
      accepting_vpc_id: ref("alicloud_vpc", vpcKey(tf, "acceptor-vpc"), "id"),
    });
    expect(pc).not.toHaveProperty("bandwidth");
  });

  it("accepts the request it made and routes both sides only once it is accepted", () => {
    const pc = only(tf, "alicloud_vpc_peer_connection").key;
    const accepter = only(tf, "alicloud_vpc_peer_connection_accepter");
    expect(accepter.body.instance_id).toBe(ref("alicloud_vpc_peer_connection", pc, "id"));
    for (const [vpc, dest] of [
      ["requester-vpc", "10.4.0.0/16"],
      ["acceptor-vpc", "10.3.0.0/16"],
    ] as const) {
      const r = routeOf(tf, vpc).body;
      expect(r).toMatchObject({
        destination_cidrblock: dest,
        nexthop_type: "VpcPeer",
        nexthop_id: ref("alicloud_vpc_peer_connection", pc, "id"),
      });
      expect(r.depends_on).toEqual([address("alicloud_vpc_peer_connection_accepter", accepter.key)]);
    }
  });

  it("outputs the VPC IDs and the peering ID", () => {
    expect(Object.keys(tf.output ?? {}).sort()).toEqual(["peering_id_req_acc", "vpc_id_acceptor_vpc", "vpc_id_requester_vpc"]);
    expect(tf.output?.vpc_id_acceptor_vpc?.value).toBe(ref("alicloud_vpc", vpcKey(tf, "acceptor-vpc"), "id"));
    expect(tf.output?.peering_id_req_acc?.value).toBe(
      ref("alicloud_vpc_peer_connection", only(tf, "alicloud_vpc_peer_connection").key, "id"),
    );
  });

  it("delivers both ways between the VPCs and nothing to or from the internet (independent checker)", () => {
    const report = checkReachability(tf, sitesFromTopology(topology));
    expect(report.get("requester-vpc", "acceptor-vpc").status).toBe("delivered");
    expect(report.get("acceptor-vpc", "requester-vpc").status).toBe("delivered");
    for (const vpc of ["requester-vpc", "acceptor-vpc"]) {
      expect(report.get(vpc, INTERNET_NETWORK).status).toBe("blackholed");
      expect(report.get(INTERNET_NETWORK, vpc).status).toBe("blackholed");
    }
    expect([...report.delivered].sort()).toEqual(["acceptor-vpc->requester-vpc", "requester-vpc->acceptor-vpc"]);
  });
});

describe("VpcPeeringCrossAccountStack with an acceptor role ARN", () => {
  it("declares `acceptor_role_arn` (defaulting to the configured ARN) and assumes it in the acceptor provider only", () => {
    // GIVEN
    const t = withAcceptorRole();
    // WHEN
    const tf = synth(t);
    // THEN
    expect(tf.variable).toEqual({
      acceptor_role_arn: {
        type: "string",
        default: "acs:ram::123456789012:role/peering",
        description: "RAM role assumed for account acceptor",
      },
    });
    const byAlias = providersByAlias(tf);
    expect(byAlias.acceptor_cn_hangzhou?.assume_role).toEqual({ role_arn: "${var.acceptor_role_arn}", session_name: "terraform" });
    expect(byAlias.acceptor_cn_hangzhou?.profile).toBe("acceptor");
    expect(byAlias.requester_cn_hangzhou).not.toHaveProperty("assume_role");
  });

  it("still looks the UID up through the (role-assuming) acceptor provider", () => {
    // GIVEN / WHEN
    const tf = synth(withAcceptorRole());
    // THEN
    expect(only(tf, "alicloud_account", "data").body.provider).toBe(ACCEPTOR);
    expect(only(tf, "alicloud_vpc_peer_connection_accepter").body.provider).toBe(ACCEPTOR);
  });
});

describe("VpcPeeringCrossAccountStack with the acceptor UID in config", () => {
  it("sends the configured UID and looks nothing up", () => {
    // GIVEN
    const base = vpcPeeringCrossAccount();
    const t: Topology = {
      ...base,
      accounts: base.accounts.map((a) =>
        a.name === "acceptor" ? { name: "acceptor", uid: "123456789012", credentials: { profile: "acceptor" } } : a,
      ),
    };
    // WHEN
    const tf = synth(t);
    // THEN
    expect(tf.data).toBeUndefined();
    expect(String(only(tf, "alicloud_vpc_peer_connection").body.accepting_ali_uid)).toBe("123456789012");
    expect(only(tf, "alicloud_vpc_peer_connection_accepter").body.provider).toBe(ACCEPTOR);
  });
});

describe("VpcPeeringCrossAccountStack: bad input", () => {
  it("fails when the acceptor account has neither `uid` nor resolveUidAtPlan, naming the path and value", () => {
    // GIVEN
    const base = vpcPeeringCrossAccount();
    const t: Topology = {
      ...base,
      accounts: base.accounts.map((a) => (a.name === "acceptor" ? { name: "acceptor", credentials: { profile: "acceptor" } } : a)),
    };
    // WHEN / THEN
    expect(() => synth(t)).toThrow(TopologyError);
    expect(() => synth(t)).toThrow(
      /vpc-peering-cross-account\.links\[0\]\.acceptor = "acceptor-vpc": is a cross-account link but account acceptor has no `uid`/,
    );
  });

  it("fails when the acceptor's `uid` is not an account UID, naming the path and value", () => {
    // GIVEN
    const base = vpcPeeringCrossAccount();
    const t: Topology = { ...base, accounts: base.accounts.map((a) => (a.name === "acceptor" ? { ...a, uid: "acc-42" } : a)) };
    // WHEN / THEN
    expect(() => synth(t)).toThrow(/vpc-peering-cross-account\.accounts\[1\]\.uid = "acc-42": is not an account UID/);
  });

  it("fails when the VPC CIDRs overlap, naming the path and value", () => {
    // GIVEN
    const base = vpcPeeringCrossAccount();
    const t: Topology = {
      ...base,
      vpcs: base.vpcs.map((v) =>
        v.name === "acceptor-vpc"
          ? { ...v, cidr: "10.3.0.0/16", vswitches: [{ name: "acc-h", zone: "cn-hangzhou-h", cidr: "10.3.1.0/24" }] }
          : v,
      ),
    };
    // WHEN / THEN
    expect(() => synth(t)).toThrow(
      /vpc-peering-cross-account\.vpcs\[1\]\.cidr = "10\.3\.0\.0\/16": overlaps vpc-peering-cross-account\.vpcs\[0\]\.cidr/,
    );
  });
});
