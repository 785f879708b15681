/**
 * The stage planner (lib/migrate): each rule on the seed hub and the seed IDC, checked
 * here with the reachability checker directly (not only through the planner's own proof),
 * and the refusals one by one.
 */
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { InterconnectKind, multinationalHub } from "../fixtures/seeds/multinational-hub";
import { checkReachability } from "../../lib/analysis/reachability";
import { MigrationRefused, planMigration } from "../../lib/migrate";
import { applyPoints, lostApplying, obligationOf, proveStage, shadowedLearned, sitesOfBoth } from "../../lib/migrate/prove";
import { stageLines } from "../../lib/migrate/output";
import { allOps, applyGraph, bit, dependencyOrder, idealsOver, labelOf, stateAfter, twoWalks } from "../../lib/migrate/apply-order";
import { resourcesOf, stackWith } from "../../lib/migrate/stack-json";
import { halves } from "../../lib/migrate/routes";
import { cidr } from "../../lib/topology/cidr";
import { StackJson } from "../../lib/tfjson";
import { mutate } from "../topology/draft";
import { tree } from "../netdiff/trees";

const HUB = "multinational-hub-dev";
const IDC = "idc-leased-line-dev";
const hub = (kind: InterconnectKind) => tree(multinationalHub(kind));

/**
 * The plan of each (base, head) pair of trees, made once: several tests read the same
 * migration, and proving the IDC's takes a second. The tests copy what they change
 * (`resourcesOf`, `stackWith`), so one plan serves them all.
 */
const plans = new Map<Map<string, StackJson>, Map<Map<string, StackJson>, ReturnType<typeof planMigration>>>();
function planOf(base: Map<string, StackJson>, head: Map<string, StackJson>): ReturnType<typeof planMigration> {
  const byHead = plans.get(base) ?? new Map<Map<string, StackJson>, ReturnType<typeof planMigration>>();
  plans.set(base, byHead);
  const m = byHead.get(head) ?? planMigration(base, head);
  byHead.set(head, m);
  return m;
}
/** The seed IDC, VBR-to-VPC and on a transit router: one pair of trees for the whole file. */
const IDC_TREES = [tree(idcLeasedLine("vbr")), tree(idcLeasedLine("transit-router"))] as const;

/** Every pair both ends reach, checked in `json` by the checker itself. */
function lostIn(base: StackJson, head: StackJson, json: StackJson): string[] {
  const sites = sitesOfBoth(base, head);
  const [b, h, s] = [checkReachability(base, sites), checkReachability(head, sites), checkReachability(json, sites)];
  return [...b.delivered].filter((p) => h.delivered.has(p) && !s.delivered.has(p));
}

describe("migrate: the default hub and IDC", () => {
  const ri = hub("router-interface");
  const cases: [string, Map<string, StackJson>, Map<string, StackJson>, string][] = [
    ["hub: router interfaces -> transit routers", ri, hub("transit-router"), HUB],
    ["hub: router interfaces -> peering", ri, hub("peering"), HUB],
    ["IDC: VBR-to-VPC -> transit router", IDC_TREES[0], IDC_TREES[1], IDC],
  ];

  it.each(cases)("%s: at least 2 stages, no pair lost at any stage, the last is head exactly", (_what, base, head, stack) => {
    // WHEN
    const m = planOf(base, head);
    // THEN
    expect(m.stages.length).toBeGreaterThanOrEqual(2);
    const [b, h] = [base.get(stack)!, head.get(stack)!];
    expect(obligationOf(b, h).kept.length).toBeGreaterThan(0);
    for (const s of m.stages) expect(lostIn(b, h, s.stacks.get(stack)!)).toEqual([]);
    expect(m.stages[m.stages.length - 1]!.stacks.get(stack)).toBe(h);
  });

  it.each(cases)("%s: every stage declares the data sources and variables its resources refer to", (_what, base, head, stack) => {
    for (const s of planOf(base, head).stages) {
      const json = s.stacks.get(stack)!;
      const text = JSON.stringify(json.resource);
      for (const [, type, name] of text.matchAll(/\$\{data\.([\w-]+)\.([\w-]+)/g)) expect(json.data?.[type!]?.[name!]).toBeDefined();
      for (const [, name] of text.matchAll(/\$\{var\.([\w-]+)/g)) expect(json.variable?.[name!]).toBeDefined();
    }
  });

  it("moves every replaced route by its two halves first (stage 2 adds only more-specific route entries)", () => {
    // WHEN
    const m = planMigration(ri, hub("transit-router"));
    // THEN
    const s2 = m.stages[1]!.changes.get(HUB)!;
    expect(s2.removes).toEqual([]);
    expect(s2.creates).toHaveLength(12);
    for (const a of s2.creates) expect(a).toMatch(/^alicloud_route_entry\..*_migrate_(lo|hi)$/);
  });
});

describe("migrate: the rules, each one needed", () => {
  const base = hub("router-interface").get(HUB)!;
  const head = hub("transit-router").get(HUB)!;

  it("fails when a route is replaced in place: applying head in one step loses pairs midway", () => {
    // WHEN Terraform deletes the old entries before it creates their successors
    const lost = lostApplying(base, head, obligationOf(base, head));
    // THEN lost as soon as one old entry is gone (a stage of 40 operations: over the cap, walked)
    expect(lost.length).toBeGreaterThan(0);
    expect(lost[0]!.point).toMatch(/^deletions first, step 1 of 40 \(destroyed alicloud_route_entry\./);
  });

  it("fails when the route-table quota leaves no room for the more-specifics, naming table and quota", () => {
    expect(() => planMigration(hub("router-interface"), hub("transit-router"), { routeQuota: 5 })).toThrow(MigrationRefused);
    expect(() => planMigration(hub("router-interface"), hub("transit-router"), { routeQuota: 5 })).toThrow(
      /stage 2 .* needs \d+ custom route entries in route table "\$\{alicloud_vpc\.[^}]+\.route_table_id\}"; the custom route entries per route table quota is 5/,
    );
  });

  it("fails when a moved destination is a /32, which has no more-specific prefix", () => {
    // GIVEN an office of one address, so the hub routes a /32 to it
    const one = (kind: InterconnectKind) =>
      tree(
        mutate(multinationalHub(kind), (t) => {
          t.offices![0]!.cidrs = ["10.10.10.1/32"];
        }),
      );
    // THEN
    expect(() => planMigration(one("router-interface"), one("peering"))).toThrow(/a \/32 has no more-specific prefix/);
  });

  it("reports, and does not refuse, a head that drops a pair (the change means it)", () => {
    // GIVEN head without us-office-2's VPN link
    const dropped = tree(
      mutate(multinationalHub("transit-router"), (t) => {
        t.links = t.links.filter((l) => l.name !== "us-office-2");
        t.offices = t.offices!.filter((o) => o.name !== "us-office-2");
      }),
    );
    // WHEN
    const m = planMigration(hub("router-interface"), dropped);
    // THEN
    expect(m.stacks[0]!.obligation.droppedByHead).toContain("us-office-2->cn-vpc");
    expect(m.stacks[0]!.obligation.kept).not.toContain("us-office-2->cn-vpc");
  });

  it("fails when no stage order keeps a pair: a replaced VPN gateway cuts its offices off midway, with no route to move", () => {
    // GIVEN head with us-vpc's gateway in the other vSwitch (ForceNew: a new gateway)
    const moved = tree(
      mutate(multinationalHub("router-interface"), (t) => {
        t.vpcs[0]!.vpnGateway = { bandwidth: 10, vswitch: "us-b", disasterRecoveryVswitch: "us-a" };
      }),
    );
    // THEN
    expect(() => planMigration(hub("router-interface"), moved)).toThrow(
      /stage 1 \(apply head \(no route entry moves\)\), 1 of \d+ operations done: \d+ pair\(s\) reachable in base and head are lost, first \S+->\S+ \(blackholed.*; done by then, of what can change its walk: destroyed alicloud_route_entry\.\S+\); no stage order keeps them$/,
    );
  });

  it("fails when head and base hold different stacks", () => {
    expect(() => planMigration(hub("router-interface"), new Map())).toThrow(/stack multinational-hub-dev is in base but not in head/);
  });

  it("plans a change that moves no route as one stage: head", () => {
    // GIVEN a new office on an existing gateway: routes added, none moved
    const more = tree(
      mutate(multinationalHub("router-interface"), (t) => {
        t.offices!.push({ name: "us-office-5", publicIp: "203.0.113.15", cidrs: ["10.10.11.0/24"] });
        t.links.push({ kind: "vpn", name: "us-office-5", office: "us-office-5", vpc: "us-vpc" });
      }),
    );
    const m = planMigration(hub("router-interface"), more);
    expect(m.stages.map((s) => s.summary)).toEqual([`${HUB}: apply head (no route entry moves)`]);
  });

  it("models both apply midpoints: replaced and removed gone with nothing new, or everything new beside the old", () => {
    // GIVEN base (router interfaces) and head (peering): routes replaced, interfaces removed, a peering added
    const [b, h] = [hub("router-interface").get(HUB)!, hub("peering").get(HUB)!];
    // WHEN
    const [mid1, mid2] = applyPoints(b, h);
    const [deleted, created] = [[...resourcesOf(mid1!.json).keys()], [...resourcesOf(mid2!.json).keys()]];
    // THEN
    const [before, after] = [[...resourcesOf(b).keys()], [...resourcesOf(h).keys()]];
    const peering = after.filter((a) => a.startsWith("alicloud_vpc_peer_connection."));
    const interfaces = before.filter((a) => a.startsWith("alicloud_express_connect_router_interface."));
    expect(peering).toHaveLength(1);
    expect(interfaces).toHaveLength(2);
    expect(deleted).not.toContain(peering[0]);
    for (const i of interfaces) expect(deleted).not.toContain(i);
    const hops = Object.values(mid1!.json.resource?.alicloud_route_entry ?? {}).map((e) => e.nexthop_type);
    expect(hops.length).toBeGreaterThan(0);
    expect(hops).not.toContain("RouterInterface");
    expect(hops).not.toContain("VpcPeer");
    expect(created).toEqual(expect.arrayContaining([...before, ...peering]));
  });

  it("splits a block into its two halves", () => {
    expect(halves(cidr("10.0.0.0/16")).map((c) => c.text)).toEqual(["10.0.0.0/17", "10.0.128.0/17"]);
    expect(halves(cidr("172.16.0.0/31")).map((c) => c.text)).toEqual(["172.16.0.0/32", "172.16.0.1/32"]);
  });
});

describe("migrate: the IDC's VBR routes that its transit router publishes instead", () => {
  const [baseTree, headTree] = IDC_TREES;
  const [base, head] = [baseTree.get(IDC)!, headTree.get(IDC)!];
  const TR_HALF = /^alicloud_cen_transit_router_route_entry\..*_migrate_(lo|hi)$/;
  /** A stage without the transit router's halves: what the planner wrote before it knew about them. */
  const withoutTrHalves = (s: StackJson) => stackWith(s, new Map([...resourcesOf(s)].filter(([a]) => !TR_HALF.test(a))));
  /** Both trees with bj-vpc's first vSwitch as wide as the VPC, so its TR publishes the VPC's block by propagation. */
  const wide = (t: Map<string, StackJson>) => {
    const s = structuredClone(t.get(IDC)!) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    for (const v of Object.values(s.resource.alicloud_vswitch!)) if (v.cidr_block === "172.16.0.0/24") v.cidr_block = "172.16.0.0/16";
    return new Map([[IDC, s as StackJson]]);
  };

  it("fails when the VBR's own route goes before the equal prefix its transit router publishes is learned (the stages without the transit router's halves)", () => {
    // GIVEN the planned stages 2 and 3 without the TR halves
    const m = planOf(baseTree, headTree);
    const [s2, s3] = [m.stages[1]!, m.stages[2]!].map((s) => withoutTrHalves(s.stacks.get(IDC)!));
    // WHEN stage 3 deletes the VBR's 172.18.0.0/16 through the router interface
    const lost = lostApplying(s2!, s3!, obligationOf(base, head));
    // THEN the IDC loses sz-vpc between the delete and the cloud installing the learned route
    expect(lost.map((l) => l.pair)).toEqual(["beijing-idc->sz-vpc"]);
    expect(lost[0]!.point).toMatch(/^\d+ of \d+ operations done$/);
    expect(lost[0]!.done).toContainEqual(
      expect.stringMatching(/^destroyed alicloud_route_entry\.Network_Routes_VbrBeijingIdc_172-18-0-0-16/),
    );
    expect(lost[0]!.reason).toContain("vbr:beijing-idc 172.18.0.0/16");
  });

  it("moves the VBR's route by the transit router's halves in stage 2 and removes them in stage 4", () => {
    // WHEN
    const m = planOf(baseTree, headTree);
    // THEN
    expect(m.stages).toHaveLength(4);
    const created = m.stages[1]!.changes.get(IDC)!.creates.filter((a) => TR_HALF.test(a));
    expect(created).toHaveLength(2);
    const entries = resourcesOf(m.stages[1]!.stacks.get(IDC)!);
    const whole = [...resourcesOf(head)].find(([a]) =>
      a.startsWith("alicloud_cen_transit_router_route_entry.Network_Routes_TrCnBeijing_172-18"),
    )!;
    for (const a of created) {
      expect(entries.get(a)!.transit_router_route_entry_next_hop_id).toBe(whole[1].transit_router_route_entry_next_hop_id);
      expect(entries.get(a)!.transit_router_route_table_id).toBe(whole[1].transit_router_route_table_id);
    }
    expect(created.map((a) => entries.get(a)!.transit_router_route_entry_destination_cidr_block).sort()).toEqual([
      "172.18.0.0/17",
      "172.18.128.0/17",
    ]);
    expect(m.stages[3]!.changes.get(IDC)!.removes).toEqual(expect.arrayContaining(created));
    expect(m.stages[3]!.stacks.get(IDC)).toBe(head);
  });

  it("fails when head publishes the VBR's prefix by propagation only: refused, naming the VBR, the prefix and why", () => {
    // GIVEN bj-vpc's vSwitch as wide as the VPC: the Beijing table learns 172.16.0.0/16 by propagation, with no static entry to halve
    const refusal = (() => {
      try {
        // stage 1 (1,952 states, none touching the refusal) walked, stage 3 checked in full
        planMigration(wide(baseTree), wide(headTree), { stateCap: 64 });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(MigrationRefused);
    expect(() => {
      throw refusal;
    }).toThrow(
      /stage 3 .*, \d+ of \d+ operations done: 1 pair\(s\) .* first beijing-idc->bj-vpc .*not yet learned there: vbr:beijing-idc 172\.16\.0\.0\/16.*shadowed by a deleted route of its own.*done by then, of what can change its walk: destroyed alicloud_route_entry\.Network_Routes_VbrBeijingIdc_172-16/,
    );
  });
});

describe("migrate: the steps between a stage's two extremes", () => {
  const [baseTree, headTree] = IDC_TREES;
  const [base, head] = [baseTree.get(IDC)!, headTree.get(IDC)!];
  const ASSOCIATION = /^alicloud_cen_transit_router_route_table_association\..*VpcSzVpc_Association/;

  it("fails when a route moves onto the new path before that path is whole: lost at a step, kept at both extremes", () => {
    // GIVEN stage 1 without sz-vpc's attachment association, and stage 2 creating it only after sz-vpc's first half route
    // (the halves no longer wait for it)
    const m = planOf(baseTree, headTree);
    const s1 = resourcesOf(m.stages[0]!.stacks.get(IDC)!);
    const s2 = resourcesOf(m.stages[1]!.stacks.get(IDC)!);
    const association = [...s1.keys()].find((a) => ASSOCIATION.test(a))!;
    const half = [...s2.keys()].find((a) => /^alicloud_route_entry\..*SzVpc.*_migrate_lo$/.test(a))!;
    s1.delete(association);
    s2.set(association, { ...s2.get(association)!, depends_on: [half] });
    for (const a of [half, half.replace(/_lo$/, "_hi")]) {
      const { depends_on: _refs, ...body } = s2.get(a)!;
      s2.set(a, body);
    }
    const [prev, next] = [stackWith(head, s1), stackWith(head, s2)];
    const ob = obligationOf(base, head);
    const sites = sitesOfBoth(base, head);
    // THEN both extremes and the stage keep every pair
    for (const json of [next, ...applyPoints(prev, next).map((p) => p.json)])
      expect(ob.kept.filter((p) => !checkReachability(json, sites).delivered.has(p))).toEqual([]);
    // WHEN every step is checked
    const lost = proveStage(prev, next, ob).lost;
    // THEN the state with the half route and without the association loses sz-vpc's way to the IDC
    expect(lost.map((l) => l.pair)).toEqual(["sz-vpc->beijing-idc"]);
    expect(lost[0]!.point).toMatch(/^1 of \d+ operations done$/);
    expect(lost[0]!.done).toEqual([`created ${half}`]);
    expect(lost[0]!.reason).toMatch(/associated with no route table/);
  });

  it("walks both orders one operation at a time: creations after what they refer to, destroys before it", () => {
    // WHEN stage 3 of the IDC (old path out, head's routes in) is walked
    const m = planOf(baseTree, headTree);
    const [prev, next] = [m.stages[1]!.stacks.get(IDC)!, m.stages[2]!.stacks.get(IDC)!];
    const steps = twoWalks(applyGraph(prev, next)).map((s) => s.point);
    const at = (order: string, what: RegExp) => steps.findIndex((p) => p.startsWith(order) && what.test(p));
    // THEN an interface is destroyed only after its connections, in both orders
    for (const order of ["deletions first", "creations first"]) {
      const iface = at(order, /destroyed alicloud_express_connect_router_interface\..*IdcSz_Initiating/);
      const conn = at(order, /destroyed alicloud_router_interface_connection\..*IdcSz_InitiatingConnection/);
      expect(conn).toBeGreaterThanOrEqual(0);
      expect(iface).toBeGreaterThan(conn);
    }
    expect(m.stacks[0]!.points).toBeGreaterThan(4 * 3);
  });

  it("fails when resources refer to each other in a cycle, naming them", () => {
    const bodies = new Map([
      ["a.x", { depends_on: ["b.y"] }],
      ["b.y", { v: "${a.x.id}" }],
    ]);
    expect(() => dependencyOrder(["a.x", "b.y"], bodies)).toThrow(/cycle: a\.x, b\.y; allowed: an acyclic graph/);
    expect(dependencyOrder(["b.y", "a.x"], new Map([["b.y", { v: "${a.x.id}" }]]))).toEqual(["a.x", "b.y"]);
  });
});

describe("migrate: every state Terraform can reach while it applies a stage", () => {
  const riTree = hub("router-interface");
  const ri = riTree.get(HUB)!;
  const routes = resourcesOf(ri);
  const [, good] = [...routes].find(([a]) => a.startsWith("alicloud_route_entry.Network_Routes_UsVpc_10-20-10-0-24"))!;
  const gateway = Object.keys(ri.resource!.alicloud_vpn_gateway!).find((n) => n.startsWith("Network_VpnGateways_UsVpc"))!;
  const { depends_on: _order, ...plain } = good;
  /** us-vpc's route to cn-office-3 (10.20.10.0/24, over the router interface) narrowed to `dest`, or sent to us-vpc's own VPN gateway. */
  const entry = (dest: string, bad = false) => ({
    ...plain,
    destination_cidrblock: dest,
    ...(bad ? { nexthop_type: "VpnGateway", nexthop_id: `\${alicloud_vpn_gateway.${gateway}.id}` } : {}),
  });
  /**
   * A stage with three independent operations on routes towards cn-office-3: it destroys
   * a good /26 (c), creates a good /27 (a) and a /25 into us-vpc's own gateway (b, where
   * the packet loops). Only b without a and without c routes by b.
   */
  const withRoutes = (extra: [string, object][]) =>
    stackWith(ri, new Map([...routes, ...extra.map(([n, b]) => [`alicloud_route_entry.${n}`, b] as [string, never])]));
  const prev = withRoutes([["mix_c_good26", entry("10.20.10.0/26")]]);
  const next = withRoutes([
    ["mix_a_good27", entry("10.20.10.0/27")],
    ["mix_b_bad25", entry("10.20.10.0/25", true)],
  ]);
  const ob = obligationOf(prev, next);
  /** The pairs lost in any of `states`, by the checker directly. */
  const lostInStates = (g: ReturnType<typeof applyGraph>, states: readonly bigint[], heldFrom: StackJson) => {
    const heldBack = shadowedLearned(heldFrom, ob.sites);
    return [
      ...new Set(
        states.flatMap((s) => ob.kept.filter((p) => !checkReachability(stateAfter(g, s), ob.sites, { heldBack }).delivered.has(p))),
      ),
    ].sort();
  };

  it("fails when only a state mixing creations and deletions loses a pair: both walks keep it, the proof names it and what was done", () => {
    // GIVEN both walks, checked by the checker directly
    const g = applyGraph(prev, next);
    expect(g.ops.map(labelOf)).toEqual([
      "created alicloud_route_entry.mix_a_good27",
      "created alicloud_route_entry.mix_b_bad25",
      "destroyed alicloud_route_entry.mix_c_good26",
    ]);
    expect(
      lostInStates(
        g,
        twoWalks(g).map((w) => w.performed),
        prev,
      ),
    ).toEqual([]);
    expect(ob.kept).toContain("us-vpc->cn-office-3");
    // WHEN every state is checked
    const proof = proveStage(prev, next, ob);
    // THEN the state with b created and c destroyed, a not yet, loses the way to cn-office-3
    expect(proof.lost.map((l) => l.pair)).toContain("us-vpc->cn-office-3");
    const l = proof.lost.find((x) => x.pair === "us-vpc->cn-office-3")!;
    expect(l.point).toBe("2 of 3 operations done");
    expect(l.done).toEqual(["created alicloud_route_entry.mix_b_bad25", "destroyed alicloud_route_entry.mix_c_good26"]);
    expect(l.reason).toMatch(/^looped/);
    expect(proof.states).toBe(8);
  });

  /** Stages small enough to check every state Terraform can reach, without the relevance cut. */
  const stages = (): [string, StackJson, StackJson, StackJson, StackJson][] => {
    const [b, h] = IDC_TREES;
    const m = planOf(b, h);
    const at = (k: number) => m.stages[k]!.stacks.get(IDC)!;
    return [
      ["three routes towards one office", prev, next, prev, next],
      ["IDC -> transit router, stage 2 (traffic moves)", at(0), at(1), b.get(IDC)!, h.get(IDC)!],
      ["IDC -> transit router, stage 4 (more-specifics go)", at(2), at(3), b.get(IDC)!, h.get(IDC)!],
    ];
  };

  it.each(stages())("the relevance cut misses no state that decides a pair, and adds none: %s", (_what, from, to, base, head) => {
    // GIVEN every order ideal of the whole order, each checked for every pair
    const g = applyGraph(from, to);
    const o = obligationOf(base, head);
    const every = idealsOver(
      g,
      g.ops.map((_, i) => i),
      1 << 16,
    )!;
    expect(every.length).toBeGreaterThan(1);
    const heldBack = shadowedLearned(from, o.sites);
    const lostAnywhere = [
      ...new Set(every.flatMap((s) => o.kept.filter((p) => !checkReachability(stateAfter(g, s), o.sites, { heldBack }).delivered.has(p)))),
    ];
    // THEN the proof over the relevant operations finds the same pairs
    const proof = proveStage(from, to, o);
    expect(proof.states).toBeLessThanOrEqual(every.length);
    expect(proof.lost.map((l) => l.pair).sort()).toEqual(lostAnywhere.sort());
  });

  it("orders an apply as Terraform does: a replaced resource destroyed before its successor, dependents destroyed first, creates after what they refer to", () => {
    const g = applyGraph(ri, hub("transit-router").get(HUB)!);
    const index = (label: string) => g.ops.findIndex((o) => labelOf(o) === label);
    const before = (x: number, y: number) => (g.before[y]! & bit(x)) !== 0n;
    const replaced = g.ops.find((o) => o.kind === "created" && index(`destroyed ${o.address}`) >= 0)!;
    expect(before(index(`destroyed ${replaced.address}`), index(`created ${replaced.address}`))).toBe(true);
    const conn = g.ops.findIndex((o) => o.kind === "destroyed" && o.address.startsWith("alicloud_router_interface_connection."));
    const iface = g.ops.findIndex((o) => o.kind === "destroyed" && o.address.startsWith("alicloud_express_connect_router_interface."));
    expect(before(conn, iface)).toBe(true);
    const tr = g.ops.findIndex((o) => o.address.startsWith("alicloud_cen_transit_router.") && o.kind === "created");
    const table = g.ops.findIndex((o) => o.address.startsWith("alicloud_cen_transit_router_route_table.") && o.kind === "created");
    expect(before(tr, table)).toBe(true);
    expect(before(table, tr)).toBe(false);
    expect(g.before.every((b, i) => (b & bit(i)) === 0n && (b & ~allOps(g)) === 0n)).toBe(true);
  });

  it("fails when a stage has more states than the cap: the proof says what it checked instead of claiming every state", () => {
    // WHEN the IDC's move is proven with at most 10 states a stage
    const m = planMigration(IDC_TREES[0], IDC_TREES[1], { stateCap: 10 });
    const lines = stageLines(m);
    // THEN stage 1 (1,952 states) is walked, and the claim says so
    expect(m.stacks[0]!.states[0]).toBeUndefined();
    expect(lines.join("\n")).not.toContain("0 pairs lost at any stage");
    expect(lines[lines.length - 1]).toBe(
      "4 stages, 0 pairs lost in the states checked; not every state of idc-leased-line-dev was checked (raise the cap with --state-cap)",
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /except in stage 1, 3 \(more than 10 states: only every step of applying it deletions first and creations first\)/,
      ),
    );
  });
});
