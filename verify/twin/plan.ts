/**
 * The packet twin's plan: from one synthesized stack (`cdk.tf.json`) and the manifest of
 * the generated office configs, the namespaces, veth links, addresses, routes, nftables
 * rules and daemons that rebuild the stack's network on one machine. Pure: nothing here
 * runs a command, so the plan is unit-tested on its own.
 *
 * It reads only the JSON and the device-config manifest: never the planner or the
 * constructs, so a planner bug cannot fool the check that judges it.
 *
 * Model (one namespace per thing that forwards or owns addresses):
 * - `alicloud_vpc` -> a router namespace; each `alicloud_vswitch` -> a host namespace on
 *   its own link (router = first address of the vSwitch, host = second), with the VPC's
 *   security group rules as an nftables input filter on the host;
 * - `alicloud_vpc_peer_connection` (same account, or accepted) and connected
 *   router-interface pairs -> a veth link between the two routers;
 * - `alicloud_route_entry` -> `ip route` on the router owning `route_table_id`, next hop
 *   the link its `nexthop_type`/`nexthop_id` names; a next hop this router does not
 *   attach to becomes an `unreachable` route (where the packet dies);
 * - `alicloud_vpn_gateway` -> a router namespace beside its VPC that forwards only by the
 *   gateway's routes in the JSON (`alicloud_vpn_pbr_route_entry` as rules, then
 *   `alicloud_vpn_route_entry`, plus each connection's remote subnets when
 *   `auto_config_route` is not false); everything else goes back to the VPC;
 * - each `alicloud_vpn_connection` -> a namespace behind its gateway with a charon of its
 *   own (the cloud end of its tunnels, on the gateway's public IPs), so a packet enters a
 *   connection only when a gateway route sends it there;
 * - each office -> a router namespace running the generated swanctl.conf in charon
 *   (the very file `npm run office-configs` writes, policy- or route-based), and a LAN
 *   host namespace behind it (this kernel has no dummy devices);
 * - `alicloud_nat_gateway` with an EIP -> a namespace that masquerades the SNAT
 *   sources towards the WAN;
 * - VBR -> a namespace with BIRD (the `alicloud_vpc_bgp_*` rows); its IDC -> a namespace
 *   with BIRD running the generated snippet; the VLAN link between them;
 * - "wan" joins every public address; "internet" is one host (192.0.2.80, RFC 5737).
 * Link addresses come from 169.254.0.0/16, which the stack must not use.
 */
import * as ipaddr from "ipaddr.js";
import { assertNever } from "../../lib/private/assert-never";
import { Attrs, parseRef as ref, parseVar, StackJson, TfStack } from "../../lib/tfjson";
import { planTransitRouters, TrPlanResult, TwinTransitRouter } from "./transit-router";

export type { StackJson };
type Resources = NonNullable<StackJson["resource"]>;

export interface ManifestOffice {
  readonly connection: string;
  readonly office: string;
  readonly officeIp: string;
  readonly gatewayKey: string;
  readonly localSubnets: readonly string[];
  readonly swanctl: string;
  /** How the file sends traffic into the tunnel. @default "policy" */
  readonly mode?: OfficeMode;
  /** Route-based files: the prefixes routed into the tunnel. @default - none */
  readonly tunnelRoutes?: readonly string[];
  readonly tunnels: readonly { readonly role: string; readonly swanctlName: string; readonly gatewayIp: string }[];
  /** The data center whose leased line this link backs up: its device is that IDC's router. @default - an office's link */
  readonly backupOf?: string;
  /** A route-based file's XFRM interface id (the interface is `xfrm<ifId>`). @default - none */
  readonly ifId?: number;
}
export interface ManifestIdc {
  readonly idc: string;
  readonly bird: string;
  readonly protocol: string;
}
export interface TwinManifest {
  readonly offices: readonly ManifestOffice[];
  readonly idcs: readonly ManifestIdc[];
}

export type NsKind = "vpc" | "host" | "vpngw" | "vpnconn" | "office" | "lan" | "wan" | "nat" | "internet" | "vbr" | "idc" | "tr";
/** Policy-based (selectors decide, strongSwan's route table) or route-based (XFRM interface and routes). */
export type OfficeMode = "policy" | "route";
export interface TwinNs {
  readonly name: string;
  readonly kind: NsKind;
  /** What it stands for, e.g. `vpc:us-vpc`. */
  readonly label: string;
}
export interface TwinLink {
  readonly a: string;
  readonly b: string;
  readonly aIf: string;
  readonly bIf: string;
  /** `addr/prefix` on each side. */
  readonly aAddr: string;
  readonly bAddr: string;
  readonly why: string;
}
export interface TwinRoute {
  readonly ns: string;
  /** Arguments after `ip route add`. */
  readonly args: readonly string[];
  /** Install after charon is up (routes into its TUN device). */
  readonly afterIpsec?: boolean;
  readonly why: string;
}
export interface CharonSpec {
  readonly ns: string;
  readonly side: "gateway" | "office";
  /** Gateway side: swanctl.conf built from the JSON. Office side: the generated file's path. */
  readonly swanctl: { readonly inline: string } | { readonly file: string };
  /**
   * Office side: the files of further links the same device terminates (one public IP,
   * tunnels to several gateways), loaded after `swanctl` into the same charon (strongSwan
   * merges sections of the same name). @default - none
   */
  readonly alsoFiles?: readonly string[];
  /** Child SA names this charon must bring up. */
  readonly children: readonly string[];
  readonly installRoutes: boolean;
}
export interface BirdSpec {
  readonly ns: string;
  readonly routerId: string;
  /** Config body; the runner adds device/kernel protocols. */
  readonly body: { readonly inline: string } | { readonly include: string };
  readonly protocol: string;
  /** Further BGP sessions of the same BIRD that must be Established too (a data center's further lines). @default - none */
  readonly moreProtocols?: readonly string[];
  /**
   * A VBR's announcements to its data center, a BIRD static protocol each, so that a cut
   * can withdraw exactly those its transit router no longer routes. @default - none
   */
  readonly announcements?: readonly VbrAnnouncement[];
  /**
   * Interface names of the included file and the twin's device standing in for each (a
   * route-based file's XFRM interface is kernel-libipsec's TUN device `ipsec0` here).
   * @default - none
   */
  readonly interfaces?: Readonly<Record<string, string>>;
}
/**
 * One prefix a VBR announces over BGP: one of its own networks (`alicloud_vpc_bgp_network`,
 * protocol `vbr_net_<prefix>`) or a route its transit router publishes to it
 * (`vbr_pub_<prefix>`).
 */
export interface VbrAnnouncement {
  readonly prefix: string;
  readonly protocol: string;
  readonly kind: "network" | "published";
}
/** One leased line of a data center with several: its VBR's VLAN link to the one IDC router. */
export interface TwinIdcLine {
  /** The data center's network (its first line's VBR name). */
  readonly idc: string;
  /** The line's name: the IDC's name for the first line, else the VBR name after `<idc>-`. */
  readonly line: string;
  readonly vbrNs: string;
  /** The VBR's interface on the VLAN link (set down to cut the line). */
  readonly dev: string;
  /** The data center's router and its BGP session over this line (the VBR's is `vbr_bgp`). */
  readonly idcNs: string;
  /** @default - a statically routed line: no BGP session */
  readonly protocol?: string;
  /** The line's `alicloud_cen_vbr_health_check` (a static line's way to leave the TR's routes). @default - none */
  readonly healthCheck?: VbrHealthCheck;
}

/**
 * A VBR health check on a transit router: every `intervalS` seconds a probe from
 * `sourceIp` (an address the VBR holds) to `targetIp` (the data center's end of the
 * VLAN); after `threshold` probes in a row without a reply the TR withdraws the routes it
 * learned through the line, and restores them at the next reply. The fields are
 * `health_check_interval` ("the interval at which the health check sends continuous
 * detection packets", 2 to 3 s) and `healthy_threshold` ("the number of probe messages
 * sent by the health check", 3 to 8): provider alicloud/resource_alicloud_cen_vbr_health_check.go:35
 * and :49 (schema), website/docs/r/cen_vbr_health_check.html.markdown:86 and :89; the
 * twin reads the threshold as consecutive unanswered probes, as it reads a VPN
 * connection's `retry`.
 */
export interface VbrHealthCheck {
  readonly sourceIp: string;
  readonly targetIp: string;
  readonly intervalS: number;
  readonly threshold: number;
}
export interface TwinNetwork {
  readonly name: string;
  readonly ns: string;
  /** Address probes come from and go to. */
  readonly ip: string;
  /** The VPC or VBR router the network hangs off (an office's: its gateway's VPC). @default - none (the internet) */
  readonly home?: string;
}
export interface TwinPlan {
  readonly stack: string;
  readonly namespaces: readonly TwinNs[];
  readonly links: readonly TwinLink[];
  /** Extra addresses: `[ns, dev, addr/prefix]`. */
  readonly addresses: readonly (readonly [string, string, string])[];
  readonly routes: readonly TwinRoute[];
  /** `ip rule add` arguments per namespace. */
  readonly rules: readonly { readonly ns: string; readonly args: readonly string[]; readonly why: string }[];
  readonly nft: readonly { readonly ns: string; readonly ruleset: string; readonly why: string }[];
  readonly charons: readonly CharonSpec[];
  readonly birds: readonly BirdSpec[];
  readonly networks: readonly TwinNetwork[];
  /** The lines of each data center with more than one (none with one line). */
  readonly idcLines: readonly TwinIdcLine[];
  /** Each VPN gateway's routes as the JSON gives them, for blaming a missing one. */
  readonly vpnGateways: readonly VpnGatewayRoutes[];
  /** IPsec pre-shared keys by env variable (gateway side needs them too). */
  readonly pskEnvs: readonly string[];
  /** The CEN transit routers, their tables and attachment ends, for blaming a missing route. */
  readonly transitRouters: readonly TwinTransitRouter[];
  /** Every IPsec connection the twin runs, with what `--failover` cuts and watches. */
  readonly vpnConnections: readonly TwinConnection[];
}

/** One IPsec connection as `--failover` sees it: where it runs, how it is cut, how its gateway notices. */
export interface TwinConnection {
  /** `vpn_connection_name` (the link). */
  readonly name: string;
  readonly ns: string;
  /** The connection's address on its link to the gateway (the gateway's next hop). */
  readonly via: string;
  readonly gatewayNs: string;
  /** `vpn_gateway_name`. */
  readonly gateway: string;
  /** The gateway's VPC (`vpc_name`): names the element `vpn-gateway:<vpc>`. */
  readonly vpc: string;
  /** The gateway's interface towards its VPC (down when the gateway fails). */
  readonly gatewayVpcIf: string;
  /** The connection's interface on the WAN (down when the link fails). */
  readonly wanIf: string;
  readonly gatewayIp: string;
  readonly officeIp: string;
  /** The office network (site) the connection serves: the first link's office of the same subnets. */
  readonly site: string;
  /** `health_check_config` when enabled: the gateway probes every `intervalS`, down after `retry` misses. @default - none (DPD only) */
  readonly healthCheck?: { readonly intervalS: number; readonly retry: number };
  /**
   * A connection whose tunnels end on several office devices: each tunnel's role, the
   * connection's WAN interface towards its device (down when that tunnel's path fails)
   * and the device's public IP. @default - none (every tunnel on `wanIf`)
   */
  readonly tunnels?: readonly { readonly role: string; readonly wanIf: string; readonly officeIp: string }[];
}
/** The connection's WAN side towards one office device. */
interface TwinConnectionEnd {
  readonly wanIf: string;
  readonly gatewayIp: string;
  readonly tunnels: NonNullable<TwinConnection["tunnels"]>;
}

export interface VpnGatewayRoute {
  readonly dest: string;
  /** Policy-based routes only: the source CIDR. @default - a destination-based route */
  readonly source?: string;
  /** `vpn_connection_name` of the next hop. */
  readonly connection: string;
  /** Destination-based routes: `weight` (100 active, 0 standby). @default 100 */
  readonly weight?: number;
  /** Where the route comes from, e.g. `alicloud_vpn_route_entry.<key>`. */
  readonly from: string;
}
export interface VpnGatewayRoutes {
  readonly ns: string;
  /** `vpn_gateway_name`. */
  readonly name: string;
  /** e.g. `vpngw:us-vpc`. */
  readonly label: string;
  readonly routes: readonly VpnGatewayRoute[];
  readonly connections: readonly { readonly name: string; readonly autoConfigRoute: boolean; readonly remoteSubnets: readonly string[] }[];
}

export const INTERNET_HOST = "192.0.2.80";
export const PROBE_PORT = 7777;
const LINK_NET = "169.254.0.0/16";

/** The n-th address of a CIDR (0 = network address). */
export function hostOf(cidr: string, n: number): string {
  const [addr, len] = ipaddr.IPv4.parseCIDR(cidr);
  const base = ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${len}`).toByteArray();
  const v = ((base[0]! << 24) >>> 0) + (base[1]! << 16) + (base[2]! << 8) + base[3]! + n;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
}

function inCidr(ip: string, cidr: string): boolean {
  const [a, l] = ipaddr.IPv4.parseCIDR(cidr);
  return ipaddr.IPv4.parse(ip).match(a, l);
}
function overlapsCidr(x: string, y: string): boolean {
  const [, lx] = ipaddr.IPv4.parseCIDR(x);
  const [, ly] = ipaddr.IPv4.parseCIDR(y);
  return lx <= ly ? inCidr(x.split("/")[0]!, y) || inCidr(y.split("/")[0]!, x) : inCidr(x.split("/")[0]!, y);
}

const IKE_ENC: Record<string, string> = { aes: "aes128", aes192: "aes192", aes256: "aes256", des: "des", "3des": "3des" };
const AUTH: Record<string, string> = { md5: "md5", sha1: "sha1", sha256: "sha256", sha384: "sha384", sha512: "sha512" };
const DH: Record<string, string | undefined> = {
  disabled: undefined,
  group1: "modp768",
  group2: "modp1024",
  group5: "modp1536",
  group14: "modp2048",
  group24: "modp2048s256",
};

function known(table: Record<string, unknown>, where: string, v: unknown): string {
  if (typeof v !== "string" || !(v in table))
    throw new Error(`${where} = ${JSON.stringify(v)}; the twin knows ${Object.keys(table).join(", ")}`);
  return v;
}

/**
 * The twin's own spelling of the cloud side's proposals. It is deliberately a second,
 * independent spelling of the provider values (not lib/devices' table): the office side
 * runs the generated file, so a wrong entry in either table shows up as a failed tunnel.
 */
function cloudProposals(where: string, ike: Attrs, ipsec: Attrs): { ike: string; esp: string } {
  const dh = DH[known(DH, `${where}.ike_pfs`, ike.ike_pfs)];
  const pfs = DH[known(DH, `${where}.ipsec_pfs`, ipsec.ipsec_pfs)];
  return {
    ike: [
      IKE_ENC[known(IKE_ENC, `${where}.ike_enc_alg`, ike.ike_enc_alg)],
      AUTH[known(AUTH, `${where}.ike_auth_alg`, ike.ike_auth_alg)],
      dh,
    ].join("-"),
    esp: [
      IKE_ENC[known(IKE_ENC, `${where}.ipsec_enc_alg`, ipsec.ipsec_enc_alg)],
      AUTH[known(AUTH, `${where}.ipsec_auth_alg`, ipsec.ipsec_auth_alg)],
      ...(pfs ? [pfs] : []),
    ].join("-"),
  };
}

export function buildPlan(stackName: string, stack: StackJson, manifest: TwinManifest = { offices: [], idcs: [] }): TwinPlan {
  return new PlanBuilder(stackName, stack, manifest).build();
}

interface GatewayNs {
  readonly ns: string;
  readonly name: string;
  readonly label: string;
  /** The gateway's address on its VPC link (the VPC's next hop towards it). */
  readonly gwVia?: string;
  readonly vpcNs?: string;
  /** The gateway's interface on its VPC link. */
  readonly vpcIf?: string;
  readonly vpc: string;
}
interface ConnectionNs {
  readonly key: string;
  readonly name: string;
  readonly ns: string;
  readonly gatewayKey: string;
  /** The connection namespace's address on its link to the gateway. */
  readonly via: string;
  readonly office: ManifestOffice;
}
interface CloudTunnel {
  readonly role: string;
  readonly ike: Attrs;
  readonly ipsec: Attrs;
  readonly dpd: boolean;
  readonly natt: boolean;
  readonly where: string;
}

/**
 * Builds the plan phase by phase: each phase reads one family of resources and adds
 * namespaces, links, routes and daemons to the plan. Order matters where a phase needs
 * another's namespaces (route entries come last: their next hops must exist).
 */
class PlanBuilder {
  private readonly res: Resources;
  private readonly tf: TfStack;
  private readonly namespaces: TwinNs[] = [];
  private readonly links: TwinLink[] = [];
  private readonly addresses: [string, string, string][] = [];
  private readonly routes: TwinRoute[] = [];
  private readonly rules: { ns: string; args: string[]; why: string }[] = [];
  private readonly nft: { ns: string; ruleset: string; why: string }[] = [];
  private readonly charons: CharonSpec[] = [];
  private readonly birds: BirdSpec[] = [];
  private readonly networks: TwinNetwork[] = [];
  private readonly vpnGateways: VpnGatewayRoutes[] = [];
  private readonly pskEnvs = new Set<string>();
  private readonly counters: Record<string, number> = {};
  private linkNo = 0;
  private tableNo = 100;
  private wan?: string;
  private readonly vpcNs = new Map<string, string>();
  private readonly vpcName = new Map<string, string>();
  private readonly vbrNs = new Map<string, string>();
  private readonly peerLinks = new Map<string, { from: string; to: string; viaFrom: string; viaTo: string }>();
  private readonly riOwner = new Map<string, string>();
  private readonly riLink = new Map<string, { via: string }>();
  private readonly gwNs = new Map<string, GatewayNs>();
  private readonly connNs = new Map<string, ConnectionNs>();
  private readonly twinConnections: TwinConnection[] = [];
  /** An office's first router, by its sorted subnets: a second link of the same office is a second device beside it. */
  private readonly officeRouters = new Map<string, { ns: string; office: ManifestOffice; devices: Map<string, string> }>();
  private readonly natNs = new Map<string, { ns: string; via: string }>();
  /** VPC keys whose custom 0.0.0.0/0 fails at apply beside an Enhanced NAT gateway's system route. */
  private readonly systemDefaultConflict = new Set<string>();
  private officeIndex?: Map<string, ManifestOffice[]>;
  private tr: TrPlanResult = { routers: [], nextHops: new Map(), published: new Map() };
  /** VBRs with BGP and an IDC: their BIRD is configured once the TRs are known. */
  private readonly vbrBgp: { k: string; v: Attrs; vns: string; group: [string, Attrs] }[] = [];
  /** VBRs (by key) with a VLAN link to a data center's router: that router's address on it. */
  private readonly vbrIdcVia = new Map<string, string>();
  /** Data centers by their BIRD file (one router for all its lines): namespace, name, BIRD and lines. */
  private readonly idcRouters = new Map<string, { ns: string; name: string; bird: BirdSpec; lines: TwinIdcLine[]; vpnBackup?: string }>();

  constructor(
    private readonly stackName: string,
    stack: StackJson,
    private readonly manifest: TwinManifest,
  ) {
    this.res = stack.resource ?? {};
    this.tf = new TfStack(stack);
  }

  build(): TwinPlan {
    this.checkLinkRange();
    this.addVpcs();
    this.addPeerings();
    this.addVbrs(); // before router interfaces: an interface may sit on a VBR
    this.addRouterInterfaces();
    this.addTransitRouters();
    this.addVbrBgp(); // after the TRs: a VBR announces what its TR publishes to it
    this.addVpnGateways();
    this.addVpnConnections();
    this.addVpnGatewayRoutes();
    this.addNatGateways();
    this.addInternet();
    this.addRouteEntries();
    return {
      stack: this.stackName,
      namespaces: this.namespaces,
      links: this.links,
      addresses: this.addresses,
      routes: this.routes,
      rules: this.rules,
      nft: this.nft,
      charons: this.charons,
      birds: this.birds,
      networks: this.networks.sort((a, b) => a.name.localeCompare(b.name)),
      // a data center with several lines, or a line and a VPN backup: its lines can be cut
      idcLines: [...this.idcRouters.values()].flatMap((d) => (d.lines.length > 1 || d.vpnBackup !== undefined ? d.lines : [])),
      vpnGateways: this.vpnGateways,
      pskEnvs: [...this.pskEnvs].sort(),
      transitRouters: this.tr.routers,
      vpnConnections: this.twinConnections,
    };
  }

  // ------------------------------------------------------------ primitives
  private all(t: string): [string, Attrs][] {
    return Object.entries(this.res[t] ?? {}).sort(([a], [b]) => a.localeCompare(b));
  }

  private ns(kind: NsKind, label: string): string {
    const name = `${kind}${(this.counters[kind] = (this.counters[kind] ?? 0) + 1)}`;
    this.namespaces.push({ name, kind, label });
    return name;
  }

  /** A /30 between a and b; returns the addresses without prefix. */
  private link(a: string, b: string, why: string): { aIp: string; bIp: string; aIf: string; bIf: string } {
    const n = this.linkNo++;
    if (n >= 16384) throw new Error("the twin ran out of link addresses (16384 links)");
    const base = hostOf(LINK_NET, n * 4);
    const l = { a, b, aIf: `l${n}a`, bIf: `l${n}b`, aAddr: `${hostOf(base + "/30", 1)}/30`, bAddr: `${hostOf(base + "/30", 2)}/30`, why };
    this.links.push(l);
    return { aIp: l.aAddr.split("/")[0]!, bIp: l.bAddr.split("/")[0]!, aIf: l.aIf, bIf: l.bIf };
  }

  private route(n: string, args: string[], why: string, afterIpsec = false): void {
    this.routes.push({ ns: n, args, why, afterIpsec });
  }

  /** A site's LAN: a host namespace behind the site's router (router .1, host .2). */
  private lan(router: string, label: string, cidrs: readonly string[]): string {
    const h = this.ns("lan", label);
    const l = this.link(router, h, `LAN of ${label}`);
    for (const c of cidrs) {
      const len = c.split("/")[1];
      this.addresses.push([router, l.aIf, `${hostOf(c, 1)}/${len}`], [h, l.bIf, `${hostOf(c, 2)}/${len}`]);
    }
    this.route(h, ["default", "via", hostOf(cidrs[0]!, 1), "dev", l.bIf], `${label} host -> its router`);
    return h;
  }

  private wanNs(): string {
    return (this.wan ??= this.ns("wan", "wan"));
  }

  /** A namespace on the WAN that alone owns `publicIps`. */
  private onWan(n: string, publicIps: readonly string[], why: string): { aIp: string; bIp: string; aIf: string; bIf: string } {
    const l = this.link(this.wanNs(), n, why);
    for (const ip of publicIps) {
      this.addresses.push([n, l.bIf, `${ip}/32`]);
      this.route(this.wanNs(), [`${ip}/32`, "via", l.bIp, "dev", l.aIf], `WAN -> ${ip}`);
    }
    return l;
  }

  /**
   * A VPN connection's namespace on the WAN: it shares the gateway's public IPs with the
   * gateway's other connections, so the WAN sends it only what its own office sends to
   * those IPs (a source rule and a table of its own).
   */
  private onWanFor(n: string, publicIps: readonly string[], peerIp: string, why: string): { aIp: string; bIf: string } {
    const l = this.link(this.wanNs(), n, why);
    const table = String(this.tableNo++);
    for (const ip of publicIps) {
      this.addresses.push([n, l.bIf, `${ip}/32`]);
      this.route(this.wanNs(), [`${ip}/32`, "via", l.bIp, "dev", l.aIf, "table", table], `WAN -> ${ip} for ${peerIp}`);
      this.rules.push({ ns: this.wanNs(), args: ["from", `${peerIp}/32`, "to", `${ip}/32`, "lookup", table], why });
    }
    return l;
  }

  // ------------------------------------------------------------ phases
  /** Every CIDR of the stack must stay clear of the twin's link range. */
  private checkLinkRange(): void {
    for (const [t, rs] of Object.entries(this.res)) {
      for (const [k, a] of Object.entries(rs)) {
        for (const f of ["cidr_block", "destination_cidrblock", "route_dest", "route_source", "source_cidr", "cidr_ip"]) {
          const v = a[f];
          if (typeof v === "string" && /\/\d+$/.test(v) && v !== "0.0.0.0/0" && overlapsCidr(v, LINK_NET)) {
            throw new Error(
              `${t}.${k}.${f} = ${v} overlaps ${LINK_NET}, which the twin uses for its links; allowed: addresses outside ${LINK_NET}`,
            );
          }
        }
      }
    }
  }

  /** VPCs, their vSwitches (a host each) and the security group on each host. */
  private addVpcs(): void {
    for (const [k, v] of this.all("alicloud_vpc")) {
      const name = String(v.vpc_name ?? k);
      this.vpcName.set(k, name);
      this.vpcNs.set(k, this.ns("vpc", `vpc:${name}`));
    }
    for (const [vk, vns] of this.vpcNs) {
      const groups = this.all("alicloud_security_group")
        .filter(([, g]) => ref(g.vpc_id)?.name === vk)
        .map(([gk]) => gk);
      const sgRules = this.all("alicloud_security_group_rule")
        .map(([, r]) => r)
        .filter((r) => groups.includes(ref(r.security_group_id)?.name ?? ""));
      const switches = this.all("alicloud_vswitch").filter(([, s]) => ref(s.vpc_id)?.name === vk);
      switches.forEach(([sk, s], i) => {
        const c = String(s.cidr_block);
        const h = this.ns("host", `host:${String(s.vswitch_name ?? sk)}`);
        const l = this.link(vns, h, `vSwitch ${String(s.vswitch_name ?? sk)}`);
        // on the vSwitch's own subnet: router .1, host .2 (the link /30 stays for the twin)
        this.addresses.push([vns, l.aIf, `${hostOf(c, 1)}/${c.split("/")[1]}`], [h, l.bIf, `${hostOf(c, 2)}/${c.split("/")[1]}`]);
        this.route(h, ["default", "via", hostOf(c, 1), "dev", l.bIf], "host -> its vRouter");
        if (i === 0) this.networks.push({ name: this.vpcName.get(vk)!, ns: h, ip: hostOf(c, 2), home: vns });
        if (groups.length > 0)
          this.nft.push({
            ns: h,
            ruleset: securityGroupNft(sgRules),
            why: `security group of ${this.vpcName.get(vk)} (alicloud_security_group_rule, ingress)`,
          });
      });
    }
  }

  /** Peerings (same account, or accepted) become a link between the two VPC routers. */
  private addPeerings(): void {
    for (const [k, p] of this.all("alicloud_vpc_peer_connection")) {
      const a = this.vpcNs.get(ref(p.vpc_id)?.name ?? "");
      const b = this.vpcNs.get(ref(p.accepting_vpc_id)?.name ?? "");
      if (!a || !b) continue;
      const cross = this.crossAccount(k, p);
      const accepted = this.all("alicloud_vpc_peer_connection_accepter").some(([, x]) => ref(x.instance_id)?.name === k);
      if (cross && !accepted) continue; // never accepted: no link at all
      const l = this.link(a, b, `peering ${String(p.peer_connection_name ?? k)}`);
      this.peerLinks.set(`alicloud_vpc_peer_connection.${k}`, { from: a, to: b, viaFrom: l.bIp, viaTo: l.aIp });
    }
  }

  /**
   * Whether a peering crosses accounts: its creator's credentials (the provider block it
   * names) differ from the accepting VPC's. Every peering names its acceptor's UID, same
   * account too, so the UID alone cannot tell; without provider blocks (a test fixture)
   * an acceptor UID means another account.
   */
  private crossAccount(key: string, peering: Attrs): boolean {
    const peer = this.tf.resource("alicloud_vpc_peer_connection", key);
    const acceptor = this.tf.resolve(peering.accepting_vpc_id, "alicloud_vpc");
    const [a, b] = [peer && this.tf.providerOf(peer), acceptor && this.tf.providerOf(acceptor)];
    return a && b ? a.account !== b.account : peering.accepting_ali_uid !== undefined;
  }

  /**
   * VBRs; with BGP and a generated snippet, the IDC behind it on the VLAN link. The lines of
   * one data center share one BIRD file (`npm run office-configs` writes one per IDC, a
   * session per line), so they end on one IDC router, built with its first line.
   */
  private addVbrs(): void {
    const withIdc: { k: string; v: Attrs; name: string; vns: string; group: [string, Attrs]; at: number }[] = [];
    const statics: { k: string; v: Attrs; name: string; vns: string }[] = [];
    for (const [k, v] of this.all("alicloud_express_connect_virtual_border_router")) {
      const name = String(v.virtual_border_router_name ?? k);
      const vns = this.ns("vbr", `vbr:${name}`);
      this.vbrNs.set(k, vns);
      const group = this.all("alicloud_vpc_bgp_group").find(([, g]) => ref(g.router_id)?.name === k);
      const at = this.manifest.idcs.findIndex((d) => d.idc === name);
      if (group && at >= 0) withIdc.push({ k, v, name, vns, group, at });
      else if (!group) statics.push({ k, v, name, vns }); // static routing: a further line of an IDC built below, or no IDC
    }
    for (const x of withIdc.sort((a, b) => a.at - b.at)) this.addIdc(x.k, x.v, x.name, x.vns, x.group, this.manifest.idcs[x.at]!);
    for (const x of statics) this.addStaticLine(x.k, x.v, x.name, x.vns);
  }

  /**
   * A statically routed further line of a data center built with BGP lines (a VBR without
   * BGP named `<idc>-<line>`; `npm run office-configs` writes its backup routes into that
   * data center's one BIRD file): its VLAN link to the IDC router (the next hop of the
   * VBR's route entries towards its physical connection, when the JSON has any) and the
   * source address of its health check. A lone static VBR has no IDC, as before.
   */
  private addStaticLine(k: string, v: Attrs, name: string, vns: string): void {
    const known = [...this.idcRouters.values()].find((d) => name.startsWith(`${d.name}-`));
    if (!known) return;
    const l = this.link(vns, known.ns, `VLAN ${String(v.vlan_id)} of ${name}`);
    const mask = vbrMask(k, v);
    this.addresses.push([vns, l.aIf, `${String(v.local_gateway_ip)}/${mask}`], [known.ns, l.bIf, `${String(v.peer_gateway_ip)}/${mask}`]);
    this.vbrIdcVia.set(k, String(v.peer_gateway_ip));
    const healthCheck = vbrHealthCheckOf(this.res, k);
    if (healthCheck) this.addresses.push([vns, l.aIf, `${healthCheck.sourceIp}/32`]);
    known.lines.push({ idc: known.name, line: name.slice(known.name.length + 1), vbrNs: vns, dev: l.aIf, idcNs: known.ns, healthCheck });
  }

  private addIdc(k: string, v: Attrs, name: string, vns: string, group: [string, Attrs], idcMan: ManifestIdc): void {
    const mask = vbrMask(k, v);
    const known = this.idcRouters.get(idcMan.bird);
    const idc = known?.ns ?? this.ns("idc", `idc:${name}`);
    const l = this.link(vns, idc, `VLAN ${String(v.vlan_id)} of ${name}`);
    this.addresses.push([vns, l.aIf, `${String(v.local_gateway_ip)}/${mask}`], [idc, l.bIf, `${String(v.peer_gateway_ip)}/${mask}`]);
    this.vbrBgp.push({ k, v, vns, group });
    this.vbrIdcVia.set(k, String(v.peer_gateway_ip));
    if (known) {
      // a further line of a data center already built: its session in the same BIRD
      const i = this.birds.indexOf(known.bird);
      known.bird = { ...known.bird, moreProtocols: [...(known.bird.moreProtocols ?? []), idcMan.protocol] };
      this.birds[i] = known.bird;
      known.lines.push({
        idc: known.name,
        line: name.startsWith(`${known.name}-`) ? name.slice(known.name.length + 1) : name,
        vbrNs: vns,
        dev: l.aIf,
        idcNs: idc,
        protocol: idcMan.protocol,
      });
      return;
    }
    // the IDC's LAN: the prefixes its snippet announces, found as VPC routes towards this VBR
    const prefixes = idcPrefixes(this.res, k, (other) => this.sameIdc(k, other));
    if (prefixes.length === 0) throw new Error(`VBR ${name}: no VPC route points at it, so the twin cannot tell the IDC's networks`);
    this.networks.push({ name, ns: this.lan(idc, `lan:${name}`, prefixes), ip: hostOf(prefixes[0]!, 2), home: vns });
    const bird: BirdSpec = { ns: idc, routerId: String(v.peer_gateway_ip), protocol: idcMan.protocol, body: { include: idcMan.bird } };
    this.birds.push(bird);
    this.idcRouters.set(idcMan.bird, {
      ns: idc,
      name,
      bird,
      lines: [{ idc: name, line: name, vbrNs: vns, dev: l.aIf, idcNs: idc, protocol: idcMan.protocol }],
    });
  }

  /**
   * Whether a VBR forwards to its data center, as the reachability checker reads it: BGP
   * on it, or an `alicloud_route_entry` in its route table whose next hop is the physical
   * connection. Synthesis emits none for a static line (it warns the user to add it in
   * the console), so such a VBR routes nothing to the data center and its TR attachment
   * propagates nothing.
   */
  private vbrReachesIdc(k: string): boolean {
    const bgp = this.all("alicloud_vpc_bgp_group").some(([, g]) => ref(g.router_id)?.name === k);
    const entry = this.all("alicloud_route_entry").some(
      ([, e]) =>
        ref(e.route_table_id)?.type === "alicloud_express_connect_virtual_border_router" &&
        ref(e.route_table_id)?.name === k &&
        /^(PhysicalConnection|VBR|Vbr)/.test(String(e.nexthop_type)),
    );
    return bgp || entry;
  }

  /** Whether two VBRs (by key) are lines of one data center: their snippets are one BIRD file. */
  private sameIdc(a: string, b: string): boolean {
    const birdOf = (k: string) => {
      const name = String(this.res.alicloud_express_connect_virtual_border_router?.[k]?.virtual_border_router_name ?? k);
      const own = this.manifest.idcs.find((d) => d.idc === name);
      const bgp = this.all("alicloud_vpc_bgp_group").some(([, g]) => ref(g.router_id)?.name === k);
      // a static line's backup routes are in its data center's file: `<idc>-<line>` without BGP
      return own?.bird ?? (bgp ? undefined : this.manifest.idcs.find((d) => name.startsWith(`${d.idc}-`))?.bird);
    };
    return a === b || (birdOf(a) !== undefined && birdOf(a) === birdOf(b));
  }

  /** Each VBR's BIRD, ahead of its IDC's. */
  private addVbrBgp(): void {
    for (const { k, v, vns, group } of this.vbrBgp) {
      const announcements = this.vbrAnnouncements(k, this.tr.published.get(vns) ?? []);
      const body = { inline: this.vbrBird(v, group, announcements) };
      this.birds.unshift({ ns: vns, routerId: String(v.local_gateway_ip), protocol: "vbr_bgp", body, announcements });
    }
  }

  /** The VBR's own networks (`alicloud_vpc_bgp_network` rows), then what its TR publishes to it beyond them. */
  private vbrAnnouncements(k: string, published: readonly string[]): VbrAnnouncement[] {
    const own = new Set(
      this.all("alicloud_vpc_bgp_network")
        .filter(([, n]) => ref(n.router_id)?.name === k)
        .map(([, n]) => String(n.dst_cidr_block)),
    );
    const name = (c: string) => c.replace(/[./]/g, "_");
    return [
      ...[...own].map((prefix) => ({ prefix, protocol: `vbr_net_${name(prefix)}`, kind: "network" as const })),
      ...[...new Set(published)]
        .filter((c) => !own.has(c))
        .map((prefix) => ({ prefix, protocol: `vbr_pub_${name(prefix)}`, kind: "published" as const })),
    ];
  }

  /** The VBR's side of BGP, from the `alicloud_vpc_bgp_*` rows, announcing `announcements`. */
  private vbrBird(v: Attrs, [gk, g]: [string, Attrs], announcements: readonly VbrAnnouncement[]): string {
    const peer = this.all("alicloud_vpc_bgp_peer").find(([, p]) => ref(p.bgp_group_id)?.name === gk)?.[1];
    const key = parseVar(g.auth_key);
    if (key) this.pskEnvs.add(`TF_VAR_${key}`);
    const exportSet = announcements.map((a) => a.prefix);
    const bfd = peer?.enable_bfd === true;
    return [
      ...announcements.flatMap((a) => [`protocol static ${a.protocol} {`, "  ipv4;", `  route ${a.prefix} unreachable;`, "}"]),
      ...(bfd
        ? [
            "protocol bfd vbr_bfd {",
            '  interface "*" {',
            `    min rx interval ${Number(v.min_rx_interval ?? 1000)} ms;`,
            `    min tx interval ${Number(v.min_tx_interval ?? 1000)} ms;`,
            `    multiplier ${Number(v.detect_multiplier ?? 3)};`,
            "  };",
            "}",
          ]
        : []),
      "protocol bgp vbr_bgp {",
      `  local ${String(v.local_gateway_ip)} as ${Number(g.local_asn ?? 45104)};`,
      `  neighbor ${String(peer?.peer_ip_address ?? v.peer_gateway_ip)} as ${Number(g.peer_asn)};`,
      ...(key ? [`  password "@@TF_VAR_${key}@@";`] : []),
      ...(bfd ? ["  bfd on;"] : []),
      "  ipv4 {",
      "    import all;",
      `    export where net ~ [ ${exportSet.join(", ") || "0.0.0.0/32"} ];`,
      "  };",
      "}",
    ].join("\n");
  }

  /** Router-interface pairs connected from both sides become a link. */
  private addRouterInterfaces(): void {
    for (const [k, ri] of this.all("alicloud_express_connect_router_interface")) {
      const owner = this.routerOf(ref(ri.router_id));
      if (owner) this.riOwner.set(k, owner);
    }
    const conns = new Set(
      this.all("alicloud_router_interface_connection").map(([, c]) => `${ref(c.interface_id)?.name}>${ref(c.opposite_interface_id)?.name}`),
    );
    for (const [a] of this.riOwner) {
      for (const [b] of this.riOwner) {
        if (a < b && conns.has(`${a}>${b}`) && conns.has(`${b}>${a}`)) {
          const l = this.link(this.riOwner.get(a)!, this.riOwner.get(b)!, `router interfaces ${a} <-> ${b}`);
          this.riLink.set(a, { via: l.bIp });
          this.riLink.set(b, { via: l.aIp });
        }
      }
    }
  }

  /** CEN transit routers (transit-router.ts): a namespace each, a Linux table per TR route table. */
  private addTransitRouters(): void {
    this.tr = planTransitRouters(this.tf, {
      ns: (label) => this.ns("tr", label),
      link: (a, b, why) => this.link(a, b, why),
      route: (n, args, why) => this.route(n, args, why),
      rule: (n, args, why) => this.rules.push({ ns: n, args, why }),
      newTable: () => String(this.tableNo++),
      routerNs: (r) => this.routerOf(r),
      idcPrefixes: (vbrKey) => (this.vbrReachesIdc(vbrKey) ? idcPrefixes(this.res, vbrKey, (other) => this.sameIdc(vbrKey, other)) : []),
    });
  }

  /** The namespace of a VPC or VBR a reference names. */
  private routerOf(r: { type: string; name: string } | undefined): string | undefined {
    if (r?.type === "alicloud_vpc") return this.vpcNs.get(r.name);
    if (r?.type === "alicloud_express_connect_virtual_border_router") return this.vbrNs.get(r.name);
    return undefined;
  }

  /**
   * A VPN gateway: a router between its VPC and its connections. It forwards only by the
   * routes the JSON gives it (addVpnGatewayRoutes); whatever none claims goes back to the VPC.
   */
  private addVpnGateways(): void {
    for (const [k, g] of this.all("alicloud_vpn_gateway")) {
      const vk = ref(g.vpc_id)?.name ?? "";
      const label = `vpngw:${this.vpcName.get(vk) ?? k}`;
      const n = this.ns("vpngw", label);
      const vn = this.vpcNs.get(vk);
      let gwVia: string | undefined;
      let vpcIf: string | undefined;
      if (vn) {
        const l = this.link(vn, n, `VPN gateway ${String(g.vpn_gateway_name ?? k)} in its VPC`);
        gwVia = l.bIp;
        vpcIf = l.bIf;
        this.route(n, ["default", "via", l.aIp, "dev", l.bIf], "VPN gateway: whatever no VPN route claims goes back to the VPC");
      }
      this.gwNs.set(k, { ns: n, name: String(g.vpn_gateway_name ?? k), label, gwVia, vpcNs: vn, vpcIf, vpc: this.vpcName.get(vk) ?? k });
    }
  }

  /**
   * Each IPsec connection: a namespace of its own behind the gateway (its end of the
   * tunnels, one charon), and the office (router with the generated file, LAN host).
   * One charon per connection keeps the choice of connection with the gateway's routes:
   * a packet reaches a connection only when a route of the gateway sends it there, and
   * the connection's selectors then admit it or drop it, as on Alibaba Cloud.
   */
  private addVpnConnections(): void {
    for (const [k, c] of this.all("alicloud_vpn_connection")) {
      const gwKey = ref(c.vpn_gateway_id)?.name ?? "";
      const gw = this.gwNs.get(gwKey);
      const connName = String(c.vpn_connection_name ?? k);
      const devices = this.officesOf(connName, gwKey);
      if (!gw || devices.length === 0) continue; // an office without a generated config cannot take part
      const off = devices[0]!;
      const site = off.backupOf !== undefined ? this.addIdcDevice(off) : devices.map((d) => this.addOfficeOrDevice(d, gw.vpcNs))[0]!;
      const cn = this.ns("vpnconn", `vpnconn:${connName}`);
      const l = this.link(gw.ns, cn, `IPsec connection ${connName} of ${gw.name}`);
      this.connNs.set(k, { key: k, name: connName, ns: cn, gatewayKey: gwKey, via: l.bIp, office: off });
      const ends = devices.map((d) => this.connectionWan(cn, connName, gw.name, d));
      this.twinConnections.push({
        ...{ name: connName, ns: cn, via: l.bIp, gatewayNs: gw.ns, gateway: gw.name, vpc: gw.vpc, gatewayVpcIf: gw.vpcIf ?? "" },
        ...{ wanIf: ends[0]!.wanIf, gatewayIp: ends[0]!.gatewayIp, officeIp: off.officeIp, site },
        ...(devices.length > 1 ? { tunnels: ends.flatMap((e) => e.tunnels) } : {}),
        healthCheck: healthCheckOf(`alicloud_vpn_connection.${k}`, c),
      });
      // what the gateway sends here goes into the tunnel; what comes out of it goes to the gateway
      this.route(cn, ["default", "dev", "ipsec0"], `connection ${connName}: into its tunnels (selectors decide)`, true);
      const table = String(this.tableNo++);
      this.route(cn, ["default", "via", l.aIp, "dev", l.bIf, "table", table], `connection ${connName}: from the tunnel to the gateway`);
      this.rules.push({ ns: cn, args: ["iif", "ipsec0", "lookup", table], why: "decrypted traffic goes to the gateway" });
      this.localSources(cn, l.bIf, (c.local_subnet as string[] | undefined) ?? []);
      this.addCloudCharon(k, c, cn, devices);
    }
  }

  /**
   * The connection's WAN link towards one office device: the gateway IPs of the device's
   * tunnels, and the route to its public IP. A connection whose tunnels end on two
   * devices has a WAN link per device, so one tunnel's path can fail alone.
   */
  private connectionWan(cn: string, connName: string, gateway: string, d: ManifestOffice): TwinConnectionEnd {
    const gwIps = [...new Set(d.tunnels.map((t) => t.gatewayIp))];
    const w = this.onWanFor(cn, gwIps, d.officeIp, `public side of connection ${connName} (gateway ${gateway})`);
    this.route(cn, [`${d.officeIp}/32`, "via", w.aIp, "dev", w.bIf, "src", gwIps[0]!], `connection ${connName} -> office public IP`);
    return { wanIf: w.bIf, gatewayIp: gwIps[0]!, tunnels: d.tunnels.map((t) => ({ role: t.role, wanIf: w.bIf, officeIp: d.officeIp })) };
  }

  /**
   * kernel-libipsec routes a tunnel's remote subnets only from an address inside its local
   * selector (a CHILD_SA fails with "error installing route" otherwise): the connection
   * holds the last address of each local subnet other than 0.0.0.0/0, which hosts of the
   * twin never use (they take the first addresses of a vSwitch).
   */
  private localSources(cn: string, dev: string, localSubnets: readonly string[]): void {
    for (const c of localSubnets.filter((x) => x !== "0.0.0.0/0")) {
      const len = Number(c.split("/")[1]);
      this.addresses.push([cn, dev, `${hostOf(c, 2 ** (32 - len) - 2)}/32`]);
    }
  }

  /**
   * A data center's VPN backup: its device is the IDC's router (one public IP on the WAN,
   * the route-based file in its charon). The IDC's BIRD routes the cloud's prefixes into
   * the file's XFRM interface below every line's BGP routes; here kernel-libipsec's TUN
   * device stands in for that interface, and strongSwan's own table is not looked up
   * (the route-based file asks for no routes of its own). Returns the IDC's network.
   */
  private addIdcDevice(off: ManifestOffice): string {
    const idc = [...this.idcRouters.values()].find((d) => d.name === off.backupOf);
    if (!idc)
      throw new Error(
        `connection ${off.connection} backs up data center ${String(off.backupOf)}, which has no leased line with BGP in the stack; allowed: a VPN backup of a data center the twin runs`,
      );
    if ((off.mode ?? "policy") !== "route" || off.ifId === undefined)
      throw new Error(
        `connection ${off.connection}: a data center's VPN backup runs on its route-based file (with an XFRM interface id); allowed: mode route`,
      );
    const w = this.onWan(idc.ns, [off.officeIp], `public side of data center ${idc.name}'s VPN device`);
    this.route(idc.ns, ["default", "via", w.aIp, "dev", w.bIf, "src", off.officeIp], "data center -> WAN (its VPN backup)");
    this.rules.push({
      ns: idc.ns,
      args: ["lookup", "main", "pref", "100"],
      why: "route-based VPN backup: only the IDC's BIRD routes into the tunnel",
    });
    this.charons.push({
      ns: idc.ns,
      side: "office",
      swanctl: { file: off.swanctl },
      children: off.tunnels.map((t) => t.swanctlName),
      installRoutes: false,
    });
    const bird = { ...idc.bird, interfaces: { ...idc.bird.interfaces, [`xfrm${off.ifId}`]: "ipsec0" } };
    this.birds[this.birds.indexOf(idc.bird)] = bird;
    idc.bird = bird;
    idc.vpnBackup = off.connection;
    return idc.name;
  }

  /**
   * The manifest's offices for a connection of a gateway, one per device its tunnels end
   * on (a connection whose master and slave tunnels name two customer gateways has two),
   * indexed on first use: a hub may have thousands.
   */
  private officesOf(connection: string, gatewayKey: string): ManifestOffice[] {
    if (!this.officeIndex) {
      this.officeIndex = new Map();
      for (const o of this.manifest.offices) {
        const key = `${o.gatewayKey} ${o.connection}`;
        this.officeIndex.set(key, [...(this.officeIndex.get(key) ?? []), o]);
      }
    }
    return this.officeIndex.get(`${gatewayKey} ${connection}`) ?? [];
  }

  /**
   * The office a connection serves, by its subnets: the first link of an office builds its
   * router (addOffice), a further link a second device beside it (addOfficeDevice).
   * Returns the office's network name (the first link's office).
   */
  private addOfficeOrDevice(off: ManifestOffice, home: string | undefined): string {
    const key = [...off.localSubnets].sort().join(",");
    const first = this.officeRouters.get(key);
    if (!first) {
      const ns = this.addOffice(off, home);
      this.officeRouters.set(key, { ns, office: off, devices: new Map([[off.officeIp, ns]]) });
      return off.office;
    }
    const device = first.devices.get(off.officeIp);
    if (device) this.moreTunnels(device, off);
    else first.devices.set(off.officeIp, this.addOfficeDevice(off, first));
    return first.office.office;
  }

  /**
   * A further link of an office that already has a router: a second device (its own public
   * IP and charon, running that link's generated file) joined to the first router by a
   * link. The first router sends towards the hub through it whatever its own tunnels do
   * not carry: with policy-based files strongSwan's table 220 is looked up before the
   * main table and loses its routes when the first link's SAs go (DPD), so the office
   * moves to its second link by itself, as an office device preferring its active link
   * does. The second device sends the office's subnets back to the first router.
   */
  private addOfficeDevice(off: ManifestOffice, first: { ns: string; office: ManifestOffice }): string {
    const name = first.office.office;
    if ((off.mode ?? "policy") !== "policy" || (first.office.mode ?? "policy") !== "policy")
      throw new Error(
        `office ${name} has several links (${first.office.connection}, ${off.connection}) and a route-based file; the twin runs an office with several links on policy-based files only; allowed: --office-mode policy or mixed`,
      );
    const dn = this.ns("office", `office:${off.office}`);
    const l = this.link(first.ns, dn, `office ${name}: its device for link ${off.connection}`);
    for (const c of off.localSubnets) {
      // strongSwan installs its route with a source inside the local selector: the device
      // holds one address of the office subnet (the LAN host has .2, the first router .1)
      this.addresses.push([dn, l.bIf, `${hostOf(c, 3)}/32`]);
      this.route(dn, [c, "via", l.aIp, "dev", l.bIf], `device of link ${off.connection} -> office LAN`);
    }
    for (const r of off.tunnelRoutes ?? [])
      this.route(
        first.ns,
        [r, "via", l.bIp, "dev", l.aIf],
        `office ${name}: ${r} over link ${off.connection} when no SA of its own covers it`,
      );
    const w = this.onWan(dn, [off.officeIp], `public side of office device ${off.office}`);
    this.route(dn, ["default", "via", w.aIp, "dev", w.bIf, "src", off.officeIp], "office device -> WAN");
    this.policyBasedOffice(dn, off);
    const children = off.tunnels.map((t) => t.swanctlName);
    this.charons.push({ ns: dn, side: "office", swanctl: { file: off.swanctl }, children, installRoutes: true });
    return dn;
  }

  /** A further link from a device the office already has (the same public IP): its tunnels join that device's charon. */
  private moreTunnels(device: string, off: ManifestOffice): void {
    const i = this.charons.findIndex((c) => c.ns === device && c.side === "office");
    const c = this.charons[i]!;
    if ((off.mode ?? "policy") !== "policy" || c.installRoutes !== true)
      throw new Error(
        `office device ${off.officeIp} terminates links to several gateways (${off.connection} and another) with a route-based file; the twin runs such a device on policy-based files only; allowed: --office-mode policy or mixed`,
      );
    for (const t of off.tunnels)
      this.rules.push({
        ns: device,
        args: ["to", `${t.gatewayIp}/32`, "lookup", "main", "pref", "210"],
        why: "keep the tunnel endpoints out of the IPsec route table (sheet.md)",
      });
    this.charons[i] = {
      ...c,
      alsoFiles: [...(c.alsoFiles ?? []), off.swanctl],
      children: [...c.children, ...off.tunnels.map((t) => t.swanctlName)],
    };
  }

  /** The office: its router runs the generated file; its LAN host is what probes use. Returns the router. */
  private addOffice(off: ManifestOffice, home: string | undefined): string {
    const on = this.ns("office", `office:${off.office}`);
    const lan = this.lan(on, `lan:${off.office}`, off.localSubnets);
    this.networks.push({ name: off.office, ns: lan, ip: hostOf(off.localSubnets[0]!, 2), home });
    const w = this.onWan(on, [off.officeIp], `public side of office ${off.office}`);
    this.route(on, ["default", "via", w.aIp, "dev", w.bIf, "src", off.officeIp], "office -> WAN");
    const mode = off.mode ?? "policy";
    switch (mode) {
      case "policy":
        this.policyBasedOffice(on, off);
        break;
      case "route":
        // the file's companion script routes the hub's prefixes into the XFRM interface;
        // here the TUN device of kernel-libipsec stands in for it
        for (const r of off.tunnelRoutes ?? [])
          this.route(on, [r, "dev", "ipsec0"], `route-based office: ${r} into the tunnel (xfrm-routes.sh)`, true);
        // kernel-libipsec installs its routes (table 220) even with install_routes = no,
        // which the route-based file asks for: the main table goes first instead
        this.rules.push({ ns: on, args: ["lookup", "main", "pref", "100"], why: "route-based office: only xfrm-routes.sh's routes" });
        break;
      default:
        assertNever(mode);
    }
    this.charons.push({
      ns: on,
      side: "office",
      swanctl: { file: off.swanctl },
      children: off.tunnels.map((t) => t.swanctlName),
      installRoutes: mode === "policy",
    });
    return on;
  }

  /**
   * With remote selector 0.0.0.0/0, strongSwan's table 220 would swallow the office's own
   * LAN and, on a dual-tunnel gateway, the other tunnel's peer address: both stay on the
   * main table, as sheet.md tells the office administrator.
   */
  private policyBasedOffice(on: string, off: ManifestOffice): void {
    for (const cidr of off.localSubnets)
      this.rules.push({
        ns: on,
        args: ["to", cidr, "lookup", "main", "pref", "210"],
        why: "keep the office LAN out of the IPsec route table (sheet.md)",
      });
    for (const t of off.tunnels)
      this.rules.push({
        ns: on,
        args: ["to", `${t.gatewayIp}/32`, "lookup", "main", "pref", "210"],
        why: "keep the tunnel endpoints out of the IPsec route table (sheet.md)",
      });
  }

  /** The cloud side of one connection, built from the JSON in the twin's own spelling. */
  private addCloudCharon(k: string, c: Attrs, cn: string, devices: readonly ManifestOffice[]): void {
    const conns: string[] = [];
    const secrets: string[] = [];
    const children: string[] = [];
    for (const s of cloudTunnels(`alicloud_vpn_connection.${k}`, c)) {
      const off = devices.find((d) => d.tunnels.some((x) => x.role === s.role));
      const t = off?.tunnels.find((x) => x.role === s.role);
      if (!off || !t)
        throw new Error(
          `${s.where}: tunnel role ${s.role} has no counterpart in the office config of ${devices.map((d) => d.office).join(", ")}`,
        );
      const name = `gw-${t.swanctlName}`;
      const psk = parseVar(s.ike.psk);
      if (!psk) throw new Error(`${s.where} psk is not a variable reference`);
      this.pskEnvs.add(`TF_VAR_${psk}`);
      conns.push(cloudConnection(name, s, c, t.gatewayIp, off.officeIp));
      const remoteId = String(s.ike.ike_remote_id ?? s.ike.remote_id ?? off.officeIp);
      secrets.push(`  ike-${name} {\n    id-1 = ${remoteId}\n    secret = "@@TF_VAR_${psk}@@"\n  }`);
      children.push(name);
    }
    this.charons.push({
      ns: cn,
      side: "gateway",
      installRoutes: false,
      children,
      swanctl: {
        inline: `# cloud side, built by the twin from the synthesized JSON\nconnections {\n${conns.join("\n")}\n}\nsecrets {\n${secrets.join("\n")}\n}\n`,
      },
    });
  }

  /**
   * The gateway's routes, in Alibaba Cloud's order ("Configure routes for a VPN gateway",
   * help.aliyun.com/en/vpn/sub-product-ipsec-vpn/user-guide/manage-destination-based-routes,
   * "Route priority": the policy-based table first, by priority, then the destination-based table by
   * longest prefix, then BGP): `alicloud_vpn_pbr_route_entry` rows as `ip rule`s ahead of
   * the main table, `alicloud_vpn_route_entry` rows and the connections' automatic routes
   * in the main table. With `auto_config_route` true the gateway adds a route to each of
   * the connection's remote subnets itself (provider docs, website/docs/r/
   * vpn_connection.html.markdown:169 v1.240.0, "true: Automatically configure routes");
   * the provider sends `AutoConfigRoute` only when the argument is set
   * (alicloud/resource_alicloud_vpn_connection.go:554 v1.240.0), and unset the twin, like
   * the reachability checker, counts it as true. The stacks define no BGP on VPN
   * connections, so the twin has no BGP table.
   */
  private addVpnGatewayRoutes(): void {
    for (const [gwKey, gw] of this.gwNs) {
      const routes = this.gatewayRouteRows(gwKey);
      const connections = [...this.connNs.values()]
        .filter((x) => x.gatewayKey === gwKey)
        .map((x) => {
          const c = this.res.alicloud_vpn_connection![x.key]!;
          return { name: x.name, autoConfigRoute: c.auto_config_route !== false, remoteSubnets: (c.remote_subnet as string[]) ?? [] };
        });
      this.vpnGateways.push({ ns: gw.ns, name: gw.name, label: gw.label, routes, connections });
      const installed = new Set<string>();
      // by name, once per gateway: a lookup per route would make a hub of N offices quadratic
      const byName = new Map([...this.connNs.values()].filter((x) => x.gatewayKey === gwKey).map((x) => [x.name, x]));
      for (const r of routes) {
        const conn = byName.get(r.connection);
        if (!conn) continue;
        if (r.source !== undefined) {
          const table = String(this.tableNo++);
          this.route(gw.ns, ["default", "via", conn.via, "table", table], `${r.from} -> connection ${r.connection}`);
          this.rules.push({ ns: gw.ns, args: ["from", r.source, "to", r.dest, "lookup", table, "pref", table], why: r.from });
        } else if (!installed.has(r.dest)) {
          // one route per destination: the first row (weight 100, the active one) wins
          installed.add(r.dest);
          this.route(gw.ns, [r.dest, "via", conn.via], `${r.from} -> connection ${r.connection}`);
        }
      }
    }
  }

  /** The gateway's route rows: policy-based first, then destination-based by weight. */
  private gatewayRouteRows(gwKey: string): VpnGatewayRoute[] {
    const connName = (r: unknown) => {
      const x = ref(r);
      return x?.type === "alicloud_vpn_connection" ? this.connNs.get(x.name)?.name : undefined;
    };
    const pbr = this.all("alicloud_vpn_pbr_route_entry")
      .filter(([, e]) => ref(e.vpn_gateway_id)?.name === gwKey)
      .flatMap(([k, e]) => {
        const connection = connName(e.next_hop);
        return connection
          ? [{ dest: String(e.route_dest), source: String(e.route_source), connection, from: `alicloud_vpn_pbr_route_entry.${k}` }]
          : [];
      });
    const dest = this.all("alicloud_vpn_route_entry")
      .filter(([, e]) => ref(e.vpn_gateway_id)?.name === gwKey)
      .sort(([, a], [, b]) => Number(b.weight ?? 100) - Number(a.weight ?? 100))
      .flatMap(([k, e]) => {
        const connection = connName(e.next_hop);
        const weight = Number(e.weight ?? 100);
        return connection ? [{ dest: String(e.route_dest), connection, weight, from: `alicloud_vpn_route_entry.${k}` }] : [];
      });
    const auto = [...this.connNs.values()]
      .filter((x) => x.gatewayKey === gwKey && this.res.alicloud_vpn_connection![x.key]!.auto_config_route !== false)
      .flatMap((x) =>
        ((this.res.alicloud_vpn_connection![x.key]!.remote_subnet as string[]) ?? []).map((d) => ({
          dest: d,
          connection: x.name,
          from: `auto_config_route of connection ${x.name}`,
        })),
      );
    return [...pbr, ...dest, ...auto];
  }

  /** NAT gateways: masquerade the SNAT sources towards the WAN through the EIP. */
  private addNatGateways(): void {
    for (const [k, g] of this.all("alicloud_nat_gateway")) {
      const vk = ref(g.vpc_id)?.name ?? "";
      const vn = this.vpcNs.get(vk);
      const name = String(g.nat_gateway_name ?? k);
      const n = this.ns("nat", `nat:${name}`);
      if (!vn) continue;
      const l = this.link(vn, n, `NAT gateway ${name} in its VPC`);
      this.natNs.set(k, { ns: n, via: l.bIp });
      const sources = this.snatSources(k);
      for (const c of sources) this.route(n, [c, "via", l.aIp, "dev", l.bIf], "NAT: SNAT source back to the VPC");
      if (this.all("alicloud_eip_association").some(([, e]) => ref(e.instance_id)?.name === k)) this.natEgress(n, name, sources);
      this.natSystemRoute(g, vk, vn, l);
    }
  }

  private snatSources(natKey: string): string[] {
    return this.all("alicloud_snat_entry")
      .filter(([, s]) => ref(s.snat_table_id)?.name === natKey)
      .flatMap(([, s]) => {
        if (typeof s.source_cidr === "string") return [s.source_cidr];
        const sw = ref(s.source_vswitch_id);
        const c = sw ? this.res.alicloud_vswitch?.[sw.name]?.cidr_block : undefined;
        return typeof c === "string" ? [c] : [];
      });
  }

  private natEgress(n: string, name: string, sources: readonly string[]): void {
    const eipIp = `198.51.100.${200 + this.natNs.size}`;
    const w = this.onWan(n, [eipIp], `EIP of NAT gateway ${name}`);
    this.route(n, ["default", "via", w.aIp, "dev", w.bIf], "NAT -> WAN");
    const set = sources.join(", ") || "0.0.0.0/32";
    this.nft.push({
      ns: n,
      why: "SNAT entries (alicloud_snat_entry) as masquerade; nothing else leaves",
      ruleset: [
        "table ip twin_nat {",
        "  chain forward { type filter hook forward priority 0; policy accept;",
        `    oifname "${w.bIf}" ip saddr != { ${set} } drop`,
        `    iifname "${w.bIf}" ct state new drop`,
        "  }",
        "  chain post { type nat hook postrouting priority 100;",
        `    oifname "${w.bIf}" ip saddr { ${set} } masquerade`,
        "  }",
        "}",
      ].join("\n"),
    });
  }

  /**
   * Creating an enhanced internet NAT gateway adds 0.0.0.0/0 -> that gateway to its VPC's
   * route table (CreateNatGateway API docs, usage notes): API behaviour, not a Terraform
   * row. A custom 0.0.0.0/0 entry beside it fails at apply as a duplicate
   * (alicloud/resource_alicloud_route_entry.go returns the create error): unreachable.
   */
  private natSystemRoute(g: Attrs, vk: string, vn: string, l: { bIp: string; aIf: string }): void {
    if (g.nat_type !== "Enhanced" || (g.network_type ?? "internet") !== "internet") return;
    const hasDefault = this.all("alicloud_route_entry").some(
      ([, e]) => ref(e.route_table_id)?.name === vk && e.destination_cidrblock === "0.0.0.0/0",
    );
    if (hasDefault) this.systemDefaultConflict.add(vk);
    else this.route(vn, ["default", "via", l.bIp, "dev", l.aIf], "system route 0.0.0.0/0 -> Enhanced NAT gateway (added by the API)");
  }

  /** Always there, so the matrix has the same "internet" row the model has. */
  private addInternet(): void {
    const inet = this.ns("internet", "internet");
    const w = this.onWan(inet, [INTERNET_HOST], "the internet host");
    this.route(inet, ["default", "via", w.aIp, "dev", w.bIf], "internet host -> WAN");
    this.networks.push({ name: "internet", ns: inet, ip: INTERNET_HOST });
  }

  /** `alicloud_route_entry` rows on VPC and VBR route tables. */
  private addRouteEntries(): void {
    for (const [k, e] of this.all("alicloud_route_entry")) {
      const t = ref(e.route_table_id);
      const owner = this.routerOf(t);
      if (!owner) continue;
      const dest = String(e.destination_cidrblock);
      if (dest === "0.0.0.0/0" && t?.type === "alicloud_vpc" && this.systemDefaultConflict.has(t.name)) {
        this.route(
          owner,
          ["unreachable", dest],
          `alicloud_route_entry.${k} duplicates the Enhanced NAT gateway's system route; apply would fail`,
        );
        continue;
      }
      const why = `alicloud_route_entry.${k} (${String(e.nexthop_type)})`;
      const via = this.nextHop(owner, e);
      this.route(owner, via ? [dest, "via", via] : ["unreachable", dest], via ? why : `${why}: next hop not attached to this router`);
    }
    for (const [vk, vns] of this.vpcNs)
      this.route(vns, ["unreachable", String(this.res.alicloud_vpc![vk]!.cidr_block)], "VPC CIDR outside every vSwitch");
  }

  /** The address a route entry's next hop has as seen from `owner`, when attached there. */
  private nextHop(owner: string, e: Attrs): string | undefined {
    const table = ref(e.route_table_id);
    if (table?.type === "alicloud_express_connect_virtual_border_router" && /^(PhysicalConnection|VBR|Vbr)/.test(String(e.nexthop_type)))
      return this.vbrIdcVia.get(table.name); // the data center's end of the VLAN, when the twin built one
    const hop = ref(e.nexthop_id);
    if (!hop) return undefined;
    switch (e.nexthop_type) {
      case "VpcPeer": {
        const p = this.peerLinks.get(`alicloud_vpc_peer_connection.${hop.name}`);
        return p?.from === owner ? p.viaFrom : p?.to === owner ? p.viaTo : undefined;
      }
      case "RouterInterface":
        return this.riOwner.get(hop.name) === owner ? this.riLink.get(hop.name)?.via : undefined;
      case "VpnGateway": {
        const g = this.gwNs.get(hop.name);
        return g?.vpcNs === owner ? g.gwVia : undefined;
      }
      case "Attachment": {
        const t = this.tr.nextHops.get(hop.address);
        return t?.ns === owner ? t.via : undefined;
      }
      case "NatGateway": {
        const n = this.natNs.get(hop.name);
        const vk = ref(this.res.alicloud_nat_gateway?.[hop.name]?.vpc_id)?.name;
        return n && vk && this.vpcNs.get(vk) === owner ? n.via : undefined;
      }
      default:
        // a next hop type the twin does not model: the packet dies here, as unreachable
        return undefined;
    }
  }
}

/** A VBR's peering subnet mask as a prefix length; a value that is no netmask fails naming the VBR. */
function vbrMask(k: string, v: Attrs): number {
  const mask = ipaddr.IPv4.isValid(String(v.peering_subnet_mask))
    ? ipaddr.IPv4.parse(String(v.peering_subnet_mask)).prefixLengthFromSubnetMask()
    : null;
  if (mask === null)
    throw new Error(
      `alicloud_express_connect_virtual_border_router.${k}.peering_subnet_mask = ${String(v.peering_subnet_mask)} is not a netmask`,
    );
  return mask;
}

/** The VBR's `alicloud_cen_vbr_health_check` (VbrHealthCheck), with the provider's defaults (2 s, 8 probes) for fields left out. */
export function vbrHealthCheckOf(res: Resources, vbrKey: string): VbrHealthCheck | undefined {
  const found = Object.entries(res.alicloud_cen_vbr_health_check ?? {}).find(([, h]) => ref(h.vbr_instance_id)?.name === vbrKey);
  if (!found) return undefined;
  const [k, h] = found;
  const where = `alicloud_cen_vbr_health_check.${k}`;
  const ip = (f: "health_check_source_ip" | "health_check_target_ip") => {
    if (typeof h[f] !== "string" || !ipaddr.IPv4.isValidFourPartDecimal(h[f] as string))
      throw new Error(`${where}.${f} = ${JSON.stringify(h[f])}; allowed: an IPv4 address (the twin cannot probe from a computed one)`);
    return h[f] as string;
  };
  const whole = (f: "health_check_interval" | "healthy_threshold", dflt: number) => {
    const v = h[f] === undefined ? dflt : Number(h[f]);
    if (!Number.isInteger(v) || v < 1) throw new Error(`${where}.${f} = ${JSON.stringify(h[f])}; allowed: a whole number from 1`);
    return v;
  };
  return {
    sourceIp: ip("health_check_source_ip"),
    targetIp: ip("health_check_target_ip"),
    intervalS: whole("health_check_interval", 2),
    threshold: whole("healthy_threshold", 8),
  };
}

/**
 * A connection's `health_check_config` when enabled (provider
 * alicloud/resource_alicloud_vpn_connection.go `health_check_config`: `enable`, `sip`,
 * `dip`, `interval` seconds, `retry` count): the gateway sends a probe every `interval`
 * and takes the connection for down after `retry` unanswered ones.
 */
export function healthCheckOf(where: string, c: Attrs): { intervalS: number; retry: number } | undefined {
  const h = (Array.isArray(c.health_check_config) ? c.health_check_config[0] : c.health_check_config) as Attrs | undefined;
  if (!h || h.enable !== true) return undefined;
  const whole = (f: "interval" | "retry") => {
    const v = Number(h[f]);
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`${where}.health_check_config.${f} = ${JSON.stringify(h[f])}; allowed: a whole number from 1`);
    return v;
  };
  return { intervalS: whole("interval"), retry: whole("retry") };
}

/** The connection's tunnels: the dual-tunnel form's entries, or the single tunnel. */
function cloudTunnels(where: string, c: Attrs): CloudTunnel[] {
  const first = (x: unknown) => (Array.isArray(x) ? x[0] : x) as Attrs;
  if (Array.isArray(c.tunnel_options_specification) && c.tunnel_options_specification.length > 0)
    return (c.tunnel_options_specification as Attrs[]).map((t, i) => ({
      role: String(t.role),
      ike: first(t.tunnel_ike_config),
      ipsec: first(t.tunnel_ipsec_config),
      dpd: t.enable_dpd !== false,
      natt: t.enable_nat_traversal !== false,
      where: `${where}.tunnel_options_specification[${i}]`,
    }));
  return [
    {
      role: "single",
      ike: first(c.ike_config),
      ipsec: first(c.ipsec_config),
      dpd: c.enable_dpd !== false,
      natt: c.enable_nat_traversal !== false,
      where,
    },
  ];
}

/** One tunnel of the cloud side as a swanctl connection. */
function cloudConnection(name: string, s: CloudTunnel, c: Attrs, gatewayIp: string, officeIp: string): string {
  const p = cloudProposals(s.where, s.ike, s.ipsec);
  const v = s.ike.ike_version === "ikev1" ? 1 : 2;
  return [
    `  ${name} {`,
    `    version = ${v}`,
    ...(s.ike.ike_mode === "aggressive" ? ["    aggressive = yes"] : []),
    `    local_addrs = ${gatewayIp}`,
    `    remote_addrs = ${officeIp}`,
    `    proposals = ${p.ike}`,
    `    ${v === 2 ? "rekey_time" : "reauth_time"} = ${Number(s.ike.ike_lifetime ?? 86400)}s`,
    ...(s.dpd ? ["    dpd_delay = 10s"] : []),
    `    encap = ${s.natt ? "yes" : "no"}`,
    "    mobike = no",
    `    local {\n      auth = psk\n      id = ${String(s.ike.ike_local_id ?? s.ike.local_id ?? gatewayIp)}\n    }`,
    `    remote {\n      auth = psk\n      id = ${String(s.ike.ike_remote_id ?? s.ike.remote_id ?? officeIp)}\n    }`,
    "    children {",
    `      ${name} {`,
    `        local_ts = ${(c.local_subnet as string[]).join(",")}`,
    `        remote_ts = ${(c.remote_subnet as string[]).join(",")}`,
    `        esp_proposals = ${p.esp}`,
    `        rekey_time = ${Number(s.ipsec.ipsec_lifetime ?? 86400)}s`,
    // Alibaba Cloud's gateway answers; the office initiates (start_action start in its file)
    "        start_action = none",
    "        dpd_action = clear",
    "      }",
    "    }",
    "  }",
  ].join("\n");
}

/**
 * VPC routes whose next hop is a router interface on this VBR: the IDC's networks.
 * `sameIdc(other)` tells whether another VBR (by key) is a line of the same data center.
 */
export function idcPrefixes(res: Resources, vbrKey: string, sameIdc: (otherVbrKey: string) => boolean = (o) => o === vbrKey): string[] {
  const vpcCidrs = Object.values(res.alicloud_vpc ?? {}).map((v) => String(v.cidr_block));
  const ris = new Set(
    Object.entries(res.alicloud_express_connect_router_interface ?? {})
      .filter(([, ri]) => ref(ri.opposite_router_id)?.name === vbrKey || ref(ri.router_id)?.name === vbrKey)
      .map(([k]) => k),
  );
  const out = new Set<string>();
  for (const e of Object.values(res.alicloud_route_entry ?? {})) {
    const t = ref(e.route_table_id);
    const hop = ref(e.nexthop_id);
    if (t?.type === "alicloud_vpc" && hop && ris.has(hop.name) && !vpcCidrs.includes(String(e.destination_cidrblock)))
      out.add(String(e.destination_cidrblock));
  }
  for (const c of idcPrefixesViaTransitRouter(res, vbrKey, sameIdc)) out.add(c);
  return [...out].sort();
}

/**
 * A VBR attached to a transit router: the IDC's prefixes are what the VPCs route to their
 * TR attachments beyond every VPC and every office (a VPN connection's remote subnets).
 * With VBRs of two data centers on TRs such a prefix could sit behind either, so the twin
 * refuses it; the VBRs of one data center's lines all lead to it.
 */
/**
 * Whether a VPN connection is a data center's backup, not an office's link: synthesis
 * describes the data center's device (its customer gateway) as `data center <idc>`, and
 * the connection's remote subnets are then the IDC's own ranges.
 */
function isIdcVpnBackup(res: Resources, c: Attrs): boolean {
  const tunnels = (c.tunnel_options_specification as Attrs[] | undefined) ?? [];
  const key = (ref(c.customer_gateway_id) ?? ref(tunnels[0]?.customer_gateway_id))?.name;
  const d = key ? res.alicloud_vpn_customer_gateway?.[key]?.description : undefined;
  return typeof d === "string" && d.startsWith("data center ");
}
function idcPrefixesViaTransitRouter(res: Resources, vbrKey: string, sameIdc: (otherVbrKey: string) => boolean): string[] {
  const vbrAttachments = Object.values(res.alicloud_cen_transit_router_vbr_attachment ?? {});
  if (!vbrAttachments.some((a) => ref(a.vbr_id)?.name === vbrKey)) return [];
  const known = [
    ...Object.values(res.alicloud_vpc ?? {}).map((v) => String(v.cidr_block)),
    ...Object.values(res.alicloud_vpn_connection ?? {})
      .filter((c) => !isIdcVpnBackup(res, c))
      .flatMap((c) => (c.remote_subnet as string[] | undefined) ?? []),
  ];
  let out = Object.values(res.alicloud_route_entry ?? {})
    .filter((e) => e.nexthop_type === "Attachment" && ref(e.route_table_id)?.type === "alicloud_vpc")
    .map((e) => String(e.destination_cidrblock))
    .filter((d) => !known.some((k) => overlapsCidr(d, k)));
  out = [...new Set(out)];
  const others = vbrAttachments.map((a) => ref(a.vbr_id)?.name ?? "").filter((k) => !sameIdc(k));
  if (out.length > 0 && others.length > 0)
    throw new Error(
      `VPC routes to ${out.join(", ")} lead to a transit router with VBR attachments of several data centers (${[vbrKey, ...others].join(", ")}); the twin cannot tell which IDC holds them; allowed: VBR attachments of one data center's lines per stack`,
    );
  return out;
}

/**
 * A security group's ingress rules as an nftables input filter: replies pass, then the
 * rules in Alibaba Cloud's order, and everything else new is dropped. Sources: ECS API
 * AuthorizeSecurityGroup ("Priority 1 to 100, a smaller value is a higher priority";
 * "when rules have the same priority, drop rules take precedence"); ECS user guide,
 * Security group rules ("security groups are stateful": replies of an allowed session
 * pass; a basic group admits no inbound traffic from outside the group without a rule,
 * and allows all outbound). Egress rules are not modelled (all egress is allowed by
 * default and the stacks add none).
 */
export function securityGroupNft(rules: readonly Attrs[]): string {
  const lines = [
    "table inet twin_sg {",
    "  chain input { type filter hook input priority 0; policy drop;",
    "    iif lo accept",
    "    ct state established,related accept",
  ];
  const ingress = rules
    .filter((x) => x.type === "ingress")
    .map((r) => ({ r, prio: Number(r.priority ?? 1), drop: r.policy === "drop" }))
    .sort((a, b) => a.prio - b.prio || Number(b.drop) - Number(a.drop));
  for (const { r, drop } of ingress) {
    const src = String(r.cidr_ip);
    const proto = String(r.ip_protocol ?? "all").toLowerCase();
    const [lo, hi] = String(r.port_range ?? "-1/-1")
      .split("/")
      .map(Number);
    const ports = lo !== undefined && lo > 0 ? ` dport ${lo === hi ? lo : `${lo}-${hi}`}` : "";
    const verdict = drop ? "drop" : "accept";
    if (proto === "all") lines.push(`    ip saddr ${src} ${verdict}`);
    else if (proto === "icmp") lines.push(`    ip saddr ${src} ip protocol icmp ${verdict}`);
    else if (proto === "tcp" || proto === "udp") lines.push(`    ip saddr ${src} ${proto}${ports || " dport 0-65535"} ${verdict}`);
    else throw new Error(`security group rule ip_protocol ${proto} is not modelled by the twin; allowed: all, tcp, udp, icmp`);
  }
  lines.push("  }", "}");
  return lines.join("\n");
}
