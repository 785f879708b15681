/**
 * The front door under property-based fuzzing (fixed seed, so CI is reproducible):
 * arbitrary and mutated topology files in JSON and YAML, with environment settings.
 * See harness.ts for the property. `npm run fuzz` runs the same property for minutes.
 */
import fc from "fast-check";
import { rmSync } from "fs";
import { fuzzCase, run, scratch, violations } from "./harness";

const SEED = 16;
// 60 cases keep this suite to about 4 s of the test run; `npm run fuzz` runs thousands
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

describe("front door fuzzing", () => {
  const dir = scratch();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`exits 0 with a reachable stack or 1 naming every problem, never crashing, leaking or leaving output (${RUNS} cases, seed ${SEED})`, () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(fuzzCase(), (c) => {
        const o = run(c, `${dir}/case`);
        if (o.code === 0) seen.ok++;
        else seen.refused++;
        const bad = violations(c, o);
        if (bad.length > 0) throw new Error(`${bad.join("\n")}\n--- log:\n${o.log.slice(0, 3000)}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // not vacuous: both outcomes occur under this seed
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
