/**
 * The transit-router fixture stacks e2e runs before the constructs exist: they must follow the
 * shape every judge reads (resource types, arguments, references that resolve), and the
 * e2e option that selects them refuses what it does not know.
 */
import { buildTrStack, TR_FIXTURES } from "../../emulator/e2e/fixtures/transit-router";
import { parseArgs } from "../../emulator/e2e/options";

type Res = Record<string, Record<string, Record<string, unknown>>>;
const stacks = TR_FIXTURES.map((s) => ({
  name: s.stack,
  json: buildTrStack(s) as { resource: Res; provider: { alicloud: { alias: string }[] } },
}));

describe("transit-router fixture stacks", () => {
  test.each(stacks)("$name: every ${type.name.attr} reference and provider alias resolves", ({ json }) => {
    const text = JSON.stringify(json.resource);
    const refs = [...text.matchAll(/\$\{([a-z_]+)\.([A-Za-z0-9_]+)\.[a-z_]+\}/g)];
    expect(refs.length).toBeGreaterThan(10);
    for (const [, type, name] of refs)
      expect([type, name, json.resource[type as string]?.[name as string] !== undefined]).toEqual([type, name, true]);
    const aliases = json.provider.alicloud.map((p) => `alicloud.${p.alias}`);
    for (const byName of Object.values(json.resource)) for (const r of Object.values(byName)) expect(aliases).toContain(r.provider);
  });

  test.each(stacks)(
    "$name: no router interface; VPC attachments with two zone mappings, not auto-publishing; peer on DataTransfer",
    ({ json }) => {
      const types = Object.keys(json.resource);
      expect(types.filter((t) => t.includes("router_interface"))).toEqual([]);
      for (const a of Object.values(json.resource.alicloud_cen_transit_router_vpc_attachment ?? {})) {
        expect(a.zone_mappings).toHaveLength(2);
        expect(a.auto_publish_route_enabled).toBe(false);
      }
      for (const p of Object.values(json.resource.alicloud_cen_transit_router_peer_attachment ?? {}))
        expect(p).toMatchObject({ bandwidth_type: "DataTransfer", auto_publish_route_enabled: false });
      for (const e of Object.values(json.resource.alicloud_route_entry ?? {})) expect(e.nexthop_type).toBe("Attachment");
    },
  );

  test("the data center's VBR attachment auto-publishes, and it is propagated; peer attachments are associated on both sides and never propagated", () => {
    const idc = stacks.find((s) => s.name === "transit-router-idc")?.json.resource ?? {};
    const vbr = Object.values(idc.alicloud_cen_transit_router_vbr_attachment ?? {});
    expect(vbr).toHaveLength(1);
    expect(vbr[0]?.auto_publish_route_enabled).toBe(true);
    const props = JSON.stringify(idc.alicloud_cen_transit_router_route_table_propagation);
    expect(props).toContain("alicloud_cen_transit_router_vbr_attachment.");
    expect(props).not.toContain("peer_attachment");
    const assocs = Object.values(idc.alicloud_cen_transit_router_route_table_association ?? {});
    expect(assocs.filter((a) => String(a.transit_router_attachment_id).includes("peer_attachment"))).toHaveLength(2);
  });
});

describe("e2e --fixture and --variant", () => {
  test("selects a fixture set by name", () => {
    expect(parseArgs(["--fixture", "transit-router"]).fixture).toBe("transit-router");
  });
  test("fails when the fixture set is unknown", () => {
    expect(() => parseArgs(["--fixture", "mesh"])).toThrow(/--fixture "mesh": allowed: transit-router/);
  });
  test("fails when a synth directory is given as well", () => {
    expect(() => parseArgs(["cdktf.out", "--fixture", "transit-router"])).toThrow(/each name the stacks: give one/);
  });
  test("--variant selects the transit-router synth; fails when the variant is unknown", () => {
    expect(parseArgs(["--variant", "transit-router"]).variant).toBe("transit-router");
    expect(() => parseArgs(["--variant", "mesh"])).toThrow(/--variant "mesh": allowed: transit-router/);
  });
});
