/**
 * `twin --failover`, the pure part: which single failures touch a redundant office, how
 * each is cut in the running twin, how a VPN gateway chooses between its connections'
 * destination-based routes while some are down, how the gateway notices a connection is
 * down, and what the probes measured. Nothing here runs a command.
 *
 * Semantics (from the JSON alone, never the planner):
 * - a redundant office is one the JSON gives several IPsec connections with the same
 *   remote subnets (one device per link, each its own customer gateway);
 * - failure elements: `vpn-link:<vpn_connection_name>` (that connection's path over the
 *   internet goes down) and `vpn-gateway:<vpc>` (the gateway leaves its VPC and every
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
 * - the gateway notices a connection is down through its health check when the JSON
 *   enables one (`health_check_config`: a probe every `interval` seconds, down after
 *   `retry` unanswered ones), otherwise by DPD (the cloud end's charon clears the SAs).
 */
import * as ipaddr from "ipaddr.js";
import { TwinConnection, TwinIdcLine, TwinPlan } from "./plan";
import { PairLoss } from "./stream";

/** A link the twin sets down to cut an element and up to restore it. */
export interface CutLink {
  readonly ns: string;
  readonly dev: string;
}
export interface FailureElement {
  /** `vpn-link:<link>`, `vpn-gateway:<vpc>` or `line:<idc>/<line>`. */
  readonly id: string;
  /** The redundant offices (or data center) it touches. */
  readonly sites: readonly string[];
  /** The data center's leased line it cuts (its VBR's VLAN link goes down). @default - none */
  readonly line?: TwinIdcLine;
  /** Connections it takes down. */
  readonly connections: readonly string[];
  readonly cut: readonly CutLink[];
}

/** Offices with more than one connection, each with its connections in JSON key order. */
export function redundantSites(plan: TwinPlan): Map<string, TwinConnection[]> {
  const bySite = new Map<string, TwinConnection[]>();
  for (const c of plan.vpnConnections) bySite.set(c.site, [...(bySite.get(c.site) ?? []), c]);
  return new Map([...bySite].filter(([, cs]) => cs.length > 1));
}

/** Every single failure touching a redundant office (each of its links, each gateway it uses) or a data center's line. */
export function failureElements(plan: TwinPlan): FailureElement[] {
  const out = new Map<string, FailureElement>();
  const add = (e: FailureElement) => {
    const had = out.get(e.id);
    out.set(e.id, had ? { ...had, sites: [...new Set([...had.sites, ...e.sites])] } : e);
  };
  for (const [site, conns] of redundantSites(plan)) {
    for (const c of conns) add({ id: `vpn-link:${c.name}`, sites: [site], connections: [c.name], cut: [{ ns: c.ns, dev: c.wanIf }] });
    for (const gw of new Set(conns.map((c) => c.gatewayNs))) {
      const onGw = plan.vpnConnections.filter((c) => c.gatewayNs === gw);
      const first = onGw[0]!;
      add({
        id: `vpn-gateway:${first.vpc}`,
        sites: [site],
        connections: onGw.map((c) => c.name),
        cut: [{ ns: gw, dev: first.gatewayVpcIf }, ...onGw.map((c) => ({ ns: c.ns, dev: c.wanIf }))],
      });
    }
  }
  // a data center with several lines: each line cut alone (its VBR's VLAN link down)
  for (const l of plan.idcLines)
    add({ id: `line:${l.idc}/${l.line}`, sites: [l.idc], connections: [], line: l, cut: [{ ns: l.vbrNs, dev: l.dev }] });
  return [...out.values()];
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
 * The pairs the failover semantics (docs/resilience.md) say `e` cuts. An office is reached through the VPN
 * gateways that have a destination-based route to its subnets through a connection `e`
 * leaves up (the gateway drops what no route of an up connection takes; a connection's
 * automatic routes count). A pair of an office and another network is cut when the
 * other network's home VPC routes the office to a gateway left without such a route
 * (static VPC routes are not withdrawn; a round trip needs both ways, and the office
 * itself sends through any link that is up). A network without a home VPC route to the
 * office is not predicted (`undefined`).
 */
export function predictedCut(plan: TwinPlan, e: FailureElement, pairs: readonly (readonly [string, string])[]): string[] | undefined {
  if (e.line) return lineCut(plan, e.line, pairs);
  const down = new Set(e.connections);
  const bySite = new Map<string, TwinConnection[]>();
  for (const c of plan.vpnConnections) bySite.set(c.site, [...(bySite.get(c.site) ?? []), c]);
  const deadGateways = new Map<string, Set<string>>(); // site -> gateway namespaces without a live route to it
  for (const [site, conns] of bySite) {
    const gws = plan.vpnGateways.filter((g) => conns.some((c) => c.gatewayNs === g.ns));
    const subnets = new Set(
      gws.flatMap((g) => g.connections.filter((c) => conns.some((x) => x.name === c.name)).flatMap((c) => c.remoteSubnets)),
    );
    const dead = gws.filter((g) => !g.routes.some((r) => r.source === undefined && subnets.has(r.dest) && !down.has(r.connection)));
    if (dead.length > 0) deadGateways.set(site, new Set(dead.map((g) => g.ns)));
  }
  const cut: string[] = [];
  for (const [a, b] of pairs) {
    const verdict = pairCut(plan, deadGateways, a, b) ?? pairCut(plan, deadGateways, b, a);
    if (verdict === undefined) return undefined;
    if (verdict) cut.push(`${a}->${b}`);
  }
  return cut.sort();
}

/**
 * The pairs a cut leased line cuts, by the failover semantics for a transit router: it
 * learns the data center's prefixes from every line's VBR attachment (equal cost while
 * all are up); the cut line's member is withdrawn when its VBR runs BGP (the session
 * drops), so another line carries everything and nothing is cut; a statically routed
 * line keeps attracting traffic (the twin builds no data center for one: no BIRD file),
 * and with no other line the data center is cut off. The data center's own side prefers
 * its first line and uses the next when it is down (BIRD local preference).
 */
function lineCut(plan: TwinPlan, line: TwinIdcLine, pairs: readonly (readonly [string, string])[]): string[] {
  const withdrawn = plan.birds.some((b) => b.ns === line.vbrNs);
  const others = plan.idcLines.filter((l) => l.idc === line.idc && l.line !== line.line);
  if (withdrawn && others.length > 0) return [];
  return pairs
    .filter(([a, b]) => a === line.idc || b === line.idc)
    .map(([a, b]) => `${a}->${b}`)
    .sort();
}

/** Whether office `site` is cut from `other` (undefined: `site` is no office with a dead gateway, or the route is unknown). */
function pairCut(plan: TwinPlan, deadGateways: ReadonlyMap<string, ReadonlySet<string>>, site: string, other: string): boolean | undefined {
  const dead = deadGateways.get(site);
  if (!dead) return deadGateways.has(other) ? undefined : false;
  const alive = plan.vpnConnections.some((c) => c.site === site && !dead.has(c.gatewayNs));
  if (!alive) return true;
  const home = plan.networks.find((n) => n.name === other)?.home;
  const ip = plan.networks.find((n) => n.name === site)?.ip;
  if (!home || !ip) return undefined;
  // the gateway the other network's home VPC sends the office to: the VPC route's next hop
  const viaGateway = plan.routes
    .filter((r) => r.ns === home && r.args[1] === "via" && r.args[0] !== "default" && inCidr(ip, r.args[0]!))
    .map((r) => plan.links.find((l) => l.a === home && l.bAddr.split("/")[0] === r.args[2])?.b)
    .find((g) => g !== undefined && plan.vpnGateways.some((x) => x.ns === g));
  return viaGateway === undefined ? undefined : dead.has(viaGateway);
}

function inCidr(ip: string, cidr: string): boolean {
  const [a, l] = ipaddr.IPv4.parseCIDR(cidr);
  return ipaddr.IPv4.parse(ip).match(a, l);
}

export interface FailoverRow extends ElementMeasure {
  readonly predicted?: readonly string[];
}

/** The table `twin --failover` prints: element | pairs cut | recovery s | probes lost | predicted. */
export function failoverTable(stack: string, rows: readonly FailoverRow[]): string[] {
  const head = ["element", "pairs cut (after recovery)", "recovery s", "probes lost", "expected"];
  const cells = rows.map((r) => [
    r.element,
    String(r.pairsCut.length),
    r.recoveryS === undefined ? "-" : r.recoveryS.toFixed(1),
    `${r.lost} of ${r.sent}`,
    r.predicted === undefined
      ? "not predicted"
      : r.predicted.join(",") === r.pairsCut.join(",")
        ? `agrees (${r.predicted.length} cut)`
        : `DIFFERS: predicted ${r.predicted.length} cut`,
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
}

/** Every TR route with more than one attachment (a data center's lines), with its members. */
export function trEcmpGroups(plan: TwinPlan): TrEcmpGroup[] {
  return plan.transitRouters.flatMap((tr) =>
    tr.tables.flatMap((t) =>
      t.routes
        .filter((r) => r.attachment !== undefined && (r.alsoVia ?? []).length > 0)
        .map((r) => ({
          trNs: tr.ns,
          table: t.table,
          dest: r.dest,
          members: [r.attachment!, ...r.alsoVia!].flatMap((a) => {
            const end = tr.attachments.find((x) => x.address === a);
            return end ? [{ attachment: a, far: end.far, farIp: end.farIp, dev: end.dev }] : [];
          }),
        })),
    ),
  );
}
