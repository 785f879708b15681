import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { ExpressConnectRouterInterface } from "../../.gen/providers/alicloud/express-connect-router-interface";
import { RouterEndpoint, RouterInterfacePair, RouterInterfacePairProps, RouterType } from "../../lib/constructs/router-interface-pair";
import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { RouterInterfaceSpecification } from "../../lib/topology";
import { address, aliasedProvider, Block, findOne, Found, newStack, providerRef, ref, resources, synthJson, TfJson } from "./tf-json";

interface Ends {
  readonly stack: TerraformStack;
  readonly us: VpcNetwork;
  readonly cn: VpcNetwork;
}

/** us-vpc (main/us-east-1, initiator) and cn-vpc (`cnAccount`/cn-shanghai, acceptor). */
function ends(cnAccount = "main"): Ends {
  const stack = newStack();
  const us = new VpcNetwork(stack, "Us", {
    name: "us-vpc",
    region: "us-east-1",
    cidrBlock: "172.16.0.0/16",
    provider: aliasedProvider(stack, "main", "us-east-1"),
    vswitches: [{ name: "us-a", zone: "us-east-1a", cidr: "172.16.0.0/24" }],
  });
  const cn = new VpcNetwork(stack, "Cn", {
    name: "cn-vpc",
    region: "cn-shanghai",
    cidrBlock: "172.17.0.0/16",
    provider: aliasedProvider(stack, cnAccount, "cn-shanghai"),
    vswitches: [{ name: "cn-b", zone: "cn-shanghai-b", cidr: "172.17.0.0/24" }],
  });
  return { stack, us, cn };
}

function endpoint(v: VpcNetwork, ownerUid?: string): RouterEndpoint {
  return { routerType: RouterType.VROUTER, routerId: v.routerId, region: v.region, provider: v.provider, label: v.name, ownerUid };
}

function pairOf(e: Ends, extra: Partial<RouterInterfacePairProps> = {}): RouterInterfacePair {
  return new RouterInterfacePair(e.stack, "UsCn", { name: "us-cn", initiator: endpoint(e.us), acceptor: endpoint(e.cn), ...extra });
}

const RI = "alicloud_express_connect_router_interface";
const CONN = "alicloud_router_interface_connection";
const vpcKey = (tf: TfJson, name: string) => findOne(tf, "alicloud_vpc", (b) => b.vpc_name === name).key;
const initiating = (tf: TfJson): Found => findOne(tf, RI, (b) => b.role === "InitiatingSide");
const accepting = (tf: TfJson): Found => findOne(tf, RI, (b) => b.role === "AcceptingSide");
const connectionFrom = (tf: TfJson, iface: Found): Found => findOne(tf, CONN, (b: Block) => b.interface_id === ref(RI, iface.key, "id"));

describe("RouterInterfacePair", () => {
  it("creates the initiating interface on the initiator's router with the spec, pointing at the acceptor", () => {
    // GIVEN
    const e = ends();
    // WHEN
    pairOf(e);
    // THEN
    const tf = synthJson(e.stack);
    expect(Object.keys(resources(tf, RI))).toHaveLength(2);
    const i = initiating(tf).body;
    expect(i).toMatchObject({
      provider: providerRef("main", "us-east-1"),
      router_type: "VRouter",
      spec: "Large.2",
      opposite_region_id: "cn-shanghai",
      opposite_router_type: "VRouter",
      payment_type: "PayAsYouGo",
      router_interface_name: "us-cn-us-vpc",
      description: "us-vpc -> cn-vpc",
    });
    expect(i.router_id).toMatch(/^\$\{alicloud_vpc\..+\.router_id\}$/);
    expect(i.router_id).toBe(ref("alicloud_vpc", vpcKey(tf, "us-vpc"), "router_id"));
    expect(i.opposite_router_id).toBe(ref("alicloud_vpc", vpcKey(tf, "cn-vpc"), "router_id"));
  });

  it("creates the accepting interface with spec `Negative` on the acceptor's router and provider", () => {
    // GIVEN
    const e = ends();
    // WHEN
    pairOf(e, { spec: RouterInterfaceSpecification.SMALL_1 });
    // THEN: the chosen spec is only on the initiating side
    const tf = synthJson(e.stack);
    expect(initiating(tf).body.spec).toBe("Small.1");
    const a = accepting(tf).body;
    expect(a).toMatchObject({
      provider: providerRef("main", "cn-shanghai"),
      router_type: "VRouter",
      spec: "Negative",
      opposite_region_id: "us-east-1",
      opposite_router_type: "VRouter",
      payment_type: "PayAsYouGo",
      router_interface_name: "us-cn-cn-vpc",
      description: "cn-vpc <- us-vpc",
    });
    expect(a.router_id).toBe(ref("alicloud_vpc", vpcKey(tf, "cn-vpc"), "router_id"));
    expect(a.opposite_router_id).toBe(ref("alicloud_vpc", vpcKey(tf, "us-vpc"), "router_id"));
  });

  it("connects both sides, each connection on its own side's provider naming the opposite interface", () => {
    // GIVEN
    const e = ends();
    // WHEN
    pairOf(e);
    // THEN
    const tf = synthJson(e.stack);
    expect(Object.keys(resources(tf, CONN))).toHaveLength(2);
    const ini = initiating(tf);
    const acc = accepting(tf);
    const fromAcc = connectionFrom(tf, acc).body;
    const fromIni = connectionFrom(tf, ini).body;
    expect(fromAcc.provider).toBe(providerRef("main", "cn-shanghai"));
    expect(fromAcc.opposite_interface_id).toBe(ref(RI, ini.key, "id"));
    expect(fromIni.provider).toBe(providerRef("main", "us-east-1"));
    expect(fromIni.opposite_interface_id).toBe(ref(RI, acc.key, "id"));
  });

  it("starts the connection from the accepting side: the initiating connection depends on the accepting one", () => {
    // GIVEN
    const e = ends();
    // WHEN
    pairOf(e);
    // THEN
    const tf = synthJson(e.stack);
    const fromAcc = connectionFrom(tf, accepting(tf));
    const fromIni = connectionFrom(tf, initiating(tf));
    expect(fromIni.body.depends_on).toEqual([address(CONN, fromAcc.key)]);
    expect(fromAcc.body.depends_on).toBeUndefined();
  });

  it("sends no owner or opposite router on the connections within one account", () => {
    // GIVEN
    const e = ends();
    // WHEN
    pairOf(e);
    // THEN
    const tf = synthJson(e.stack);
    for (const c of Object.values(resources(tf, CONN))) {
      expect(c).not.toHaveProperty("opposite_interface_owner_id");
      expect(c).not.toHaveProperty("opposite_router_id");
      expect(c).not.toHaveProperty("opposite_router_type");
    }
    for (const i of Object.values(resources(tf, RI))) expect(i).not.toHaveProperty("opposite_interface_owner_id");
  });

  it("names the opposite owner, router and router type on both sides across accounts", () => {
    // GIVEN
    const e = ends("partner");
    // WHEN
    new RouterInterfacePair(e.stack, "UsCn", {
      name: "us-cn",
      initiator: endpoint(e.us, "111111111111"),
      acceptor: endpoint(e.cn, "222222222222"),
    });
    // THEN
    const tf = synthJson(e.stack);
    const ini = initiating(tf);
    const acc = accepting(tf);
    expect(acc.body.provider).toBe(providerRef("partner", "cn-shanghai"));
    expect(ini.body.opposite_interface_owner_id).toBe("222222222222");
    expect(acc.body.opposite_interface_owner_id).toBe("111111111111");
    expect(connectionFrom(tf, acc).body).toMatchObject({
      opposite_interface_owner_id: "111111111111",
      opposite_router_id: ref("alicloud_vpc", vpcKey(tf, "us-vpc"), "router_id"),
      opposite_router_type: "VRouter",
    });
    expect(connectionFrom(tf, ini).body).toMatchObject({
      opposite_interface_owner_id: "222222222222",
      opposite_router_id: ref("alicloud_vpc", vpcKey(tf, "cn-vpc"), "router_id"),
      opposite_router_type: "VRouter",
    });
  });

  it("puts the health check on the initiating interface only, with defaults 2000 ms and 8 probes", () => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      const stack = scope as TerraformStack;
      const vbrProvider = aliasedProvider(stack, "main", "cn-beijing");
      const vpc = new VpcNetwork(stack, "Vpc", {
        name: "bj-vpc",
        region: "cn-beijing",
        cidrBlock: "10.1.0.0/16",
        provider: vbrProvider,
        vswitches: [{ name: "bj-a", zone: "cn-beijing-a", cidr: "10.1.0.0/24" }],
      });
      new RouterInterfacePair(stack, "IdcLink", {
        name: "idc-link",
        initiator: {
          routerType: RouterType.VBR,
          routerId: "vbr-123",
          region: "cn-beijing",
          provider: vbrProvider,
          label: "bj-idc",
          accessPointId: "ap-cn-beijing-ft-A",
        },
        acceptor: endpoint(vpc),
        healthCheck: { sourceIp: "10.1.255.1", targetIp: "192.168.10.1" },
      });
    });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(ExpressConnectRouterInterface, {
      role: "InitiatingSide",
      router_type: "VBR",
      router_id: "vbr-123",
      access_point_id: "ap-cn-beijing-ft-A",
      health_check_source_ip: "10.1.255.1",
      health_check_target_ip: "192.168.10.1",
      hc_rate: 2000,
      hc_threshold: "8",
    });
    expect(synthesized).toHaveResourceWithProperties(ExpressConnectRouterInterface, {
      role: "AcceptingSide",
      router_type: "VRouter",
      opposite_router_type: "VBR",
      opposite_access_point_id: "ap-cn-beijing-ft-A",
    });
    const tf = JSON.parse(synthesized) as TfJson;
    const a = accepting(tf).body;
    for (const k of ["health_check_source_ip", "health_check_target_ip", "hc_rate", "hc_threshold"]) expect(a).not.toHaveProperty(k);
  });

  it("ignores the fields Read fills on a connected pair: opposite interface and owner on both, health-check rates where none is configured", () => {
    // GIVEN a pair without a health check / WHEN
    const e = ends();
    pairOf(e);
    const tf = synthJson(e.stack);
    // THEN
    for (const side of [initiating(tf), accepting(tf)]) {
      expect(side.body.lifecycle.ignore_changes).toEqual([
        "opposite_interface_id",
        "opposite_interface_owner_id",
        "hc_rate",
        "hc_threshold",
      ]);
    }
  });

  it("keeps a configured health check's rate and threshold under management", () => {
    const e = ends();
    pairOf(e, { healthCheck: { sourceIp: "172.16.255.1", targetIp: "172.17.0.10" } });
    const tf = synthJson(e.stack);
    expect(initiating(tf).body.lifecycle.ignore_changes).toEqual(["opposite_interface_id", "opposite_interface_owner_id"]);
    expect(accepting(tf).body.lifecycle.ignore_changes).toEqual([
      "opposite_interface_id",
      "opposite_interface_owner_id",
      "hc_rate",
      "hc_threshold",
    ]);
  });

  it("uses the given health-check rate and threshold", () => {
    // GIVEN
    const e = ends();
    // WHEN
    pairOf(e, { healthCheck: { sourceIp: "172.16.255.1", targetIp: "172.17.0.10", rateMs: 1000, threshold: 3 } });
    // THEN
    expect(initiating(synthJson(e.stack)).body).toMatchObject({ hc_rate: 1000, hc_threshold: "3" });
  });

  it("exposes each side's interface id for that side's routes", () => {
    // GIVEN
    const e = ends();
    const pair = pairOf(e);
    // WHEN
    new TerraformOutput(e.stack, "ini", { value: pair.interfaceIdOn("initiator") });
    new TerraformOutput(e.stack, "acc", { value: pair.interfaceIdOn("acceptor") });
    // THEN
    const tf = synthJson(e.stack);
    expect(tf.output?.ini?.value).toBe(ref(RI, initiating(tf).key, "id"));
    expect(tf.output?.acc?.value).toBe(ref(RI, accepting(tf).key, "id"));
  });

  it("fails when `healthCheck.sourceIp` is not an IPv4 address", () => {
    // GIVEN
    const e = ends();
    // WHEN / THEN
    expect(() => pairOf(e, { healthCheck: { sourceIp: "10.1.255", targetIp: "172.17.0.10" } })).toThrow(
      /`healthCheck\.sourceIp` 10\.1\.255 of router-interface pair us-cn is not an IPv4 address/,
    );
  });

  it("fails when `healthCheck.targetIp` is not an IPv4 address", () => {
    // GIVEN
    const e = ends();
    // WHEN / THEN
    expect(() => pairOf(e, { healthCheck: { sourceIp: "172.16.255.1", targetIp: "idc-router" } })).toThrow(
      /`healthCheck\.targetIp` idc-router of router-interface pair us-cn is not an IPv4 address/,
    );
  });

  it("fails when a VBR initiator has no `initiator.accessPointId`", () => {
    // GIVEN
    const e = ends();
    // WHEN / THEN
    expect(
      () =>
        new RouterInterfacePair(e.stack, "IdcLink", {
          name: "idc-link",
          initiator: { routerType: RouterType.VBR, routerId: "vbr-123", region: "cn-shanghai", provider: e.cn.provider, label: "sh-idc" },
          acceptor: endpoint(e.cn),
        }),
    ).toThrow(/`initiator\.accessPointId` is required for the VBR end of router-interface pair idc-link/);
  });
});
