/**
 * Office and IDC device configurations from synthesized stack JSON. Fixtures are hand
 * written in the shape `cdk.tf.json` has (see cdktf.out), plus one synthesized from the
 * OfficeSite construct for the dual-tunnel form; expectations are worked out by hand.
 */
import { OfficeSite } from "../../lib/constructs/office-site";
import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { VpnGateway } from "../../lib/constructs/vpn-gateway";
import {
  deviceConfigs,
  DH_GROUPS,
  ENCRYPTION,
  espProposal,
  ikeProposal,
  INTEGRITY,
  readIdcSpecs,
  readOfficeSpecs,
  renderBird,
  renderSheet,
  renderSwanctl,
  renderXfrmScript,
  secretVariables,
  TfStackJson,
  tunnelMtu,
} from "../../lib/devices";
import { AuthAlgorithm, DhGroup, EncryptionAlgorithm } from "../../lib/topology";
import { aliasedProvider, newStack, synthJson } from "../constructs/tf-json";

function hub(conn: Record<string, unknown> = {}, gw: Record<string, unknown> = {}): TfStackJson {
  return {
    resource: {
      alicloud_vpc: { V: { vpc_name: "us-vpc", cidr_block: "172.16.0.0/16" } },
      alicloud_vpn_gateway: { G: { vpn_gateway_name: "us-vpn", vpc_id: "${alicloud_vpc.V.id}", ...gw } },
      alicloud_vpn_customer_gateway: { C: { customer_gateway_name: "office-a", ip_address: "203.0.113.11" } },
      alicloud_vpn_connection: {
        X: {
          vpn_connection_name: "office-a",
          vpn_gateway_id: "${alicloud_vpn_gateway.G.id}",
          customer_gateway_id: "${alicloud_vpn_customer_gateway.C.id}",
          local_subnet: ["0.0.0.0/0"],
          remote_subnet: ["10.10.10.0/24"],
          enable_dpd: true,
          enable_nat_traversal: true,
          ike_config: {
            ike_version: "ikev2",
            ike_mode: "main",
            ike_enc_alg: "aes256",
            ike_auth_alg: "sha256",
            ike_pfs: "group14",
            ike_lifetime: 86400,
            psk: "${var.psk_office_a}",
          },
          ipsec_config: { ipsec_enc_alg: "aes", ipsec_auth_alg: "sha1", ipsec_pfs: "group5", ipsec_lifetime: 3600 },
          ...conn,
        },
      },
      alicloud_route_entry: {
        R1: {
          route_table_id: "${alicloud_vpc.V.route_table_id}",
          destination_cidrblock: "10.20.10.0/24",
          nexthop_type: "RouterInterface",
          nexthop_id: "${x.y.id}",
        },
        R2: {
          route_table_id: "${alicloud_vpc.V.route_table_id}",
          destination_cidrblock: "10.10.10.0/24",
          nexthop_type: "VpnGateway",
          nexthop_id: "${alicloud_vpn_gateway.G.id}",
        },
        R3: {
          route_table_id: "${alicloud_vpc.V.route_table_id}",
          destination_cidrblock: "172.17.0.0/16",
          nexthop_type: "RouterInterface",
          nexthop_id: "${x.y.id}",
        },
      },
    },
  };
}

describe("the enum table", () => {
  it("spells every provider value of alicloud/extension_vpn.go in strongSwan keywords", () => {
    expect(Object.keys(ENCRYPTION).sort()).toEqual(["3des", "aes", "aes192", "aes256", "des"]);
    expect(ENCRYPTION.aes!.strongswan).toBe("aes128");
    expect(Object.keys(INTEGRITY).sort()).toEqual(["md5", "sha1", "sha256", "sha384", "sha512"]);
    expect(Object.keys(DH_GROUPS).sort()).toEqual(["disabled", "group1", "group14", "group2", "group24", "group5"]);
    expect(DH_GROUPS.group14!.strongswan).toBe("modp2048");
    expect(DH_GROUPS.group5!.strongswan).toBe("modp1536");
    expect(DH_GROUPS.disabled!.strongswan).toBeUndefined();
  });

  it("builds proposals, dropping the DH group when PFS is disabled", () => {
    const ike = { version: "ikev2", mode: "main", encryption: "aes192", integrity: "sha512", dhGroup: "group2", lifetimeSeconds: 1 };
    expect(ikeProposal("x", ike)).toBe("aes192-sha512-modp1024");
    expect(espProposal("x", { encryption: "3des", integrity: "md5", pfsGroup: "disabled", lifetimeSeconds: 1 })).toBe("3des-md5");
  });

  it("fails when a value is unknown, naming the field, the value and what is allowed", () => {
    expect(() =>
      readOfficeSpecs(
        "s",
        hub({ ipsec_config: { ipsec_enc_alg: "aes512", ipsec_auth_alg: "sha1", ipsec_pfs: "group5", ipsec_lifetime: 1 } }),
      ),
    ).toThrow(/alicloud_vpn_connection\.X\.ipsec_config\.ipsec_enc_alg = "aes512".+allowed: aes, aes192, aes256, des, 3des/);
    expect(() =>
      readOfficeSpecs(
        "s",
        hub({
          ike_config: {
            ike_version: "ikev2",
            ike_mode: "main",
            ike_enc_alg: "aes",
            ike_auth_alg: "sha386",
            ike_pfs: "group14",
            ike_lifetime: 1,
            psk: "${var.p}",
          },
        }),
      ),
    ).toThrow(/ike_auth_alg = "sha386"/);
  });
});

describe("readOfficeSpecs", () => {
  it("reads a single-tunnel connection: peers, proposals, selectors, routes, PSK variable", () => {
    const [o] = readOfficeSpecs("hub-dev", hub());
    expect(o).toMatchObject({
      connection: "office-a",
      office: "office-a",
      officeIp: "203.0.113.11",
      gateway: "us-vpn",
      localSubnets: ["10.10.10.0/24"],
      remoteSubnets: ["0.0.0.0/0"],
    });
    // the VPC, and every destination in its route table except the office itself
    expect(o!.routes).toEqual(["10.20.10.0/24", "172.16.0.0/16", "172.17.0.0/16"]);
    expect(o!.tunnels).toHaveLength(1);
    expect(o!.tunnels[0]).toMatchObject({
      role: "single",
      gatewayIp: "198.51.100.10",
      gatewayIpPlaceholder: true,
      pskEnv: "TF_VAR_psk_office_a",
    });
  });

  it("takes the deployed gateway IP from terraform output -json", () => {
    const [o] = readOfficeSpecs("hub-dev", hub(), { outputs: { office_office_a: { value: { alibaba_gateway_ip: "47.88.1.2" } } } });
    expect(o!.tunnels[0]).toMatchObject({ gatewayIp: "47.88.1.2", gatewayIpPlaceholder: false });
  });

  it("fails when the PSK is not a variable reference, without echoing it", () => {
    const bad = hub({
      ike_config: {
        ike_version: "ikev2",
        ike_mode: "main",
        ike_enc_alg: "aes",
        ike_auth_alg: "sha256",
        ike_pfs: "group14",
        ike_lifetime: 1,
        psk: "hunter2hunter2",
      },
    });
    expect(() => readOfficeSpecs("s", bad)).toThrow(/ike_config\.psk is not a Terraform variable reference/);
    expect(() => readOfficeSpecs("s", bad)).not.toThrow(/hunter2/);
  });

  it("fails when the stack has no IPsec connection", () => {
    expect(() => readOfficeSpecs("shared-nat-dev", { resource: {} })).toThrow(/shared-nat-dev has no alicloud_vpn_connection/);
  });

  it("reads the dual-tunnel form the OfficeSite construct synthesizes: master on the gateway IP, slave on the disaster-recovery IP", () => {
    const stack = newStack();
    const provider = aliasedProvider(stack, "main", "us-east-1");
    const vpc = new VpcNetwork(stack, "UsVpc", {
      name: "us-vpc",
      region: "us-east-1",
      cidrBlock: "172.16.0.0/16",
      provider,
      vswitches: [
        { name: "us-a", zone: "us-east-1a", cidr: "172.16.0.0/24" },
        { name: "us-b", zone: "us-east-1b", cidr: "172.16.1.0/24" },
      ],
    });
    const gateway = new VpnGateway(stack, "Gw", { name: "gw", vpc, bandwidth: 10, vswitch: "us-a", disasterRecoveryVswitch: "us-b" });
    new OfficeSite(stack, "Office", {
      gateway,
      name: "us-office-1",
      publicIp: "203.0.113.11",
      cidrs: ["10.10.10.0/24"],
      ipsec: { ipsecEncryption: EncryptionAlgorithm.AES192, ipsecAuth: AuthAlgorithm.SHA512, ipsecPfs: DhGroup.GROUP5 },
    });
    const json = synthJson(stack) as TfStackJson;
    const deployed = readOfficeSpecs("hub", json, {
      outputs: {
        office_us_office_1: {
          value: {
            tunnels: [
              { role: "master", alibaba_gateway_ip: "47.1.1.1" },
              { role: "slave", alibaba_gateway_ip: "47.1.1.2" },
            ],
          },
        },
      },
    });
    expect(deployed[0]!.tunnels.map((t) => [t.gatewayIp, t.gatewayIpPlaceholder])).toEqual([
      ["47.1.1.1", false],
      ["47.1.1.2", false],
    ]);
    const [o] = readOfficeSpecs("hub", json);
    expect(o!.tunnels.map((t) => [t.role, t.gatewayIp])).toEqual([
      ["master", "198.51.100.10"],
      ["slave", "198.51.100.11"],
    ]);
    expect(o!.tunnels[1]!.ipsec).toEqual({ encryption: "aes192", integrity: "sha512", pfsGroup: "group5", lifetimeSeconds: 86400 });
    const conf = renderSwanctl(o!, { psks: { TF_VAR_psk_us_office_1: "correct horse battery" } });
    expect(conf).toMatch(
      /us-office-1-master \{[\s\S]*remote_addrs = 198\.51\.100\.10[\s\S]*us-office-1-slave \{[\s\S]*remote_addrs = 198\.51\.100\.11/,
    );
    expect(conf).toContain("esp_proposals = aes192-sha512-modp1536");
    // one secret for both gateway IDs
    expect(conf).toMatch(/ike-us-office-1 \{\n {4}id-1 = 198\.51\.100\.10\n {4}id-2 = 198\.51\.100\.11\n {4}secret = 0s/);
  });

  it("fails when a connection mixes both forms", () => {
    const mixed = hub({ tunnel_options_specification: [{ role: "master" }] });
    expect(() => readOfficeSpecs("s", mixed)).toThrow(/both tunnel_options_specification and top-level/);
  });
});

describe("renderSwanctl", () => {
  const [o] = readOfficeSpecs("hub-dev", hub());

  it("writes IKEv2 with the exact proposals, lifetimes, DPD, NAT-T and selectors", () => {
    const conf = renderSwanctl(o!);
    expect(conf).toContain("version = 2\n");
    expect(conf).toContain("proposals = aes256-sha256-modp2048\n");
    expect(conf).toContain("esp_proposals = aes128-sha1-modp1536\n");
    expect(conf).toContain("    rekey_time = 86400s\n");
    expect(conf).toContain("        rekey_time = 3600s\n");
    expect(conf).toContain("dpd_delay = 10s");
    expect(conf).toContain("encap = yes");
    expect(conf).toContain("local_ts = 10.10.10.0/24\n");
    expect(conf).toContain("remote_ts = 0.0.0.0/0\n");
    expect(conf).toContain("remote_addrs = 198.51.100.10\n");
  });

  it("writes no key unless given one, and names the variable instead", () => {
    const conf = renderSwanctl(o!);
    expect(conf).not.toMatch(/^secrets \{/m);
    expect(conf).not.toMatch(/secret = /);
    expect(conf).toContain("TF_VAR_psk_office_a");
    const withKey = renderSwanctl(o!, { psks: { TF_VAR_psk_office_a: 's3cret "quoted" key' } });
    expect(withKey).toContain(`secret = 0s${Buffer.from('s3cret "quoted" key').toString("base64")}`);
  });

  it("fails when the key is too short", () => {
    expect(() => renderSwanctl(o!, { psks: { TF_VAR_psk_office_a: "short" } })).toThrow(/TF_VAR_psk_office_a has 5 characters/);
  });

  it("binds a route-based file's SAs to the XFRM interface and keeps the gateway's selectors", () => {
    const route = renderSwanctl(o!, { mode: "route" });
    expect(route).toContain(
      "        local_ts = 10.10.10.0/24\n        remote_ts = 0.0.0.0/0\n        if_id_in = 42\n        if_id_out = 42\n",
    );
    expect(route).toContain("# ROUTE-BASED");
    expect(renderSwanctl(o!)).toBe(route); // route-based is the default
    expect(renderSwanctl(o!, { mode: "route", ifId: 7 })).toContain("if_id_out = 7\n");
  });

  it("writes a policy-based file without if_id, warning about the 0.0.0.0/0 selector", () => {
    const policy = renderSwanctl(o!, { mode: "policy" });
    expect(policy).not.toContain("if_id");
    expect(policy).toContain("# POLICY-BASED");
    expect(policy).toContain("The remote selector is 0.0.0.0/0");
  });

  it("uses IKEv1 aggressive mode and reauthentication when the connection says so", () => {
    const [v1] = readOfficeSpecs(
      "s",
      hub({
        ike_config: {
          ike_version: "ikev1",
          ike_mode: "aggressive",
          ike_enc_alg: "aes",
          ike_auth_alg: "sha256",
          ike_pfs: "group14",
          ike_lifetime: 28800,
          psk: "${var.p}",
        },
      }),
    );
    const conf = renderSwanctl(v1!);
    expect(conf).toContain("version = 1\n");
    expect(conf).toContain("aggressive = yes\n");
    expect(conf).toContain("reauth_time = 28800s\n");
  });
});

describe("renderSheet and tunnelMtu", () => {
  it("computes the tunnel MTU by hand: AES-CBC + HMAC-SHA256 over UDP 4500", () => {
    // 1500 - 20 IPv4 - 8 UDP - 8 SPI/seq - 16 IV - 16 ICV = 1432 -> 1424 (16-byte blocks) - 2 trailer = 1422
    expect(
      tunnelMtu({ ipsec: { encryption: "aes256", integrity: "sha256", pfsGroup: "group14", lifetimeSeconds: 1 }, natTraversal: true }),
    ).toEqual({ mtu: 1422, mss: 1382, overhead: 78 });
    // 3DES + SHA1 without NAT-T: 1500 - 20 - 8 - 8 - 12 = 1452 -> 1448 (8-byte blocks) - 2 = 1446
    expect(
      tunnelMtu({ ipsec: { encryption: "3des", integrity: "sha1", pfsGroup: "group2", lifetimeSeconds: 1 }, natTraversal: false }).mtu,
    ).toBe(1446);
  });

  it("lists peers, common spellings, lifetimes, selectors and routes", () => {
    const [o] = readOfficeSpecs("hub-dev", hub());
    const md = renderSheet(o!);
    expect(md).toContain("| single | 203.0.113.11 | 198.51.100.10 (placeholder");
    expect(md).toContain("| Phase 2 encryption | AES-128-CBC |");
    expect(md).toContain("| Phase 2 integrity | HMAC-SHA1-96 |");
    expect(md).toContain("| Phase 2 PFS group | DH group 5 (MODP 1536) |");
    expect(md).toContain("| Phase 2 (IPsec SA) lifetime | 3600 s (1 h) |");
    const section = (title: string) => md.split(`## ${title}`)[1]!.split("\n## ")[0]!;
    expect(section("Routes to add on the device")).toContain("- `172.17.0.0/16`");
    expect(section("Routes to add on the device")).not.toContain("10.10.10.0/24");
    // what stays on the WAN: the office LAN and the tunnel endpoint
    expect(section("Keep out of the tunnel")).toContain("- `10.10.10.0/24` (this office)");
    expect(section("Keep out of the tunnel")).toContain("- `198.51.100.10/32` (tunnel endpoint)");
    expect(md).toMatch(/tunnel MTU to 1422 or less and clamp TCP MSS to 1382/); // AES + SHA1: 1500-20-8-8-16-12=1436 -> 1424 (16-byte blocks) - 2
  });

  it("says which variant the file beside it is and which devices take which", () => {
    const [o] = readOfficeSpecs("hub-dev", hub());
    const section = (md: string) => md.split("## Route-based or policy-based")[1]!.split("\n## ")[0]!;
    expect(section(renderSheet(o!))).toMatch(/is \*\*route-based\*\* \(`--mode route`, the default\)/);
    expect(section(renderSheet(o!, { mode: "policy" }))).toMatch(/is \*\*policy-based\*\*.*internet included/);
    expect(section(renderSheet(o!))).toMatch(/- \*\*Route-based\*\*.*Cisco IOS and IOS-XE \(VTI\)/);
    expect(section(renderSheet(o!))).toMatch(/- \*\*Policy-based\*\*.*Cisco ASA crypto maps/);
  });
});

describe("IDC BGP (BIRD 2)", () => {
  const idc: TfStackJson = {
    resource: {
      alicloud_vpc: { B: { cidr_block: "172.16.0.0/16" } },
      alicloud_express_connect_virtual_border_router: {
        V: {
          virtual_border_router_name: "dc-1",
          vlan_id: 100,
          local_gateway_ip: "10.255.0.1",
          peer_gateway_ip: "10.255.0.2",
          peering_subnet_mask: "255.255.255.252",
          min_rx_interval: 300,
          min_tx_interval: 400,
          detect_multiplier: 5,
        },
      },
      alicloud_express_connect_router_interface: {
        A: { router_id: "${alicloud_vpc.B.router_id}", opposite_router_id: "${alicloud_express_connect_virtual_border_router.V.id}" },
      },
      alicloud_route_entry: {
        E: {
          route_table_id: "${alicloud_vpc.B.route_table_id}",
          destination_cidrblock: "10.100.0.0/16",
          nexthop_type: "RouterInterface",
          nexthop_id: "${alicloud_express_connect_router_interface.A.id}",
        },
      },
      alicloud_vpc_bgp_group: {
        G: {
          router_id: "${alicloud_express_connect_virtual_border_router.V.id}",
          local_asn: 45104,
          peer_asn: 65001,
          auth_key: "${var.bgp_auth_key_dc_1}",
        },
      },
      alicloud_vpc_bgp_peer: { P: { bgp_group_id: "${alicloud_vpc_bgp_group.G.id}", enable_bfd: true, peer_ip_address: "10.255.0.2" } },
      alicloud_vpc_bgp_network: {
        N: { router_id: "${alicloud_express_connect_virtual_border_router.V.id}", dst_cidr_block: "172.16.0.0/16" },
      },
    },
  };

  it("reads the VBR peer, ASNs, MD5 variable, BFD timers and both prefix lists", () => {
    expect(readIdcSpecs("idc-dev", idc)).toEqual([
      {
        stack: "idc-dev",
        idc: "dc-1",
        vlanId: 100,
        vbrIp: "10.255.0.1",
        idcIp: "10.255.0.2",
        peeringSubnetMask: "255.255.255.252",
        idcAsn: 65001,
        alibabaAsn: 45104,
        md5Env: "TF_VAR_bgp_auth_key_dc_1",
        bfd: { minRxMs: 300, minTxMs: 400, multiplier: 5 },
        announce: ["10.100.0.0/16"],
        accept: ["172.16.0.0/16"],
      },
    ]);
  });

  it("renders BGP with BFD and filters, and the MD5 key only when given", () => {
    const [d] = readIdcSpecs("idc-dev", idc);
    const conf = renderBird(d!);
    expect(conf).toContain("local 10.255.0.2 as 65001;");
    expect(conf).toContain("neighbor 10.255.0.1 as 45104;");
    expect(conf).toContain("define ALIBABA_dc_1_ANNOUNCE = [ 10.100.0.0/16 ];");
    expect(conf).toContain("define ALIBABA_dc_1_ACCEPT = [ 172.16.0.0/16+ ];");
    expect(conf).toContain("min rx interval 300 ms;");
    expect(conf).toContain("multiplier 5;");
    expect(conf).toContain("bfd on;");
    expect(conf).not.toMatch(/^\s*password/m);
    expect(renderBird(d!, { md5Keys: { TF_VAR_bgp_auth_key_dc_1: "md5-key-1" } })).toContain('  password "md5-key-1";');
    expect(() => renderBird(d!, { md5Keys: { TF_VAR_bgp_auth_key_dc_1: 'a"b' } })).toThrow(/TF_VAR_bgp_auth_key_dc_1 contains a quote/);
  });
});

describe("deviceConfigs", () => {
  it("writes per office a swanctl.conf and a sheet, a BIRD snippet per IDC, and a manifest; secrets files 0600", () => {
    const c = deviceConfigs([{ name: "hub-dev", json: hub() }]);
    expect(c.files.map((f) => [f.path, f.mode])).toEqual([
      ["hub-dev/office-a/swanctl.conf", 0o644],
      ["hub-dev/office-a/xfrm-routes.sh", 0o755],
      ["hub-dev/office-a/sheet.md", 0o644],
      ["manifest.json", 0o644],
    ]);
    // the VPC, the other VPC and the other office (its route table), never the office's own LAN
    expect(c.manifest.offices[0]).toMatchObject({ mode: "route", tunnelRoutes: ["10.20.10.0/24", "172.16.0.0/16", "172.17.0.0/16"] });
    expect(secretVariables(c)).toEqual(["TF_VAR_psk_office_a"]);
    const s = deviceConfigs([{ name: "hub-dev", json: hub() }], { secrets: { TF_VAR_psk_office_a: "0123456789" } });
    expect(s.files[0]!.mode).toBe(0o600);
    expect(s.manifest.offices[0]!.tunnels).toEqual([
      { role: "single", swanctlName: "office-a", gatewayIp: "198.51.100.10", placeholder: true },
    ]);
  });

  it("writes no routing script for policy-based files, and says so in the manifest", () => {
    const c = deviceConfigs([{ name: "hub-dev", json: hub() }], { mode: "policy" });
    expect(c.files.map((f) => f.path)).toEqual(["hub-dev/office-a/swanctl.conf", "hub-dev/office-a/sheet.md", "manifest.json"]);
    expect(c.manifest.offices[0]!.mode).toBe("policy");
    expect(c.files[0]!.content).not.toContain("if_id");
  });

  it("fails when no stack has offices or an IDC", () => {
    expect(() => deviceConfigs([{ name: "nat", json: { resource: { alicloud_vpc: {} } } }])).toThrow(
      /nat have no IPsec connection and no VBR with BGP/,
    );
  });
});

describe("renderXfrmScript", () => {
  const [o] = readOfficeSpecs("hub-dev", hub());

  it("creates the XFRM interface with the file's if_id and routes only the hub's prefixes into it", () => {
    const sh = renderXfrmScript(o!);
    expect(sh.split("\n").filter((l) => l.startsWith("ip "))).toEqual([
      'ip link show xfrm42 >/dev/null 2>&1 || ip link add xfrm42 type xfrm dev "$WAN_DEV" if_id 42',
      `ip link set xfrm42 mtu ${tunnelMtu(o!.tunnels[0]!).mtu} up`,
      "ip route replace 10.20.10.0/24 dev xfrm42",
      "ip route replace 172.16.0.0/16 dev xfrm42",
      "ip route replace 172.17.0.0/16 dev xfrm42",
    ]);
    expect(sh).not.toMatch(/0\.0\.0\.0\/0|10\.10\.10\.0\/24 dev/);
  });

  it("fails when a hub prefix holds a tunnel endpoint", () => {
    expect(() => renderXfrmScript({ ...o!, routes: ["198.51.100.0/24"] })).toThrow(
      "office office-a: route 198.51.100.0/24 holds the tunnel endpoint 198.51.100.10; allowed: hub prefixes that leave the gateway's public IPs outside the tunnel",
    );
  });
});
