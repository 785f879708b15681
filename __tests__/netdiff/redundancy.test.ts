/**
 * The netdiff's redundancy line: which failure elements became single points of failure
 * (lost) and which stopped being one (gained), from the single-failure table of base and
 * head.
 */
import { netdiff, renderNetdiff, StackJson } from "../../lib/analysis/netdiff";
import { redundancyLine, REDUNDANCY_LIMIT } from "../../lib/analysis/netdiff-redundancy";
import { multinationalHub } from "../fixtures/seeds";
import { addStandbyLink, copyOf } from "../analysis/redundant-stacks";
import { tree } from "./trees";

const BASE = tree(multinationalHub());
const withStandby = (office: string) => {
  const j = copyOf(BASE.get("multinational-hub-dev")!);
  addStandbyLink(j, office, "203.0.113.21");
  return new Map([["multinational-hub-dev", j as StackJson]]);
};
const lineOf = (md: string) => md.split("\n").filter((l) => l.startsWith("Redundancy:"));

describe("netdiff: redundancy", () => {
  it("reports redundancy gained when an office gets a standby link", () => {
    expect(lineOf(renderNetdiff(netdiff(BASE, withStandby("us-office-1"))))).toEqual([
      "Redundancy: 6 single points of failure (was 7); lost: none; gained: `vpn-link:us-office-1`.",
    ]);
  });

  it("reports redundancy lost when the standby link is removed again, naming the element", () => {
    expect(lineOf(renderNetdiff(netdiff(withStandby("us-office-1"), BASE)))).toEqual([
      "Redundancy: 7 single points of failure (was 6); lost: `vpn-link:us-office-1`; gained: none.",
    ]);
  });

  it("says nothing when the single points of failure are the same", () => {
    const head = withStandby("us-office-1");
    const j = copyOf(head.get("multinational-hub-dev")!);
    j.resource.alicloud_vpn_gateway![Object.keys(j.resource.alicloud_vpn_gateway!)[0]!]!.description = "changed";
    const md = renderNetdiff(netdiff(head, new Map([["multinational-hub-dev", j as StackJson]])));
    expect(md).toMatch(/### `multinational-hub-dev`/);
    expect(lineOf(md)).toEqual([]);
  });

  it("says it was not computed for a stack with too many failure elements", () => {
    expect(redundancyLine({ kind: "skipped", elements: REDUNDANCY_LIMIT + 1 }, new Set())).toEqual([
      `Redundancy: not computed (${REDUNDANCY_LIMIT + 1} failure elements, more than ${REDUNDANCY_LIMIT}); \`npm run resilience\` prints the table.`,
      "",
    ]);
  });
});
