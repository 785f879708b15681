/**
 * The README's sample netdiff comment is what `npm run netdiff:sample` generates now,
 * and it shows what route stability promises: adding an office next to another only
 * adds.
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT, sampleBlock, updateReadme } from "../../tools/netdiff-sample";
import { section } from "./trees";

describe("README sample netdiff comment", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = sampleBlock();

  it("is current (run npm run netdiff:sample when this fails)", () => {
    expect(updateReadme(readme, block)).toBe(readme);
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

  it("fails when the README markers are missing", () => {
    expect(() => updateReadme("# no markers\n", block)).toThrow(
      "README.md: expected one `<!-- netdiff-sample -->` followed by one `<!-- /netdiff-sample -->`",
    );
  });
});
