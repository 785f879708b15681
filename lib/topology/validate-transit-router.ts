/**
 * Validation of a `transit-router` link: its references, one link per topology, one TR
 * per region, the VPC attachments' zones, the CEN account, and the TR quotas of
 * transit-router-facts.ts. Each refusal names the path, the value, what is allowed and
 * the fact's source.
 */
import { TR_QUOTAS, trRegion, vswitchZonesNeeded } from "./transit-router-facts";
import { attachedRegions, cenAccount } from "./transit-router";
import { IdcSpec, TransitRouterLinkSpec, VpcSpec } from "./types";
import { checkName, list, Network, ValidationContext } from "./validate-common";

/** `needKind` of the link checks: true when `name` is a network of `kind`, else an issue. */
export type NeedKind = (path: string, name: string, kind: Network["kind"]) => boolean;

const source = (q: { readonly source: { readonly title: string; readonly url: string } }) => `${q.source.title}, ${q.source.url}`;

/** Every rule of a transit-router link at `p` (`links[i]`); `first` is the path of an earlier one, if any. */
export function checkTransitRouterLink(x: ValidationContext, p: string, l: TransitRouterLinkSpec, need: NeedKind, first?: string): void {
  const { c } = x;
  if (first !== undefined) {
    c.add(
      `${p}.kind`,
      l.kind,
      `is a second transit-router link (the first is ${first}); allowed: one per topology (one CEN instance joins every region's TR)`,
    );
  }
  if (l.vpcs.length === 0) c.add(`${p}.vpcs`, [], "is empty; allowed: at least one VPC");
  const vpcs = members(x, `${p}.vpcs`, l.vpcs, "vpc", need) as VpcSpec[];
  const idcs = members(x, `${p}.idcs`, l.idcs ?? [], "idc", need) as IdcSpec[];
  if (l.peerBandwidth !== undefined && (!Number.isInteger(l.peerBandwidth) || l.peerBandwidth < 1)) {
    c.add(`${p}.peerBandwidth`, l.peerBandwidth, "is not a bandwidth; allowed: a positive integer of Mbit/s");
  }
  checkIdcsUnlinked(x, p, l);
  checkAccounts(x, p, l, vpcs, idcs);
  checkRouters(x, p, l);
  l.vpcs.forEach((n, j) => {
    const v = vpcs.find((s) => s.name === n);
    if (v) checkAttachmentZones(x, `${p}.vpcs[${j}]`, v);
  });
  checkTags(x, p);
  for (const v of l.vpcs) for (const d of l.idcs ?? []) x.edges.push([d, v]);
  for (const v of l.vpcs.slice(1)) x.edges.push([l.vpcs[0]!, v]);
}

/** The named networks that exist, each listed once. */
function members(x: ValidationContext, p: string, names: readonly string[], kind: "vpc" | "idc", need: NeedKind): (VpcSpec | IdcSpec)[] {
  const out: (VpcSpec | IdcSpec)[] = [];
  names.forEach((n, j) => {
    if (names.indexOf(n) !== j) x.c.add(`${p}[${j}]`, n, `is listed twice; allowed: each ${kind === "vpc" ? "VPC" : "IDC"} once`);
    else if (need(`${p}[${j}]`, n, kind)) out.push(x.networks.get(n)!.spec as VpcSpec | IdcSpec);
  });
  return out;
}

/** An IDC's VBR routes through either router interfaces (`vbr` links) or the TR, not both. */
function checkIdcsUnlinked(x: ValidationContext, p: string, l: TransitRouterLinkSpec): void {
  (l.idcs ?? []).forEach((d, j) => {
    const i = x.t.links.findIndex((o) => o.kind === "vbr" && o.idc === d);
    if (i < 0) return;
    x.c.add(
      `${p}.idcs[${j}]`,
      d,
      `also has a \`vbr\` link (${x.root}.links[${i}]); allowed: an IDC attached to the transit router or joined to VPCs by vbr links, not both`,
    );
  });
}

/**
 * Attachments in another account than the CEN's need a grant this template does not
 * create: the network's owner grants the CEN instance permission first (CEN docs, "FAQ
 * about billing", cross-account connections, https://help.aliyun.com/en/cen/product-overview/billing-rules-faq;
 * the provider's alicloud/resource_alicloud_cen_transit_router_grant_attachment.go).
 */
function checkAccounts(x: ValidationContext, p: string, l: TransitRouterLinkSpec, vpcs: VpcSpec[], idcs: IdcSpec[]): void {
  const account = cenAccount(x.t, l);
  if (account === undefined) return;
  for (const [field, specs] of [
    ["vpcs", vpcs],
    ["idcs", idcs],
  ] as const) {
    for (const s of specs) {
      if (s.account === account) continue;
      x.c.add(
        `${p}.${field}[${(field === "vpcs" ? l.vpcs : l.idcs!).indexOf(s.name)}]`,
        s.name,
        `is in account ${s.account}, not the CEN instance's account ${account} (the first VPC's): a cross-account attachment needs the owner to grant the CEN instance access first (alicloud_cen_transit_router_grant_attachment), which this template does not create; allowed: ${field === "vpcs" ? "a VPC" : "an IDC"} of account ${account}`,
      );
    }
  }
}

/** Named routers: in a region of the link, at most one per region, and TRs where Enterprise Edition exists. */
function checkRouters(x: ValidationContext, p: string, l: TransitRouterLinkSpec): void {
  const regions = attachedRegions(x.t, l);
  const q = TR_QUOTAS.transitRoutersPerRegionPerCen;
  (l.routers ?? []).forEach((r, j) => {
    const rp = `${p}.routers[${j}]`;
    if (r.name !== undefined) checkName(x.c, `${rp}.name`, r.name);
    const prev = (l.routers ?? []).findIndex((o) => o.region === r.region);
    if (prev < j) {
      x.c.add(
        `${rp}.region`,
        r.region,
        `already has a transit router (${p}.routers[${prev}]); allowed: at most ${q.value} per region (${q.name}: ${source(q)})`,
      );
    } else if (!regions.includes(r.region)) {
      x.c.add(`${rp}.region`, r.region, `has no attached VPC or IDC; allowed: ${list(regions)}`);
    }
  });
  for (const region of regions) {
    const facts = trRegion(region);
    if (facts && !facts.enterpriseEdition) {
      x.c.add(
        p,
        region,
        `needs a transit router in ${region}, where Enterprise Edition TRs cannot be created (${facts.enterpriseEditionSource.title}); allowed: VPCs and IDCs in other regions`,
      );
    }
  }
}

/**
 * A VPC attachment needs vSwitches in at least two of the TR's zones where the region's TR
 * zones are sourced and more than one (one where there is only one).
 */
function checkAttachmentZones(x: ValidationContext, p: string, v: VpcSpec): void {
  const needed = vswitchZonesNeeded(v.region);
  const facts = trRegion(v.region);
  const trZones = facts?.zones;
  if (needed === undefined || trZones === undefined) return;
  const have = [...new Set(v.vswitches.map((s) => s.zone).filter((z) => trZones.includes(z)))];
  if (have.length >= needed) return;
  const q = needed > 1 ? TR_QUOTAS.vswitchZonesPerVpcAttachmentMultiZone : TR_QUOTAS.vswitchZonesPerVpcAttachmentSingleZone;
  x.c.add(
    p,
    v.name,
    `has vSwitches in ${have.length} of the transit router's zones in ${v.region} (${have.join(", ") || "none"}; the TR zones from ${facts!.zonesSource!.title}, ${facts!.zonesSource!.url}); a VPC attachment needs them in at least ${needed} (${q.name}: ${source(q)}); allowed: add a vSwitch in ${needed > 1 ? "another" : "one"} of ${trZones.filter((z) => !have.includes(z)).join(", ")}`,
  );
}

/**
 * The topology's tags and a Name go on every TR resource, and one CreateTransitRouter*
 * call takes a bounded number of tags (the per-resource tag limit of limits.ts says the
 * same for every resource; this names the TR calls that would fail).
 */
function checkTags(x: ValidationContext, p: string): void {
  // each TR resource carries its Name tag and the topology's (mergeTags)
  const n = new Set(["Name", ...Object.keys(x.t.tags ?? {})]).size;
  const q = TR_QUOTAS.tagsPerCall;
  if (n > q.value) {
    x.c.add(
      `${x.root}.tags`,
      `${n} tags`,
      `go on every resource of transit-router link ${p}; allowed: at most ${q.value} (${q.name}: ${source(q)})`,
    );
  }
}
