/**
 * Reachability invariants that hold for any valid topology, checked by the independent
 * checker over synthesized JSON: used for config/ (config-invariants.test.ts) and for
 * examples/ (examples.test.ts). Seed-specific expectations live in the stack tests.
 */
import { checkReachability, INTERNET_NETWORK } from "../lib/analysis/reachability";
import { planRoutes, sitesFromTopology, Topology } from "../lib/topology";

export type Json = { resource?: Record<string, Record<string, Record<string, unknown>>> };

/** Ordered pairs every declared link promises, both ways (no planner involved). */
export function declaredPairs(t: Topology): string[] {
  const staticIdc = new Set((t.idcs ?? []).filter((d) => !d.bgp).map((d) => d.name));
  const pairs: [string, string][] = [];
  for (const l of t.links) {
    switch (l.kind) {
      case "peering":
        pairs.push([l.requester, l.acceptor]);
        break;
      case "router-interface":
        pairs.push([l.from, l.to]);
        break;
      case "vpn":
        pairs.push([l.office, l.vpc]);
        break;
      // without BGP the VBR -> IDC route is added by hand (synth warns): not in the JSON
      case "vbr":
        if (!staticIdc.has(l.idc)) pairs.push([l.idc, l.vpc]);
        break;
      case "shared-nat":
        pairs.push(...l.spokes.map((s) => [s, l.hub] as [string, string]));
        break;
    }
  }
  return pairs.flatMap(([a, b]) => [`${a}->${b}`, `${b}->${a}`]);
}

/** Ordered pairs the route plan promises (internet as destination included). */
export function plannedPairs(t: Topology): string[] {
  return [...planRoutes(t).reaches].flatMap(([src, dsts]) => [...dsts].map((d) => `${src}->${d}`)).sort();
}

export interface ReachabilityProblems {
  /** declared links that do not deliver both ways */
  readonly linksNotWorking: string[];
  /** the checker's delivered pairs against the plan's promise */
  readonly notAsPlanned: { readonly missing: string[]; readonly extra: string[] };
  readonly looped: string[];
  /** pairs delivered from the internet (none is ever declared) */
  readonly fromInternet: string[];
}

/** Everything the checker finds over `tf` that breaks an invariant of `t` (all empty when none). */
export function reachabilityProblems(tf: Json, t: Topology): ReachabilityProblems {
  const report = checkReachability(tf, sitesFromTopology(t));
  const delivered = new Set(report.delivered);
  const planned = new Set(plannedPairs(t));
  return {
    linksNotWorking: declaredPairs(t).filter((p) => !delivered.has(p)),
    notAsPlanned: { missing: [...planned].filter((p) => !delivered.has(p)), extra: [...delivered].filter((p) => !planned.has(p)).sort() },
    looped: report.results.filter((r) => r.status === "looped").map((r) => `${r.from}->${r.to}`),
    fromInternet: [...delivered].filter((p) => p.startsWith(`${INTERNET_NETWORK}->`)),
  };
}
