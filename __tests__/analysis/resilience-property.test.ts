/**
 * Property: for random stacks, the single-failure table (failure-aware forwarding in the
 * checker) equals a brute-force recomputation that knows nothing of failures: delete the
 * element's resources from the JSON, apply what a failover does to the routes, and run
 * the plain checker again.
 *
 * What the brute force applies, written here from the failover semantics of docs/resilience.md and not from
 * the checker: a route entry towards a deleted router interface whose pair has a health
 * check is withdrawn (deleted); a failed transit-router line (its VBR or its VBR
 * attachment) whose VBR has neither BGP nor an `alicloud_cen_vbr_health_check` keeps the
 * routes it propagated (those of its static route towards the data center) in the TR
 * tables, and they lose what they attract (a `BlackHole` TR route for each of the IDC's
 * ranges there).
 *
 * The random stacks: the synthesized seed hub (router interfaces, peering, transit
 * routers), seed IDC (router interfaces, transit routers) and the two redundancy
 * examples (a dual-homed office, a data center with two lines) and the office-devices
 * example (one connection's tunnels on two devices), with random standby links
 * (weight 0, or 100 by mistake), a second leased line with random health checks or
 * withdrawal, and at random one route removed (so that some pairs are broken before any
 * failure).
 */
import fc from "fast-check";
import { checkReachability, Sites } from "../../lib/analysis/reachability";
import { FailureElement } from "../../lib/analysis/failures";
import { resilienceTable } from "../../lib/analysis/resilience";
import { sitesFromStack } from "../../lib/analysis/stack-sites";
import { StackJson } from "../../lib/tfjson";
import { idcLeasedLine, multinationalHub } from "../fixtures/seeds";
import { loadTopologyFile } from "../../lib/topology";
import { join } from "path";
import { tree } from "../netdiff/trees";
import {
  addSecondLine,
  addSecondTrLine,
  addStandbyLink,
  copyOf,
  firstVbr,
  Json,
  ref,
  setHealthChecks,
  setWithdrawal,
  Withdrawal,
} from "./redundant-stacks";

const only = (m: Map<string, StackJson>) => [...m.values()][0]!;
const EXAMPLES = join(__dirname, "..", "..", "examples");
const BASES = {
  "hub-router-interface": only(tree(multinationalHub())),
  "hub-peering": only(tree(multinationalHub("peering"))),
  "hub-transit-router": only(tree(multinationalHub("transit-router"))),
  "idc-vbr": only(tree(idcLeasedLine())),
  "idc-transit-router": only(tree(idcLeasedLine("transit-router"))),
  "example-dual-homed-office": only(tree(loadTopologyFile(join(EXAMPLES, "dual-homed-office.json")))),
  "example-redundant-idc": only(tree(loadTopologyFile(join(EXAMPLES, "redundant-idc.json")))),
  "example-office-devices": only(tree(loadTopologyFile(join(EXAMPLES, "office-devices.json")))),
} as const;
type Base = keyof typeof BASES;

interface Case {
  readonly base: Base;
  readonly standby: readonly string[];
  readonly standbyWeight: 0 | 100;
  readonly secondLine: boolean;
  readonly checks: readonly [boolean, boolean];
  readonly withdrawals: readonly [Withdrawal, Withdrawal];
  readonly damage: number | null;
}

const WITHDRAWALS: readonly Withdrawal[] = ["bgp", "health-check", "none"];
const cases: fc.Arbitrary<Case> = fc.record({
  base: fc.constantFrom(...(Object.keys(BASES) as Base[])),
  standby: fc.subarray(["us-office-1", "us-office-2", "cn-office-3", "cn-office-4"]),
  standbyWeight: fc.constantFrom(0 as const, 100 as const),
  secondLine: fc.boolean(),
  checks: fc.tuple(fc.boolean(), fc.boolean()),
  withdrawals: fc.tuple(fc.constantFrom(...WITHDRAWALS), fc.constantFrom(...WITHDRAWALS)),
  damage: fc.option(fc.nat()),
});

function build(c: Case): Json {
  const j = copyOf(BASES[c.base]);
  if (c.base.startsWith("hub") || c.base === "example-dual-homed-office")
    c.standby.forEach((o, i) => addStandbyLink(j, o, `203.0.113.${21 + i}`, { weight: c.standbyWeight }));
  const vbr1 = c.base.startsWith("idc") || c.base === "example-redundant-idc" ? firstVbr(j) : undefined;
  if (c.base === "idc-vbr" && c.secondLine) {
    const vbr2 = addSecondLine(j);
    setHealthChecks(j, vbr1!, c.checks[0]);
    setHealthChecks(j, vbr2, c.checks[1]);
  }
  if (c.base === "idc-transit-router") {
    setWithdrawal(j, vbr1!, c.withdrawals[0]);
    if (c.secondLine) setWithdrawal(j, addSecondTrLine(j), c.withdrawals[1]);
  }
  if (c.base === "example-redundant-idc")
    Object.keys(j.resource.alicloud_express_connect_virtual_border_router!).forEach((vbr, i) => setWithdrawal(j, vbr, c.withdrawals[i]!));
  if (c.damage !== null) {
    const routes = Object.keys(j.resource.alicloud_route_entry ?? {});
    if (routes.length > 0) delete j.resource.alicloud_route_entry![routes[c.damage % routes.length]!];
  }
  return j;
}

const RI = "alicloud_express_connect_router_interface";

/** Whether the pair of interface `name` has a health check (on either side). */
function pairChecked(j: Json, name: string): boolean {
  const opposite = Object.values(j.resource.alicloud_router_interface_connection ?? {})
    .filter((c) => c.interface_id === ref(RI, name))
    .map((c) => String(c.opposite_interface_id).split(".")[1]!);
  return [name, ...opposite].some((n) => j.resource[RI]?.[n]?.health_check_target_ip !== undefined);
}

/** Whether VBR `vbr` (resource name) has its routes withdrawn when its line fails. */
function withdraws(j: Json, vbr: string): boolean {
  const id = ref("alicloud_express_connect_virtual_border_router", vbr);
  return (
    Object.values(j.resource.alicloud_vpc_bgp_group ?? {}).some((g) => g.router_id === id) ||
    Object.values(j.resource.alicloud_cen_vbr_health_check ?? {}).some((h) => h.vbr_instance_id === id)
  );
}

/** Whether VBR `vbr` has a static route towards its data center (without one it propagates nothing). */
function routesToIdc(j: Json, vbr: string): boolean {
  const table = ref("alicloud_express_connect_virtual_border_router", vbr, "route_table_id");
  return Object.values(j.resource.alicloud_route_entry ?? {}).some(
    (r) => r.route_table_id === table && r.nexthop_type === "PhysicalConnection",
  );
}

/** Black holes for the ranges of the IDC behind each failed TR line that keeps its routes. */
function keptRoutes(j: Json, gone: ReadonlySet<string>, sites: Sites): void {
  const TRA = "alicloud_cen_transit_router_vbr_attachment";
  for (const [att, a] of Object.entries(j.resource[TRA] ?? {})) {
    const vbr = String(a.vbr_id).split(".")[1]!;
    if (!gone.has(`${TRA}.${att}`) && !gone.has(`alicloud_express_connect_virtual_border_router.${vbr}`)) continue;
    if (withdraws(j, vbr) || !routesToIdc(j, vbr)) continue;
    const v = j.resource.alicloud_express_connect_virtual_border_router![vbr]!;
    const idc = (sites.idcs ?? []).find((d) =>
      [d.vbr, ...(d.moreVbrs ?? [])].some((e) => e?.vlanId === v.vlan_id && e?.peerGatewayIp === v.peer_gateway_ip),
    );
    const props = Object.values(j.resource.alicloud_cen_transit_router_route_table_propagation ?? {});
    for (const p of props.filter((x) => String(x.transit_router_attachment_id).includes(`${TRA}.${att}.`)))
      for (const cidr of idc?.cidrs ?? [])
        (j.resource.alicloud_cen_transit_router_route_entry ??= {})[`Kept${att}${cidr}`] = {
          transit_router_route_table_id: p.transit_router_route_table_id,
          transit_router_route_entry_destination_cidr_block: cidr,
          transit_router_route_entry_next_hop_type: "BlackHole",
        };
  }
}

/** The stack as the element's failure leaves it, for the plain checker. */
function failed(json: Json, sites: Sites, e: FailureElement): Json {
  const j = copyOf(json as StackJson);
  const gone = new Set(e.resources);
  for (const [k, r] of Object.entries(j.resource.alicloud_route_entry ?? {})) {
    const hop = String(r.nexthop_id).split(".")[1]!;
    if (r.nexthop_type === "RouterInterface" && gone.has(`${RI}.${hop}`) && pairChecked(j, hop)) delete j.resource.alicloud_route_entry![k];
  }
  keptRoutes(j, gone, sites);
  for (const address of gone) {
    const [resource, role] = address.split("#") as [string, string | undefined];
    const [type, name] = resource.split(".") as [string, string];
    if (role === undefined) {
      delete j.resource[type]![name];
      continue;
    }
    // one tunnel of a connection: the connection is left with its other tunnel only
    const c = j.resource[type]![name]!;
    c.tunnel_options_specification = (c.tunnel_options_specification as { role: string }[]).filter((t) => t.role !== role);
  }
  return j;
}

describe("resilience table = brute force", () => {
  it("cuts, for every element of random redundant stacks, exactly the pairs the plain checker loses with the element deleted", () => {
    let elements = 0;
    let cut = 0;
    fc.assert(
      fc.property(cases, (c) => {
        const j = build(c);
        const sites = sitesFromStack(j as StackJson);
        const table = resilienceTable(j as StackJson, sites);
        for (const row of table.rows) {
          const after = checkReachability(failed(j, sites, row.element) as StackJson, sites);
          const expected = table.promised.filter((p) => !after.isDelivered(...(p.split("->") as [string, string])));
          expect({ element: row.element.id, cut: row.pairsCut }).toEqual({ element: row.element.id, cut: expected });
          elements++;
          if (expected.length > 0) cut++;
        }
      }),
      { numRuns: 60, seed: 20261204 },
    );
    // the property ran over elements that cut pairs and elements that do not
    expect(cut).toBeGreaterThan(0);
    expect(elements - cut).toBeGreaterThan(0);
  });
});
