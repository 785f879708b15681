/**
 * Once per jest run, before any suite: transpiles the TypeScript the suites run as processes
 * (the commands in bin/, main.ts and everything they import, the bindings in .gen included)
 * into dist/jest/, file by file in the same layout, so that a suite spawns
 * `node dist/jest/bin/netdiff.js` (see commands.ts) instead of tsx, which starts its own
 * loader and transpiler in every process: about 0.7 s of CPU per spawn, and the suites spawn
 * some twenty. The transpiler is the one tsx itself uses (esbuild), so the code run is the
 * same; nothing is type-checked here (npm run typecheck does that). Skipped when no source
 * changed since the last run (their paths and modification times are recorded).
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "dist", "jest");
const STAMP = path.join(OUT, ".sources.json");
const SOURCES = ["main.ts", "app.ts", "config", "lib", "stacks", "bin", ".gen"];

function tsFiles(p) {
  const st = fs.statSync(path.join(ROOT, p), { throwIfNoEntry: false });
  if (!st) return [];
  if (st.isDirectory()) return fs.readdirSync(path.join(ROOT, p)).flatMap((e) => tsFiles(path.join(p, e)));
  return p.endsWith(".ts") && !p.endsWith(".d.ts") ? [p] : [];
}

/** Source path -> modification time: the build is current when this is unchanged. */
function sourceTimes() {
  const files = SOURCES.flatMap(tsFiles).sort();
  return Object.fromEntries(files.map((f) => [f, fs.statSync(path.join(ROOT, f)).mtimeMs]));
}

function current(times) {
  try {
    return JSON.stringify(JSON.parse(fs.readFileSync(STAMP, "utf8"))) === JSON.stringify(times);
  } catch {
    return false;
  }
}

module.exports = function globalSetup() {
  const times = sourceTimes();
  if (current(times)) return;
  // esbuild is tsx's own dependency: resolved from tsx, so the two never disagree
  const esbuild = require(require.resolve("esbuild", { paths: [path.dirname(require.resolve("tsx/package.json", { paths: [ROOT] }))] }));
  const tmp = `${OUT}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  esbuild.buildSync({
    entryPoints: Object.keys(times).map((f) => path.join(ROOT, f)),
    outdir: tmp,
    outbase: ROOT,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "error",
  });
  fs.writeFileSync(path.join(tmp, ".sources.json"), JSON.stringify(times));
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.renameSync(tmp, OUT);
};
