/**
 * Size and string limits, as data with their sources. Two kinds:
 * - what the Alibaba Cloud API enforces on strings this template sends (tag keys and
 *   values, names, descriptions, session names): refused at synth instead of at apply;
 * - what this template accepts from a file (size, nesting, string length), so that a
 *   hostile or broken file is refused early with a clear message instead of exhausting
 *   memory or the stack.
 * Count quotas (routes per table, VPCs per region) are not here: see `quotas.ts`.
 */
import { pathKey, TopologyIssue } from "./issues";
import { secretShape, SECRET_KEY, REDACTED } from "./secrets";
import { Topology } from "./types";

/** A string limit the API enforces, with where it is documented. */
export interface StringLimit {
  /** What the string is, for messages ("a tag key"). */
  readonly what: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** Characters allowed, when the API restricts them. @default - any */
  readonly pattern?: RegExp;
  /** Plain-language form of `pattern`. @default - none */
  readonly patternText?: string;
  /** Prefixes the API reserves (case-sensitive, as the API checks them). @default - none */
  readonly reservedPrefixes?: readonly string[];
  /** Substrings the API refuses anywhere in the string. @default - none */
  readonly forbiddenSubstrings?: readonly string[];
  /** The API document or provider source (file:line) stating the limit. */
  readonly source: string;
}

const TAG_DOC =
  "Alibaba Cloud VPC API TagResources, Tag.N.Key / Tag.N.Value (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-tagresources); the provider filters the same prefixes as system tags (alicloud/tags.go:142, alicloud/tags.go:661)";

export const LIMITS = {
  tagKey: {
    what: "a tag key",
    minLength: 1,
    maxLength: 128,
    reservedPrefixes: ["aliyun", "acs:"],
    forbiddenSubstrings: ["http://", "https://"],
    source: TAG_DOC,
  },
  tagValue: {
    what: "a tag value",
    minLength: 0,
    maxLength: 128,
    reservedPrefixes: ["aliyun", "acs:"],
    forbiddenSubstrings: ["http://", "https://"],
    source: TAG_DOC,
  },
  /** Resource names (route entries, BGP groups, router interfaces): 2–128, letter first. */
  resourceName: {
    what: "a resource name",
    minLength: 2,
    maxLength: 128,
    pattern: /^[a-zA-Z][A-Za-z0-9._-]*$/,
    patternText: "a letter first, then letters, digits, '.', '_' and '-'",
    reservedPrefixes: ["http://", "https://"],
    source: "alicloud/resource_alicloud_vpc_bgp_group.go:39 (bgp_group_name), alicloud/resource_alicloud_route_entry.go:46 (name: 2–128)",
  },
  description: {
    what: "a description",
    minLength: 2,
    maxLength: 256,
    reservedPrefixes: ["http://", "https://"],
    source: "alicloud/resource_alicloud_vpc_bgp_group.go:44, alicloud/resource_alicloud_router_interface.go:67 (StringLenBetween(2, 256))",
  },
  sessionName: {
    what: "an STS role session name",
    minLength: 2,
    maxLength: 64,
    pattern: /^[A-Za-z0-9.@_-]+$/,
    patternText: "letters, digits, '.', '@', '_' and '-'",
    source:
      "Alibaba Cloud STS API AssumeRole, RoleSessionName (https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-assumerole)",
  },
} as const satisfies Record<string, StringLimit>;

/** Tags per resource. Source: {@link TAG_DOC} ("You can add up to 20 tags to each instance"). */
export const MAX_TAGS_PER_RESOURCE = 20;

/**
 * What a topology file may be. A 1,000-office hub is about 0.4 MB of JSON and 6 levels
 * deep; these bounds leave ten times the room and still refuse, in milliseconds, the
 * files that exhausted memory (a 50 MB string) or the stack (50,000 nested arrays).
 */
export const FILE_LIMITS = {
  /** Bytes of a topology file. */
  maxBytes: 4 * 1024 * 1024,
  /** Nesting depth of objects and arrays (the schema itself needs 6). */
  maxDepth: 32,
  /** Characters of any one string or key (the longest real field, a role ARN, is under 150). */
  maxString: 1024,
  /** Elements of any one list (a 1,000-office hub has about 1,000 links). Rules compare pairs, so this bounds their work. */
  maxItems: 2000,
} as const;

/** Problems of `s` against `limit`, each naming what is allowed. */
export function stringLimitProblems(s: string, limit: StringLimit): string[] {
  const out: string[] = [];
  const n = [...s].length;
  if (n < limit.minLength || n > limit.maxLength) {
    out.push(`is ${n} characters long; allowed: ${limit.what} of ${limit.minLength}–${limit.maxLength} characters`);
  }
  if (limit.pattern && !limit.pattern.test(s)) out.push(`has characters not allowed in ${limit.what}; allowed: ${limit.patternText}`);
  const reserved = (limit.reservedPrefixes ?? []).find((p) => s.startsWith(p));
  if (reserved)
    out.push(
      `starts with "${reserved}", which Alibaba Cloud reserves; allowed: ${limit.what} not starting with ${(limit.reservedPrefixes ?? []).map((p) => `"${p}"`).join(" or ")}`,
    );
  const bad = (limit.forbiddenSubstrings ?? []).find((p) => s.includes(p));
  if (bad)
    out.push(`contains "${bad}"; allowed: ${limit.what} without ${(limit.forbiddenSubstrings ?? []).map((p) => `"${p}"`).join(" or ")}`);
  return out;
}

/**
 * Limits of untrusted input, checked before anything else looks at it: nesting depth,
 * string and key lengths. Iterative, so no input can overflow the stack here.
 */
export function inputLimitIssues(input: unknown, root: string): TopologyIssue[] {
  const out: TopologyIssue[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: root, depth: 0 }];
  while (stack.length > 0 && out.length < 50) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      if (value.length > FILE_LIMITS.maxString) {
        out.push({
          path,
          value,
          message: `is ${value.length} characters long; allowed: at most ${FILE_LIMITS.maxString} characters in any field`,
        });
      }
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (Array.isArray(value) && value.length > FILE_LIMITS.maxItems) {
      out.push({
        path,
        value: `[${value.length} items]`,
        message: `is a list of ${value.length} items; allowed: at most ${FILE_LIMITS.maxItems} in any list`,
      });
      continue;
    }
    if (depth >= FILE_LIMITS.maxDepth) {
      out.push({
        path,
        value: Array.isArray(value) ? "[...]" : "{...}",
        message: `is nested ${depth + 1} levels deep; allowed: at most ${FILE_LIMITS.maxDepth} levels (a topology needs 6)`,
      });
      continue;
    }
    const entries = Object.entries(value as object);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i]!;
      const p = Array.isArray(value) ? `${path}[${k}]` : `${path}${pathKey(k.length > FILE_LIMITS.maxString ? `${k.slice(0, 40)}...` : k)}`;
      if (!Array.isArray(value) && k.length > FILE_LIMITS.maxString) {
        out.push({
          path: p,
          value: `${k.slice(0, 40)}...`,
          message: `is a key of ${k.length} characters; allowed: at most ${FILE_LIMITS.maxString} characters`,
        });
        continue;
      }
      stack.push({ value: v, path: p, depth: depth + 1 });
    }
  }
  return out;
}

/**
 * Every string in the topology (values and keys) that looks like a credential by its
 * value, wherever it is: tags, names, any field. Such a value would be written into the
 * synthesized JSON and onto resources that anyone who can list them reads.
 */
export function secretValueIssues(t: Topology, root: string): TopologyIssue[] {
  const out: TopologyIssue[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: t, path: root }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const what = secretShape(value);
      if (what)
        out.push({
          path,
          value: REDACTED,
          message: `looks like ${what}; secrets never go in a topology (they would be written into the synthesized JSON and onto resources). Use a sensitive variable or the provider's credential sources`,
        });
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    for (const [k, v] of Object.entries(value as object)) {
      // a value under a secret-looking key is refused by name (schema.ts, validate.ts) and
      // never echoed; an object under one (`credentials`) is searched like any other
      if (!Array.isArray(value) && SECRET_KEY.test(k) && (v === null || typeof v !== "object")) continue;
      const what = Array.isArray(value) ? undefined : secretShape(k);
      if (what) {
        out.push({
          path: `${path}${pathKey(REDACTED)}`,
          value: REDACTED,
          message: `is a key that looks like ${what}; secrets never go in a topology`,
        });
        continue;
      }
      stack.push({ value: v, path: Array.isArray(value) ? `${path}[${k}]` : `${path}${pathKey(k)}` });
    }
  }
  return out.reverse();
}

/** Tag keys and values against the API's limits, and the tag count per resource. */
export function tagLimitIssues(t: Topology, root: string): TopologyIssue[] {
  const out: TopologyIssue[] = [];
  const check = (path: string, tags: Readonly<Record<string, string>> | undefined) => {
    for (const [k, v] of Object.entries(tags ?? {})) {
      if (SECRET_KEY.test(k)) continue; // refused as a secret by validate.ts, value never echoed
      for (const m of stringLimitProblems(k, LIMITS.tagKey)) out.push({ path: `${path}${pathKey(k)}`, value: k, message: `key ${m}` });
      for (const m of stringLimitProblems(v, LIMITS.tagValue)) out.push({ path: `${path}${pathKey(k)}`, value: v, message: m });
    }
  };
  check(`${root}.tags`, t.tags);
  // every resource carries Name plus the topology's tags; a VPC adds its own
  const common = new Set(["Name", ...Object.keys(t.tags ?? {})]);
  if (common.size > MAX_TAGS_PER_RESOURCE) {
    out.push({
      path: `${root}.tags`,
      value: `${common.size} tags`,
      message: `gives every resource ${common.size} tags with Name and the environment's; allowed: at most ${MAX_TAGS_PER_RESOURCE} tags per resource (TagResources)`,
    });
  }
  t.vpcs.forEach((v, i) => {
    check(`${root}.vpcs[${i}].tags`, v.tags);
    const all = new Set([...common, ...Object.keys(v.tags ?? {})]);
    if (all.size > MAX_TAGS_PER_RESOURCE && common.size <= MAX_TAGS_PER_RESOURCE) {
      out.push({
        path: `${root}.vpcs[${i}].tags`,
        value: `${all.size} tags`,
        message: `gives VPC ${v.name} ${all.size} tags with Name and the topology's; allowed: at most ${MAX_TAGS_PER_RESOURCE} tags per resource (TagResources)`,
      });
    }
  });
  t.accounts.forEach((a, i) => {
    const s = a.credentials?.sessionName;
    if (s !== undefined)
      for (const m of stringLimitProblems(s, LIMITS.sessionName))
        out.push({ path: `${root}.accounts[${i}].credentials.sessionName`, value: s, message: m });
  });
  return out;
}
