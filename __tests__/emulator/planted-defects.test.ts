/**
 * The plantable defects: each edit finds something to change in at least one default stack it
 * is meant for, changes it, and names a catalogued error code. (Whether the emulator then
 * refuses the edited stack is what the e2e run proves; the rule itself has its "fails when"
 * test in rules.test.ts.)
 */
import { Testing } from "cdktf";
import { synthJson } from "../constructs/tf-json";
import { seedTopologies } from "../fixtures/seeds";
import {
  IdcLeasedLineStack,
  MultinationalHubStack,
  SharedNatStack,
  VpcPeeringCrossAccountStack,
  VpcPeeringSameAccountStack,
} from "../../stacks";
import { ERRORS } from "../../emulator/src/errors";
import type { MutableStackJson as StackJson } from "../../lib/tfjson";
import { PLANTED_DEFECTS } from "../../emulator/src/planted-defects";
import { buildTrStack, TR_FIXTURES } from "../../emulator/e2e/fixtures/transit-router";

describe("planted defects", () => {
  let stacks: [string, StackJson][];
  beforeAll(() => {
    const t = seedTopologies();
    stacks = [
      [
        "vpc-peering-same-account-dev",
        synthJson(new VpcPeeringSameAccountStack(Testing.app(), "a", { topology: t["vpc-peering-same-account"] })),
      ],
      [
        "vpc-peering-cross-account-dev",
        synthJson(new VpcPeeringCrossAccountStack(Testing.app(), "b", { topology: t["vpc-peering-cross-account"] })),
      ],
      ["shared-nat-dev", synthJson(new SharedNatStack(Testing.app(), "c", { topology: t["shared-nat"] }))],
      ["idc-leased-line-dev", synthJson(new IdcLeasedLineStack(Testing.app(), "d", { topology: t["idc-leased-line"] }))],
      ["multinational-hub-dev", synthJson(new MultinationalHubStack(Testing.app(), "e", { topology: t["multinational-hub"] }))],
      // the stacks on transit routers (the e2e fixtures in the synthesized shape)
      ...TR_FIXTURES.map((f) => [f.stack, buildTrStack(f)]),
    ] as [string, StackJson][];
  });

  test("names are unique and every expected code is in the error catalogue", () => {
    const names = PLANTED_DEFECTS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const d of PLANTED_DEFECTS) expect(ERRORS[d.expectedCode]).toBeDefined();
    expect(PLANTED_DEFECTS.length).toBeGreaterThanOrEqual(15);
  });

  test.each(PLANTED_DEFECTS.map((d) => [d.name, d] as const))(
    "%s plants into a default or transit-router stack and changes it",
    (_name, d) => {
      const planted = stacks
        .filter(([name]) => d.stackPattern.test(name))
        .filter(([, json]) => {
          const before = JSON.stringify(json);
          const copy = JSON.parse(before) as StackJson;
          return d.edit(copy) && JSON.stringify(copy) !== before;
        });
      expect(planted.length).toBeGreaterThan(0);
    },
  );
});
