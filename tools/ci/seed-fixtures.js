#!/usr/bin/env node
// Copies the seed scenarios from config/ into __tests__/fixtures/seeds/, the test data
// of the seed oracle tests (Step 4 tables, diagrams, validation cases). Tests never read
// config/, so a fork that edits config/ keeps a green suite.
//
// For the template's maintainers only: run it when a seed default changes on purpose
// (e.g. a new provider argument), review the diff, commit both. A fork never needs it.
//
//   node tools/ci/seed-fixtures.js
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "../..");
const OUT = path.join(ROOT, "__tests__", "fixtures", "seeds");
const FILES = ["vpc-peering.ts", "shared-nat.ts", "idc-leased-line.ts", "multinational-hub.ts"];
const HEADER =
  "// Seed fixture: a copy of config/FILE as the template ships it (tools/ci/seed-fixtures.js).\n" +
  "// Tests read this, never config/. Do not edit by hand: a fork edits config/, not this.\n";

fs.mkdirSync(OUT, { recursive: true });
for (const f of FILES) {
  const src = fs.readFileSync(path.join(ROOT, "config", f), "utf8");
  // config/x.ts imports "../lib/..."; the fixture sits three levels down
  const moved = src.replace(/from "\.\.\/lib\//g, 'from "../../../lib/');
  if (/from "\.\/|from "\.\.\/(?!\.\.\/\.\.\/lib\/)/.test(moved)) {
    throw new Error(`seed-fixtures: config/${f} imports a relative module other than lib/; extend this script`);
  }
  fs.writeFileSync(path.join(OUT, f), HEADER.replace("FILE", f) + moved);
  console.log(`seed-fixtures: wrote __tests__/fixtures/seeds/${f}`);
}
