/**
 * Cbn (CEN, API version 2017-09-12) request and response models. Alibaba Cloud publishes no
 * npm SDK for this API version; `emulator/models/cbn20170912.json` holds the models read from
 * the official Python SDK (package and version recorded in the file), and this module turns
 * them into the `names()`/`types()` form the other products' SDK models have, so the server
 * checks Cbn requests and responses exactly as it checks VPC ones.
 */
import * as fs from "fs";
import * as path from "path";
import type { ModelClass, ModelType } from "./model-types";

type FieldType = string | { readonly list: FieldType } | { readonly map: FieldType } | { readonly model: string };
interface Field {
  readonly name: string;
  readonly type: FieldType;
  readonly required?: boolean;
}
interface ModelsFile {
  readonly models: Record<string, { readonly fields: readonly Field[] }>;
}

/**
 * Parameters the pinned provider sends that the SDK request model does not define. The API
 * ignores them (the provider's reads work against the real API), so the emulator accepts
 * them too, each with the call site that sends it; nothing else outside the model passes.
 */
export const PROVIDER_EXTRA_PARAMETERS: Readonly<Record<string, readonly { readonly name: string; readonly at: string }[]>> = {
  ListTransitRoutersRequest: [{ name: "Region_id", at: "alicloud/service_alicloud_cbn.go:750 (DescribeCenTransitRouter)" }],
  CreateTransitRouterVpcAttachmentRequest: [
    { name: "ResourceType", at: "alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go:173" },
  ],
  CreateTransitRouterVbrAttachmentRequest: [
    { name: "ResourceType", at: "alicloud/resource_alicloud_cen_transit_router_vbr_attachment.go:118" },
  ],
  CreateTransitRouterPeerAttachmentRequest: [
    { name: "ResourceType", at: "alicloud/resource_alicloud_cen_transit_router_peer_attachment.go:165" },
  ],
  DeleteTransitRouterPeerAttachmentRequest: [
    { name: "ResourceType", at: "alicloud/resource_alicloud_cen_transit_router_peer_attachment.go:360" },
  ],
};

const FILE = path.join(__dirname, "..", "models", "cbn20170912.json");

function load(): ModelsFile {
  return JSON.parse(fs.readFileSync(FILE, "utf8")) as ModelsFile;
}

/** The request and response models, by class name (`CreateCenRequest`, `CreateCenResponseBody`, …). */
export function cbnModels(file: ModelsFile = load()): Record<string, ModelClass> {
  const out: Record<string, ModelClass> = {};
  const typeOf = (t: FieldType): ModelType => {
    if (typeof t === "string") return t;
    if ("list" in t) return { type: "array", itemType: typeOf(t.list) };
    if ("map" in t) return { type: "map", keyType: "string", valueType: typeOf(t.map) };
    return modelOf(t.model);
  };
  const modelOf = (name: string): ModelClass => {
    const known = out[name];
    if (known) return known;
    const spec = file.models[name];
    if (!spec) throw new Error(`cbn20170912.json: model ${name} is referred to but not defined`);
    const fields = [...spec.fields, ...(PROVIDER_EXTRA_PARAMETERS[name] ?? []).map((e) => ({ name: e.name, type: "string" }))];
    const names = Object.fromEntries(fields.map((f) => [f.name, f.name]));
    const model: ModelClass = { names: () => names, types: () => types };
    out[name] = model;
    const types: Record<string, ModelType> = Object.fromEntries(fields.map((f) => [f.name, typeOf(f.type)]));
    return model;
  };
  for (const name of Object.keys(file.models)) modelOf(name);
  return out;
}
