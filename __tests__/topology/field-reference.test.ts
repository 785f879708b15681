/**
 * The field reference: every field of a topology file is documented, and the committed
 * JSON Schema and docs/topology-reference.md are what the generator makes today.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { z } from "zod";
import { annotateTopologySchema, describeField } from "../../lib/topology/field-reference";
import { TOPOLOGY_REFERENCE_FILE, TOPOLOGY_SCHEMA_FILE } from "../../lib/topology/json-schema";
import { TopologySchema } from "../../lib/topology/schema";
import { renderTopologyReferencePage, renderTopologySchema, ROOT } from "../../tools/topology-schema";

type Node = { properties?: Record<string, Node>; items?: Node; oneOf?: Node[]; anyOf?: Node[]; description?: string };

/** Every property path of a schema that has no description. */
function undescribed(n: Node, at = ""): string[] {
  const own = Object.entries(n.properties ?? {}).flatMap(([k, v]) => [
    ...(v.description ? [] : [`${at}.${k}`]),
    ...undescribed(v, `${at}.${k}`),
  ]);
  const variants = [...(n.oneOf ?? []), ...(n.anyOf ?? [])].flatMap((v, i) => undescribed(v, `${at}<${i}>`));
  return [...own, ...variants, ...(n.items ? undescribed(n.items, `${at}[]`) : [])];
}

describe("topology field reference", () => {
  it("documents every field of the zod schema in types.ts", () => {
    // GIVEN the schema zod generates, without the hand-written top-level descriptions
    const generated = z.toJSONSchema(TopologySchema, { target: "draft-2020-12" }) as Node;
    // WHEN annotated from the TSDoc
    const missing = annotateTopologySchema(generated as never);
    // THEN nothing is left undocumented
    expect(missing).toEqual([]);
    expect(undescribed(generated)).toEqual([]);
  });

  it("the committed schema describes every field", () => {
    const committed = JSON.parse(readFileSync(join(ROOT, TOPOLOGY_SCHEMA_FILE), "utf8")) as Node;
    expect(undescribed(committed)).toEqual([]);
  });

  it("fails when the committed schema or reference page is stale (run npm run generate)", () => {
    expect(readFileSync(join(ROOT, TOPOLOGY_SCHEMA_FILE), "utf8")).toBe(renderTopologySchema());
    expect(readFileSync(join(ROOT, TOPOLOGY_REFERENCE_FILE), "utf8")).toBe(renderTopologyReferencePage());
  });

  it("states a field's default after its text, and an empty doc as empty", () => {
    expect(describeField({ text: "Port bandwidth in Mbit/s", default: "1000" })).toBe("Port bandwidth in Mbit/s. Default: 1000.");
    expect(describeField({ text: "" })).toBe("");
  });

  it("renders one table per object, with the defaults resolved from enums", () => {
    const page = renderTopologyReferencePage();
    expect(page).toContain("## `vpcs[].vpnGateway`");
    expect(page).toContain('## `links[] (kind "vpn")`');
    // `@default VpnGatewayPaymentType.PAY_AS_YOU_GO` reads as the value a file writes
    expect(page).toMatch(/\| `paymentType` \| .* \| no \| .*Default: "PayAsYouGo"\. \|/);
  });
});
