/**
 * The README's "What the API does after plan" section is generated from the data the
 * other tests check; this fails when the committed section is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { factsSection, MARKER, updatedReadme } from "../../tools/facts-doc";
import { BEHAVIOURS, READ_DRIFT } from "../../lib/facts/apply-fidelity";

const README = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("README: what the API does after plan", () => {
  it("is current (run `npm run facts-doc`)", () => {
    expect(updatedReadme(README)).toBe(README);
  });

  it("lists every behaviour and every ignored or conditional attribute", () => {
    const section = factsSection();
    for (const b of BEHAVIOURS) expect(section).toContain(b.source.replace(/\|/g, "\\|"));
    for (const f of READ_DRIFT.filter((x) => x.handling === "ignored" || x.handling === "set-or-ignored"))
      expect(section).toContain(`\`${f.attribute}\``);
  });

  it("sits between its markers", () => {
    expect(README).toContain(`<!-- ${MARKER} -->\n${factsSection()}<!-- /${MARKER} -->`);
  });
});
