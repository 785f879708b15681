/**
 * Transit routers (TRs) for the reachability checker, rebuilt from the synthesized JSON
 * on its own. Each TR route table is a router (`tr:<TR name>`, or `tr:<TR name>/<table>`
 * when a TR has several); which table a packet is looked up in depends on the attachment
 * it enters through. The rules, from the CEN documentation ("How transit routers work",
 * https://www.alibabacloud.com/help/en/cen/product-overview/how-transit-routers-work;
 * "Advertise routes of a VPC to a transit router", which VPC routes are propagated,
 * https://www.alibabacloud.com/help/doc-detail/86980.htm) and the provider's arguments
 * (`auto_publish_route_enabled`, next-hop types `Attachment` and `BlackHole`):
 *
 * - A packet entering a TR through attachment A is looked up (longest prefix) in the
 *   route table A is associated with. An attachment associated with no table of that TR
 *   drops what enters through it. A peer attachment is associated on each of its two TRs
 *   separately, so each direction needs its own association.
 * - Propagation of a VPC attachment installs the VPC's vSwitch CIDR blocks (its system
 *   routes) with that attachment as next hop; custom VPC routes are not propagated.
 *   Propagation of a VBR attachment installs the VBR's routes towards its data center.
 *   Peer attachments propagate nothing here. A propagation into a table of another TR
 *   installs nothing.
 * - Static entries (`alicloud_cen_transit_router_route_entry`) send a prefix to an
 *   attachment of the same TR, or drop it (`BlackHole`). On an equal prefix the checker
 *   prefers the static entry over a propagated route: an assumption, not a sourced fact
 *   (the synthesized stacks never hold both for one prefix, so it decides nothing there).
 * - A VBR attachment with `auto_publish_route_enabled` lets the VBR learn every route of
 *   the table its attachment is associated with, except those that point back at the VBR.
 *   A learned route does not take effect while the VBR holds its own route to the same
 *   prefix ("other network instances connected to the transit router can learn the
 *   advertised routes if no route conflict exists": CEN docs, Advertise routes to a
 *   transit router, https://www.alibabacloud.com/help/doc-detail/181618.htm): the VBR's
 *   own route wins, and the learned one is only installed after it is gone. A caller that
 *   models that moment holds the learned route back (`heldBack`).
 * - A VPC route entry with next hop type `Attachment` enters the TR through that VPC's
 *   own attachment.
 *
 * Cost: one pass over tables, associations, propagations and entries (each indexed by
 * address), plus one pass over each VBR's table when it learns; lookups stay in the
 * checker's prefix index.
 */
import { Resource, TfStack, TrAttachment, TransitRouterReader } from "../tfjson";
import { Cidr, isCidr, parseCidr } from "../topology/cidr";
import { Next, Route, Router } from "./forwarding";

/** What the TR model needs from the checker: routers, and the router of each VPC and VBR. */
export interface TrHost {
  readonly stack: TfStack;
  /** The router with this id, created when new. */
  router(id: string): Router;
  /** The router id of a VPC resource address. */
  vpcRouterOf(address: string): string | undefined;
  /** The router id of a VBR resource address. */
  vbrRouterOf(address: string): string | undefined;
  /** `<router id> <prefix>` of routes a VBR does not learn (yet), though its table publishes them. */
  readonly heldBack: ReadonlySet<string>;
  /** Whether the resource at this address is down (a failed attachment carries nothing). @default - nothing is down */
  isDown?(address: string): boolean;
}

const drop = (reason: string): Next => ({ kind: "drop", reason });

export class TransitRouterModel {
  private readonly reader: TransitRouterReader;
  /** Table address -> its router id. */
  private readonly tableRouter = new Map<string, string>();
  /** Table address -> address of its TR. */
  private readonly tableTr = new Map<string, string>();
  /** Attachment address -> TR address -> the table it is associated with there. */
  private readonly associated = new Map<string, Map<string, string>>();

  constructor(private readonly host: TrHost) {
    this.reader = withoutFailed(new TransitRouterReader(host.stack), (address) => host.isDown?.(address) === true);
    this.addTables();
    this.addAssociations();
    this.addStaticRoutes();
    this.addPropagations();
  }

  /** One router per route table, named after its TR (and the table when the TR has several). */
  private addTables(): void {
    const perTr = new Map<string | undefined, number>();
    for (const t of this.reader.tables()) perTr.set(this.reader.tableRouter(t), (perTr.get(this.reader.tableRouter(t)) ?? 0) + 1);
    for (const t of this.reader.tables()) {
      const tr = this.reader.tableRouter(t);
      if (tr === undefined) continue;
      const name = this.reader.routerName(tr);
      const id = perTr.get(tr) === 1 ? `tr:${name}` : `tr:${name}/${String(t.attrs.transit_router_route_table_name ?? t.name)}`;
      this.tableRouter.set(t.address, id);
      this.tableTr.set(t.address, tr);
      this.host.router(id);
    }
  }

  /** Associations: an attachment with a table on its own TR (a peer attachment: on either of its two TRs). */
  private addAssociations(): void {
    for (const b of this.reader.associations()) {
      const tr = b.table === undefined ? undefined : this.tableTr.get(b.table);
      if (!b.attachment || tr === undefined) continue;
      if (tr !== b.attachment.router && tr !== b.attachment.peerRouter) continue;
      let byTr = this.associated.get(b.attachment.resource.address);
      if (!byTr) this.associated.set(b.attachment.resource.address, (byTr = new Map()));
      if (!byTr.has(tr)) byTr.set(tr, b.table!);
    }
  }

  /**
   * A packet entering TR `tr` through attachment `a`: the table `a` is associated with
   * there. Without one, the packet still reaches the TR, which drops it: a router of its
   * own (`tr:<TR name> via <attachment>`) so that the trace's last hop is that TR.
   */
  private enter(a: TrAttachment, tr: string | undefined): Next {
    const table = tr === undefined ? undefined : this.associated.get(a.resource.address)?.get(tr);
    if (table !== undefined) return { kind: "router", id: this.tableRouter.get(table)! };
    const [name, label] = [this.reader.routerName(tr), this.reader.label(a)];
    if (tr === undefined) return drop(`${label} is on no TR of this stack`);
    const ingress = this.host.router(`tr:${name} via ${label}`);
    ingress.fallback ??= drop(`${label} is associated with no route table on TR ${name}: the TR drops what enters through it`);
    return { kind: "router", id: ingress.id };
  }

  /** A packet leaving a table of TR `tr` through attachment `a`. */
  private exitVia(a: TrAttachment, tr: string): Next {
    const notHere = () => drop(`next hop ${this.reader.label(a)} is not on TR ${this.reader.routerName(tr)}`);
    switch (a.kind) {
      case "vpc":
      case "vbr": {
        if (a.router !== tr) return notHere();
        const id = a.instance && (a.kind === "vpc" ? this.host.vpcRouterOf(a.instance.address) : this.host.vbrRouterOf(a.instance.address));
        return id ? { kind: "router", id } : drop(`${this.reader.label(a)} attaches nothing of this stack`);
      }
      case "peer":
        if (tr === a.router) return this.enter(a, a.peerRouter);
        if (tr === a.peerRouter) return this.enter(a, a.router);
        return notHere();
      default:
        return assertNever(a.kind);
    }
  }

  /** Static TR route entries: towards an attachment of the same TR, or a black hole. */
  private addStaticRoutes(): void {
    for (const e of this.reader.routeEntries()) {
      const table = this.reader.entryTable(e);
      const id = table === undefined ? undefined : this.tableRouter.get(table);
      const dest = parseCidr(String(e.attrs.transit_router_route_entry_destination_cidr_block));
      if (id === undefined || !isCidr(dest)) continue;
      this.host.router(id).routes.push({ dest, next: this.staticNext(e, id, this.tableTr.get(table!)!) });
    }
  }

  private staticNext(e: Resource, tableId: string, tr: string): Next {
    const type = e.attrs.transit_router_route_entry_next_hop_type;
    const dest = String(e.attrs.transit_router_route_entry_destination_cidr_block);
    if (type === "BlackHole") return drop(`blackhole route ${dest} on ${tableId}`);
    if (type !== "Attachment") return drop(`TR next hop type ${String(type)} is not modelled`);
    const a = this.reader.attachment(e.attrs.transit_router_route_entry_next_hop_id);
    return a ? this.exitVia(a, tr) : drop(`next hop of TR route ${dest} is no TR attachment of this stack`);
  }

  /** Propagations: a VPC attachment's vSwitch CIDRs, a VBR attachment's routes towards its IDC. */
  private addPropagations(): void {
    for (const b of this.reader.propagations()) {
      const a = b.attachment;
      const id = b.table === undefined ? undefined : this.tableRouter.get(b.table);
      const tr = b.table === undefined ? undefined : this.tableTr.get(b.table);
      if (!a || id === undefined || tr === undefined || a.kind === "peer" || a.router !== tr) continue;
      const target = this.exitVia(a, tr);
      if (target.kind !== "router") continue;
      if (a.kind === "vpc") {
        for (const dest of this.propagatedBy(a, target.id)) this.host.router(id).routes.push({ dest, next: target });
        continue;
      }
      const failed = this.failedLine(a);
      if (failed === "withdrawn") continue;
      const next = failed
        ? drop(`${this.reader.label(a)} is down, and its routes are never withdrawn (no BGP, no VBR health check)`)
        : target;
      for (const dest of this.propagatedBy(a, target.id)) this.addVbrRoute(id, dest, next);
    }
  }

  /**
   * Whether a VBR attachment's line is down (the attachment or its VBR): "withdrawn" when
   * something takes its routes away (a BGP session on the VBR drops them with it; an
   * `alicloud_cen_vbr_health_check` withdraws them), else true: they stay and attract
   * traffic that is lost. False when it is up.
   */
  private failedLine(a: TrAttachment): boolean | "withdrawn" {
    const down = (r: Resource | undefined) => r !== undefined && this.host.isDown?.(r.address) === true;
    if (!down(a.resource) && !down(a.instance)) return false;
    const vbr = a.instance;
    const s = this.host.stack;
    const withdraws =
      vbr !== undefined &&
      (s.referrers("alicloud_vpc_bgp_group", "router_id", vbr).length > 0 ||
        s.referrers("alicloud_cen_vbr_health_check", "vbr_instance_id", vbr).length > 0);
    return withdraws ? "withdrawn" : true;
  }

  /** Table id -> destination -> the route VBR attachments propagate for it (ECMP when several do). */
  private readonly fromVbrs = new Map<string, Map<string, Route>>();

  /** A route a VBR attachment propagates; a second line's for the same destination joins it as ECMP. */
  private addVbrRoute(tableId: string, dest: Cidr, next: Next): void {
    let byDest = this.fromVbrs.get(tableId);
    if (!byDest) this.fromVbrs.set(tableId, (byDest = new Map()));
    const routes = this.host.router(tableId).routes;
    const known = byDest.get(dest.text);
    if (!known) {
      const fresh = { dest, next };
      byDest.set(dest.text, fresh);
      routes.push(fresh);
      return;
    }
    const members = known.next.kind === "multipath" ? known.next.members : [known.next];
    const merged: Route = { dest, next: { kind: "multipath", members: [...members, next] } };
    routes[routes.indexOf(known)] = merged;
    byDest.set(dest.text, merged);
  }

  private propagatedBy(a: TrAttachment, routerId: string): Cidr[] {
    if (a.kind === "vpc")
      return this.host.stack
        .referrers("alicloud_vswitch", "vpc_id", a.instance!)
        .map((s) => parseCidr(String(s.attrs.cidr_block)))
        .filter(isCidr);
    return this.host
      .router(routerId)
      .routes.filter((r) => r.next.kind === "deliver")
      .map((r) => r.dest);
  }

  /** A VPC route entry with next hop type `Attachment`: into the TR through this VPC's own attachment. */
  fromVpc(nexthopId: unknown, vpcRouter: string): Next {
    const a = this.reader.attachment(nexthopId);
    if (!a || a.kind !== "vpc") return drop(`next hop ${String(nexthopId)} is no TR VPC attachment of this stack`);
    if (!a.instance || this.host.vpcRouterOf(a.instance.address) !== vpcRouter)
      return drop(`${this.reader.label(a)} does not attach this VPC`);
    return this.enter(a, a.router);
  }

  /**
   * VBRs whose attachment publishes routes learn every route of the table it is
   * associated with, except those pointing back at the VBR and those held back. Call
   * once every other route of the VBRs is in, so that their own routes win on an equal
   * prefix.
   */
  learnVbrRoutes(): void {
    for (const a of this.reader.allAttachments()) {
      if (a.kind !== "vbr" || a.resource.attrs.auto_publish_route_enabled !== true || !a.instance) continue;
      const vbr = this.host.vbrRouterOf(a.instance.address);
      const table = a.router === undefined ? undefined : this.associated.get(a.resource.address)?.get(a.router);
      if (vbr === undefined || table === undefined) continue;
      const tableId = this.tableRouter.get(table)!;
      const learned = this.host
        .router(tableId)
        .routes.filter((r) => !(r.next.kind === "router" && r.next.id === vbr) && !this.host.heldBack.has(`${vbr} ${r.dest.text}`))
        .map((r) => ({ dest: r.dest, next: { kind: "router", id: tableId } as const, learned: true }));
      this.host.router(vbr).routes.push(...learned);
    }
  }
}

/**
 * The reader as a failure leaves it: a failed attachment is as if the stack had none
 * (nothing enters, leaves or is learned through it), except in the propagations, where
 * a failed VBR attachment stays so that {@link TransitRouterModel} can decide whether its
 * routes are withdrawn.
 */
function withoutFailed(reader: TransitRouterReader, isDown: (address: string) => boolean): TransitRouterReader {
  const up = (a: TrAttachment | undefined) => (a && isDown(a.resource.address) ? undefined : a);
  return Object.assign(Object.create(reader) as TransitRouterReader, {
    attachment: (v: unknown) => up(reader.attachment(v)),
    allAttachments: () => reader.allAttachments().filter((a) => up(a) !== undefined),
    associations: () => reader.associations().map((b) => ({ ...b, attachment: up(b.attachment) })),
    propagations: () =>
      reader.propagations().map((b) => ({ ...b, attachment: b.attachment?.kind === "vbr" ? b.attachment : up(b.attachment) })),
  });
}

function assertNever(x: never): never {
  throw new Error(`unhandled attachment kind ${JSON.stringify(x)}`);
}
