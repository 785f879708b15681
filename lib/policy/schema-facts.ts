/**
 * Facts the policy checks take from the committed provider schema, so they follow the
 * pinned provider instead of a hand-kept list.
 */
export interface ProviderSchemaFacts {
  /** Resource types with a `tags` argument. */
  readonly taggable: ReadonlySet<string>;
  /** Deprecated arguments per resource type. */
  readonly deprecated: ReadonlyMap<string, ReadonlySet<string>>;
}

interface SchemaBlock {
  readonly attributes?: Record<string, { readonly deprecated?: boolean; readonly optional?: boolean; readonly required?: boolean }>;
  readonly block_types?: Record<string, { readonly block: SchemaBlock }>;
  readonly deprecated?: boolean;
}

/** `schema`: the trimmed `terraform providers schema -json` output committed in schema/. */
export function schemaFacts(schema: {
  provider_schemas: Record<string, { resource_schemas?: Record<string, { block: SchemaBlock }> }>;
}): ProviderSchemaFacts {
  const taggable = new Set<string>();
  const deprecated = new Map<string, Set<string>>();
  for (const provider of Object.values(schema.provider_schemas)) {
    for (const [type, r] of Object.entries(provider.resource_schemas ?? {})) {
      const attrs = r.block.attributes ?? {};
      if (attrs.tags && (attrs.tags.optional || attrs.tags.required)) taggable.add(type);
      const dep = new Set(
        Object.entries(attrs)
          .filter(([, a]) => a.deprecated)
          .map(([n]) => n),
      );
      for (const [n, b] of Object.entries(r.block.block_types ?? {})) if (b.block.deprecated) dep.add(n);
      if (dep.size) deprecated.set(type, dep);
    }
  }
  return { taggable, deprecated };
}
