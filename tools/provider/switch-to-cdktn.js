#!/usr/bin/env node
// Switches this project from CDKTF (archived December 2025; cdktf 0.21.0 is final) to
// its community fork CDK Terrain: `cdktn` 0.24 and `cdktn-cli` 0.24 (Node >= 22.19).
// Rewrites, in place:
//   package.json   cdktf -> cdktn, cdktf-cli -> cdktn-cli (exact pins), engines.node
//   *.ts, *.js     imports and requires of "cdktf" / "cdktf/lib/..." -> "cdktn" / "cdktn/lib/..."
//                  and the cdktf-cli entry point scripts use (bench.js)
// cdktf.json keeps its name (cdktn reads cdktf.json). Then run `npm install` under Node 22:
// postinstall generates .gen with cdktn-cli (tools/provider/gen-bindings.js handles both CLIs).
// CI runs this on a scratch copy (tools/ci/cdktn-check.sh) and proves the synthesized
// JSON identical to cdktf's apart from the version string.
//
//   node tools/provider/switch-to-cdktn.js [dir]     (default: this repository)
"use strict";
const fs = require("fs");
const path = require("path");

const CDKTN_VERSION = "0.24.0";
const NODE_ENGINE = ">=22.19";
const dir = path.resolve(process.argv[2] || path.join(__dirname, "../.."));

const pkgFile = path.join(dir, "package.json");
const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
if (!pkg.dependencies?.cdktf) throw new Error(`switch-to-cdktn: ${pkgFile} has no cdktf dependency (already switched?)`);
const rename = (deps, from, to) => {
  if (!deps || !(from in deps)) return deps;
  return Object.fromEntries(
    Object.entries({ ...deps, [to]: CDKTN_VERSION })
      .filter(([k]) => k !== from)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
};
pkg.dependencies = rename(pkg.dependencies, "cdktf", "cdktn");
pkg.devDependencies = rename(pkg.devDependencies, "cdktf-cli", "cdktn-cli");
pkg.engines = { ...pkg.engines, node: NODE_ENGINE };
fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);

const SKIP = new Set(["node_modules", ".gen", ".git", "dist", "cdktf.out", "cdktf.out.variants", ".bench", "coverage"]);
function sources(rel) {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const f = path.join(rel, e.name);
    if (e.isDirectory()) return SKIP.has(e.name) ? [] : sources(f);
    return /\.(ts|js)$/.test(e.name) ? [f] : [];
  });
}
const files = sources("");
let changed = 0;
for (const f of files) {
  if (f === "tools/provider/switch-to-cdktn.js") continue;
  const p = path.join(dir, f);
  if (!fs.existsSync(p)) continue;
  const src = fs.readFileSync(p, "utf8");
  const out = src
    .replace(/(from\s+|require\(|import\s+)(["'])cdktf(\/[^"']*)?\2/g, (_m, pre, q, sub) => `${pre}${q}cdktn${sub ?? ""}${q}`)
    .replace(/(["'])cdktf-cli\/bundle\/bin\/cdktf\1/g, "$1cdktn-cli/bundle/bin/cdktn.js$1");
  if (out !== src) {
    fs.writeFileSync(p, out);
    changed++;
  }
}
console.log(
  `switch-to-cdktn: package.json now on cdktn ${CDKTN_VERSION} (node ${NODE_ENGINE}); ${changed} source files rewritten. Next: npm install (Node 22)`,
);
