/**
 * What a `transit-router` link resolves to, shared by the planner, the promise, the
 * validation and the constructs so that they agree: the transit routers (one per region,
 * in a fixed order), the CEN instance's account, the inter-region peer pairs, and whether
 * the link carries traffic between its VPCs. Pure: no Terraform.
 */
import { trRegion } from "./transit-router-facts";
import { Topology, TransitRouterLinkSpec, VpcSpec } from "./types";

/** One transit router of a link, resolved. */
export interface ResolvedTransitRouter {
  readonly region: string;
  /** The TR's name: the link's `routers[].name`, else `<link>-<region>`. */
  readonly name: string;
}

/** The topology's transit-router link (at most one is valid), if any. */
export function transitRouterLink(t: Topology): TransitRouterLinkSpec | undefined {
  return t.links.find((l): l is TransitRouterLinkSpec => l.kind === "transit-router");
}

/**
 * The account that owns the CEN instance and every TR: the first attached VPC's. Every
 * attached VPC and IDC must be in it (cross-account attachments need a grant).
 */
export function cenAccount(t: Topology, l: TransitRouterLinkSpec): string | undefined {
  return t.vpcs.find((v) => v.name === l.vpcs[0])?.account;
}

/** The regions of the attached VPCs, then of the attached IDCs, each once, in that order. */
export function attachedRegions(t: Topology, l: TransitRouterLinkSpec): string[] {
  const regions: string[] = [];
  const add = (r: string | undefined) => {
    if (r !== undefined && !regions.includes(r)) regions.push(r);
  };
  for (const n of l.vpcs) add(t.vpcs.find((v) => v.name === n)?.region);
  for (const n of l.idcs ?? []) add((t.idcs ?? []).find((d) => d.name === n)?.region);
  return regions;
}

/** One TR per attached region, in {@link attachedRegions} order, named as the link says. */
export function transitRouters(t: Topology, l: TransitRouterLinkSpec): ResolvedTransitRouter[] {
  return attachedRegions(t, l).map((region) => ({
    region,
    name: l.routers?.find((r) => r.region === region)?.name ?? `${l.name}-${region}`,
  }));
}

/**
 * The inter-region peer attachments: every unordered pair of TR regions (full mesh), the
 * region listed first in {@link attachedRegions} first (its TR creates the attachment).
 */
export function peerPairs(regions: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < regions.length; i++) for (let j = i + 1; j < regions.length; j++) out.push([regions[i]!, regions[j]!]);
  return out;
}

/**
 * Whether the link carries traffic from one of its VPCs to another. Reachability policy
 * stays at the edges as with VBR router interfaces: VPCs attached with a data center do
 * not reach each other through it unless the IDC allows VPC transit, so a link that
 * attaches IDCs carries VPC-to-VPC traffic only when every one of them sets
 * `allowVpcTransit`. A link without IDCs always does.
 */
export function carriesVpcTransit(t: Topology, l: TransitRouterLinkSpec): boolean {
  return (l.idcs ?? []).every((n) => (t.idcs ?? []).find((d) => d.name === n)?.allowVpcTransit === true);
}

/** Default Mbit/s of each peer attachment. */
export const DEFAULT_PEER_BANDWIDTH = 10;

/**
 * The zones a VPC's attachment maps, each with the first vSwitch declared in it: the
 * first two zones (in declaration order) among the TR's zones of the region where those
 * are sourced, among the VPC's own zones where they are not (the API takes one vSwitch
 * per zone; two zones where the region's TR has more than one).
 */
export function attachmentZones(v: VpcSpec): { readonly zone: string; readonly vswitch: string }[] {
  const trZones = trRegion(v.region)?.zones;
  const out: { zone: string; vswitch: string }[] = [];
  for (const s of v.vswitches) {
    if (out.length === 2) break;
    if (trZones !== undefined && !trZones.includes(s.zone)) continue;
    if (!out.some((o) => o.zone === s.zone)) out.push({ zone: s.zone, vswitch: s.name });
  }
  return out;
}
