/**
 * Request and response shapes from Alibaba Cloud's official TypeScript SDK models
 * (`@alicloud/vpc20160428`, `@alicloud/ecs20140526`, `@alicloud/sts20150401`). Every model
 * class there has static `names()` (field -> wire name) and `types()` (field -> type or
 * nested model). The emulator checks each request parameter and each response field
 * against them, so a parameter the real API does not take, or a field the real API does
 * not return, fails loudly instead of passing silently. The models are read through a
 * per-machine extract (sdk-model-cache.ts), not by loading each package's 2,000 files.
 *
 * VpcPeer (2022-01-01) has no official npm SDK, so its models are declared in
 * `vpcpeer-models.ts` from the API reference, in the same `names()`/`types()` form; Cbn
 * (2017-09-12) has none either, and `cbn-models.ts` reads its models from the Python SDK's,
 * committed as JSON.
 */
import { cbnModels } from "./cbn-models";
import { sdkModels } from "./sdk-model-cache";
import { VPCPEER_MODELS } from "./vpcpeer-models";

import type { ModelClass, ModelType } from "./model-types";

export type { ModelClass, ModelType } from "./model-types";

/** API products by the `Version` the provider sends (the RPC protocol has no other product marker). */
export const PRODUCTS: Readonly<Record<string, { readonly product: string; readonly models: () => Record<string, unknown> }>> = {
  "2016-04-28": { product: "Vpc", models: () => sdkModels("@alicloud/vpc20160428") },
  "2014-05-26": { product: "Ecs", models: () => sdkModels("@alicloud/ecs20140526") },
  "2015-04-01": { product: "Sts", models: () => sdkModels("@alicloud/sts20150401") },
  "2022-01-01": { product: "VpcPeer", models: () => VPCPEER_MODELS },
  "2017-09-12": { product: "Cbn", models: cbnModels },
};

/** Parameters every RPC request may carry besides the action's own (signature, auth, format). */
export const COMMON_PARAMETERS = new Set([
  "Action",
  "Version",
  "Format",
  "AccessKeyId",
  "SecurityToken",
  "Signature",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "SignatureType",
  "Timestamp",
  "RegionId",
  "OwnerId",
  "ResourceOwnerAccount",
  "ResourceOwnerId",
  "OwnerAccount",
  "ClientToken",
]);

const cache = new Map<string, Record<string, unknown>>();
function modelsFor(version: string): Record<string, unknown> | undefined {
  const p = PRODUCTS[version];
  if (!p) return undefined;
  let m = cache.get(version);
  if (!m) cache.set(version, (m = p.models()));
  return m;
}

function isModel(t: unknown): t is ModelClass {
  return (typeof t === "function" || typeof t === "object") && t !== null && typeof (t as unknown as ModelClass).names === "function";
}

export function requestModel(version: string, action: string): ModelClass | undefined {
  const m = modelsFor(version);
  const c = m?.[`${action}Request`];
  return isModel(c) ? c : undefined;
}

export function responseModel(version: string, action: string): ModelClass | undefined {
  const m = modelsFor(version);
  const c = m?.[`${action}ResponseBody`];
  return isModel(c) ? c : undefined;
}

function wireNames(model: ModelClass): Map<string, ModelType> {
  const names = model.names();
  const types = model.types();
  const out = new Map<string, ModelType>();
  for (const [field, wire] of Object.entries(names)) out.set(wire, types[field] ?? "string");
  return out;
}

/**
 * Checks RPC request parameters against the action's request model. Flattened lists and
 * objects (`Tag.1.Key`, `NextHopList.1.NextHopId`, `TunnelOptionsSpecification.1.TunnelIkeConfig.Psk`)
 * are followed into their item models. Returns the unknown parameter names.
 */
export function unknownParameters(model: ModelClass, params: Readonly<Record<string, string>>): string[] {
  const unknown: string[] = [];
  for (const key of Object.keys(params)) {
    if (COMMON_PARAMETERS.has(key)) continue;
    if (!pathKnown(model, key.split("."))) unknown.push(key);
  }
  return unknown.sort();
}

function pathKnown(model: ModelClass, parts: readonly string[]): boolean {
  const [head, ...rest] = parts;
  if (head === undefined) return true;
  const t = wireNames(model).get(head);
  if (t === undefined) return false;
  return typeKnown(t, rest);
}

function typeKnown(t: ModelType, rest: readonly string[]): boolean {
  if (rest.length === 0) return true;
  if (isModel(t)) return pathKnown(t, rest);
  if (typeof t === "object" && t.type === "array") {
    // list index (1-based) then the item
    if (!/^\d+$/.test(rest[0] ?? "")) return false;
    return t.itemType === undefined ? rest.length === 1 : typeKnown(t.itemType, rest.slice(1));
  }
  if (typeof t === "object" && t.type === "map") return true;
  // a JSON-string parameter such as `TunnelOptionsSpecification` in a Shrink request has no nesting
  return false;
}

/**
 * Checks a response body the emulator is about to send against the action's response
 * model, recursively. Returns the paths of fields the model does not define.
 */
export function unknownResponseFields(model: ModelClass, body: unknown, path = "$"): string[] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return [];
  const known = wireNames(model);
  const out: string[] = [];
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const t = known.get(k);
    if (t === undefined) {
      out.push(`${path}.${k}`);
      continue;
    }
    out.push(...checkValue(t, v, `${path}.${k}`));
  }
  return out;
}

function checkValue(t: ModelType, v: unknown, path: string): string[] {
  if (isModel(t)) return unknownResponseFields(t, v, path);
  if (typeof t === "object" && t.type === "array" && Array.isArray(v) && t.itemType !== undefined) {
    return v.flatMap((item, i) => checkValue(t.itemType as ModelType, item, `${path}[${i}]`));
  }
  return [];
}
