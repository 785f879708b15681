import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { EipAddress } from "../../.gen/providers/alicloud/eip-address";
import { NatGateway } from "../../.gen/providers/alicloud/nat-gateway";
import { SharedNatGateway, SharedNatGatewayProps } from "../../lib/constructs/shared-nat-gateway";
import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { address, aliasedProvider, findOne, newStack, only, providerRef, ref, resources, synthJson, TfJson } from "./tf-json";

interface Net {
  readonly stack: TerraformStack;
  readonly hub: VpcNetwork;
  readonly spokes: VpcNetwork[];
}

function net(stack: TerraformStack = newStack()): Net {
  const provider = aliasedProvider(stack, "main", "cn-hangzhou");
  const hub = new VpcNetwork(stack, "Hub", {
    name: "hub-vpc",
    region: "cn-hangzhou",
    cidrBlock: "192.168.0.0/16",
    provider,
    vswitches: [
      { name: "hub-nat", zone: "cn-hangzhou-h", cidr: "192.168.0.0/24" },
      { name: "hub-app", zone: "cn-hangzhou-i", cidr: "192.168.1.0/24" },
    ],
  });
  const spokes = [
    ["spoke-a", "172.16.0.0/16"],
    ["spoke-b", "172.17.0.0/16"],
  ].map(
    ([name, cidr], i) =>
      new VpcNetwork(stack, `Spoke${i}`, {
        name: name!,
        region: "cn-hangzhou",
        cidrBlock: cidr!,
        provider,
        vswitches: [{ name: `${name}-app`, zone: "cn-hangzhou-h", cidr: cidr!.replace("/16", "/24") }],
      }),
  );
  return { stack, hub, spokes };
}

function nat(n: Net, extra: Partial<SharedNatGatewayProps> = {}): SharedNatGateway {
  return new SharedNatGateway(n.stack, "Egress", {
    name: "egress",
    hub: n.hub,
    vswitch: "hub-nat",
    hubVswitches: ["hub-nat", "hub-app"],
    spokes: n.spokes,
    ...extra,
  });
}

const vswitchKey = (tf: TfJson, name: string) => findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === name).key;

describe("SharedNatGateway", () => {
  it("creates an enhanced internet NAT gateway in the hub's NAT vSwitch", () => {
    // GIVEN
    const n = net();
    // WHEN
    nat(n, { commonTags: { Environment: "dev" } });
    // THEN
    const tf = synthJson(n.stack);
    const g = only(tf, "alicloud_nat_gateway").body;
    expect(g).toMatchObject({
      nat_type: "Enhanced",
      network_type: "internet",
      payment_type: "PayAsYouGo",
      internet_charge_type: "PayByLcu",
      eip_bind_mode: "NAT",
      nat_gateway_name: "egress",
      description: "shared by hub-vpc, spoke-a, spoke-b",
      deletion_protection: true,
      provider: providerRef("main", "cn-hangzhou"),
    });
    expect(g.tags).toEqual({ Name: "egress", Environment: "dev" });
    expect(g.vpc_id).toBe(ref("alicloud_vpc", findOne(tf, "alicloud_vpc", (b) => b.vpc_name === "hub-vpc").key, "id"));
    expect(g.vswitch_id).toBe(ref("alicloud_vswitch", vswitchKey(tf, "hub-vpc-hub-nat"), "id"));
  });

  it("creates an EIP of 5 Mbit/s by default, protected against deletion and destroy", () => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      nat(net(scope as TerraformStack));
    });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(EipAddress, {
      address_name: "egress-eip",
      bandwidth: "5",
      internet_charge_type: "PayByTraffic",
      payment_type: "PayAsYouGo",
      isp: "BGP",
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
      provider: "alicloud.main_cn_hangzhou",
      tags: { Name: "egress-eip" },
    });
  });

  it("uses the given `eipBandwidth`", () => {
    // GIVEN
    const n = net();
    // WHEN
    nat(n, { eipBandwidth: 200 });
    // THEN
    expect(only(synthJson(n.stack), "alicloud_eip_address").body.bandwidth).toBe("200");
  });

  it("drops deletion protection and prevent_destroy only when `deletionProtection` is false", () => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      nat(net(scope as TerraformStack), { deletionProtection: false });
    });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(NatGateway, { deletion_protection: false });
    expect(synthesized).toHaveResourceWithProperties(EipAddress, { deletion_protection: false, lifecycle: { prevent_destroy: false } });
  });

  it("associates the EIP with the NAT gateway", () => {
    // GIVEN
    const n = net();
    // WHEN
    nat(n);
    // THEN
    const tf = synthJson(n.stack);
    expect(only(tf, "alicloud_eip_association").body).toEqual({
      allocation_id: ref("alicloud_eip_address", only(tf, "alicloud_eip_address").key, "id"),
      instance_id: ref("alicloud_nat_gateway", only(tf, "alicloud_nat_gateway").key, "id"),
      instance_type: "Nat",
      provider: providerRef("main", "cn-hangzhou"),
      // ForceNew fields Read fills that do not apply to a NAT binding
      lifecycle: { ignore_changes: ["vpc_id", "private_ip_address"] },
    });
  });

  it("adds SNAT for each hub vSwitch by vSwitch and for each spoke by CIDR, all through the EIP", () => {
    // GIVEN
    const n = net();
    // WHEN
    const g = nat(n);
    // THEN
    const tf = synthJson(n.stack);
    const snat = resources(tf, "alicloud_snat_entry");
    expect(Object.keys(snat)).toHaveLength(4);
    expect(g.snatEntries).toHaveLength(4);
    const natKey = only(tf, "alicloud_nat_gateway").key;
    const eipKey = only(tf, "alicloud_eip_address").key;
    for (const e of Object.values(snat)) {
      expect(e.snat_table_id).toBe(ref("alicloud_nat_gateway", natKey, "snat_table_ids"));
      expect(e.snat_ip).toBe(ref("alicloud_eip_address", eipKey, "ip_address"));
      expect(e.provider).toBe(providerRef("main", "cn-hangzhou"));
    }
    for (const v of ["hub-nat", "hub-app"]) {
      const e = findOne(tf, "alicloud_snat_entry", (b) => b.snat_entry_name === `hub-vpc-${v}`).body;
      expect(e.source_vswitch_id).toBe(ref("alicloud_vswitch", vswitchKey(tf, `hub-vpc-${v}`), "id"));
      expect(e).not.toHaveProperty("source_cidr");
    }
    for (const [name, cidr] of [
      ["spoke-a", "172.16.0.0/16"],
      ["spoke-b", "172.17.0.0/16"],
    ] as const) {
      const e = findOne(tf, "alicloud_snat_entry", (b) => b.snat_entry_name === name).body;
      expect(e.source_cidr).toBe(cidr);
      expect(e).not.toHaveProperty("source_vswitch_id");
    }
  });

  it("serializes SNAT entries: each waits for the EIP association and the previous entry", () => {
    // GIVEN
    const n = net();
    // WHEN
    nat(n);
    // THEN: hub vSwitches first, then spokes, in declaration order
    const tf = synthJson(n.stack);
    const assoc = address("alicloud_eip_association", only(tf, "alicloud_eip_association").key);
    const order = ["hub-vpc-hub-nat", "hub-vpc-hub-app", "spoke-a", "spoke-b"].map((name) =>
      findOne(tf, "alicloud_snat_entry", (b) => b.snat_entry_name === name),
    );
    expect(order[0]!.body.depends_on).toEqual([assoc]);
    for (let i = 1; i < order.length; i++) {
      expect(order[i]!.body.depends_on).toEqual([assoc, address("alicloud_snat_entry", order[i - 1]!.key)]);
    }
  });

  it("exposes the gateway id and the public IP as references", () => {
    // GIVEN
    const n = net();
    const g = nat(n);
    // WHEN
    new TerraformOutput(n.stack, "nat", { value: g.natGatewayId });
    new TerraformOutput(n.stack, "ip", { value: g.publicIp });
    // THEN
    const tf = synthJson(n.stack);
    expect(tf.output?.nat?.value).toMatch(/^\$\{alicloud_nat_gateway\..+\.id\}$/);
    expect(tf.output?.ip?.value).toMatch(/^\$\{alicloud_eip_address\..+\.ip_address\}$/);
  });

  // Known bug: an unresolved value (a token) should skip validation, but the range
  // check runs on a number token (a huge negative double) and throws. Flip to `it` once fixed.
  it("accepts an unresolved `eipBandwidth` without validating it", () => {
    // GIVEN
    const n = net();
    const bw = new TerraformVariable(n.stack, "eip_bandwidth", { type: "number" }).numberValue;
    // WHEN
    nat(n, { eipBandwidth: bw });
    // THEN
    expect(only(synthJson(n.stack), "alicloud_eip_address").body.bandwidth).toBe("${var.eip_bandwidth}");
  });

  it.each([0, 501, 2.5])("fails when `eipBandwidth` is %p (out of range 1–500)", (eipBandwidth) => {
    // GIVEN
    const n = net();
    // WHEN / THEN
    expect(() => nat(n, { eipBandwidth })).toThrow(
      new RegExp(`\`eipBandwidth\` ${String(eipBandwidth).replace(".", "\\.")} of shared NAT egress is out of range \\(1–500 Mbit/s\\)`),
    );
  });

  it("fails when `spokes` includes the hub", () => {
    // GIVEN
    const n = net();
    // WHEN / THEN
    expect(() => nat(n, { spokes: [n.hub] })).toThrow(/`spokes` of shared NAT egress includes the hub hub-vpc/);
  });

  it("fails when `vswitch` names no vSwitch of the hub", () => {
    // GIVEN
    const n = net();
    // WHEN / THEN
    expect(() => nat(n, { vswitch: "hub-db" })).toThrow(/VPC hub-vpc has no vSwitch `hub-db`/);
  });
});
