/**
 * The JSON Schema of a topology file, generated from the zod schema (`schema.ts`), so an
 * editor completes and checks JSON/YAML topology files with the same shape rules the
 * loader applies. Semantic rules (CIDR overlaps, references, ranges) stay in
 * `validate.ts`: synth reports those. Written to `schema/topology.schema.json` by
 * `npm run generate`; a test fails when the committed file is stale.
 */
import { z } from "zod";
import { TopologySchema } from "./schema";

/** Where the committed schema lives, relative to the repository root. */
export const TOPOLOGY_SCHEMA_FILE = "schema/topology.schema.json";

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  name: "The scenario stack this topology replaces: vpc-peering-same-account, vpc-peering-cross-account, shared-nat, idc-leased-line or multinational-hub (TOPOLOGY_FILE), or any name for an example.",
  accounts: "Alibaba Cloud accounts; each gets a provider per region it uses (credentials by CLI profile or assume_role, never keys).",
  vpcs: "VPCs with their region, CIDR, vSwitches and optional VPN gateway.",
  offices: "Branch offices reached over IPsec VPN (public IP of the office gateway, office CIDRs).",
  idcs: "On-premises data centers on a leased line and a VBR.",
  links: "Connections: peering, router-interface, vbr, vpn and shared-nat, told apart by `kind`.",
  tags: "Tags merged onto every resource.",
  summarize: "Merge sibling prefixes with the same next hop into their parent (default true).",
};

/** The topology file's JSON Schema (draft 2020-12), deterministic for a given zod schema. */
export function topologyJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(TopologySchema, { target: "draft-2020-12" }) as Record<string, unknown> & {
    properties: Record<string, Record<string, unknown>>;
  };
  const properties: Record<string, unknown> = {
    // the loader accepts and ignores the editor's schema reference (load.ts)
    $schema: { type: "string", description: "This schema's location, for editor completion; ignored by the loader." },
  };
  for (const [k, v] of Object.entries(generated.properties)) properties[k] = DESCRIPTIONS[k] ? { description: DESCRIPTIONS[k], ...v } : v;
  return {
    $schema: generated.$schema,
    title: "alicloud-hybrid-network-cdktf topology",
    description: `A network topology for the alicloud-hybrid-network-cdktf template. Generated from lib/topology/schema.ts by \`npm run generate\`; do not edit.`,
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== "$schema")),
    properties,
  };
}
