/**
 * examples/: realistic topology files beyond the seeds, each referencing the committed
 * JSON Schema. Each one is valid under that schema (what an editor checks), loads and
 * synthesizes through TOPOLOGY_FILE's path with no error, and keeps the reachability
 * invariants under the independent checker. The committed schema must be current.
 */
import Ajv2020 from "ajv/dist/2020";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { runApp } from "../app";
import { loadTopologyFile, Topology } from "../lib/topology";
import { TOPOLOGY_SCHEMA_FILE } from "../lib/topology/json-schema";
import { renderTopologySchema } from "../tools/topology-schema";
import { seedTopologies } from "./fixtures/seeds";
import { Json, reachabilityProblems } from "./invariants";

const ROOT = resolve(__dirname, "..");
const EXAMPLES = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".json"))
  .sort();
const committed = JSON.parse(readFileSync(join(ROOT, TOPOLOGY_SCHEMA_FILE), "utf8")) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(committed);
const errorsOf = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe("schema/topology.schema.json", () => {
  it("is current with lib/topology/schema.ts (run npm run generate)", () => {
    expect(readFileSync(join(ROOT, TOPOLOGY_SCHEMA_FILE), "utf8")).toBe(renderTopologySchema());
  });

  it("accepts every seed topology, as zod does", () => {
    for (const [name, t] of Object.entries(seedTopologies())) expect([name, errorsOf(t)]).toEqual([name, []]);
  });

  it("rejects an unknown field, a wrong link kind and a missing CIDR, as zod does", () => {
    const t = structuredClone(seedTopologies()["shared-nat"]) as unknown as Record<string, unknown> & {
      vpcs: Record<string, unknown>[];
      links: Record<string, unknown>[];
    };
    t.natGateway = {};
    t.links[0]!.kind = "tunnel";
    delete t.vpcs[0]!.cidr;
    const errors = errorsOf(t);
    expect(errors).toEqual(expect.arrayContaining([" must NOT have additional properties", "/vpcs/0 must have required property 'cidr'"]));
    expect(errors.some((e) => e.startsWith("/links/0"))).toBe(true);
  });
});

describe.each(EXAMPLES)("examples/%s", (file) => {
  const path = join(ROOT, "examples", file);
  const doc = JSON.parse(readFileSync(path, "utf8")) as { $schema?: string; name: string };

  it("references the committed schema and is valid under it", () => {
    expect(resolve(join(ROOT, "examples"), doc.$schema ?? "")).toBe(join(ROOT, TOPOLOGY_SCHEMA_FILE));
    expect(errorsOf(doc)).toEqual([]);
  });

  it("synthesizes through TOPOLOGY_FILE with no error, and keeps every reachability invariant", () => {
    // GIVEN the example loaded as the app loads it
    const t: Topology = loadTopologyFile(path);
    const outdir = join(mkdtempSync(join(tmpdir(), "example-")), "cdktf.out");
    const log: string[] = [];
    // WHEN synthesized
    const code = runApp({ outdir, settings: { topologyFile: path }, log: (m) => log.push(m) });
    // THEN
    expect({ code, errors: log.filter((m) => !m.startsWith("WARNING")) }).toEqual({ code: 0, errors: [] });
    const tf = JSON.parse(readFileSync(join(outdir, "stacks", `${doc.name}-dev`, "cdk.tf.json"), "utf8")) as Json;
    expect(Object.keys(tf.resource ?? {}).length).toBeGreaterThan(0);
    expect(reachabilityProblems(tf, t)).toEqual({
      linksNotWorking: [],
      notAsPlanned: { missing: [], extra: [] },
      looped: [],
      fromInternet: [],
    });
  });
});

describe("loadTopologyFile and $schema", () => {
  const write = (doc: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), "schema-ref-")), "shared-nat.json");
    writeFileSync(file, JSON.stringify(doc));
    return file;
  };

  it("ignores the editor's $schema reference", () => {
    const t = seedTopologies()["shared-nat"];
    expect(loadTopologyFile(write({ $schema: "../schema/topology.schema.json", ...t }))).toEqual(t);
  });

  it("fails when $schema is not a string, naming it", () => {
    expect(() => loadTopologyFile(write({ $schema: 7, ...seedTopologies()["shared-nat"] }))).toThrow(/\$schema = 7: is not a string/);
  });
});
