/**
 * Reads what an office VPN device and an IDC BGP router need from a synthesized stack
 * (`cdk.tf.json`), optionally overlaid with `terraform output -json` after deploy.
 * Pure: no file system, no environment. It reads only the JSON a user deploys, never
 * the planner or the constructs.
 *
 * Both forms of `alicloud_vpn_connection` are read (`alicloud/resource_alicloud_vpn_connection.go`
 * v1.240.0): single tunnel (top-level `customer_gateway_id`, `ike_config`, `ipsec_config`,
 * `enable_dpd`, `enable_nat_traversal`, lines 84-215) and dual tunnel
 * (`tunnel_options_specification`, one entry per `role` master/slave, each with its own
 * `customer_gateway_id`, `tunnel_ike_config`, `tunnel_ipsec_config`, `enable_dpd`,
 * `enable_nat_traversal`, lines 252-400). A dual-tunnel gateway has a second public IP,
 * `disaster_recovery_internet_ip` (`alicloud/resource_alicloud_vpn_gateway.go:152`).
 */
import { Attrs, parseRef as ref, parseVar, StackJson } from "../tfjson";
import { dhGroup, encryption, ikeMode, ikeVersion, integrity } from "./crypto-names";
import { DEFAULT_IF_ID, LinkRole, linkRole, placeLinks } from "./failover";

/** A synthesized stack as the device readers take it (the project's one stack type). */
export type TfStackJson = StackJson;
type Resources = NonNullable<StackJson["resource"]>;
/** `terraform output -json`: name -> { value, type, sensitive }. */
export type TfOutputs = Record<string, { readonly value?: unknown }>;

export interface IkeSettings {
  readonly version: string;
  readonly mode: string;
  readonly encryption: string;
  readonly integrity: string;
  readonly dhGroup: string;
  readonly lifetimeSeconds: number;
  /** Alibaba side's IKE id. @default - the gateway's IP */
  readonly localId?: string;
  /** The id Alibaba expects from the office. @default - the office's public IP */
  readonly remoteId?: string;
}

export interface IpsecSettings {
  readonly encryption: string;
  readonly integrity: string;
  /** PFS group, or `disabled`. */
  readonly pfsGroup: string;
  readonly lifetimeSeconds: number;
}

export interface TunnelSpec {
  /** `single` for a single-tunnel connection, else the provider's role. */
  readonly role: "single" | "master" | "slave";
  /** The Alibaba Cloud end of this tunnel. */
  readonly gatewayIp: string;
  /** True when the IP is a stand-in (offline, before deploy). */
  readonly gatewayIpPlaceholder: boolean;
  readonly ike: IkeSettings;
  readonly ipsec: IpsecSettings;
  readonly dpd: boolean;
  readonly natTraversal: boolean;
  /** Environment variable holding the pre-shared key (`TF_VAR_<variable>`), never the key. */
  readonly pskEnv: string;
}

export interface OfficeDeviceSpec {
  readonly stack: string;
  /** `vpn_connection_name` (the link), used for file names. */
  readonly connection: string;
  /** `customer_gateway_name`. */
  readonly office: string;
  readonly officeIp: string;
  /** `vpn_gateway_name` of the Alibaba Cloud end. */
  readonly gateway: string;
  /** Resource key of the gateway in the stack JSON. */
  readonly gatewayKey: string;
  /** The office's own networks (the connection's `remote_subnet`). */
  readonly localSubnets: readonly string[];
  /** What the office reaches through the tunnel as selector (the connection's `local_subnet`). */
  readonly remoteSubnets: readonly string[];
  /** Prefixes the office should route into the tunnel (VPCs and other sites behind the gateway). */
  readonly routes: readonly string[];
  readonly tunnels: readonly TunnelSpec[];
  /** The link's role on its gateway, from the weights of its destination routes (failover.ts). */
  readonly role: LinkRole;
  /** The gateway VPC's CIDR, when the stack gives it literally. @default - unknown */
  readonly gatewayVpcCidr?: string;
  /** XFRM interface id of a route-based file: 42, or 43, 44, … for a device's further links. */
  readonly ifId: number;
  /** The office's other links (connections with the same office networks), active ones first. */
  readonly otherLinks: readonly string[];
  /** This link's place among the office's links (0 = preferred). */
  readonly rank: number;
  /**
   * Which device of the connection this is: 0 for the device of its first (master or
   * single) tunnel, 1 for a second device ending its slave tunnel.
   */
  readonly device: number;
  /**
   * The data center whose leased line this connection backs up (its device is the IDC's):
   * its routes are the IDC's BIRD file's, below BGP's preference, not the XFRM script's.
   * @default - an office's connection
   */
  readonly backupOf?: string;
}

export interface IdcBgpSpec {
  readonly stack: string;
  /** `virtual_border_router_name` (the IDC's name in the topology). */
  readonly idc: string;
  readonly vlanId: number;
  readonly vbrIp: string;
  readonly idcIp: string;
  readonly peeringSubnetMask: string;
  /** The IDC router's ASN (`alicloud_vpc_bgp_group.peer_asn`). */
  readonly idcAsn: number;
  /** Alibaba Cloud's ASN (`alicloud_vpc_bgp_group.local_asn`). */
  readonly alibabaAsn: number;
  /** Environment variable with the MD5 key, when the group has `auth_key`. @default - no MD5 */
  readonly md5Env?: string;
  /** BFD timers, when the BGP peer enables BFD. @default - no BFD */
  readonly bfd?: { readonly minRxMs: number; readonly minTxMs: number; readonly multiplier: number };
  /** Prefixes the IDC announces (what the VPCs route towards the VBR). */
  readonly announce: readonly string[];
  /** Prefixes Alibaba Cloud announces (`alicloud_vpc_bgp_network`). */
  readonly accept: readonly string[];
}

/** A data center's line with static routing (a VBR without BGP): what its router needs. */
export interface IdcStaticLineSpec {
  readonly stack: string;
  /** `virtual_border_router_name`: `<idc>-<line>` for a data center's further line. */
  readonly idc: string;
  readonly vlanId: number;
  readonly vbrIp: string;
  readonly idcIp: string;
  /** The source address of the line's VBR health check (`alicloud_cen_vbr_health_check`), which needs a route back. @default - no health check */
  readonly healthCheckSourceIp?: string;
}

export interface ReadOptions {
  /** `terraform output -json` of the same stack, after deploy. @default - placeholder gateway IPs */
  readonly outputs?: TfOutputs;
}

/** Placeholder public IPs (RFC 5737 TEST-NET-2), two per gateway in key order. */
export function placeholderGatewayIp(index: number, disasterRecovery: boolean): string {
  const host = 10 + index * 2 + (disasterRecovery ? 1 : 0);
  if (host > 254) throw new Error(`too many VPN gateways for placeholder IPs (${index + 1}); pass --outputs after deploy`);
  return `198.51.100.${host}`;
}

function str(where: string, v: unknown): string {
  if (typeof v !== "string" || v === "") throw new Error(`${where} = ${JSON.stringify(v)}; allowed: a non-empty string`);
  return v;
}
function num(where: string, v: unknown): number {
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
    throw new Error(`${where} = ${JSON.stringify(v)}; allowed: a non-negative integer`);
  return n;
}
function cidrs(where: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0) throw new Error(`${where} = ${JSON.stringify(v)}; allowed: a non-empty list of CIDRs`);
  return v.map((c, i) => {
    if (typeof c !== "string" || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(c))
      throw new Error(`${where}[${i}] = ${JSON.stringify(c)}; allowed: an IPv4 CIDR`);
    return c;
  });
}
function block(where: string, v: unknown): Attrs {
  const b = Array.isArray(v) ? v[0] : v;
  if (typeof b !== "object" || b === null) throw new Error(`${where} is missing; allowed: a block with the IKE/IPsec settings`);
  return b as Attrs;
}

function ikeOf(where: string, b: Attrs): IkeSettings {
  const s: IkeSettings = {
    version: str(`${where}.ike_version`, b.ike_version),
    mode: str(`${where}.ike_mode`, b.ike_mode),
    encryption: str(`${where}.ike_enc_alg`, b.ike_enc_alg),
    integrity: str(`${where}.ike_auth_alg`, b.ike_auth_alg),
    dhGroup: str(`${where}.ike_pfs`, b.ike_pfs),
    lifetimeSeconds: num(`${where}.ike_lifetime`, b.ike_lifetime),
    localId: typeof (b.ike_local_id ?? b.local_id) === "string" ? String(b.ike_local_id ?? b.local_id) : undefined,
    remoteId: typeof (b.ike_remote_id ?? b.remote_id) === "string" ? String(b.ike_remote_id ?? b.remote_id) : undefined,
  };
  // every value must be one the table knows: fail here, naming the field, not in a renderer
  ikeVersion(`${where}.ike_version`, s.version);
  ikeMode(`${where}.ike_mode`, s.mode);
  encryption(`${where}.ike_enc_alg`, s.encryption);
  integrity(`${where}.ike_auth_alg`, s.integrity);
  const g = dhGroup(`${where}.ike_pfs`, s.dhGroup);
  if (g.strongswan === undefined) throw new Error(`${where}.ike_pfs = "disabled"; allowed for IKE: a DH group (group1/2/5/14/24)`);
  return s;
}

function ipsecOf(where: string, b: Attrs): IpsecSettings {
  const s: IpsecSettings = {
    encryption: str(`${where}.ipsec_enc_alg`, b.ipsec_enc_alg),
    integrity: str(`${where}.ipsec_auth_alg`, b.ipsec_auth_alg),
    pfsGroup: str(`${where}.ipsec_pfs`, b.ipsec_pfs),
    lifetimeSeconds: num(`${where}.ipsec_lifetime`, b.ipsec_lifetime),
  };
  encryption(`${where}.ipsec_enc_alg`, s.encryption);
  integrity(`${where}.ipsec_auth_alg`, s.integrity);
  dhGroup(`${where}.ipsec_pfs`, s.pfsGroup);
  return s;
}

function pskEnvOf(where: string, v: unknown): string {
  const m = parseVar(v);
  if (!m) {
    // never echo the value: it may be a literal key
    throw new Error(
      `${where} is not a Terraform variable reference; allowed: "\${var.NAME}" (a sensitive variable, supplied as TF_VAR_NAME)`,
    );
  }
  return `TF_VAR_${m}`;
}

/** Every office behind an IPsec connection of the stack. */
export function readOfficeSpecs(stackName: string, stack: TfStackJson, opts: ReadOptions = {}): OfficeDeviceSpec[] {
  const res = stack.resource ?? {};
  const conns = Object.entries(res.alicloud_vpn_connection ?? {});
  if (conns.length === 0)
    throw new Error(
      `stack ${stackName} has no alicloud_vpn_connection; office configurations come from a stack with IPsec offices (multinational-hub)`,
    );
  const gwKeys = Object.keys(res.alicloud_vpn_gateway ?? {}).sort();
  const specs = conns
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([key, c]) => readOffice({ stackName, res, gwKeys, outputs: opts.outputs ?? {} }, key, c));
  const placed = placeLinks(specs);
  return specs.map((s) => ({ ...s, ...placed.get(linkEnd(s))! }));
}

/** The weights of the destination routes whose next hop is this connection. */
function routeWeights(res: Resources, connectionKey: string): unknown[] {
  return Object.values(res.alicloud_vpn_route_entry ?? {})
    .filter((e) => {
      const hop = ref(e.next_hop);
      return hop?.type === "alicloud_vpn_connection" && hop.name === connectionKey;
    })
    .map((e) => e.weight);
}

interface ReadContext {
  readonly stackName: string;
  readonly res: Resources;
  readonly gwKeys: readonly string[];
  readonly outputs: TfOutputs;
}

/**
 * One connection's office end, per device: its gateway, tunnels, customer gateway and
 * routes. A dual-tunnel connection whose slave tunnel names another customer gateway (a
 * second office device) gives one spec per device, each with the tunnels that end on it.
 */
function readOffice(ctx: ReadContext, key: string, c: Attrs): OfficeDeviceSpec[] {
  const { res } = ctx;
  const where = `alicloud_vpn_connection.${key}`;
  const name = str(`${where}.vpn_connection_name`, c.vpn_connection_name);
  const gwRef = ref(c.vpn_gateway_id);
  const gw = gwRef && gwRef.type === "alicloud_vpn_gateway" ? res.alicloud_vpn_gateway?.[gwRef.name] : undefined;
  if (!gwRef || !gw)
    throw new Error(
      `${where}.vpn_gateway_id = ${JSON.stringify(c.vpn_gateway_id)}; allowed: a reference to an alicloud_vpn_gateway of this stack`,
    );
  const ipFor = gatewayIps(ctx, name, ctx.gwKeys.indexOf(gwRef.name));
  const dual = gw.disaster_recovery_vswitch_id !== undefined;
  const { tunnels, cgwRefs } =
    Array.isArray(c.tunnel_options_specification) && c.tunnel_options_specification.length > 0
      ? dualTunnels(where, c, (role) => ipFor(role, role === "slave" && dual))
      : singleTunnel(where, c, ipFor("single", false));
  const cgwKeys = customerGateways(res, where, cgwRefs);
  const localSubnets = cidrs(`${where}.remote_subnet`, c.remote_subnet);
  const vpcRef = ref(gw.vpc_id);
  const vpc = vpcRef ? res.alicloud_vpc?.[vpcRef.name] : undefined;
  const backupOf = idcDeviceOf(res, c);
  const remoteSubnets = cidrs(`${where}.local_subnet`, c.local_subnet);
  const common = {
    stack: ctx.stackName,
    connection: name,
    gateway: str(`alicloud_vpn_gateway.${gwRef.name}.vpn_gateway_name`, gw.vpn_gateway_name ?? gwRef.name),
    gatewayKey: gwRef.name,
    localSubnets,
    remoteSubnets,
    // a data center's backup tunnel carries the VPCs its selectors name, no more
    routes: backupOf !== undefined ? remoteSubnets : officeRoutes(res, gwRef.name, vpcRef?.name, vpc, localSubnets),
    role: linkRole(routeWeights(res, key)),
    gatewayVpcCidr: typeof vpc?.cidr_block === "string" ? vpc.cidr_block : undefined,
    ifId: DEFAULT_IF_ID,
    otherLinks: [],
    rank: 0,
    ...(backupOf !== undefined ? { backupOf } : {}),
  };
  return [...new Set(cgwKeys)].map((cgwKey, device) => {
    const cgw = res.alicloud_vpn_customer_gateway![cgwKey]!;
    return {
      ...common,
      office: str(`alicloud_vpn_customer_gateway.${cgwKey}.customer_gateway_name`, cgw.customer_gateway_name ?? name),
      officeIp: str(`alicloud_vpn_customer_gateway.${cgwKey}.ip_address`, cgw.ip_address),
      tunnels: tunnels.filter((_, i) => cgwKeys[i] === cgwKey),
      device,
    };
  });
}

/** The key of one connection's end on one device (a connection whose tunnels end on two devices has two). */
export function linkEnd(s: { readonly connection: string; readonly officeIp: string }): string {
  return `${s.connection} ${s.officeIp}`;
}

type IpFor = (role: string, disasterRecovery: boolean) => Pick<TunnelSpec, "gatewayIp" | "gatewayIpPlaceholder">;

/**
 * The gateway IP of each tunnel: from the hub's `office_<name>` output after deploy
 * (`tunnels` [{ role, alibaba_gateway_ip }], and `alibaba_gateway_ip`, the gateway's
 * first IP, in older outputs), else a placeholder.
 */
function gatewayIps(ctx: ReadContext, connection: string, gwIndex: number): IpFor {
  const out = ctx.outputs[`office_${connection.replace(/-/g, "_")}`]?.value as Attrs | undefined;
  const realIp = (role: string): string | undefined => {
    const tunnels = Array.isArray(out?.tunnels) ? (out!.tunnels as Attrs[]) : [];
    const v = tunnels.find((t) => t.role === role)?.alibaba_gateway_ip ?? (role !== "slave" ? out?.alibaba_gateway_ip : undefined);
    return typeof v === "string" && /^\d+\.\d+\.\d+\.\d+$/.test(v) ? v : undefined;
  };
  return (role, dr) => {
    const real = realIp(role);
    return { gatewayIp: real ?? placeholderGatewayIp(gwIndex, dr), gatewayIpPlaceholder: real === undefined };
  };
}

/** The dual-tunnel form: one `tunnel_options_specification` entry per role. */
function dualTunnels(where: string, c: Attrs, ipFor: (role: string) => ReturnType<IpFor>): { tunnels: TunnelSpec[]; cgwRefs: unknown[] } {
  if (c.ike_config !== undefined || c.ipsec_config !== undefined || c.customer_gateway_id !== undefined) {
    throw new Error(
      `${where} has both tunnel_options_specification and top-level customer_gateway_id/ike_config/ipsec_config; allowed: one form`,
    );
  }
  const raw = c.tunnel_options_specification as Attrs[];
  const tunnels = raw.map((t, i): TunnelSpec => {
    const w = `${where}.tunnel_options_specification[${i}]`;
    const role = t.role;
    if (role !== "master" && role !== "slave") throw new Error(`${w}.role = ${JSON.stringify(role)}; allowed: master, slave`);
    const ike = block(`${w}.tunnel_ike_config`, t.tunnel_ike_config);
    return {
      role,
      ...ipFor(role),
      ike: ikeOf(`${w}.tunnel_ike_config`, ike),
      ipsec: ipsecOf(`${w}.tunnel_ipsec_config`, block(`${w}.tunnel_ipsec_config`, t.tunnel_ipsec_config)),
      dpd: t.enable_dpd !== false,
      natTraversal: t.enable_nat_traversal !== false,
      pskEnv: pskEnvOf(`${w}.tunnel_ike_config.psk`, ike.psk),
    };
  });
  if (new Set(tunnels.map((t) => t.role)).size !== tunnels.length)
    throw new Error(`${where}.tunnel_options_specification has a role twice; allowed: one master and one slave`);
  return { tunnels, cgwRefs: raw.map((t) => t.customer_gateway_id) };
}

/** The single-tunnel form: top-level `customer_gateway_id`, `ike_config`, `ipsec_config`. */
function singleTunnel(where: string, c: Attrs, ip: ReturnType<IpFor>): { tunnels: TunnelSpec[]; cgwRefs: unknown[] } {
  const ike = block(`${where}.ike_config`, c.ike_config);
  const tunnel: TunnelSpec = {
    role: "single",
    ...ip,
    ike: ikeOf(`${where}.ike_config`, ike),
    ipsec: ipsecOf(`${where}.ipsec_config`, block(`${where}.ipsec_config`, c.ipsec_config)),
    dpd: c.enable_dpd !== false,
    natTraversal: c.enable_nat_traversal !== false,
    pskEnv: pskEnvOf(`${where}.ike_config.psk`, ike.psk),
  };
  return { tunnels: [tunnel], cgwRefs: [c.customer_gateway_id] };
}

/** The customer gateway each tunnel of the connection names (one device, or a second one on the slave tunnel). */
function customerGateways(res: Resources, where: string, cgwRefs: readonly unknown[]): string[] {
  return cgwRefs.map((r, i) => {
    const x = ref(r);
    if (!x || x.type !== "alicloud_vpn_customer_gateway" || !res.alicloud_vpn_customer_gateway?.[x.name]) {
      throw new Error(
        `${where} customer_gateway_id[${i}] = ${JSON.stringify(r)}; allowed: a reference to an alicloud_vpn_customer_gateway of this stack`,
      );
    }
    return x.name;
  });
}

/**
 * What an office reaches behind its gateway: the gateway's VPC, every destination that
 * VPC's route table holds (other VPCs, other offices), and the gateway's routes to other
 * connections; never the office's own networks.
 */
function officeRoutes(res: Resources, gwKey: string, vpcKey: string | undefined, vpc: Attrs | undefined, own: readonly string[]): string[] {
  const out = new Set<string>();
  if (vpc && typeof vpc.cidr_block === "string") out.add(vpc.cidr_block);
  for (const e of Object.values(res.alicloud_route_entry ?? {})) {
    const t = ref(e.route_table_id);
    if (vpcKey && t?.type === "alicloud_vpc" && t.name === vpcKey && typeof e.destination_cidrblock === "string")
      out.add(e.destination_cidrblock);
  }
  for (const e of Object.values(res.alicloud_vpn_route_entry ?? {})) {
    if (ref(e.vpn_gateway_id)?.name === gwKey && typeof e.route_dest === "string") out.add(e.route_dest);
  }
  for (const c of own) out.delete(c);
  out.delete("0.0.0.0/0");
  return [...out].sort(compareCidr);
}

export function compareCidr(a: string, b: string): number {
  const n = (c: string) => c.split(/[./]/).map(Number);
  const x = n(a);
  const y = n(b);
  for (let i = 0; i < 5; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * A VBR attached to a CEN transit router: the IDC's prefixes are what the VPCs route to
 * their TR attachments (next hop type `Attachment`) beyond every VPC CIDR and every
 * office (a VPN connection's remote subnets). VBR attachments of two IDCs make that
 * ambiguous, so it is refused; the attachments of one IDC's lines (its VBR named after it,
 * the others `<idc>-<line>`) all lead to it.
 */
function transitRouterIdcPrefixes(res: Resources, vbrKey: string, vpcCidrs: readonly string[]): string[] {
  const attachments = Object.values(res.alicloud_cen_transit_router_vbr_attachment ?? {});
  if (!attachments.some((a) => ref(a.vbr_id)?.name === vbrKey)) return [];
  const offices = new Set(
    Object.values(res.alicloud_vpn_connection ?? {})
      .filter((c) => idcDeviceOf(res, c) === undefined)
      .flatMap((c) => (c.remote_subnet as string[] | undefined) ?? []),
  );
  let out = Object.values(res.alicloud_route_entry ?? {})
    .filter((e) => e.nexthop_type === "Attachment" && ref(e.route_table_id)?.type === "alicloud_vpc")
    .map((e) => e.destination_cidrblock)
    .filter((d): d is string => typeof d === "string" && !vpcCidrs.includes(d) && !offices.has(d));
  out = [...new Set(out)];
  if (out.length > 0 && attachments.length > 1 && !oneIdcsLines(res, attachments))
    throw new Error(
      `VPC routes to ${out.join(", ")} lead to a transit router with ${attachments.length} VBR attachments of more than one IDC, so the IDC holding them is ambiguous; allowed: the VBR attachments of one IDC's lines per stack`,
    );
  return out;
}

/** What the constructs write in the description of a data center's VPN device (its customer gateway). */
const IDC_DEVICE_PREFIX = "data center ";

/**
 * The IDC whose VPN device a connection's customer gateway is (described `data center
 * <idc>`: an IPsec backup of the IDC's leased line), or undefined for an office's.
 */
export function idcDeviceOf(res: Resources, c: Attrs): string | undefined {
  const tunnels = (c.tunnel_options_specification as Attrs[] | undefined) ?? [];
  const key = (ref(c.customer_gateway_id) ?? ref(tunnels[0]?.customer_gateway_id))?.name;
  const d = key ? res.alicloud_vpn_customer_gateway?.[key]?.description : undefined;
  return typeof d === "string" && d.startsWith(IDC_DEVICE_PREFIX) ? d.slice(IDC_DEVICE_PREFIX.length) : undefined;
}

/** Whether the attached VBRs are one IDC's lines: one VBR's name is the IDC's, the others' start with it and a hyphen. */
function oneIdcsLines(res: Resources, attachments: readonly Attrs[]): boolean {
  const names = attachments.map((a) => {
    const key = ref(a.vbr_id)?.name;
    const v = key ? res.alicloud_express_connect_virtual_border_router?.[key] : undefined;
    return typeof v?.virtual_border_router_name === "string" ? v.virtual_border_router_name : undefined;
  });
  if (names.some((n) => n === undefined)) return false;
  return names.some((first) => names.every((n) => n === first || n!.startsWith(`${first}-`)));
}

/** Every IDC with BGP on its VBR. */
export function readIdcSpecs(stackName: string, stack: TfStackJson): IdcBgpSpec[] {
  const res = stack.resource ?? {};
  const vbrs = Object.entries(res.alicloud_express_connect_virtual_border_router ?? {});
  if (vbrs.length === 0)
    throw new Error(
      `stack ${stackName} has no alicloud_express_connect_virtual_border_router; BGP snippets come from a stack with an IDC (idc-leased-line)`,
    );
  const vpcCidrs = Object.values(res.alicloud_vpc ?? {}).map((v) => String(v.cidr_block));
  const specs: IdcBgpSpec[] = [];
  for (const [key, v] of vbrs.sort(([a], [b]) => a.localeCompare(b))) {
    const where = `alicloud_express_connect_virtual_border_router.${key}`;
    const group = Object.entries(res.alicloud_vpc_bgp_group ?? {}).find(([, g]) => ref(g.router_id)?.name === key);
    if (!group) continue; // static routing: nothing for BGP
    const [gKey, g] = group;
    const gw = `alicloud_vpc_bgp_group.${gKey}`;
    const peer = Object.values(res.alicloud_vpc_bgp_peer ?? {}).find((p) => ref(p.bgp_group_id)?.name === gKey);
    // RIs on this VBR, and the VPC routes pointing at their accepting twins: the IDC's prefixes
    const vbrRis = new Set(
      Object.entries(res.alicloud_express_connect_router_interface ?? {})
        .filter(([, ri]) => ref(ri.opposite_router_id)?.name === key || ref(ri.router_id)?.name === key)
        .map(([k]) => k),
    );
    const announce = new Set<string>();
    for (const e of Object.values(res.alicloud_route_entry ?? {})) {
      const t = ref(e.route_table_id);
      const hop = ref(e.nexthop_id);
      if (
        t?.type === "alicloud_vpc" &&
        hop &&
        vbrRis.has(hop.name) &&
        typeof e.destination_cidrblock === "string" &&
        !vpcCidrs.includes(e.destination_cidrblock)
      ) {
        announce.add(e.destination_cidrblock);
      }
    }
    for (const c of transitRouterIdcPrefixes(res, key, vpcCidrs)) announce.add(c);
    const accept = Object.values(res.alicloud_vpc_bgp_network ?? {})
      .filter((n) => ref(n.router_id)?.name === key)
      .map((n) => str("alicloud_vpc_bgp_network.dst_cidr_block", n.dst_cidr_block));
    const bfdOn = peer?.enable_bfd === true;
    specs.push({
      stack: stackName,
      idc: str(`${where}.virtual_border_router_name`, v.virtual_border_router_name),
      vlanId: num(`${where}.vlan_id`, v.vlan_id),
      vbrIp: str(`${where}.local_gateway_ip`, v.local_gateway_ip),
      idcIp: str(`${where}.peer_gateway_ip`, v.peer_gateway_ip),
      peeringSubnetMask: str(`${where}.peering_subnet_mask`, v.peering_subnet_mask),
      idcAsn: num(`${gw}.peer_asn`, g.peer_asn),
      // CreateBGPGroup: LocalAsn defaults to 45104 when omitted (the stack always sets it)
      alibabaAsn: g.local_asn === undefined ? 45104 : num(`${gw}.local_asn`, g.local_asn),
      md5Env: g.auth_key === undefined ? undefined : pskEnvOf(`${gw}.auth_key`, g.auth_key),
      bfd: bfdOn
        ? {
            minRxMs: v.min_rx_interval === undefined ? 1000 : num(`${where}.min_rx_interval`, v.min_rx_interval),
            minTxMs: v.min_tx_interval === undefined ? 1000 : num(`${where}.min_tx_interval`, v.min_tx_interval),
            multiplier: v.detect_multiplier === undefined ? 3 : num(`${where}.detect_multiplier`, v.detect_multiplier),
          }
        : undefined,
      announce: [...announce].sort(compareCidr),
      accept: accept.sort(compareCidr),
    });
  }
  return specs;
}

/** Every VBR of the stack without BGP: a line with static routing. */
export function readIdcStaticLines(stackName: string, stack: TfStackJson): IdcStaticLineSpec[] {
  const res = stack.resource ?? {};
  const bgp = new Set(Object.values(res.alicloud_vpc_bgp_group ?? {}).map((g) => ref(g.router_id)?.name));
  return Object.entries(res.alicloud_express_connect_virtual_border_router ?? {})
    .filter(([key]) => !bgp.has(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, v]) => {
      const where = `alicloud_express_connect_virtual_border_router.${key}`;
      const check = Object.values(res.alicloud_cen_vbr_health_check ?? {}).find((h) => ref(h.vbr_instance_id)?.name === key);
      const source = check?.health_check_source_ip;
      return {
        stack: stackName,
        idc: str(`${where}.virtual_border_router_name`, v.virtual_border_router_name),
        vlanId: num(`${where}.vlan_id`, v.vlan_id),
        vbrIp: str(`${where}.local_gateway_ip`, v.local_gateway_ip),
        idcIp: str(`${where}.peer_gateway_ip`, v.peer_gateway_ip),
        healthCheckSourceIp: typeof source === "string" && !source.includes("${") ? source : undefined,
      };
    });
}
