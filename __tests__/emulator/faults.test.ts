import { FaultInjector } from "../../emulator/src/faults";
import { harness, VPC } from "./helpers";

describe("fault injection", () => {
  test("the same seed fails the same calls; another seed fails others", () => {
    const draws = (seed: number) => {
      const f = new FaultInjector({ rate: 0.2, seed });
      return Array.from({ length: 200 }, (_, i) => f.draw(i % 2 === 0)?.code ?? "-");
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });

  test("fails about the chosen share of calls, only with retryable or conflict codes, and conflicts only on writes", () => {
    const f = new FaultInjector({ rate: 0.1, seed: 1 });
    const reads = Array.from({ length: 2000 }, () => f.draw(false)).filter((x) => x !== undefined);
    const writes = Array.from({ length: 2000 }, () => f.draw(true)).filter((x) => x !== undefined);
    expect(reads.length + writes.length).toBeGreaterThan(300);
    expect(reads.length + writes.length).toBeLessThan(500);
    expect(new Set(reads.map((e) => e?.code))).toEqual(new Set(["Throttling.User", "ServiceUnavailable"]));
    expect(new Set(writes.map((e) => e?.code))).toEqual(new Set(["Throttling.User", "ServiceUnavailable", "OperationConflict"]));
    expect(f.injected).toBe(reads.length + writes.length);
  });

  test("an injected fault changes nothing: the call can simply be retried", () => {
    const { emu, as } = harness({ faults: { rate: 0.5, seed: 3 } });
    const me = as("k");
    let vpcs = 0;
    for (let i = 0; i < 40; i++) {
      const r = me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16" });
      if (r.status === 200) vpcs++;
      else expect(["Throttling.User", "ServiceUnavailable", "OperationConflict"]).toContain(r.body.Code);
    }
    expect(emu.store.all("vpc")).toHaveLength(vpcs);
    expect(emu.injectedFaults).toBe(40 - vpcs);
    expect(vpcs).toBeGreaterThan(0);
  });
});
