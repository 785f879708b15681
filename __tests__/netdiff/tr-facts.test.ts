/**
 * netdiff's facts about the transit-router types: every ForceNew argument it lists is an
 * argument of that type in the committed provider schema (a typo would silently never
 * match), and the created TR attachments carry their billing hint.
 */
import * as fs from "fs";
import * as path from "path";
import { costHint } from "../../lib/analysis/netdiff-costs";
import { REPLACE_ON_CHANGE } from "../../lib/analysis/netdiff-facts";

type Block = { attributes?: Record<string, unknown>; block_types?: Record<string, unknown> };
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "../../schema/alicloud-1.240.0.json"), "utf8")) as {
  provider_schemas: Record<string, { resource_schemas: Record<string, { block: Block }> }>;
};
const resources = Object.values(schema.provider_schemas)[0]!.resource_schemas;
const TR_TYPES = Object.keys(REPLACE_ON_CHANGE).filter((t) => t.startsWith("alicloud_cen_transit_router"));

describe("netdiff facts: transit routers", () => {
  it("covers every TR type netdiff reads", () => {
    expect(TR_TYPES.sort()).toEqual([
      "alicloud_cen_transit_router",
      "alicloud_cen_transit_router_peer_attachment",
      "alicloud_cen_transit_router_route_entry",
      "alicloud_cen_transit_router_route_table",
      "alicloud_cen_transit_router_route_table_association",
      "alicloud_cen_transit_router_route_table_propagation",
      "alicloud_cen_transit_router_vbr_attachment",
      "alicloud_cen_transit_router_vpc_attachment",
    ]);
  });

  it.each(TR_TYPES)("lists only arguments %s has, with a provider file:line source", (type) => {
    const block = resources[type]!.block;
    const args = [...Object.keys(block.attributes ?? {}), ...Object.keys(block.block_types ?? {})];
    for (const a of REPLACE_ON_CHANGE[type]!.forceNew) expect(args).toContain(a);
    expect(REPLACE_ON_CHANGE[type]!.source).toMatch(new RegExp(`^alicloud/resource_${type}\\.go:\\d+-\\d+$`));
  });

  it("hints how a peer attachment is billed, by its bandwidth type", () => {
    expect(costHint("alicloud_cen_transit_router_peer_attachment", { bandwidth_type: "DataTransfer", bandwidth: 10 })).toBe(
      "inter-region traffic billed per GB leaving each TR, through Cloud Data Transfer (`bandwidth` 10 Mbit/s cap)",
    );
    expect(costHint("alicloud_cen_transit_router_peer_attachment", { bandwidth_type: "BandwidthPackage" })).toMatch(/bandwidth plan/);
  });
});
