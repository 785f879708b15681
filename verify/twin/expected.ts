/**
 * The matrix the twin must measure: what the synthesized JSON states, as read by the
 * project's other independent judge (lib/analysis/reachability.ts reads the same JSON,
 * never the planner). The on-premises sites come from the JSON alone
 * (offices: customer gateway IP and the connection's remote subnets; IDCs: the VBR's VLAN
 * and peer IP, and the VPC routes towards it), never from config/.
 *
 * Two judges, one model and one of packets, built apart: where they disagree, one of them
 * is wrong, and the twin names the pair and the hop.
 */
import { checkReachability, INTERNET_NETWORK, SiteEndpoint } from "../../lib/analysis/reachability";
import * as ipaddr from "ipaddr.js";
import { namedAfter, sitesFromStack } from "../../lib/analysis/stack-sites";
import { StackJson } from "../../lib/tfjson";
import { redundantSites } from "./failover";
import { TwinPlan } from "./plan";

export interface ExpectedMatrix {
  readonly networks: readonly string[];
  /** `from->to` pairs whose round trip (request and reply) should be delivered. */
  readonly delivered: ReadonlySet<string>;
  /** Why the model says a pair is not delivered. */
  readonly reasons: ReadonlyMap<string, string>;
}

/** A promise's networks (`intent.json`): each name with its address ranges. */
export type PromisedNetworks = readonly { readonly name: string; readonly cidrs: readonly string[] }[];

/**
 * The sites outside Terraform as lib/analysis reads them from the stack alone (customer
 * gateways and VBRs, those with the same address ranges merged into one site: an office
 * with two devices, a data center with two lines), named after the promise when there is
 * one, so both devices of an office are the one network the promise names.
 */
export function sitesFromJson(stack: StackJson, networks?: PromisedNetworks): { offices: SiteEndpoint[]; idcs: SiteEndpoint[] } {
  const sites = sitesFromStack(stack);
  return networks ? namedAfter(sites, networks) : sites;
}

/**
 * The plan's networks named as the model's sites: the plan names an office with several
 * links after its first link's customer gateway; the model's site holding its address
 * (same ranges, one name) gives the name both sides then use.
 */
export function namedAsSites(plan: TwinPlan, sites: { offices: readonly SiteEndpoint[] }): TwinPlan {
  const several = redundantSites(plan);
  const rename = new Map<string, string>();
  for (const n of plan.networks.filter((x) => several.has(x.name))) {
    const site = sites.offices.find((o) => o.cidrs.some((c) => inCidr(n.ip, c)));
    if (site && site.name !== n.name) rename.set(n.name, site.name);
  }
  const to = (name: string) => rename.get(name) ?? name;
  return {
    ...plan,
    networks: plan.networks.map((n) => ({ ...n, name: to(n.name) })),
    vpnConnections: plan.vpnConnections.map((c) => ({ ...c, site: to(c.site) })),
  };
}

function inCidr(ip: string, c: string): boolean {
  const [a, l] = ipaddr.IPv4.parseCIDR(c);
  return ipaddr.IPv4.parse(ip).match(a, l);
}

export function expectedMatrix(stack: StackJson, promised?: PromisedNetworks): ExpectedMatrix {
  const report = checkReachability(stack, sitesFromJson(stack, promised));
  const networks = [...new Set(report.results.flatMap((r) => [r.from, r.to]))].sort();
  const reasons = new Map(
    report.results
      .filter((r) => r.status !== "delivered")
      .map((r) => [`${r.from}->${r.to}`, `${r.status}: ${r.reason ?? ""} via ${r.hops.join(" > ")}`]),
  );
  // The model walks one packet one way; a ping or a TCP handshake needs the reply too.
  // Towards the internet the reply comes back through the NAT gateway's connection
  // tracking (SNAT), not through a route of its own, so there the outbound leg decides.
  const delivered = new Set<string>();
  for (const key of report.delivered) {
    const [from, to] = key.split("->") as [string, string];
    const back = `${to}->${from}`;
    if (to === INTERNET_NETWORK || report.delivered.has(back)) delivered.add(key);
    else reasons.set(key, `the reply cannot return: ${reasons.get(back) ?? "model"}`);
  }
  return { networks, delivered, reasons };
}
