/**
 * Everything the constructs derive from names, checked for collisions before any
 * construct exists. Two names can be distinct and valid and still derive the same
 * identifier (`ab-1` and `ab1` both become the construct ID `Ab1`), and two links can
 * each be valid and still put the same destination twice into one route table. Left to
 * the constructs, either ends in an exception with a stack trace; here it is a problem
 * naming both fields.
 *
 * The derivations mirror the constructs and stacks that use them:
 * - construct IDs: `constructId` (`pascal`) of `lib/private/naming.ts`, under
 *   the scopes of `lib/constructs/hybrid-network.ts`, `vpc-network.ts` (vSwitches) and
 *   `shared-nat-gateway.ts` (SNAT entries);
 * - Terraform names: the same module's `providerAlias` (`providers.ts`),
 *   `roleArnVariable`, `pskVariable` (`office-site.ts`), `bgpAuthKeyVariable`
 *   (`bgp-peering.ts`) and `outputName` (the outputs of `stacks/*.ts`);
 * - route destinations: the planner's tables (`plan.ts`), as `route-table-entries.ts`
 *   and the VPN gateway emit them.
 */
import {
  bgpAuthKeyVariable,
  constructId,
  lineKey,
  OutputPrefix,
  outputName,
  providerAlias,
  pskVariable,
  roleArnVariable,
  terraformKey,
} from "../private/naming";
import { assertNever } from "../private/assert-never";
import { TopologyIssue } from "./issues";
import { planRoutes, RoutePlan } from "./plan";
import { attachedRegions, transitRouterLink } from "./transit-router";
import { LinkSpec, Topology } from "./types";

export { constructId, terraformKey };

interface Claim {
  readonly path: string;
  readonly name: string;
}

/** The shape of names validation accepts (`NAME_PATTERN` in validate.ts), loosely: lower-case kebab. */
const DERIVABLE = /^[a-z][a-z0-9-]{0,63}$/;

/** One namespace of derived identifiers; a second claim on an identifier is a problem. */
class Namespace {
  private readonly ids = new Map<string, Claim>();
  /**
   * @param what the kind of identifier, for the message
   * @param sameName message when the very same name claims twice; by default such
   *   duplicates are left to validate.ts, which reports them as duplicate names
   */
  constructor(
    private readonly what: string,
    private readonly out: TopologyIssue[],
    private readonly sameName?: (prev: Claim, id: string) => string,
  ) {}
  claim(id: string, path: string, name: string): void {
    // only names validation accepts derive anything; an ID derived from anything else
    // (say, a pasted key) would echo that value in a form redaction does not recognize
    if (!DERIVABLE.test(name)) return;
    const prev = this.ids.get(id);
    if (!prev) {
      this.ids.set(id, { path, name });
      return;
    }
    if (prev.path === path) return;
    if (prev.name === name) {
      if (this.sameName) this.out.push({ path, value: name, message: this.sameName(prev, id) });
      return;
    }
    this.out.push({
      path,
      value: name,
      message: `derives the ${this.what} \`${id}\`, the same as ${prev.path} (${JSON.stringify(prev.name)}); allowed: names that still differ once dashes are dropped and letters capitalized (rename one)`,
    });
  }
}

/** Collisions of derived construct IDs and Terraform names. Assumes a shape-valid topology. */
export function identifierIssues(t: Topology, root: string): TopologyIssue[] {
  const out: TopologyIssue[] = [];
  constructIdClaims(t, root, out);
  snatEntryClaims(t, root, out);
  stackNameClaims(t, root, out);
  variableClaims(t, root, out);
  publicIpClaims(t, root, out);
  // one problem per field: a VPC name that collides collides in several scopes at once
  return out.filter((x, i) => out.findIndex((y) => y.path === x.path) === i);
}

/** Construct IDs under the scopes of `hybrid-network.ts` and `vpc-network.ts` (vSwitches). */
function constructIdClaims(t: Topology, root: string, out: TopologyIssue[]): void {
  const vpcs = new Namespace("construct ID (VPC, VPN gateway, security group and route table scopes)", out);
  t.vpcs.forEach((v, i) => {
    vpcs.claim(constructId(v.name), `${root}.vpcs[${i}].name`, v.name);
    const vsw = new Namespace(`vSwitch construct ID in VPC ${v.name}`, out);
    v.vswitches.forEach((s, j) => vsw.claim(constructId(s.name), `${root}.vpcs[${i}].vswitches[${j}].name`, s.name));
  });
  const idcs = new Namespace("construct ID (IDC scope)", out);
  (t.idcs ?? []).forEach((d, i) => {
    idcs.claim(constructId(d.name), `${root}.idcs[${i}].name`, d.name);
    const lines = new Namespace(`line construct ID in IDC ${d.name} (\`Lines/<line>\`)`, out);
    d.additionalLines?.forEach((l, j) => lines.claim(constructId(l.name), `${root}.idcs[${i}].additionalLines[${j}].name`, l.name));
  });
  // route tables: one scope for VPC tables and VBR tables (`vbr-<idc>`)
  const tables = new Namespace("route table construct ID (a VPC's, a VBR's `vbr-<idc>`, or a TR's `tr-<region>`)", out);
  t.vpcs.forEach((v, i) => tables.claim(constructId(v.name), `${root}.vpcs[${i}].name`, v.name));
  (t.idcs ?? []).forEach((d, i) => {
    tables.claim(constructId(`vbr-${d.name}`), `${root}.idcs[${i}].name`, d.name);
    d.additionalLines?.forEach((l, j) =>
      tables.claim(constructId(`vbr-${d.name}-${l.name}`), `${root}.idcs[${i}].additionalLines[${j}].name`, l.name),
    );
  });
  // the first transit-router link only: a second is refused by validation
  const tr = transitRouterLink(t);
  if (tr) {
    const i = t.links.indexOf(tr);
    for (const region of attachedRegions(t, tr)) tables.claim(constructId(`tr-${region}`), `${root}.links[${i}].name`, tr.name);
  }
  const links = new Namespace("construct ID (link scope, shared by every link kind)", out);
  t.links.forEach((l, i) => links.claim(constructId(l.name), `${root}.links[${i}].name`, l.name));
  const accounts = new Namespace("construct ID (account lookup `<Account>Account`)", out);
  t.accounts.forEach((a, i) => accounts.claim(`${constructId(a.name)}Account`, `${root}.accounts[${i}].name`, a.name));
}

/** SNAT entries of a shared NAT: one per hub vSwitch, one per spoke (`spoke-<vpc>`). */
function snatEntryClaims(t: Topology, root: string, out: TopologyIssue[]): void {
  t.links.forEach((l, i) => {
    if (l.kind !== "shared-nat") return;
    const hub = t.vpcs.find((v) => v.name === l.hub);
    const snat = new Namespace(`SNAT entry construct ID in shared NAT ${l.name}`, out);
    const hi = t.vpcs.indexOf(hub!);
    hub?.vswitches.forEach((s, j) => snat.claim(constructId(s.name), `${root}.vpcs[${hi}].vswitches[${j}].name`, s.name));
    l.spokes.forEach((s, j) => snat.claim(constructId(`spoke-${s}`), `${root}.links[${i}].spokes[${j}]`, s));
  });
}

/** The outputs a stack writes for one link, by kind (`stacks/*.ts`). */
function linkOutputs(l: LinkSpec): OutputPrefix[] {
  switch (l.kind) {
    case "peering":
    case "router-interface":
      return ["peering_id_"];
    case "shared-nat":
      return ["nat_gateway_id_", "egress_ip_"];
    case "vpn":
      return ["office_"];
    case "vbr":
    case "transit-router":
      return [];
    default:
      return assertNever(l, "link kind");
  }
}

/** The stack's own scope: providers, role ARN variables and outputs are its children. */
function stackNameClaims(t: Topology, root: string, out: TopologyIssue[]): void {
  const stack = new Namespace("Terraform name in the stack (provider alias, variable or output)", out);
  const pairs = new Map<string, string>();
  t.vpcs.forEach((v, i) => pairs.set(`${v.account}|${v.region}`, `${root}.vpcs[${i}].account`));
  (t.idcs ?? []).forEach((d, i) => pairs.set(`${d.account}|${d.region}`, `${root}.idcs[${i}].account`));
  for (const [pair, path] of pairs) {
    const [account, region] = pair.split("|") as [string, string];
    if (!DERIVABLE.test(region)) continue;
    stack.claim(`alicloud_${providerAlias(account, region)}`, path, account);
  }
  t.accounts.forEach((a, i) => {
    if (a.credentials?.roleArn !== undefined) stack.claim(roleArnVariable(a.name), `${root}.accounts[${i}].name`, a.name);
  });
  const outputs: [prefix: OutputPrefix, path: string, name: string][] = [];
  t.vpcs.forEach((v, i) => {
    outputs.push(["vpc_id_", `${root}.vpcs[${i}].name`, v.name]);
    if (v.vpnGateway)
      outputs.push(["vpn_gateway_ip_", `${root}.vpcs[${i}].name`, v.name], ["vpn_gateway_dr_ip_", `${root}.vpcs[${i}].name`, v.name]);
  });
  (t.idcs ?? []).forEach((d, i) => {
    outputs.push(["vbr_id_", `${root}.idcs[${i}].name`, d.name], ["idc_router_settings_", `${root}.idcs[${i}].name`, d.name]);
    d.additionalLines?.forEach((l, j) => {
      const path = `${root}.idcs[${i}].additionalLines[${j}].name`;
      outputs.push(["vbr_id_", path, lineKey(d.name, l.name)], ["idc_router_settings_", path, lineKey(d.name, l.name)]);
    });
  });
  t.links.forEach((l, i) => {
    for (const prefix of linkOutputs(l)) outputs.push([prefix, `${root}.links[${i}].name`, l.name]);
  });
  for (const [prefix, path, name] of outputs) stack.claim(outputName(prefix, name), path, name);
}

/** Terraform variable names are global in a stack, whatever construct declares them. */
function variableClaims(t: Topology, root: string, out: TopologyIssue[]): void {
  const variables = new Namespace("Terraform variable name", out);
  // one pre-shared key per VPN link: an office's several links are several connections
  t.links.forEach((l, i) => {
    if (l.kind === "vpn") variables.claim(pskVariable(l.name), `${root}.links[${i}].name`, l.name);
  });
  (t.idcs ?? []).forEach((d, i) => {
    if (d.bgp && (d.bgp.md5Auth ?? true)) variables.claim(bgpAuthKeyVariable(d.name), `${root}.idcs[${i}].name`, d.name);
    d.additionalLines?.forEach((l, j) => {
      if (l.bgp && (l.bgp.md5Auth ?? true))
        variables.claim(bgpAuthKeyVariable(lineKey(d.name, l.name)), `${root}.idcs[${i}].additionalLines[${j}].name`, l.name);
    });
  });
  t.accounts.forEach((a, i) => {
    if (a.credentials?.roleArn !== undefined) variables.claim(roleArnVariable(a.name), `${root}.accounts[${i}].name`, a.name);
  });
}

/**
 * An office's public IP is its customer gateway's identity: IPsec peers are told apart
 * by address, so two offices on one address are one device (the checker agrees: what
 * is routed to the second is delivered to the first).
 */
function publicIpClaims(t: Topology, root: string, out: TopologyIssue[]): void {
  const ips = new Map<string, number>();
  (t.offices ?? []).forEach((o, i) => {
    const prev = ips.get(o.publicIp);
    if (prev === undefined) ips.set(o.publicIp, i);
    else
      out.push({
        path: `${root}.offices[${i}].publicIp`,
        value: o.publicIp,
        message: `is also the public IP of ${root}.offices[${prev}] (${t.offices![prev]!.name}); allowed: one office per gateway address (sites behind one device are one office with several cidrs)`,
      });
  });
}

const plans = new WeakMap<Topology, RoutePlan>();

/**
 * {@link planRoutes}, once per topology object: validation plans to find duplicate
 * destinations, and the constructs then use the same plan (about 0.9 s saved at 1,000
 * offices). Topologies are read-only, so a plan stays valid for its object.
 */
export function plannedRoutes(t: Topology): RoutePlan {
  let plan = plans.get(t);
  if (!plan) {
    plan = planRoutes(t);
    plans.set(t, plan);
  }
  return plan;
}

/**
 * Route tables with one destination twice (two shared NATs serving one spoke, a hub
 * that is also another hub's spoke): the planner's tables, checked before constructs
 * emit them. Assumes a topology that passed every other rule.
 */
export function routeTableIssues(t: Topology, root: string): TopologyIssue[] {
  const out: TopologyIssue[] = [];
  const linkPath = (name: string) => {
    const i = t.links.findIndex((l: LinkSpec) => l.name === name);
    return i >= 0 ? `${root}.links[${i}]` : `${root}.links`;
  };
  // the known way to get there, named precisely: a VPC with two ways to the internet
  const natOf = new Map<string, string>();
  t.links.forEach((l) => {
    if (l.kind === "shared-nat" && !natOf.has(l.hub)) natOf.set(l.hub, `${l.name} (its hub)`);
  });
  t.links.forEach((l, i) => {
    if (l.kind !== "shared-nat") return;
    l.spokes.forEach((s, j) => {
      const prev = natOf.get(s);
      if (prev !== undefined) {
        out.push({
          path: `${root}.links[${i}].spokes[${j}]`,
          value: s,
          message: `already reaches the internet through shared NAT ${prev}, and a second default route 0.0.0.0/0 cannot go into its route table; allowed: each VPC served by one shared NAT, as its hub or as a spoke`,
        });
      } else natOf.set(s, l.name);
    });
  });
  if (out.length > 0) return out;
  const plan = plannedRoutes(t);
  for (const table of plan.tables) {
    const seen = new Map<string, string>();
    for (const r of table.routes) {
      const via =
        "link" in r.nextHop
          ? r.nextHop.link
          : "vpc" in r.nextHop
            ? `the VPN gateway of ${r.nextHop.vpc}`
            : `the physical connection of ${r.nextHop.idc}`;
      // several next hops for one destination by design: weighted VPN routes, equal-cost lines
      if (r.weight !== undefined || r.ecmp === true) continue;
      const prev = seen.get(r.destination);
      if (prev === undefined) {
        seen.set(r.destination, via);
        continue;
      }
      const owner =
        table.router === "vbr"
          ? `the VBR of ${table.name}`
          : table.router === "vpngw"
            ? `the VPN gateway of ${table.name}`
            : table.router === "tr"
              ? `the transit router in ${table.name}`
              : `VPC ${table.name}`;
      out.push({
        path: "link" in r.nextHop ? `${linkPath(r.nextHop.link)}.name` : `${root}.links`,
        value: "link" in r.nextHop ? r.nextHop.link : r.destination,
        message: `puts destination ${r.destination} into the route table of ${owner} a second time (via ${via}; first via ${prev}); allowed: one route per destination in a table (e.g. one shared NAT per spoke, and no hub that is another shared NAT's spoke)`,
      });
    }
  }
  return out;
}
