/**
 * Inline checkov skips (lib/private/checkov.ts), read from the Terraform JSON exactly as
 * `tools/ci/checkov.sh` scans it: with cdktf's `"//"` metadata, which `Testing.synth`
 * strips. A skip cannot appear, disappear or lose its reason without this file changing.
 */
import { readFileSync, rmSync } from "fs";
import { join } from "path";
import { TerraformStack, Testing } from "cdktf";
import { SEED_SCENARIOS as SCENARIOS, SeedScenario as Scenario, seedTopologies as defaultTopologies } from "../fixtures/seeds";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { checkovSkips, skipCheckov } from "../../lib/private/checkov";
import { Topology } from "../../lib/topology";
import {
  IdcLeasedLineStack,
  MultinationalHubStack,
  SharedNatStack,
  VpcPeeringCrossAccountStack,
  VpcPeeringSameAccountStack,
} from "../../stacks";
import { allResources, Block, newStack, TfJson } from "./tf-json";

interface FoundSkip {
  readonly stack: string;
  readonly resource: string; // `<type> <construct path below the stack>`
  readonly id: string;
  readonly comment: unknown;
}

/**
 * Every skip the scanned stacks carry, by stack: the resource (type and construct path
 * below the stack) and the check id. None today: checkov 3.3.30 finds no failure in any
 * stack (docs/security-scan.md). Add a row here with each skipCheckov call.
 */
const EXPECTED: readonly Omit<FoundSkip, "comment">[] = [];

type StackClass = new (scope: ConstructorParameters<typeof TerraformStack>[0], id: string, props: { topology: Topology }) => TerraformStack;
const STACKS: Record<Scenario, StackClass> = {
  "vpc-peering-same-account": VpcPeeringSameAccountStack,
  "vpc-peering-cross-account": VpcPeeringCrossAccountStack,
  "shared-nat": SharedNatStack,
  "idc-leased-line": IdcLeasedLineStack,
  "multinational-hub": MultinationalHubStack,
};

/** The stack's cdk.tf.json as synthesis writes it, metadata included. */
function fullJson(stack: TerraformStack): TfJson {
  const outdir = Testing.fullSynth(stack);
  try {
    return JSON.parse(readFileSync(join(outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8")) as TfJson;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function skipsIn(stack: string, tf: TfJson): FoundSkip[] {
  return allResources(tf).flatMap(([type, , body]: [string, string, Block]) => {
    const meta = body["//"] ?? {};
    const path = String(meta.metadata?.path ?? "")
      .split("/")
      .slice(1)
      .join("/");
    const list: unknown = meta.checkov?.skip ?? [];
    return (Array.isArray(list) ? list : [list]).map((s: { id?: unknown; comment?: unknown }) => ({
      stack,
      resource: `${type} ${path}`,
      id: String(s?.id),
      comment: s?.comment,
    }));
  });
}

const sortKey = (s: Omit<FoundSkip, "comment">) => `${s.stack} ${s.resource} ${s.id}`;

describe("checkov skips in the scanned stacks", () => {
  // GIVEN every stack `tools/ci/checkov.sh` scans: the five defaults and the hub with peering
  // WHEN each is synthesized with its metadata (once)
  let found: FoundSkip[];
  beforeAll(() => {
    const defaults = defaultTopologies();
    const stacks = SCENARIOS.map((s) => [s, defaults[s]] as const);
    stacks.push(["multinational-hub", defaultTopologies("peering")["multinational-hub"]]);
    found = stacks.flatMap(([scenario, topology], i) => {
      const label = i === SCENARIOS.length ? `${scenario} (peering)` : scenario;
      const tf = fullJson(new STACKS[scenario](Testing.app(), `${scenario}-test`, { topology }));
      expect(Object.keys(tf.resource ?? {}).length).toBeGreaterThan(0);
      return skipsIn(label, tf);
    });
  });

  it("carry exactly the expected skips, each on its intended resource", () => {
    // THEN the skips found are the listed ones, no more and no fewer
    const strip = ({ comment: _c, ...rest }: FoundSkip) => rest;
    expect(found.map(strip).sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      [...EXPECTED].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
  });

  it("give every skip a reason", () => {
    // THEN no skip found lacks its comment
    for (const s of found) {
      expect(typeof s.comment).toBe("string");
      expect((s.comment as string).trim().length).toBeGreaterThanOrEqual(20);
    }
  });
});

describe("skipCheckov", () => {
  function rule(stack: TerraformStack, id: string): SecurityGroupRule {
    return new SecurityGroupRule(stack, id, {
      securityGroupId: "sg-test",
      type: "ingress",
      ipProtocol: "tcp",
      portRange: "22/22",
      cidrIp: "0.0.0.0/0",
      nicType: "intranet",
    });
  }

  it("writes the skip into the resource's \"//\" block, beside cdktf's metadata, on that resource only", () => {
    // GIVEN two rules in a stack
    const stack = newStack("skips");
    new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    const skipped = rule(stack, "Skipped");
    rule(stack, "Other");
    // WHEN one of them skips CKV_ALI_2 and CKV_ALI_3
    skipCheckov(skipped, "CKV_ALI_2", "  port 22 from anywhere is this bastion's purpose  ");
    skipCheckov(skipped, "CKV_ALI_3", "RDP check: the rule admits TCP 22 only");
    // THEN the skipped rule carries both skips, trimmed, and its metadata; the other none
    const tf = fullJson(stack);
    const rules = tf.resource!["alicloud_security_group_rule"]!;
    expect(rules["Skipped"]!["//"]).toEqual({
      metadata: { path: "skips/Skipped", uniqueId: "Skipped" },
      checkov: {
        skip: [
          { id: "CKV_ALI_2", comment: "port 22 from anywhere is this bastion's purpose" },
          { id: "CKV_ALI_3", comment: "RDP check: the rule admits TCP 22 only" },
        ],
      },
    });
    expect(rules["Other"]!["//"]).toEqual({ metadata: { path: "skips/Other", uniqueId: "Other" } });
    expect(checkovSkips(skipped).map((s) => s.id)).toEqual(["CKV_ALI_2", "CKV_ALI_3"]);
  });

  it("fails when the reason is missing or too short to say why", () => {
    // GIVEN a rule
    const r = rule(newStack(), "R");
    // WHEN a skip has a blank or a token reason; THEN it throws, naming the resource
    expect(() => skipCheckov(r, "CKV_ALI_2", "   ")).toThrow(/CKV_ALI_2 on alicloud_security_group_rule at test\/R needs a reason/);
    expect(() => skipCheckov(r, "CKV_ALI_2", "accepted risk")).toThrow(/needs a reason/);
  });

  it("fails when the id is not a checkov check id", () => {
    // GIVEN a rule; WHEN the id is a platform id or lower case; THEN it throws
    const r = rule(newStack(), "R");
    expect(() => skipCheckov(r, "BC_ALI_NETWORKING_1", "a reason long enough to pass the length rule")).toThrow(/not a checkov check id/);
    expect(() => skipCheckov(r, "ckv_ali_2", "a reason long enough to pass the length rule")).toThrow(/not a checkov check id/);
  });

  it("fails when the same check is skipped twice on one resource", () => {
    // GIVEN a rule that skips CKV_ALI_2; WHEN it is skipped again; THEN it throws
    const r = rule(newStack(), "R");
    skipCheckov(r, "CKV_ALI_2", "port 22 from anywhere is this bastion's purpose");
    expect(() => skipCheckov(r, "CKV_ALI_2", "a second reason for the same check")).toThrow(/given twice/);
  });
});
