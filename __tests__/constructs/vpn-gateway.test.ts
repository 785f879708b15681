import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { VpnGateway } from "../../lib/constructs/vpn-gateway";
import { aliasedProvider, findOne, newStack, only, providerRef, ref, resources, synthJson } from "./tf-json";

/**
 * A gateway in a VPC with vSwitches `<p>a` and `<p>b` in zones `<region>a`/`<region>b`.
 * Region me-central-1 (Riyadh) is single-tunnel only; us-east-1 is dual-tunnel
 * (lib/topology/vpn-capabilities.ts), so the default there has a second vSwitch.
 */
function setup(extra: Partial<ConstructorParameters<typeof VpnGateway>[2]> = {}, region = "me-central-1") {
  const stack = newStack();
  const provider = aliasedProvider(stack, "main", region);
  const vpc = new VpcNetwork(stack, "UsVpc", {
    name: "us-vpc",
    region,
    cidrBlock: "172.16.0.0/16",
    provider,
    vswitches: [
      { name: "us-a", zone: `${region}a`, cidr: "172.16.0.0/24" },
      { name: "us-b", zone: `${region}b`, cidr: "172.16.1.0/24" },
    ],
  });
  const gw = new VpnGateway(stack, "Gw", { name: "us-vpc-vpn", vpc, bandwidth: 10, vswitch: "us-a", ...extra });
  return { stack, gw };
}

describe("VpnGateway", () => {
  it("creates a public IPsec gateway in the VPC's vSwitch, on the VPC's provider", () => {
    // GIVEN / WHEN
    const { stack } = setup();
    const tf = synthJson(stack);
    // THEN
    const gw = only(tf, "alicloud_vpn_gateway").body;
    const vsw = findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === "us-vpc-us-a");
    const vpc = only(tf, "alicloud_vpc");
    expect(gw).toMatchObject({
      bandwidth: 10,
      network_type: "public",
      payment_type: "PayAsYouGo",
      enable_ipsec: true,
      enable_ssl: false,
      vpn_gateway_name: "us-vpc-vpn",
      provider: providerRef("main", "me-central-1"),
    });
    // Read writes auto_propagate and it is not Computed: the value set must be the one that cannot drift
    expect(gw.auto_propagate).toBe(true);
    expect(gw.vpc_id).toBe(ref("alicloud_vpc", vpc.key, "id"));
    expect(gw.vswitch_id).toBe(ref("alicloud_vswitch", vsw.key, "id"));
    expect(gw.disaster_recovery_vswitch_id).toBeUndefined();
  });

  it("sets the disaster-recovery vSwitch for dual-tunnel connections", () => {
    const { stack, gw } = setup({ disasterRecoveryVswitch: "us-b" }, "us-east-1");
    const tf = synthJson(stack);
    const vsw = findOne(tf, "alicloud_vswitch", (b) => b.vswitch_name === "us-vpc-us-b");
    expect(gw.dualTunnel).toBe(true);
    expect(only(tf, "alicloud_vpn_gateway").body.disaster_recovery_vswitch_id).toBe(ref("alicloud_vswitch", vsw.key, "id"));
  });

  it("adds destination routes one at a time, not published to the VPC", () => {
    // GIVEN
    const { stack, gw } = setup();
    // WHEN
    gw.addRoute("10.10.10.0/24", "vco-1");
    gw.addRoute("10.10.20.0/24", "vco-2");
    const tf = synthJson(stack);
    // THEN
    const routes = Object.entries(resources(tf, "alicloud_vpn_route_entry"));
    expect(routes.map(([, b]) => [b.route_dest, b.next_hop, b.weight, b.publish_vpc])).toEqual([
      ["10.10.10.0/24", "vco-1", 100, false],
      ["10.10.20.0/24", "vco-2", 100, false],
    ]);
    expect(routes[0]![1].depends_on).toBeUndefined();
    expect(routes[1]![1].depends_on).toEqual([`alicloud_vpn_route_entry.${routes[0]![0]}`]);
  });

  it("adds a standby route to the same destination with its weight, named by its link so the active route keeps its address", () => {
    // GIVEN
    const { stack, gw } = setup();
    // WHEN the active link's route, then the standby's
    gw.addRoute("10.10.10.0/24", "vco-1", { weight: 100, link: "office-a" });
    gw.addRoute("10.10.10.0/24", "vco-2", { weight: 0, link: "office-a-standby" });
    const tf = synthJson(stack);
    // THEN
    const routes = Object.entries(resources(tf, "alicloud_vpn_route_entry"));
    expect(routes.map(([k, b]) => [k.replace(/_[0-9A-F]{8}$/, ""), b.route_dest, b.next_hop, b.weight]).sort()).toEqual([
      ["Gw_Routes_10-10-10-0-24", "10.10.10.0/24", "vco-1", 100],
      ["Gw_Routes_10-10-10-0-24-OfficeAStandby", "10.10.10.0/24", "vco-2", 0],
    ]);
  });

  it("fails when `bandwidth` is not a VPN gateway bandwidth", () => {
    expect(() => setup({ bandwidth: 7 })).toThrow(/`bandwidth` 7 .+5, 10, 20, 50, 100, 200, 500, 1000/);
  });

  it("fails when `disasterRecoveryVswitch` equals `vswitch` in a region with several dual-tunnel zones", () => {
    expect(() => setup({ disasterRecoveryVswitch: "us-a" }, "cn-hongkong")).toThrow(/`disasterRecoveryVswitch` us-a .+another zone/);
  });

  it("accepts the same vSwitch twice where the region has one dual-tunnel zone (ap-northeast-2)", () => {
    const { gw } = setup({ disasterRecoveryVswitch: "us-a" }, "ap-northeast-2");
    expect(gw.dualTunnel).toBe(true);
  });

  it("fails without `disasterRecoveryVswitch` where new gateways are dual-tunnel (us-east-1)", () => {
    expect(() => setup({}, "us-east-1")).toThrow(
      /`disasterRecoveryVswitch` is required for VPN gateway us-vpc-vpn: new gateways in us-east-1 are dual-tunnel/,
    );
  });

  it("fails with `disasterRecoveryVswitch` where gateways are single-tunnel only (me-central-1)", () => {
    expect(() => setup({ disasterRecoveryVswitch: "us-b" })).toThrow(
      /`disasterRecoveryVswitch` us-b of VPN gateway us-vpc-vpn is not allowed: gateways in me-central-1 are single-tunnel only/,
    );
  });
});
