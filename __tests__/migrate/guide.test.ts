/**
 * The stage lists of docs/migrate.md are what `npm run generate` generates now from the
 * tool's own output, and they show what the guide promises: both moves of the seed hub
 * and the seed IDC's move to transit routers take four stages and lose no pair.
 */
import * as fs from "fs";
import * as path from "path";
import { GUIDE_PAGE, guideBlock, updateGuidePage } from "../../tools/migrate-guide";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the stage lists of docs/migrate.md", () => {
  const page = fs.readFileSync(path.join(ROOT, GUIDE_PAGE), "utf8");
  const block = guideBlock();

  it("are current (run npm run generate when this fails)", () => {
    expect(updateGuidePage(page, block)).toBe(page);
  });

  it("show the three moves in four stages with no pair lost", () => {
    expect(block.match(/^4 stages, 0 pairs lost at any stage$/gm)).toHaveLength(3);
    expect(block).toContain("### IDC: VBR-to-VPC router interfaces → transit routers");
    expect(block).toContain("### Router interfaces → transit routers");
    expect(block).toContain("### Router interfaces → peering");
  });

  it("fails when the page's markers are missing", () => {
    expect(() => updateGuidePage("# no markers\n", block)).toThrow(
      "docs/migrate.md: expected one `<!-- migrate-stages -->` followed by one `<!-- /migrate-stages -->`",
    );
  });
});
