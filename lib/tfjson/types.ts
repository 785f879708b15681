/**
 * The shape of one synthesized Terraform JSON stack (`cdktf.out/stacks/<stack>/cdk.tf.json`)
 * as the readers of this project see it. Only the top-level blocks are typed; resource
 * arguments stay `unknown` until a reader checks them, because a judge must not trust
 * that the JSON is what the constructs meant to write.
 */

/** The arguments of one resource, provider block, output or variable. */
export type Attrs = Readonly<Record<string, unknown>>;

/** One synthesized stack (`cdk.tf.json`). Every block is optional: a stack may lack any. */
export interface StackJson {
  /** `resource.<type>.<name>`: the arguments of each resource. */
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Attrs>>>>;
  /** `provider.<name>`: a list of configurations, at most one without `alias`. */
  readonly provider?: Readonly<Record<string, readonly Attrs[]>>;
  /** `output.<name>`: `value`, `sensitive`, `description`. */
  readonly output?: Readonly<Record<string, Attrs>>;
  /** `variable.<name>`: `type`, `sensitive`, `description`, `validation`. */
  readonly variable?: Readonly<Record<string, Attrs>>;
  /** `data.<type>.<name>`: data sources. */
  readonly data?: Readonly<Record<string, Readonly<Record<string, Attrs>>>>;
  /** The `terraform` block (backend, required providers). */
  readonly terraform?: Attrs;
}

/** `T` with `readonly` removed at every depth. */
export type Writable<T> = T extends readonly (infer E)[]
  ? Writable<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Writable<T[K]> }
    : T;

/**
 * A copy of a stack that a tool edits in place before handing it to Terraform (the e2e
 * driver plants defects and teardown overrides into it). Readers keep `StackJson`.
 */
export type MutableStackJson = Writable<StackJson>;

/** A synthesized tree: stack name -> its JSON. */
export type SynthTree = ReadonlyMap<string, StackJson>;
