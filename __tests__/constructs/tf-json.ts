/**
 * Helpers for reading synthesized Terraform JSON in tests (not a test file itself).
 *
 * References are compared against the resource keys found in the same JSON (or with a
 * regex), never against pasted hashed token strings.
 */
import { TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { ProviderMatrix } from "../../lib/constructs/providers";

/** One resource/data/provider block as synthesized. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Block = Record<string, any>;

export interface TfJson {
  readonly resource?: Record<string, Record<string, Block>>;
  readonly data?: Record<string, Record<string, Block>>;
  readonly provider?: { readonly alicloud?: Block[] };
  readonly output?: Record<string, Block>;
  readonly variable?: Record<string, Block>;
}

export interface Found {
  readonly key: string;
  readonly body: Block;
}

/** `Testing.synth(stack)` parsed. */
export function synthJson(stack: TerraformStack, runValidations = false): TfJson {
  return JSON.parse(Testing.synth(stack, runValidations)) as TfJson;
}

/** A fresh stack in a fresh test app. */
export function newStack(id = "test"): TerraformStack {
  return new TerraformStack(Testing.app(), id);
}

/** An alicloud provider aliased `<account>_<region>` as the ProviderMatrix names it. */
export function aliasedProvider(stack: TerraformStack, account: string, region: string): AlicloudProvider {
  const alias = ProviderMatrix.aliasFor(account, region);
  return new AlicloudProvider(stack, `p_${alias}`, { alias, region });
}

/** The value a resource's `provider` field takes for an alias. */
export function providerRef(account: string, region: string): string {
  return `alicloud.${ProviderMatrix.aliasFor(account, region)}`;
}

/** Every block of one resource type, by key (empty when none). */
export function resources(tf: TfJson, type: string): Record<string, Block> {
  return tf.resource?.[type] ?? {};
}

/** Every block of one data source type, by key (empty when none). */
export function dataSources(tf: TfJson, type: string): Record<string, Block> {
  return tf.data?.[type] ?? {};
}

/** The single block of a type; fails the test unless there is exactly one. */
export function only(tf: TfJson, type: string, kind: "resource" | "data" = "resource"): Found {
  const all = Object.entries(kind === "resource" ? resources(tf, type) : dataSources(tf, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${kind} ${type}, found ${all.length}: ${all.map(([k]) => k).join(", ")}`);
  const [key, body] = all[0]!;
  return { key, body };
}

/** The single resource of a type matching `pred`; fails unless exactly one matches. */
export function findOne(tf: TfJson, type: string, pred: (b: Block) => boolean): Found {
  const all = Object.entries(resources(tf, type)).filter(([, b]) => pred(b));
  if (all.length !== 1) throw new Error(`expected exactly one ${type} matching, found ${all.length}: ${all.map(([k]) => k).join(", ")}`);
  const [key, body] = all[0]!;
  return { key, body };
}

/** `type.key`, as it appears in `depends_on`. */
export function address(type: string, key: string): string {
  return `${type}.${key}`;
}

/** `${type.key.attr}`, the interpolation a reference to another block synthesizes to. */
export function ref(type: string, key: string, attr: string): string {
  return `\${${type}.${key}.${attr}}`;
}

/** Resource counts per type. */
export function resourceCounts(tf: TfJson): Record<string, number> {
  return Object.fromEntries(Object.entries(tf.resource ?? {}).map(([t, r]) => [t, Object.keys(r).length]));
}

/** Every resource as `[type, key, body]`. */
export function allResources(tf: TfJson): [string, string, Block][] {
  return Object.entries(tf.resource ?? {}).flatMap(([t, r]) => Object.entries(r).map(([k, b]) => [t, k, b] as [string, string, Block]));
}
