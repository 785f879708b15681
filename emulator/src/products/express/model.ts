/**
 * Express Connect model (API 2016-04-28): physical connections (fixtures: a leased line exists
 * before any stack), virtual border routers, router interfaces and their connection state
 * machine, BGP groups, peers and networks.
 */
import type { Resource, Store } from "../../state";
import { flatList, isoNow, mine, mustGet, type Ctx } from "../context";

/** `Filter.N.Key` / `Filter.N.Value.M` as a lookup. */
export function filters(ctx: Ctx): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of flatList(ctx, "Filter")) {
    const key = f.Key;
    if (!key) continue;
    const values = Object.entries(f)
      .filter(([k]) => /^Value(\.\d+)?$/.test(k))
      .map(([, v]) => v);
    out.set(key, values);
  }
  return out;
}

/**
 * Router interface status (DescribeRouterInterfaces doc, Status): Idle after creation;
 * Connecting then Active after ConnectRouterInterface; Deactivating then Inactive; Activating
 * then Active. A transitional status settles after the emulator's transition time.
 */
export function riStatus(ctx: Ctx, r: Resource): string {
  const s = String(r.attrs.Status);
  if ((s === "Connecting" || s === "Activating" || s === "Deactivating") && ctx.now >= r.readyAt) {
    r.attrs.Status = s === "Deactivating" ? "Inactive" : "Active";
    if (!r.attrs.ConnectedTime) r.attrs.ConnectedTime = isoNow(ctx);
  }
  return String(r.attrs.Status);
}

export function transition(ctx: Ctx, r: Resource, s: string): void {
  r.attrs.Status = s;
  r.readyAt = ctx.now + ctx.transitionMs;
}

export function ri(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "routerInterface", id, "InvalidRouterInterfaceId.NotFound");
}

/** Any account's router interface by ID (the opposite side may live in another region). */
export function riAnywhere(id: string, ctx: Ctx): Resource | undefined {
  const r = ctx.store.get(id);
  return r && r.kind === "routerInterface" ? r : undefined;
}

export function vbr(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "vbr", id, "InvalidVbrId.NotFound");
}

export function routerOf(ctx: Ctx, type: string, id: string): Resource | undefined {
  if (type === "VBR") return mine(ctx, "vbr").find((v) => v.id === id);
  return ctx.store.all("vpc").find((v) => v.attrs.VRouterId === id);
}

/** A leased line that exists before any stack (the fixture an e2e run seeds for each VBR's physical_connection_id). */
export function seedPhysicalConnection(store: Store, owner: string, region: string, id: string, accessPointId: string): void {
  store.put({
    kind: "physicalConnection",
    id,
    owner,
    region,
    readyAt: 0,
    tags: {},
    attrs: { AccessPointId: accessPointId, Name: `fixture ${id}`, CreationTime: "2020-01-01T00:00:00Z", Fixture: true },
  });
}
