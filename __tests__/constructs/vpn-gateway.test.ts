import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { VpnGateway } from "../../lib/constructs/vpn-gateway";
import { aliasedProvider, findOne, newStack, only, providerRef, ref, resources, synthJson } from "./tf-json";

function setup(extra: Partial<ConstructorParameters<typeof VpnGateway>[2]> = {}) {
  const stack = newStack();
  const provider = aliasedProvider(stack, "main", "us-east-1");
  const vpc = new VpcNetwork(stack, "UsVpc", {
    name: "us-vpc", region: "us-east-1", cidrBlock: "172.16.0.0/16", provider,
    vswitches: [{ name: "us-a", zone: "us-east-1a", cidr: "172.16.0.0/24" }, { name: "us-b", zone: "us-east-1b", cidr: "172.16.1.0/24" }],
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
    expect(gw).toMatchObject({ bandwidth: 10, network_type: "public", payment_type: "PayAsYouGo", enable_ipsec: true, enable_ssl: false, vpn_gateway_name: "us-vpc-vpn", provider: providerRef("main", "us-east-1") });
    expect(gw.vpc_id).toBe(ref("alicloud_vpc", vpc.key, "id"));
    expect(gw.vswitch_id).toBe(ref("alicloud_vswitch", vsw.key, "id"));
    expect(gw.disaster_recovery_vswitch_id).toBeUndefined();
  });

  it("sets the disaster-recovery vSwitch for dual-tunnel connections", () => {
    const { stack, gw } = setup({ disasterRecoveryVswitch: "us-b" });
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

  it("fails when `bandwidth` is not a VPN gateway bandwidth", () => {
    expect(() => setup({ bandwidth: 7 })).toThrow(/`bandwidth` 7 .+5, 10, 20, 50, 100, 200, 500, 1000/);
  });

  it("fails when `disasterRecoveryVswitch` equals `vswitch`", () => {
    expect(() => setup({ disasterRecoveryVswitch: "us-a" })).toThrow(/`disasterRecoveryVswitch` us-a .+another zone/);
  });
});
