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
 * - `alicloud_vpn_gateway` -> a namespace between its VPC and the WAN, with charon; its
 *   `alicloud_vpn_route_entry` rows (plus remote subnets when `auto_config_route` is
 *   not false) route into the IPsec TUN device; everything else goes back to the VPC;
 * - each office -> a router namespace running the generated swanctl.conf in charon, and a LAN host namespace behind it (this kernel has no dummy devices);
 *   (the office side is the very file `npm run office-configs` writes);
 * - `alicloud_nat_gateway` with an EIP -> a namespace that masquerades the SNAT
 *   sources towards the WAN;
 * - VBR -> a namespace with BIRD (the `alicloud_vpc_bgp_*` rows); its IDC -> a namespace
 *   with BIRD running the generated snippet; the VLAN link between them;
 * - "wan" joins every public address; "internet" is one host (192.0.2.80, RFC 5737).
 * Link addresses come from 169.254.0.0/16, which the stack must not use.
 */
import * as ipaddr from "ipaddr.js";

type Attrs = Record<string, unknown>;
export interface StackJson {
  readonly resource?: Record<string, Record<string, Attrs>>;
  readonly provider?: { readonly alicloud?: readonly Attrs[] };
}

export interface ManifestOffice {
  readonly connection: string;
  readonly office: string;
  readonly officeIp: string;
  readonly gatewayKey: string;
  readonly localSubnets: readonly string[];
  readonly swanctl: string;
  readonly tunnels: readonly { readonly role: string; readonly swanctlName: string; readonly gatewayIp: string }[];
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

export type NsKind = "vpc" | "host" | "vpngw" | "office" | "lan" | "wan" | "nat" | "internet" | "vbr" | "idc";
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
}
export interface TwinNetwork {
  readonly name: string;
  readonly ns: string;
  /** Address probes come from and go to. */
  readonly ip: string;
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
  /** IPsec pre-shared keys by env variable (gateway side needs them too). */
  readonly pskEnvs: readonly string[];
}

export const INTERNET_HOST = "192.0.2.80";
export const PROBE_PORT = 7777;
const LINK_NET = "169.254.0.0/16";

const REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;
const VAR = /^\$\{var\.([A-Za-z0-9_]+)\}$/;
function ref(v: unknown): { type: string; name: string; attr: string } | undefined {
  const m = typeof v === "string" ? REF.exec(v) : null;
  return m ? { type: m[1]!, name: m[2]!, attr: m[3]! } : undefined;
}

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
  const res = stack.resource ?? {};
  const all = (t: string) => Object.entries(res[t] ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const namespaces: TwinNs[] = [];
  const links: TwinLink[] = [];
  const addresses: [string, string, string][] = [];
  const routes: TwinRoute[] = [];
  const rules: { ns: string; args: string[]; why: string }[] = [];
  const nft: { ns: string; ruleset: string; why: string }[] = [];
  const charons: CharonSpec[] = [];
  const birds: BirdSpec[] = [];
  const networks: TwinNetwork[] = [];
  const pskEnvs = new Set<string>();

  // every CIDR of the stack must stay clear of the twin's link range
  for (const [t, rs] of Object.entries(res)) {
    for (const [k, a] of Object.entries(rs)) {
      for (const f of ["cidr_block", "destination_cidrblock", "route_dest", "source_cidr", "cidr_ip"]) {
        const v = a[f];
        if (typeof v === "string" && /\/\d+$/.test(v) && v !== "0.0.0.0/0" && overlapsCidr(v, LINK_NET)) {
          throw new Error(
            `${t}.${k}.${f} = ${v} overlaps ${LINK_NET}, which the twin uses for its links; allowed: addresses outside ${LINK_NET}`,
          );
        }
      }
    }
  }

  const counters: Record<string, number> = {};
  const ns = (kind: NsKind, label: string): string => {
    const name = `${kind}${(counters[kind] = (counters[kind] ?? 0) + 1)}`;
    namespaces.push({ name, kind, label });
    return name;
  };
  let linkNo = 0;
  /** A /30 between a and b; returns the addresses without prefix. */
  const link = (a: string, b: string, why: string): { aIp: string; bIp: string; aIf: string; bIf: string } => {
    const n = linkNo++;
    if (n >= 16384) throw new Error("the twin ran out of link addresses (16384 links)");
    const base = hostOf(LINK_NET, n * 4);
    const l = { a, b, aIf: `l${n}a`, bIf: `l${n}b`, aAddr: `${hostOf(base + "/30", 1)}/30`, bAddr: `${hostOf(base + "/30", 2)}/30`, why };
    links.push(l);
    return { aIp: l.aAddr.split("/")[0]!, bIp: l.bAddr.split("/")[0]!, aIf: l.aIf, bIf: l.bIf };
  };
  const route = (n: string, args: string[], why: string, afterIpsec = false) => routes.push({ ns: n, args, why, afterIpsec });

  /** A site's LAN: a host namespace behind the site's router (router .1, host .2). */
  const lan = (router: string, label: string, cidrs: readonly string[]): string => {
    const h = ns("lan", label);
    const l = link(router, h, `LAN of ${label}`);
    for (const c of cidrs) {
      addresses.push([router, l.aIf, `${hostOf(c, 1)}/${c.split("/")[1]}`], [h, l.bIf, `${hostOf(c, 2)}/${c.split("/")[1]}`]);
    }
    route(h, ["default", "via", hostOf(cidrs[0]!, 1), "dev", l.bIf], `${label} host -> its router`);
    return h;
  };

  // ---- VPCs, vSwitches, security groups
  const vpcNs = new Map<string, string>(); // resource key -> ns
  const vpcName = new Map<string, string>();
  for (const [k, v] of all("alicloud_vpc")) {
    const name = String(v.vpc_name ?? k);
    vpcName.set(k, name);
    vpcNs.set(k, ns("vpc", `vpc:${name}`));
  }
  const sgRules = (vpcKey: string): Attrs[] => {
    const groups = all("alicloud_security_group")
      .filter(([, g]) => ref(g.vpc_id)?.name === vpcKey)
      .map(([gk]) => gk);
    return all("alicloud_security_group_rule")
      .map(([, r]) => r)
      .filter((r) => groups.includes(ref(r.security_group_id)?.name ?? ""));
  };
  for (const [vk, vns] of vpcNs) {
    const switches = all("alicloud_vswitch").filter(([, s]) => ref(s.vpc_id)?.name === vk);
    switches.forEach(([sk, s], i) => {
      const c = String(s.cidr_block);
      const h = ns("host", `host:${String(s.vswitch_name ?? sk)}`);
      const l = link(vns, h, `vSwitch ${String(s.vswitch_name ?? sk)}`);
      // on the vSwitch's own subnet: router .1, host .2 (the link /30 stays for the twin)
      addresses.push([vns, l.aIf, `${hostOf(c, 1)}/${c.split("/")[1]}`], [h, l.bIf, `${hostOf(c, 2)}/${c.split("/")[1]}`]);
      route(h, ["default", "via", hostOf(c, 1), "dev", l.bIf], "host -> its vRouter");
      if (i === 0) networks.push({ name: vpcName.get(vk)!, ns: h, ip: hostOf(c, 2) });
      const groups = all("alicloud_security_group").filter(([, g]) => ref(g.vpc_id)?.name === vk);
      if (groups.length > 0)
        nft.push({
          ns: h,
          ruleset: securityGroupNft(sgRules(vk)),
          why: `security group of ${vpcName.get(vk)} (alicloud_security_group_rule, ingress)`,
        });
    });
  }

  // ---- WAN and the internet host
  let wan: string | undefined;
  const wanNs = () => (wan ??= ns("wan", "wan"));
  const onWan = (n: string, publicIps: readonly string[], why: string) => {
    const l = link(wanNs(), n, why);
    for (const ip of publicIps) {
      addresses.push([n, l.bIf, `${ip}/32`]);
      route(wanNs(), [`${ip}/32`, "via", l.bIp, "dev", l.aIf], `WAN -> ${ip}`);
    }
    return l;
  };

  // ---- peerings
  const links2 = new Map<string, { from: string; to: string; viaFrom: string; viaTo: string }>();
  const pair = (key: string, a: string, b: string, why: string) => {
    const l = link(a, b, why);
    links2.set(key, { from: a, to: b, viaFrom: l.bIp, viaTo: l.aIp });
  };
  for (const [k, p] of all("alicloud_vpc_peer_connection")) {
    const a = vpcNs.get(ref(p.vpc_id)?.name ?? "");
    const b = vpcNs.get(ref(p.accepting_vpc_id)?.name ?? "");
    if (!a || !b) continue;
    const cross = crossAccount(stack, p, res.alicloud_vpc?.[ref(p.accepting_vpc_id)?.name ?? ""]);
    const accepted = all("alicloud_vpc_peer_connection_accepter").some(([, x]) => ref(x.instance_id)?.name === k);
    if (cross && !accepted) continue; // never accepted: no link at all
    pair(`alicloud_vpc_peer_connection.${k}`, a, b, `peering ${String(p.peer_connection_name ?? k)}`);
  }

  // ---- VBRs and IDCs (before RIs: an RI may sit on a VBR)
  const vbrNs = new Map<string, string>();
  for (const [k, v] of all("alicloud_express_connect_virtual_border_router")) {
    const name = String(v.virtual_border_router_name ?? k);
    const vns = ns("vbr", `vbr:${name}`);
    vbrNs.set(k, vns);
    const group = all("alicloud_vpc_bgp_group").find(([, g]) => ref(g.router_id)?.name === k);
    const idcMan = manifest.idcs.find((d) => d.idc === name);
    if (!group || !idcMan) continue; // static routing or no generated snippet: the twin has no IDC for it
    const mask = ipaddr.IPv4.parse(String(v.peering_subnet_mask)).prefixLengthFromSubnetMask();
    if (mask === null)
      throw new Error(
        `alicloud_express_connect_virtual_border_router.${k}.peering_subnet_mask = ${String(v.peering_subnet_mask)} is not a netmask`,
      );
    const idc = ns("idc", `idc:${name}`);
    const l = link(vns, idc, `VLAN ${String(v.vlan_id)} of ${name}`);
    addresses.push([vns, l.aIf, `${String(v.local_gateway_ip)}/${mask}`], [idc, l.bIf, `${String(v.peer_gateway_ip)}/${mask}`]);
    // the IDC's LAN: the prefixes its snippet announces, found as VPC routes towards this VBR
    const prefixes = idcPrefixes(res, k);
    if (prefixes.length === 0) throw new Error(`VBR ${name}: no VPC route points at it, so the twin cannot tell the IDC's networks`);
    networks.push({ name, ns: lan(idc, `lan:${name}`, prefixes), ip: hostOf(prefixes[0]!, 2) });
    const [gk, g] = group;
    const peer = all("alicloud_vpc_bgp_peer").find(([, p]) => ref(p.bgp_group_id)?.name === gk)?.[1];
    const key = VAR.exec(String(g.auth_key ?? ""));
    if (key) pskEnvs.add(`TF_VAR_${key[1]}`);
    const exportSet = all("alicloud_vpc_bgp_network")
      .filter(([, n]) => ref(n.router_id)?.name === k)
      .map(([, n]) => String(n.dst_cidr_block));
    birds.push({
      ns: vns,
      routerId: String(v.local_gateway_ip),
      protocol: "vbr_bgp",
      body: {
        inline: [
          "protocol static vbr_networks {",
          "  ipv4;",
          ...exportSet.map((c) => `  route ${c} unreachable;`),
          "}",
          ...(peer?.enable_bfd === true
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
          ...(key ? [`  password "@@TF_VAR_${key[1]}@@";`] : []),
          ...(peer?.enable_bfd === true ? ["  bfd on;"] : []),
          "  ipv4 {",
          "    import all;",
          `    export where net ~ [ ${exportSet.join(", ") || "0.0.0.0/32"} ];`,
          "  };",
          "}",
        ].join("\n"),
      },
    });
    birds.push({ ns: idc, routerId: String(v.peer_gateway_ip), protocol: idcMan.protocol, body: { include: idcMan.bird } });
  }

  // ---- router-interface pairs (connected from both sides)
  const riOwner = new Map<string, string>();
  for (const [k, ri] of all("alicloud_express_connect_router_interface")) {
    const r = ref(ri.router_id);
    const owner =
      r?.type === "alicloud_vpc"
        ? vpcNs.get(r.name)
        : r?.type === "alicloud_express_connect_virtual_border_router"
          ? vbrNs.get(r.name)
          : undefined;
    if (owner) riOwner.set(k, owner);
  }
  const conns = new Set(
    all("alicloud_router_interface_connection").map(([, c]) => `${ref(c.interface_id)?.name}>${ref(c.opposite_interface_id)?.name}`),
  );
  const riLink = new Map<string, { via: string }>(); // interface key -> next hop address from its owner
  for (const [a] of riOwner) {
    for (const [b] of riOwner) {
      if (a < b && conns.has(`${a}>${b}`) && conns.has(`${b}>${a}`)) {
        const l = link(riOwner.get(a)!, riOwner.get(b)!, `router interfaces ${a} <-> ${b}`);
        riLink.set(a, { via: l.bIp });
        riLink.set(b, { via: l.aIp });
      }
    }
  }

  // ---- VPN gateways and offices
  const gwNs = new Map<string, { ns: string; vpcVia: string; vpcNs?: string; wanIf: string; gwVia: string }>();
  for (const [k, g] of all("alicloud_vpn_gateway")) {
    const vk = ref(g.vpc_id)?.name ?? "";
    const n = ns("vpngw", `vpngw:${vpcName.get(vk) ?? k}`);
    const vn = vpcNs.get(vk);
    let vpcVia = "";
    let gwVia = "";
    if (vn) {
      const l = link(vn, n, `VPN gateway ${String(g.vpn_gateway_name ?? k)} in its VPC`);
      vpcVia = l.aIp;
      gwVia = l.bIp;
      route(n, ["default", "via", l.aIp, "dev", l.bIf], "VPN gateway: whatever no IPsec route claims goes back to the VPC");
    }
    const ips = [...new Set(manifest.offices.filter((o) => o.gatewayKey === k).flatMap((o) => o.tunnels.map((t) => t.gatewayIp)))];
    const w = onWan(n, ips, `public side of VPN gateway ${String(g.vpn_gateway_name ?? k)}`);
    gwNs.set(k, { ns: n, vpcVia, vpcNs: vn, wanIf: w.bIf, gwVia });
  }
  const gwConf = new Map<string, { conns: string[]; secrets: string[]; children: string[] }>();
  for (const [k, c] of all("alicloud_vpn_connection")) {
    const where = `alicloud_vpn_connection.${k}`;
    const gwKey = ref(c.vpn_gateway_id)?.name ?? "";
    const gw = gwNs.get(gwKey);
    const connName = String(c.vpn_connection_name ?? k);
    const off = manifest.offices.find((o) => o.connection === connName && o.gatewayKey === gwKey);
    if (!gw || !off) continue; // an office without a generated config cannot take part
    const on = ns("office", `office:${off.office}`);
    networks.push({ name: off.office, ns: lan(on, `lan:${off.office}`, off.localSubnets), ip: hostOf(off.localSubnets[0]!, 2) });
    const w = onWan(on, [off.officeIp], `public side of office ${off.office}`);
    route(on, ["default", "via", w.aIp, "dev", w.bIf, "src", off.officeIp], "office -> WAN");
    // With remote selector 0.0.0.0/0, strongSwan's table 220 would swallow the office's own
    // LAN and, on a dual-tunnel gateway, the other tunnel's peer address: both stay on the
    // main table, as sheet.md tells the office administrator.
    for (const cidr of off.localSubnets)
      rules.push({
        ns: on,
        args: ["to", cidr, "lookup", "main", "pref", "210"],
        why: "keep the office LAN out of the IPsec route table (sheet.md)",
      });
    for (const t of off.tunnels)
      rules.push({
        ns: on,
        args: ["to", `${t.gatewayIp}/32`, "lookup", "main", "pref", "210"],
        why: "keep the tunnel endpoints out of the IPsec route table (sheet.md)",
      });
    charons.push({
      ns: on,
      side: "office",
      swanctl: { file: off.swanctl },
      children: off.tunnels.map((t) => t.swanctlName),
      installRoutes: true,
    });
    // the cloud side, from the JSON
    const specs =
      Array.isArray(c.tunnel_options_specification) && c.tunnel_options_specification.length > 0
        ? (c.tunnel_options_specification as Attrs[]).map((t, i) => ({
            role: String(t.role),
            ike: t.tunnel_ike_config as Attrs[] | Attrs,
            ipsec: t.tunnel_ipsec_config as Attrs[] | Attrs,
            dpd: t.enable_dpd !== false,
            natt: t.enable_nat_traversal !== false,
            where: `${where}.tunnel_options_specification[${i}]`,
          }))
        : [
            {
              role: "single",
              ike: c.ike_config as Attrs[] | Attrs,
              ipsec: c.ipsec_config as Attrs[] | Attrs,
              dpd: c.enable_dpd !== false,
              natt: c.enable_nat_traversal !== false,
              where,
            },
          ];
    const conf = gwConf.get(gwKey) ?? { conns: [], secrets: [], children: [] };
    for (const s of specs) {
      const ike = (Array.isArray(s.ike) ? s.ike[0] : s.ike) as Attrs;
      const ipsec = (Array.isArray(s.ipsec) ? s.ipsec[0] : s.ipsec) as Attrs;
      const t = off.tunnels.find((x) => x.role === s.role);
      if (!t) throw new Error(`${s.where}: tunnel role ${s.role} has no counterpart in the office config of ${off.office}`);
      const p = cloudProposals(s.where, ike, ipsec);
      const name = `gw-${t.swanctlName}`;
      const psk = VAR.exec(String(ike.psk ?? ""));
      if (!psk) throw new Error(`${s.where} psk is not a variable reference`);
      pskEnvs.add(`TF_VAR_${psk[1]}`);
      const v = ike.ike_version === "ikev1" ? 1 : 2;
      conf.conns.push(
        [
          `  ${name} {`,
          `    version = ${v}`,
          ...(ike.ike_mode === "aggressive" ? ["    aggressive = yes"] : []),
          `    local_addrs = ${t.gatewayIp}`,
          `    remote_addrs = ${off.officeIp}`,
          `    proposals = ${p.ike}`,
          `    ${v === 2 ? "rekey_time" : "reauth_time"} = ${Number(ike.ike_lifetime ?? 86400)}s`,
          ...(s.dpd ? ["    dpd_delay = 10s"] : []),
          `    encap = ${s.natt ? "yes" : "no"}`,
          "    mobike = no",
          `    local {\n      auth = psk\n      id = ${String(ike.ike_local_id ?? ike.local_id ?? t.gatewayIp)}\n    }`,
          `    remote {\n      auth = psk\n      id = ${String(ike.ike_remote_id ?? ike.remote_id ?? off.officeIp)}\n    }`,
          "    children {",
          `      ${name} {`,
          `        local_ts = ${(c.local_subnet as string[]).join(",")}`,
          `        remote_ts = ${(c.remote_subnet as string[]).join(",")}`,
          `        esp_proposals = ${p.esp}`,
          `        rekey_time = ${Number(ipsec.ipsec_lifetime ?? 86400)}s`,
          // Alibaba Cloud's gateway answers; the office initiates (start_action start in its file)
          "        start_action = none",
          "        dpd_action = clear",
          "      }",
          "    }",
          "  }",
        ].join("\n"),
      );
      conf.secrets.push(
        `  ike-${name} {\n    id-1 = ${String(ike.ike_remote_id ?? ike.remote_id ?? off.officeIp)}\n    secret = "@@TF_VAR_${psk[1]}@@"\n  }`,
      );
      conf.children.push(name);
    }
    gwConf.set(gwKey, conf);
    // routes on the gateway: to the office's public IP over the WAN, destinations over IPsec
    route(
      gw.ns,
      [`${off.officeIp}/32`, "via", peerOf(links, gw.ns, gw.wanIf), "dev", gw.wanIf, "src", off.tunnels[0]!.gatewayIp],
      `VPN gateway -> office ${off.office} public IP`,
    );
    const dests = new Set<string>();
    for (const [, e] of all("alicloud_vpn_route_entry")) {
      if (ref(e.vpn_gateway_id)?.name === gwKey && ref(e.next_hop)?.name === k) dests.add(String(e.route_dest));
    }
    if (c.auto_config_route !== false) for (const d of c.remote_subnet as string[]) dests.add(d);
    for (const d of dests) route(gw.ns, [d, "dev", "ipsec0"], `alicloud_vpn_route_entry ${d} -> connection ${connName}`, true);
  }
  for (const [gwKey, conf] of gwConf) {
    const gw = gwNs.get(gwKey)!;
    charons.push({
      ns: gw.ns,
      side: "gateway",
      installRoutes: false,
      children: conf.children,
      swanctl: {
        inline: `# cloud side, built by the twin from the synthesized JSON\nconnections {\n${conf.conns.join("\n")}\n}\nsecrets {\n${conf.secrets.join("\n")}\n}\n`,
      },
    });
  }

  // ---- NAT gateways
  const systemDefaultConflict = new Set<string>(); // VPC keys whose custom 0.0.0.0/0 fails at apply
  const natNs = new Map<string, { ns: string; via: string }>();
  for (const [k, g] of all("alicloud_nat_gateway")) {
    const vk = ref(g.vpc_id)?.name ?? "";
    const vn = vpcNs.get(vk);
    const eip = all("alicloud_eip_association").find(([, e]) => ref(e.instance_id)?.name === k);
    const n = ns("nat", `nat:${String(g.nat_gateway_name ?? k)}`);
    if (!vn) continue;
    const l = link(vn, n, `NAT gateway ${String(g.nat_gateway_name ?? k)} in its VPC`);
    natNs.set(k, { ns: n, via: l.bIp });
    const sources = all("alicloud_snat_entry")
      .filter(([, s]) => ref(s.snat_table_id)?.name === k)
      .flatMap(([, s]) => {
        if (typeof s.source_cidr === "string") return [s.source_cidr];
        const sw = ref(s.source_vswitch_id);
        const c = sw ? res.alicloud_vswitch?.[sw.name]?.cidr_block : undefined;
        return typeof c === "string" ? [c] : [];
      });
    for (const c of sources) route(n, [c, "via", l.aIp, "dev", l.bIf], "NAT: SNAT source back to the VPC");
    if (eip) {
      const eipIp = `198.51.100.${200 + natNs.size}`;
      const w = onWan(n, [eipIp], `EIP of NAT gateway ${String(g.nat_gateway_name ?? k)}`);
      route(n, ["default", "via", w.aIp, "dev", w.bIf], "NAT -> WAN");
      nft.push({
        ns: n,
        why: "SNAT entries (alicloud_snat_entry) as masquerade; nothing else leaves",
        ruleset: [
          "table ip twin_nat {",
          "  chain forward { type filter hook forward priority 0; policy accept;",
          `    oifname "${w.bIf}" ip saddr != { ${sources.join(", ") || "0.0.0.0/32"} } drop`,
          `    iifname "${w.bIf}" ct state new drop`,
          "  }",
          "  chain post { type nat hook postrouting priority 100;",
          `    oifname "${w.bIf}" ip saddr { ${sources.join(", ") || "0.0.0.0/32"} } masquerade`,
          "  }",
          "}",
        ].join("\n"),
      });
    }
    // Creating an enhanced internet NAT gateway adds 0.0.0.0/0 -> that gateway to its
    // VPC's route table (CreateNatGateway API docs, usage notes): API behaviour, not a
    // Terraform row. A custom 0.0.0.0/0 entry beside it fails at apply as a duplicate
    // (alicloud/resource_alicloud_route_entry.go returns the create error): unreachable.
    if (g.nat_type === "Enhanced" && (g.network_type ?? "internet") === "internet") {
      const hasDefault = all("alicloud_route_entry").some(
        ([, e]) => ref(e.route_table_id)?.name === vk && e.destination_cidrblock === "0.0.0.0/0",
      );
      if (hasDefault) systemDefaultConflict.add(vk);
      else route(vn, ["default", "via", l.bIp, "dev", l.aIf], "system route 0.0.0.0/0 -> Enhanced NAT gateway (added by the API)");
    }
  }
  {
    // always there, so the matrix has the same "internet" row the model has
    const inet = ns("internet", "internet");
    const w = onWan(inet, [INTERNET_HOST], "the internet host");
    route(inet, ["default", "via", w.aIp, "dev", w.bIf], "internet host -> WAN");
    networks.push({ name: "internet", ns: inet, ip: INTERNET_HOST });
  }

  // ---- route entries
  for (const [k, e] of all("alicloud_route_entry")) {
    const t = ref(e.route_table_id);
    const owner =
      t?.type === "alicloud_vpc"
        ? vpcNs.get(t.name)
        : t?.type === "alicloud_express_connect_virtual_border_router"
          ? vbrNs.get(t.name)
          : undefined;
    if (!owner) continue;
    const dest = String(e.destination_cidrblock);
    if (dest === "0.0.0.0/0" && t?.type === "alicloud_vpc" && systemDefaultConflict.has(t.name)) {
      route(owner, ["unreachable", dest], `alicloud_route_entry.${k} duplicates the Enhanced NAT gateway's system route; apply would fail`);
      continue;
    }
    const hop = ref(e.nexthop_id);
    const why = `alicloud_route_entry.${k} (${String(e.nexthop_type)})`;
    const via = ((): string | undefined => {
      if (!hop) return undefined;
      switch (e.nexthop_type) {
        case "VpcPeer": {
          const p = links2.get(`alicloud_vpc_peer_connection.${hop.name}`);
          return p?.from === owner ? p.viaFrom : p?.to === owner ? p.viaTo : undefined;
        }
        case "RouterInterface":
          return riOwner.get(hop.name) === owner ? riLink.get(hop.name)?.via : undefined;
        case "VpnGateway": {
          const g = gwNs.get(hop.name);
          return g?.vpcNs === owner ? g.gwVia : undefined;
        }
        case "NatGateway": {
          const n = natNs.get(hop.name);
          const vk = ref(res.alicloud_nat_gateway?.[hop.name]?.vpc_id)?.name;
          return n && vk && vpcNs.get(vk) === owner ? n.via : undefined;
        }
        default:
          return undefined;
      }
    })();
    route(owner, via ? [dest, "via", via] : ["unreachable", dest], via ? why : `${why}: next hop not attached to this router`);
  }
  for (const [vk, vns] of vpcNs) route(vns, ["unreachable", String(res.alicloud_vpc![vk]!.cidr_block)], "VPC CIDR outside every vSwitch");

  return {
    stack: stackName,
    namespaces,
    links,
    addresses,
    routes,
    rules,
    nft,
    charons,
    birds,
    networks: networks.sort((a, b) => a.name.localeCompare(b.name)),
    pskEnvs: [...pskEnvs].sort(),
  };
}

/**
 * Whether a peering crosses accounts: its creator's credentials (the provider block it
 * names, without alias and region) differ from the accepting VPC's. Every peering names
 * its acceptor's UID, same account too, so the UID alone cannot tell; without provider
 * blocks (a test fixture) an acceptor UID means another account.
 */
function crossAccount(stack: StackJson, peering: Attrs, acceptingVpc: Attrs | undefined): boolean {
  const identity = (p: unknown): string | undefined => {
    const alias = /^alicloud\.(.+)$/.exec(String(p ?? ""))?.[1];
    const block = (stack.provider?.alicloud ?? []).find((b) => b.alias === alias);
    if (!block) return undefined;
    const { alias: _alias, region: _region, ...credentials } = block;
    return JSON.stringify(credentials);
  };
  const [a, b] = [identity(peering.provider), identity(acceptingVpc?.provider)];
  return a !== undefined && b !== undefined ? a !== b : peering.accepting_ali_uid !== undefined;
}

/** The address across the link that interface `dev` of namespace `nsName` sits on. */
function peerOf(links: readonly TwinLink[], nsName: string, dev: string): string {
  const l = links.find((x) => (x.a === nsName && x.aIf === dev) || (x.b === nsName && x.bIf === dev));
  if (!l) throw new Error(`no link ${dev} in ${nsName}`);
  return (l.a === nsName ? l.bAddr : l.aAddr).split("/")[0]!;
}

/** VPC routes whose next hop is a router interface on this VBR: the IDC's networks. */
export function idcPrefixes(res: Record<string, Record<string, Attrs>>, vbrKey: string): string[] {
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
  return [...out].sort();
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
