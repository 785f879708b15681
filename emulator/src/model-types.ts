/** A request or response model as the official SDKs describe it: `names()` (field -> wire name) and `types()`. */

/** A type as the SDK's `types()` describes it. */
export type ModelType =
  | string
  | ModelClass
  | { readonly type: "array" | "map"; readonly itemType?: ModelType; readonly keyType?: string; readonly valueType?: ModelType };

export interface ModelClass {
  names(): Record<string, string>;
  types(): Record<string, ModelType>;
}
