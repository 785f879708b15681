/**
 * The official SDKs' request and response models, loaded once per machine. Requiring an SDK
 * package (`@alicloud/vpc20160428`, `@alicloud/ecs20140526`) loads some 2,000 model files:
 * 2-4 s, and more under jest, which loads them again for every test file. The emulator reads
 * only each model's `names()` and `types()`, so the first load writes those, for every
 * `…Request` and `…ResponseBody` model and every model they nest, as one JSON extract under
 * the project's cache directory (`$ALICLOUD_CDKTF_CACHE`, default `~/.cache/alicloud-cdktf`),
 * keyed by the package's name and version. Later loads read the extract (tens of
 * milliseconds). A package upgrade changes the key, so an extract is never stale; when the
 * cache cannot be read or written, the package itself is used.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ModelClass, ModelType } from "./model-types";

/** Bumped when the extract's layout changes, so that old extracts are not read. */
const LAYOUT = 1;

/** A type in the extract: a primitive's name, a model by name, or a list or map of either. */
type TypeRef =
  | string
  | { readonly model: string }
  | { readonly type: "array" | "map"; readonly itemType?: TypeRef; readonly keyType?: string; readonly valueType?: TypeRef };

interface ModelEntry {
  readonly names: Record<string, string>;
  readonly types: Record<string, TypeRef>;
}

type Extract = Record<string, ModelEntry>;

function isModel(t: unknown): t is ModelClass {
  return (typeof t === "function" || typeof t === "object") && t !== null && typeof (t as ModelClass).names === "function";
}

/** The request and response models of a loaded SDK package and the models they nest, by export name. */
export function extractModels(sdk: Readonly<Record<string, unknown>>): Extract {
  const nameOf = new Map<unknown, string>(Object.entries(sdk).flatMap(([k, v]) => (isModel(v) ? [[v, k] as const] : [])));
  const out: Extract = {};
  const pending = [...nameOf.values()].filter((n) => n.endsWith("Request") || n.endsWith("ResponseBody"));
  const ref = (t: ModelType): TypeRef => {
    if (typeof t === "string") return t;
    if (isModel(t)) {
      const name = nameOf.get(t);
      if (name === undefined) throw new Error("an SDK model nests a model the package does not export");
      pending.push(name);
      return { model: name };
    }
    const { type, itemType, keyType, valueType } = t;
    return {
      type,
      ...(itemType === undefined ? {} : { itemType: ref(itemType) }),
      ...(keyType === undefined ? {} : { keyType }),
      ...(valueType === undefined ? {} : { valueType: ref(valueType) }),
    };
  };
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (out[name]) continue;
    const m = sdk[name] as ModelClass;
    out[name] = { names: m.names(), types: Object.fromEntries(Object.entries(m.types()).map(([f, t]) => [f, ref(t)])) };
  }
  return out;
}

/** Model classes over an extract, in the SDK's `names()`/`types()` form; nested models resolved by name. */
export function modelsFromExtract(extract: Extract): Record<string, ModelClass> {
  const models: Record<string, ModelClass> = {};
  const resolve = (t: TypeRef): ModelType => {
    if (typeof t === "string") return t;
    if ("model" in t) {
      const m = models[t.model];
      if (!m) throw new Error(`SDK model extract: ${t.model} is nested but not extracted`);
      return m;
    }
    const { itemType, valueType, ...rest } = t;
    return {
      ...rest,
      ...(itemType === undefined ? {} : { itemType: resolve(itemType) }),
      ...(valueType === undefined ? {} : { valueType: resolve(valueType) }),
    };
  };
  for (const [name, entry] of Object.entries(extract)) {
    let types: Record<string, ModelType> | undefined;
    models[name] = {
      names: () => entry.names,
      // resolved on first use, when every model of the extract exists
      types: () => (types ??= Object.fromEntries(Object.entries(entry.types).map(([f, t]) => [f, resolve(t)]))),
    };
  }
  return models;
}

function cacheFile(pkg: string, version: string): string {
  const root = process.env.ALICLOUD_CDKTF_CACHE ?? path.join(os.homedir(), ".cache", "alicloud-cdktf");
  return path.join(root, "sdk-models", `${pkg.replace(/[@/]/g, "_")}@${version}.v${LAYOUT}.json`);
}

/** Writes the extract beside its final name, then renames it: a concurrent reader sees all of it or nothing. */
function writeAtomically(file: string, extract: Extract): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(extract));
  fs.renameSync(tmp, file);
}

/** The request and response models of SDK package `pkg`, from the cache when it holds them. */
export function sdkModels(pkg: string): Record<string, ModelClass> {
  const version = (require(`${pkg}/package.json`) as { version: string }).version;
  const file = cacheFile(pkg, version);
  try {
    return modelsFromExtract(JSON.parse(fs.readFileSync(file, "utf8")) as Extract);
  } catch {
    // not cached yet (or unreadable): load the package and write the extract
  }
  const extract = extractModels(require(pkg) as Record<string, unknown>);
  try {
    writeAtomically(file, extract);
  } catch {
    // a read-only home: every load reads the package, as without a cache
  }
  return modelsFromExtract(extract);
}
