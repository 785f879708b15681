import { Aspects, TerraformStack, Testing } from "cdktf";
import { providerSchemaFacts } from "../../config/provider-schema";
import { EipAddress } from "../../.gen/providers/alicloud/eip-address";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { Vpc } from "../../.gen/providers/alicloud/vpc";
import { VpcFlowLog } from "../../.gen/providers/alicloud/vpc-flow-log";
import { VpnConnection } from "../../.gen/providers/alicloud/vpn-connection";
import { exemptFromPolicy, PolicyChecks, PolicyRule, schemaFacts } from "../../lib/policy";
import { aliasedProvider, newStack } from "../constructs/tf-json";

/** Error annotations after synthesis (aspects run inside Testing.synth). */
function errors(stack: TerraformStack): string[] {
  Testing.synth(stack);
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => `${c.node.path}: ${String(m.data)}`));
}

/** The error annotations of one rule (other rules may flag the same minimal resources). */
function errorsOf(stack: TerraformStack, rule: PolicyRule): string[] {
  return errors(stack).filter((e) => e.includes(`[policy:${rule}]`));
}

function checked(): { stack: TerraformStack; provider: ReturnType<typeof aliasedProvider> } {
  const stack = newStack();
  Aspects.of(stack).add(new PolicyChecks({ schema: providerSchemaFacts(), requiredTags: ["Name", "Environment"] }));
  return { stack, provider: aliasedProvider(stack, "main", "cn-hangzhou") };
}

describe("PolicyChecks", () => {
  it("passes a resource that meets every rule", () => {
    const { stack, provider } = checked();
    const vpc = new Vpc(stack, "Vpc", { provider, vpcName: "a", cidrBlock: "10.0.0.0/16", tags: { Name: "a", Environment: "dev" } });
    new VpcFlowLog(stack, "FlowLog", {
      provider,
      resourceType: "VPC",
      resourceId: vpc.id,
      trafficType: "All",
      projectName: "p-flow",
      logStoreName: "a-flow",
      tags: { Name: "f", Environment: "dev" },
    });
    expect(errors(stack)).toEqual([]);
  });

  it("fails when a taggable resource lacks a required tag, naming the construct path", () => {
    const { stack, provider } = checked();
    new Vpc(stack, "Vpc", { provider, vpcName: "a", cidrBlock: "10.0.0.0/16", tags: { Name: "a" } });
    expect(errorsOf(stack, PolicyRule.REQUIRED_TAGS)).toEqual([
      expect.stringMatching(/^test\/Vpc: \[policy:required-tags\] alicloud_vpc lacks tag\(s\) Environment/),
    ]);
  });

  it("fails when a security-group rule admits 0.0.0.0/0, unless exempted with a reason", () => {
    const { stack, provider } = checked();
    new SecurityGroupRule(stack, "Open", {
      provider,
      securityGroupId: "sg-1",
      type: "ingress",
      ipProtocol: "tcp",
      portRange: "443/443",
      cidrIp: "0.0.0.0/0",
    });
    expect(errorsOf(stack, PolicyRule.NO_INTERNET_INGRESS)).toEqual([
      expect.stringMatching(/\[policy:no-internet-ingress\] ingress cidr_ip = 0\.0\.0\.0\/0 admits the internet/),
    ]);
    const again = checked();
    const r2 = new SecurityGroupRule(again.stack, "Open", {
      provider: again.provider,
      securityGroupId: "sg-1",
      type: "ingress",
      ipProtocol: "tcp",
      portRange: "443/443",
      cidrIp: "0.0.0.0/0",
    });
    exemptFromPolicy(r2, PolicyRule.NO_INTERNET_INGRESS, "public HTTPS endpoint behind a WAF");
    expect(errorsOf(again.stack, PolicyRule.NO_INTERNET_INGRESS)).toEqual([]);
  });

  it("fails when IPsec uses md5 or DH group 2, and allows exactly the exempted values", () => {
    const { stack, provider } = checked();
    new VpnConnection(stack, "Conn", {
      provider,
      vpnGatewayId: "vpn-1",
      localSubnet: ["0.0.0.0/0"],
      remoteSubnet: ["10.0.0.0/24"],
      tags: { Name: "c", Environment: "dev" },
      ikeConfig: { ikeAuthAlg: "md5", ikeEncAlg: "aes256", ikePfs: "group2" },
      ipsecConfig: { ipsecAuthAlg: "sha256" },
    });
    expect(errorsOf(stack, PolicyRule.IPSEC_CRYPTO_FLOOR).map((e) => e.replace(/^.*\] /, "").replace(/ is below.*$/, ""))).toEqual([
      "ike_config.ike_auth_alg = md5",
      "ike_config.ike_pfs = group2",
    ]);
    const again = checked();
    const c2 = new VpnConnection(again.stack, "Conn", {
      provider: again.provider,
      vpnGatewayId: "vpn-1",
      localSubnet: ["0.0.0.0/0"],
      remoteSubnet: ["10.0.0.0/24"],
      tags: { Name: "c", Environment: "dev" },
      ikeConfig: { ikeAuthAlg: "md5", ikePfs: "group2" },
    });
    exemptFromPolicy(c2, PolicyRule.IPSEC_CRYPTO_FLOOR, "legacy branch router until its refresh", ["md5"]);
    expect(errorsOf(again.stack, PolicyRule.IPSEC_CRYPTO_FLOOR)).toEqual([expect.stringMatching(/ike_config\.ike_pfs = group2/)]);
  });

  it("fails when an EIP (or VBR, or leased line) is not protected against destroy", () => {
    const { stack, provider } = checked();
    new EipAddress(stack, "Eip", { provider, addressName: "e", tags: { Name: "e", Environment: "dev" } });
    expect(errorsOf(stack, PolicyRule.DESTROY_PROTECTION)).toEqual([
      expect.stringMatching(/\[policy:destroy-protection\] alicloud_eip_address must set lifecycle\.prevent_destroy = true/),
    ]);
  });

  it("fails when a resource sets an argument the pinned provider deprecates", () => {
    const { stack, provider } = checked();
    new Vpc(stack, "Vpc", { provider, name: "legacy", cidrBlock: "10.0.0.0/16", tags: { Name: "a", Environment: "dev" } });
    expect(errorsOf(stack, PolicyRule.NO_DEPRECATED_ARGUMENTS)).toEqual([
      expect.stringMatching(/\[policy:no-deprecated-arguments\] alicloud_vpc\.name is deprecated/),
    ]);
  });

  it("fails when an exemption has no real reason", () => {
    const { stack, provider } = checked();
    const v = new Vpc(stack, "Vpc", { provider, vpcName: "a", cidrBlock: "10.0.0.0/16" });
    expect(() => exemptFromPolicy(v, PolicyRule.REQUIRED_TAGS, "because")).toThrow(/needs a reason \(at least 10 characters\)/);
  });
});

describe("schemaFacts", () => {
  it("reads taggable types and deprecated arguments from the provider schema", () => {
    const facts = schemaFacts({
      provider_schemas: {
        p: {
          resource_schemas: {
            a: {
              block: { attributes: { tags: { optional: true }, name: { optional: true, deprecated: true }, vpc_name: { optional: true } } },
            },
            b: { block: { attributes: { id: { optional: true } } } },
          },
        },
      },
    });
    expect([...facts.taggable]).toEqual(["a"]);
    expect([...(facts.deprecated.get("a") ?? [])]).toEqual(["name"]);
    expect(facts.deprecated.has("b")).toBe(false);
  });

  it("knows the pinned provider: alicloud_vpc is taggable and its `name` is deprecated", () => {
    const facts = providerSchemaFacts();
    expect(facts.taggable.has("alicloud_vpc")).toBe(true);
    expect(facts.deprecated.get("alicloud_vpc")?.has("name")).toBe(true);
    expect(facts.taggable.has("alicloud_route_entry")).toBe(false);
  });
});
