#!/usr/bin/env node
// Reads the pinned provider's Go source and lists, for every resource type in
// schema/types.json, each attribute's schema flags (Optional, Computed, ForceNew) and the
// lines where the resource's Read writes it. An attribute that is Optional, not Computed,
// and written by Read drifts after apply whenever the configuration leaves it unset (a
// perpetual diff, or a replacement when it is ForceNew). lib/facts/apply-fidelity.ts must
// record a handling for every such attribute of an emitted type; this script checks that.
//
//   node tools/provider/audit-provider.js            check the data against the source (exit 1 on a gap)
//   node tools/provider/audit-provider.js --list     print every candidate with its source line
//
// The source is the Go module that tools/provider/build-provider.sh downloads (GOMODCACHE).
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const ROOT = path.resolve(__dirname, "../..");

function providerDir() {
  const pin = require(path.join(ROOT, "cdktf.json")).terraformProviders.find((p) => p.name === "alicloud");
  const modcache = process.env.GOMODCACHE || execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
  const dir = path.join(modcache, "github.com/aliyun", `terraform-provider-alicloud@v${pin.version}`, "alicloud");
  if (!fs.existsSync(dir)) throw new Error(`provider source not found at ${dir}; run tools/provider/build-provider.sh first`);
  return { dir, version: pin.version };
}

/** Index of the brace that closes the one opened at `open`. */
function matchBrace(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const ch = src[i];
    if (ch === '"' || ch === "`") {
      // skip string literals
      const end = ch === "`" ? src.indexOf("`", i + 1) : src.slice(i + 1).search(/(?<!\\)"/) + i + 1;
      i = end;
      continue;
    }
    if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i;
  }
  throw new Error("unbalanced braces");
}

const lineOf = (src, idx) => src.slice(0, idx).split("\n").length;

/** Entries of a `map[string]*schema.Schema{ ... }` body, recursing into nested blocks. */
function parseSchema(src, start, end, prefix, out) {
  const re = /"([a-z0-9_]+)":\s*{/g;
  re.lastIndex = start;
  let m;
  while ((m = re.exec(src)) && m.index < end) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(src, open);
    const body = src.slice(open + 1, close);
    // flags at this entry's own level: drop nested braces' content
    let flat = "";
    for (let i = 0, d = 0; i < body.length; i++) {
      if (body[i] === "{") d++;
      else if (body[i] === "}") d--;
      else if (d === 0) flat += body[i];
    }
    const name = prefix + m[1];
    out.push({
      name,
      line: lineOf(src, m.index),
      optional: /\bOptional:\s*true/.test(flat),
      computed: /\bComputed:\s*true/.test(flat),
      forceNew: /\bForceNew:\s*true/.test(flat),
      required: /\bRequired:\s*true/.test(flat),
      default: /\bDefault:\s*([^,\n]+),/.exec(flat)?.[1]?.trim(),
      diffSuppress: /\bDiffSuppressFunc:/.test(body),
    });
    const nested = /Elem:\s*&schema\.Resource{\s*Schema:\s*map\[string\]\*schema\.Schema{/.exec(body);
    if (nested) {
      const nOpen = open + 1 + nested.index + nested[0].length - 1;
      parseSchema(src, nOpen + 1, matchBrace(src, nOpen), `${name}.`, out);
    }
    re.lastIndex = close + 1;
  }
}

function funcBody(src, name) {
  const m = new RegExp(`func ${name}\\([^)]*\\)[^{]*{`).exec(src);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  return { start: open, end: matchBrace(src, open) };
}

/** Every resource type of schema/types.json with its attributes and Read's writes. */
function audit() {
  const { dir, version } = providerDir();
  const providerGo = fs.readFileSync(path.join(dir, "provider.go"), "utf8");
  const types = Object.keys(require(path.join(ROOT, "schema/types.json")).resources);
  const goFiles = fs.readdirSync(dir).filter((f) => /^resource_.*\.go$/.test(f) && !f.endsWith("_test.go"));
  const result = [];
  for (const type of types) {
    const fn = new RegExp(`"${type}":\\s*(\\w+)\\(\\)`).exec(providerGo)?.[1];
    if (!fn) throw new Error(`${type}: not registered in provider.go`);
    const file = goFiles.find((f) => new RegExp(`func ${fn}\\(\\)`).test(fs.readFileSync(path.join(dir, f), "utf8")));
    const src = fs.readFileSync(path.join(dir, file), "utf8");
    const def = funcBody(src, fn);
    const schemaOpen = src.indexOf("Schema: map[string]*schema.Schema{", def.start);
    const sOpen = src.indexOf("{", schemaOpen);
    const attrs = [];
    parseSchema(src, sOpen + 1, matchBrace(src, sOpen), "", attrs);
    const readFn = new RegExp(`Read:\\s*(\\w+),`).exec(src.slice(def.start, def.end))?.[1];
    const read = readFn && funcBody(src, readFn);
    // commented-out lines do not count (e.g. a disabled d.Set)
    const readSrc = read ? src.slice(read.start, read.end).replace(/\/\/[^\n]*/g, (c) => " ".repeat(c.length)) : "";
    for (const a of attrs) {
      const leaf = a.name.split(".").pop();
      // top level: d.Set("name", ...); nested: the key appears in Read's map literals
      const re = a.name.includes(".") ? new RegExp(`\\["${leaf}"\\]\\s*=|"${leaf}":`, "g") : new RegExp(`d\\.Set\\("${leaf}"`, "g");
      a.readLines = [];
      let m;
      while ((m = re.exec(readSrc))) a.readLines.push(lineOf(src, read.start + m.index));
    }
    result.push({ type, file: `alicloud/${file}`, readFunction: readFn, attrs });
  }
  return { version, result };
}

/** Optional, not Computed, written by Read: drifts when the configuration leaves it unset. */
function candidates(r) {
  return r.attrs.filter((a) => a.optional && !a.computed && a.readLines.length > 0);
}

function main() {
  const { version, result } = audit();
  if (process.argv.includes("--list")) {
    for (const r of result) {
      for (const a of candidates(r)) {
        const flags = [a.forceNew && "ForceNew", a.default !== undefined && `Default=${a.default}`, a.diffSuppress && "DiffSuppressFunc"]
          .filter(Boolean)
          .join(" ");
        console.log(`${r.type}\t${a.name}\t${flags}\t${r.file}:${a.line} (Read: ${a.readLines.map((l) => `:${l}`).join(",")})`);
      }
    }
    return;
  }
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ version, result }, null, 1));
    return;
  }
  // check: every candidate has a handling in the findings data (compiled app in dist/)
  const dataFile = path.join(ROOT, "dist/lib/facts/apply-fidelity.js");
  if (!fs.existsSync(dataFile)) throw new Error("dist/lib/facts/apply-fidelity.js missing: run `npx tsc -p tsconfig.build.json` first");
  const { READ_DRIFT, AUDITED_TYPES } = require(dataFile);
  const gaps = [];
  for (const r of result)
    if (AUDITED_TYPES[r.type] !== r.file)
      gaps.push(`${r.type}: AUDITED_TYPES says ${AUDITED_TYPES[r.type]}, provider.go registers it in ${r.file}`);
  for (const t of Object.keys(AUDITED_TYPES))
    if (!result.some((r) => r.type === t)) gaps.push(`${t}: in AUDITED_TYPES but not in schema/types.json`);
  for (const r of result) {
    for (const a of candidates(r)) {
      const f = READ_DRIFT.find((x) => x.resource === r.type && x.attribute === a.name);
      if (!f) gaps.push(`${r.type}.${a.name} (${r.file}:${a.line}${a.forceNew ? ", ForceNew" : ""}): no handling recorded`);
      else if (f.source !== `${r.file}:${a.line}`)
        gaps.push(`${r.type}.${a.name}: recorded source ${f.source}, the schema entry is at ${r.file}:${a.line}`);
      else if (f.forceNew !== a.forceNew) gaps.push(`${r.type}.${a.name}: recorded forceNew ${f.forceNew}, the source says ${a.forceNew}`);
      else if (f.handling === "provider-suppresses" && a.default === undefined && !a.diffSuppress)
        gaps.push(`${r.type}.${a.name}: recorded as suppressed by the provider, but the source has neither Default nor DiffSuppressFunc`);
    }
  }
  for (const f of READ_DRIFT) {
    const r = result.find((x) => x.type === f.resource);
    if (!r || !candidates(r).some((a) => a.name === f.attribute))
      gaps.push(
        `${f.resource}.${f.attribute}: recorded, but v${version}'s source has no such Optional, non-Computed attribute written by Read`,
      );
  }
  const n = result.reduce((s, r) => s + candidates(r).length, 0);
  if (gaps.length) {
    console.error(
      `audit-provider: ${gaps.length} gap(s) between lib/facts/apply-fidelity.ts and provider v${version}:\n  ${gaps.join("\n  ")}`,
    );
    process.exit(1);
  }
  console.log(
    `audit-provider: ${result.length} resource types, ${n} Optional-not-Computed attributes written by Read, every one recorded with its handling (provider v${version})`,
  );
}

if (require.main === module) main();
module.exports = { audit, candidates };
