import { FaultInjector } from "../../emulator/src/faults";
import { harness, VPC } from "./helpers";

describe("fault injection", () => {
  test("the same seed fails the same calls; another seed fails others", () => {
    const draws = (seed: number) => {
      const f = new FaultInjector({ rate: 0.2, seed });
      return Array.from({ length: 200 }, (_, i) => f.draw(i % 2 === 0)?.code ?? "-");
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });

  test("fails about the chosen share of calls, only with retryable or conflict codes, and conflicts only on writes", () => {
    const f = new FaultInjector({ rate: 0.1, seed: 1 });
    const reads = Array.from({ length: 2000 }, () => f.draw(false)).filter((x) => x !== undefined);
    const writes = Array.from({ length: 2000 }, () => f.draw(true)).filter((x) => x !== undefined);
    expect(reads.length + writes.length).toBeGreaterThan(300);
    expect(reads.length + writes.length).toBeLessThan(500);
    expect(new Set(reads.map((e) => e?.code))).toEqual(new Set(["Throttling.User", "ServiceUnavailable"]));
    expect(new Set(writes.map((e) => e?.code))).toEqual(new Set(["Throttling.User", "ServiceUnavailable", "OperationConflict"]));
    expect(f.injected).toBe(reads.length + writes.length);
  });

  test("an injected fault changes nothing: the call can simply be retried", () => {
    const { emu, as } = harness({ faults: { rate: 0.5, seed: 3 } });
    const me = as("k");
    let vpcs = 0;
    for (let i = 0; i < 40; i++) {
      const r = me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16" });
      if (r.status === 200) vpcs++;
      else expect(["Throttling.User", "ServiceUnavailable", "OperationConflict"]).toContain(r.body.Code);
    }
    expect(emu.store.all("vpc")).toHaveLength(vpcs);
    expect(emu.injectedFaults).toBe(40 - vpcs);
    expect(vpcs).toBeGreaterThan(0);
  });
});

describe("faults after the fact", () => {
  const vpcWithSwitches = (me: ReturnType<ReturnType<typeof harness>["as"]>) => {
    const vpc = String(me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16" }).body.VpcId);
    const sw = (cidr: string, zone: string) =>
      String(me(VPC, "CreateVSwitch", { VpcId: vpc, CidrBlock: cidr, ZoneId: zone }).body.VSwitchId);
    return { vpc, a: sw("10.0.1.0/24", "cn-hangzhou-h"), b: sw("10.0.2.0/24", "cn-hangzhou-i") };
  };

  test("commit-then-fail: the create takes effect and answers 500; a retry without the same ClientToken makes a duplicate", () => {
    const { emu, as } = harness({ faults: { seed: 1, kinds: ["commit-then-fail"], kindRate: 1 } });
    const me = as("k");
    const first = me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16", VpcName: "v", ClientToken: "t1" });
    expect(first.status).toBe(500);
    expect(first.body.Code).toBe("InternalError");
    expect(emu.store.all("vpc")).toHaveLength(1);
    // the same ClientToken gets the first answer back, changes nothing
    me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16", VpcName: "v", ClientToken: "t1" });
    expect(emu.store.all("vpc")).toHaveLength(1);
    // a fresh token (what a provider that rebuilds it per attempt sends) makes a second VPC
    me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16", VpcName: "v", ClientToken: "t2" });
    const vpcs = emu.inventory().filter((i) => i.terraformType === "alicloud_vpc");
    expect(vpcs).toHaveLength(2);
    expect(vpcs.map((v) => v.createdBy?.clientToken).sort()).toEqual(["t1", "t2"]);
    expect(emu.calls.filter((c) => c.fault === "commit-then-fail").length).toBeGreaterThanOrEqual(2);
  });

  test("commit-then-fail strikes the same calls for the same seed, whatever order they come in", () => {
    const names = Array.from({ length: 24 }, (_, i) => `v${i}`);
    const struckNames = (seed: number, order: string[]) => {
      const { emu, as } = harness({ faults: { seed, kinds: ["commit-then-fail"], kindRate: 0.5 } });
      const me = as("k");
      const failed = order.filter((n) => me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16", VpcName: n }).status === 500).sort();
      // every call took effect, struck or not
      expect(emu.store.all("vpc")).toHaveLength(order.length);
      return failed;
    };
    expect(struckNames(7, names)).toEqual(struckNames(7, [...names].reverse()));
    expect(struckNames(7, names)).not.toEqual(struckNames(8, names));
    expect(struckNames(7, names).length).toBeGreaterThan(0);
  });

  test("busy-on-delete: after its IPsec connection goes, the VPN gateway's delete answers IncorrectStatus.VpnGateway for busyMs, and it is still there", () => {
    const { emu, as, advance } = harness({ faults: { seed: 1, kinds: ["busy-on-delete"], kindRate: 1, busyMs: 5000 } });
    const me = as("k");
    const { vpc, a, b } = vpcWithSwitches(me);
    const gw = String(
      me(VPC, "CreateVpnGateway", { VpcId: vpc, VSwitchId: a, DisasterRecoveryVSwitchId: b, Bandwidth: "10" }).body.VpnGatewayId,
    );
    const cgw = String(me(VPC, "CreateCustomerGateway", { IpAddress: "203.0.113.5" }).body.CustomerGatewayId);
    advance(1000);
    const tunnels = Object.fromEntries(
      [1, 2].flatMap((i) => [
        [`TunnelOptionsSpecification.${i}.CustomerGatewayId`, cgw],
        [`TunnelOptionsSpecification.${i}.Role`, i === 1 ? "master" : "slave"],
      ]),
    );
    const conn = String(
      me(VPC, "CreateVpnConnection", { VpnGatewayId: gw, LocalSubnet: "0.0.0.0/0", RemoteSubnet: "192.168.0.0/24", ...tunnels }).body
        .VpnConnectionId,
    );
    advance(1000);
    expect(me(VPC, "DeleteVpnConnection", { VpnConnectionId: conn }).status).toBe(200);
    expect(me(VPC, "DeleteVpnGateway", { VpnGatewayId: gw }).body.Code).toBe("IncorrectStatus.VpnGateway");
    expect(emu.inventory().map((i) => i.id)).toContain(gw);
    advance(5000);
    expect(me(VPC, "DeleteVpnGateway", { VpnGatewayId: gw }).status).toBe(200);
  });

  test("busy-on-delete: after its SNAT entry goes, the NAT gateway's delete answers IncorrectStatus.NatGateway", () => {
    const { as, advance } = harness({ faults: { seed: 1, kinds: ["busy-on-delete"], kindRate: 1 } });
    const me = as("k");
    const { vpc, a } = vpcWithSwitches(me);
    const nat = me(VPC, "CreateNatGateway", { VpcId: vpc, VSwitchId: a, NatType: "Enhanced" }).body;
    advance(1000);
    const eip = me(VPC, "AllocateEipAddress", {}).body;
    me(VPC, "AssociateEipAddress", { AllocationId: String(eip.AllocationId), InstanceId: String(nat.NatGatewayId), InstanceType: "Nat" });
    advance(1000);
    const table = (nat.SnatTableIds as { SnatTableId: string[] }).SnatTableId[0] as string;
    const snat = String(
      me(VPC, "CreateSnatEntry", { SnatTableId: table, SnatIp: String(eip.EipAddress), SourceVSwitchId: a }).body.SnatEntryId,
    );
    advance(1000);
    expect(me(VPC, "DeleteSnatEntry", { SnatTableId: table, SnatEntryId: snat }).status).toBe(200);
    expect(me(VPC, "DeleteNatGateway", { NatGatewayId: String(nat.NatGatewayId), Force: "true" }).body.Code).toBe(
      "IncorrectStatus.NatGateway",
    );
  });

  test("slow-transition: a struck create stays pending for slowMs instead of the transition time", () => {
    const { as, advance } = harness({ faults: { seed: 1, kinds: ["slow-transition"], kindRate: 1, slowMs: 20_000 } });
    const me = as("k");
    const id = String(me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16" }).body.VpcId);
    advance(1000);
    expect(me(VPC, "DescribeVpcAttribute", { VpcId: id }).body.Status).toBe("Pending");
    advance(19_000);
    expect(me(VPC, "DescribeVpcAttribute", { VpcId: id }).body.Status).toBe("Available");
  });

  test("without kinds nothing strikes after the fact", () => {
    const { emu, as } = harness({ faults: { seed: 1, kindRate: 1 } });
    expect(as("k")(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16" }).status).toBe(200);
    expect(emu.injectedFaults).toBe(0);
  });
});
