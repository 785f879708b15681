/**
 * Validation of the accounts and the networks themselves: VPCs (vSwitches, VPN gateway,
 * flow log) and offices. IDCs are in `validate-idcs.ts`, links in `validate-links.ts`.
 */
import { Cidr, contains, isDocumentationIpv4, isPublicIpv4, overlaps } from "./cidr";
import { isKnownRegion } from "./regions";
import { AccountSpec, OfficeSpec, VpcSpec, VpnGatewaySpec } from "./types";
import {
  checkAsn,
  checkName,
  checkRegion,
  checkReserved,
  checkTags,
  Collector,
  list,
  ownCidrs,
  ValidationContext,
} from "./validate-common";
import { dualTunnelZones, supportsDualTunnelVpn } from "./vpn-capabilities";
import { allowedZones, isZoneOf } from "./zones";

export const VPN_GATEWAY_BANDWIDTHS: readonly number[] = [5, 10, 20, 50, 100, 200, 500, 1000];
const UID_PATTERN = /^\d{6,20}$/;
const ROLE_ARN_PATTERN = /^acs:ram::\d{6,20}:role\/[A-Za-z0-9.@_+=,-]{1,64}$/;
/** SLS project names (Simple Log Service API reference, CreateProject / `create_project`: 3–63 characters, lowercase letters, digits and hyphens, starting and ending with a letter or digit). */
const SLS_PROJECT_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

type VswitchSeen = { readonly name: string; readonly cidr?: Cidr; readonly path: string; readonly zone: string };

export function checkAccounts(x: ValidationContext): void {
  const { c, root } = x;
  x.t.accounts.forEach((a: AccountSpec, i) => {
    const p = `${root}.accounts[${i}]`;
    checkName(c, `${p}.name`, a.name);
    if (x.accounts.has(a.name)) c.add(`${p}.name`, a.name, `duplicates accounts[${x.accounts.get(a.name)}]; allowed: unique account names`);
    else x.accounts.set(a.name, i);
    if (a.uid !== undefined && !UID_PATTERN.test(a.uid)) c.add(`${p}.uid`, a.uid, "is not an account UID; allowed: 6–20 digits");
    const arn = a.credentials?.roleArn;
    if (arn !== undefined && !ROLE_ARN_PATTERN.test(arn)) {
      c.add(`${p}.credentials.roleArn`, arn, "is not a RAM role ARN; allowed: acs:ram::<uid>:role/<name>");
    }
  });
  if (x.t.accounts.length === 0) c.add(`${root}.accounts`, [], "is empty; allowed: at least one account");
}

export function checkVpcs(x: ValidationContext): void {
  x.t.vpcs.forEach((v, i) => checkVpc(x, v, i));
  if (x.t.vpcs.length === 0) x.c.add(`${x.root}.vpcs`, [], "is empty; allowed: at least one VPC");
  const q = x.t.quotas?.routeEntriesPerTable;
  if (q !== undefined) x.c.int(`${x.root}.quotas.routeEntriesPerTable`, q, 1, 100000);
}

function checkVpc(x: ValidationContext, v: VpcSpec, i: number): void {
  const { c } = x;
  const p = `${x.root}.vpcs[${i}]`;
  checkName(c, `${p}.name`, v.name);
  x.claim({ kind: "vpc", spec: v, path: p }, v.name);
  x.needAccount(`${p}.account`, v.account);
  checkRegion(c, `${p}.region`, v.region);
  checkTags(c, `${p}.tags`, v.tags);
  const vc = c.cidr(`${p}.cidr`, v.cidr, { min: 8, max: 28, what: "a VPC" });
  if (vc) checkReserved(c, `${p}.cidr`, v.cidr, vc);
  if (vc) x.networkCidrs.set(v.name, [{ path: `${p}.cidr`, cidr: vc }]);
  const vsw = checkVswitches(c, p, v, vc);
  if (v.vpnGateway) checkVpnGateway(c, `${p}.vpnGateway`, v, v.vpnGateway, vsw);
  if (v.flowLog) checkFlowLog(x, `${p}.flowLog`, v, i);
}

function checkVswitches(c: Collector, p: string, v: VpcSpec, vc: Cidr | undefined): VswitchSeen[] {
  const vsw: VswitchSeen[] = [];
  v.vswitches.forEach((s, j) => {
    const sp = `${p}.vswitches[${j}]`;
    checkName(c, `${sp}.name`, s.name);
    const dup = vsw.findIndex((o) => o.name === s.name);
    if (dup >= 0) c.add(`${sp}.name`, s.name, `duplicates ${p}.vswitches[${dup}]; allowed: vSwitch names unique within a VPC`);
    if (isKnownRegion(v.region) && !isZoneOf(s.zone, v.region))
      c.add(`${sp}.zone`, s.zone, `does not exist in region ${v.region}; allowed: ${allowedZones(v.region)}`);
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
  return vsw;
}

function checkVpnGateway(c: Collector, gp: string, v: VpcSpec, g: VpnGatewaySpec, vsw: readonly VswitchSeen[]): void {
  if (!VPN_GATEWAY_BANDWIDTHS.includes(g.bandwidth)) {
    c.add(`${gp}.bandwidth`, g.bandwidth, `is not a VPN gateway bandwidth; allowed: ${VPN_GATEWAY_BANDWIDTHS.join(", ")} Mbit/s`);
  }
  const main = vsw.find((s) => s.name === g.vswitch);
  if (!main) c.add(`${gp}.vswitch`, g.vswitch, `names no vSwitch of VPC ${v.name}; allowed: ${list(vsw.map((s) => s.name))}`);
  checkVpnGatewayTunnels(c, gp, v, g, main, vsw);
}

function checkFlowLog(x: ValidationContext, fp: string, v: VpcSpec, i: number): void {
  const project = v.flowLog!.slsProject;
  if (!SLS_PROJECT_PATTERN.test(project)) {
    x.c.add(
      `${fp}.slsProject`,
      project,
      "is not an SLS project name; allowed: 3–63 lowercase letters, digits and hyphens, starting and ending with a letter or digit",
    );
  }
  const dup = x.t.vpcs.findIndex((o) => o.flowLog?.slsProject === project);
  if (dup < i)
    x.c.add(
      `${fp}.slsProject`,
      project,
      `is also ${x.root}.vpcs[${dup}].flowLog.slsProject; allowed: one project per VPC (the stack creates each)`,
    );
  x.c.int(`${fp}.retentionDays`, v.flowLog!.retentionDays, 1, 3650, " days");
}

export function checkOffices(x: ValidationContext): void {
  const { c } = x;
  (x.t.offices ?? []).forEach((o: OfficeSpec, i) => {
    const p = `${x.root}.offices[${i}]`;
    checkName(c, `${p}.name`, o.name);
    x.claim({ kind: "office", spec: o, path: p }, o.name);
    if (!isPublicIpv4(o.publicIp) && !isDocumentationIpv4(o.publicIp)) {
      c.add(
        `${p}.publicIp`,
        o.publicIp,
        "is not a public IPv4 address; allowed: the office gateway's static public unicast IPv4 (not private, CGNAT, loopback or reserved), or an RFC 5737 placeholder (203.0.113.x) until you know it",
      );
    }
    checkAsn(c, `${p}.asn`, o.asn);
    x.networkCidrs.set(o.name, ownCidrs(c, p, o.cidrs));
  });
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
  main: VswitchSeen | undefined,
  vsw: readonly VswitchSeen[],
): void {
  const region = v.region;
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
        `is set, but VPN gateways in ${region} are single-tunnel only ${DUAL_TUNNEL_SOURCE}; allowed: remove it`,
      );
    return;
  }
  if (!dr) {
    const other = vsw.filter((s) => s.name !== main?.name && s.zone !== main?.zone && (!zones || zones.includes(s.zone)));
    c.add(
      `${gp}.disasterRecoveryVswitch`,
      undefined,
      `is required: new VPN gateways in ${region} are dual-tunnel and CreateVpnGateway needs DisasterRecoveryVSwitchId ${DUAL_TUNNEL_SOURCE}; ` +
        `allowed: a vSwitch in another zone${other.length ? ` (${list(other.map((s) => s.name))})` : ", add one"}`,
    );
    return;
  }
  checkDualTunnelZones(c, gp, region, g, zones, main, dr);
}

const DUAL_TUNNEL_SOURCE = "(VPN Gateway docs: IPsec-VPN connections support the dual-tunnel mode)";

/** Both tunnel vSwitches in dual-tunnel zones, and in two zones unless the region has one. */
function checkDualTunnelZones(
  c: Collector,
  gp: string,
  region: string,
  g: VpnGatewaySpec,
  zones: readonly string[] | undefined,
  main: VswitchSeen | undefined,
  dr: VswitchSeen,
): void {
  for (const [key, s] of [
    ["vswitch", main],
    ["disasterRecoveryVswitch", dr],
  ] as const) {
    // a zone that does not exist in the region is reported on the vSwitch's zone itself
    if (s && zones && !zones.includes(s.zone) && isZoneOf(s.zone, region)) {
      c.add(
        `${gp}.${key}`,
        s.name,
        `is in zone ${s.zone}, which has no dual-tunnel VPN support ${DUAL_TUNNEL_SOURCE}; allowed: a vSwitch in ${list([...zones])}`,
      );
    }
  }
  const singleZone = zones !== undefined && zones.length === 1;
  if (main && dr.zone === main.zone && !singleZone) {
    c.add(
      `${gp}.disasterRecoveryVswitch`,
      g.disasterRecoveryVswitch,
      `is in the same zone (${dr.zone}) as ${g.vswitch}; allowed: a vSwitch in another zone ${DUAL_TUNNEL_SOURCE}`,
    );
  }
}
