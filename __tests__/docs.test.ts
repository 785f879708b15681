/**
 * What the README and docs/ say about the code stays true: every repository path they
 * name in backticks exists, every `npm run X` is a script, every `hybridnet <verb>` is a
 * verb, every relative link (and its #anchor) resolves, the README stays a map of at most
 * 400 lines, and claims that go stale unnoticed (test counts) are not made.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS bin itself
const { VERBS } = require("../bin/hybridnet.js") as { VERBS: Record<string, unknown> };
const SCRIPTS = Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: object }).scripts);

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return markdownFiles(rel);
    return e.name.endsWith(".md") ? [rel] : [];
  });
}

const DOCS = ["README.md", ...markdownFiles("docs")];
const text = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");
/** The prose of a page: fenced blocks (commands, sample output) removed. */
const prose = (md: string) => md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, "");
const TOP_LEVEL = new Set(fs.readdirSync(ROOT));

/** Inline code spans that name a file or folder of this repository (first segment exists at the root). */
function repoPaths(md: string): string[] {
  const spans = [...prose(md).matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string);
  return spans
    .map((s) => s.replace(/:\d+(-\d+)?$/, "").replace(/\/$/, ""))
    .filter((s) => /^[\w.-]+(\/[\w.-]+)+$/.test(s) && TOP_LEVEL.has(s.split("/")[0] as string))
    .filter((s) => !/^(cdktf\.out|node_modules|dist)\//.test(s));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(md: string): Set<string> {
  return new Set([...prose(md).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] as string)));
}

describe("docs name only what exists", () => {
  it.each(DOCS)("%s: every repository path in backticks exists", (doc) => {
    const missing = repoPaths(text(doc)).filter((p) => !fs.existsSync(path.join(ROOT, p)));
    expect(missing).toEqual([]);
  });

  it.each(DOCS)("%s: every `npm run` is a script and every `hybridnet` verb is a verb", (doc) => {
    const md = text(doc);
    const scripts = [...md.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1] as string);
    expect(scripts.filter((s) => !SCRIPTS.includes(s))).toEqual([]);
    const verbs = [...md.matchAll(/\bhybridnet ([a-z][\w-]*)/g)].map((m) => m[1] as string);
    expect(verbs.filter((v) => !Object.prototype.hasOwnProperty.call(VERBS, v))).toEqual([]);
  });

  it.each(DOCS)("%s: every relative link resolves, anchors included", (doc) => {
    const broken: string[] = [];
    for (const [, target] of prose(text(doc)).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target as string)) continue; // https:, mailto:
      const [file, anchor] = (target as string).split("#") as [string, string | undefined];
      const abs = file ? path.join(ROOT, path.dirname(doc), file) : path.join(ROOT, doc);
      if (!fs.existsSync(abs)) broken.push(target as string);
      else if (anchor && abs.endsWith(".md") && !anchors(fs.readFileSync(abs, "utf8")).has(anchor)) broken.push(target as string);
    }
    expect(broken).toEqual([]);
  });

  it.each(DOCS)("%s: states no test count (it goes stale unnoticed)", (doc) => {
    expect(prose(text(doc)).match(/\b\d[\d,]* (unit )?tests\b/g) ?? []).toEqual([]);
  });
});

describe("docs that describe the repository's shape", () => {
  it("the README is a map of at most 400 lines", () => {
    expect(text("README.md").split("\n").length).toBeLessThanOrEqual(400);
  });

  it("the ARCHITECTURE folder map names only what exists", () => {
    const map = /## Folder map\n\n```text\n([\s\S]*?)```/.exec(text("docs/ARCHITECTURE.md"))?.[1];
    expect(map).toBeDefined();
    const entries = (map as string)
      .split("\n")
      .filter((l) => /^\S/.test(l))
      .map((l) => (l.split(/\s+/)[0] as string).replace(/,$/, ""));
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.filter((e) => !fs.existsSync(path.join(ROOT, e)))).toEqual([]);
  });

  it("the workflow table lists exactly the workflows in .github/workflows", () => {
    const rows = [...text("docs/operations.md").matchAll(/^\| `([\w-]+\.yml)` \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual(fs.readdirSync(path.join(ROOT, ".github/workflows")).sort());
  });

  it("fails when a doc names a path that does not exist (the check itself)", () => {
    expect(repoPaths("see `lib/topology/nope.ts:12` and `docs/`, not `alicloud/resource_x.go:5`")).toEqual(["lib/topology/nope.ts"]);
  });
});
