/**
 * Device configurations for offices on several VPN links and IDCs on several leased lines,
 * from hand-written stack JSON in the shape the redundancy constructs give: a customer gateway
 * and a connection per link, destination routes of weight 100 (active) or 0 (standby), and one
 * VBR with its BGP per line. Expectations are worked out by hand.
 */
import {
  deviceConfigs,
  idcLines,
  linkRole,
  readIdcSpecs,
  readOfficeSpecs,
  renderSheet,
  renderXfrmScript,
  TfStackJson,
} from "../../lib/devices";

const IKE = {
  ike_version: "ikev2",
  ike_mode: "main",
  ike_enc_alg: "aes256",
  ike_auth_alg: "sha256",
  ike_pfs: "group14",
  ike_lifetime: 86400,
};
const IPSEC = { ipsec_enc_alg: "aes256", ipsec_auth_alg: "sha256", ipsec_pfs: "group14", ipsec_lifetime: 3600 };

/** A link: its customer gateway, its connection on gateway `gw`, and its destination route of `weight`. */
function link(name: string, gw: string, ip: string, weight: number, cidr = "10.10.10.0/24") {
  const key = name.replace(/-/g, "_");
  return {
    cgw: { [key]: { customer_gateway_name: name, ip_address: ip } },
    conn: {
      [key]: {
        vpn_connection_name: name,
        vpn_gateway_id: `\${alicloud_vpn_gateway.${gw}.id}`,
        customer_gateway_id: `\${alicloud_vpn_customer_gateway.${key}.id}`,
        local_subnet: ["0.0.0.0/0"],
        remote_subnet: [cidr],
        ike_config: { ...IKE, psk: `\${var.psk_${key}}` },
        ipsec_config: IPSEC,
      },
    },
    route: {
      [key]: {
        vpn_gateway_id: `\${alicloud_vpn_gateway.${gw}.id}`,
        next_hop: `\${alicloud_vpn_connection.${key}.id}`,
        route_dest: cidr,
        weight,
        publish_vpc: false,
      },
    },
  };
}

function hub(links: ReturnType<typeof link>[]): TfStackJson {
  const merge = (k: "cgw" | "conn" | "route") => Object.assign({}, ...links.map((l) => l[k])) as Record<string, Record<string, unknown>>;
  return {
    resource: {
      alicloud_vpc: { US: { vpc_name: "us-vpc", cidr_block: "172.16.0.0/16" }, CN: { vpc_name: "cn-vpc", cidr_block: "172.17.0.0/16" } },
      alicloud_vpn_gateway: {
        GUS: { vpn_gateway_name: "us-vpn", vpc_id: "${alicloud_vpc.US.id}" },
        GCN: { vpn_gateway_name: "cn-vpn", vpc_id: "${alicloud_vpc.CN.id}" },
      },
      alicloud_vpn_customer_gateway: merge("cgw"),
      alicloud_vpn_connection: merge("conn"),
      alicloud_vpn_route_entry: merge("route"),
      alicloud_route_entry: {
        UsToCn: {
          route_table_id: "${alicloud_vpc.US.route_table_id}",
          destination_cidrblock: "172.17.0.0/16",
          nexthop_type: "RouterInterface",
          nexthop_id: "${x.y.id}",
        },
        CnToUs: {
          route_table_id: "${alicloud_vpc.CN.route_table_id}",
          destination_cidrblock: "172.16.0.0/16",
          nexthop_type: "RouterInterface",
          nexthop_id: "${x.z.id}",
        },
      },
    },
  };
}

/** us-office-1 on two devices behind us-vpn, active and standby. */
const twoDevices = () => hub([link("us-office-1", "GUS", "203.0.113.11", 100), link("us-office-1-standby", "GUS", "203.0.113.21", 0)]);
/** hq on one device linked to both gateways, both active. */
const twoGateways = () =>
  hub([link("hq-us", "GUS", "203.0.113.30", 100, "10.30.0.0/24"), link("hq-cn", "GCN", "203.0.113.30", 100, "10.30.0.0/24")]);

describe("linkRole", () => {
  test("weight 100 makes a link active, only weight-0 routes make it standby, no route leaves it active", () => {
    expect(linkRole([100])).toBe("active");
    expect(linkRole([0, 100])).toBe("active");
    expect(linkRole([0, 0])).toBe("standby");
    expect(linkRole([])).toBe("active");
  });
});

describe("an office on two devices behind one gateway", () => {
  const specs = readOfficeSpecs("hub", twoDevices());
  const [active, standby] = ["us-office-1", "us-office-1-standby"].map((n) => specs.find((s) => s.connection === n)!);

  test("each link is read with its role, its device's address, its own PSK variable and the other link", () => {
    expect(active).toMatchObject({ role: "active", officeIp: "203.0.113.11", ifId: 42, otherLinks: ["us-office-1-standby"], rank: 0 });
    expect(standby).toMatchObject({ role: "standby", officeIp: "203.0.113.21", ifId: 42, otherLinks: ["us-office-1"], rank: 1 });
    expect(active!.tunnels[0]!.pskEnv).toBe("TF_VAR_psk_us_office_1");
    expect(standby!.tunnels[0]!.pskEnv).toBe("TF_VAR_psk_us_office_1_standby");
  });

  test("the routing scripts carry metrics that prefer the active link and each VPC's own gateway", () => {
    const routes = (s: typeof active) =>
      renderXfrmScript(s!)
        .split("\n")
        .filter((l) => l.startsWith("ip route"));
    expect(routes(active)).toEqual([
      "ip route replace 172.16.0.0/16 dev xfrm42 metric 100",
      "ip route replace 172.17.0.0/16 dev xfrm42 metric 110",
    ]);
    expect(routes(standby)).toEqual([
      "ip route replace 172.16.0.0/16 dev xfrm42 metric 201",
      "ip route replace 172.17.0.0/16 dev xfrm42 metric 211",
    ]);
    expect(renderXfrmScript(standby!)).toContain("# FAILOVER: this link is standby");
  });

  test("the sheet says which link this is and lists the metrics; one file set per link", () => {
    const sheet = renderSheet(standby!);
    expect(sheet).toContain("## Failover between the office's links");
    expect(sheet).toContain("This link is **standby**");
    expect(sheet).toContain("| `172.16.0.0/16` | 201 |");
    const c = deviceConfigs([{ name: "hub", json: twoDevices() }]);
    expect(c.files.map((f) => f.path).filter((p) => p.endsWith("swanctl.conf"))).toEqual([
      "hub/us-office-1/swanctl.conf",
      "hub/us-office-1-standby/swanctl.conf",
    ]);
    expect(c.manifest.offices.map((o) => [o.connection, o.role, o.ifId])).toEqual([
      ["us-office-1", "active", 42],
      ["us-office-1-standby", "standby", 42],
    ]);
  });
});

describe("an office on one device linked to two gateways", () => {
  const specs = readOfficeSpecs("hub", twoGateways());
  const [us, cn] = ["hq-us", "hq-cn"].map((n) => specs.find((s) => s.connection === n)!);

  test("the device's two links get two XFRM interfaces, in both files", () => {
    // both active: ordered by name, hq-cn first
    expect([cn!.ifId, us!.ifId]).toEqual([42, 43]);
    const c = deviceConfigs([{ name: "hub", json: twoGateways() }]);
    const file = (p: string) => c.files.find((f) => f.path === p)!.content;
    expect(file("hub/hq-us/swanctl.conf")).toContain("if_id_in = 43");
    expect(file("hub/hq-us/xfrm-routes.sh")).toContain("ip link add xfrm43 type xfrm");
    expect(file("hub/hq-cn/swanctl.conf")).toContain("if_id_in = 42");
  });

  test("each VPC is preferred through its own gateway", () => {
    const metric = (s: typeof us, prefix: string) =>
      Number(
        /metric (\d+)/.exec(
          renderXfrmScript(s!)
            .split("\n")
            .find((l) => l.includes(`replace ${prefix} `))!,
        )![1],
      );
    expect(metric(us, "172.16.0.0/16")).toBeLessThan(metric(cn, "172.16.0.0/16"));
    expect(metric(cn, "172.17.0.0/16")).toBeLessThan(metric(us, "172.17.0.0/16"));
  });
});

describe("an IDC on two leased lines (BIRD)", () => {
  const line = (key: string, name: string, vlan: number, subnet: string, ri: string) => ({
    vbr: {
      [key]: {
        virtual_border_router_name: name,
        vlan_id: vlan,
        local_gateway_ip: `${subnet}.1`,
        peer_gateway_ip: `${subnet}.2`,
        peering_subnet_mask: "255.255.255.252",
      },
    },
    ri: {
      [ri]: {
        router_id: "${alicloud_vpc.B.router_id}",
        opposite_router_id: `\${alicloud_express_connect_virtual_border_router.${key}.id}`,
      },
    },
    group: { [key]: { router_id: `\${alicloud_express_connect_virtual_border_router.${key}.id}`, local_asn: 45104, peer_asn: 65001 } },
    peer: { [key]: { bgp_group_id: `\${alicloud_vpc_bgp_group.${key}.id}`, enable_bfd: true } },
    network: { [key]: { router_id: `\${alicloud_express_connect_virtual_border_router.${key}.id}`, dst_cidr_block: "172.16.0.0/16" } },
    route: {
      [key]: {
        route_table_id: "${alicloud_vpc.B.route_table_id}",
        destination_cidrblock: "10.100.0.0/16",
        nexthop_type: "RouterInterface",
        nexthop_id: `\${alicloud_express_connect_router_interface.${ri}.id}`,
      },
    },
  });
  // keys in reverse so the first line is not simply the first key
  const lines = [line("L2", "dc-1-line-2", 200, "10.255.1", "R2"), line("L1", "dc-1", 100, "10.255.0", "R1")];
  const merge = (k: keyof (typeof lines)[number]) =>
    Object.assign({}, ...lines.map((l) => l[k])) as Record<string, Record<string, unknown>>;
  const stack: TfStackJson = {
    resource: {
      alicloud_vpc: { B: { cidr_block: "172.16.0.0/16" } },
      alicloud_express_connect_virtual_border_router: merge("vbr"),
      alicloud_express_connect_router_interface: merge("ri"),
      alicloud_route_entry: merge("route"),
      alicloud_vpc_bgp_group: merge("group"),
      alicloud_vpc_bgp_peer: merge("peer"),
      alicloud_vpc_bgp_network: merge("network"),
    },
  };

  test("the two VBRs are one IDC's lines, the one named after the IDC first", () => {
    expect(idcLines(readIdcSpecs("idc", stack)).map((g) => g.map((d) => d.idc))).toEqual([["dc-1", "dc-1-line-2"]]);
  });

  test("one file holds both sessions, the first line preferred on import", () => {
    const c = deviceConfigs([{ name: "idc", json: stack }]);
    const birds = c.files.filter((f) => f.path.endsWith("bird-bgp.conf"));
    expect(birds.map((f) => f.path)).toEqual(["idc/idc-dc-1/bird-bgp.conf"]);
    const conf = birds[0]!.content;
    expect(conf).toContain("protocol bgp alibaba_dc_1 {");
    expect(conf).toContain("protocol bgp alibaba_dc_1_line_2 {");
    expect(conf).toContain("neighbor 10.255.0.1 as 45104;");
    expect(conf).toContain("neighbor 10.255.1.1 as 45104;");
    expect(conf).toMatch(/alibaba_dc_1 \{[^]*bgp_local_pref = 200;[^]*alibaba_dc_1_line_2 \{[^]*bgp_local_pref = 100;/);
    // the prefixes go out alike on both lines: Alibaba Cloud's side chooses by its own rules
    expect(conf.match(/export where net ~ ALIBABA_dc_1_ANNOUNCE;/g)).toHaveLength(2);
    expect(conf).not.toContain("prepend");
    expect(conf.match(/protocol bfd/g)).toHaveLength(1);
    expect(c.manifest.idcs.map((d) => [d.idc, d.line, d.localPref, d.bird])).toEqual([
      ["dc-1", 1, 200, "idc/idc-dc-1/bird-bgp.conf"],
      ["dc-1-line-2", 2, 100, "idc/idc-dc-1/bird-bgp.conf"],
    ]);
  });
});

describe("an IDC on two leased lines into a transit router (BIRD)", () => {
  const vbr = (name: string, subnet: string, vlan: number) => ({
    virtual_border_router_name: name,
    vlan_id: vlan,
    local_gateway_ip: `${subnet}.1`,
    peer_gateway_ip: `${subnet}.2`,
    peering_subnet_mask: "255.255.255.252",
  });
  const stack = (second: string): TfStackJson => ({
    resource: {
      alicloud_vpc: { B: { cidr_block: "172.16.0.0/16" } },
      alicloud_express_connect_virtual_border_router: { L1: vbr("dc-1", "10.255.0", 100), L2: vbr(second, "10.255.1", 200) },
      alicloud_cen_transit_router_vbr_attachment: {
        A1: { vbr_id: "${alicloud_express_connect_virtual_border_router.L1.id}" },
        A2: { vbr_id: "${alicloud_express_connect_virtual_border_router.L2.id}" },
      },
      alicloud_route_entry: {
        E: {
          route_table_id: "${alicloud_vpc.B.route_table_id}",
          destination_cidrblock: "10.100.0.0/16",
          nexthop_type: "Attachment",
          nexthop_id: "${alicloud_cen_transit_router_vpc_attachment.V.id}",
        },
      },
      alicloud_vpc_bgp_group: {
        G1: { router_id: "${alicloud_express_connect_virtual_border_router.L1.id}", local_asn: 45104, peer_asn: 65001 },
        G2: { router_id: "${alicloud_express_connect_virtual_border_router.L2.id}", local_asn: 45104, peer_asn: 65001 },
      },
    },
  });

  test("both lines' VBRs announce the data center's prefixes, in one file with the first line preferred", () => {
    const specs = readIdcSpecs("idc", stack("dc-1-line-2"));
    expect(specs.map((d) => [d.idc, d.announce])).toEqual([
      ["dc-1", ["10.100.0.0/16"]],
      ["dc-1-line-2", ["10.100.0.0/16"]],
    ]);
    const c = deviceConfigs([{ name: "idc", json: stack("dc-1-line-2") }]);
    expect(c.manifest.idcs.map((d) => [d.idc, d.line, d.bird])).toEqual([
      ["dc-1", 1, "idc/idc-dc-1/bird-bgp.conf"],
      ["dc-1-line-2", 2, "idc/idc-dc-1/bird-bgp.conf"],
    ]);
  });

  test("a statically routed second line is a backup in the same file: the cloud's prefixes below BGP, and the health check's way back", () => {
    const json = stack("dc-1-line-2");
    const res = json.resource as Record<string, Record<string, Record<string, unknown>>>;
    delete res.alicloud_vpc_bgp_group!.G2;
    res.alicloud_vpc_bgp_network = {
      N1: { router_id: "${alicloud_express_connect_virtual_border_router.L1.id}", dst_cidr_block: "172.16.0.0/16" },
    };
    res.alicloud_cen_vbr_health_check = {
      H: { vbr_instance_id: "${alicloud_express_connect_virtual_border_router.L2.id}", health_check_source_ip: "192.168.255.1" },
    };
    const c = deviceConfigs([{ name: "idc", json }]);
    const conf = c.files.find((f) => f.path === "idc/idc-dc-1/bird-bgp.conf")!.content;
    expect(conf).toContain("on 2 leased lines");
    expect(conf).toContain("protocol bgp alibaba_dc_1 {");
    expect(conf).not.toContain("protocol bgp alibaba_dc_1_line_2");
    const staticPart = conf.slice(conf.indexOf("protocol static idc_dc_1_line_2_static {"));
    expect(staticPart.split("\n").slice(0, 5)).toEqual([
      "protocol static idc_dc_1_line_2_static {",
      "  ipv4 { preference 50; };",
      "  route 172.16.0.0/16 via 10.255.1.1;",
      "  route 192.168.255.1/32 via 10.255.1.1; # the VBR health check's probes return this way",
      "}",
    ]);
    // only BGP lines are sessions the manifest names
    expect(c.manifest.idcs.map((d) => d.idc)).toEqual(["dc-1"]);
  });

  test("fails when the transit router's VBR attachments are two data centers' (which one holds the prefixes is unknown)", () => {
    expect(() => readIdcSpecs("idc", stack("dc-2"))).toThrow(/2 VBR attachments of more than one IDC/);
  });
});
