import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Vpc } from "../../.gen/providers/alicloud/vpc";
import { Vswitch } from "../../.gen/providers/alicloud/vswitch";
import { VpcNetwork, VpcNetworkProps } from "../../lib/constructs/vpc-network";
import { aliasedProvider, findOne, newStack, only, providerRef, ref, resources, synthJson } from "./tf-json";

function props(stack: TerraformStack, overrides: Partial<VpcNetworkProps> = {}): VpcNetworkProps {
  return {
    name: "app-vpc",
    region: "cn-hangzhou",
    cidrBlock: "10.1.0.0/16",
    vswitches: [
      { name: "app-a", zone: "cn-hangzhou-h", cidr: "10.1.0.0/24" },
      { name: "app-b", zone: "cn-hangzhou-i", cidr: "10.1.1.0/24" },
    ],
    provider: aliasedProvider(stack, "main", "cn-hangzhou"),
    ...overrides,
  };
}

describe("VpcNetwork", () => {
  it("creates the VPC with its name, CIDR and description through the given provider", () => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      new VpcNetwork(scope, "Net", props(scope as TerraformStack));
    });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(Vpc, {
      vpc_name: "app-vpc",
      cidr_block: "10.1.0.0/16",
      description: "app-vpc (managed by cdktf)",
      provider: "alicloud.main_cn_hangzhou",
    });
  });

  it("creates one vSwitch per spec in the VPC, named <vpc>-<vswitch>, on the same provider", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new VpcNetwork(stack, "Net", props(stack));
    // THEN
    const tf = synthJson(stack);
    const vpc = only(tf, "alicloud_vpc");
    const vsw = resources(tf, "alicloud_vswitch");
    expect(Object.keys(vsw)).toHaveLength(2);
    const a = findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === "app-vpc-app-a").body;
    expect(a).toMatchObject({ zone_id: "cn-hangzhou-h", cidr_block: "10.1.0.0/24", provider: providerRef("main", "cn-hangzhou") });
    const b = findOne(tf, "alicloud_vswitch", (x) => x.vswitch_name === "app-vpc-app-b").body;
    expect(b).toMatchObject({ zone_id: "cn-hangzhou-i", cidr_block: "10.1.1.0/24", provider: providerRef("main", "cn-hangzhou") });
    for (const s of Object.values(vsw)) {
      expect(s.vpc_id).toMatch(/^\$\{alicloud_vpc\..+\.id\}$/);
      expect(s.vpc_id).toBe(ref("alicloud_vpc", vpc.key, "id"));
    }
  });

  it("merges tags as { Name, ...commonTags, ...tags } on the VPC and every vSwitch", () => {
    // GIVEN
    const stack = newStack();
    // WHEN: own tags override common ones, and may even override Name
    new VpcNetwork(
      stack,
      "Net",
      props(stack, {
        commonTags: { Environment: "dev", Team: "platform", CostCenter: "42" },
        tags: { Team: "data" },
      }),
    );
    // THEN
    const tf = synthJson(stack);
    expect(only(tf, "alicloud_vpc").body.tags).toEqual({ Name: "app-vpc", Environment: "dev", Team: "data", CostCenter: "42" });
    expect(findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === "app-vpc-app-a").body.tags).toEqual({
      Name: "app-vpc-app-a",
      Environment: "dev",
      Team: "data",
      CostCenter: "42",
    });
  });

  it("tags with only Name when no tags are given", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new VpcNetwork(stack, "Net", props(stack));
    // THEN
    const tf = synthJson(stack);
    expect(only(tf, "alicloud_vpc").body.tags).toEqual({ Name: "app-vpc" });
    expect(findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === "app-vpc-app-b").body.tags).toEqual({ Name: "app-vpc-app-b" });
  });

  it("lets an own Name tag win over the generated one (documented merge order)", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new VpcNetwork(stack, "Net", props(stack, { tags: { Name: "custom" } }));
    // THEN
    expect(only(synthJson(stack), "alicloud_vpc").body.tags).toEqual({ Name: "custom" });
  });

  it("exposes vpcId, routerId, routeTableId and vswitchId as references to its resources", () => {
    // GIVEN
    const stack = newStack();
    const net = new VpcNetwork(stack, "Net", props(stack));
    // WHEN
    new TerraformOutput(stack, "vpc_id", { value: net.vpcId });
    new TerraformOutput(stack, "router_id", { value: net.routerId });
    new TerraformOutput(stack, "route_table_id", { value: net.routeTableId });
    new TerraformOutput(stack, "vswitch_id", { value: net.vswitchId("app-b") });
    // THEN
    const tf = synthJson(stack);
    const vpc = only(tf, "alicloud_vpc").key;
    const b = findOne(tf, "alicloud_vswitch", (x) => x.vswitch_name === "app-vpc-app-b").key;
    expect(tf.output?.vpc_id?.value).toBe(ref("alicloud_vpc", vpc, "id"));
    expect(tf.output?.router_id?.value).toBe(ref("alicloud_vpc", vpc, "router_id"));
    expect(tf.output?.route_table_id?.value).toBe(ref("alicloud_vpc", vpc, "route_table_id"));
    expect(tf.output?.vswitch_id?.value).toBe(ref("alicloud_vswitch", b, "id"));
    expect(net.name).toBe("app-vpc");
    expect(net.region).toBe("cn-hangzhou");
    expect(net.cidrBlock).toBe("10.1.0.0/16");
    expect([...net.vswitches.keys()]).toEqual(["app-a", "app-b"]);
    expect(net.vswitches.get("app-a")).toBeInstanceOf(Vswitch);
  });

  it("keeps stable construct ids: the VPC is `Resource`, vSwitches live under `VSwitches` in PascalCase", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new VpcNetwork(stack, "Net", props(stack));
    // THEN: renaming these ids would replace the resources
    const tf = synthJson(stack);
    expect(only(tf, "alicloud_vpc").key).toMatch(/^Net_[0-9A-F]{8}$/);
    expect(Object.keys(resources(tf, "alicloud_vswitch")).sort()).toEqual([
      expect.stringMatching(/^Net_VSwitches_AppA_[0-9A-F]{8}$/),
      expect.stringMatching(/^Net_VSwitches_AppB_[0-9A-F]{8}$/),
    ]);
  });

  it("fails when vswitchId is asked for an unknown vSwitch, listing the known ones", () => {
    // GIVEN
    const stack = newStack();
    const net = new VpcNetwork(stack, "Net", props(stack));
    // WHEN / THEN
    expect(() => net.vswitchId("db")).toThrow(/VPC app-vpc has no vSwitch `db`; have app-a, app-b/);
  });

  it("fails when a vSwitch `cidr` is outside the VPC", () => {
    // GIVEN
    const stack = newStack();
    // WHEN / THEN
    expect(
      () =>
        new VpcNetwork(
          stack,
          "Net",
          props(stack, {
            vswitches: [{ name: "stray", zone: "cn-hangzhou-h", cidr: "10.2.0.0/24" }],
          }),
        ),
    ).toThrow(/vSwitch `stray` `cidr` 10\.2\.0\.0\/24 is outside VPC app-vpc 10\.1\.0\.0\/16/);
  });

  it("fails when vSwitches overlap", () => {
    // GIVEN
    const stack = newStack();
    // WHEN / THEN
    expect(
      () =>
        new VpcNetwork(
          stack,
          "Net",
          props(stack, {
            vswitches: [
              { name: "wide", zone: "cn-hangzhou-h", cidr: "10.1.0.0/23" },
              { name: "narrow", zone: "cn-hangzhou-i", cidr: "10.1.1.0/24" },
            ],
          }),
        ),
    ).toThrow(/vSwitch `narrow` `cidr` 10\.1\.1\.0\/24 overlaps vSwitch `wide` in VPC app-vpc/);
  });

  it("fails when `cidrBlock` is not a network CIDR", () => {
    // GIVEN
    const stack = newStack();
    // WHEN / THEN: host bits set
    expect(() => new VpcNetwork(stack, "Net", props(stack, { cidrBlock: "10.1.0.1/16" }))).toThrow(
      /`cidrBlock` 10\.1\.0\.1\/16 of VPC app-vpc is not a network CIDR/,
    );
  });

  it("fails when a vSwitch `cidr` is malformed", () => {
    // GIVEN
    const stack = newStack();
    // WHEN / THEN
    expect(
      () =>
        new VpcNetwork(
          stack,
          "Net",
          props(stack, {
            vswitches: [{ name: "bad", zone: "cn-hangzhou-h", cidr: "10.1.0/24" }],
          }),
        ),
    ).toThrow(/vSwitch `bad` `cidr` 10\.1\.0\/24 of VPC app-vpc is not a network CIDR/);
  });

  it("skips CIDR validation for unresolved values", () => {
    // GIVEN
    const stack = newStack();
    const cidr = new TerraformVariable(stack, "vsw_cidr", { type: "string" }).stringValue;
    // WHEN
    new VpcNetwork(stack, "Net", props(stack, { vswitches: [{ name: "late", zone: "cn-hangzhou-h", cidr }] }));
    // THEN
    expect(only(synthJson(stack), "alicloud_vswitch").body.cidr_block).toBe("${var.vsw_cidr}");
  });
});

describe("VpcNetwork.fromVpcAttributes", () => {
  it("wraps an existing VPC without creating resources", () => {
    // GIVEN
    const stack = newStack();
    const provider = aliasedProvider(stack, "main", "cn-hangzhou");
    // WHEN
    const imported = VpcNetwork.fromVpcAttributes(stack, "Existing", {
      name: "legacy-vpc",
      region: "cn-hangzhou",
      cidrBlock: "10.9.0.0/16",
      vpcId: "vpc-123",
      routerId: "vrt-123",
      routeTableId: "vtb-123",
      provider,
      vswitchIds: { "legacy-a": "vsw-123" },
    });
    // THEN
    expect(imported).toMatchObject({
      name: "legacy-vpc",
      region: "cn-hangzhou",
      cidrBlock: "10.9.0.0/16",
      vpcId: "vpc-123",
      routerId: "vrt-123",
      routeTableId: "vtb-123",
    });
    expect(imported.provider).toBe(provider);
    expect(imported.vswitchId("legacy-a")).toBe("vsw-123");
    expect(synthJson(stack).resource).toBeUndefined();
  });

  it("fails when an imported VPC is asked for a vSwitch it was not given", () => {
    // GIVEN
    const stack = newStack();
    const imported = VpcNetwork.fromVpcAttributes(stack, "Existing", {
      name: "legacy-vpc",
      region: "cn-hangzhou",
      cidrBlock: "10.9.0.0/16",
      vpcId: "vpc-123",
      routerId: "vrt-123",
      routeTableId: "vtb-123",
      provider: aliasedProvider(stack, "main", "cn-hangzhou"),
    });
    // WHEN / THEN
    expect(() => imported.vswitchId("legacy-a")).toThrow(/imported VPC legacy-vpc has no vSwitch `legacy-a`/);
  });
});
