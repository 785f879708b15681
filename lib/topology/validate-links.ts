/**
 * Validation of links, one function per link kind, and of what links imply: networks
 * that exchange routes may not overlap.
 */
import { assertNever } from "../private/assert-never";
import { containsIp, isIpv4, overlaps } from "./cidr";
import { IpsecPolicy, WEAK_CRYPTO, weakCryptoSettings } from "./ipsec";
import { LinkSpec, PeeringLinkSpec, RouterInterfaceLinkSpec, SharedNatSpec, VbrLinkSpec, VpnLinkSpec } from "./types";
import { checkName, Collector, list, Network, ValidationContext } from "./validate-common";
import { checkTransitRouterLink } from "./validate-transit-router";

/** Link checks with what they need: the run's context and the link's path. */
class LinkChecks {
  private readonly names = new Map<string, number>();
  private readonly hubs = new Set<string>();
  /** Path of the first transit-router link. */
  private transitRouter?: string;

  constructor(private readonly x: ValidationContext) {}

  check(l: LinkSpec, i: number): void {
    const { c } = this.x;
    const p = `${this.x.root}.links[${i}]`;
    checkName(c, `${p}.name`, l.name);
    if (this.names.has(l.name)) c.add(`${p}.name`, l.name, `duplicates links[${this.names.get(l.name)}]; allowed: unique link names`);
    else this.names.set(l.name, i);
    switch (l.kind) {
      case "peering":
        return this.peering(p, l);
      case "router-interface":
        return this.routerInterface(p, l);
      case "vbr":
        return this.vbr(p, l);
      case "vpn":
        return this.vpn(p, l);
      case "shared-nat":
        return this.sharedNat(p, l);
      case "transit-router":
        checkTransitRouterLink(this.x, p, l, (path, name, kind) => this.needKind(path, name, kind), this.transitRouter);
        this.transitRouter ??= `${this.x.root}.links[${i}]`;
        return;
      default:
        return assertNever(l, "link kind");
    }
  }

  private peering(p: string, l: PeeringLinkSpec): void {
    const { c } = this.x;
    // both ends are checked (no short-circuit), so two bad names give two issues
    const ok = [this.needKind(`${p}.requester`, l.requester, "vpc"), this.needKind(`${p}.acceptor`, l.acceptor, "vpc")].every(Boolean);
    if (l.requester === l.acceptor) c.add(`${p}.acceptor`, l.acceptor, "is the requester itself; allowed: another VPC");
    if (!ok) return;
    const a = this.vpcOf(l.requester)!;
    const b = this.vpcOf(l.acceptor)!;
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
    this.needPeerAccount(`${p}.acceptor`, l.acceptor, a.account, b.account);
    this.x.edges.push([l.requester, l.acceptor]);
  }

  private routerInterface(p: string, l: RouterInterfaceLinkSpec): void {
    const ok = [this.needKind(`${p}.from`, l.from, "vpc"), this.needKind(`${p}.to`, l.to, "vpc")].every(Boolean);
    if (l.from === l.to) this.x.c.add(`${p}.to`, l.to, "is the initiating VPC itself; allowed: another VPC");
    if (!ok) return;
    this.needPeerAccount(`${p}.to`, l.to, this.vpcOf(l.from)!.account, this.vpcOf(l.to)!.account);
    this.x.edges.push([l.from, l.to]);
  }

  private vbr(p: string, l: VbrLinkSpec): void {
    const { c } = this.x;
    const ok = [this.needKind(`${p}.idc`, l.idc, "idc"), this.needKind(`${p}.vpc`, l.vpc, "vpc")].every(Boolean);
    if (!ok) return;
    const idc = (this.x.networks.get(l.idc) as Extract<Network, { kind: "idc" }>).spec;
    this.needPeerAccount(`${p}.vpc`, l.vpc, idc.account, this.vpcOf(l.vpc)!.account);
    if (l.healthCheck) {
      const h = l.healthCheck;
      if (!isIpv4(h.sourceIp)) c.add(`${p}.healthCheck.sourceIp`, h.sourceIp, "is not an IPv4 address");
      if (!isIpv4(h.targetIp)) c.add(`${p}.healthCheck.targetIp`, h.targetIp, "is not an IPv4 address");
      if (h.sourceIp === h.targetIp)
        c.add(`${p}.healthCheck.targetIp`, h.targetIp, "equals sourceIp; allowed: an IDC address other than the probe source");
      c.int(`${p}.healthCheck.rateMs`, h.rateMs, 1000, 3000, " ms");
      c.int(`${p}.healthCheck.threshold`, h.threshold, 3, 8);
    }
    this.x.edges.push([l.idc, l.vpc]);
  }

  private vpn(p: string, l: VpnLinkSpec): void {
    const { c, t } = this.x;
    const ok = [this.needKind(`${p}.office`, l.office, "office"), this.needKind(`${p}.vpc`, l.vpc, "vpc")].every(Boolean);
    if (ok && !this.vpcOf(l.vpc)!.vpnGateway) {
      c.add(
        `${p}.vpc`,
        l.vpc,
        `has no vpnGateway; allowed: a VPC with \`vpnGateway\` set (${list(t.vpcs.filter((v) => v.vpnGateway).map((v) => v.name))})`,
      );
    }
    if (l.ipsec) checkIpsec(c, `${p}.ipsec`, l.ipsec);
    if (ok && l.healthCheck) this.vpnHealthCheck(`${p}.healthCheck`, l);
    if (ok) this.x.edges.push([l.office, l.vpc]);
  }

  /** The probe runs from an address of the VPC to one of the office. */
  private vpnHealthCheck(hp: string, l: VpnLinkSpec): void {
    const { c } = this.x;
    const h = l.healthCheck!;
    const vpcBlock = this.x.networkCidrs.get(l.vpc)?.[0]?.cidr;
    const officeBlocks = this.x.networkCidrs.get(l.office) ?? [];
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

  private sharedNat(p: string, l: SharedNatSpec): void {
    const { c, t } = this.x;
    // flat: an unknown hub skips only the checks that need the hub VPC itself
    const hub = this.needKind(`${p}.hub`, l.hub, "vpc") ? this.vpcOf(l.hub)! : undefined;
    if (hub && this.hubs.has(l.hub)) c.add(`${p}.hub`, l.hub, "already has a shared NAT; allowed: one shared-nat per hub VPC");
    this.hubs.add(l.hub);
    if (hub && !hub.vswitches.some((s) => s.name === l.vswitch)) {
      c.add(`${p}.vswitch`, l.vswitch, `names no vSwitch of VPC ${l.hub}; allowed: ${list(hub.vswitches.map((s) => s.name))}`);
    }
    c.int(`${p}.eipBandwidth`, l.eipBandwidth, 1, 500, " Mbit/s");
    l.spokes.forEach((s, j) => {
      const sp = `${p}.spokes[${j}]`;
      if (!this.needKind(sp, s, "vpc")) return;
      if (s === l.hub) c.add(sp, s, "is the hub itself; allowed: another VPC");
      else if (l.spokes.indexOf(s) !== j) c.add(sp, s, "is listed twice; allowed: each spoke once");
      else if (hub && !t.links.some((o) => isVpcLinkBetween(o, s, l.hub))) {
        c.add(sp, s, `has no peering or router-interface link to hub ${l.hub}; allowed: a spoke linked directly to the hub`);
      }
    });
    if (l.spokes.length === 0) c.add(`${p}.spokes`, [], "is empty; allowed: at least one spoke VPC");
  }

  private vpcOf(name: string) {
    const n = this.x.networks.get(name);
    return n?.kind === "vpc" ? n.spec : undefined;
  }

  private needKind(path: string, name: string, kind: Network["kind"]): boolean {
    const n = this.x.networks.get(name);
    if (n && n.kind === kind) return true;
    const allowed = [...this.x.networks.values()].filter((x) => x.kind === kind).map((x) => x.spec.name);
    this.x.c.add(
      path,
      name,
      `names no ${kind}${n ? ` (${name} is ${n.kind === "office" ? "an" : "a"} ${n.kind})` : ""}; allowed: ${list(allowed)}`,
    );
    return false;
  }

  /** `value` is the link field at `path` (the remote network's name), echoed as given. */
  private needPeerAccount(path: string, value: string, local: string, remote: string): void {
    if (local === remote) return;
    const acc = this.x.t.accounts.find((a) => a.name === remote);
    if (acc && acc.uid === undefined && !acc.resolveUidAtPlan) {
      this.x.c.add(
        path,
        value,
        `is a cross-account link but account ${remote} has no \`uid\`; allowed: set accounts[].uid, or resolveUidAtPlan: true to read it through that account's provider`,
      );
    }
  }
}

export function checkLinks(x: ValidationContext): void {
  const links = new LinkChecks(x);
  x.t.links.forEach((l, i) => links.check(l, i));
}

/** Overlaps between any two networks that exchange routes (same connected component). */
export function checkOverlaps(x: ValidationContext): void {
  const component = components([...x.networks.keys()], x.edges);
  const names = [...x.networkCidrs.keys()];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i]!;
      const b = names[j]!;
      if (component.get(a) !== component.get(b)) continue;
      for (const p of x.networkCidrs.get(a)!) {
        for (const q of x.networkCidrs.get(b)!) {
          if (overlaps(p.cidr, q.cidr)) {
            x.c.add(
              q.path,
              q.cidr.text,
              `overlaps ${p.path} (${p.cidr.text}) of ${a}, and ${a} and ${b} exchange routes; allowed: non-overlapping address ranges for connected networks`,
            );
          }
        }
      }
    }
  }
}

/** The networks a link joins. */
function linkEnds(l: LinkSpec): readonly string[] {
  switch (l.kind) {
    case "peering":
      return [l.requester, l.acceptor];
    case "router-interface":
      return [l.from, l.to];
    case "vbr":
      return [l.idc, l.vpc];
    case "vpn":
      return [l.office, l.vpc];
    case "shared-nat":
      return [l.hub, ...l.spokes];
    case "transit-router":
      return [...l.vpcs, ...(l.idcs ?? [])];
    default:
      return assertNever(l, "link kind");
  }
}

/**
 * An office or IDC no link names: every resource of an office (customer gateway, IPsec
 * connection, routes) and of an IDC's routing (router interfaces, routes, BGP) is made
 * by its link, so without one it would be dropped without a word.
 */
export function checkUnlinked(x: ValidationContext): void {
  const linked = new Set(x.t.links.flatMap(linkEnds));
  (x.t.offices ?? []).forEach((o, i) => {
    if (linked.has(o.name)) return;
    x.c.add(
      `${x.root}.offices[${i}].name`,
      o.name,
      `is reached by no link, so nothing would be built for it (its customer gateway and IPsec connection come from a \`vpn\` link); allowed: an office named by a link { kind: "vpn", office: "${o.name}", vpc: <a VPC with a vpnGateway> }, or remove the office`,
    );
  });
  (x.t.idcs ?? []).forEach((d, i) => {
    if (linked.has(d.name)) return;
    x.c.add(
      `${x.root}.idcs[${i}].name`,
      d.name,
      `is reached by no link, so its VBR would route nowhere (router interfaces and routes to a VPC come from a \`vbr\` link); allowed: an IDC named by a link { kind: "vbr", idc: "${d.name}", vpc: <a VPC> } or in a transit-router link's idcs, or remove the IDC`,
    );
  });
}

function isVpcLinkBetween(l: LinkSpec, a: string, b: string): boolean {
  if (l.kind === "peering") return (l.requester === a && l.acceptor === b) || (l.requester === b && l.acceptor === a);
  if (l.kind === "router-interface") return (l.from === a && l.to === b) || (l.from === b && l.to === a);
  return false;
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
