import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { SecurityGroup } from "../../.gen/providers/alicloud/security-group";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { NetworkSecurityGroup, NetworkSecurityGroupProps } from "../../lib/constructs/network-security-group";
import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { aliasedProvider, findOne, newStack, only, providerRef, ref, resources, synthJson } from "./tf-json";

function vpcIn(stack: TerraformStack): VpcNetwork {
  return new VpcNetwork(stack, "App", {
    name: "app-vpc",
    region: "cn-hangzhou",
    cidrBlock: "10.1.0.0/16",
    provider: aliasedProvider(stack, "main", "cn-hangzhou"),
    vswitches: [{ name: "app-h", zone: "cn-hangzhou-h", cidr: "10.1.0.0/24" }],
  });
}

function sg(stack: TerraformStack, extra: Partial<NetworkSecurityGroupProps> = {}): NetworkSecurityGroup {
  return new NetworkSecurityGroup(stack, "Sg", {
    vpc: vpcIn(stack),
    admit: [
      { name: "app-vpc", cidr: "10.1.0.0/16" },
      { name: "us-office-1", cidr: "10.10.10.0/24" },
    ],
    ...extra,
  });
}

describe("NetworkSecurityGroup", () => {
  it("creates the group in the VPC on the VPC's provider, tagged { Name, ...commonTags }", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    sg(stack, { commonTags: { Environment: "dev" } });
    // THEN
    const tf = synthJson(stack);
    const g = only(tf, "alicloud_security_group").body;
    expect(g).toMatchObject({
      security_group_name: "app-vpc-admit-topology",
      inner_access_policy: "Accept",
      provider: providerRef("main", "cn-hangzhou"),
    });
    expect(g.vpc_id).toMatch(/^\$\{alicloud_vpc\..+\.id\}$/);
    expect(g.vpc_id).toBe(ref("alicloud_vpc", only(tf, "alicloud_vpc").key, "id"));
    expect(g.tags).toEqual({ Name: "app-vpc-admit-topology", Environment: "dev" });
  });

  it("admits each listed network with one all-protocol intranet ingress rule", () => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      sg(scope as TerraformStack);
    });
    // THEN
    for (const [name, cidr] of [
      ["app-vpc", "10.1.0.0/16"],
      ["us-office-1", "10.10.10.0/24"],
    ] as const) {
      expect(synthesized).toHaveResourceWithProperties(SecurityGroupRule, {
        type: "ingress",
        ip_protocol: "all",
        port_range: "-1/-1",
        nic_type: "intranet",
        policy: "accept",
        priority: 1,
        cidr_ip: cidr,
        description: `from ${name}`,
        provider: "alicloud.main_cn_hangzhou",
      });
    }
    expect(synthesized).toHaveResourceWithProperties(SecurityGroup, { security_group_name: "app-vpc-admit-topology" });
  });

  it("attaches every rule to its own group and adds no egress rule", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const group = sg(stack);
    // THEN
    const tf = synthJson(stack);
    const sgRef = ref("alicloud_security_group", only(tf, "alicloud_security_group").key, "id");
    const rules = Object.values(resources(tf, "alicloud_security_group_rule"));
    expect(rules).toHaveLength(2);
    expect(group.rules).toHaveLength(2);
    for (const r of rules) {
      expect(r.security_group_id).toBe(sgRef);
      expect(r.type).toBe("ingress");
    }
  });

  it("emits one rule per CIDR when networks repeat one", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    sg(stack, {
      admit: [
        { name: "first", cidr: "10.10.10.0/24" },
        { name: "second", cidr: "10.10.10.0/24" },
        { name: "third", cidr: "10.20.0.0/16" },
      ],
    });
    // THEN: the first name wins
    const tf = synthJson(stack);
    expect(Object.keys(resources(tf, "alicloud_security_group_rule"))).toHaveLength(2);
    expect(findOne(tf, "alicloud_security_group_rule", (r) => r.cidr_ip === "10.10.10.0/24").body.description).toBe("from first");
  });

  it("admits 0.0.0.0/0 when `allowInternetIngress` is set deliberately", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    sg(stack, { admit: [{ name: "internet", cidr: "0.0.0.0/0" }], allowInternetIngress: true });
    // THEN
    expect(only(synthJson(stack), "alicloud_security_group_rule").body).toMatchObject({
      cidr_ip: "0.0.0.0/0",
      description: "from internet",
    });
  });

  // Known bug (reported): the CIDR checks are skipped for a token, but the token is then
  // used in the rule's construct id (`cidrId(cidr)`), which cdktf rejects. Flip to `it` once fixed.
  it("accepts an unresolved `admit` CIDR without validating it", () => {
    // GIVEN
    const stack = newStack();
    const cidr = new TerraformVariable(stack, "partner_cidr", { type: "string" }).stringValue;
    // WHEN
    sg(stack, { admit: [{ name: "partner", cidr }] });
    // THEN
    expect(only(synthJson(stack), "alicloud_security_group_rule").body.cidr_ip).toBe("${var.partner_cidr}");
  });

  it("fails when `admit` includes 0.0.0.0/0 without `allowInternetIngress`", () => {
    // GIVEN
    const stack = newStack();
    // WHEN / THEN
    expect(() => sg(stack, { admit: [{ name: "anywhere", cidr: "0.0.0.0/0" }] })).toThrow(
      /`admit` anywhere is 0\.0\.0\.0\/0, broader than a \/8 and so open to the internet, for VPC app-vpc; set `allowInternetIngress`/,
    );
  });

  it("fails when `admit` splits the internet into halves (0.0.0.0/1 and 128.0.0.0/1)", () => {
    // GIVEN
    const stack = newStack();
    // WHEN / THEN
    expect(() =>
      sg(stack, {
        admit: [
          { name: "low-half", cidr: "0.0.0.0/1" },
          { name: "high-half", cidr: "128.0.0.0/1" },
        ],
      }),
    ).toThrow(/`admit` low-half is 0\.0\.0\.0\/1, broader than a \/8/);
  });

  it("fails when `admit` includes 0.0.0.0/0 and `allowInternetIngress` is false", () => {
    // GIVEN
    const stack = newStack();
    // WHEN / THEN
    expect(() => sg(stack, { admit: [{ name: "anywhere", cidr: "0.0.0.0/0" }], allowInternetIngress: false })).toThrow(
      /`allowInternetIngress`/,
    );
  });

  it("fails when an `admit` CIDR is not a network CIDR", () => {
    // GIVEN
    const stack = newStack();
    // WHEN / THEN
    expect(() => sg(stack, { admit: [{ name: "office", cidr: "10.10.10.1/24" }] })).toThrow(
      /`admit` CIDR 10\.10\.10\.1\/24 for office is not a network CIDR/,
    );
  });
});
