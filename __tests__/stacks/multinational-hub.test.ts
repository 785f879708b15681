import { Testing } from "cdktf";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { checkReachability, INTERNET_NETWORK } from "../../lib/analysis/reachability";
import { sitesFromTopology, Topology, TopologyError } from "../../lib/topology";
import { MultinationalHubStack } from "../../stacks/multinational-hub";
import { allResources, providerRef, resourceCounts, resources, synthJson, TfJson } from "../constructs/tf-json";

function synth(t: Topology): { tf: TfJson; stack: MultinationalHubStack } {
  const stack = new MultinationalHubStack(Testing.app(), "hub", { topology: t });
  return { tf: synthJson(stack, true), stack };
}

/** `<vpc>: <destination> -> <next hop type>` rows read back from the synthesized route entries. */
function routeRows(tf: TfJson): string[] {
  const vpcByKey = new Map(Object.entries(resources(tf, "alicloud_vpc")).map(([k, b]) => [k, b.vpc_name as string]));
  return Object.values(resources(tf, "alicloud_route_entry"))
    .map((e) => {
      const key = /^\$\{alicloud_vpc\.([^.]+)\.route_table_id\}$/.exec(e.route_table_id)![1]!;
      return `${vpcByKey.get(key)}: ${e.destination_cidrblock} -> ${e.nexthop_type}`;
    })
    .sort();
}

const OFFICES = ["us-office-1", "us-office-2", "cn-office-3", "cn-office-4"];

describe.each(["router-interface", "peering"] as const)("multinational-hub stack with the %s interconnect", (kind) => {
  const t = multinationalHub(kind);
  const { tf } = synth(t);
  const link = kind === "router-interface" ? "RouterInterface" : "VpcPeer";

  it("emits the seed's Step 4 route tables exactly (ten rows)", () => {
    expect(routeRows(tf)).toEqual([
      `cn-vpc: 10.10.10.0/24 -> ${link}`,
      `cn-vpc: 10.10.20.0/24 -> ${link}`,
      "cn-vpc: 10.20.10.0/24 -> VpnGateway",
      "cn-vpc: 10.20.20.0/24 -> VpnGateway",
      `cn-vpc: 172.16.0.0/16 -> ${link}`,
      "us-vpc: 10.10.10.0/24 -> VpnGateway",
      "us-vpc: 10.10.20.0/24 -> VpnGateway",
      `us-vpc: 10.20.10.0/24 -> ${link}`,
      `us-vpc: 10.20.20.0/24 -> ${link}`,
      `us-vpc: 172.17.0.0/16 -> ${link}`,
    ]);
  });

  it("creates a VPN gateway per region and an IPsec site per office with local subnet 0.0.0.0/0", () => {
    const counts = resourceCounts(tf);
    expect(counts).toMatchObject({
      alicloud_vpc: 2,
      alicloud_vswitch: 4,
      alicloud_vpn_gateway: 2,
      alicloud_vpn_customer_gateway: 4,
      alicloud_vpn_connection: 4,
      alicloud_vpn_route_entry: 4,
      alicloud_route_entry: 10,
      alicloud_security_group: 2,
    });
    if (kind === "router-interface")
      expect(counts).toMatchObject({ alicloud_express_connect_router_interface: 2, alicloud_router_interface_connection: 2 });
    else expect(counts).toMatchObject({ alicloud_vpc_peer_connection: 1 });
    for (const c of Object.values(resources(tf, "alicloud_vpn_connection"))) expect(c.local_subnet).toEqual(["0.0.0.0/0"]);
    expect(
      Object.values(resources(tf, "alicloud_vpn_connection"))
        .map((c) => c.remote_subnet[0])
        .sort(),
    ).toEqual(["10.10.10.0/24", "10.10.20.0/24", "10.20.10.0/24", "10.20.20.0/24"]);
  });

  it("puts each region's resources on that region's provider alias", () => {
    const regionOf = (b: Record<string, unknown>) => b.provider;
    const gws = Object.values(resources(tf, "alicloud_vpn_gateway"))
      .map((g) => [g.vpn_gateway_name, regionOf(g)])
      .sort();
    expect(gws).toEqual([
      ["cn-vpc-vpn", providerRef("main", "cn-shanghai")],
      ["us-vpc-vpn", providerRef("main", "us-east-1")],
    ]);
    for (const [type, key, body] of allResources(tf)) {
      expect([`${type}.${key}`, body.provider]).toEqual([
        `${type}.${key}`,
        expect.stringMatching(/^alicloud\.main_(us_east_1|cn_shanghai)$/),
      ]);
    }
  });

  it("lets every office reach every office and both VPCs, both ways, and nothing from the internet", () => {
    const r = checkReachability(tf, sitesFromTopology(t));
    const nets = ["us-vpc", "cn-vpc", ...OFFICES];
    for (const a of nets)
      for (const b of nets) {
        if (a !== b) expect(`${a}->${b}: ${r.get(a, b).status}`).toBe(`${a}->${b}: delivered`);
      }
    for (const n of nets) {
      expect(r.get(INTERNET_NETWORK, n).status).toBe("blackholed");
      expect(r.get(n, INTERNET_NETWORK).status).toBe("blackholed");
    }
    expect(r.get("us-office-1", "cn-office-4").hops).toEqual(["vpngw:us-vpc", "vpc:us-vpc", "vpc:cn-vpc", "vpngw:cn-vpc"]);
  });

  it("admits only the offices and the other VPC in each security group", () => {
    const sources = Object.values(resources(tf, "alicloud_security_group_rule")).map((r) => r.cidr_ip as string);
    // per VPC: both VPCs and the four offices (summarization is opt-in, so the VPCs stay apart)
    expect(sources.sort()).toEqual([
      "10.10.10.0/24",
      "10.10.10.0/24",
      "10.10.20.0/24",
      "10.10.20.0/24",
      "10.20.10.0/24",
      "10.20.10.0/24",
      "10.20.20.0/24",
      "10.20.20.0/24",
      "172.16.0.0/16",
      "172.16.0.0/16",
      "172.17.0.0/16",
      "172.17.0.0/16",
    ]);
    expect(sources).not.toContain("0.0.0.0/0");
  });

  it("outputs what office operators configure, without the pre-shared key", () => {
    const out = tf.output?.office_us_office_1?.value;
    expect(out).toMatchObject({
      office_gateway_ip: "203.0.113.11",
      local_subnets: ["10.10.10.0/24"],
      remote_subnets: ["0.0.0.0/0"],
      ike: { version: "ikev2", encryption: "aes256", integrity: "sha256", dh_group: "group14" },
      ipsec: { encryption: "aes256", integrity: "sha256", pfs_group: "group14" },
    });
    expect(out.alibaba_gateway_ip).toMatch(/^\$\{alicloud_vpn_gateway\..+\.internet_ip\}$/);
    expect(out.pre_shared_key).toMatch(/TF_VAR_psk_us_office_1/);
    expect(tf.output?.vpn_gateway_ip_us_vpc).toBeDefined();
    // both tunnels' gateway IPs, the standby one from the gateway's second address
    expect(out.tunnels).toEqual([
      { role: "master", alibaba_gateway_ip: out.alibaba_gateway_ip },
      { role: "slave", alibaba_gateway_ip: expect.stringMatching(/^\$\{alicloud_vpn_gateway\..+\.disaster_recovery_internet_ip\}$/) },
    ]);
    expect(tf.output?.vpn_gateway_dr_ip_us_vpc?.value).toMatch(/\.disaster_recovery_internet_ip\}$/);
  });

  it("makes both gateways dual-tunnel (us-east-1 and cn-shanghai require it) with two tunnels per office", () => {
    const gws = Object.values(resources(tf, "alicloud_vpn_gateway"));
    for (const g of gws) {
      expect(g.disaster_recovery_vswitch_id).toMatch(/^\$\{alicloud_vswitch\..+\.id\}$/);
      expect(g.disaster_recovery_vswitch_id).not.toBe(g.vswitch_id);
    }
    for (const c of Object.values(resources(tf, "alicloud_vpn_connection"))) {
      expect(c.customer_gateway_id).toBeUndefined();
      expect(c.ike_config).toBeUndefined();
      const tunnels = c.tunnel_options_specification as {
        role: string;
        customer_gateway_id: string;
        tunnel_ike_config: object;
        tunnel_ipsec_config: object;
      }[];
      expect(tunnels.map((x) => x.role)).toEqual(["master", "slave"]);
      expect(tunnels[0]!.customer_gateway_id).toBe(tunnels[1]!.customer_gateway_id);
      expect(tunnels[0]!.tunnel_ike_config).toEqual(tunnels[1]!.tunnel_ike_config);
      expect(tunnels[0]!.tunnel_ipsec_config).toEqual(tunnels[1]!.tunnel_ipsec_config);
      // Read fills these without their being Computed: ignored, or every plan would show changes
      expect(c.lifecycle?.ignore_changes).toEqual(
        expect.arrayContaining([
          "customer_gateway_id",
          "tunnel_options_specification[0].tunnel_ike_config[0].local_id",
          "tunnel_options_specification[1].tunnel_ike_config[0].remote_id",
        ]),
      );
    }
  });

  it("keeps every pre-shared key in a sensitive variable, never in clear text", () => {
    for (const o of OFFICES) expect(tf.variable?.[`psk_${o.replace(/-/g, "_")}`]).toMatchObject({ sensitive: true });
    for (const c of Object.values(resources(tf, "alicloud_vpn_connection"))) {
      const psks = (c.tunnel_options_specification as { tunnel_ike_config: { psk: string } }[]).map((x) => x.tunnel_ike_config.psk);
      expect(psks).toHaveLength(2);
      for (const psk of psks) expect(psk).toMatch(/^\$\{var\.psk_[a-z0-9_]+\}$/);
    }
  });
});

describe("multinational-hub stack at scale", () => {
  it("needs only config for 60 offices: with summarize on, routes summarize and every pair is delivered", () => {
    // GIVEN 30 offices per region on contiguous /24s, summarization opted in
    const base = multinationalHub();
    const offices = Array.from({ length: 60 }, (_, i) => ({
      name: `office-${i}`,
      publicIp: `203.0.113.${i + 20}`,
      cidrs: [`10.${i < 30 ? 64 : 96}.${i % 30}.0/24`],
    }));
    const links = [
      base.links[0]!,
      ...offices.map((o, i) => ({ kind: "vpn" as const, name: o.name, office: o.name, vpc: i < 30 ? "us-vpc" : "cn-vpc" })),
    ];
    const t: Topology = { ...base, offices, links, summarize: true };
    // WHEN
    const { tf } = synth(t);
    // THEN: 60 sites, 60 gateway routes, and VPC tables summarized far below the quota
    const counts = resourceCounts(tf);
    expect(counts).toMatchObject({ alicloud_vpn_connection: 60, alicloud_vpn_route_entry: 60 });
    expect(counts.alicloud_route_entry).toBeLessThan(20);
    const r = checkReachability(tf, sitesFromTopology(t));
    const nets = ["us-vpc", "cn-vpc", ...offices.map((o) => o.name)];
    const missing = nets.flatMap((a) => nets.filter((b) => a !== b && r.get(a, b).status !== "delivered").map((b) => `${a}->${b}`));
    expect(missing).toEqual([]);
  });
});

describe("multinational-hub stack, bad input", () => {
  it("fails when an office overlaps a VPC, naming the path and the value", () => {
    const t = structuredClone(multinationalHub()) as Topology & { offices: { cidrs: string[] }[] };
    t.offices[3]!.cidrs[0] = "172.17.8.0/24";
    expect(() => synth(t)).toThrow(TopologyError);
    expect(() => synth(t)).toThrow(
      /multinational-hub\.offices\[3\]\.cidrs\[0\] = "172\.17\.8\.0\/24": overlaps multinational-hub\.vpcs\[1\]\.cidr/,
    );
  });

  it("fails when an office's crypto is below the floor", () => {
    const base = multinationalHub();
    const t = { ...base, links: base.links.map((l, i) => (i === 1 ? { ...l, ipsec: { ikeAuth: "md5" } } : l)) } as Topology;
    expect(() => synth(t)).toThrow(/links\[1\]\.ipsec\.ikeAuth = "md5": is below the crypto floor/);
  });
});
