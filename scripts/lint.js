#!/usr/bin/env node
// Project rules from design/STYLE.md that a compiler does not check. Exits 1 on a finding.
//  - every optional field of an input interface (…Props, …Options, …Spec, …Attributes,
//    …Policy, …Ref) in lib/ has a `@default` in its doc comment (props-default-doc)
//  - no barrel import of the generated provider (`.gen/providers/alicloud` or its index): deep imports only
//  - stacks/ import nothing from .gen except `provider`; main.ts imports nothing from .gen
//  - no addOverride in stacks/ or main.ts
//  - main.ts stays under about 50 lines
//  - lib/ never reads process.env
"use strict";
const fs = require("fs");
const path = require("path");
const ROOT = path.resolve(__dirname, "..");

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
    if (/process\.env/.test(line) && !/^\s*(\/\/|\*)/.test(line)) findings.push(`${f}:${i + 1}: lib/ reads process.env (config enters at main.ts)`);
  });
}

for (const f of [...files("lib"), ...files("stacks"), ...files("config"), ...files("__tests__"), "main.ts"]) {
  src(f).split("\n").forEach((line, i) => {
    if (/from\s+["'][./]*\.gen\/providers\/alicloud(\/index|\/lazy-index)?["']/.test(line)) {
      findings.push(`${f}:${i + 1}: barrel import of the provider bindings; import the resource module (…/alicloud/vpc)`);
    }
  });
}

for (const f of [...files("stacks"), "main.ts"]) {
  src(f).split("\n").forEach((line, i) => {
    const m = /from\s+["'][./]*\.gen\/providers\/alicloud\/([\w-]+)["']/.exec(line);
    if (m && (f === "main.ts" || m[1] !== "provider")) findings.push(`${f}:${i + 1}: ${f === "main.ts" ? "main.ts" : "a stack"} imports ${m[1]} from .gen; resources belong in lib/ constructs`);
    if (/addOverride\s*\(/.test(line)) findings.push(`${f}:${i + 1}: addOverride outside lib/`);
  });
}

const mainLines = src("main.ts").split("\n").length;
if (mainLines > 55) findings.push(`main.ts: ${mainLines} lines; keep it to wiring (about 50)`);

if (findings.length) {
  console.error(findings.join("\n"));
  console.error(`lint: ${findings.length} finding(s)`);
  process.exit(1);
}
console.log("lint: no findings");
