#!/usr/bin/env node
// The project rule that neither the compiler nor an ESLint core
// rule checks. Exits 1 on a finding. `npm run lint` runs ESLint first (eslint.config.js
// holds the others: barrel imports, stacks' .gen imports, addOverride outside lib/,
// main.ts length, process.env in lib/).
//  - every optional field of an input interface (…Props, …Options, …Spec, …Attributes,
//    …Policy, …Ref) in lib/ has a `@default` in its doc comment (props-default-doc)
"use strict";
const fs = require("fs");
const path = require("path");
const ROOT = path.resolve(__dirname, "../..");

function files(dir) {
  const out = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(rel));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

const findings = [];
const src = (f) => fs.readFileSync(path.join(ROOT, f), "utf8");

for (const f of files("lib")) {
  const lines = src(f).split("\n");
  let inputInterface = false; // inside `interface XxxProps|Options|Spec|Attributes|Policy|Ref {`
  lines.forEach((line, i) => {
    const decl = /^\s*(?:export\s+)?interface\s+(\w+)/.exec(line);
    if (decl) inputInterface = /(Props|Options|Spec|Attributes|Policy|Ref)$/.test(decl[1]);
    else if (/^}/.test(line)) inputInterface = false;
    if (inputInterface && /^\s*readonly\s+\w+\?:/.test(line)) {
      // the doc comment right above the prop
      let j = i - 1;
      let doc = "";
      if (/\*\/\s*$/.test(lines[j] || "")) {
        while (j >= 0 && !/\/\*\*/.test(lines[j])) doc = lines[j--] + "\n" + doc;
        doc = (lines[j] || "") + "\n" + doc;
      }
      if (!/@default/.test(doc)) findings.push(`${f}:${i + 1}: optional prop without @default: ${line.trim()}`);
    }
  });
}

if (findings.length) {
  console.error(findings.join("\n"));
  console.error(`lint: ${findings.length} finding(s)`);
  process.exit(1);
}
console.log("lint: no findings");
