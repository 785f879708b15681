#!/usr/bin/env node
// Reads `terraform validate -json` on stdin, prints one summary line for the stack and
// the diagnostics, exits 1 on an error or a warning not in validate-allowlist.json.
"use strict";
const fs = require("fs");
const path = require("path");
const stack = process.argv[2];
const allow = JSON.parse(fs.readFileSync(path.join(__dirname, "validate-allowlist.json"), "utf8")).allow.map((a) => ({
  ...a,
  re: new RegExp(a.pattern),
}));
let input = "";
process.stdin
  .on("data", (d) => (input += d))
  .on("end", () => {
    let r;
    try {
      r = JSON.parse(input);
    } catch {
      console.log(`${stack.padEnd(48)} NO-JSON\n${input}`);
      process.exit(1);
    }
    const diags = r.diagnostics || [];
    const errors = diags.filter((d) => d.severity === "error");
    const warnings = diags.filter((d) => d.severity === "warning");
    const unexpected = warnings.filter((w) => !allow.some((a) => a.re.test(`${w.summary} ${w.detail || ""}`)));
    const ok = r.valid && errors.length === 0 && unexpected.length === 0;
    const note = warnings.length ? `${warnings.length - unexpected.length} allowlisted` : "";
    console.log(
      `${stack.padEnd(48)} ${(ok ? "valid" : "INVALID").padEnd(8)} ${String(errors.length).padStart(6)} ${String(warnings.length).padStart(8)} ${note}`,
    );
    for (const d of [...errors, ...unexpected]) {
      const where = d.address || (d.range ? `${d.range.filename}:${d.range.start.line}` : "");
      console.log(
        `    ${d.severity.toUpperCase()}: ${d.summary}${where ? ` [${where}]` : ""}${d.detail ? `\n      ${d.detail.split("\n").join("\n      ")}` : ""}`,
      );
    }
    process.exit(ok ? 0 : 1);
  });
