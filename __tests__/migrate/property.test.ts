/**
 * The migration property: for random pairs of hubs that differ in one interconnect
 * (router interfaces, peering, transit routers), on the seed hub and generated hubs with
 * other offices, every stage and both intermediate points of its apply keep every ordered
 * pair that base and head both reach. 24 cases (fast-check, fixed seed), each checked by
 * the reachability checker directly.
 */
import fc from "fast-check";
import { InterconnectKind, multinationalHub } from "../fixtures/seeds/multinational-hub";
import { checkReachability } from "../../lib/analysis/reachability";
import { planMigration } from "../../lib/migrate";
import { applyPoints, sitesOfBoth } from "../../lib/migrate/prove";
import { Topology } from "../../lib/topology";
import { StackJson } from "../../lib/tfjson";
import { mutate } from "../topology/draft";
import { tree } from "../netdiff/trees";

const HUB = "multinational-hub-dev";
const KINDS: readonly InterconnectKind[] = ["router-interface", "peering", "transit-router"];
const CASES = 24;

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

/** A checker of states: the pairs base and head both reach that a state does not. */
function lostFrom(base: StackJson, head: StackJson): (states: readonly StackJson[]) => string[] {
  const sites = sitesOfBoth(base, head);
  const [b, h] = [checkReachability(base, sites), checkReachability(head, sites)];
  const kept = [...b.delivered].filter((p) => h.delivered.has(p));
  expect(kept.length).toBeGreaterThan(0);
  return (states) =>
    states.flatMap((s) => {
      const r = checkReachability(s, sites);
      return kept.filter((p) => !r.delivered.has(p));
    });
}

describe("migrate: property over hubs that differ in one interconnect", () => {
  it(`keeps every pair base and head both reach, at every stage and apply midpoint (${CASES} cases)`, () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const [base, head] = [tree(hubOf(shape.from, shape.offices)), tree(hubOf(shape.to, shape.offices))];
        const m = planMigration(base, head);
        const [b, h] = [base.get(HUB)!, head.get(HUB)!];
        const lost = lostFrom(b, h);
        let prev = b;
        for (const s of m.stages) {
          const next = s.stacks.get(HUB)!;
          expect(lost([next, ...applyPoints(prev, next).map((p) => p.json)])).toEqual([]);
          prev = next;
        }
        expect(prev).toBe(h);
        expect(m.stages.length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: CASES, seed: 24 },
    );
  });
});
