/**
 * Tests that run on config/ cover the scenarios config/index.ts lists in SCENARIOS. A
 * scenario a fork has dropped still gets its tests, skipped, with the reason in the
 * name: jest counts them as skipped (never as passed) and `--verbose` shows why.
 */
import { Scenario, SCENARIO_KINDS, SCENARIOS } from "../config";

/** Why a dropped scenario's test is skipped. */
export const droppedReason = (s: Scenario) => `[skipped: ${s} is not in SCENARIOS, config/index.ts]`;

/** The scenario kinds this project's config/ does not build. */
export const DROPPED: readonly Scenario[] = SCENARIO_KINDS.filter((s) => !SCENARIOS.includes(s));

/**
 * One test per scenario kind, named `<scenario>: <title>`: run for a scenario config/
 * builds, skipped with the reason for a dropped one.
 */
export function itPerScenario(title: string, fn: (s: Scenario) => void): void {
  for (const s of SCENARIO_KINDS) {
    if (SCENARIOS.includes(s)) it(`${s}: ${title}`, () => fn(s));
    else it.skip(`${s}: ${title} ${droppedReason(s)}`, () => fn(s));
  }
}
