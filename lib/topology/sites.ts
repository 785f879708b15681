/**
 * The on-premises sites of a topology in the shape the reachability checker takes
 * (`lib/analysis/reachability.ts`, `Sites`): name, address ranges, and what matches
 * each site to its resources (an office's public IP, an IDC's VLAN and peer IP). No
 * planning involved; the checker itself never imports the model, so this adapter
 * lives with the model.
 */
import { Topology } from "./types";

/** A VBR as the checker matches it: VLAN and peer gateway IP. */
export interface TopologyVbr {
  readonly vlanId: number;
  readonly peerGatewayIp: string;
}

/** One site as the checker matches it (structurally its `SiteEndpoint`). */
export interface TopologySite {
  readonly name: string;
  readonly cidrs: readonly string[];
  /** Office: its gateway's public IP; IDC: its VPN device's, when a VPN backs up its line. @default - none */
  readonly publicIp?: string;
  /** Office: the public IPs of its further devices (VPN links' own `publicIp` and `slaveTunnelPublicIp`). @default - none */
  readonly morePublicIps?: readonly string[];
  /** IDC: its VBR's VLAN and peer gateway IP. @default - not an IDC */
  readonly vbr?: TopologyVbr;
  /** IDC: its further lines' VBRs, in declaration order (the order it prefers them in). @default - none */
  readonly moreVbrs?: readonly TopologyVbr[];
}

/** The public IPs of an office's devices other than `publicIp`, from its VPN links. */
function morePublicIps(t: Topology, office: string, first: string): string[] {
  const ips = t.links.flatMap((l) =>
    l.kind === "vpn" && l.office === office ? [l.publicIp, l.slaveTunnelPublicIp].filter((ip): ip is string => ip !== undefined) : [],
  );
  return [...new Set(ips)].filter((ip) => ip !== first);
}

/**
 * The on-premises sites of a topology, as the checker needs them. A site with several
 * devices or lines appears once, with its further devices' addresses (an office's links
 * with their own `publicIp`) and its further lines' VBRs (an IDC's `additionalLines`, in
 * the order it prefers them).
 */
export function sitesFromTopology(t: Topology): { offices: TopologySite[]; idcs: TopologySite[] } {
  const vbrOf = (v: TopologyVbr): TopologyVbr => ({ vlanId: v.vlanId, peerGatewayIp: v.peerGatewayIp });
  return {
    offices: (t.offices ?? []).map((o) => {
      const more = morePublicIps(t, o.name, o.publicIp);
      return { name: o.name, cidrs: o.cidrs, publicIp: o.publicIp, ...(more.length > 0 ? { morePublicIps: more } : {}) };
    }),
    idcs: (t.idcs ?? []).map((d) => ({
      name: d.name,
      cidrs: d.cidrs,
      vbr: vbrOf(d.vbr),
      ...(d.vpnBackup ? { publicIp: d.vpnBackup.publicIp } : {}),
      ...(d.additionalLines?.length ? { moreVbrs: d.additionalLines.map((l) => vbrOf(l.vbr)) } : {}),
    })),
  };
}
