import { TerraformVariable } from "cdktf";
import { OfficeSite, OfficeSiteOptions } from "../../lib/constructs/office-site";
import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { VpnGateway } from "../../lib/constructs/vpn-gateway";
import { AuthAlgorithm, DhGroup, EncryptionAlgorithm, IkeVersion } from "../../lib/topology";
import { aliasedProvider, newStack, only, ref, resources, synthJson } from "./tf-json";

function setup(site: Partial<OfficeSiteOptions> & { addGatewayRoutes?: boolean } = {}, dual = false) {
  const stack = newStack();
  // us-east-1 gateways are dual-tunnel; me-central-1's single-tunnel (lib/topology/vpn-capabilities.ts)
  const region = dual ? "us-east-1" : "me-central-1";
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
  const gateway = new VpnGateway(stack, "Gw", {
    name: "gw",
    vpc,
    bandwidth: 10,
    vswitch: "us-a",
    disasterRecoveryVswitch: dual ? "us-b" : undefined,
  });
  const office = new OfficeSite(stack, "Office", {
    gateway,
    name: "us-office-1",
    publicIp: "203.0.113.11",
    cidrs: ["10.10.10.0/24"],
    ...site,
  });
  return { stack, office, gateway };
}

describe("OfficeSite", () => {
  it("connects the office with local subnet 0.0.0.0/0 and its CIDRs as remote subnets", () => {
    const { stack } = setup();
    const tf = synthJson(stack);
    const cgw = only(tf, "alicloud_vpn_customer_gateway");
    const conn = only(tf, "alicloud_vpn_connection").body;
    expect(cgw.body).toMatchObject({ ip_address: "203.0.113.11", customer_gateway_name: "us-office-1" });
    expect(conn.local_subnet).toEqual(["0.0.0.0/0"]);
    expect(conn.remote_subnet).toEqual(["10.10.10.0/24"]);
    expect(conn.customer_gateway_id).toBe(ref("alicloud_vpn_customer_gateway", cgw.key, "id"));
    expect(conn.auto_config_route).toBe(false);
  });

  it("uses secure IKE/IPsec defaults: IKEv2, AES-256, SHA-256, DH group 14 with PFS, DPD and NAT-T", () => {
    const { stack } = setup();
    const conn = only(synthJson(stack), "alicloud_vpn_connection").body;
    expect(conn.ike_config).toMatchObject({
      ike_version: "ikev2",
      ike_mode: "main",
      ike_enc_alg: "aes256",
      ike_auth_alg: "sha256",
      ike_pfs: "group14",
      ike_lifetime: 86400,
    });
    expect(conn.ipsec_config).toMatchObject({
      ipsec_enc_alg: "aes256",
      ipsec_auth_alg: "sha256",
      ipsec_pfs: "group14",
      ipsec_lifetime: 86400,
    });
    expect(conn).toMatchObject({ enable_dpd: true, enable_nat_traversal: true });
  });

  it("takes the pre-shared key from a sensitive variable psk_<site>, never a literal", () => {
    const { stack } = setup();
    const tf = synthJson(stack);
    expect(tf.variable?.psk_us_office_1).toMatchObject({ sensitive: true, type: "string" });
    expect(only(tf, "alicloud_vpn_connection").body.ike_config.psk).toBe("${var.psk_us_office_1}");
  });

  it("accepts a key from a variable the caller owns", () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, "shared_psk", { type: "string", sensitive: true });
    const { stack: s2 } = setup({ preSharedKey: v.stringValue });
    expect(only(synthJson(s2), "alicloud_vpn_connection").body.ike_config.psk).toBe("${var.shared_psk}");
  });

  it("overrides the policy per site", () => {
    const { stack, office } = setup({
      ipsec: { ikeVersion: IkeVersion.IKEV1, ikeEncryption: EncryptionAlgorithm.AES192, ipsecPfs: DhGroup.GROUP5 },
    });
    const conn = only(synthJson(stack), "alicloud_vpn_connection").body;
    expect(conn.ike_config).toMatchObject({ ike_version: "ikev1", ike_enc_alg: "aes192", ike_auth_alg: "sha256" });
    expect(conn.ipsec_config.ipsec_pfs).toBe("group5");
    expect(office.policy.ikeVersion).toBe("ikev1");
  });

  it("builds two tunnels on a dual-tunnel gateway", () => {
    const { stack } = setup({}, true);
    const conn = only(synthJson(stack), "alicloud_vpn_connection").body;
    expect(conn.customer_gateway_id).toBeUndefined();
    expect(conn.tunnel_options_specification.map((t: { role: string }) => t.role)).toEqual(["master", "slave"]);
    expect(conn.tunnel_options_specification[0].tunnel_ike_config.psk).toBe("${var.psk_us_office_1}");
    // fields Read fills on a dual-tunnel connection without their being Computed
    expect(conn.lifecycle.ignore_changes).toEqual([
      "customer_gateway_id",
      "tunnel_options_specification[0].tunnel_ike_config[0].local_id",
      "tunnel_options_specification[0].tunnel_ike_config[0].remote_id",
      "tunnel_options_specification[0].tunnel_bgp_config",
      "tunnel_options_specification[1].tunnel_ike_config[0].local_id",
      "tunnel_options_specification[1].tunnel_ike_config[0].remote_id",
      "tunnel_options_specification[1].tunnel_bgp_config",
    ]);
  });

  it("ignores nothing on a single-tunnel connection, whose customer gateway is configured", () => {
    const conn = only(synthJson(setup().stack), "alicloud_vpn_connection").body;
    // its lifecycle holds only the pre-shared key's preconditions
    expect(Object.keys(conn.lifecycle as Record<string, unknown>)).toEqual(["precondition"]);
  });

  it("adds the gateway's destination routes unless told not to", () => {
    expect(Object.keys(resources(synthJson(setup().stack), "alicloud_vpn_route_entry"))).toHaveLength(1);
    expect(Object.keys(resources(synthJson(setup({ addGatewayRoutes: false }).stack), "alicloud_vpn_route_entry"))).toHaveLength(0);
  });

  it("fails when `preSharedKey` is a literal", () => {
    expect(() => setup({ preSharedKey: "hunter2" })).toThrow(/`preSharedKey` of office us-office-1 is a literal/);
  });

  it("fails when `ipsec` is below the crypto floor, unless allowed for the site", () => {
    expect(() => setup({ ipsec: { ikeAuth: AuthAlgorithm.SHA1 } })).toThrow(/`ipsec.ikeAuth` sha1 .+crypto floor/);
    expect(() => setup({ ipsec: { ikeAuth: AuthAlgorithm.SHA1, allowWeakCrypto: ["sha1"] } })).not.toThrow();
  });

  const secondLink = (gateway: VpnGateway) => ({
    gateway,
    name: "us-office-1",
    link: "us-office-1-b",
    cidrs: ["10.10.10.0/24"],
    addGatewayRoutes: false,
  });

  it("shares a given customer gateway instead of making its own", () => {
    const { stack, office, gateway } = setup();
    new OfficeSite(stack, "Second", { ...secondLink(gateway), publicIp: "203.0.113.11", customerGateway: office.customerGateway });
    const tf = synthJson(stack);
    expect(Object.keys(resources(tf, "alicloud_vpn_customer_gateway"))).toHaveLength(1);
    const cgws = Object.values(resources(tf, "alicloud_vpn_connection")).map((c) => c.customer_gateway_id);
    expect(cgws).toHaveLength(2);
    expect(new Set(cgws).size).toBe(1);
  });

  it("fails when a given customer gateway is another device's", () => {
    const { stack, office, gateway } = setup();
    expect(
      () => new OfficeSite(stack, "Second", { ...secondLink(gateway), publicIp: "203.0.113.12", customerGateway: office.customerGateway }),
    ).toThrow(/`customerGateway` of office us-office-1 is for device 203.0.113.11, not this link's `publicIp` 203.0.113.12/);
  });

  it("ends the slave tunnel on a second device's own customer gateway on a dual-tunnel gateway", () => {
    const tf = synthJson(setup({ slaveTunnelPublicIp: "203.0.113.21" }, true).stack);
    const cgws = resources(tf, "alicloud_vpn_customer_gateway");
    const byIp = Object.fromEntries(Object.entries(cgws).map(([k, b]) => [b.ip_address, [k, b.customer_gateway_name]]));
    expect(byIp).toEqual({
      "203.0.113.11": [expect.any(String), "us-office-1"],
      "203.0.113.21": [expect.any(String), "us-office-1-slave"],
    });
    const tunnels = only(tf, "alicloud_vpn_connection").body.tunnel_options_specification as {
      role: string;
      customer_gateway_id: string;
    }[];
    expect(tunnels.map((t) => [t.role, t.customer_gateway_id])).toEqual([
      ["master", ref("alicloud_vpn_customer_gateway", byIp["203.0.113.11"]![0]!, "id")],
      ["slave", ref("alicloud_vpn_customer_gateway", byIp["203.0.113.21"]![0]!, "id")],
    ]);
  });

  it("fails when `slaveTunnelPublicIp` is set on a single-tunnel gateway", () => {
    expect(() => setup({ slaveTunnelPublicIp: "203.0.113.21" })).toThrow(
      /`slaveTunnelPublicIp` 203.0.113.21 of office us-office-1: the VPN gateway is single-tunnel/,
    );
  });

  it("fails when `slaveTunnelPublicIp` is the master tunnel's device", () => {
    expect(() => setup({ slaveTunnelPublicIp: "203.0.113.11" }, true)).toThrow(/is `publicIp` too; allowed: another device/);
  });

  it("fails when `publicIp` is private", () => {
    expect(() => setup({ publicIp: "192.168.1.1" })).toThrow(/`publicIp` 192.168.1.1/);
  });

  it("fails when `cidrs` has more than 10 entries", () => {
    const cidrs = Array.from({ length: 11 }, (_, i) => `10.10.${i}.0/24`);
    expect(() => setup({ cidrs })).toThrow(/`cidrs` .+11 entries; allowed: 1–10/);
  });
});

describe("OfficeSite health check", () => {
  it("probes across the tunnel when configured", () => {
    const { stack } = setup({ healthCheck: { sourceIp: "172.16.0.10", destinationIp: "10.10.10.1" } });
    expect(only(synthJson(stack), "alicloud_vpn_connection").body.health_check_config).toEqual({
      enable: true,
      sip: "172.16.0.10",
      dip: "10.10.10.1",
      interval: 3,
      retry: 3,
    });
  });

  it("fails when `healthCheck.destinationIp` is not an IPv4 address", () => {
    expect(() => setup({ healthCheck: { sourceIp: "172.16.0.10", destinationIp: "office" } })).toThrow(
      /`healthCheck.destinationIp` office/,
    );
  });
});
