import { BgpPeering } from "../../lib/constructs/bgp-peering";
import { LeasedLine } from "../../lib/constructs/leased-line";
import { VirtualBorderRouter } from "../../lib/constructs/virtual-border-router";
import { newStack, aliasedProvider, only, ref, resources, synthJson } from "./tf-json";

function setup(props: Partial<ConstructorParameters<typeof BgpPeering>[2]> = {}) {
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
    vlanId: 1,
    localGatewayIp: "10.255.0.1",
    peerGatewayIp: "10.255.0.2",
    peeringSubnetMask: "255.255.255.252",
  });
  new BgpPeering(stack, "Bgp", { vbr, peerAsn: 65001, advertise: ["172.16.0.0/16", "172.18.0.0/16"], ...props });
  return synthJson(stack);
}

describe("BgpPeering", () => {
  it("peers the VBR with the IDC router (BFD on), advertising the VPC networks one at a time", () => {
    const tf = setup();
    const vbr = only(tf, "alicloud_express_connect_virtual_border_router");
    const group = only(tf, "alicloud_vpc_bgp_group");
    expect(group.body).toMatchObject({
      peer_asn: 65001,
      local_asn: 45104,
      router_id: ref("alicloud_express_connect_virtual_border_router", vbr.key, "id"),
    });
    // bfd_multi_hop: required with BFD, API default 255, and Read writes it back (not Computed)
    expect(only(tf, "alicloud_vpc_bgp_peer").body).toMatchObject({
      peer_ip_address: "10.255.0.2",
      enable_bfd: true,
      bfd_multi_hop: 255,
      bgp_group_id: ref("alicloud_vpc_bgp_group", group.key, "id"),
    });
    const nets = Object.entries(resources(tf, "alicloud_vpc_bgp_network"));
    expect(nets.map(([, b]) => b.dst_cidr_block)).toEqual(["172.16.0.0/16", "172.18.0.0/16"]);
    expect(nets[1]![1].depends_on).toContain(`alicloud_vpc_bgp_network.${nets[0]![0]}`);
  });

  it("authenticates with an MD5 key from a sensitive variable by default", () => {
    const tf = setup();
    expect(tf.variable?.bgp_auth_key_beijing_idc).toMatchObject({ sensitive: true });
    expect(only(tf, "alicloud_vpc_bgp_group").body.auth_key).toBe("${var.bgp_auth_key_beijing_idc}");
  });

  it("omits the key when md5Auth is off", () => {
    const tf = setup({ md5Auth: false });
    expect(tf.variable).toBeUndefined();
    expect(only(tf, "alicloud_vpc_bgp_group").body.auth_key).toBeUndefined();
  });

  it("fails when `authKey` is a literal", () => {
    expect(() => setup({ authKey: "secret" })).toThrow(/`authKey` for BGP on beijing-idc is a literal/);
  });

  it("fails when `peerAsn` is Alibaba Cloud's ASN or out of range", () => {
    expect(() => setup({ peerAsn: 45104 })).toThrow(/`peerAsn` 45104 .+Alibaba Cloud's own ASN/);
    expect(() => setup({ peerAsn: 0 })).toThrow(/`peerAsn` 0 .+out of range/);
  });
});
