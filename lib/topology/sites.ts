/**
 * The on-premises sites of a topology in the shape the reachability checker takes
 * (`lib/analysis/reachability.ts`, `Sites`): name, address ranges, and what matches
 * each site to its resources (an office's public IP, an IDC's VLAN and peer IP). No
 * planning involved; the checker itself never imports the model, so this adapter
 * lives with the model.
 */
import { OfficeSpec, Topology } from "./types";

/** One site as the checker matches it (structurally its `SiteEndpoint`). */
export interface TopologySite {
  readonly name: string;
  readonly cidrs: readonly string[];
  /** Office: its gateway's public IP. @default - not an office */
  readonly publicIp?: string;
  /** IDC: its VBR's VLAN and peer gateway IP. @default - not an IDC */
  readonly vbr?: { readonly vlanId: number; readonly peerGatewayIp: string };
}

/**
 * The on-premises sites of a topology, as the checker needs them. A site with several
 * devices or lines appears once per device (an office's links with their own `publicIp`)
 * or per line (an IDC's `additionalLines`, each on its own VBR): every entry names the
 * same site, so each of its customer gateways and VBRs leads to it.
 */
export function sitesFromTopology(t: Topology): { offices: TopologySite[]; idcs: TopologySite[] } {
  return {
    offices: (t.offices ?? []).flatMap((o) => officeDevices(t, o).map((publicIp) => ({ name: o.name, cidrs: o.cidrs, publicIp }))),
    idcs: (t.idcs ?? []).flatMap((d) =>
      [d, ...(d.additionalLines ?? [])].map((l) => ({
        name: d.name,
        cidrs: d.cidrs,
        vbr: { vlanId: l.vbr.vlanId, peerGatewayIp: l.vbr.peerGatewayIp },
      })),
    ),
  };
}

/** An office's device addresses: its own, then each of its links' own, once each. */
function officeDevices(t: Topology, o: OfficeSpec): string[] {
  const ips = [o.publicIp];
  for (const l of t.links)
    if (l.kind === "vpn" && l.office === o.name && l.publicIp !== undefined && !ips.includes(l.publicIp)) ips.push(l.publicIp);
  return ips;
}
