/**
 * Quotas and reserved ranges the Alibaba Cloud API enforces, as data with their sources,
 * and the checks that refuse a topology the API would refuse at apply time. A quota that
 * Alibaba Cloud lets you raise can be raised here too (`Topology.quotas`), so a user with
 * a raised quota is never blocked.
 *
 * String lengths and character sets (names, descriptions, tags) live in ./limits.ts.
 */
import { Cidr, cidr, contains, overlaps } from "./cidr";
import { TopologyIssue } from "./issues";
import { emittedRoutes, RoutePlan } from "./plan";
import { Topology } from "./types";

export interface Quota {
  /** What is counted. */
  readonly name: string;
  readonly default: number;
  /** How to raise it, or undefined where Alibaba Cloud does not. */
  readonly raise?: string;
  readonly source: string;
}

export const QUOTAS = {
  routeEntriesPerTable: {
    name: "custom route entries per route table",
    default: 200,
    raise:
      "request an increase of the VPC quota for custom route entries per route table in Quota Center, then set `quotas.routeEntriesPerTable` in the topology",
    source: "CreateRouteEntry API docs: a route table can contain up to 200 custom route entries",
  },
  securityGroupRules: {
    name: "rules per security group (inbound and outbound)",
    default: 200,
    source: "AuthorizeSecurityGroup API docs: the total number of outbound and inbound rules in each security group cannot exceed 200",
  },
} as const satisfies Record<string, Quota>;

/** Adjustable quotas a topology may raise (what Quota Center granted you). */
export type AdjustableQuota = "routeEntriesPerTable";

/** Address ranges no network of a topology may use, with why. */
export const RESERVED_RANGES: readonly { readonly cidr: Cidr; readonly what: string; readonly source: string }[] = [
  {
    cidr: cidr("100.64.0.0/10"),
    what: "shared address space (cloud services)",
    source: "CreateRouteEntry API docs: a custom route's destination cannot be 100.64.0.0/10 or a subset of it",
  },
  {
    cidr: cidr("127.0.0.0/8"),
    what: "loopback",
    source: "CreateVpc API docs (reserved CIDR blocks); customer gateway docs (IP address constraints)",
  },
  {
    cidr: cidr("169.254.0.0/16"),
    what: "link-local",
    source: "CreateVpc API docs (reserved CIDR blocks); customer gateway docs (IP address constraints)",
  },
  {
    cidr: cidr("224.0.0.0/4"),
    what: "multicast",
    source: "CreateVpc API docs (reserved CIDR blocks); customer gateway docs (IP address constraints)",
  },
];

/** The reserved range a block overlaps, if any. */
export function reservedRangeOf(block: Cidr): (typeof RESERVED_RANGES)[number] | undefined {
  return RESERVED_RANGES.find((r) => overlaps(r.cidr, block) || contains(r.cidr, block));
}

/** The quota in force for `key`: the topology's raised value, or the default. */
export function quotaOf(t: Topology, key: keyof typeof QUOTAS): number {
  return (key === "routeEntriesPerTable" ? t.quotas?.routeEntriesPerTable : undefined) ?? QUOTAS[key].default;
}

/** Message part naming the quota, its default and how to raise it. */
export function quotaAdvice(t: Topology, key: keyof typeof QUOTAS): string {
  const q: Quota = QUOTAS[key];
  const inForce = quotaOf(t, key);
  return (
    `the ${q.name} quota is ${inForce}${inForce !== q.default ? ` (raised from the default ${q.default})` : " (default)"}; ` +
    (q.raise ? `to raise it, ${q.raise}` : "Alibaba Cloud does not raise it") +
    ` (${q.source})`
  );
}

/** Route tables the plan fills beyond the quota: what CreateRouteEntry would refuse. */
export function routeQuotaIssues(t: Topology, plan: RoutePlan): TopologyIssue[] {
  const limit = quotaOf(t, "routeEntriesPerTable");
  return (
    plan.tables
      // VPC and VBR tables; a TR table's entry quota is not sourced (UNSOURCED_TR_FACTS)
      .filter((table) => table.router === "vpc" || table.router === "vbr")
      .map((table) => ({ table, n: emittedRoutes(table).length }))
      .filter(({ n }) => n > limit)
      .map(({ table, n }) => ({
        path: `${t.name}.${table.router === "vpc" ? "vpcs" : "idcs"}[${(table.router === "vpc" ? t.vpcs : (t.idcs ?? [])).findIndex((x) => x.name === table.name)}]`,
        value: table.name,
        message:
          `needs ${n} custom routes in its ${table.router === "vpc" ? "VPC" : "VBR"} route table; ${quotaAdvice(t, "routeEntriesPerTable")}; allowed: at most ${limit}, ` +
          (t.summarize === true
            ? "e.g. contiguous site ranges per region so that routes summarize"
            : "e.g. `summarize: true` with contiguous site ranges per region"),
      }))
  );
}
