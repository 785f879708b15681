/**
 * A fork has this repository and nothing else: no tracker where "issue 11" means
 * something, no design folder beside it. Comments and docs state the reason itself; this
 * fails when a reference to a tracker number or to a file outside the repository appears
 * in any source, config or document.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const SKIP_DIRS = new Set([".git", ".gen", "node_modules", "dist", "coverage", ".bench", "e2e.out", ".twin-logs", "office-configs"]);
const SKIP_FILES = new Set(["package-lock.json", ".jest-results.json", path.relative(ROOT, __filename)]);
const TEXT = /\.(ts|js|json|md|sh|ya?ml)$|^\.ci\/run$/;

/** Every text file of the checkout, paths relative to the root. */
function files(dir = ""): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) || e.name.startsWith("cdktf.out") ? [] : files(rel);
    return TEXT.test(rel) && !SKIP_FILES.has(rel) ? [rel] : [];
  });
}

/** What a fork cannot follow, each with the reason it is refused. */
const OUTSIDE: readonly [RegExp, string][] = [
  [/\b(issue|finding)[- ]#?\d+/i, "a tracker number"],
  [/\bSTYLE\.md\b/, "a style guide outside the repository"],
  [/\.\.\/shared\b|(^|[\s"'`(])\/work\/|\bshared\/(design|reference|hooks)\b/, "a path outside the repository"],
];

function outsideReferences(text: string): string[] {
  return text
    .split("\n")
    .flatMap((line, i) => OUTSIDE.filter(([re]) => re.test(line)).map(([re, why]) => `${i + 1}: ${why}: ${re.exec(line)?.[0]}`));
}

describe("no reference to anything outside the repository", () => {
  it("finds none in any source, config or document", () => {
    const found = files().flatMap((f) => outsideReferences(fs.readFileSync(path.join(ROOT, f), "utf8")).map((r) => `${f}:${r}`));
    expect(found).toEqual([]);
  });

  it("fails when a comment cites a tracker number, STYLE.md or a sibling folder", () => {
    expect(outsideReferences("// see issue 11, finding 4\n// rule 8 of STYLE.md\n// ../shared/design")).toEqual([
      "1: a tracker number: issue 11",
      "2: a style guide outside the repository: STYLE.md",
      "3: a path outside the repository: ../shared",
    ]);
    expect(outsideReferences("# hooks in /work/shared/hooks")).toEqual(["1: a path outside the repository:  /work/"]);
    expect(outsideReferences("// upstream: https://github.com/bridgecrewio/checkov/issues/4634, logs in e2e.out/work/")).toEqual([]);
  });
});
