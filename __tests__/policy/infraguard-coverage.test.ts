/**
 * The InfraGuard coverage data against what the stacks really emit: every rule about an
 * emitted type has an answer that is not "not emitted", the default topologies (dev and
 * prod, both hub interconnects) synthesize with no policy error, every exemption the
 * template applies is one the data explains, and the summary table in docs/security.md is current.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { runApp } from "../../app";
import { providerSchemaFacts } from "../../config/provider-schema";
import {
  CoverageStatus,
  coverageOf,
  INFRAGUARD_CHECKS,
  INFRAGUARD_COVERAGE,
  INFRAGUARD_PACKS,
  policyExemptions,
  PolicyRule,
  RecordedExemption,
} from "../../lib/policy";
import {
  Catalogue,
  compareWithCatalogue,
  loadCatalogue,
  parsePackRules,
  parseRuleFile,
  REGENERATE,
  ROOT,
  staleFiles,
  TABLE_HOST,
} from "../../tools/infraguard-coverage";
import { stacksFor } from "../../stacks";
import { seedSelection } from "../fixtures/seeds";
import { linkOf, mutate, singleTunnelUsVpc, vpcOf } from "../topology/draft";

interface Synthesized {
  readonly name: string;
  readonly json: { resource?: Record<string, Record<string, Record<string, unknown>>> };
  readonly errors: string[];
  readonly exemptions: RecordedExemption[];
}

/**
 * Every seed stack (the fixtures, not config/: the coverage table describes the template),
 * synthesized with the policy checks, for dev and prod and both hub interconnects.
 */
function synthesizeDefaults(): Synthesized[] {
  const out: Synthesized[] = [];
  for (const env of ["dev", "prod"]) {
    for (const hubInterconnect of ["router-interface", "peering"] as const) {
      const app: App = Testing.app();
      stacksFor(app, seedSelection({ env, hubInterconnect }), env, { policy: providerSchemaFacts() });
      for (const stack of app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)) {
        const json = JSON.parse(Testing.synth(stack)) as Synthesized["json"];
        const errors = stack.node
          .findAll()
          .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => `${c.node.path}: ${String(m.data)}`));
        out.push({ name: `${stack.node.id} (${hubInterconnect})`, json, errors, exemptions: policyExemptions(stack) });
      }
    }
  }
  return out;
}

const schemaTypes = new Set(
  Object.keys(
    (JSON.parse(fs.readFileSync(path.join(ROOT, "schema/types.json"), "utf8")) as { resources: Record<string, string> }).resources,
  ),
);

describe("InfraGuard coverage", () => {
  let stacks: Synthesized[];
  let emitted: Set<string>;
  beforeAll(() => {
    stacks = synthesizeDefaults();
    emitted = new Set(stacks.flatMap((s) => Object.keys(s.json.resource ?? {})));
  });

  it("synthesizes every default stack with no policy rule violated", () => {
    expect(stacks.length).toBe(20);
    expect(stacks.flatMap((s) => s.errors)).toEqual([]);
  });

  it("explains every exemption the template applies to its own resources with the reason recorded in the data", () => {
    const all = stacks.flatMap((s) => s.exemptions);
    expect(all.length).toBeGreaterThan(0);
    for (const e of all) {
      const row = coverageOf(e.rule);
      expect({ path: e.path, reason: e.reason }).toEqual({ path: e.path, reason: row.defaultExemption?.reason });
    }
  });

  it("answers every rule about an emitted type: enforced, by construction or exempted", () => {
    // A rule whose subject (first type) the schema lacks only reads emitted types on the side.
    const aboutEmitted = INFRAGUARD_COVERAGE.filter(
      (r) => r.resourceTypes.some((t) => emitted.has(t)) && schemaTypes.has(r.resourceTypes[0]!),
    );
    expect(aboutEmitted.length).toBeGreaterThanOrEqual(25);
    const answered = [CoverageStatus.ENFORCED, CoverageStatus.BY_CONSTRUCTION, CoverageStatus.EXEMPTED];
    for (const r of aboutEmitted) expect({ id: r.id, answered: answered.includes(r.status) }).toEqual({ id: r.id, answered: true });
  });

  it("marks a rule not emitted only when no default stack emits its types, all of which are in the schema", () => {
    for (const r of INFRAGUARD_COVERAGE.filter((x) => x.status === CoverageStatus.NOT_EMITTED)) {
      expect({ id: r.id, emitted: r.resourceTypes.filter((t) => emitted.has(t)) }).toEqual({ id: r.id, emitted: [] });
      expect(r.resourceTypes.filter((t) => schemaTypes.has(t)).length).toBeGreaterThan(0);
    }
  });

  it("marks a rule not applicable only when its subject type is absent from the schema", () => {
    for (const r of INFRAGUARD_COVERAGE.filter((x) => x.status === CoverageStatus.NOT_APPLICABLE)) {
      expect({ id: r.id, inSchema: schemaTypes.has(r.resourceTypes[0]!) }).toEqual({ id: r.id, inSchema: false });
    }
  });

  it("holds the by-construction rules in the synthesized JSON", () => {
    // rule -> (type, argument every emitted resource of that type sets)
    const held: Record<string, [string, string]> = {
      "internet-nat-gateway-in-specified-vpc": ["alicloud_nat_gateway", "vpc_id"],
      "intranet-nat-gateway-in-specified-vpc": ["alicloud_nat_gateway", "vpc_id"],
      "nat-gateway-vpc-required": ["alicloud_nat_gateway", "vpc_id"],
      "vpn-gateway-vpc-required": ["alicloud_vpn_gateway", "vpc_id"],
      "vswitch-zone-required": ["alicloud_vswitch", "zone_id"],
    };
    expect(Object.keys(held).sort()).toEqual(
      INFRAGUARD_COVERAGE.filter((r) => r.status === CoverageStatus.BY_CONSTRUCTION)
        .map((r) => r.id)
        .sort(),
    );
    for (const [id, [type, arg]] of Object.entries(held)) {
      const blocks = stacks.flatMap((s) => Object.values(s.json.resource?.[type] ?? {}));
      expect(blocks.length).toBeGreaterThan(0);
      for (const b of blocks) expect({ id, set: typeof b[arg] === "string" && b[arg] !== "" }).toEqual({ id, set: true });
    }
  });

  it("describes the defaults the exempted rules are about", () => {
    const all = (type: string) => stacks.flatMap((s) => Object.values(s.json.resource?.[type] ?? {}));
    expect(emitted.has("alicloud_vpc_flow_log")).toBe(false);
    expect(all("alicloud_vpn_gateway").map((g) => g.enable_ssl)).toEqual(all("alicloud_vpn_gateway").map(() => false));
    expect(all("alicloud_vpn_connection").filter((c) => c.health_check_config !== undefined)).toEqual([]);
    expect(new Set(all("alicloud_security_group").map((g) => g.security_group_type))).toEqual(new Set(["normal"]));
  });

  it("turns deletion protection on wherever the pinned provider offers it (not only where InfraGuard asks)", () => {
    // From the committed schema: every resource type with a `deletion_protection` argument.
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema/alicloud-1.240.0.json"), "utf8")) as {
      provider_schemas: Record<string, { resource_schemas: Record<string, { block: { attributes?: Record<string, unknown> } }> }>;
    };
    const protectable = Object.entries(Object.values(schema.provider_schemas)[0]!.resource_schemas)
      .filter(([, r]) => r.block.attributes?.deletion_protection !== undefined)
      .map(([t]) => t)
      .sort();
    expect(protectable).toEqual(["alicloud_eip_address", "alicloud_instance", "alicloud_nat_gateway"]);
    const emittedProtectable = protectable.filter((t) => emitted.has(t));
    expect(emittedProtectable).toEqual(["alicloud_eip_address", "alicloud_nat_gateway"]);
    for (const t of emittedProtectable) {
      for (const b of stacks.flatMap((st) => Object.values(st.json.resource?.[t] ?? {})))
        expect({ t, on: b.deletion_protection }).toEqual({ t, on: true });
    }
  });

  it("drops an office's health-check exemption when the office opts in, and still passes", () => {
    const app: App = Testing.app();
    // us-vpc on a single-tunnel gateway: a dual-tunnel connection takes no health check
    const hub = mutate(seedSelection()["multinational-hub"], (d) => {
      singleTunnelUsVpc(d);
      linkOf(d, "us-office-1", "vpn").healthCheck = { sourceIp: "172.16.0.10", destinationIp: "10.10.10.1" };
    });
    stacksFor(app, { ...seedSelection(), "multinational-hub": hub }, "dev", { policy: providerSchemaFacts() });
    const stack = app.node.findChild("multinational-hub-dev") as TerraformStack;
    const json = JSON.parse(Testing.synth(stack)) as Synthesized["json"];
    expect(stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error"))).toEqual([]);
    const probed = Object.values(json.resource?.alicloud_vpn_connection ?? {}).filter((c) => c.health_check_config !== undefined);
    expect(probed.map((c) => c.vpn_connection_name)).toEqual(["us-office-1"]);
    expect(
      policyExemptions(stack)
        .filter((e) => e.rule === PolicyRule.VPN_HEALTH_CHECK)
        .map((e) => e.path.split("/")[3])
        .sort(),
    ).toEqual(["CnOffice3", "CnOffice4", "UsOffice2"]);
  });

  it("fails the app's synthesis with the rule ID when a topology violates an enforced rule, and writes nothing", () => {
    // GIVEN the shared-NAT topology with a /29 vSwitch (valid for the API, too small for InfraGuard)
    const topology = mutate(seedSelection()["shared-nat"], (d) => {
      vpcOf(d, "spoke-vpc").vswitches[0]!.cidr = "172.16.0.0/29";
    });
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "infraguard-")), "cdktf.out");
    const lines: string[] = [];
    // WHEN the app synthesizes it
    const code = runApp({ outdir, topologies: { "shared-nat": topology }, log: (m) => lines.push(m) });
    // THEN it exits 1 naming the rule, the resource path and what is allowed, and leaves no output
    expect(code).toBe(1);
    expect(lines.join("\n")).toMatch(
      /shared-nat-dev\/Network\/Vpcs\/SpokeVpc\/VSwitches\/SpokeApp\] \[policy:vswitch-available-ip-count\] alicloud_vswitch\.cidr_block = 172\.16\.0\.0\/29 leaves too few addresses; allowed: \/28 or larger/,
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("has one row per rule ID, a PolicyRule and a check for each enforced row", () => {
    const ids = INFRAGUARD_COVERAGE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ruleIds = new Set<string>(Object.values(PolicyRule));
    const checked = new Set<string>(INFRAGUARD_CHECKS.map((c) => c.rule));
    for (const r of INFRAGUARD_COVERAGE) {
      const enforced = r.status === CoverageStatus.ENFORCED;
      expect({ id: r.id, rule: ruleIds.has(r.id), check: checked.has(r.id) }).toEqual({ id: r.id, rule: enforced, check: enforced });
    }
  });

  it("answers every rule of the packs it aims at", () => {
    for (const p of Object.values(INFRAGUARD_PACKS)) for (const id of p.rules) expect(() => coverageOf(id)).not.toThrow();
    expect(() => coverageOf("no-such-rule")).toThrow(/no InfraGuard coverage row for rule "no-such-rule"/);
  });

  it("keeps the summary table and docs/infraguard-coverage.md current", () => {
    const stale = staleFiles(ROOT);
    if (stale.length > 0) throw new Error(`stale: ${stale.join(", ")}; run \`${REGENERATE}\``);
    expect(fs.readFileSync(path.join(ROOT, TABLE_HOST), "utf8")).toContain("| `vpn-gateway-multi-zone` | medium |");
  });
});

describe("the coverage data against InfraGuard's catalogue (lib/policy/infraguard-catalogue.json)", () => {
  const catalogue: Catalogue = loadCatalogue();

  it("matches it: IDs, severities, types, paths, pack lists, and a row for every Terraform rule about a schema type", () => {
    expect(catalogue.rules.filter((r) => r.source.includes("/terraform/"))).toHaveLength(311);
    expect(compareWithCatalogue(catalogue, schemaTypes)).toEqual([]);
  });

  it("fails when a type is added to schema/types.json without answering InfraGuard's rules about it", () => {
    const problems = compareWithCatalogue(catalogue, new Set([...schemaTypes, "alicloud_slb_load_balancer"]));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems)
      expect(p).toMatch(
        /^slb-[a-z0-9-]+ \(policies\/aliyun\/rules\/terraform\/slb-[a-z0-9-]+\.rego\) concerns alicloud_slb_load_balancer but has no coverage row$/,
      );
  });

  it("fails on a changed severity, a missing rule file, a new rule and a changed pack", () => {
    // GIVEN the catalogue with one severity changed, one rule gone, one rule added and one pack rule dropped
    const changed: Catalogue = {
      ...catalogue,
      rules: [
        ...catalogue.rules
          .filter((r) => r.id !== "vswitch-available-ip-count")
          .map((r) => (r.id === "eip-bandwidth-limit" && r.source.includes("/terraform/") ? { ...r, severity: "high" } : r)),
        {
          id: "vpc-new-rule",
          severity: "low",
          resourceTypes: ["alicloud_vpc"],
          source: "policies/aliyun/rules/terraform/vpc-new-rule.rego",
        },
      ],
      packs: Object.fromEntries(Object.entries(catalogue.packs).map(([k, v]) => [k, v.filter((id) => id !== "vpc-cidr-required")])),
    };
    // WHEN compared THEN exactly those differences are reported
    expect(compareWithCatalogue(changed, schemaTypes)).toEqual([
      "eip-bandwidth-limit: severity low here, high in InfraGuard",
      "vswitch-available-ip-count: source policies/aliyun/rules/terraform/vswitch-available-ip-count.rego not found",
      "vpc-new-rule (policies/aliyun/rules/terraform/vpc-new-rule.rego) concerns alicloud_vpc but has no coverage row",
      "pack network-architecture: vpc-cidr-required is not an active rule of policies/aliyun/packs/network-architecture/common-network-architecture-pack.rego",
    ]);
  });

  it("reads rule facts and active pack rules as InfraGuard writes them", () => {
    const rule = `package x\nrule_meta := {\n\t"id": "a-b",\n\t"severity": "high",\n\t"resource_types": ["alicloud_vpc", "alicloud_vpc_flow_log"],\n}\n`;
    expect(parseRuleFile(rule)).toEqual({ id: "a-b", severity: "high", resourceTypes: ["alicloud_vpc", "alicloud_vpc_flow_log"] });
    expect(parseRuleFile("package x")).toBeUndefined();
    expect(parsePackRules(`"rules": [\n\t\t"one",\n\t\t# "two",  # Commented\n\t\t"three"\n\t]`)).toEqual(["one", "three"]);
  });
});
