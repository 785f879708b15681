/**
 * The packet twin's plan (pure): hand-written stack JSON in, namespaces, links, routes,
 * nftables and daemon configs out. The packets themselves are exercised by `npm run
 * twin` in CI (it needs root and network namespaces, so it is not a unit test).
 */
import { expectedMatrix, sitesFromJson } from "../../verify/twin/expected";
import { buildPlan, hostOf, INTERNET_HOST, securityGroupNft, StackJson, TwinManifest, TwinPlan } from "../../verify/twin/plan";

const vpc = (name: string, cidr: string) => ({ vpc_name: name, cidr_block: cidr });
const vsw = (vpcKey: string, cidr: string, name: string) => ({
  vpc_id: `\${alicloud_vpc.${vpcKey}.id}`,
  cidr_block: cidr,
  vswitch_name: name,
});
const re = (table: string, dest: string, type: string, hop: string) => ({
  route_table_id: table,
  destination_cidrblock: dest,
  nexthop_type: type,
  nexthop_id: hop,
});

/** A stack fixture the test may edit (StackJson itself is read-only). */
type EditableStack = { resource: Record<string, Record<string, Record<string, unknown>>> };

function peering(extra: Record<string, unknown> = {}): EditableStack {
  return {
    resource: {
      alicloud_vpc: { A: vpc("app", "10.1.0.0/16"), B: vpc("data", "10.2.0.0/16") },
      alicloud_vswitch: { SA: vsw("A", "10.1.0.0/24", "app-1"), SB: vsw("B", "10.2.0.0/24", "data-1") },
      alicloud_vpc_peer_connection: {
        P: { vpc_id: "${alicloud_vpc.A.id}", accepting_vpc_id: "${alicloud_vpc.B.id}", peer_connection_name: "ab", ...extra },
      },
      alicloud_route_entry: {
        RA: re("${alicloud_vpc.A.route_table_id}", "10.2.0.0/16", "VpcPeer", "${alicloud_vpc_peer_connection.P.id}"),
        RB: re("${alicloud_vpc.B.route_table_id}", "10.1.0.0/16", "VpcPeer", "${alicloud_vpc_peer_connection.P.id}"),
      },
      alicloud_security_group: { G: { vpc_id: "${alicloud_vpc.A.id}" } },
      alicloud_security_group_rule: {
        R: {
          security_group_id: "${alicloud_security_group.G.id}",
          type: "ingress",
          policy: "accept",
          ip_protocol: "all",
          port_range: "-1/-1",
          cidr_ip: "10.2.0.0/16",
        },
      },
    },
  };
}
const nsOf = (p: TwinPlan, label: string) => p.namespaces.find((n) => n.label === label)!.name;
const routesOf = (p: TwinPlan, label: string) => p.routes.filter((r) => r.ns === nsOf(p, label)).map((r) => r.args.join(" "));

describe("buildPlan: VPCs and peering", () => {
  const p = buildPlan("peer-dev", peering());

  it("makes a router per VPC, a host per vSwitch on .1/.2, the WAN and the internet host", () => {
    expect(p.namespaces.map((n) => n.label)).toEqual(["vpc:app", "vpc:data", "host:app-1", "host:data-1", "internet", "wan"]);
    expect(p.addresses).toEqual(
      expect.arrayContaining([
        [nsOf(p, "vpc:app"), "l0a", "10.1.0.1/24"],
        [nsOf(p, "host:app-1"), "l0b", "10.1.0.2/24"],
      ]),
    );
    expect(p.networks).toEqual([
      { name: "app", ns: nsOf(p, "host:app-1"), ip: "10.1.0.2", home: nsOf(p, "vpc:app") },
      { name: "data", ns: nsOf(p, "host:data-1"), ip: "10.2.0.2", home: nsOf(p, "vpc:data") },
      { name: "internet", ns: nsOf(p, "internet"), ip: INTERNET_HOST },
    ]);
  });

  it("links the peered routers and turns each VpcPeer route entry into a route via the peer", () => {
    const l = p.links.find((x) => x.why === "peering ab")!;
    expect([l.a, l.b]).toEqual([nsOf(p, "vpc:app"), nsOf(p, "vpc:data")]);
    expect(routesOf(p, "vpc:app")).toContain(`10.2.0.0/16 via ${l.bAddr.split("/")[0]}`);
    expect(routesOf(p, "vpc:data")).toContain(`10.1.0.0/16 via ${l.aAddr.split("/")[0]}`);
  });

  it("gives every link its own /30 from 169.254.0.0/16", () => {
    expect(p.links.map((l) => [l.aAddr, l.bAddr]).slice(0, 2)).toEqual([
      ["169.254.0.1/30", "169.254.0.2/30"],
      ["169.254.0.5/30", "169.254.0.6/30"],
    ]);
  });

  it("filters the host of a VPC with a security group: replies and admitted sources only", () => {
    const f = p.nft.find((x) => x.ns === nsOf(p, "host:app-1"))!;
    expect(f.ruleset).toContain("policy drop;");
    expect(f.ruleset).toContain("ct state established,related accept");
    expect(f.ruleset).toContain("ip saddr 10.2.0.0/16 accept");
    expect(p.nft.some((x) => x.ns === nsOf(p, "host:data-1"))).toBe(false);
  });

  it("builds no link for a cross-account peering nobody accepts, so its routes are unreachable", () => {
    const q = buildPlan("x", peering({ accepting_ali_uid: "123" }));
    expect(q.links.some((l) => l.why === "peering ab")).toBe(false);
    expect(routesOf(q, "vpc:app")).toContain("unreachable 10.2.0.0/16");
  });

  it("links a same-account peering that names its acceptor's UID (one set of credentials)", () => {
    const same = peering({ accepting_ali_uid: "123", provider: "alicloud.main_cn_hangzhou" });
    const q = buildPlan("x", {
      resource: {
        ...same.resource,
        alicloud_vpc: { ...same.resource!.alicloud_vpc, B: { ...vpc("data", "10.2.0.0/16"), provider: "alicloud.main_cn_hangzhou" } },
      },
      provider: { alicloud: [{ alias: "main_cn_hangzhou", region: "cn-hangzhou", profile: "main" }] },
    });
    expect(q.links.some((l) => l.why === "peering ab")).toBe(true);
    const other = buildPlan("x", {
      resource: {
        ...same.resource,
        alicloud_vpc: { ...same.resource!.alicloud_vpc, B: { ...vpc("data", "10.2.0.0/16"), provider: "alicloud.acceptor_cn_hangzhou" } },
      },
      provider: {
        alicloud: [
          { alias: "main_cn_hangzhou", region: "cn-hangzhou", profile: "main" },
          { alias: "acceptor_cn_hangzhou", region: "cn-hangzhou", profile: "acceptor" },
        ],
      },
    });
    expect(other.links.some((l) => l.why === "peering ab")).toBe(false);
  });

  it("fails when the stack uses the twin's link range", () => {
    const bad = peering();
    bad.resource!.alicloud_vpc!.B = vpc("data", "169.254.0.0/16");
    expect(() => buildPlan("x", bad)).toThrow(/alicloud_vpc\.B\.cidr_block = 169\.254\.0\.0\/16 overlaps 169\.254\.0\.0\/16/);
  });
});

describe("securityGroupNft", () => {
  it("spells protocol and port ranges", () => {
    const r = securityGroupNft([
      { type: "ingress", ip_protocol: "tcp", port_range: "22/22", cidr_ip: "10.0.0.0/8" },
      { type: "ingress", ip_protocol: "udp", port_range: "1000/2000", cidr_ip: "10.0.0.0/8" },
      { type: "ingress", ip_protocol: "icmp", port_range: "-1/-1", cidr_ip: "10.9.0.0/16" },
      { type: "egress", ip_protocol: "all", cidr_ip: "0.0.0.0/0" },
    ]);
    expect(r).toContain("ip saddr 10.0.0.0/8 tcp dport 22 accept");
    expect(r).toContain("ip saddr 10.0.0.0/8 udp dport 1000-2000 accept");
    expect(r).toContain("ip saddr 10.9.0.0/16 ip protocol icmp accept");
    expect(r).not.toContain("0.0.0.0/0");
  });

  it("orders rules by priority, a drop rule first at equal priority", () => {
    const r = securityGroupNft([
      { type: "ingress", ip_protocol: "all", cidr_ip: "10.0.0.0/8", policy: "accept", priority: 2 },
      { type: "ingress", ip_protocol: "all", cidr_ip: "10.1.0.0/16", policy: "accept", priority: 1 },
      { type: "ingress", ip_protocol: "all", cidr_ip: "10.1.2.0/24", policy: "drop", priority: 1 },
    ])
      .split("\n")
      .filter((l) => l.includes("saddr"))
      .map((l) => l.trim());
    expect(r).toEqual(["ip saddr 10.1.2.0/24 drop", "ip saddr 10.1.0.0/16 accept", "ip saddr 10.0.0.0/8 accept"]);
  });

  it("fails on a protocol it does not model", () => {
    expect(() => securityGroupNft([{ type: "ingress", ip_protocol: "gre", cidr_ip: "10.0.0.0/8" }])).toThrow(
      /ip_protocol gre is not modelled by the twin; allowed: all, tcp, udp, icmp/,
    );
  });
});

describe("buildPlan: shared NAT", () => {
  const s: StackJson = {
    resource: {
      alicloud_vpc: { H: vpc("hub", "192.168.0.0/16"), S: vpc("spoke", "172.16.0.0/16") },
      alicloud_vswitch: { HN: vsw("H", "192.168.0.0/24", "hub-nat"), SA: vsw("S", "172.16.0.0/24", "spoke-1") },
      alicloud_nat_gateway: { N: { vpc_id: "${alicloud_vpc.H.id}", nat_gateway_name: "egress", nat_type: "Enhanced" } },
      alicloud_eip_association: { E: { instance_id: "${alicloud_nat_gateway.N.id}" } },
      alicloud_snat_entry: {
        A: { snat_table_id: "${alicloud_nat_gateway.N.snat_table_ids}", source_cidr: "172.16.0.0/16" },
        B: { snat_table_id: "${alicloud_nat_gateway.N.snat_table_ids}", source_vswitch_id: "${alicloud_vswitch.HN.id}" },
      },
    },
  };
  const p = buildPlan("nat-dev", s);

  it("masquerades exactly the SNAT sources (CIDR and vSwitch) and drops anything else leaving", () => {
    const f = p.nft.find((x) => x.ns === nsOf(p, "nat:egress"))!.ruleset;
    expect(f).toMatch(/ip saddr \{ 172\.16\.0\.0\/16, 192\.168\.0\.0\/24 \} masquerade/);
    expect(f).toMatch(/ip saddr != \{ 172\.16\.0\.0\/16, 192\.168\.0\.0\/24 \} drop/);
  });

  it("makes a custom 0.0.0.0/0 beside an Enhanced NAT gateway unreachable (a duplicate of its system route fails at apply)", () => {
    const dup: StackJson = {
      resource: {
        ...s.resource,
        alicloud_route_entry: { D: re("${alicloud_vpc.H.route_table_id}", "0.0.0.0/0", "NatGateway", "${alicloud_nat_gateway.N.id}") },
      },
    };
    const q = buildPlan("x", dup);
    expect(routesOf(q, "vpc:hub")).toContain("unreachable 0.0.0.0/0");
    expect(routesOf(q, "vpc:hub").some((r) => r.startsWith("default via"))).toBe(false);
  });

  it("adds the Enhanced NAT gateway's system default route when the table has none", () => {
    expect(routesOf(p, "vpc:hub").some((r) => /^default via 169\.254\./.test(r))).toBe(true);
    expect(p.routes.find((r) => r.ns === nsOf(p, "vpc:hub") && r.args[0] === "default")!.why).toMatch(/system route/);
  });
});

describe("buildPlan: IPsec offices", () => {
  const hub: StackJson = {
    resource: {
      alicloud_vpc: { V: vpc("us", "172.16.0.0/16") },
      alicloud_vswitch: { S: vsw("V", "172.16.0.0/24", "us-a") },
      alicloud_vpn_gateway: { G: { vpc_id: "${alicloud_vpc.V.id}", vpn_gateway_name: "us-vpn" } },
      alicloud_vpn_customer_gateway: { C: { ip_address: "203.0.113.11", customer_gateway_name: "o1" } },
      alicloud_vpn_connection: {
        X: {
          vpn_connection_name: "o1",
          vpn_gateway_id: "${alicloud_vpn_gateway.G.id}",
          customer_gateway_id: "${alicloud_vpn_customer_gateway.C.id}",
          auto_config_route: false,
          local_subnet: ["0.0.0.0/0"],
          remote_subnet: ["10.10.10.0/24"],
          ike_config: {
            ike_version: "ikev2",
            ike_mode: "main",
            ike_enc_alg: "aes",
            ike_auth_alg: "sha512",
            ike_pfs: "group5",
            ike_lifetime: 3600,
            psk: "${var.psk_o1}",
          },
          ipsec_config: { ipsec_enc_alg: "aes192", ipsec_auth_alg: "sha1", ipsec_pfs: "disabled", ipsec_lifetime: 1800 },
        },
      },
      alicloud_vpn_route_entry: {
        E: { vpn_gateway_id: "${alicloud_vpn_gateway.G.id}", next_hop: "${alicloud_vpn_connection.X.id}", route_dest: "10.10.10.0/24" },
      },
      alicloud_route_entry: { R: re("${alicloud_vpc.V.route_table_id}", "10.10.10.0/24", "VpnGateway", "${alicloud_vpn_gateway.G.id}") },
    },
  };
  const manifest: TwinManifest = {
    offices: [
      {
        connection: "o1",
        office: "o1",
        officeIp: "203.0.113.11",
        gatewayKey: "G",
        localSubnets: ["10.10.10.0/24"],
        swanctl: "hub/o1/swanctl.conf",
        tunnels: [{ role: "single", swanctlName: "o1", gatewayIp: "198.51.100.10" }],
      },
    ],
    idcs: [],
  };
  const p = buildPlan("hub-dev", hub, manifest);

  it("runs the generated office file and builds the cloud side from the JSON with its own spelling", () => {
    expect(p.charons.find((c) => c.side === "office")).toMatchObject({ swanctl: { file: "hub/o1/swanctl.conf" }, children: ["o1"] });
    const gw = p.charons.find((c) => c.side === "gateway")!;
    const conf = (gw.swanctl as { inline: string }).inline;
    expect(conf).toContain("proposals = aes128-sha512-modp1536");
    expect(conf).toContain("esp_proposals = aes192-sha1\n");
    expect(conf).toContain("local_ts = 0.0.0.0/0");
    expect(conf).toContain("remote_ts = 10.10.10.0/24");
    expect(conf).toContain("rekey_time = 1800s");
    expect(conf).toContain('secret = "@@TF_VAR_psk_o1@@"');
    expect(p.pskEnvs).toEqual(["TF_VAR_psk_o1"]);
  });

  it("routes the gateway's vpn_route_entry rows to the connection named as next hop, and the VPC's VpnGateway entry to the gateway", () => {
    const conn = p.links.find((x) => x.why === "IPsec connection o1 of us-vpn")!;
    expect([conn.a, conn.b]).toEqual([nsOf(p, "vpngw:us"), nsOf(p, "vpnconn:o1")]);
    expect(routesOf(p, "vpngw:us")).toEqual([
      expect.stringMatching(/^default via 169\.254\./),
      `10.10.10.0/24 via ${conn.bAddr.split("/")[0]}`,
    ]);
    expect(p.routes.find((r) => r.args[0] === "10.10.10.0/24" && r.ns === nsOf(p, "vpngw:us"))!.why).toBe(
      "alicloud_vpn_route_entry.E -> connection o1",
    );
    // the connection's namespace sends everything from the gateway into its tunnels
    expect(p.routes.filter((r) => r.afterIpsec).map((r) => [r.ns, r.args.join(" ")])).toEqual([
      [nsOf(p, "vpnconn:o1"), "default dev ipsec0"],
    ]);
    const l = p.links.find((x) => /VPN gateway us-vpn in its VPC/.test(x.why))!;
    expect(routesOf(p, "vpc:us")).toContain(`10.10.10.0/24 via ${l.bAddr.split("/")[0]}`);
  });

  it("runs the cloud end of each connection in the connection's namespace, reached from the WAN only by its office", () => {
    expect(p.charons.find((c) => c.side === "gateway")!.ns).toBe(nsOf(p, "vpnconn:o1"));
    const wan = nsOf(p, "wan");
    const rule = p.rules.find((r) => r.ns === wan)!;
    expect(rule.args.join(" ")).toMatch(/^from 203\.0\.113\.11\/32 to 198\.51\.100\.10\/32 lookup \d+$/);
    expect(routesOf(p, "wan")).toContain(
      `198.51.100.10/32 via ${p.links.find((x) => x.b === nsOf(p, "vpnconn:o1") && x.a === wan)!.bAddr.split("/")[0]} dev ${p.links.find((x) => x.b === nsOf(p, "vpnconn:o1") && x.a === wan)!.aIf} table ${rule.args[5]}`,
    );
  });

  it("gives the gateway no route to an office whose vpn_route_entry is missing (auto_config_route = false)", () => {
    const without: StackJson = { resource: { ...hub.resource, alicloud_vpn_route_entry: {} } };
    const q = buildPlan("hub-dev", without, manifest);
    expect(routesOf(q, "vpngw:us").filter((r) => r.startsWith("10.10.10.0/24"))).toEqual([]);
    expect(q.vpnGateways).toEqual([
      {
        ns: nsOf(q, "vpngw:us"),
        name: "us-vpn",
        label: "vpngw:us",
        routes: [],
        connections: [{ name: "o1", autoConfigRoute: false, remoteSubnets: ["10.10.10.0/24"] }],
      },
    ]);
  });

  it("adds the connection's remote subnets itself when auto_config_route is not false", () => {
    const x = hub.resource!.alicloud_vpn_connection!.X!;
    const auto: StackJson = {
      resource: { ...hub.resource, alicloud_vpn_route_entry: {}, alicloud_vpn_connection: { X: { ...x, auto_config_route: undefined } } },
    };
    const q = buildPlan("hub-dev", auto, manifest);
    expect(q.vpnGateways[0]!.routes).toEqual([{ dest: "10.10.10.0/24", connection: "o1", from: "auto_config_route of connection o1" }]);
    expect(routesOf(q, "vpngw:us")).toContain(
      `10.10.10.0/24 via ${q.links.find((l) => l.why === "IPsec connection o1 of us-vpn")!.bAddr.split("/")[0]}`,
    );
  });

  it("looks up policy-based routes (alicloud_vpn_pbr_route_entry) before the destination-based table", () => {
    const pbr: StackJson = {
      resource: {
        ...hub.resource,
        alicloud_vpn_pbr_route_entry: {
          P: {
            vpn_gateway_id: "${alicloud_vpn_gateway.G.id}",
            next_hop: "${alicloud_vpn_connection.X.id}",
            route_source: "172.16.0.0/24",
            route_dest: "10.10.10.0/24",
          },
        },
      },
    };
    const q = buildPlan("hub-dev", pbr, manifest);
    const rule = q.rules.find((r) => r.ns === nsOf(q, "vpngw:us"))!;
    expect(rule.args.slice(0, 5).join(" ")).toBe("from 172.16.0.0/24 to 10.10.10.0/24 lookup");
    expect(Number(rule.args[rule.args.indexOf("pref") + 1])).toBeLessThan(32766); // ahead of the main table
    expect(q.vpnGateways[0]!.routes.map((r) => r.from)).toEqual(["alicloud_vpn_pbr_route_entry.P", "alicloud_vpn_route_entry.E"]);
  });

  it("routes a route-based office's tunnel prefixes into the tunnel and leaves strongSwan's route table off", () => {
    const m: TwinManifest = { ...manifest, offices: [{ ...manifest.offices[0]!, mode: "route", tunnelRoutes: ["172.16.0.0/16"] }] };
    const q = buildPlan("hub-dev", hub, m);
    expect(q.routes.filter((r) => r.ns === nsOf(q, "office:o1") && r.afterIpsec).map((r) => r.args.join(" "))).toEqual([
      "172.16.0.0/16 dev ipsec0",
    ]);
    expect(q.charons.find((c) => c.side === "office")!.installRoutes).toBe(false);
    expect(q.rules.filter((r) => r.ns === nsOf(q, "office:o1")).map((r) => r.args.join(" "))).toEqual(["lookup main pref 100"]);
  });

  it("keeps the office LAN and the tunnel endpoint out of strongSwan's route table", () => {
    expect(p.rules.filter((r) => r.ns === nsOf(p, "office:o1")).map((r) => r.args.join(" "))).toEqual([
      "to 10.10.10.0/24 lookup main pref 210",
      "to 198.51.100.10/32 lookup main pref 210",
    ]);
  });

  it("puts the office's LAN host behind its router and probes from .2", () => {
    expect(p.networks.find((n) => n.name === "o1")).toEqual({
      name: "o1",
      ns: nsOf(p, "lan:o1"),
      ip: "10.10.10.2",
      home: nsOf(p, "vpc:us"),
    });
  });

  it("fails when the office config has no tunnel for a role of the connection", () => {
    const m: TwinManifest = {
      ...manifest,
      offices: [{ ...manifest.offices[0]!, tunnels: [{ role: "master", swanctlName: "o1-master", gatewayIp: "198.51.100.10" }] }],
    };
    expect(() => buildPlan("hub-dev", hub, m)).toThrow(/tunnel role single has no counterpart in the office config of o1/);
  });
});

describe("expectedMatrix", () => {
  it("expects a round trip: a pair whose reply has no route is not expected, in either direction", () => {
    expect([...expectedMatrix(peering()).delivered].sort()).toEqual(["app->data", "data->app"]);
    const oneWay = peering();
    delete oneWay.resource!.alicloud_route_entry!.RB;
    const m = expectedMatrix(oneWay);
    expect([...m.delivered]).toEqual([]);
    expect(m.reasons.get("app->data")).toMatch(/^the reply cannot return: blackholed/);
  });
});

describe("sitesFromJson", () => {
  it("finds an IDC's networks from the VPC routes towards its VBR", () => {
    const s: StackJson = {
      resource: {
        alicloud_vpc: { B: vpc("bj", "172.16.0.0/16") },
        alicloud_express_connect_virtual_border_router: {
          V: { virtual_border_router_name: "dc", vlan_id: 100, peer_gateway_ip: "10.255.0.2" },
        },
        alicloud_express_connect_router_interface: {
          I: { router_id: "${alicloud_vpc.B.router_id}", opposite_router_id: "${alicloud_express_connect_virtual_border_router.V.id}" },
          J: { router_id: "${alicloud_express_connect_virtual_border_router.V.id}", opposite_router_id: "${alicloud_vpc.B.router_id}" },
        },
        alicloud_router_interface_connection: {
          C: {
            interface_id: "${alicloud_express_connect_router_interface.I.id}",
            opposite_interface_id: "${alicloud_express_connect_router_interface.J.id}",
          },
        },
        alicloud_route_entry: {
          R: re(
            "${alicloud_vpc.B.route_table_id}",
            "10.100.0.0/16",
            "RouterInterface",
            "${alicloud_express_connect_router_interface.I.id}",
          ),
        },
      },
    };
    expect(sitesFromJson(s).idcs).toEqual([{ name: "dc", cidrs: ["10.100.0.0/16"], vbr: { vlanId: 100, peerGatewayIp: "10.255.0.2" } }]);
  });
});

describe("hostOf", () => {
  it("counts from the network address across octets", () => {
    expect(hostOf("10.1.0.0/24", 1)).toBe("10.1.0.1");
    expect(hostOf("169.254.0.0/16", 1024)).toBe("169.254.4.0");
    expect(hostOf("10.1.0.7/24", 2)).toBe("10.1.0.2");
  });
});
