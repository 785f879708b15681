import { TerraformOutput } from "cdktf";
import { LeasedLine } from "../../lib/constructs/leased-line";
import { VirtualBorderRouter, VirtualBorderRouterProps } from "../../lib/constructs/virtual-border-router";
import { aliasedProvider, newStack, only, providerRef, synthJson } from "./tf-json";

function setup(over: Partial<VirtualBorderRouterProps> = {}) {
  const stack = newStack();
  const provider = aliasedProvider(stack, "main", "cn-beijing");
  const leasedLine = LeasedLine.fromPhysicalConnectionId(stack, "Line", {
    physicalConnectionId: "pc-abc",
    accessPointId: "ap-cn-beijing-ft-A",
  });
  const vbr = new VirtualBorderRouter(stack, "Vbr", {
    name: "beijing-idc",
    region: "cn-beijing",
    provider,
    leasedLine,
    vlanId: 100,
    localGatewayIp: "10.255.0.1",
    peerGatewayIp: "10.255.0.2",
    peeringSubnetMask: "255.255.255.252",
    ...over,
  });
  return { stack, vbr };
}

describe("VirtualBorderRouter", () => {
  it("creates the VBR on the line with VLAN, peering IPs, mask and BFD defaults, protected against destroy", () => {
    const { stack, vbr } = setup();
    const body = only(synthJson(stack), "alicloud_express_connect_virtual_border_router").body;
    expect(body).toMatchObject({
      physical_connection_id: "pc-abc",
      vlan_id: 100,
      local_gateway_ip: "10.255.0.1",
      peer_gateway_ip: "10.255.0.2",
      peering_subnet_mask: "255.255.255.252",
      detect_multiplier: 3,
      min_rx_interval: 1000,
      min_tx_interval: 1000,
      provider: providerRef("main", "cn-beijing"),
      lifecycle: { prevent_destroy: true },
    });
    expect(vbr.accessPointId).toBe("ap-cn-beijing-ft-A");
  });

  it("exposes the VBR's route table for planned routes", () => {
    const { stack, vbr } = setup();
    new TerraformOutput(stack, "rt", { value: vbr.routeTableId });
    expect(synthJson(stack).output?.rt?.value).toMatch(/^\$\{alicloud_express_connect_virtual_border_router\..+\.route_table_id\}$/);
  });

  it("fails when `vlanId` is out of range", () => {
    expect(() => setup({ vlanId: 4000 })).toThrow(/`vlanId` 4000 for VBR beijing-idc is out of range \(0–2999\)/);
  });

  it("fails when the gateway IPs are equal", () => {
    expect(() => setup({ peerGatewayIp: "10.255.0.1" })).toThrow(/`peerGatewayIp` 10.255.0.1 .+equals `localGatewayIp`/);
  });

  it("fails when `peerGatewayIp` is outside the peering subnet", () => {
    expect(() => setup({ peerGatewayIp: "10.255.0.6" })).toThrow(
      /`peerGatewayIp` 10.255.0.6 .+outside the peering subnet of 10.255.0.1\/30/,
    );
  });

  it("fails when `peeringSubnetMask` is not a mask", () => {
    expect(() => setup({ peeringSubnetMask: "255.0.255.0" })).toThrow(/`peeringSubnetMask` 255.0.255.0/);
  });

  it("fails when a BFD timer is out of range", () => {
    expect(() => setup({ minRxInterval: 50 })).toThrow(/`minRxInterval` 50 .+200–1000/);
  });
});
