/**
 * The migration property: for random pairs of hubs that differ in one interconnect
 * (router interfaces, peering, transit routers), on the seed hub and generated hubs with
 * other offices, and for random pairs of IDCs that differ in theirs (VBR-to-VPC router
 * interfaces, transit routers) with other data-center prefixes, every stage and every
 * state Terraform can reach while applying it keep every ordered pair that base and head
 * both reach. 24 hub and 8 IDC cases (fast-check, fixed seed). The planner's own proof
 * checks every state (it refuses a migration that loses a pair); here at most {@link CAP}
 * a stage, for time: a stage with more (the IDC's transit-router stages, 1,952) is
 * checked on every step of both apply orders instead. Every stage and both extremes of
 * its apply are checked again by the reachability checker directly; before a stage is
 * applied, a route a VBR learns while a route of its own to the same prefix shadows it is
 * not in effect (held back).
 */
import fc from "fast-check";
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { InterconnectKind, multinationalHub } from "../fixtures/seeds/multinational-hub";
import { checkReachability } from "../../lib/analysis/reachability";
import { planMigration } from "../../lib/migrate";
import { applyPoints, shadowedLearned, sitesOfBoth } from "../../lib/migrate/prove";
import { IdcInterconnectKind } from "../../lib/topology";
import { Topology } from "../../lib/topology";
import { StackJson } from "../../lib/tfjson";
import { mutate } from "../topology/draft";
import { tree } from "../netdiff/trees";

const HUB = "multinational-hub-dev";
const KINDS: readonly InterconnectKind[] = ["router-interface", "peering", "transit-router"];
const CASES = 24;
/** States of one stage's apply the proof checks one by one here (the tool's default: 4,096). */
const CAP = 256;

interface Shape {
  readonly from: InterconnectKind;
  readonly to: InterconnectKind;
  /** Offices per VPC (us-vpc, cn-vpc); none: the seed's four. */
  readonly offices?: readonly [number, number];
}

/** The seed hub, or one with `n` offices per VPC at 10.<30+vpc>.<k>.0/24. */
function hubOf(kind: InterconnectKind, offices?: readonly [number, number]): Topology {
  if (!offices) return multinationalHub(kind);
  return mutate(multinationalHub(kind), (t) => {
    const vpns = t.links.filter((l) => l.kind !== "vpn") as typeof t.links;
    t.offices = [];
    offices.forEach((n, v) => {
      for (let k = 0; k < n; k++) {
        const name = `gen-office-${v}-${k}`;
        t.offices!.push({ name, publicIp: `203.0.113.${100 + v * 10 + k}`, cidrs: [`10.${30 + v}.${k}.0/24`] });
        vpns.push({ kind: "vpn", name, office: name, vpc: t.vpcs[v]!.name });
      }
    });
    t.links = vpns;
  });
}

const shapes: fc.Arbitrary<Shape> = fc
  .record({
    from: fc.constantFrom(...KINDS),
    to: fc.constantFrom(...KINDS),
    offices: fc.option(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })), { nil: undefined }),
  })
  .filter((s) => s.from !== s.to);

/**
 * A checker of one migration's stages, base and head checked once: the pairs base and head
 * both reach that a stage, or a state on the way to it from `prev`, does not.
 */
function lostFrom(base: StackJson, head: StackJson): (prev: StackJson, next: StackJson) => string[] {
  const sites = sitesOfBoth(base, head);
  const [b, h] = [checkReachability(base, sites), checkReachability(head, sites)];
  const kept = [...b.delivered].filter((p) => h.delivered.has(p));
  expect(kept.length).toBeGreaterThan(0);
  return (prev, next) => {
    const heldBack = shadowedLearned(prev, sites);
    const midway = applyPoints(prev, next).map((p) => checkReachability(p.json, sites, { heldBack }));
    return [checkReachability(next, sites), ...midway].flatMap((r) => kept.filter((p) => !r.delivered.has(p)));
  };
}

/** Plans base -> head of `stack` and checks every stage and every state on the way. */
function holds(base: Map<string, StackJson>, head: Map<string, StackJson>, stack: string): void {
  const m = planMigration(base, head, { stateCap: CAP });
  const [b, h] = [base.get(stack)!, head.get(stack)!];
  const states = m.stacks.find((s) => s.stack === stack)!.states;
  expect(states).toHaveLength(m.stages.length);
  expect(states.some((n) => n !== undefined)).toBe(true);
  const lost = lostFrom(b, h);
  let prev = b;
  for (const s of m.stages) {
    const next = s.stacks.get(stack)!;
    expect(lost(prev, next)).toEqual([]);
    prev = next;
  }
  expect(prev).toBe(h);
  expect(m.stages.length).toBeGreaterThanOrEqual(2);
}

describe("migrate: property over hubs that differ in one interconnect", () => {
  it(`keeps every pair base and head both reach, at every stage and every state of its apply (${CASES} cases)`, () => {
    fc.assert(
      fc.property(shapes, (shape) => holds(tree(hubOf(shape.from, shape.offices)), tree(hubOf(shape.to, shape.offices)), HUB)),
      { numRuns: CASES, seed: 24 },
    );
  });
});

const IDC = "idc-leased-line-dev";
const IDC_KINDS: readonly IdcInterconnectKind[] = ["vbr", "transit-router"];
const IDC_PREFIXES = ["10.100.0.0/16", "192.168.8.0/22", "10.7.7.0/24"];

/** The seed IDC on `kind`, with the data center's prefixes `cidrs`. */
const idcOf = (kind: IdcInterconnectKind, cidrs: readonly string[]) =>
  tree(
    mutate(idcLeasedLine(kind), (t) => {
      t.idcs![0]!.cidrs = [...cidrs];
    }),
  );

describe("migrate: property over IDCs that differ in one interconnect", () => {
  it("keeps every pair base and head both reach, at every stage and every state of its apply (8 cases)", () => {
    const idcShapes = fc
      .record({
        from: fc.constantFrom(...IDC_KINDS),
        to: fc.constantFrom(...IDC_KINDS),
        cidrs: fc.subarray(IDC_PREFIXES, { minLength: 1 }),
      })
      .filter((s) => s.from !== s.to);
    fc.assert(
      fc.property(idcShapes, (shape) => holds(idcOf(shape.from, shape.cidrs), idcOf(shape.to, shape.cidrs), IDC)),
      { numRuns: 8, seed: 24 },
    );
  });
});
