/**
 * Semantic validation of a {@link Topology}. Every rule runs; every problem is reported
 * with its path, the bad value and what is allowed. Structural checks (types, required
 * fields, enum members) live in `schema.ts`; this file assumes the shape is right.
 */
import {
  broadcastOf,
  Cidr,
  contains,
  containsIp,
  isCidr,
  isDocumentationIpv4,
  isIpv4,
  isPublicIpv4,
  maskPrefix,
  networkOf,
  overlaps,
  parseCidr,
} from "./cidr";
import { IpsecPolicy, WEAK_CRYPTO, weakCryptoSettings } from "./ipsec";
import { identifierIssues, routeTableIssues } from "./identifiers";
import { MAX_ISSUES, pathKey, TopologyError, TopologyIssue } from "./issues";
import { secretValueIssues, tagLimitIssues } from "./limits";
import { RESERVED_RANGES, reservedRangeOf } from "./quotas";
import { isKnownRegion, KNOWN_REGIONS } from "./regions";
import { SECRET_KEY } from "./secrets";
import { IdcSpec, LinkSpec, OfficeSpec, Topology, VpcSpec, VpnGatewaySpec } from "./types";
import { dualTunnelZones, supportsDualTunnelVpn } from "./vpn-capabilities";

export const NAME_PATTERN = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;
export const VPN_GATEWAY_BANDWIDTHS: readonly number[] = [5, 10, 20, 50, 100, 200, 500, 1000];
/** Alibaba Cloud's own ASN: a customer gateway or IDC router may not use it. */
export const ALIBABA_ASN = 45104;
const UID_PATTERN = /^\d{6,20}$/;
const ROLE_ARN_PATTERN = /^acs:ram::\d{6,20}:role\/[A-Za-z0-9.@_+=,-]{1,64}$/;
/** DescribeAccessPoints: `ap-<region>-<site>-<LETTER>`, e.g. ap-cn-hangzhou-yh-C (partners alike). */
const ACCESS_POINT_PATTERN = /^ap-[a-z0-9]+(-[a-z0-9]+)*(-[A-Z])?$/;
const LOWER_SITE_LETTER = /-[a-z]$/;
const PHYSICAL_CONNECTION_PATTERN = /^pc-[a-z0-9]+$/;
/** SLS project names (Simple Log Service API reference, CreateProject / `create_project`: 3–63 characters, lowercase letters, digits and hyphens, starting and ending with a letter or digit). */
const SLS_PROJECT_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

type Network =
  | { readonly kind: "vpc"; readonly spec: VpcSpec; readonly path: string }
  | { readonly kind: "office"; readonly spec: OfficeSpec; readonly path: string }
  | { readonly kind: "idc"; readonly spec: IdcSpec; readonly path: string };

class Collector {
  readonly issues: TopologyIssue[] = [];
  add(path: string, value: unknown, message: string): void {
    // bounded: 2,000 identical vSwitches would otherwise collect two million overlaps
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, value, message });
  }
  /** Validates a CIDR; returns it when usable. */
  cidr(path: string, value: string, bounds?: { min: number; max: number; what: string }): Cidr | undefined {
    const c = parseCidr(value);
    if (!isCidr(c)) {
      if (c.kind === "host-bits") this.add(path, value, `host bits are set; allowed: a network address (did you mean ${c.network}?)`);
      else this.add(path, value, "is not an IPv4 CIDR; allowed: a.b.c.d/n with n 0–32");
      return undefined;
    }
    if (bounds && (c.prefix < bounds.min || c.prefix > bounds.max)) {
      this.add(path, value, `prefix /${c.prefix} is out of range for ${bounds.what}; allowed: /${bounds.min} to /${bounds.max}`);
      return undefined;
    }
    return c;
  }
  int(path: string, value: number | undefined, min: number, max: number, unit = ""): void {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.add(path, value, `is out of range; allowed: an integer ${min}–${max}${unit}`);
    }
  }
}

/** Returns every problem in `t`; an empty list means valid. */
export function validateTopology(t: Topology): TopologyIssue[] {
  const c = new Collector();
  const root = t.name;
  if (!NAME_PATTERN.test(t.name)) {
    c.add("name", t.name, `is not a valid name; allowed: ${NAME_PATTERN} (lower-case letters, digits, dashes)`);
  }

  checkTags(c, `${root}.tags`, t.tags);

  // ---- accounts
  const accounts = new Map<string, number>();
  t.accounts.forEach((a, i) => {
    const p = `${root}.accounts[${i}]`;
    checkName(c, `${p}.name`, a.name);
    if (accounts.has(a.name)) c.add(`${p}.name`, a.name, `duplicates accounts[${accounts.get(a.name)}]; allowed: unique account names`);
    else accounts.set(a.name, i);
    if (a.uid !== undefined && !UID_PATTERN.test(a.uid)) c.add(`${p}.uid`, a.uid, "is not an account UID; allowed: 6–20 digits");
    const arn = a.credentials?.roleArn;
    if (arn !== undefined && !ROLE_ARN_PATTERN.test(arn)) {
      c.add(`${p}.credentials.roleArn`, arn, "is not a RAM role ARN; allowed: acs:ram::<uid>:role/<name>");
    }
  });
  if (t.accounts.length === 0) c.add(`${root}.accounts`, [], "is empty; allowed: at least one account");

  // ---- networks: one namespace across VPCs, offices and IDCs
  const networks = new Map<string, Network>();
  const claim = (n: Network, name: string) => {
    const prev = networks.get(name);
    if (prev) c.add(`${n.path}.name`, name, `duplicates ${prev.path}; allowed: names unique across vpcs, offices and idcs`);
    else networks.set(name, n);
  };
  const networkCidrs = new Map<string, { path: string; cidr: Cidr }[]>();

  t.vpcs.forEach((v, i) => {
    const p = `${root}.vpcs[${i}]`;
    checkName(c, `${p}.name`, v.name);
    claim({ kind: "vpc", spec: v, path: p }, v.name);
    if (!accounts.has(v.account)) c.add(`${p}.account`, v.account, `names no account; allowed: ${list([...accounts.keys()])}`);
    checkRegion(c, `${p}.region`, v.region);
    checkTags(c, `${p}.tags`, v.tags);
    const vc = c.cidr(`${p}.cidr`, v.cidr, { min: 8, max: 28, what: "a VPC" });
    if (vc) checkReserved(c, `${p}.cidr`, v.cidr, vc);
    if (vc) networkCidrs.set(v.name, [{ path: `${p}.cidr`, cidr: vc }]);
    const vsw: { name: string; cidr?: Cidr; path: string; zone: string }[] = [];
    v.vswitches.forEach((s, j) => {
      const sp = `${p}.vswitches[${j}]`;
      checkName(c, `${sp}.name`, s.name);
      const dup = vsw.findIndex((o) => o.name === s.name);
      if (dup >= 0) c.add(`${sp}.name`, s.name, `duplicates ${p}.vswitches[${dup}]; allowed: vSwitch names unique within a VPC`);
      if (isKnownRegion(v.region) && !isZoneOf(s.zone, v.region))
        c.add(`${sp}.zone`, s.zone, `is not a zone of region ${v.region}; allowed: ${v.region}<suffix>, e.g. ${v.region}-a`);
      const sc = c.cidr(`${sp}.cidr`, s.cidr, { min: 16, max: 29, what: "a vSwitch" });
      if (sc && vc && !contains(vc, sc)) c.add(`${sp}.cidr`, s.cidr, `is outside its VPC ${v.cidr}; allowed: a block inside ${v.cidr}`);
      if (sc) {
        vsw.forEach((o, k) => {
          if (o.cidr && overlaps(o.cidr, sc))
            c.add(`${sp}.cidr`, s.cidr, `overlaps sibling ${p}.vswitches[${k}] (${o.cidr.text}); allowed: disjoint vSwitch blocks`);
        });
      }
      vsw.push({ name: s.name, cidr: sc, path: sp, zone: s.zone });
    });
    if (v.vswitches.length === 0) c.add(`${p}.vswitches`, [], "is empty; allowed: at least one vSwitch");
    if (v.vpnGateway) {
      const g = v.vpnGateway;
      const gp = `${p}.vpnGateway`;
      if (!VPN_GATEWAY_BANDWIDTHS.includes(g.bandwidth)) {
        c.add(`${gp}.bandwidth`, g.bandwidth, `is not a VPN gateway bandwidth; allowed: ${VPN_GATEWAY_BANDWIDTHS.join(", ")} Mbit/s`);
      }
      const main = vsw.find((s) => s.name === g.vswitch);
      if (!main) c.add(`${gp}.vswitch`, g.vswitch, `names no vSwitch of VPC ${v.name}; allowed: ${list(vsw.map((s) => s.name))}`);
      checkVpnGatewayTunnels(c, gp, v, g, main, vsw);
    }
    if (v.flowLog) {
      const fp = `${p}.flowLog`;
      const project = v.flowLog.slsProject;
      if (!SLS_PROJECT_PATTERN.test(project)) {
        c.add(
          `${fp}.slsProject`,
          project,
          "is not an SLS project name; allowed: 3–63 lowercase letters, digits and hyphens, starting and ending with a letter or digit",
        );
      }
      const dup = t.vpcs.findIndex((o) => o.flowLog?.slsProject === project);
      if (dup < i)
        c.add(
          `${fp}.slsProject`,
          project,
          `is also ${root}.vpcs[${dup}].flowLog.slsProject; allowed: one project per VPC (the stack creates each)`,
        );
      c.int(`${fp}.retentionDays`, v.flowLog.retentionDays, 1, 3650, " days");
    }
  });
  if (t.vpcs.length === 0) c.add(`${root}.vpcs`, [], "is empty; allowed: at least one VPC");
  if (t.quotas?.routeEntriesPerTable !== undefined) c.int(`${root}.quotas.routeEntriesPerTable`, t.quotas.routeEntriesPerTable, 1, 100000);

  (t.offices ?? []).forEach((o, i) => {
    const p = `${root}.offices[${i}]`;
    checkName(c, `${p}.name`, o.name);
    claim({ kind: "office", spec: o, path: p }, o.name);
    if (!isPublicIpv4(o.publicIp) && !isDocumentationIpv4(o.publicIp)) {
      c.add(
        `${p}.publicIp`,
        o.publicIp,
        "is not a public IPv4 address; allowed: the office gateway's static public unicast IPv4 (not private, CGNAT, loopback or reserved), or an RFC 5737 placeholder (203.0.113.x) until you know it",
      );
    }
    checkAsn(c, `${p}.asn`, o.asn);
    networkCidrs.set(o.name, ownCidrs(c, p, o.cidrs));
  });

  (t.idcs ?? []).forEach((d, i) => {
    const p = `${root}.idcs[${i}]`;
    checkName(c, `${p}.name`, d.name);
    claim({ kind: "idc", spec: d, path: p }, d.name);
    if (!accounts.has(d.account)) c.add(`${p}.account`, d.account, `names no account; allowed: ${list([...accounts.keys()])}`);
    checkRegion(c, `${p}.region`, d.region);
    networkCidrs.set(d.name, ownCidrs(c, p, d.cidrs));
    const l = d.leasedLine;
    if (l.accessPointId === undefined) {
      if (l.create)
        c.add(
          `${p}.leasedLine.accessPointId`,
          undefined,
          "is required to order a line (`create`); allowed: an access point ID such as ap-cn-beijing-ft-A",
        );
    } else if (LOWER_SITE_LETTER.test(l.accessPointId)) {
      const fixed = l.accessPointId.replace(LOWER_SITE_LETTER, (m) => m.toUpperCase());
      c.add(
        `${p}.leasedLine.accessPointId`,
        l.accessPointId,
        `ends in a lower-case site letter, but the API spells access points with an upper-case one and Read writes that back (a ForceNew change on every plan); allowed: ${fixed}`,
      );
    } else if (!ACCESS_POINT_PATTERN.test(l.accessPointId)) {
      c.add(
        `${p}.leasedLine.accessPointId`,
        l.accessPointId,
        "is not an access point ID; allowed: ap-<region>-<site>-<letter>, e.g. ap-cn-beijing-ft-A, or leave it out to read it from the installed line",
      );
    }
    if ((l.physicalConnectionId === undefined) === (l.create === undefined)) {
      c.add(
        `${p}.leasedLine`,
        { physicalConnectionId: l.physicalConnectionId, create: l.create ? "{...}" : undefined },
        "needs exactly one of `physicalConnectionId` (an installed line, the usual case) or `create` (order a new line)",
      );
    }
    if (l.physicalConnectionId !== undefined && !PHYSICAL_CONNECTION_PATTERN.test(l.physicalConnectionId)) {
      c.add(`${p}.leasedLine.physicalConnectionId`, l.physicalConnectionId, "is not a physical connection ID; allowed: pc-<id>");
    }
    if (l.create) c.int(`${p}.leasedLine.create.bandwidth`, l.create.bandwidth, 1, 100000, " Mbit/s");
    const b = d.vbr;
    const bp = `${p}.vbr`;
    c.int(`${bp}.vlanId`, b.vlanId, 0, 2999);
    c.int(`${bp}.bandwidth`, b.bandwidth, 1, 100000, " Mbit/s");
    c.int(`${bp}.detectMultiplier`, b.detectMultiplier, 3, 10);
    c.int(`${bp}.minRxInterval`, b.minRxInterval, 200, 1000, " ms");
    c.int(`${bp}.minTxInterval`, b.minTxInterval, 200, 1000, " ms");
    const prefix = maskPrefix(b.peeringSubnetMask);
    if (prefix === undefined || prefix < 24 || prefix > 30) {
      c.add(
        `${bp}.peeringSubnetMask`,
        b.peeringSubnetMask,
        "is not a peering subnet mask; allowed: a dotted mask from 255.255.255.0 to 255.255.255.252",
      );
    }
    const localOk = isIpv4(b.localGatewayIp);
    const peerOk = isIpv4(b.peerGatewayIp);
    if (!localOk) c.add(`${bp}.localGatewayIp`, b.localGatewayIp, "is not an IPv4 address");
    if (!peerOk) c.add(`${bp}.peerGatewayIp`, b.peerGatewayIp, "is not an IPv4 address");
    if (localOk && peerOk) {
      if (b.localGatewayIp === b.peerGatewayIp) {
        c.add(`${bp}.peerGatewayIp`, b.peerGatewayIp, "equals localGatewayIp; allowed: two different addresses of the peering subnet");
      } else if (prefix !== undefined && prefix >= 24 && prefix <= 30) {
        const net = networkOf(b.localGatewayIp, prefix);
        const peerNet = networkOf(b.peerGatewayIp, prefix);
        if (net.text !== peerNet.text) {
          c.add(
            `${bp}.peerGatewayIp`,
            b.peerGatewayIp,
            `is outside the peering subnet ${net.text} of localGatewayIp ${b.localGatewayIp} (mask ${b.peeringSubnetMask}); allowed: an address in ${net.text}`,
          );
        }
        for (const k of ["localGatewayIp", "peerGatewayIp"] as const) {
          if (b[k] === net.address.toString() || b[k] === broadcastOf(net)) {
            c.add(
              `${bp}.${k}`,
              b[k],
              `is the network or broadcast address of the peering subnet ${net.text}; allowed: a host address in it`,
            );
          }
        }
      }
    }
    if (d.bgp) {
      checkAsn(c, `${p}.bgp.peerAsn`, d.bgp.peerAsn);
      if (d.bgp.localAsn !== undefined) c.int(`${p}.bgp.localAsn`, d.bgp.localAsn, 1, 4294967295);
      if (d.bgp.bfdMultiHop !== undefined) c.int(`${p}.bgp.bfdMultiHop`, d.bgp.bfdMultiHop, 1, 255);
    }
  });

  // ---- links
  const linkNames = new Map<string, number>();
  const vpcOf = (name: string) => {
    const n = networks.get(name);
    return n?.kind === "vpc" ? n.spec : undefined;
  };
  const accountUid = (name: string) => t.accounts.find((a) => a.name === name);
  const needKind = (path: string, name: string, kind: Network["kind"]) => {
    const n = networks.get(name);
    if (!n || n.kind !== kind) {
      const allowed = [...networks.values()].filter((x) => x.kind === kind).map((x) => x.spec.name);
      c.add(
        path,
        name,
        `names no ${kind}${n ? ` (${name} is ${n.kind === "office" ? "an" : "a"} ${n.kind})` : ""}; allowed: ${list(allowed)}`,
      );
      return false;
    }
    return true;
  };
  /** `value` is the link field at `path` (the remote network's name), echoed as given. */
  const needPeerAccount = (path: string, value: string, local: string, remote: string) => {
    if (local === remote) return;
    const acc = accountUid(remote);
    if (acc && acc.uid === undefined && !acc.resolveUidAtPlan) {
      c.add(
        path,
        value,
        `is a cross-account link but account ${remote} has no \`uid\`; allowed: set accounts[].uid, or resolveUidAtPlan: true to read it through that account's provider`,
      );
    }
  };
  const edges: [string, string][] = [];
  const hubs = new Set<string>();

  t.links.forEach((l: LinkSpec, i) => {
    const p = `${root}.links[${i}]`;
    checkName(c, `${p}.name`, l.name);
    if (linkNames.has(l.name)) c.add(`${p}.name`, l.name, `duplicates links[${linkNames.get(l.name)}]; allowed: unique link names`);
    else linkNames.set(l.name, i);
    switch (l.kind) {
      case "peering": {
        // both ends are checked (no short-circuit), so two bad names give two issues
        const ok = [needKind(`${p}.requester`, l.requester, "vpc"), needKind(`${p}.acceptor`, l.acceptor, "vpc")].every(Boolean);
        if (l.requester === l.acceptor) c.add(`${p}.acceptor`, l.acceptor, "is the requester itself; allowed: another VPC");
        if (!ok) break;
        const a = vpcOf(l.requester)!;
        const b = vpcOf(l.acceptor)!;
        const crossRegion = a.region !== b.region;
        if (!crossRegion && l.bandwidth !== undefined) {
          c.add(
            `${p}.bandwidth`,
            l.bandwidth,
            `is set on a same-region peering (${a.region}); allowed: no bandwidth (same-region peering is free and unmetered)`,
          );
        } else c.int(`${p}.bandwidth`, l.bandwidth, 1, 1024, " Mbit/s");
        if (!crossRegion && l.linkType !== undefined)
          c.add(`${p}.linkType`, l.linkType, "is set on a same-region peering; allowed: only on cross-region peering");
        needPeerAccount(`${p}.acceptor`, l.acceptor, a.account, b.account);
        edges.push([l.requester, l.acceptor]);
        break;
      }
      case "router-interface": {
        const ok = [needKind(`${p}.from`, l.from, "vpc"), needKind(`${p}.to`, l.to, "vpc")].every(Boolean);
        if (l.from === l.to) c.add(`${p}.to`, l.to, "is the initiating VPC itself; allowed: another VPC");
        if (!ok) break;
        needPeerAccount(`${p}.to`, l.to, vpcOf(l.from)!.account, vpcOf(l.to)!.account);
        edges.push([l.from, l.to]);
        break;
      }
      case "vbr": {
        const ok = [needKind(`${p}.idc`, l.idc, "idc"), needKind(`${p}.vpc`, l.vpc, "vpc")].every(Boolean);
        if (!ok) break;
        const idc = (networks.get(l.idc) as Extract<Network, { kind: "idc" }>).spec;
        needPeerAccount(`${p}.vpc`, l.vpc, idc.account, vpcOf(l.vpc)!.account);
        if (l.healthCheck) {
          const h = l.healthCheck;
          if (!isIpv4(h.sourceIp)) c.add(`${p}.healthCheck.sourceIp`, h.sourceIp, "is not an IPv4 address");
          if (!isIpv4(h.targetIp)) c.add(`${p}.healthCheck.targetIp`, h.targetIp, "is not an IPv4 address");
          if (h.sourceIp === h.targetIp)
            c.add(`${p}.healthCheck.targetIp`, h.targetIp, "equals sourceIp; allowed: an IDC address other than the probe source");
          c.int(`${p}.healthCheck.rateMs`, h.rateMs, 1000, 3000, " ms");
          c.int(`${p}.healthCheck.threshold`, h.threshold, 3, 8);
        }
        edges.push([l.idc, l.vpc]);
        break;
      }
      case "vpn": {
        const ok = [needKind(`${p}.office`, l.office, "office"), needKind(`${p}.vpc`, l.vpc, "vpc")].every(Boolean);
        if (ok && !vpcOf(l.vpc)!.vpnGateway) {
          c.add(
            `${p}.vpc`,
            l.vpc,
            `has no vpnGateway; allowed: a VPC with \`vpnGateway\` set (${list(t.vpcs.filter((v) => v.vpnGateway).map((v) => v.name))})`,
          );
        }
        if (l.ipsec) checkIpsec(c, `${p}.ipsec`, l.ipsec);
        if (ok && l.healthCheck) {
          const h = l.healthCheck;
          const hp = `${p}.healthCheck`;
          const vpcBlock = networkCidrs.get(l.vpc)?.[0]?.cidr;
          const officeBlocks = networkCidrs.get(l.office) ?? [];
          if (!isIpv4(h.sourceIp) || (vpcBlock && !containsIp(vpcBlock, h.sourceIp))) {
            c.add(
              `${hp}.sourceIp`,
              h.sourceIp,
              `is not an address of VPC ${l.vpc}; allowed: an unused IPv4 address in ${vpcBlock?.text ?? "the VPC"}`,
            );
          }
          if (!isIpv4(h.destinationIp) || !officeBlocks.some((o) => containsIp(o.cidr, h.destinationIp))) {
            c.add(
              `${hp}.destinationIp`,
              h.destinationIp,
              `is not an address of office ${l.office}; allowed: an IPv4 address in ${officeBlocks.map((o) => o.cidr.text).join(", ") || "its CIDRs"}`,
            );
          }
          c.int(`${hp}.interval`, h.interval, 1, 60, " s");
          c.int(`${hp}.retry`, h.retry, 1, 100);
        }
        if (ok) edges.push([l.office, l.vpc]);
        break;
      }
      case "shared-nat": {
        // flat: an unknown hub skips only the checks that need the hub VPC itself
        const hub = needKind(`${p}.hub`, l.hub, "vpc") ? vpcOf(l.hub)! : undefined;
        if (hub && hubs.has(l.hub)) c.add(`${p}.hub`, l.hub, "already has a shared NAT; allowed: one shared-nat per hub VPC");
        hubs.add(l.hub);
        if (hub && !hub.vswitches.some((s) => s.name === l.vswitch)) {
          c.add(`${p}.vswitch`, l.vswitch, `names no vSwitch of VPC ${l.hub}; allowed: ${list(hub.vswitches.map((s) => s.name))}`);
        }
        c.int(`${p}.eipBandwidth`, l.eipBandwidth, 1, 500, " Mbit/s");
        l.spokes.forEach((s, j) => {
          const sp = `${p}.spokes[${j}]`;
          if (!needKind(sp, s, "vpc")) return;
          if (s === l.hub) c.add(sp, s, "is the hub itself; allowed: another VPC");
          else if (l.spokes.indexOf(s) !== j) c.add(sp, s, "is listed twice; allowed: each spoke once");
          else if (hub && !t.links.some((o) => isVpcLinkBetween(o, s, l.hub))) {
            c.add(sp, s, `has no peering or router-interface link to hub ${l.hub}; allowed: a spoke linked directly to the hub`);
          }
        });
        if (l.spokes.length === 0) c.add(`${p}.spokes`, [], "is empty; allowed: at least one spoke VPC");
        break;
      }
    }
  });

  // ---- overlaps between any two networks that exchange routes (same connected component)
  const component = components([...networks.keys()], edges);
  const names = [...networkCidrs.keys()];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i]!;
      const b = names[j]!;
      if (component.get(a) !== component.get(b)) continue;
      for (const x of networkCidrs.get(a)!) {
        for (const y of networkCidrs.get(b)!) {
          if (overlaps(x.cidr, y.cidr)) {
            c.add(
              y.path,
              y.cidr.text,
              `overlaps ${x.path} (${x.cidr.text}) of ${a}, and ${a} and ${b} exchange routes; allowed: non-overlapping address ranges for connected networks`,
            );
          }
        }
      }
    }
  }
  // API string limits, secrets by value, derived identifiers; then (only on an
  // otherwise valid topology) the planner's tables, so constructs never see a collision
  c.issues.push(...tagLimitIssues(t, root), ...secretValueIssues(t, root), ...identifierIssues(t, root));
  if (c.issues.length === 0) c.issues.push(...routeTableIssues(t, root));
  return c.issues;
}

/** Throws a {@link TopologyError} listing every problem. */
export function assertValidTopology(t: Topology): void {
  const issues = validateTopology(t);
  if (issues.length > 0) throw new TopologyError(t.name, issues);
}

function isVpcLinkBetween(l: LinkSpec, a: string, b: string): boolean {
  if (l.kind === "peering") return (l.requester === a && l.acceptor === b) || (l.requester === b && l.acceptor === a);
  if (l.kind === "router-interface") return (l.from === a && l.to === b) || (l.from === b && l.to === a);
  return false;
}

/** A network's block inside a range the API reserves (quotas.ts, RESERVED_RANGES). */
function checkReserved(c: Collector, path: string, text: string, block: Cidr): void {
  const r = reservedRangeOf(block);
  if (r)
    c.add(
      path,
      text,
      `overlaps ${r.cidr.text}, ${r.what}, which the API refuses (${r.source}); allowed: a block outside ${RESERVED_RANGES.map((x) => x.cidr.text).join(", ")}`,
    );
}

function ownCidrs(c: Collector, p: string, cidrs: readonly string[]): { path: string; cidr: Cidr }[] {
  const out: { path: string; cidr: Cidr }[] = [];
  if (cidrs.length === 0) c.add(`${p}.cidrs`, [], "is empty; allowed: at least one CIDR");
  cidrs.forEach((s, k) => {
    const x = c.cidr(`${p}.cidrs[${k}]`, s, { min: 8, max: 32, what: "a site network" });
    if (!x) return;
    checkReserved(c, `${p}.cidrs[${k}]`, s, x);
    const clash = out.find((o) => overlaps(o.cidr, x));
    if (clash) c.add(`${p}.cidrs[${k}]`, s, `overlaps ${clash.path} (${clash.cidr.text}); allowed: disjoint CIDRs`);
    else out.push({ path: `${p}.cidrs[${k}]`, cidr: x });
  });
  return out;
}

/** `us-east-1a`, `cn-hangzhou-h`: the region plus one letter, or plus `-` and a short suffix. */
function isZoneOf(zone: string, region: string): boolean {
  if (!zone.startsWith(region)) return false;
  return /^([a-z]|-[a-z0-9]{1,4})$/.test(zone.slice(region.length));
}

/** Tag keys that look like secrets: tags are visible to anyone who can list resources. */
function checkTags(c: Collector, path: string, tags: Readonly<Record<string, string>> | undefined): void {
  for (const k of Object.keys(tags ?? {})) {
    if (SECRET_KEY.test(k))
      c.add(
        `${path}${pathKey(k)}`,
        "(redacted)",
        "looks like a secret; tags are readable by anyone who can list resources, so secrets never go in tags (use a sensitive variable)",
      );
  }
}

function checkName(c: Collector, path: string, name: string): void {
  if (!NAME_PATTERN.test(name)) {
    c.add(path, name, "is not a valid name; allowed: 2–40 characters of a-z, 0-9 and '-', starting with a letter, not ending with '-'");
  }
}

function checkRegion(c: Collector, path: string, region: string): void {
  if (!isKnownRegion(region)) {
    const near = KNOWN_REGIONS.filter((r) => r.split("-")[0] === region.split("-")[0]).slice(0, 6);
    c.add(
      path,
      region,
      `is not a region the provider knows; allowed: ${list(near.length ? near : KNOWN_REGIONS.slice(0, 8))}${near.length ? "" : ", ..."}`,
    );
  }
}

function checkAsn(c: Collector, path: string, asn: number | undefined): void {
  if (asn === undefined) return;
  if (!Number.isInteger(asn) || asn < 1 || asn > 4294967295) c.add(path, asn, "is not a BGP ASN; allowed: an integer 1–4294967295");
  else if (asn === ALIBABA_ASN) c.add(path, asn, `is Alibaba Cloud's own ASN; allowed: any other ASN, e.g. a private one 64512–65534`);
}

function checkIpsec(c: Collector, path: string, p: IpsecPolicy): void {
  c.int(`${path}.ikeLifetime`, p.ikeLifetime, 0, 86400, " s");
  c.int(`${path}.ipsecLifetime`, p.ipsecLifetime, 0, 86400, " s");
  for (const [key, v] of weakCryptoSettings(p)) {
    c.add(
      `${path}.${key}`,
      v,
      `is below the crypto floor; allowed: aes/aes192/aes256, sha256/sha384/sha512, group5/group14 (or list "${v}" in allowWeakCrypto for a legacy device)`,
    );
  }
  (p.allowWeakCrypto ?? []).forEach((w, i) => {
    if (!WEAK_CRYPTO.includes(w)) c.add(`${path}.allowWeakCrypto[${i}]`, w, `is not a weak algorithm; allowed: ${WEAK_CRYPTO.join(", ")}`);
  });
}

function components(nodes: readonly string[], edges: readonly [string, string][]): Map<string, string> {
  const parent = new Map(nodes.map((n) => [n, n]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const [a, b] of edges) if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
  return new Map(nodes.map((n) => [n, find(n)]));
}

function list(xs: readonly string[]): string {
  return xs.length === 0 ? "(none defined)" : xs.join(", ");
}

/**
 * Dual-tunnel rules of CreateVpnGateway (facts and sources in ./vpn-capabilities.ts): in a
 * dual-tunnel region a new gateway needs a second vSwitch, in another dual-tunnel zone
 * unless the region has only one; elsewhere a second vSwitch is refused.
 */
function checkVpnGatewayTunnels(
  c: Collector,
  gp: string,
  v: VpcSpec,
  g: VpnGatewaySpec,
  main: { name: string; zone: string } | undefined,
  vsw: readonly { name: string; zone: string }[],
): void {
  const region = v.region;
  const src = "(VPN Gateway docs: IPsec-VPN connections support the dual-tunnel mode)";
  const zones = dualTunnelZones(region);
  const dr = g.disasterRecoveryVswitch === undefined ? undefined : vsw.find((s) => s.name === g.disasterRecoveryVswitch);
  if (g.disasterRecoveryVswitch !== undefined && !dr) {
    c.add(
      `${gp}.disasterRecoveryVswitch`,
      g.disasterRecoveryVswitch,
      `names no vSwitch of VPC ${v.name}; allowed: ${list(vsw.map((s) => s.name))}`,
    );
    return;
  }
  if (!isKnownRegion(region)) return; // reported on the region itself
  if (!supportsDualTunnelVpn(region)) {
    if (dr)
      c.add(
        `${gp}.disasterRecoveryVswitch`,
        g.disasterRecoveryVswitch,
        `is set, but VPN gateways in ${region} are single-tunnel only ${src}; allowed: remove it`,
      );
    return;
  }
  if (!dr) {
    const other = vsw.filter((s) => s.name !== main?.name && s.zone !== main?.zone && (!zones || zones.includes(s.zone)));
    c.add(
      `${gp}.disasterRecoveryVswitch`,
      undefined,
      `is required: new VPN gateways in ${region} are dual-tunnel and CreateVpnGateway needs DisasterRecoveryVSwitchId ${src}; ` +
        `allowed: a vSwitch in another zone${other.length ? ` (${list(other.map((s) => s.name))})` : ", add one"}`,
    );
    return;
  }
  for (const [key, s] of [
    ["vswitch", main],
    ["disasterRecoveryVswitch", dr],
  ] as const) {
    if (s && zones && !zones.includes(s.zone)) {
      c.add(
        `${gp}.${key}`,
        s.name,
        `is in zone ${s.zone}, which has no dual-tunnel VPN support ${src}; allowed: a vSwitch in ${list([...zones])}`,
      );
    }
  }
  const singleZone = zones !== undefined && zones.length === 1;
  if (main && dr.zone === main.zone && !singleZone) {
    c.add(
      `${gp}.disasterRecoveryVswitch`,
      g.disasterRecoveryVswitch,
      `is in the same zone (${dr.zone}) as ${g.vswitch}; allowed: a vSwitch in another zone ${src}`,
    );
  }
}
