import { TerraformStack } from "cdktf";
import { sharedNat } from "../fixtures/seeds/shared-nat";
import { vpcPeeringCrossAccount, vpcPeeringSameAccount } from "../fixtures/seeds/vpc-peering";
import { HybridNetwork } from "../../lib/constructs/hybrid-network";
import { ProviderMatrix } from "../../lib/constructs/providers";
import { checkReachability } from "../../lib/analysis/reachability";
import { sitesFromTopology, Topology, TopologyError } from "../../lib/topology";
import {
  address,
  allResources,
  dataSources,
  findOne,
  Found,
  newStack,
  only,
  providerRef,
  ref,
  resources,
  synthJson,
  TfJson,
} from "./tf-json";

function build(topology: Topology, stack: TerraformStack = newStack()): { stack: TerraformStack; net: HybridNetwork; tf: TfJson } {
  const providers = new ProviderMatrix(stack, "Providers", { topology });
  const net = new HybridNetwork(stack, "Network", { topology, providers });
  return { stack, net, tf: synthJson(stack) };
}

const vpcKey = (tf: TfJson, name: string) => findOne(tf, "alicloud_vpc", (b) => b.vpc_name === name).key;
/** The route entry of VPC `vpc`'s table towards `destination`. */
const route = (tf: TfJson, vpc: string, destination: string): Found =>
  findOne(
    tf,
    "alicloud_route_entry",
    (b) => b.route_table_id === ref("alicloud_vpc", vpcKey(tf, vpc), "route_table_id") && b.destination_cidrblock === destination,
  );

/** Same-account peering with common and per-VPC tags. */
function taggedPeering(): Topology {
  const t = vpcPeeringSameAccount();
  return {
    ...t,
    tags: { Environment: "dev", Team: "net" },
    vpcs: t.vpcs.map((v) => (v.name === "app-vpc" ? { ...v, tags: { Team: "app", Tier: "web" } } : v)),
  };
}

/** us-vpc (us-east-1) and cn-vpc (cn-shanghai) joined by a router-interface pair. */
function routerInterfaceTopology(crossAccount = false): Topology {
  return {
    name: "ri-pair",
    accounts: crossAccount
      ? [
          { name: "us", uid: "111111111111" },
          { name: "cn", uid: "222222222222" },
        ]
      : [{ name: "main" }],
    vpcs: [
      {
        name: "us-vpc",
        account: crossAccount ? "us" : "main",
        region: "us-east-1",
        cidr: "172.16.0.0/16",
        vswitches: [{ name: "us-a", zone: "us-east-1a", cidr: "172.16.0.0/24" }],
      },
      {
        name: "cn-vpc",
        account: crossAccount ? "cn" : "main",
        region: "cn-shanghai",
        cidr: "172.17.0.0/16",
        vswitches: [{ name: "sh-e", zone: "cn-shanghai-e", cidr: "172.17.0.0/24" }],
      },
    ],
    links: [{ kind: "router-interface", name: "us-cn", from: "us-vpc", to: "cn-vpc" }],
  };
}

describe("HybridNetwork: VPCs and tags", () => {
  it("creates every topology VPC with its vSwitches on the provider of its account and region", () => {
    // GIVEN / WHEN
    const { net, tf } = build(vpcPeeringSameAccount("cn-shanghai"));
    // THEN
    expect([...net.vpcs.keys()]).toEqual(["app-vpc", "data-vpc"]);
    expect(findOne(tf, "alicloud_vpc", (b) => b.vpc_name === "app-vpc").body).toMatchObject({
      cidr_block: "10.1.0.0/16",
      provider: providerRef("main", "cn-hangzhou"),
    });
    expect(findOne(tf, "alicloud_vpc", (b) => b.vpc_name === "data-vpc").body).toMatchObject({
      cidr_block: "10.2.0.0/16",
      provider: providerRef("main", "cn-shanghai"),
    });
    expect(findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === "data-vpc-data-1").body).toMatchObject({
      cidr_block: "10.2.0.0/24",
      zone_id: "cn-shanghai-a",
      provider: providerRef("main", "cn-shanghai"),
    });
  });

  it("tags VPCs and vSwitches { Name, ...topology tags, ...VPC tags } and links and groups { Name, ...topology tags }", () => {
    // GIVEN / WHEN
    const { tf } = build(taggedPeering());
    // THEN
    expect(findOne(tf, "alicloud_vpc", (b) => b.vpc_name === "app-vpc").body.tags).toEqual({
      Name: "app-vpc",
      Environment: "dev",
      Team: "app",
      Tier: "web",
    });
    expect(findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === "app-vpc-app-h").body.tags).toEqual({
      Name: "app-vpc-app-h",
      Environment: "dev",
      Team: "app",
      Tier: "web",
    });
    expect(findOne(tf, "alicloud_vpc", (b) => b.vpc_name === "data-vpc").body.tags).toEqual({
      Name: "data-vpc",
      Environment: "dev",
      Team: "net",
    });
    expect(only(tf, "alicloud_vpc_peer_connection").body.tags).toEqual({ Name: "app-data", Environment: "dev", Team: "net" });
    expect(findOne(tf, "alicloud_security_group", (b) => b.security_group_name === "app-vpc-admit-topology").body.tags).toEqual({
      Name: "app-vpc-admit-topology",
      Environment: "dev",
      Team: "net",
    });
  });
});

describe("HybridNetwork: peering", () => {
  it("routes each VPC to the other over the peer connection, named after the network", () => {
    // GIVEN / WHEN
    const { net, tf } = build(vpcPeeringSameAccount());
    // THEN
    const pc = only(tf, "alicloud_vpc_peer_connection");
    expect([...net.routeTables.keys()].sort()).toEqual(["vpc:app-vpc", "vpc:data-vpc"]);
    for (const [vpc, dest, name] of [
      ["app-vpc", "10.2.0.0/16", "to-data-vpc"],
      ["data-vpc", "10.1.0.0/16", "to-app-vpc"],
    ] as const) {
      const r = route(tf, vpc, dest).body;
      expect(r).toMatchObject({ nexthop_type: "VpcPeer", name, provider: providerRef("main", "cn-hangzhou") });
      expect(r.nexthop_id).toBe(ref("alicloud_vpc_peer_connection", pc.key, "id"));
      expect(r.depends_on).toEqual([address("alicloud_vpc_peer_connection", pc.key)]);
    }
    expect(Object.keys(resources(tf, "alicloud_route_entry"))).toHaveLength(2);
  });

  it("admits in each VPC's security group its own CIDR and every network that reaches it, nothing else", () => {
    // GIVEN / WHEN
    const { tf } = build(vpcPeeringSameAccount());
    // THEN
    for (const vpc of ["app-vpc", "data-vpc"]) {
      const sg = findOne(tf, "alicloud_security_group", (b) => b.security_group_name === `${vpc}-admit-topology`).key;
      const rules = Object.values(resources(tf, "alicloud_security_group_rule"))
        .filter((r) => r.security_group_id === ref("alicloud_security_group", sg, "id"))
        .map((r) => `${r.cidr_ip} ${r.description}`)
        .sort();
      expect(rules).toEqual(["10.1.0.0/16 from app-vpc", "10.2.0.0/16 from data-vpc"]);
    }
  });

  it("creates one data.alicloud_account per acceptor account, through that account's provider, with both accepters on it", () => {
    // GIVEN: two acceptor VPCs in the same acceptor account
    const base = vpcPeeringCrossAccount();
    const t: Topology = {
      ...base,
      vpcs: [
        ...base.vpcs,
        {
          name: "acceptor-vpc2",
          account: "acceptor",
          region: "cn-hangzhou",
          cidr: "10.5.0.0/16",
          vswitches: [{ name: "acc2-h", zone: "cn-hangzhou-h", cidr: "10.5.0.0/24" }],
        },
      ],
      links: [...base.links, { kind: "peering", name: "req-acc2", requester: "requester-vpc", acceptor: "acceptor-vpc2" }],
    };
    // WHEN
    const { tf } = build(t);
    // THEN
    const data = only(tf, "alicloud_account", "data");
    expect(data.body.provider).toBe(providerRef("acceptor", "cn-hangzhou"));
    const uids = Object.values(resources(tf, "alicloud_vpc_peer_connection")).map((p) => p.accepting_ali_uid);
    expect(uids).toEqual([`\${data.alicloud_account.${data.key}.id}`, `\${data.alicloud_account.${data.key}.id}`]);
    expect(Object.values(resources(tf, "alicloud_vpc_peer_connection_accepter")).map((a) => a.provider)).toEqual([
      providerRef("acceptor", "cn-hangzhou"),
      providerRef("acceptor", "cn-hangzhou"),
    ]);
  });

  it("uses a configured account UID instead of looking it up", () => {
    // GIVEN
    const base = vpcPeeringCrossAccount();
    const t: Topology = {
      ...base,
      accounts: [base.accounts[0]!, { name: "acceptor", uid: "123456789012", credentials: { profile: "acceptor" } }],
    };
    // WHEN
    const { tf } = build(t);
    // THEN
    expect(dataSources(tf, "alicloud_account")).toEqual({});
    expect(String(only(tf, "alicloud_vpc_peer_connection").body.accepting_ali_uid)).toBe("123456789012");
  });

  it("makes cross-account routes on both sides wait for the accepter", () => {
    // GIVEN / WHEN
    const { tf } = build(vpcPeeringCrossAccount());
    // THEN
    const accepter = address("alicloud_vpc_peer_connection_accepter", only(tf, "alicloud_vpc_peer_connection_accepter").key);
    expect(route(tf, "requester-vpc", "10.4.0.0/16").body).toMatchObject({
      depends_on: [accepter],
      provider: providerRef("requester", "cn-hangzhou"),
    });
    expect(route(tf, "acceptor-vpc", "10.3.0.0/16").body).toMatchObject({
      depends_on: [accepter],
      provider: providerRef("acceptor", "cn-hangzhou"),
    });
  });
});

describe("HybridNetwork: router-interface pair", () => {
  it("creates the pair with the initiator on `from` and the acceptor on `to`", () => {
    // GIVEN / WHEN
    const { net, tf } = build(routerInterfaceTopology());
    // THEN
    expect([...net.interconnects.keys()]).toEqual(["us-cn"]);
    expect(net.interconnects.get("us-cn")!.kind).toBe("router-interface");
    expect(net.routerInterfacePairs.size).toBe(0); // only VBR<->VPC pairs live there
    const ri = "alicloud_express_connect_router_interface";
    expect(findOne(tf, ri, (b) => b.role === "InitiatingSide").body).toMatchObject({
      provider: providerRef("main", "us-east-1"),
      router_id: ref("alicloud_vpc", vpcKey(tf, "us-vpc"), "router_id"),
      spec: "Large.2",
      opposite_region_id: "cn-shanghai",
    });
    expect(findOne(tf, ri, (b) => b.role === "AcceptingSide").body).toMatchObject({
      provider: providerRef("main", "cn-shanghai"),
      router_id: ref("alicloud_vpc", vpcKey(tf, "cn-vpc"), "router_id"),
      spec: "Negative",
      opposite_region_id: "us-east-1",
    });
    expect(Object.keys(resources(tf, "alicloud_router_interface_connection"))).toHaveLength(2);
  });

  it("routes each side over its own interface, after the pair is connected", () => {
    // GIVEN / WHEN
    const { tf } = build(routerInterfaceTopology());
    // THEN
    const ri = "alicloud_express_connect_router_interface";
    const ini = findOne(tf, ri, (b) => b.role === "InitiatingSide").key;
    const acc = findOne(tf, ri, (b) => b.role === "AcceptingSide").key;
    const iniConn = findOne(tf, "alicloud_router_interface_connection", (b) => b.interface_id === ref(ri, ini, "id")).key;
    const us = route(tf, "us-vpc", "172.17.0.0/16").body;
    expect(us).toMatchObject({
      nexthop_type: "RouterInterface",
      nexthop_id: ref(ri, ini, "id"),
      provider: providerRef("main", "us-east-1"),
    });
    expect(us.depends_on).toEqual([address("alicloud_router_interface_connection", iniConn)]);
    const cn = route(tf, "cn-vpc", "172.16.0.0/16").body;
    expect(cn).toMatchObject({
      nexthop_type: "RouterInterface",
      nexthop_id: ref(ri, acc, "id"),
      provider: providerRef("main", "cn-shanghai"),
    });
    expect(cn.depends_on).toEqual([address("alicloud_router_interface_connection", iniConn)]);
  });

  it("delivers both ways across the pair (independent checker)", () => {
    // GIVEN
    const t = routerInterfaceTopology();
    // WHEN
    const { tf } = build(t);
    // THEN
    const report = checkReachability(tf, sitesFromTopology(t));
    expect([...report.delivered].sort()).toEqual(["cn-vpc->us-vpc", "us-vpc->cn-vpc"]);
  });

  it("names each side's account as the opposite owner across accounts", () => {
    // GIVEN / WHEN
    const { tf } = build(routerInterfaceTopology(true));
    // THEN
    const ri = "alicloud_express_connect_router_interface";
    expect(findOne(tf, ri, (b) => b.role === "InitiatingSide").body).toMatchObject({
      opposite_interface_owner_id: "222222222222",
      provider: providerRef("us", "us-east-1"),
    });
    expect(findOne(tf, ri, (b) => b.role === "AcceptingSide").body).toMatchObject({
      opposite_interface_owner_id: "111111111111",
      provider: providerRef("cn", "cn-shanghai"),
    });
  });
});

describe("HybridNetwork: shared NAT", () => {
  it("builds the NAT in the hub with SNAT for every hub vSwitch and every spoke", () => {
    // GIVEN / WHEN
    const { net, tf } = build(sharedNat());
    // THEN
    expect([...net.sharedNats.keys()]).toEqual(["egress"]);
    expect(only(tf, "alicloud_nat_gateway").body).toMatchObject({
      nat_type: "Enhanced",
      vpc_id: ref("alicloud_vpc", vpcKey(tf, "hub-vpc"), "id"),
    });
    const sources = Object.values(resources(tf, "alicloud_snat_entry"))
      .map((e) => e.snat_entry_name)
      .sort();
    expect(sources).toEqual(["hub-vpc-hub-app", "hub-vpc-hub-nat", "spoke-vpc"]);
  });

  it("plans the hub's default route as a system route (not emitted) and sends the spoke's over the link to the hub", () => {
    // GIVEN / WHEN
    const { net, tf } = build(sharedNat());
    // THEN the plan keeps the NAT route, marked as added by the API (CreateNatGateway docs) ...
    expect(net.plan.table("vpc", "hub-vpc").routes.find((r) => r.destination === "0.0.0.0/0")).toMatchObject({
      nextHop: { type: "NatGateway", link: "egress" },
      system: true,
    });
    // ... and no alicloud_route_entry duplicates it (the provider's create would fail)
    expect(Object.values(resources(tf, "alicloud_route_entry")).filter((e) => e.nexthop_type === "NatGateway")).toEqual([]);
    const peer = only(tf, "alicloud_vpc_peer_connection").key;
    const spokeToHub = route(tf, "spoke-vpc", "192.168.0.0/16");
    const spokeDefault = route(tf, "spoke-vpc", "0.0.0.0/0").body;
    expect(spokeDefault).toMatchObject({ nexthop_type: "VpcPeer", nexthop_id: ref("alicloud_vpc_peer_connection", peer, "id") });
    expect(spokeDefault.depends_on).toEqual([
      address("alicloud_vpc_peer_connection", peer),
      address("alicloud_route_entry", spokeToHub.key),
    ]);
  });

  it("admits nothing from the internet in any security group", () => {
    // GIVEN / WHEN
    const { tf } = build(sharedNat());
    // THEN
    const cidrs = Object.values(resources(tf, "alicloud_security_group_rule")).map((r) => r.cidr_ip);
    expect(cidrs.length).toBeGreaterThan(0);
    expect(cidrs).not.toContain("0.0.0.0/0");
  });
});

describe("HybridNetwork: validation", () => {
  it("fails when the topology is invalid, listing every problem by path before emitting anything", () => {
    // GIVEN: a vSwitch outside its VPC and bandwidth on a same-region peering
    const base = vpcPeeringSameAccount();
    const t: Topology = {
      ...base,
      vpcs: base.vpcs.map((v) =>
        v.name === "app-vpc" ? { ...v, vswitches: [{ name: "app-h", zone: "cn-hangzhou-h", cidr: "10.9.0.0/24" }] } : v,
      ),
      links: [{ kind: "peering", name: "app-data", requester: "app-vpc", acceptor: "data-vpc", bandwidth: 10 }],
    };
    const stack = newStack();
    const providers = new ProviderMatrix(stack, "Providers", { topology: t });
    // WHEN
    let error: unknown;
    try {
      new HybridNetwork(stack, "Network", { topology: t, providers });
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(TopologyError);
    const message = (error as TopologyError).message;
    expect(message).toMatch(
      /vpc-peering-same-account\.vpcs\[0\]\.vswitches\[0\]\.cidr = "10\.9\.0\.0\/24": is outside its VPC 10\.1\.0\.0\/16/,
    );
    expect(message).toMatch(/vpc-peering-same-account\.links\[0\]\.bandwidth = 10: is set on a same-region peering/);
    expect((error as TopologyError).issues).toHaveLength(2);
    expect(allResources(synthJson(stack))).toEqual([]);
  });
});
