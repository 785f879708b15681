/**
 * The "What the API does after plan" tables of docs/facts.md are generated from the data
 * the other tests check; this fails when the committed tables are stale.
 */
import * as fs from "fs";
import * as path from "path";
import { FACTS_DOC, factsSection, MARKER, updatedDoc } from "../../tools/facts-doc";
import { BEHAVIOURS, READ_DRIFT } from "../../lib/facts/apply-fidelity";

const DOC = fs.readFileSync(path.join(__dirname, "..", "..", FACTS_DOC), "utf8");

describe("docs/facts.md: what the API does after plan", () => {
  it("is current (run `npm run generate`)", () => {
    expect(updatedDoc(DOC)).toBe(DOC);
  });

  it("lists every behaviour and every ignored or conditional attribute", () => {
    const section = factsSection();
    for (const b of BEHAVIOURS) expect(section).toContain(b.source.replace(/\|/g, "\\|"));
    for (const f of READ_DRIFT.filter((x) => x.handling === "ignored" || x.handling === "set-or-ignored"))
      expect(section).toContain(`\`${f.attribute}\``);
  });

  it("sits between its markers", () => {
    expect(DOC).toContain(`<!-- ${MARKER} -->\n${factsSection()}<!-- /${MARKER} -->`);
  });
});
