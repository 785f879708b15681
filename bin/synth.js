#!/usr/bin/env node
// Synthesizes every stack: compiles the app with tsc only when a source is newer than
// dist/main.js, then runs it in this process. This is the cdktf.json `app` and the
// README's main command: as fast as `node dist/main.js` when nothing changed, and never
// stale (cdktf deploy/diff always run the current code).
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "dist", "main.js");
const SOURCES = ["main.ts", "app.ts", "config", "lib", "stacks", ".gen/providers", "tsconfig.json", "tsconfig.build.json"];

function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return p.endsWith(".ts") || p.endsWith(".json") ? st.mtimeMs : 0;
  let m = 0;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

let built = 0;
try {
  built = fs.statSync(OUT).mtimeMs;
} catch {
  /* not built yet */
}
const stale = SOURCES.some((s) => newest(path.join(ROOT, s)) > built);
if (stale) {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.build.json")], { stdio: "inherit", cwd: ROOT });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const now = new Date();
  fs.utimesSync(OUT, now, now); // tsc leaves unchanged outputs alone; mark this build
}
require(OUT);
