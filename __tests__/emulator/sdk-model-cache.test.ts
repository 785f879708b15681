/**
 * The SDK model extract the emulator reads instead of the SDK packages: it must describe
 * every request and response model exactly as the package does, and the cache must hand
 * back what it stored.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { extractModels, modelsFromExtract, sdkModels } from "../../emulator/src/sdk-model-cache";
import type { ModelClass, ModelType } from "../../emulator/src/sdk-models";

/** A model class as the SDKs write them: static names() and types(). */
function sdkClass(names: Record<string, string>, types: () => Record<string, ModelType>): ModelClass {
  return { names: () => names, types };
}

/** A model as plain data, nested models by name (how two descriptions of one model are compared). */
function shape(m: ModelClass, nameOf: (m: ModelClass) => string): unknown {
  const type = (t: ModelType | undefined): unknown => {
    if (t === undefined || typeof t === "string") return t;
    if ("names" in t) return { model: nameOf(t) };
    return { ...t, itemType: type(t.itemType), valueType: type(t.valueType) };
  };
  return { names: m.names(), types: Object.fromEntries(Object.entries(m.types()).map(([f, t]) => [f, type(t)])) };
}

function sameModels(sdk: Record<string, unknown>, extracted: Record<string, ModelClass>): void {
  const sdkName = new Map(Object.entries(sdk).map(([k, v]) => [v, k]));
  const extractedName = new Map(Object.entries(extracted).map(([k, v]) => [v as unknown, k]));
  for (const [name, m] of Object.entries(extracted)) {
    expect([name, shape(m, (x) => extractedName.get(x)!)]).toEqual([name, shape(sdk[name] as ModelClass, (x) => sdkName.get(x)!)]);
  }
}

describe("SDK model extract", () => {
  // a package in miniature: a request with a nested list item and a map, a response body, a model nothing uses
  const item = sdkClass({ key: "Key", value: "Value" }, () => ({ key: "string", value: "number" }));
  const fake: Record<string, unknown> = {
    Client: class {},
    CreateThingRequestTag: item,
    CreateThingRequest: sdkClass({ name: "Name", tag: "Tag", labels: "Labels" }, () => ({
      name: "string",
      tag: { type: "array", itemType: item },
      labels: { type: "map", keyType: "string", valueType: "any" },
    })),
    CreateThingResponseBody: sdkClass({ requestId: "RequestId", ids: "Ids" }, () => ({
      requestId: "string",
      ids: { type: "array", itemType: "string" },
    })),
    CreateThingResponse: sdkClass({ headers: "headers" }, () => ({ headers: { type: "map", keyType: "string", valueType: "string" } })),
  };

  it("keeps every request and response body model with the models they nest, and nothing else", () => {
    expect(Object.keys(extractModels(fake)).sort()).toEqual(["CreateThingRequest", "CreateThingRequestTag", "CreateThingResponseBody"]);
  });

  it("describes each model as the package does: wire names, types, nested models, lists and maps", () => {
    const back = modelsFromExtract(JSON.parse(JSON.stringify(extractModels(fake))) as ReturnType<typeof extractModels>);
    sameModels(fake, back);
    const tag = back.CreateThingRequest!.types().tag as { itemType: ModelClass };
    expect(tag.itemType).toBe(back.CreateThingRequestTag);
  });

  it("describes a real SDK package exactly (STS, every request and response model)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sts = require("@alicloud/sts20150401") as Record<string, unknown>;
    const back = modelsFromExtract(JSON.parse(JSON.stringify(extractModels(sts))) as ReturnType<typeof extractModels>);
    expect(Object.keys(back)).toContain("AssumeRoleRequest");
    expect(Object.keys(back)).toContain("GetCallerIdentityResponseBody");
    sameModels(sts, back);
  });

  it("writes the extract to the cache once, keyed by package and version, and reads it back", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-cache-"));
    const saved = process.env.ALICLOUD_CDKTF_CACHE;
    process.env.ALICLOUD_CDKTF_CACHE = dir;
    try {
      const first = sdkModels("@alicloud/sts20150401");
      const files = fs.readdirSync(path.join(dir, "sdk-models"));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const version = (require("@alicloud/sts20150401/package.json") as { version: string }).version;
      expect(files).toEqual([`_alicloud_sts20150401@${version}.v1.json`]);
      const second = sdkModels("@alicloud/sts20150401");
      expect(shape(second.AssumeRoleRequest!, () => "")).toEqual(shape(first.AssumeRoleRequest!, () => ""));
      expect(second.AssumeRoleRequest!.names()).toHaveProperty("roleArn", "RoleArn");
    } finally {
      if (saved === undefined) delete process.env.ALICLOUD_CDKTF_CACHE;
      else process.env.ALICLOUD_CDKTF_CACHE = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails when an SDK model nests a model its package does not export", () => {
    const hidden = sdkClass({ a: "A" }, () => ({ a: "string" }));
    const broken = { BrokenRequest: sdkClass({ x: "X" }, () => ({ x: hidden })) };
    expect(() => extractModels(broken)).toThrow("an SDK model nests a model the package does not export");
  });
});
