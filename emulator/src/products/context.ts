/** What every action handler gets, and the small helpers they share. */
import { missing, notFound, type ErrorCode } from "../errors";
import type { Resource, Store } from "../state";

export interface Ctx {
  readonly params: Readonly<Record<string, string>>;
  /** the caller's account UID (from its AccessKeyId) */
  readonly account: string;
  readonly region: string;
  readonly store: Store;
  readonly now: number;
  readonly transitionMs: number;
  /** tells the fault injector that a dependent of `parent` was just deleted (busy-on-delete) @default - nothing happens */
  readonly dependentGone?: (parent: Resource) => void;
}

export type Handler = (ctx: Ctx) => Record<string, unknown>;

export function opt(ctx: Ctx, name: string): string | undefined {
  const v = ctx.params[name];
  return v === undefined || v === "" ? undefined : v;
}

export function req(ctx: Ctx, name: string): string {
  const v = opt(ctx, name);
  if (v === undefined) throw missing(name);
  return v;
}

/** A flattened RPC list (`Tag.1.Key`, `Tag.1.Value`, ...) as objects, or `Name.N` as strings. */
export function flatList(ctx: Ctx, name: string): Record<string, string>[] {
  const items = new Map<number, Record<string, string>>();
  for (const [k, v] of Object.entries(ctx.params)) {
    const m = new RegExp(`^${name}\\.(\\d+)(?:\\.(.+))?$`).exec(k);
    if (!m) continue;
    const i = Number(m[1]);
    const item = items.get(i) ?? {};
    item[m[2] ?? "_"] = v;
    items.set(i, item);
  }
  return [...items.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

export function tagsFrom(ctx: Ctx): Record<string, string> {
  return Object.fromEntries(
    flatList(ctx, "Tag")
      .filter((t) => t.Key !== undefined)
      .map((t) => [t.Key as string, t.Value ?? ""]),
  );
}

/** Alibaba-style IDs: a prefix and 21 lowercase alphanumerics, unique per emulator state. */
export function newId(ctx: Ctx, prefix: string): string {
  const n = ctx.store.nextSeq();
  const body = (n.toString(36) + "emu" + ((n * 2654435761) >>> 0).toString(36)).padEnd(21, "0").slice(0, 21);
  return `${prefix}-${body}`;
}

export function isoNow(ctx: Ctx): string {
  return new Date(ctx.now).toISOString().replace(/\.\d+Z$/, "Z");
}

/** A resource of this kind in the caller's account and region, or the API's not-found error. */
export function mustGet(ctx: Ctx, kind: string, id: string, notFoundCode: ErrorCode): Resource {
  const r = ctx.store.get(id);
  if (!r || r.kind !== kind || r.owner !== ctx.account || (ctx.region && r.region !== ctx.region)) throw notFound(notFoundCode, id);
  return r;
}

export function create(ctx: Ctx, kind: string, id: string, attrs: Record<string, unknown>, async = true): Resource {
  return ctx.store.put({
    kind,
    id,
    owner: ctx.account,
    region: ctx.region,
    readyAt: async ? ctx.now + ctx.transitionMs : ctx.now,
    attrs,
    tags: tagsFrom(ctx),
    origin: { action: ctx.params.Action ?? "", clientToken: ctx.params.ClientToken, at: ctx.now },
  });
}

export function ready(ctx: Ctx, r: Resource): boolean {
  return ctx.now >= r.readyAt;
}

/** The status an asynchronous resource shows: `pending` until its transition time, then `done`. */
export function status(ctx: Ctx, r: Resource, pending: string, done: string): string {
  return ready(ctx, r) ? done : pending;
}

export function mine(ctx: Ctx, kind: string): Resource[] {
  return ctx.store.all(kind).filter((r) => r.owner === ctx.account && (!ctx.region || r.region === ctx.region));
}

/**
 * A Describe call's filters: the caller's resources of `kind` that match every filter
 * parameter the request gives, each compared with what `by[parameter]` reads off a resource;
 * a parameter left out (or empty) matches all.
 */
export function matching(ctx: Ctx, kind: string, by: Readonly<Record<string, (r: Resource) => unknown>>): Resource[] {
  const given = Object.entries(by).flatMap(([param, read]) => {
    const v = opt(ctx, param);
    return v === undefined ? [] : [[v, read] as const];
  });
  return mine(ctx, kind).filter((r) => given.every(([v, read]) => read(r) === v));
}

/**
 * A Modify call: each of `keys` the request gives is copied onto `attrs`, converted by `as`
 * where the record holds a number or a boolean; a parameter left out keeps its value.
 */
export function setGiven(ctx: Ctx, attrs: Record<string, unknown>, keys: readonly string[], as: (v: string) => unknown = String): void {
  for (const k of keys) {
    const v = opt(ctx, k);
    if (v !== undefined) attrs[k] = as(v);
  }
}

/** `as` for {@link setGiven}: a boolean parameter ("true" or "false"). */
export const asBoolean = (v: string): boolean => v === "true";

export function tagList(r: Resource): { Key: string; Value: string }[] {
  return Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value }));
}

/** One page of `items` as the request's PageNumber/PageSize ask for it (API default: page 1 of 10). */
export function page<T>(ctx: Ctx, items: T[]): { items: T[]; PageNumber: number; PageSize: number; TotalCount: number } {
  const size = Number(opt(ctx, "PageSize") ?? 10);
  const num = Number(opt(ctx, "PageNumber") ?? 1);
  return { items: items.slice((num - 1) * size, num * size), PageNumber: num, PageSize: size, TotalCount: items.length };
}

/**
 * The one paging view every Describe/List action answers with: `{ [outer]: { [inner]: [...] },
 * PageNumber, PageSize, TotalCount }`, e.g. `paged(ctx, vpcs, "Vpcs", "Vpc", view)`.
 */
export function paged<T>(ctx: Ctx, items: T[], outer: string, inner: string, view: (x: T) => unknown): Record<string, unknown> {
  const p = page(ctx, items);
  return { [outer]: { [inner]: p.items.map(view) }, PageNumber: p.PageNumber, PageSize: p.PageSize, TotalCount: p.TotalCount };
}

/** Generic tag actions (TagResources / UnTagResources / ListTagResources) over the store. */
export const tagHandlers: Record<string, Handler> = {
  TagResources: (ctx) => {
    const tags = tagsFrom(ctx);
    for (const id of flatList(ctx, "ResourceId").map((x) => x._ as string)) {
      const r = ctx.store.get(id);
      if (!r || r.owner !== ctx.account) throw notFound("InvalidResourceId.NotFound", id);
      Object.assign(r.tags, tags);
    }
    return {};
  },
  UnTagResources: (ctx) => {
    const keys = flatList(ctx, "TagKey").map((x) => x._ as string);
    for (const id of flatList(ctx, "ResourceId").map((x) => x._ as string)) {
      const r = ctx.store.get(id);
      if (!r || r.owner !== ctx.account) throw notFound("InvalidResourceId.NotFound", id);
      if (opt(ctx, "All") === "true") r.tags = {};
      for (const k of keys) delete r.tags[k];
    }
    return {};
  },
  ListTagResources: (ctx) => {
    const ids = flatList(ctx, "ResourceId").map((x) => x._ as string);
    const out = ids.flatMap((id) => {
      const r = ctx.store.get(id);
      if (!r || r.owner !== ctx.account) return [];
      return Object.entries(r.tags).map(([TagKey, TagValue]) => ({
        ResourceId: id,
        ResourceType: req(ctx, "ResourceType"),
        TagKey,
        TagValue,
      }));
    });
    return { TagResources: { TagResource: out } };
  },
};
