/**
 * `twin --failover`, the pure part: which single failures touch a redundant office, how
 * each is cut in the running twin, how a VPN gateway chooses between its connections'
 * destination-based routes while some are down, how the gateway notices a connection is
 * down, what the probes measured, and how that compares with the reachability checker's
 * single-failure table. Nothing here runs a command.
 *
 * Semantics (from the JSON alone, never the planner):
 * - a redundant office is one the JSON gives several IPsec connections with the same
 *   remote subnets (one device per link, each its own customer gateway);
 * - failure elements: `vpn-link:<vpn_connection_name>` (that connection's path over the
 *   internet goes down), `vpn-tunnel:<link>/<role>` for a connection whose tunnels end on
 *   two office devices (that tunnel's path alone) and `vpn-gateway:<vpc>` (the gateway leaves its VPC and every
 *   connection on it goes down);
 * - a gateway's `alicloud_vpn_route_entry` rows with one `route_dest` form a group: the
 *   highest `weight` (100 active, 0 standby) whose connection is up carries the traffic;
 *   none up, the gateway drops it (Alibaba Cloud "Configure destination-based routes":
 *   the standby route takes over when the active connection's health check fails;
 *   provider alicloud/resource_alicloud_vpn_route_entry.go `weight`);
 * - a data center with several lines (one BIRD file, a session per line): element
 *   `line:<idc>/<line>`; a transit router learning its prefixes from several VBR
 *   attachments uses them all at equal cost, and withdraws a member whose VBR runs BGP
 *   when the session drops (a member without BGP keeps attracting traffic);
 * - in a stack with such a site, each transit-router attachment,
 *   `tr-attachment:<name>`: its link down at both ends (the TR's routes propagated
 *   through it go with it), and a VBR attachment's VBR stops announcing to the data
 *   center, which then takes its next line;
 * - the measured pairs must equal the checker's (lib/analysis/resilience.ts, the same
 *   JSON and promise) closed under reversal: a ping is a round trip;
 * - the gateway notices a connection is down through its health check when the JSON
 *   enables one (`health_check_config`: a probe every `interval` seconds, down after
 *   `retry` unanswered ones), otherwise by DPD (the cloud end's charon clears the SAs).
 */
import * as ipaddr from "ipaddr.js";
import { ResilienceTable } from "../../lib/analysis/resilience";
import { TwinConnection, TwinIdcLine, TwinPlan, VbrAnnouncement } from "./plan";
import { PairLoss } from "./stream";

/** A link the twin sets down to cut an element and up to restore it. */
export interface CutLink {
  readonly ns: string;
  readonly dev: string;
}
export interface FailureElement {
  /** `vpn-link:<link>`, `vpn-tunnel:<link>/<role>`, `vpn-gateway:<vpc>`, `line:<idc>/<line>` or `tr-attachment:<name>`. */
  readonly id: string;
  /** The redundant offices (or data center) it touches; none for a transit-router attachment. */
  readonly sites: readonly string[];
  /** The data center's leased line it cuts (its VBR's VLAN link goes down). @default - none */
  readonly line?: TwinIdcLine;
  /** The transit-router attachment it cuts (by address): it leaves every TR route it is a member of. @default - none */
  readonly attachment?: string;
  /**
   * BIRD static protocols disabled while the element is cut, so the VBR stops announcing
   * their prefixes to the data center: all of a VBR's when its own attachment goes (no
   * route into the cloud left), else those of the prefixes its TR no longer has a route
   * for. @default - none
   */
  readonly withdrawn?: readonly WithdrawnAnnouncements[];
  /** Connections it takes down. */
  readonly connections: readonly string[];
  readonly cut: readonly CutLink[];
}

/** A VBR's BIRD static protocols (in namespace `ns`) a cut disables. */
export interface WithdrawnAnnouncements {
  readonly ns: string;
  readonly protocols: readonly string[];
}

/**
 * Offices with more than one connection, and data centers whose leased line a VPN
 * connection backs up, each with its connections in JSON key order.
 */
export function redundantSites(plan: TwinPlan): Map<string, TwinConnection[]> {
  const bySite = new Map<string, TwinConnection[]>();
  for (const c of plan.vpnConnections) bySite.set(c.site, [...(bySite.get(c.site) ?? []), c]);
  const idcs = new Set(plan.idcLines.map((l) => l.idc));
  return new Map([...bySite].filter(([site, cs]) => cs.length > 1 || idcs.has(site)));
}

/**
 * Every single failure touching a redundant office (each of its links, each gateway it
 * uses) or a data center's line, and, in a stack with such a site, every transit-router
 * attachment.
 */
export function failureElements(plan: TwinPlan): FailureElement[] {
  const out = new Map<string, FailureElement>();
  const add = (e: FailureElement) => {
    const had = out.get(e.id);
    out.set(e.id, had ? { ...had, sites: [...new Set([...had.sites, ...e.sites])] } : e);
  };
  for (const [site, conns] of redundantSites(plan)) {
    for (const c of conns) add({ id: `vpn-link:${c.name}`, sites: [site], connections: [c.name], cut: wanCuts(c) });
    for (const c of conns) for (const e of tunnelElements(c, site)) add(e);
    for (const gw of new Set(conns.map((c) => c.gatewayNs))) {
      const onGw = plan.vpnConnections.filter((c) => c.gatewayNs === gw);
      const first = onGw[0]!;
      add({
        id: `vpn-gateway:${first.vpc}`,
        sites: [site],
        connections: onGw.map((c) => c.name),
        cut: [{ ns: gw, dev: first.gatewayVpcIf }, ...onGw.flatMap(wanCuts)],
      });
    }
  }
  // a data center with several lines: each line cut alone (its VBR's VLAN link down)
  for (const l of plan.idcLines)
    add({ id: `line:${l.idc}/${l.line}`, sites: [l.idc], connections: [], line: l, cut: [{ ns: l.vbrNs, dev: l.dev }] });
  if (out.size > 0) for (const e of trAttachmentElements(plan)) add(e);
  return [...out.values()];
}

/** A connection's WAN side: one link, or one per office device its tunnels end on. */
function wanCuts(c: TwinConnection): CutLink[] {
  return [...new Set([c.wanIf, ...(c.tunnels ?? []).map((t) => t.wanIf)])].map((dev) => ({ ns: c.ns, dev }));
}

/**
 * A connection whose tunnels end on several office devices: each tunnel cut alone
 * (`vpn-tunnel:<link>/<role>`, the path to its device down); the connection stays up on
 * the other tunnel, so no connection is taken down for the gateway's choice.
 */
function tunnelElements(c: TwinConnection, site: string): FailureElement[] {
  return (c.tunnels ?? []).map((t) => ({
    id: `vpn-tunnel:${c.name}/${t.role}`,
    sites: [site],
    connections: [],
    cut: [{ ns: c.ns, dev: t.wanIf }],
  }));
}

/**
 * Each transit-router attachment (a peer attachment once, though it has an end on each
 * TR): its link down at both ends, so the TR drops the routes it propagated and the
 * VPC's or VBR's routes towards the TR; a VBR attachment also silences the VBR's BGP
 * announcements (the data center then uses its next line, as the checker has it).
 */
export function trAttachmentElements(plan: TwinPlan): FailureElement[] {
  const out = new Map<string, FailureElement>();
  for (const tr of plan.transitRouters)
    for (const end of tr.attachments) {
      if (out.has(end.address)) continue;
      const link = plan.links.find(
        (l) => (l.b === tr.ns && l.bIf === end.dev && l.a === end.far) || (l.a === tr.ns && l.aIf === end.dev && l.b === end.far),
      );
      if (!link) continue;
      out.set(end.address, {
        id: `tr-attachment:${end.name}`,
        sites: [],
        connections: [],
        attachment: end.address,
        withdrawn: withdrawnBy(plan, end.address),
        cut: [
          { ns: link.a, dev: link.aIf },
          { ns: link.b, dev: link.bIf },
        ],
      });
    }
  return [...out.values()];
}

/**
 * The VBR announcements a cut of the attachment at `address` withdraws. The VBR of that
 * attachment loses its way into the cloud, so all of its announcements go. Any other VBR
 * keeps announcing only what its TR still routes: a prefix its TR publishes to it (every
 * route of the table its attachment is associated with) goes when every attachment
 * carrying that route is the cut one; one of its own networks is read as an aggregate of
 * those published routes: it goes when every published route inside it has gone (a
 * network with none inside is left announced).
 */
export function withdrawnBy(plan: TwinPlan, address: string): WithdrawnAnnouncements[] {
  const out: WithdrawnAnnouncements[] = [];
  for (const tr of plan.transitRouters)
    for (const end of tr.attachments.filter((e) => e.kind === "vbr")) {
      const all = plan.birds.find((b) => b.ns === end.far)?.announcements ?? [];
      if (all.length === 0) continue;
      if (end.address === address) {
        out.push({ ns: end.far, protocols: all.map((a) => a.protocol) });
        continue;
      }
      const routes = tr.tables.find((t) => t.address === end.table)?.routes ?? [];
      const gone = (a: VbrAnnouncement) => {
        const r = routes.find((x) => x.dest === a.prefix);
        return r?.attachment !== undefined && [r.attachment, ...(r.alsoVia ?? [])].every((m) => m === address);
      };
      const published = all.filter((a) => a.kind === "published");
      const withdrawn = all.filter((a) => {
        if (a.kind === "published") return gone(a);
        const inside = published.filter((p) => within(p.prefix, a.prefix));
        return inside.length > 0 && inside.every(gone);
      });
      if (withdrawn.length > 0) out.push({ ns: end.far, protocols: withdrawn.map((a) => a.protocol) });
    }
  return out;
}

/** Whether `inner` lies inside `outer` (both CIDRs). */
function within(inner: string, outer: string): boolean {
  const [net, len] = ipaddr.IPv4.parseCIDR(outer);
  const [addr, innerLen] = ipaddr.IPv4.parseCIDR(inner);
  return innerLen >= len && addr.match(net, len);
}

/** What a gateway does with one destination: through `connection` (at `via`), or drop it. */
export interface GatewayChoice {
  readonly gatewayNs: string;
  readonly dest: string;
  /** @default - dropped: no connection of the group is up */
  readonly connection?: string;
  readonly via?: string;
}

/**
 * The gateways' choices for every destination-based route group with more than one
 * connection, with the connections in `down` down: the highest weight whose connection is
 * up (ties: the first row, as the twin installs them at bring-up).
 */
export function gatewayChoices(plan: TwinPlan, down: ReadonlySet<string>): GatewayChoice[] {
  const byName = new Map(plan.vpnConnections.map((c) => [c.name, c]));
  const out: GatewayChoice[] = [];
  for (const gw of plan.vpnGateways) {
    const groups = new Map<string, { connection: string; weight: number }[]>();
    for (const r of gw.routes)
      if (r.source === undefined && r.weight !== undefined)
        groups.set(r.dest, [...(groups.get(r.dest) ?? []), { connection: r.connection, weight: r.weight }]);
    for (const [dest, rows] of groups) {
      if (new Set(rows.map((r) => r.connection)).size < 2) continue;
      const best = [...rows].sort((a, b) => b.weight - a.weight).find((r) => !down.has(r.connection) && byName.has(r.connection));
      out.push({ gatewayNs: gw.ns, dest, connection: best?.connection, via: best ? byName.get(best.connection)!.via : undefined });
    }
  }
  return out;
}

/** `ip route replace` arguments in the gateway's namespace for one choice. */
export function choiceRoute(c: GatewayChoice): string[] {
  return c.via ? [c.dest, "via", c.via] : ["unreachable", c.dest];
}

/** How the gateway watches one connection: every `everyS` seconds, down after `misses` failed checks in a row. */
export interface Watch {
  readonly connection: string;
  readonly everyS: number;
  readonly misses: number;
  /** `health-check`: a probe over the connection's path; `dpd`: the cloud end still holds its SAs. */
  readonly by: "health-check" | "dpd";
}

/** The watches of every connection in a gateway route group (only those matter for failover). */
export function watches(plan: TwinPlan): Watch[] {
  const inGroups = new Set(
    gatewayChoices(plan, new Set()).flatMap((g) =>
      plan.vpnGateways
        .find((x) => x.ns === g.gatewayNs)!
        .routes.filter((r) => r.dest === g.dest)
        .map((r) => r.connection),
    ),
  );
  return plan.vpnConnections
    .filter((c) => inGroups.has(c.name))
    .map((c) =>
      c.healthCheck
        ? { connection: c.name, everyS: c.healthCheck.intervalS, misses: c.healthCheck.retry, by: "health-check" as const }
        : { connection: c.name, everyS: 1, misses: 1, by: "dpd" as const },
    );
}

/** One check's effect: consecutive misses counted; down at `misses`, up again at the first success. */
export function afterCheck(state: { misses: number; down: boolean }, ok: boolean, w: Watch): { misses: number; down: boolean } {
  if (ok) return { misses: 0, down: false };
  const misses = state.misses + 1;
  return { misses, down: state.down || misses >= w.misses };
}

/** What the probes measured for one element. */
export interface ElementMeasure {
  readonly element: string;
  /** Pairs still losing probes at the end of the window (not recovered). */
  readonly pairsCut: readonly string[];
  /** Seconds from the cut to the last lost probe of a pair that recovered (plus one interval). @default - nothing lost */
  readonly recoveryS?: number;
  /** Probes lost from the cut to the end of the window. */
  readonly lost: number;
  readonly sent: number;
}

/**
 * From each pair's probes: a probe sent in [cutAt, endAt] counts; a pair that lost every
 * probe it sent in the last `tailS` seconds of the window is cut; a pair that lost some
 * and then got through recovered at its last loss (plus one probe interval).
 */
export function measureElement(
  element: string,
  pairs: readonly PairLoss[],
  w: { readonly cutAt: number; readonly endAt: number; readonly tailS: number; readonly intervalS: number },
): ElementMeasure {
  const inWindow = (t: number) => t >= w.cutAt && t <= w.endAt;
  const cut: string[] = [];
  let recovery: number | undefined;
  let lost = 0;
  let sent = 0;
  for (const p of pairs) {
    const lostHere = p.lostAt.filter(inWindow);
    const sentHere = p.sentAt.filter(inWindow);
    lost += lostHere.length;
    sent += sentHere.length;
    const tail = sentHere.filter((t) => t >= w.endAt - w.tailS);
    const lostTail = tail.filter((t) => lostHere.includes(t));
    if (tail.length > 0 && lostTail.length === tail.length) cut.push(`${p.from}->${p.to}`);
    else if (lostHere.length > 0) recovery = Math.max(recovery ?? 0, Math.max(...lostHere) - w.cutAt + w.intervalS);
  }
  return { element, pairsCut: cut.sort(), recoveryS: recovery, lost, sent };
}

/**
 * The pairs the reachability checker's single-failure table (lib/analysis/resilience.ts,
 * the same JSON, the same promise) says the element `id` cuts, as the twin measures them:
 * the checker walks one packet one way, a ping is a round trip, so a watched pair is
 * expected cut when either of its directions is. Undefined when the table has no such
 * element.
 */
export function checkerCut(table: ResilienceTable, id: string, watched: readonly (readonly [string, string])[]): string[] | undefined {
  const row = table.rows.find((r) => r.element.id === id);
  if (!row) return undefined;
  const cut = new Set(row.pairsCut);
  return watched
    .filter(([a, b]) => cut.has(`${a}->${b}`) || cut.has(`${b}->${a}`))
    .map(([a, b]) => `${a}->${b}`)
    .sort();
}

/** The pairs to hand the checker as the promise: the watched ones and their reversals (a round trip needs both ways). */
export function bothWays(watched: readonly (readonly [string, string])[]): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const [a, b] of watched.flatMap(([a, b]) => [[a, b] as const, [b, a] as const]))
    if (!seen.has(`${a}->${b}`)) {
      seen.add(`${a}->${b}`);
      out.push([a, b]);
    }
  return out;
}

export interface FailoverRow extends ElementMeasure {
  /** The checker's cut pairs for this element (checkerCut). @default - the checker has no such element */
  readonly expected?: readonly string[];
}

/** Why a row fails: the element and the pairs only the packets or only the checker cut; undefined when they agree. */
export function cutMismatch(row: FailoverRow): string | undefined {
  if (row.expected === undefined)
    return `MISMATCH ${row.element}: not an element of the checker's single-failure table (npx hybridnet resilience), so nothing to compare with`;
  const measured = new Set(row.pairsCut);
  const expected = new Set(row.expected);
  const onlyPackets = row.pairsCut.filter((p) => !expected.has(p));
  const onlyChecker = row.expected.filter((p) => !measured.has(p));
  if (onlyPackets.length === 0 && onlyChecker.length === 0) return undefined;
  return [
    `MISMATCH ${row.element}: the packets cut ${row.pairsCut.length} pairs, the checker ${row.expected.length}`,
    ...(onlyPackets.length > 0 ? [`cut by the packets only: ${onlyPackets.join(", ")}`] : []),
    ...(onlyChecker.length > 0 ? [`cut by the checker only: ${onlyChecker.join(", ")}`] : []),
  ].join("; ");
}

/** The table `twin --failover` prints: element | pairs cut | recovery s | probes lost | the checker's verdict. */
export function failoverTable(stack: string, rows: readonly FailoverRow[]): string[] {
  const head = ["element", "pairs cut (after recovery)", "recovery s", "probes lost", "checker (round trips)"];
  const cells = rows.map((r) => [
    r.element,
    String(r.pairsCut.length),
    r.recoveryS === undefined ? "-" : r.recoveryS.toFixed(1),
    `${r.lost} of ${r.sent}`,
    r.expected === undefined
      ? "NOT IN THE CHECKER'S TABLE"
      : cutMismatch(r) === undefined
        ? `agrees (${r.expected.length} cut)`
        : `DIFFERS: checker ${r.expected.length} cut`,
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => `  | ${c.map((x, i) => x.padEnd(width[i]!)).join(" | ")} |`;
  return [`${stack}: failover, one element at a time`, line(head), line(width.map((n) => "-".repeat(n))), ...cells.map(line)];
}

/** One transit router route learned from several VBR attachments (equal-cost paths). */
export interface TrEcmpGroup {
  readonly trNs: string;
  /** The Linux table standing for the TR route table. */
  readonly table: string;
  readonly dest: string;
  /** Each member: the attachment, its VBR's namespace (`far`) and the TR's next hop towards it. */
  readonly members: readonly { readonly attachment: string; readonly far: string; readonly farIp: string; readonly dev: string }[];
  /**
   * A less specific route of the same table covers the prefix (a data center's VPN
   * backup: the prefix one bit shorter towards the VPN's VPC): with no member left the
   * route goes and that one carries the traffic. @default false (unreachable)
   */
  readonly fallback?: boolean;
}

/**
 * Every TR route learned from a data center's lines: more than one attachment, or one VBR
 * attachment beside a less specific route of the same table (a VPN backup), with its members.
 */
export function trEcmpGroups(plan: TwinPlan): TrEcmpGroup[] {
  return plan.transitRouters.flatMap((tr) =>
    tr.tables.flatMap((t) =>
      t.routes
        .filter((r) => {
          if (r.attachment === undefined) return false;
          if ((r.alsoVia ?? []).length > 0) return true;
          const vbr = tr.attachments.find((x) => x.address === r.attachment)?.kind === "vbr";
          return vbr && t.routes.some((o) => o !== r && covers(o.dest, r.dest));
        })
        .map((r) => ({
          trNs: tr.ns,
          table: t.table,
          dest: r.dest,
          ...(t.routes.some((o) => o !== r && covers(o.dest, r.dest)) ? { fallback: true } : {}),
          members: [r.attachment!, ...(r.alsoVia ?? [])].flatMap((a) => {
            const end = tr.attachments.find((x) => x.address === a);
            return end ? [{ attachment: a, far: end.far, farIp: end.farIp, dev: end.dev }] : [];
          }),
        })),
    ),
  );
}

/** Whether `outer` is a strictly less specific prefix holding `inner`. */
function covers(outer: string, inner: string): boolean {
  const [o, ol] = ipaddr.IPv4.parseCIDR(outer);
  const [i, il] = ipaddr.IPv4.parseCIDR(inner);
  return ol < il && i.match(o, ol);
}
