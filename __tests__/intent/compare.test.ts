/**
 * The comparison of a checker's verdict with the promise, on hand-written verdicts: what
 * it reports for a missing pair, an extra pair, an unknown network and an unchecked pair.
 */
import { Topology } from "../../lib/topology";
import { CheckedStack, describeMismatch, intentMismatches, topologyIntent } from "../../lib/topology/intent";
import { idcLeasedLine, vpcPeeringSameAccount } from "../fixtures/seeds";

/** A verdict delivering exactly `delivered` (`a->b`), tracing every pair to `hops`. */
function verdict(delivered: string[], known: string[]): CheckedStack {
  return {
    isDelivered: (a, b) => delivered.includes(`${a}->${b}`),
    trace: (from, to) => {
      if (!known.includes(from) || !known.includes(to)) throw new Error("unknown network");
      return delivered.includes(`${from}->${to}`)
        ? { from, to, status: "delivered", hops: [`vpc:${from}`, `vpc:${to}`] }
        : { from, to, status: "blackholed", hops: [`vpc:${from}`], reason: "no route" };
    },
  };
}

describe("comparing a verdict with the promise", () => {
  const t = vpcPeeringSameAccount();
  const all = ["app-vpc", "data-vpc", "internet"];

  it("finds nothing when the verdict is the promise", () => {
    expect(intentMismatches(topologyIntent(t), verdict(["app-vpc->data-vpc", "data-vpc->app-vpc"], all))).toEqual([]);
  });

  it("fails when a promised pair is not delivered, naming the hop where it stops", () => {
    const m = intentMismatches(topologyIntent(t), verdict(["app-vpc->data-vpc"], all));
    expect(m.map(describeMismatch)).toEqual([
      "data-vpc -> app-vpc must reach (the declared links join data-vpc and app-vpc), but is blackholed at vpc:data-vpc (no route)",
    ]);
  });

  it("fails when a forbidden pair is delivered, naming the path", () => {
    const m = intentMismatches(topologyIntent(t), verdict(["app-vpc->data-vpc", "data-vpc->app-vpc", "internet->app-vpc"], all));
    expect(m.map(describeMismatch)).toEqual([
      "internet -> app-vpc must not reach (nothing reaches in from the internet: no DNAT is declared), but is delivered via vpc:internet > vpc:app-vpc",
    ]);
  });

  it("fails when the stack lacks a network the topology has", () => {
    const m = intentMismatches(topologyIntent(t), verdict([], ["app-vpc", "internet"]));
    expect(m.map((x) => [x.from, x.to, x.found])).toEqual([
      ["app-vpc", "data-vpc", "missing"],
      ["data-vpc", "app-vpc", "missing"],
    ]);
  });

  it("skips the pairs towards a static-routed IDC, whatever the verdict", () => {
    const base = idcLeasedLine();
    const s: Topology = { ...base, idcs: base.idcs!.map(({ bgp: _bgp, ...d }) => d) };
    const names = ["beijing-idc", "bj-vpc", "sz-vpc", "internet"];
    const m = intentMismatches(topologyIntent(s), verdict(["beijing-idc->bj-vpc", "beijing-idc->sz-vpc"], names));
    expect(m).toEqual([]);
  });
});
