/**
 * What an Alibaba Cloud account must have enabled or accepted before a stack can be
 * applied, as data with sources, and which of them a topology needs. Terraform cannot
 * do these steps (they are terms of service, billing services and approvals), and an
 * apply that meets one missing fails halfway, with some resources created. Synth prints
 * the list for the stacks it wrote; docs/account-prerequisites.md lists them all.
 */
import { assertNever } from "../private/assert-never";
import { attachedRegions, cenAccount, peerPairs } from "./transit-router";
import { LinkSpec, Topology, TransitRouterLinkSpec } from "./types";

export type PrerequisiteId = "transit-router-service" | "cdt" | "cdt-cross-border" | "peering-acceptance" | "express-connect-outbound";

export interface Prerequisite {
  readonly title: string;
  /** Why the stack needs it. */
  readonly why: string;
  /** How to meet it, once per account. */
  readonly how: string;
  readonly source: string;
}

export const PREREQUISITES: Readonly<Record<PrerequisiteId, Prerequisite>> = {
  "transit-router-service": {
    title: "Transit router service activated (CEN terms of service accepted)",
    why: "transit routers are a service each account activates once, free of charge; the provider checks it with CheckTransitRouterService, which answers USER_NOT_OPEN_TR_SERVICE until it is activated (activating it first keeps the apply from depending on the console having done so)",
    how: 'activate it in the CEN console, or call OpenTransitRouterService, or read the data source alicloud_cen_transit_router_service with enable = "On" (which accepts the CEN terms of service and cannot be turned off), on the account that owns the CEN instance',
    source:
      "CEN API reference, OpenTransitRouterService (activates the transit router feature free of charge); alicloud provider v1.240.0, data source alicloud_cen_transit_router_service (website/docs/d/cen_transit_router_service.html.markdown:32; the check and its error codes at alicloud/data_source_alicloud_cen_transit_router_service.go:47-62)",
  },
  cdt: {
    title: "Cloud Data Transfer (CDT) enabled",
    why: "VPC peering traffic, and the traffic of pay-by-data-transfer inter-region connections (transit-router peer attachments, bandwidth_type DataTransfer), is billed through CDT; the peering documentation requires it on both accounts before the first peer connection (newer API references say creating one activates it: enabling it first keeps the apply from depending on that)",
    how: "enable CDT in the CDT console, or call OpenCdtService, on each account that owns a peered VPC or the transit routers of a link that spans regions",
    source:
      'VPC documentation, "VPC peering connection" (prerequisites: CDT enabled for the accounts that own the two VPCs); CreateVpcPeerConnection API reference, usage notes (OpenCdtService); CEN documentation, "Manage inter-region connections" (pay-by-data-transfer fees are managed by CDT) and "Billing" (each transit router\'s egress inter-region traffic, settled through CDT)',
  },
  "cdt-cross-border": {
    title: "Cross-border CDT enabled and cross-border terms accepted",
    why: "a link between a region in the Chinese mainland and one outside it is a cross-border connection, which needs the cross-border data transfer service before router interfaces or peer connections can be created",
    how: "enable cross-border CDT (accepting its cross-border compliance terms) in the CDT console, or call OpenCdtCbService, on each account that owns an end of the link",
    source:
      "CreateVpcPeerConnection API reference (Chinese edition), usage notes: OpenCdtCbService enables cross-border CDT; Cloud Data Transfer documentation, cross-border data transfer",
  },
  "peering-acceptance": {
    title: "Acceptor account allows accepting the peer connection",
    why: "a cross-account peer connection stays in the Accepting state until the acceptor's account accepts it; the stack accepts it (alicloud_vpc_peer_connection_accepter) through the acceptor account's provider",
    how: "give the acceptor account's credentials (its profile or role) the vpc:AcceptVpcPeerConnection permission, and set accounts[].uid or resolveUidAtPlan",
    source:
      "CreateVpcPeerConnection API reference, usage notes (Accepting state: a cross-account connection is accepted on the accepter side)",
  },
  "express-connect-outbound": {
    title: "Express Connect outbound data transfer enabled (terms of service accepted)",
    why: "traffic from a VBR to its leased line is billed as Express Connect outbound data transfer, which the account must enable once",
    how: 'enable it in the Express Connect console, or with the data source alicloud_express_connect_physical_connection_service (enable = "On", which accepts the Express Connect terms and cannot be turned off), on the account that owns the VBR',
    source: "alicloud provider documentation, data source alicloud_express_connect_physical_connection_service (available since v1.132.0)",
  },
};

/** One prerequisite a topology needs, with the accounts and links that need it. */
export interface AccountNeed {
  readonly id: PrerequisiteId;
  readonly accounts: readonly string[];
  readonly because: readonly string[];
}

/** Regions of the Chinese mainland: `cn-*` except Hong Kong (cross-border rules treat it as outside). */
export function isMainlandRegion(region: string): boolean {
  return region.startsWith("cn-") && region !== "cn-hongkong";
}

type End = { readonly account: string; readonly region: string };

/** The two ends of a link that carries traffic between networks in regions, if it has them. */
function linkEnds(t: Topology, l: LinkSpec): [End, End] | undefined {
  const vpc = (n: string) => t.vpcs.find((v) => v.name === n);
  switch (l.kind) {
    case "peering":
      return ends(vpc(l.requester), vpc(l.acceptor));
    case "router-interface":
      return ends(vpc(l.from), vpc(l.to));
    case "vbr":
      return ends(
        (t.idcs ?? []).find((d) => d.name === l.idc),
        vpc(l.vpc),
      );
    case "vpn":
    case "shared-nat":
      return undefined; // over the internet, or inside one region
    case "transit-router":
      return undefined; // more than two ends: transitRouterNeeds
    default:
      return assertNever(l, "link kind");
  }
}

function ends(a: End | undefined, b: End | undefined): [End, End] | undefined {
  return a && b ? [a, b] : undefined;
}

type Need = (id: PrerequisiteId, accounts: readonly string[], because: string) => void;

/**
 * A `transit-router` link: the CEN account activates the transit router service; when its
 * VPCs and IDCs span regions, the peer attachments (pay-by-data-transfer) need CDT, and
 * cross-border CDT for a pair of regions on both sides of the mainland border; each IDC's
 * VBR still sends to its leased line, billed as Express Connect outbound data transfer.
 */
function transitRouterNeeds(t: Topology, l: TransitRouterLinkSpec, need: Need): void {
  const cen = cenAccount(t, l);
  if (cen === undefined) return;
  need("transit-router-service", [cen], `transit-router ${l.name}`);
  const pairs = peerPairs(attachedRegions(t, l));
  if (pairs.length > 0) need("cdt", [cen], `transit-router ${l.name} (peer attachments)`);
  for (const [a, b] of pairs.filter(([a, b]) => isMainlandRegion(a) !== isMainlandRegion(b))) {
    need("cdt-cross-border", [cen], `transit-router ${l.name} (${a} <-> ${b})`);
  }
  for (const idc of l.idcs ?? []) {
    const d = (t.idcs ?? []).find((x) => x.name === idc);
    if (d) need("express-connect-outbound", [d.account], `IDC ${idc}`);
  }
}

/** The prerequisites `t` needs, in the order of PREREQUISITES, each with its accounts and links. */
export function accountPrerequisites(t: Topology): AccountNeed[] {
  const needs = new Map<PrerequisiteId, { accounts: Set<string>; because: Set<string> }>();
  const need: Need = (id, accounts, because) => {
    const n = needs.get(id) ?? { accounts: new Set<string>(), because: new Set<string>() };
    accounts.forEach((a) => n.accounts.add(a));
    n.because.add(because);
    needs.set(id, n);
  };
  for (const l of t.links) {
    if (l.kind === "transit-router") {
      transitRouterNeeds(t, l, need);
      continue;
    }
    const e = linkEnds(t, l);
    if (!e) continue;
    const [a, b] = e;
    const accounts = [...new Set([a.account, b.account])];
    if (l.kind === "peering") need("cdt", accounts, `peering ${l.name}`);
    if (isMainlandRegion(a.region) !== isMainlandRegion(b.region)) {
      need("cdt-cross-border", accounts, `${l.kind} ${l.name} (${a.region} <-> ${b.region})`);
    }
    if (l.kind === "peering" && a.account !== b.account) need("peering-acceptance", [b.account], `peering ${l.name}`);
    if (l.kind === "vbr") need("express-connect-outbound", [a.account], `IDC ${l.idc}`);
  }
  return (Object.keys(PREREQUISITES) as PrerequisiteId[])
    .filter((id) => needs.has(id))
    .map((id) => ({ id, accounts: [...needs.get(id)!.accounts], because: [...needs.get(id)!.because] }));
}

/** One line per prerequisite: what, for which accounts, because of what. */
export function describeNeeds(needs: readonly AccountNeed[]): string[] {
  return needs.map(
    (n) =>
      `${PREREQUISITES[n.id].title} on account${n.accounts.length > 1 ? "s" : ""} ${n.accounts.join(", ")} (for ${n.because.join("; ")})`,
  );
}

/**
 * The block synth prints once: every stack's needs, merged, and where to read how to
 * meet them. Empty when no stack needs anything.
 */
export function renderPrerequisiteBlock(byStack: ReadonlyMap<string, readonly AccountNeed[]>): string {
  const lines: string[] = [];
  for (const [stack, needs] of byStack) for (const d of describeNeeds(needs)) lines.push(`  ${stack}: ${d}`);
  if (lines.length === 0) return "";
  return ["Account prerequisites (Terraform cannot do these; see docs/account-prerequisites.md):", ...lines].join("\n");
}

/** Where the page listing every prerequisite lives, relative to the repository root. */
export const PREREQUISITES_PAGE = "docs/account-prerequisites.md";

/** The page listing every prerequisite, rendered from {@link PREREQUISITES}. */
export function renderPrerequisitesPage(generator: string): string {
  const out = [
    "# Account prerequisites",
    "",
    `<!-- Generated by \`${generator}\` from lib/topology/prerequisites.ts; do not edit. -->`,
    "",
    "Some things an Alibaba Cloud account needs cannot be done by Terraform: they are terms of service,",
    "billing services and approvals, done once per account in the console or by an API call. An apply that",
    "meets one missing fails halfway, with some resources already created. Synth prints the ones the stacks",
    "it wrote need (one block after the warnings; under the cdktf CLI as info annotations), for example:",
    "",
    "```",
    "Account prerequisites (Terraform cannot do these; see docs/account-prerequisites.md):",
    "  multinational-hub-dev: Cross-border CDT enabled and cross-border terms accepted on account main (for router-interface us-cn (us-east-1 <-> cn-shanghai))",
    "```",
    "",
    "A link is cross-border when one end is in a region of the Chinese mainland (`cn-*`, except `cn-hongkong`)",
    "and the other is not.",
    "",
  ];
  for (const [id, p] of Object.entries(PREREQUISITES)) {
    out.push(
      `## ${p.title}`,
      "",
      `- **When:** ${WHEN[id as PrerequisiteId]}`,
      `- **Why:** ${p.why}.`,
      `- **How:** ${p.how}.`,
      `- **Source:** ${p.source}.`,
      "",
    );
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** When each prerequisite applies, as accountPrerequisites decides it. */
const WHEN: Readonly<Record<PrerequisiteId, string>> = {
  "transit-router-service": "a `transit-router` link; the account that owns its CEN instance (the account of its first VPC)",
  cdt: "a `peering` link (any region pair), every account owning one of its VPCs; a `transit-router` link whose VPCs and IDCs span more than one region, the CEN's account",
  "cdt-cross-border":
    "a `peering`, `router-interface` or `vbr` link between a mainland region and one outside the mainland, every account owning an end; a `transit-router` link with regions on both sides, the CEN's account",
  "peering-acceptance": "a `peering` link whose acceptor VPC is in another account; the acceptor's account",
  "express-connect-outbound": "an IDC (a `vbr` link, or in a `transit-router` link's `idcs`); the account that owns the VBR",
};
