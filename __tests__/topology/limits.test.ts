/**
 * The API's string limits as data (lib/topology/limits.ts): each rule refuses what the
 * API refuses, and everything the template derives from names (resource names,
 * descriptions, tags) stays within them even for the longest names validation allows.
 */
import { mkdtempSync, readdirSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runApp } from "../../app";
import { LIMITS, MAX_TAGS_PER_RESOURCE, stringLimitProblems, Topology } from "../../lib/topology";

describe("stringLimitProblems", () => {
  it.each([
    ["a tag key of 128 characters", "k".repeat(128), LIMITS.tagKey, []],
    ["a tag value of 0 characters", "", LIMITS.tagValue, []],
    ["a session name with @ and .", "ci.run@pipeline-1", LIMITS.sessionName, []],
  ])("accepts %s", (_n, s, limit, expected) => {
    expect(stringLimitProblems(s, limit)).toEqual(expected);
  });

  it.each([
    ["a tag key of 129 characters", "k".repeat(129), LIMITS.tagKey, "is 129 characters long; allowed: a tag key of 1–128 characters"],
    ["an empty tag key", "", LIMITS.tagKey, "is 0 characters long"],
    ["a tag key starting with aliyun", "aliyunTeam", LIMITS.tagKey, 'starts with "aliyun", which Alibaba Cloud reserves'],
    ["a tag value starting with acs:", "acs:rm:rg", LIMITS.tagValue, 'starts with "acs:"'],
    ["a tag value holding http://", "see http://x.example", LIMITS.tagValue, 'contains "http://"'],
    ["a description starting with https://", "https://wiki.example/net", LIMITS.description, 'starts with "https://"'],
    ["a resource name starting with a digit", "1-vpc", LIMITS.resourceName, "has characters not allowed in a resource name"],
    ["a session name of 65 characters", "s".repeat(65), LIMITS.sessionName, "is 65 characters long"],
  ])("fails when given %s", (_n, s, limit, expected) => {
    expect(stringLimitProblems(s, limit).join("; ")).toContain(expected);
  });

  it("cites a source for every limit", () => {
    for (const l of Object.values(LIMITS)) expect(l.source).toMatch(/alicloud\/\S+\.go:\d+|https:\/\/www\.alibabacloud\.com\/help\//);
  });
});

describe("derived names, descriptions and tags stay within the API's limits", () => {
  // GIVEN the longest names validation allows (40 characters) on every kind of resource
  const long = (prefix: string) => `${prefix}-${"x".repeat(39 - prefix.length)}`;
  const spokes = Array.from({ length: 12 }, (_, i) => long(`spoke${String.fromCharCode(97 + i)}`));
  const hub = long("hub");
  const topology: Topology = {
    name: "shared-nat",
    accounts: [{ name: long("account") }],
    vpcs: [
      {
        name: hub,
        account: long("account"),
        region: "cn-hangzhou",
        cidr: "10.0.0.0/16",
        vswitches: [
          { name: long("vswa"), zone: "cn-hangzhou-h", cidr: "10.0.0.0/24" },
          { name: long("vswb"), zone: "cn-hangzhou-i", cidr: "10.0.1.0/24" },
        ],
        vpnGateway: { bandwidth: 10, vswitch: long("vswa"), disasterRecoveryVswitch: long("vswb") },
      },
      ...spokes.map((s, i) => ({
        name: s,
        account: long("account"),
        region: "cn-hangzhou",
        cidr: `10.${i + 1}.0.0/16`,
        vswitches: [{ name: long("vswa"), zone: "cn-hangzhou-h", cidr: `10.${i + 1}.0.0/24` }],
      })),
    ],
    offices: [{ name: long("office"), publicIp: "203.0.113.9", cidrs: ["192.168.9.0/24"] }],
    links: [
      ...spokes.map((s, i) => ({
        kind: "peering" as const,
        name: long(`peer${String.fromCharCode(97 + i)}`),
        requester: hub,
        acceptor: s,
      })),
      { kind: "shared-nat", name: long("egress"), hub, vswitch: long("vswa"), spokes },
      { kind: "vpn", name: long("vpnlink"), office: long("office"), vpc: hub },
    ],
    tags: Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`key-${i}-${"k".repeat(120)}`, "v".repeat(128)])),
  };
  const outdir = join(mkdtempSync(join(tmpdir(), "limits-")), "cdktf.out");
  const log: string[] = [];
  const code = runApp({ outdir, topologies: { "shared-nat": topology }, only: ["shared-nat"], log: (m) => log.push(m) });
  const stack = (): Record<string, Record<string, Record<string, unknown>>> => {
    const dir = join(outdir, "stacks", readdirSync(join(outdir, "stacks"))[0]!);
    return (
      JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> }
    ).resource;
  };

  it("synthesizes (the control)", () => {
    expect([code, log.filter((l) => !l.startsWith("WARNING")).join("\n")]).toEqual([0, ""]);
  });

  it("every *_name is a valid resource name and every description a valid description", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [type, resources] of Object.entries(stack())) {
      for (const [key, body] of Object.entries(resources)) {
        for (const [field, value] of Object.entries(body)) {
          if (typeof value !== "string" || value.includes("${")) continue;
          const limit = field === "description" ? LIMITS.description : /(^|_)name$/.test(field) ? LIMITS.resourceName : undefined;
          if (!limit) continue;
          checked++;
          for (const p of stringLimitProblems(value, limit))
            problems.push(`${type}.${key}.${field} = ${JSON.stringify(value).slice(0, 60)}: ${p}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  it("every resource's tags are within the tag limits and the per-resource count", () => {
    const problems: string[] = [];
    let tagged = 0;
    for (const [type, resources] of Object.entries(stack())) {
      for (const [key, body] of Object.entries(resources)) {
        const tags = body.tags as Record<string, string> | undefined;
        if (!tags) continue;
        tagged++;
        if (Object.keys(tags).length > MAX_TAGS_PER_RESOURCE) problems.push(`${type}.${key}: ${Object.keys(tags).length} tags`);
        for (const [k, v] of Object.entries(tags)) {
          problems.push(...stringLimitProblems(k, LIMITS.tagKey).map((p) => `${type}.${key}.tags key ${k.slice(0, 20)}: ${p}`));
          problems.push(...stringLimitProblems(v, LIMITS.tagValue).map((p) => `${type}.${key}.tags.${k.slice(0, 20)}: ${p}`));
        }
      }
    }
    expect(tagged).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
});
