/**
 * Defects the real API refuses at apply time but the pinned provider lets through (it does not
 * validate these fields), each as an edit of a synthesized stack and the error code the
 * emulator must answer. A driver plants one into a copy of the stack's JSON, runs e2e, and
 * expects the run to fail with `expectedCode` in its report; an edit that finds nothing to
 * change in a stack returns false (the defect does not apply there).
 *
 * Every code here is one of the request rules in products/checks.ts (listed in docs/emulator.md).
 */
import type { MutableStackJson as StackJson } from "../../lib/tfjson";
import type { ErrorCode } from "./errors";

export interface PlantedDefect {
  readonly name: string;
  /** what it breaks, and the API rule that refuses it */
  readonly rule: string;
  /** stacks (by name, e.g. "idc-leased-line-dev") it is meant for; the edit still decides */
  readonly stackPattern: RegExp;
  /** changes the stack in place; false when the stack has nothing to plant into */
  readonly edit: (stack: StackJson) => boolean;
  /** the error code the e2e report must name */
  readonly expectedCode: ErrorCode;
}

type Res = Record<string, unknown>;

function all(stack: StackJson, type: string): [string, Res][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

function first(stack: StackJson, type: string, where: (r: Res) => boolean = () => true): Res | undefined {
  return all(stack, type).find(([, r]) => where(r))?.[1];
}

/** `${type.name.attr}` -> [type, name, attr] */
function ref(v: unknown): [string, string, string] | undefined {
  const m = /^\$\{([a-z_]+)\.([\w-]+)\.(\w+)\}$/.exec(String(v));
  return m ? [m[1] as string, m[2] as string, m[3] as string] : undefined;
}

/** The VPC (its resource name) a reference to `alicloud_vpc.X.id|route_table_id|router_id` names. */
function vpcOf(v: unknown): string | undefined {
  const r = ref(v);
  return r && r[0] === "alicloud_vpc" ? r[1] : undefined;
}

function setMask(cidr: unknown, bits: number): string {
  return `${String(cidr).split("/")[0]}/${bits}`;
}

/** A route in a VPC table via a router interface, moved onto an interface of another router in the same region. */
function nextHopOnAnotherRouter(stack: StackJson): boolean {
  for (const [, route] of all(stack, "alicloud_route_entry")) {
    const vpc = vpcOf(route.route_table_id);
    if (!vpc || route.nexthop_type !== "RouterInterface") continue;
    const other = all(stack, "alicloud_express_connect_router_interface").find(
      ([, ri]) => ri.provider === route.provider && vpcOf(ri.router_id) !== vpc,
    );
    if (!other) continue;
    route.nexthop_id = `\${alicloud_express_connect_router_interface.${other[0]}.id}`;
    return true;
  }
  return false;
}

/** A route's destination set to the CIDR of a vSwitch of the same VPC, created first. */
function destinationIsVSwitchCidr(stack: StackJson): boolean {
  for (const [, route] of all(stack, "alicloud_route_entry")) {
    const vpc = vpcOf(route.route_table_id);
    const vsw = all(stack, "alicloud_vswitch").find(([, s]) => vpcOf(s.vpc_id) === vpc);
    if (!vpc || !vsw) continue;
    route.destination_cidrblock = vsw[1].cidr_block;
    route.depends_on = [...((route.depends_on as string[] | undefined) ?? []), `alicloud_vswitch.${vsw[0]}`];
    return true;
  }
  return false;
}

function firstTunnel(stack: StackJson, part: "tunnel_ike_config" | "tunnel_ipsec_config"): Res | undefined {
  const conn = first(stack, "alicloud_vpn_connection", (c) => Array.isArray(c.tunnel_options_specification));
  const tunnel = (conn?.tunnel_options_specification as Res[] | undefined)?.[0];
  return tunnel?.[part] as Res | undefined;
}

export const PLANTED_DEFECTS: readonly PlantedDefect[] = [
  {
    name: "vswitch-mask-30",
    rule: "CreateVSwitch: a vSwitch's mask is /16 to /29; a /30 is refused",
    stackPattern: /./,
    edit: (s) => {
      const v = first(s, "alicloud_vswitch");
      if (!v) return false;
      v.cidr_block = setMask(v.cidr_block, 30);
      return true;
    },
    expectedCode: "InvalidCidrBlock.Malformed",
  },
  {
    name: "vswitch-zone-of-another-region",
    rule: "CreateVSwitch: ZoneId is a zone of the request's region",
    stackPattern: /./,
    edit: (s) => {
      const v = first(s, "alicloud_vswitch", (x) => !String(x.zone_id).startsWith("eu-central-1"));
      if (!v) return false;
      v.zone_id = "eu-central-1a";
      return true;
    },
    expectedCode: "InvalidZoneId.NotFound",
  },
  {
    name: "vpc-in-reserved-range",
    rule: "CreateVpc: not 100.64.0.0/10, 224.0.0.0/4, 127.0.0.0/8, 169.254.0.0/16 or within them",
    stackPattern: /./,
    edit: (s) => {
      const v = first(s, "alicloud_vpc");
      if (!v) return false;
      v.cidr_block = "100.64.0.0/16";
      return true;
    },
    expectedCode: "InvalidCidrBlock.Reserved",
  },
  {
    name: "route-next-hop-on-another-router",
    rule: "CreateRouteEntry: the next hop belongs to the route table's VPC",
    stackPattern: /idc-leased-line|multinational-hub/,
    edit: nextHopOnAnotherRouter,
    expectedCode: "InvalidNextHop.NotInVpc",
  },
  {
    name: "route-next-hop-type-mismatch",
    rule: "CreateRouteEntry: NextHopId is of the type NextHopType names",
    stackPattern: /vpc-peering|shared-nat/,
    edit: (s) => {
      const r = first(s, "alicloud_route_entry", (x) => x.nexthop_type === "VpcPeer");
      if (!r) return false;
      r.nexthop_type = "VpnGateway";
      return true;
    },
    expectedCode: "InvalidNextHopType.Mismatch",
  },
  {
    name: "route-destination-is-vswitch-cidr",
    rule: "CreateRouteEntry: a custom route cannot have a system route's destination (a vSwitch CIDR)",
    stackPattern: /./,
    edit: destinationIsVSwitchCidr,
    expectedCode: "InvalidDestinationCidrBlock.SystemRoute",
  },
  {
    name: "route-destination-reserved",
    rule: "CreateRouteEntry: the destination is not 100.64.0.0/10 or within it",
    stackPattern: /./,
    edit: (s) => {
      const r = first(s, "alicloud_route_entry");
      if (!r) return false;
      r.destination_cidrblock = "100.64.8.0/24";
      return true;
    },
    expectedCode: "InvalidDestinationCidrBlock.Reserved",
  },
  {
    name: "vpn-gateway-bandwidth-15",
    rule: "CreateVpnGateway: Bandwidth is 5, 10, 20, 50, 100, 200, 500 or 1000",
    stackPattern: /multinational-hub/,
    edit: (s) => {
      const g = first(s, "alicloud_vpn_gateway");
      if (!g) return false;
      g.bandwidth = 15;
      return true;
    },
    expectedCode: "InvalidBandwidth.Malformed",
  },
  {
    name: "vpn-gateway-vswitches-one-zone",
    rule: "CreateVpnGateway: a dual-tunnel gateway's two vSwitches are in different zones",
    stackPattern: /multinational-hub/,
    edit: (s) => {
      const g = first(
        s,
        "alicloud_vpn_gateway",
        (x) => x.disaster_recovery_vswitch_id !== undefined && x.provider === "alicloud.main_cn_shanghai",
      );
      if (!g) return false;
      g.disaster_recovery_vswitch_id = g.vswitch_id;
      return true;
    },
    expectedCode: "InvalidVSwitchId.SameZone",
  },
  {
    name: "ike-encryption-aes512",
    rule: "CreateVpnConnection: IkeEncAlg is aes, aes192, aes256, des or 3des",
    stackPattern: /multinational-hub/,
    edit: (s) => {
      const ike = firstTunnel(s, "tunnel_ike_config");
      if (!ike) return false;
      ike.ike_enc_alg = "aes512";
      return true;
    },
    expectedCode: "InvalidIkeConfig.Malformed",
  },
  {
    name: "ipsec-pfs-group24",
    rule: "CreateVpnConnection: IpsecPfs is disabled, group1, group2, group5 or group14",
    stackPattern: /multinational-hub/,
    edit: (s) => {
      const ipsec = firstTunnel(s, "tunnel_ipsec_config");
      if (!ipsec) return false;
      ipsec.ipsec_pfs = "group24";
      return true;
    },
    expectedCode: "InvalidIpsecConfig.Malformed",
  },
  {
    name: "customer-gateway-in-shared-address-space",
    rule: "CreateCustomerGateway: IpAddress outside 100.64.0.0/10, 127/8, 169.254/16, 224/4, 255/8",
    stackPattern: /multinational-hub/,
    edit: (s) => {
      const c = first(s, "alicloud_vpn_customer_gateway");
      if (!c) return false;
      c.ip_address = "100.64.0.1";
      return true;
    },
    expectedCode: "InvalidIpAddress.Reserved",
  },
  {
    name: "customer-gateway-asn-45104",
    rule: "CreateCustomerGateway: Asn 1-4294967295, not Alibaba Cloud's 45104",
    stackPattern: /multinational-hub/,
    edit: (s) => {
      const c = first(s, "alicloud_vpn_customer_gateway");
      if (!c) return false;
      c.asn = "45104";
      return true;
    },
    expectedCode: "InvalidAsn.Malformed",
  },
  {
    name: "bgp-peer-asn-45104",
    rule: "CreateBgpGroup: PeerAsn is not Alibaba Cloud's 45104",
    stackPattern: /idc-leased-line/,
    edit: (s) => {
      const g = first(s, "alicloud_vpc_bgp_group");
      if (!g) return false;
      g.peer_asn = 45104;
      return true;
    },
    expectedCode: "InvalidAsn.Malformed",
  },
  {
    name: "bgp-local-asn-reserved",
    rule: "CreateBgpGroup: LocalAsn is 45104, 64512-65534 or 4200000000-4294967294, not 65025",
    stackPattern: /idc-leased-line/,
    edit: (s) => {
      const g = first(s, "alicloud_vpc_bgp_group");
      if (!g) return false;
      g.local_asn = 65025;
      return true;
    },
    expectedCode: "InvalidAsn.Malformed",
  },
  {
    name: "vbr-gateway-ips-in-two-subnets",
    rule: "CreateVirtualBorderRouter: LocalGatewayIp and PeerGatewayIp in one PeeringSubnetMask subnet",
    stackPattern: /idc-leased-line/,
    edit: (s) => {
      const v = first(s, "alicloud_express_connect_virtual_border_router", (x) => x.peering_subnet_mask === "255.255.255.252");
      if (!v) return false;
      const [a, b, c, d] = String(v.peer_gateway_ip).split(".").map(Number);
      v.peer_gateway_ip = `${a}.${b}.${c}.${(d ?? 0) + 4}`;
      return true;
    },
    expectedCode: "InvalidGatewayIp.NotInSameSubnet",
  },
  {
    name: "snat-source-vswitch-of-another-vpc",
    rule: "CreateSnatEntry: the source vSwitch is in the NAT gateway's VPC",
    stackPattern: /shared-nat/,
    edit: (s) => {
      const [, nat] = all(s, "alicloud_nat_gateway")[0] ?? [];
      const natVpc = vpcOf(nat?.vpc_id);
      const other = all(s, "alicloud_vswitch").find(([, v]) => vpcOf(v.vpc_id) !== natVpc);
      const snat = first(s, "alicloud_snat_entry", (x) => x.source_vswitch_id !== undefined);
      if (!natVpc || !other || !snat) return false;
      snat.source_vswitch_id = `\${alicloud_vswitch.${other[0]}.id}`;
      return true;
    },
    expectedCode: "InvalidSourceVSwitchId.NotInVpc",
  },
];
