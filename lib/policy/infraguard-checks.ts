/**
 * The InfraGuard rules this project enforces, one small check per rule, over a
 * resource's arguments as they will be synthesized. Facts from the InfraGuard catalogue
 * (`aliyun/infraguard`, rule files under `policies/aliyun/rules/`), written in this
 * project's own words; where a check is stricter than InfraGuard's, the coverage data
 * (`./infraguard-coverage.ts`) says how.
 *
 * Each check returns one message per violation (empty when compliant). `PolicyChecks`
 * prefixes `[policy:<rule id>]` and the construct path.
 */
import * as ipaddr from "ipaddr.js";
import { refsIn } from "../tfjson";
import { PolicyRule } from "./policy-rule";

export type Attrs = Record<string, unknown>;

/** What a check may know besides the resource's own arguments. */
export interface CheckContext {
  /** The resource's region (from its provider), or undefined when it is not known at synth. */
  readonly region?: string;
  /** `supportsDualTunnelVpn` from lib/topology: whether new VPN gateways in a region are dual-tunnel. */
  readonly dualTunnelVpn: (region: string) => boolean;
  /** The synthesized arguments of every resource of `type` in the same stack, by resource key. */
  readonly resourcesOfType: (type: string) => ReadonlyMap<string, Attrs>;
  /** This resource's key in the synthesized JSON (`<type>.<key>`). */
  readonly key: string;
}

export interface InfraGuardCheck {
  readonly rule: PolicyRule;
  /** Resource types the check reads. */
  readonly types: readonly string[];
  readonly check: (attrs: Attrs, ctx: CheckContext) => string[];
}

// ---------------------------------------------------------------------------------------
// Security-group rule helpers

const isSet = (v: unknown): boolean => v !== undefined && v !== null && v !== "";
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

/** Accepting rules only: `policy` defaults to accept (alicloud/resource_alicloud_security_group_rule.go:49-53). */
function accepts(a: Attrs): boolean {
  return (str(a.policy) ?? "accept").toLowerCase() === "accept";
}

function direction(a: Attrs): string | undefined {
  return str(a.type);
}

/** The rule's peer addresses: `cidr_ip` and `ipv6_cidr_ip`, whichever are set. */
function peers(a: Attrs): string[] {
  return [str(a.cidr_ip), str(a.ipv6_cidr_ip)].filter((c): c is string => !!c);
}

/** 0.0.0.0/0 or ::/0 (any spelling with prefix 0). */
function isWholeInternet(c: string): boolean {
  try {
    return ipaddr.parseCIDR(c)[1] === 0;
  } catch {
    return false;
  }
}

const PRIVATE_V4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16"].map((c) => ipaddr.parseCIDR(c));
const PRIVATE_V6 = ["fc00::/7", "fe80::/10", "::1/128"].map((c) => ipaddr.parseCIDR(c));

/**
 * True when every address of `c` is private: inside RFC 1918, loopback or link-local
 * (IPv4), or unique-local, link-local or loopback (IPv6). Unparsable text (a token) is
 * not judged here.
 */
export function isPrivateSource(c: string): boolean | undefined {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(c);
  } catch {
    return undefined;
  }
  const [addr, prefix] = parsed;
  const ranges = addr.kind() === "ipv4" ? PRIVATE_V4 : PRIVATE_V6;
  return ranges.some(([net, bits]) => net.kind() === addr.kind() && prefix >= bits && addr.match(net, bits));
}

interface PortRange {
  readonly from: number;
  readonly to: number;
}
const ALL_PORTS: PortRange = { from: 1, to: 65535 };

/** `port_range` as numbers; `-1/-1` (every port) as 1-65535. Undefined when unparsable. */
function portRange(a: Attrs): PortRange | undefined {
  const m = /^(-?\d+)\/(-?\d+)$/.exec(str(a.port_range) ?? "");
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return from === -1 && to === -1 ? ALL_PORTS : { from, to };
}

function protocol(a: Attrs): string {
  return (str(a.ip_protocol) ?? "").toLowerCase();
}

/** Ports only mean something for tcp, udp and `all`; ICMP and GRE rules must say -1/-1. */
const PORTED = new Set(["tcp", "udp", "all"]);

function coversAllPorts(a: Attrs): boolean {
  const r = portRange(a);
  return PORTED.has(protocol(a)) && !!r && r.from <= 1 && r.to >= 65535;
}

function openPorts(a: Attrs, ports: readonly number[]): number[] {
  const r = portRange(a);
  if (!PORTED.has(protocol(a)) || !r) return [];
  return ports.filter((p) => r.from <= p && p <= r.to);
}

/** Accepting ingress rules from the whole internet. */
function internetIngress(a: Attrs): string | undefined {
  if (direction(a) !== "ingress" || !accepts(a)) return undefined;
  return peers(a).find(isWholeInternet);
}

/** Whether a synthesized argument refers to the resource at `address` (`${type.name.attr}`, read by lib/tfjson). */
const refersTo = (v: unknown, address: string): boolean => refsIn(v).some((r) => r.address === address);

const describeRule = (a: Attrs) => `${direction(a)} ${protocol(a) || "?"} ${str(a.port_range) ?? "?"} ${peers(a).join(",")}`;

// ---------------------------------------------------------------------------------------

/** InfraGuard's risky ports for `sg-risky-ports-check` (SSH, Telnet, RDP, MySQL, SQL Server, PostgreSQL, MongoDB, Redis). */
export const SG_RISKY_PORTS = [22, 23, 3389, 3306, 1433, 5432, 27017, 6379] as const;
/** InfraGuard's ports for `ecs-security-group-risky-ports-check-with-protocol` (SSH, RDP). */
export const SG_BRUTE_FORCE_PORTS = [22, 3389] as const;
/** InfraGuard's only port allowed from the whole internet in `ecs-security-group-white-list-port-check`. */
export const SG_INTERNET_WHITELIST_PORT = 80;
/** InfraGuard's risky DNAT ports for `nat-risk-ports-check`. */
export const NAT_RISKY_PORTS = [22, 23, 445, 3389, 1433, 3306, 5432, 6379, 8080, 8443] as const;
/** InfraGuard's `eip-bandwidth-limit` ceiling, Mbit/s. */
export const EIP_MAX_BANDWIDTH_MBPS = 100;
/** InfraGuard's `cen-cross-region-bandwidth-check` floor, Mbit/s: a peer attachment at or below it violates the rule. */
export const PEER_MIN_BANDWIDTH_MBPS = 1;
/** InfraGuard's `vswitch-available-ip-count`: a /29 is too small (Alibaba Cloud reserves 4 of its 8 addresses). */
export const VSWITCH_MAX_PREFIX = 28;

const SG_RULE = "alicloud_security_group_rule";

export const INFRAGUARD_CHECKS: readonly InfraGuardCheck[] = [
  {
    rule: PolicyRule.SG_DESCRIPTION,
    types: ["alicloud_security_group"],
    check: (a) => (isSet(a.description) ? [] : ["alicloud_security_group has no description; say what the group admits and why"]),
  },
  {
    rule: PolicyRule.SG_VPC_REQUIRED,
    types: ["alicloud_security_group"],
    check: (a) => (isSet(a.vpc_id) ? [] : ["alicloud_security_group has no vpc_id; allowed: a group inside a VPC"]),
  },
  {
    rule: PolicyRule.SG_TYPE_STATED,
    types: ["alicloud_security_group"],
    check: (a) =>
      isSet(a.security_group_type)
        ? []
        : ["alicloud_security_group leaves security_group_type to the API; allowed: state `normal` or `enterprise`"],
  },
  {
    rule: PolicyRule.SG_EGRESS_NOT_ALL,
    types: [SG_RULE],
    check: (a) =>
      direction(a) === "egress" && accepts(a) && protocol(a) === "all" && coversAllPorts(a) && peers(a).some(isWholeInternet)
        ? [
            `egress rule (${describeRule(a)}) accepts every protocol and port to the whole internet; allowed: name the protocol, ports or destination`,
          ]
        : [],
  },
  {
    rule: PolicyRule.SG_PRIVATE_SOURCES,
    types: [SG_RULE],
    check: (a) =>
      direction(a) === "ingress" && accepts(a)
        ? peers(a)
            .filter((c) => isPrivateSource(c) === false)
            .map(
              (c) =>
                `ingress source ${c} includes public addresses; allowed: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (or loopback, link-local, fc00::/7)`,
            )
        : [],
  },
  {
    rule: PolicyRule.SG_NOT_ALL_PORTS,
    types: [SG_RULE],
    check: (a) =>
      direction(a) === "ingress" && accepts(a) && coversAllPorts(a)
        ? [`ingress rule (${describeRule(a)}) opens every port; allowed: the ports the workload serves`]
        : [],
  },
  {
    rule: PolicyRule.SG_NOT_ALL_PROTOCOLS,
    types: [SG_RULE],
    check: (a) =>
      direction(a) === "ingress" && accepts(a) && protocol(a) === "all"
        ? [`ingress rule (${describeRule(a)}) admits every protocol; allowed: tcp, udp, icmp or gre`]
        : [],
  },
  {
    rule: PolicyRule.SG_RISKY_PORTS_WITH_PROTOCOL,
    types: [SG_RULE],
    check: (a) => {
      const src = internetIngress(a);
      const open = src ? openPorts(a, SG_BRUTE_FORCE_PORTS) : [];
      return open.length
        ? [`ingress rule (${describeRule(a)}) opens ${open.join(", ")} (SSH/RDP) to ${src}; allowed: a trusted source range`]
        : [];
    },
  },
  {
    rule: PolicyRule.SG_WHITELIST_PORTS,
    types: [SG_RULE],
    check: (a) => {
      const src = internetIngress(a);
      const r = portRange(a);
      if (!src || !r) return [];
      const onlyHttp = PORTED.has(protocol(a)) && r.from === SG_INTERNET_WHITELIST_PORT && r.to === SG_INTERNET_WHITELIST_PORT;
      return onlyHttp
        ? []
        : [
            `ingress rule (${describeRule(a)}) opens ports other than ${SG_INTERNET_WHITELIST_PORT} to ${src}; allowed from the whole internet: port ${SG_INTERNET_WHITELIST_PORT} only`,
          ];
    },
  },
  {
    rule: PolicyRule.SG_PUBLIC_ACCESS,
    types: [SG_RULE],
    check: (a) => {
      const src = internetIngress(a);
      return src && coversAllPorts(a)
        ? [`ingress rule (${describeRule(a)}) opens every port to ${src}; allowed: a narrower source or named ports`]
        : [];
    },
  },
  {
    rule: PolicyRule.SG_RISKY_PORTS,
    types: [SG_RULE],
    check: (a) => {
      const src = internetIngress(a);
      const open = src ? openPorts(a, SG_RISKY_PORTS) : [];
      return open.length
        ? [`ingress rule (${describeRule(a)}) opens risky port(s) ${open.join(", ")} to ${src}; allowed: a trusted source range`]
        : [];
    },
  },
  {
    rule: PolicyRule.EIP_ATTACHED,
    types: ["alicloud_eip_address"],
    check: (_a, ctx) => {
      const eip = `alicloud_eip_address.${ctx.key}`;
      const associated = [...ctx.resourcesOfType("alicloud_eip_association").values()].some((as) => refersTo(as.allocation_id, eip));
      return associated
        ? []
        : ["alicloud_eip_address has no alicloud_eip_association in this stack; an unattached EIP is billed and serves nothing"];
    },
  },
  {
    rule: PolicyRule.EIP_BANDWIDTH_LIMIT,
    types: ["alicloud_eip_address"],
    check: (a) => {
      const bw = Number(str(a.bandwidth));
      return isSet(a.bandwidth) && Number.isFinite(bw) && bw > EIP_MAX_BANDWIDTH_MBPS
        ? [`alicloud_eip_address.bandwidth = ${str(a.bandwidth)} Mbit/s; allowed: at most ${EIP_MAX_BANDWIDTH_MBPS}`]
        : [];
    },
  },
  {
    rule: PolicyRule.EIP_EXPLICIT_BANDWIDTH,
    types: ["alicloud_eip_address"],
    check: (a) => (isSet(a.bandwidth) ? [] : ["alicloud_eip_address leaves bandwidth to the API default; allowed: state it (Mbit/s)"]),
  },
  {
    rule: PolicyRule.EIP_DELETE_PROTECTION,
    types: ["alicloud_eip_address"],
    check: (a) =>
      a.deletion_protection === true ? [] : ["alicloud_eip_address must set deletion_protection = true (a released EIP's address is gone)"],
  },
  {
    rule: PolicyRule.NAT_DELETE_PROTECTION,
    types: ["alicloud_nat_gateway"],
    check: (a) =>
      a.deletion_protection === true
        ? []
        : ["alicloud_nat_gateway must set deletion_protection = true (deleting it cuts every SNAT user off the internet)"],
  },
  {
    rule: PolicyRule.NAT_ENHANCED,
    types: ["alicloud_nat_gateway"],
    check: (a) => (a.nat_type === "Enhanced" ? [] : [`alicloud_nat_gateway.nat_type = ${str(a.nat_type) ?? "(unset)"}; allowed: Enhanced`]),
  },
  {
    rule: PolicyRule.NAT_SNAT_EIP_BANDWIDTH,
    types: ["alicloud_nat_gateway"],
    check: (a) => {
      const spec = str(a.specification);
      return a.nat_type === "Enhanced" || (spec !== undefined && spec !== "" && spec !== "Small")
        ? []
        : [
            `alicloud_nat_gateway is ${str(a.nat_type) ?? "of unset type"} with specification ${spec ?? "(unset)"}; allowed: Enhanced, or Middle and above`,
          ];
    },
  },
  {
    rule: PolicyRule.NAT_RISK_PORTS,
    types: ["alicloud_forward_entry"],
    check: (a) => {
      const port = (str(a.external_port) ?? "").toLowerCase();
      const m = /^(\d+)(?:[/-](\d+))?$/.exec(port);
      const risky =
        port === "any" ? [...NAT_RISKY_PORTS] : m ? NAT_RISKY_PORTS.filter((p) => Number(m[1]) <= p && p <= Number(m[2] ?? m[1])) : [];
      return risky.length
        ? [
            `alicloud_forward_entry.external_port = ${port} publishes ${risky.join(", ")}; allowed: none of ${NAT_RISKY_PORTS.join(", ")} (use a VPN or bastion)`,
          ]
        : [];
    },
  },
  {
    rule: PolicyRule.VPC_CIDR_REQUIRED,
    types: ["alicloud_vpc"],
    check: (a) => (isSet(a.cidr_block) ? [] : ["alicloud_vpc has no cidr_block; allowed: a planned CIDR"]),
  },
  {
    rule: PolicyRule.VPC_FLOW_LOGS,
    types: ["alicloud_vpc"],
    check: (_a, ctx) => {
      const vpc = `alicloud_vpc.${ctx.key}`;
      const logged = [...ctx.resourcesOfType("alicloud_vpc_flow_log").values()].some(
        (f) => str(f.resource_type) === "VPC" && refersTo(f.resource_id, vpc),
      );
      return logged
        ? []
        : [
            "alicloud_vpc has no alicloud_vpc_flow_log (resource_type VPC) in this stack; allowed: a flow log on the VPC, or an exemption stating why not",
          ];
    },
  },
  {
    rule: PolicyRule.VSWITCH_CIDR_REQUIRED,
    types: ["alicloud_vswitch"],
    check: (a) => (isSet(a.cidr_block) ? [] : ["alicloud_vswitch has no cidr_block; allowed: a planned CIDR"]),
  },
  {
    rule: PolicyRule.VSWITCH_AVAILABLE_IPS,
    types: ["alicloud_vswitch"],
    check: (a) => {
      const c = str(a.cidr_block);
      let prefix: number | undefined;
      try {
        prefix = c ? ipaddr.parseCIDR(c)[1] : undefined;
      } catch {
        prefix = undefined;
      }
      return prefix !== undefined && prefix > VSWITCH_MAX_PREFIX
        ? [`alicloud_vswitch.cidr_block = ${c} leaves too few addresses; allowed: /${VSWITCH_MAX_PREFIX} or larger`]
        : [];
    },
  },
  {
    rule: PolicyRule.VPN_GATEWAY_MULTI_ZONE,
    types: ["alicloud_vpn_gateway"],
    check: (a, ctx) =>
      dualTunnelApplies(ctx) && !isSet(a.disaster_recovery_vswitch_id)
        ? [
            `alicloud_vpn_gateway in ${ctx.region ?? "an unknown region"} (dual-tunnel) has no disaster_recovery_vswitch_id; allowed: a second vSwitch, in another zone where the region has two`,
          ]
        : [],
  },
  {
    rule: PolicyRule.VPN_MASTER_SLAVE,
    types: ["alicloud_vpn_connection"],
    check: (a, ctx) => {
      if (!dualTunnelApplies(ctx)) return [];
      const tunnels = Array.isArray(a.tunnel_options_specification) ? (a.tunnel_options_specification as Attrs[]) : [];
      const roles = new Set(tunnels.map((t) => str(t.role)));
      return roles.has("master") && roles.has("slave")
        ? []
        : [
            `alicloud_vpn_connection in ${ctx.region ?? "an unknown region"} (dual-tunnel) has ${tunnels.length} tunnel_options_specification block(s) with roles [${[...roles].join(", ")}]; allowed: one master and one slave tunnel`,
          ];
    },
  },
  {
    rule: PolicyRule.VPN_HEALTH_CHECK,
    types: ["alicloud_vpn_connection"],
    check: (a) => {
      const hc = Array.isArray(a.health_check_config)
        ? (a.health_check_config as Attrs[])
        : a.health_check_config
          ? [a.health_check_config as Attrs]
          : [];
      return hc.some((h) => h.enable === true)
        ? []
        : [
            "alicloud_vpn_connection has no enabled health_check_config; allowed: a probe from an address in the VPC (sip) to one in the office (dip)",
          ];
    },
  },
  {
    rule: PolicyRule.SLS_LOGSTORE_ENCRYPTED,
    types: ["alicloud_log_store"],
    check: (a) => {
      const conf = Array.isArray(a.encrypt_conf) ? (a.encrypt_conf as Attrs[]) : a.encrypt_conf ? [a.encrypt_conf as Attrs] : [];
      return conf.some((c) => c.enable === true)
        ? []
        : [
            'alicloud_log_store is not encrypted at rest; allowed: encrypt_conf { enable = true, encrypt_type = "default" } (SLS service key) or a BYOK key',
          ];
    },
  },
  {
    rule: PolicyRule.SLS_LOGSTORE_RETENTION,
    types: ["alicloud_log_store"],
    check: (a) => {
      // Unset means the provider's Default of 30 days (alicloud/resource_alicloud_log_store.go:145-149).
      const days = a.retention_period === undefined ? 30 : Number(a.retention_period);
      return Number.isFinite(days) && days <= 7 ? [`alicloud_log_store.retention_period = ${days} days; allowed: more than 7`] : [];
    },
  },
  ...[PolicyRule.ECS_IN_VPC, PolicyRule.ECS_RUNNING_IN_VPC].map((rule): InfraGuardCheck => ({
    rule,
    types: ["alicloud_instance"],
    check: (a) =>
      isSet(a.vswitch_id) || isSet(a.vpc_id)
        ? []
        : ["alicloud_instance has no vswitch_id (classic network); allowed: an instance in a vSwitch of a VPC"],
  })),
  ...[PolicyRule.ECS_NO_PUBLIC_IP, PolicyRule.ECS_RUNNING_NO_PUBLIC_IP].map((rule): InfraGuardCheck => ({
    rule,
    types: ["alicloud_instance"],
    check: (a) => {
      const bw = Number(a.internet_max_bandwidth_out ?? 0);
      const out: string[] = [];
      if (a.allocate_public_ip === true)
        out.push("alicloud_instance.allocate_public_ip = true; allowed: no public address (egress through the shared NAT)");
      if (Number.isFinite(bw) && bw > 0)
        out.push(
          `alicloud_instance.internet_max_bandwidth_out = ${bw} gives it a public IPv4 address; allowed: 0 (egress through the shared NAT)`,
        );
      return out;
    },
  })),
  {
    rule: PolicyRule.CEN_NAME_REQUIRED,
    types: ["alicloud_cen_instance"],
    check: (a) => (isSet(a.cen_instance_name) ? [] : ["alicloud_cen_instance has no cen_instance_name"]),
  },
  {
    rule: PolicyRule.TR_ATTACHMENT_MULTI_ZONE,
    types: ["alicloud_cen_transit_router_vpc_attachment"],
    check: (a) => {
      const maps = Array.isArray(a.zone_mappings) ? (a.zone_mappings as Attrs[]) : a.zone_mappings ? [a.zone_mappings as Attrs] : [];
      const zones = new Set(maps.map((m) => str(m.zone_id)).filter(Boolean));
      return zones.size >= 2
        ? []
        : [
            `alicloud_cen_transit_router_vpc_attachment spans ${zones.size} zone(s) (${[...zones].join(", ")}); allowed: zone_mappings in at least two zones`,
          ];
    },
  },
  {
    rule: PolicyRule.CEN_CROSS_REGION_BANDWIDTH,
    types: ["alicloud_cen_transit_router_peer_attachment"],
    check: (a) => {
      // Unset counts as 0, as in InfraGuard's rule; a reference (unknown at synth) is not judged.
      const bw = a.bandwidth === undefined || a.bandwidth === null ? 0 : Number(str(a.bandwidth));
      return Number.isFinite(bw) && bw <= PEER_MIN_BANDWIDTH_MBPS
        ? [
            `alicloud_cen_transit_router_peer_attachment.bandwidth = ${bw} Mbit/s; allowed: more than ${PEER_MIN_BANDWIDTH_MBPS} (an inter-region connection at or below it throttles everything between the regions)`,
          ]
        : [];
    },
  },
];

/** Dual-tunnel rules apply unless the region is known and single-tunnel. */
function dualTunnelApplies(ctx: CheckContext): boolean {
  return ctx.region === undefined || ctx.dualTunnelVpn(ctx.region);
}
