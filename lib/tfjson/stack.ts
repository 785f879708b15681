/**
 * `TfStack`: reads one synthesized stack. Resources by type and by address, references
 * resolved to the resources they name, who refers to whom (indexed, so a judge over a
 * hub of thousands of offices stays linear), provider identity, outputs and variables.
 * Pure: no file system; the JSON is read and never changed.
 */
import { parseRef, Reference } from "./refs";
import { Attrs, StackJson } from "./types";

/** One resource of the stack. */
export interface Resource {
  /** Resource type, e.g. `alicloud_vpc`. */
  readonly type: string;
  /** Its key under `resource.<type>`. */
  readonly name: string;
  /** `<type>.<name>`. */
  readonly address: string;
  /** Its arguments as synthesized (meta-arguments such as `provider` included). */
  readonly attrs: Attrs;
}

/**
 * The provider configuration a resource is created with: the block whose `alias` its
 * `provider` argument names (`alicloud.<alias>`), or the block without alias when it
 * names none.
 */
export interface ProviderIdentity {
  /** The provider's local name, e.g. `alicloud`. */
  readonly provider: string;
  /** @default - the default configuration (no alias) */
  readonly alias?: string;
  /** The block's `region`. @default - not set in the JSON */
  readonly region?: string;
  /** Every argument but `alias` and `region`: credentials, profile, `assume_role`. */
  readonly credentials: Attrs;
  /**
   * Equal for two configurations exactly when their credentials are equal: the
   * account a resource lands in, as far as the JSON can tell. Two aliases for two
   * regions of one account share it.
   */
  readonly account: string;
}

/** A named top-level block: an output or a variable. */
export interface NamedBlock {
  readonly name: string;
  readonly attrs: Attrs;
}

const NO_RESOURCES: readonly Resource[] = [];

/** A reader over one synthesized stack. */
export class TfStack {
  private readonly byType = new Map<string, readonly Resource[]>();
  private readonly byAddress = new Map<string, Resource>();
  /** `<fromType> <field>` -> target address -> referring resources. */
  private readonly referrerIndex = new Map<string, Map<string, Resource[]>>();

  constructor(readonly json: StackJson) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      const list = Object.entries(byName).map(([name, attrs]): Resource => ({ type, name, address: `${type}.${name}`, attrs }));
      this.byType.set(type, list);
      for (const r of list) this.byAddress.set(r.address, r);
    }
  }

  /** Resource types present, in JSON order. */
  types(): string[] {
    return [...this.byType.keys()];
  }

  /** Every resource of `type`, in JSON order (empty when there is none). */
  resources(type: string): readonly Resource[] {
    return this.byType.get(type) ?? NO_RESOURCES;
  }

  /** Every resource of the stack, type by type. */
  all(): Resource[] {
    return [...this.byType.values()].flat();
  }

  /** The resource at `<type>.<name>`. */
  get(address: string): Resource | undefined {
    return this.byAddress.get(address);
  }

  /** The resource `type`.`name`. */
  resource(type: string, name: string): Resource | undefined {
    return this.byAddress.get(`${type}.${name}`);
  }

  /**
   * The resource `v` refers to (`${type.name.attr}`) when it exists in this stack and,
   * if `type` is given, is of that type; else undefined.
   */
  resolve(v: unknown, type?: string): Resource | undefined {
    const r = parseRef(v);
    if (!r || (type !== undefined && r.type !== type)) return undefined;
    return this.byAddress.get(r.address);
  }

  /** The reference `v` holds, whether or not its target exists in this stack. */
  ref(v: unknown): Reference | undefined {
    return parseRef(v);
  }

  /**
   * Resources of `fromType` whose argument `field` is a reference to `target` (an
   * address or a resource). Indexed on first use per (type, field): constant time after.
   */
  referrers(fromType: string, field: string, target: Resource | string): readonly Resource[] {
    const key = `${fromType} ${field}`;
    let index = this.referrerIndex.get(key);
    if (!index) {
      index = new Map();
      for (const r of this.resources(fromType)) {
        const to = parseRef(r.attrs[field])?.address;
        if (to === undefined) continue;
        const list = index.get(to);
        if (list) list.push(r);
        else index.set(to, [r]);
      }
      this.referrerIndex.set(key, index);
    }
    return index.get(typeof target === "string" ? target : target.address) ?? NO_RESOURCES;
  }

  /** The configurations of `provider` (default `alicloud`), in JSON order. */
  providers(provider = "alicloud"): ProviderIdentity[] {
    return (this.json.provider?.[provider] ?? []).map((block) => identityOf(provider, block));
  }

  /**
   * The configuration a resource is created with (see {@link ProviderIdentity}); undefined
   * when the stack has no such block (a fixture without providers).
   */
  providerOf(r: Resource, provider = "alicloud"): ProviderIdentity | undefined {
    const meta = typeof r.attrs.provider === "string" ? r.attrs.provider : provider;
    const [name, alias] = meta.split(".", 2) as [string, string | undefined];
    if (name !== provider) return undefined;
    const block = (this.json.provider?.[provider] ?? []).find((b) => b.alias === alias);
    return block ? identityOf(provider, block) : undefined;
  }

  /** Outputs, in JSON order. */
  outputs(): NamedBlock[] {
    return Object.entries(this.json.output ?? {}).map(([name, attrs]) => ({ name, attrs }));
  }

  /** The output `name`'s block. */
  output(name: string): Attrs | undefined {
    return this.json.output?.[name];
  }

  /** Variables, in JSON order. */
  variables(): NamedBlock[] {
    return Object.entries(this.json.variable ?? {}).map(([name, attrs]) => ({ name, attrs }));
  }

  /** The variable `name`'s block. */
  variable(name: string): Attrs | undefined {
    return this.json.variable?.[name];
  }
}

function identityOf(provider: string, block: Attrs): ProviderIdentity {
  const { alias, region, ...credentials } = block;
  return {
    provider,
    alias: typeof alias === "string" ? alias : undefined,
    region: typeof region === "string" ? region : undefined,
    credentials,
    account: stableJson(credentials),
  };
}

/** JSON with object keys sorted, so equal blocks written in another order compare equal. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (typeof v === "object" && v !== null)
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}
