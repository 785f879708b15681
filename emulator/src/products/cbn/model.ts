/**
 * Cbn product model (CEN, API 2017-09-12): CEN instances, Enterprise Edition transit routers
 * (TRs) with their route tables, VPC / VBR / inter-region peer attachments, route table
 * associations and propagations, and static TR route entries, as records in the store.
 *
 * Every create is asynchronous and every delete too: a record shows its pending status
 * (Creating, Attaching, Associating, Enabling) for the transition time, then its steady one
 * (Active, Attached), and after a delete its leaving status (Deleting, Detaching,
 * Dissociating, Disabling) until the store expires it (`GoneAt`). The provider polls for
 * exactly these values (PHASES below, with the waiters' file:line). A TR or attachment busy
 * with one of those transitions refuses other writes with the codes the provider retries.
 */
import { apiError, conflict, notFound, type ErrorCode } from "../../errors";
import type { Resource } from "../../state";
import { isoNow, newId, tagsFrom, type Ctx } from "../context";

/** Status strings per kind: pending, steady, leaving. */
interface Phase {
  readonly pending: string;
  readonly steady: string;
  readonly leaving: string;
}

const ACTIVE: Phase = { pending: "Creating", steady: "Active", leaving: "Deleting" };

/**
 * What the provider's waiters poll for (v1.240.0): target "Active" for the CEN
 * (resource_alicloud_cen_instance.go:117), the TR (resource_alicloud_cen_transit_router.go:118),
 * a route table (resource_alicloud_cen_transit_router_route_table.go:105), an association
 * (_route_table_association.go:84), a propagation (_route_table_propagation.go:84) and a
 * route entry (_route_entry.go:131); "Attached" for VPC, VBR and peer attachments
 * (_vpc_attachment.go:241, _vbr_attachment.go:176, _peer_attachment.go:200); every delete
 * waits until the record is gone (_vpc_attachment.go:514 and the like).
 */
export const PHASES: Readonly<Record<CbnKind, Phase>> = {
  cen: ACTIVE,
  transitRouter: ACTIVE,
  trRouteTable: ACTIVE,
  trVpcAttachment: { pending: "Attaching", steady: "Attached", leaving: "Detaching" },
  trVbrAttachment: { pending: "Attaching", steady: "Attached", leaving: "Detaching" },
  trPeerAttachment: { pending: "Attaching", steady: "Attached", leaving: "Detaching" },
  trAssociation: { pending: "Associating", steady: "Active", leaving: "Dissociating" },
  trPropagation: { pending: "Enabling", steady: "Active", leaving: "Disabling" },
  trRouteEntry: ACTIVE,
  // enabled at once: the provider reads it back without waiting (resource_alicloud_cen_vbr_health_check.go:110)
  cenVbrHealthCheck: { pending: "", steady: "", leaving: "" },
};

export type CbnKind =
  | "cen"
  | "transitRouter"
  | "trRouteTable"
  | "trVpcAttachment"
  | "trVbrAttachment"
  | "trPeerAttachment"
  | "trAssociation"
  | "trPropagation"
  | "trRouteEntry"
  | "cenVbrHealthCheck";

export const ATTACHMENT_KINDS: readonly CbnKind[] = ["trVpcAttachment", "trVbrAttachment", "trPeerAttachment"];

/** The status a record shows now. */
export function statusOf(ctx: Ctx, r: Resource): string {
  const p = PHASES[r.kind as CbnKind];
  if (r.attrs.GoneAt !== undefined) return p.leaving;
  return ctx.now >= r.readyAt ? p.steady : p.pending;
}

export function steady(ctx: Ctx, r: Resource): boolean {
  return r.attrs.GoneAt === undefined && ctx.now >= r.readyAt;
}

/** Whether a record still exists (a leaving one does, until it expires). */
function alive(ctx: Ctx, r: Resource): boolean {
  return typeof r.attrs.GoneAt !== "number" || r.attrs.GoneAt > ctx.now;
}

/** Starts an asynchronous delete: the record shows its leaving status, then expires. */
export function leave(ctx: Ctx, r: Resource): void {
  r.attrs.GoneAt = ctx.now + ctx.transitionMs;
}

/** The caller's live records of a kind, in every region (CEN is global; most Cbn calls carry no region). */
export function owned(ctx: Ctx, kind: CbnKind): Resource[] {
  return ctx.store.all(kind).filter((r) => r.owner === ctx.account && alive(ctx, r));
}

/** One of the caller's live records of `kinds` by ID, or the API's not-found error. */
export function ownGet(ctx: Ctx, kinds: readonly CbnKind[], id: string, code: ErrorCode): Resource {
  const r = ctx.store.get(id);
  if (!r || !kinds.includes(r.kind as CbnKind) || r.owner !== ctx.account || !alive(ctx, r)) throw notFound(code, id);
  return r;
}

/** The refusal of a write on a record in transition; the provider retries this code (errors.ts). */
export function mustBeSteady(ctx: Ctx, r: Resource, what: string): void {
  if (!steady(ctx, r))
    throw conflict(
      "IncorrectStatus.Status",
      `${what} ${r.id} is ${statusOf(ctx, r)}; the operation needs it ${PHASES[r.kind as CbnKind].steady}.`,
    );
}

/** A new record in `region` (Cbn calls on a TR's children carry no RegionId: they live in their TR's region). */
export function put(ctx: Ctx, kind: CbnKind, id: string, region: string, attrs: Record<string, unknown>): Resource {
  return ctx.store.put({
    kind,
    id,
    owner: ctx.account,
    region,
    readyAt: ctx.now + ctx.transitionMs,
    attrs: { CreationTime: isoNow(ctx), ...attrs },
    tags: tagsFrom(ctx),
    origin: { action: ctx.params.Action ?? "", clientToken: ctx.params.ClientToken, at: ctx.now },
  });
}

export function cenOf(ctx: Ctx, id: string): Resource {
  return ownGet(ctx, ["cen"], id, "ParameterCenInstanceId");
}

export function trOf(ctx: Ctx, id: string): Resource {
  return ownGet(ctx, ["transitRouter"], id, "InvalidTransitRouterId.NotFound");
}

export function tableOf(ctx: Ctx, id: string): Resource {
  return ownGet(ctx, ["trRouteTable"], id, "InvalidTransitRouterRouteTableId.NotFound");
}

export function attachmentOf(ctx: Ctx, id: string): Resource {
  return ownGet(ctx, ATTACHMENT_KINDS, id, "InvalidTransitRouterAttachmentId.NotFound");
}

/** The TRs an attachment joins: its own, and for a peer attachment the peer TR as well. */
export function trsOf(att: Resource): string[] {
  const peer = att.attrs.PeerTransitRouterId;
  return [String(att.attrs.TransitRouterId), ...(typeof peer === "string" ? [peer] : [])];
}

export function createCen(ctx: Ctx, name: string, description: string, protection: string): Resource {
  const id = newId(ctx, "cen");
  return put(ctx, "cen", id, "", {
    CenId: id,
    Name: name,
    Description: description,
    ProtectionLevel: protection,
    ResourceGroupId: "rg-emu-default",
    Ipv6Level: "DISABLED",
  });
}

/**
 * DeleteCen API doc, prerequisites: the CEN's TRs are gone first (their tables and connections
 * with them). The provider's TR delete returns without waiting
 * (resource_alicloud_cen_transit_router.go:241-278), so a CEN delete meets TRs still Deleting:
 * the API answers Operation.Blocking, which the provider's CEN delete retries
 * (resource_alicloud_cen_instance.go:313); a TR not being deleted is a refusal.
 */
export function deleteCen(ctx: Ctx, cen: Resource): void {
  const trs = owned(ctx, "transitRouter").filter((t) => t.attrs.CenId === cen.id);
  const tr = trs.find((t) => t.attrs.GoneAt === undefined);
  const leaving = trs.find((t) => t.attrs.GoneAt !== undefined);
  if (!tr && leaving) throw conflict("Operation.Blocking", `CEN ${cen.id}: transit router ${leaving.id} is still Deleting.`);
  if (tr) throw conflict("OperationFailed.DeleteCenWithTransitRouter", `CEN ${cen.id} still has transit router ${tr.id} (${tr.region}).`);
  const table = owned(ctx, "trRouteTable").find((t) => t.attrs.CenId === cen.id && t.attrs.TransitRouterRouteTableType === "Custom");
  if (table) throw conflict("OperationFailed.DeleteCenWithCustomRouteTable", `CEN ${cen.id} still has custom route table ${table.id}.`);
  leave(ctx, cen);
}

/** CreateTransitRouter: an Active CEN, one TR per region per CEN (limits.ts), and the TR's system route table. */
export function createTransitRouter(ctx: Ctx, cen: Resource, name: string, description: string, multicast: boolean): Resource {
  mustBeSteady(ctx, cen, "CEN instance");
  const clash = owned(ctx, "transitRouter").find((t) => t.attrs.CenId === cen.id && t.region === ctx.region);
  if (clash)
    throw conflict(
      "QuotaExceeded.TransitRouter",
      `CEN ${cen.id} already has transit router ${clash.id} in ${ctx.region}: one transit router per region per CEN instance (CreateTransitRouter API doc).`,
    );
  const id = newId(ctx, "tr");
  const tr = put(ctx, "transitRouter", id, ctx.region, {
    TransitRouterId: id,
    CenId: cen.id,
    TransitRouterName: name,
    TransitRouterDescription: description,
    SupportMulticast: multicast,
    Type: "Enterprise",
    AliUid: Number(ctx.account),
    RegionId: ctx.region,
  });
  const system = newId(ctx, "vtb");
  put(ctx, "trRouteTable", system, ctx.region, routeTableAttrs(tr, system, "System", "", ""));
  return tr;
}

function routeTableAttrs(tr: Resource, id: string, type: "System" | "Custom", name: string, description: string): Record<string, unknown> {
  return {
    TransitRouterRouteTableId: id,
    TransitRouterId: tr.id,
    CenId: tr.attrs.CenId,
    TransitRouterRouteTableType: type,
    TransitRouterRouteTableName: name,
    TransitRouterRouteTableDescription: description,
    RegionId: tr.region,
  };
}

/** DeleteTransitRouter API doc, prerequisites: no connections and no custom route tables on the TR. */
export function deleteTransitRouter(ctx: Ctx, tr: Resource): void {
  const att = ATTACHMENT_KINDS.flatMap((k) => owned(ctx, k)).find((a) => trsOf(a).includes(tr.id));
  if (att)
    throw conflict("OperationFailed.TransitRouterHasAttachment", `Transit router ${tr.id} still has connection ${att.id} (${att.kind}).`);
  const tables = owned(ctx, "trRouteTable").filter((t) => t.attrs.TransitRouterId === tr.id);
  const custom = tables.find((t) => t.attrs.TransitRouterRouteTableType === "Custom");
  if (custom)
    throw conflict("OperationFailed.TransitRouterHasRouteTable", `Transit router ${tr.id} still has custom route table ${custom.id}.`);
  mustBeSteady(ctx, tr, "Transit router");
  for (const t of tables) leave(ctx, t);
  leave(ctx, tr);
}

export function createRouteTable(ctx: Ctx, tr: Resource, name: string, description: string): Resource {
  mustBeSteady(ctx, tr, "Transit router");
  const id = newId(ctx, "vtb");
  return put(ctx, "trRouteTable", id, tr.region, routeTableAttrs(tr, id, "Custom", name, description));
}

/** DeleteTransitRouterRouteTable: its associations, propagations and static entries are removed first. */
export function deleteRouteTable(ctx: Ctx, table: Resource): void {
  if (table.attrs.TransitRouterRouteTableType === "System")
    throw apiError(
      "InvalidParameter",
      `Route table ${table.id} is the transit router's system route table: it goes with its transit router.`,
    );
  const users = [...owned(ctx, "trAssociation"), ...owned(ctx, "trPropagation"), ...owned(ctx, "trRouteEntry")];
  const user = users.find((u) => u.attrs.TransitRouterRouteTableId === table.id);
  if (user) throw conflict("OperationFailed.RouteTableHasAssociation", `Route table ${table.id} still has ${user.kind} ${user.id}.`);
  mustBeSteady(ctx, table, "Route table");
  leave(ctx, table);
}

/** A write on an attachment's TR waits while another connection of the TR is in transition (the provider retries). */
export function mustBeIdle(ctx: Ctx, tr: Resource): void {
  mustBeSteady(ctx, tr, "Transit router");
  const busy = ATTACHMENT_KINDS.flatMap((k) => owned(ctx, k)).find((a) => trsOf(a).includes(tr.id) && !steady(ctx, a));
  if (busy) throw conflict("Operation.Blocking", `Transit router ${tr.id} is busy: connection ${busy.id} is ${statusOf(ctx, busy)}.`);
}
