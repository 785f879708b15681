/**
 * The sample netdiff comment in docs/netdiff.md is what `npm run generate` generates now,
 * and it shows what route stability promises: adding an office next to another only
 * adds.
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT, SAMPLE_PAGE, sampleBlock, updateSamplePage } from "../../tools/netdiff-sample";
import { section } from "./trees";

describe("the sample netdiff comment of docs/netdiff.md", () => {
  const page = fs.readFileSync(path.join(ROOT, SAMPLE_PAGE), "utf8");
  const block = sampleBlock();

  it("is current (run npm run generate when this fails)", () => {
    expect(updateSamplePage(page, block)).toBe(page);
  });

  it("shows only additions for an office added next to another", () => {
    expect(block).toContain("Route entries: 3 added, 0 removed, 0 replaced.");
    expect(
      section(block, "Route entries")
        .slice(2)
        .map((l) => l.split(" | ")[1]),
    ).toEqual(["added", "added", "added"]);
    expect(section(block, "Other resources replaced or destroyed")).toEqual([]);
    expect(block).not.toContain("outage risk");
  });

  it("fails when the page's markers are missing", () => {
    expect(() => updateSamplePage("# no markers\n", block)).toThrow(
      "docs/netdiff.md: expected one `<!-- netdiff-sample -->` followed by one `<!-- /netdiff-sample -->`",
    );
  });
});
