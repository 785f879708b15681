/**
 * The on-premises sites of a topology in the shape the reachability checker takes
 * (`lib/analysis/reachability.ts`, `Sites`): name, address ranges, and what matches
 * each site to its resources (an office's public IP, an IDC's VLAN and peer IP). No
 * planning involved; the checker itself never imports the model, so this adapter
 * lives with the model.
 */
import { Topology } from "./types";

/** One site as the checker matches it (structurally its `SiteEndpoint`). */
export interface TopologySite {
  readonly name: string;
  readonly cidrs: readonly string[];
  /** Office: its gateway's public IP. @default - not an office */
  readonly publicIp?: string;
  /** IDC: its VBR's VLAN and peer gateway IP. @default - not an IDC */
  readonly vbr?: { readonly vlanId: number; readonly peerGatewayIp: string };
}

/** The on-premises sites of a topology, as the checker needs them. */
export function sitesFromTopology(t: Topology): { offices: TopologySite[]; idcs: TopologySite[] } {
  return {
    offices: (t.offices ?? []).map((o) => ({ name: o.name, cidrs: o.cidrs, publicIp: o.publicIp })),
    idcs: (t.idcs ?? []).map((d) => ({ name: d.name, cidrs: d.cidrs, vbr: { vlanId: d.vbr.vlanId, peerGatewayIp: d.vbr.peerGatewayIp } })),
  };
}
