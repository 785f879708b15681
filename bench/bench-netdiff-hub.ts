/**
 * The hub `bench-netdiff.ts` measures: the seed multinational hub with N offices, half
 * on each VPN gateway, each region's offices in one contiguous block of /24s and
 * `summarize: true`, as a real deployment plans them, so every route table and security
 * group stays within the default quotas (200 custom route entries per table, 200 rules
 * per security group) up to thousands of offices. The head adds one office on us-vpc
 * right after its region's block.
 */
import { Testing } from "cdktf";
import { multinationalHub } from "../__tests__/fixtures/seeds/multinational-hub";
import { StackJson, TfStack } from "../lib/tfjson";
import { LinkSpec, OfficeSpec, QUOTAS, Topology } from "../lib/topology";
import { MultinationalHubStack } from "../stacks/multinational-hub";

/** First /24 of each region's office block: 10.32.0.0 (us-vpc) and 10.96.0.0 (cn-vpc). */
const BLOCK = { "us-vpc": 32 << 8, "cn-vpc": 96 << 8 } as const;

function office(vpc: keyof typeof BLOCK, i: number, serial: number): { office: OfficeSpec; link: LinkSpec } {
  const name = `${vpc.slice(0, 2)}-office-${i}`;
  const slot = BLOCK[vpc] + i; // /24 number inside 10.0.0.0/8
  // one public address per office: placeholders while they last, then public ones (synthesis only)
  const publicIp = serial < 250 ? `203.0.113.${serial + 1}` : `47.89.${Math.floor(serial / 250)}.${(serial % 250) + 1}`;
  return {
    office: { name, publicIp, cidrs: [`10.${slot >> 8}.${slot & 255}.0/24`] },
    link: { kind: "vpn", name, office: name, vpc },
  };
}

/** The hub with `n` offices, plus `extra` more on us-vpc after its block. */
export function benchHub(n: number, extra = 0): Topology {
  const base = multinationalHub();
  const us = Math.ceil(n / 2);
  const made = [
    ...Array.from({ length: us + extra }, (_, i) => office("us-vpc", i, i)),
    ...Array.from({ length: n - us }, (_, i) => office("cn-vpc", i, us + extra + i)),
  ];
  return {
    ...base,
    summarize: true,
    offices: made.map((m) => m.office),
    links: [...base.links.filter((l) => l.kind !== "vpn"), ...made.map((m) => m.link)],
  };
}

export function synthHub(t: Topology): Map<string, StackJson> {
  const stack = new MultinationalHubStack(Testing.app(), "hub", { topology: t });
  return new Map([["hub", JSON.parse(Testing.synth(stack)) as StackJson]]);
}

/** The fullest route table and security group of a stack, against their quotas. */
export function quotaUse(json: StackJson): string {
  const s = new TfStack(json);
  const max = (type: string, field: string) => {
    const count = new Map<string, number>();
    for (const r of s.resources(type)) count.set(String(r.attrs[field]), (count.get(String(r.attrs[field])) ?? 0) + 1);
    return Math.max(0, ...count.values());
  };
  return (
    `fullest route table ${max("alicloud_route_entry", "route_table_id")}/${QUOTAS.routeEntriesPerTable.default} custom entries, ` +
    `fullest security group ${max("alicloud_security_group_rule", "security_group_id")}/${QUOTAS.securityGroupRules.default} rules`
  );
}
