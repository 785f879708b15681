import { Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { ProviderMatrix } from "../../lib/constructs/providers";
import { Topology } from "../../lib/topology";
import { Block, newStack, synthJson } from "./tf-json";

/** Two accounts, three regions of `main` (one only through an IDC), one unused account. */
function topology(): Topology {
  return {
    name: "matrix",
    accounts: [
      { name: "main" },
      { name: "partner-a", credentials: { profile: "partner", roleArn: "acs:ram::123456789012:role/net", sessionName: "cdktf-ci" } },
      { name: "ops", credentials: { roleArn: "acs:ram::223456789012:role/ops" } },
    ],
    vpcs: [
      {
        name: "a-vpc",
        account: "main",
        region: "cn-hangzhou",
        cidr: "10.1.0.0/16",
        vswitches: [{ name: "a", zone: "cn-hangzhou-h", cidr: "10.1.0.0/24" }],
      },
      {
        name: "b-vpc",
        account: "main",
        region: "cn-hangzhou",
        cidr: "10.2.0.0/16",
        vswitches: [{ name: "b", zone: "cn-hangzhou-h", cidr: "10.2.0.0/24" }],
      },
      {
        name: "c-vpc",
        account: "main",
        region: "cn-shanghai",
        cidr: "10.3.0.0/16",
        vswitches: [{ name: "c", zone: "cn-shanghai-b", cidr: "10.3.0.0/24" }],
      },
      {
        name: "p-vpc",
        account: "partner-a",
        region: "cn-hangzhou",
        cidr: "10.4.0.0/16",
        vswitches: [{ name: "p", zone: "cn-hangzhou-h", cidr: "10.4.0.0/24" }],
      },
      {
        name: "o-vpc",
        account: "ops",
        region: "cn-hangzhou",
        cidr: "10.5.0.0/16",
        vswitches: [{ name: "o", zone: "cn-hangzhou-h", cidr: "10.5.0.0/24" }],
      },
    ],
    idcs: [
      {
        name: "bj-idc",
        account: "main",
        region: "cn-beijing",
        cidrs: ["192.168.10.0/24"],
        leasedLine: { accessPointId: "ap-cn-beijing-ft-A", physicalConnectionId: "pc-abc123" },
        vbr: { vlanId: 100, localGatewayIp: "10.100.0.1", peerGatewayIp: "10.100.0.2", peeringSubnetMask: "255.255.255.252" },
      },
    ],
    links: [],
  };
}

function providersByAlias(providers: readonly Block[] | undefined): Record<string, Block> {
  return Object.fromEntries((providers ?? []).map((p) => [String(p.alias), p]));
}

describe("ProviderMatrix.aliasFor", () => {
  it("joins account and region with underscores only (valid Terraform alias)", () => {
    expect(ProviderMatrix.aliasFor("main", "cn-hangzhou")).toBe("main_cn_hangzhou");
    expect(ProviderMatrix.aliasFor("partner-a", "ap-southeast-1")).toBe("partner_a_ap_southeast_1");
  });
});

describe("ProviderMatrix", () => {
  it("creates exactly one aliased provider per (account, region) used by a VPC or an IDC", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new ProviderMatrix(stack, "Providers", { topology: topology() });
    // THEN: two VPCs in main/cn-hangzhou share one provider; the IDC adds main/cn-beijing
    const providers = synthJson(stack).provider?.alicloud ?? [];
    expect(providers).toHaveLength(5);
    const regionByAlias = Object.fromEntries(Object.entries(providersByAlias(providers)).map(([a, p]) => [a, p.region]));
    expect(regionByAlias).toEqual({
      main_cn_beijing: "cn-beijing",
      main_cn_hangzhou: "cn-hangzhou",
      main_cn_shanghai: "cn-shanghai",
      ops_cn_hangzhou: "cn-hangzhou",
      partner_a_cn_hangzhou: "cn-hangzhou",
    });
    for (const p of providers) expect(p.configuration_source).toBe("alicloud-hybrid-network-cdktf");
  });

  it("references credentials only by profile or role, never by key", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new ProviderMatrix(stack, "Providers", { topology: topology() });
    // THEN
    const byAlias = providersByAlias(synthJson(stack).provider?.alicloud);
    expect(byAlias.partner_a_cn_hangzhou).toMatchObject({
      profile: "partner",
      assume_role: { role_arn: "acs:ram::123456789012:role/net", session_name: "cdktf-ci" },
    });
    // default session name
    expect(byAlias.ops_cn_hangzhou?.assume_role).toEqual({ role_arn: "acs:ram::223456789012:role/ops", session_name: "terraform" });
    // no credentials configured: the provider's default chain, nothing emitted
    expect(byAlias.main_cn_hangzhou).not.toHaveProperty("profile");
    expect(byAlias.main_cn_hangzhou).not.toHaveProperty("assume_role");
    for (const p of Object.values(byAlias)) {
      expect(Object.keys(p).filter((k) => /access_key|secret_key|security_token/.test(k))).toEqual([]);
    }
  });

  it("declares no variables unless `roleArnVariables` is set", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new ProviderMatrix(stack, "Providers", { topology: topology() });
    // THEN
    expect(synthJson(stack).variable).toBeUndefined();
  });

  it("exposes each role ARN as a `<account>_role_arn` variable that the provider's assume_role reads", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new ProviderMatrix(stack, "Providers", { topology: topology(), roleArnVariables: true });
    // THEN
    const tf = synthJson(stack);
    expect(tf.variable?.partner_a_role_arn).toEqual({
      type: "string",
      default: "acs:ram::123456789012:role/net",
      description: "RAM role assumed for account partner-a",
    });
    expect(tf.variable).not.toHaveProperty("main_role_arn");
    const byAlias = providersByAlias(tf.provider?.alicloud);
    expect(byAlias.partner_a_cn_hangzhou?.assume_role).toEqual({ role_arn: "${var.partner_a_role_arn}", session_name: "cdktf-ci" });
    expect(byAlias.main_cn_hangzhou).not.toHaveProperty("assume_role");
  });

  it("hands out the provider of an (account, region) through forNetwork and lists them in `all`", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const matrix = new ProviderMatrix(stack, "Providers", { topology: topology() });
    // THEN
    const p = matrix.forNetwork("main", "cn-shanghai");
    expect(p).toBeInstanceOf(AlicloudProvider);
    expect(p.alias).toBe("main_cn_shanghai");
    expect(p.region).toBe("cn-shanghai");
    expect(matrix.forNetwork("main", "cn-shanghai")).toBe(p);
    expect(matrix.all.map((x) => x.alias).sort()).toEqual([
      "main_cn_beijing",
      "main_cn_hangzhou",
      "main_cn_shanghai",
      "ops_cn_hangzhou",
      "partner_a_cn_hangzhou",
    ]);
  });

  it("fails when asked for an (account, region) that no network uses", () => {
    // GIVEN
    const matrix = new ProviderMatrix(newStack(), "Providers", { topology: topology() });
    // WHEN / THEN
    expect(() => matrix.forNetwork("partner-a", "cn-shanghai")).toThrow(
      /no provider for account `partner-a` in region `cn-shanghai`; have .*main\|cn-hangzhou/,
    );
  });

  it("synthesizes providers that the matcher finds by alias", () => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      new ProviderMatrix(scope, "Providers", { topology: topology() });
    });
    // THEN
    expect(synthesized).toHaveProviderWithProperties(AlicloudProvider, { alias: "main_cn_beijing", region: "cn-beijing" });
    expect(synthesized).not.toHaveProviderWithProperties(AlicloudProvider, { alias: "partner_a_cn_shanghai" });
  });
});
