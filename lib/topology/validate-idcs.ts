/** Validation of IDCs: the leased line, the VBR on it, and BGP. */
import { broadcastOf, isIpv4, maskPrefix, networkOf } from "./cidr";
import { BgpSpec, IdcSpec, LeasedLineSpec, VbrSpec } from "./types";
import { checkAsn, checkName, checkRegion, Collector, ownCidrs, ValidationContext } from "./validate-common";

/** DescribeAccessPoints: `ap-<region>-<site>-<LETTER>`, e.g. ap-cn-hangzhou-yh-C (partners alike). */
const ACCESS_POINT_PATTERN = /^ap-[a-z0-9]+(-[a-z0-9]+)*(-[A-Z])?$/;
const LOWER_SITE_LETTER = /-[a-z]$/;
const PHYSICAL_CONNECTION_PATTERN = /^pc-[a-z0-9]+$/;

export function checkIdcs(x: ValidationContext): void {
  (x.t.idcs ?? []).forEach((d: IdcSpec, i) => {
    const { c } = x;
    const p = `${x.root}.idcs[${i}]`;
    checkName(c, `${p}.name`, d.name);
    x.claim({ kind: "idc", spec: d, path: p }, d.name);
    x.needAccount(`${p}.account`, d.account);
    checkRegion(c, `${p}.region`, d.region);
    x.networkCidrs.set(d.name, ownCidrs(c, p, d.cidrs));
    checkLine(c, p, d);
    checkAdditionalLines(c, p, d);
  });
}

/** One line's fields: the leased line, its VBR and its BGP session. */
function checkLine(c: Collector, p: string, l: { leasedLine: LeasedLineSpec; vbr: VbrSpec; bgp?: BgpSpec }): void {
  checkLeasedLine(c, `${p}.leasedLine`, l.leasedLine);
  checkVbr(c, `${p}.vbr`, l.vbr);
  if (l.bgp) {
    checkAsn(c, `${p}.bgp.peerAsn`, l.bgp.peerAsn);
    if (l.bgp.localAsn !== undefined) c.int(`${p}.bgp.localAsn`, l.bgp.localAsn, 1, 4294967295);
    if (l.bgp.bfdMultiHop !== undefined) c.int(`${p}.bgp.bfdMultiHop`, l.bgp.bfdMultiHop, 1, 255);
  }
}

/**
 * Further lines: each checked like the first, named uniquely within the IDC, and on a
 * physical connection of its own (two VBRs on one connection fail together, so a second
 * line there protects against nothing: a physical connection carries its VBRs as VLANs,
 * provider alicloud/resource_alicloud_express_connect_virtual_border_router.go:92
 * `physical_connection_id`).
 */
function checkAdditionalLines(c: Collector, p: string, d: IdcSpec): void {
  const names = new Map<string, string>([[d.name, `${p}.name`]]);
  const connections = new Map<string, string>();
  if (d.leasedLine.physicalConnectionId) connections.set(d.leasedLine.physicalConnectionId, `${p}.leasedLine`);
  (d.additionalLines ?? []).forEach((l, j) => {
    const lp = `${p}.additionalLines[${j}]`;
    checkName(c, `${lp}.name`, l.name);
    const prev = names.get(l.name);
    if (prev !== undefined) {
      c.add(
        `${lp}.name`,
        l.name,
        `is also ${prev}; allowed: line names unique within IDC ${d.name} and not the IDC's own name (its first line)`,
      );
    } else names.set(l.name, `${lp}.name`);
    checkLine(c, lp, l);
    const pc = l.leasedLine.physicalConnectionId;
    if (pc === undefined) return;
    const prevPc = connections.get(pc);
    if (prevPc !== undefined) {
      c.add(
        `${lp}.leasedLine.physicalConnectionId`,
        pc,
        `is also the physical connection of ${prevPc}, so both lines fail together (a VBR is a VLAN on its physical connection, provider alicloud/resource_alicloud_express_connect_virtual_border_router.go:92 \`physical_connection_id\`); allowed: another installed line, ideally at another access point`,
      );
    } else connections.set(pc, `${lp}.leasedLine`);
  });
}

function checkLeasedLine(c: Collector, lp: string, l: LeasedLineSpec): void {
  checkAccessPoint(c, `${lp}.accessPointId`, l);
  if ((l.physicalConnectionId === undefined) === (l.create === undefined)) {
    c.add(
      lp,
      { physicalConnectionId: l.physicalConnectionId, create: l.create ? "{...}" : undefined },
      "needs exactly one of `physicalConnectionId` (an installed line, the usual case) or `create` (order a new line)",
    );
  }
  if (l.physicalConnectionId !== undefined && !PHYSICAL_CONNECTION_PATTERN.test(l.physicalConnectionId)) {
    c.add(`${lp}.physicalConnectionId`, l.physicalConnectionId, "is not a physical connection ID; allowed: pc-<id>");
  }
  if (l.create) c.int(`${lp}.create.bandwidth`, l.create.bandwidth, 1, 100000, " Mbit/s");
}

function checkAccessPoint(c: Collector, ap: string, l: LeasedLineSpec): void {
  if (l.accessPointId === undefined) {
    if (l.create) c.add(ap, undefined, "is required to order a line (`create`); allowed: an access point ID such as ap-cn-beijing-ft-A");
  } else if (LOWER_SITE_LETTER.test(l.accessPointId)) {
    const fixed = l.accessPointId.replace(LOWER_SITE_LETTER, (m) => m.toUpperCase());
    c.add(
      ap,
      l.accessPointId,
      `ends in a lower-case site letter, but the API spells access points with an upper-case one and Read writes that back (a ForceNew change on every plan); allowed: ${fixed}`,
    );
  } else if (!ACCESS_POINT_PATTERN.test(l.accessPointId)) {
    c.add(
      ap,
      l.accessPointId,
      "is not an access point ID; allowed: ap-<region>-<site>-<letter>, e.g. ap-cn-beijing-ft-A, or leave it out to read it from the installed line",
    );
  }
}

function checkVbr(c: Collector, bp: string, b: VbrSpec): void {
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
  if (!localOk || !peerOk) return;
  if (b.localGatewayIp === b.peerGatewayIp) {
    c.add(`${bp}.peerGatewayIp`, b.peerGatewayIp, "equals localGatewayIp; allowed: two different addresses of the peering subnet");
  } else if (prefix !== undefined && prefix >= 24 && prefix <= 30) {
    checkPeeringSubnet(c, bp, b, prefix);
  }
}

/** Both gateway addresses are hosts of one peering subnet. */
function checkPeeringSubnet(c: Collector, bp: string, b: VbrSpec, prefix: number): void {
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
      c.add(`${bp}.${k}`, b[k], `is the network or broadcast address of the peering subnet ${net.text}; allowed: a host address in it`);
    }
  }
}
