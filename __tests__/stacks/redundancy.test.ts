/**
 * The Terraform JSON of redundant sites, as the judges read it: an office on two devices
 * of one gateway (weighted destination routes) and on both hub gateways, and a data
 * center on two leased lines (a VBR per line, one route entry per line in each VPC).
 */
import { Testing } from "cdktf";
import { join, resolve } from "path";
import { checkReachability } from "../../lib/analysis/reachability";
import { loadTopologyFile, sitesFromTopology, Topology } from "../../lib/topology";
import { renderMermaid } from "../../lib/topology/diagram";
import { IdcLeasedLineStack } from "../../stacks/idc-leased-line";
import { MultinationalHubStack } from "../../stacks/multinational-hub";
import { findOne, ref, resources, synthJson } from "../constructs/tf-json";

const example = (file: string): Topology => loadTopologyFile(join(resolve(__dirname, "../.."), "examples", file));

describe("dual-homed-office: an office on two devices of one gateway, and one on both hub gateways", () => {
  const t = example("dual-homed-office.json");
  const tf = synthJson(new MultinationalHubStack(Testing.app(), "hub", { topology: t }), true);
  const connection = (name: string) => findOne(tf, "alicloud_vpn_connection", (b) => b.vpn_connection_name === name);

  it("builds a customer gateway per link, on the link's own device address", () => {
    const ips = Object.values(resources(tf, "alicloud_vpn_customer_gateway")).map((b) => [b.customer_gateway_name, b.ip_address]);
    expect(ips).toEqual(
      expect.arrayContaining([
        ["us-office-1", "203.0.113.11"],
        ["us-office-1-standby", "203.0.113.21"],
        ["hq-us", "203.0.113.30"],
        ["hq-cn", "203.0.113.30"],
      ]),
    );
  });

  it("routes the office's range on its gateway to the active connection with weight 100 and to the standby with 0", () => {
    const routes = Object.values(resources(tf, "alicloud_vpn_route_entry"))
      .filter((b) => b.route_dest === "10.10.10.0/24")
      .map((b) => ({ next_hop: b.next_hop, weight: b.weight, publish_vpc: b.publish_vpc }));
    expect(routes).toEqual(
      expect.arrayContaining([
        { next_hop: ref("alicloud_vpn_connection", connection("us-office-1").key, "id"), weight: 100, publish_vpc: false },
        { next_hop: ref("alicloud_vpn_connection", connection("us-office-1-standby").key, "id"), weight: 0, publish_vpc: false },
      ]),
    );
    expect(routes).toHaveLength(2);
  });

  it("sends an office on both gateways from each VPC to its own gateway", () => {
    const gw = (vpc: string) => findOne(tf, "alicloud_vpn_gateway", (b) => b.vpn_gateway_name === `${vpc}-vpn`).key;
    const toHq = Object.values(resources(tf, "alicloud_route_entry"))
      .filter((b) => b.destination_cidrblock === "10.30.0.0/24")
      .map((b) => [b.nexthop_type, b.nexthop_id]);
    expect(toHq.sort()).toEqual(
      [
        ["VpnGateway", ref("alicloud_vpn_gateway", gw("cn-vpc"), "id")],
        ["VpnGateway", ref("alicloud_vpn_gateway", gw("us-vpc"), "id")],
      ].sort(),
    );
  });

  it("reads each link's pre-shared key from its own variable, and says so in the office output", () => {
    for (const link of ["us-office-1", "us-office-1-standby", "hq-us", "hq-cn"]) {
      expect(tf.variable?.[`psk_${link.replace(/-/g, "_")}`]).toMatchObject({ sensitive: true });
    }
    expect(JSON.stringify(tf.output?.office_us_office_1_standby)).toContain("TF_VAR_psk_us_office_1_standby");
  });

  it("delivers every pair under the independent checker", () => {
    const r = checkReachability(tf, sitesFromTopology(t));
    expect(r.isDelivered("cn-vpc", "us-office-1")).toBe(true);
    expect(r.isDelivered("hq", "us-office-2")).toBe(true);
    expect(r.isDelivered("us-office-1", "hq")).toBe(true);
  });
});

describe("redundant-idc: a data center on two leased lines", () => {
  const t = example("redundant-idc.json");
  const tf = synthJson(new IdcLeasedLineStack(Testing.app(), "idc", { topology: t }), true);
  const iface = (name: string) => findOne(tf, "alicloud_express_connect_router_interface", (b) => b.router_interface_name === name).key;

  it("builds the second line's VBR, named <idc>-<line>, under Idcs/<idc>/Lines/<line>, on its own physical connection", () => {
    const vbr = findOne(tf, "alicloud_express_connect_virtual_border_router", (b) => b.virtual_border_router_name === "beijing-idc-line-2");
    expect(vbr.body).toMatchObject({ physical_connection_id: "pc-placeholder0001", vlan_id: 200, peer_gateway_ip: "10.255.0.6" });
    // the logical ID spells the construct path: Network/Idcs/BeijingIdc/Lines/Line2/Vbr
    expect(vbr.key).toMatch(/^Network_Idcs_BeijingIdc_Lines_Line2_Vbr_/);
    const peers = Object.keys(resources(tf, "alicloud_vpc_bgp_peer"));
    expect(peers.filter((k) => k.startsWith("Network_Idcs_BeijingIdc_Lines_Line2_Bgp_"))).toHaveLength(1);
    expect(Object.keys(tf.variable ?? {})).toEqual(expect.arrayContaining(["bgp_auth_key_beijing_idc", "bgp_auth_key_beijing_idc_line_2"]));
  });

  it("tells the IDC's network team what to set up on the second line's router", () => {
    expect(tf.output?.idc_router_settings_beijing_idc_line_2?.value).toEqual({
      vlan_id: 200,
      idc_side_ip: "10.255.0.6",
      alibaba_side_ip: "10.255.0.5",
      peering_subnet_mask: "255.255.255.252",
      routing: "bgp",
      bgp_local_asn: 65001,
      bgp_peer_asn: 45104,
      bgp_md5_key: "the value of TF_VAR_bgp_auth_key_beijing_idc_line_2",
      networks_via_alibaba: ["172.16.0.0/16", "172.18.0.0/16"],
    });
  });

  it("gives each VPC one route entry per line for the IDC's range, each to that line's VPC-side interface", () => {
    const entries = Object.values(resources(tf, "alicloud_route_entry"))
      .filter((b) => b.destination_cidrblock === "10.100.0.0/16")
      .map((b) => [b.nexthop_type, b.nexthop_id]);
    // the accepting (VPC-side) interface of a pair is named <link>-<vpc>
    const accepting = (link: string, vpc: string) => [
      "RouterInterface",
      ref("alicloud_express_connect_router_interface", iface(`${link}-${vpc}`), "id"),
    ];
    expect(entries.sort()).toEqual(
      [
        accepting("idc-bj", "bj-vpc"),
        accepting("idc-bj-2", "bj-vpc"),
        accepting("idc-sz", "sz-vpc"),
        accepting("idc-sz-2", "sz-vpc"),
      ].sort(),
    );
  });

  it("delivers both ways under the independent checker, and draws both lines", () => {
    const r = checkReachability(tf, sitesFromTopology(t));
    expect([r.isDelivered("bj-vpc", "beijing-idc"), r.isDelivered("beijing-idc", "sz-vpc")]).toEqual([true, true]);
    expect(renderMermaid(t)).toContain('---|"leased line pc-placeholder0001<br/>VLAN 200, BGP AS 65001"| vbr_beijing_idc_line_2');
  });
});
