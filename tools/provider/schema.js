#!/usr/bin/env node
// Trims `terraform providers schema -json` output to the types in schema/types.json and
// compares trimmed schemas. The committed file keys the provider by its short source
// (aliyun/alicloud): the registry host is added back only when bindings are generated.
//
//   node tools/provider/schema.js trim <full.json> <out.json> <version>
//   node tools/provider/schema.js compare <committed.json> <fresh.json>
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "../..");
const SOURCE = "aliyun/alicloud";

function wanted() {
  const t = JSON.parse(fs.readFileSync(path.join(ROOT, "schema/types.json"), "utf8"));
  return { resources: Object.keys(t.resources).sort(), dataSources: Object.keys(t.dataSources).sort() };
}

function providerEntry(full) {
  const keys = Object.keys(full.provider_schemas || {}).filter((k) => k.endsWith(`/${SOURCE}`) || k === SOURCE);
  if (keys.length !== 1)
    throw new Error(
      `expected one ${SOURCE} provider in the schema, found: ${Object.keys(full.provider_schemas || {}).join(", ") || "none"}`,
    );
  return full.provider_schemas[keys[0]];
}

function pick(from, names, what) {
  const out = {};
  const missing = [];
  for (const n of names) {
    if (from && from[n]) out[n] = from[n];
    else missing.push(n);
  }
  if (missing.length) throw new Error(`the provider schema has no ${what}: ${missing.join(", ")}`);
  return out;
}

function trim(full, version) {
  const p = providerEntry(full);
  const w = wanted();
  return {
    format_version: full.format_version,
    provider_schemas: {
      [SOURCE]: {
        provider: p.provider,
        resource_schemas: pick(p.resource_schemas, w.resources, "resource type"),
        data_source_schemas: pick(p.data_source_schemas, w.dataSources, "data source"),
      },
    },
    provider_versions: { [SOURCE]: version },
  };
}

function canonical(x) {
  if (Array.isArray(x)) return x.map(canonical);
  if (x && typeof x === "object")
    return Object.fromEntries(
      Object.keys(x)
        .sort()
        .map((k) => [k, canonical(x[k])]),
    );
  return x;
}

function compare(a, b) {
  const diffs = [];
  const pa = a.provider_schemas[SOURCE];
  const pb = b.provider_schemas[SOURCE];
  if (JSON.stringify(a.provider_versions) !== JSON.stringify(b.provider_versions)) {
    diffs.push(`provider version: committed ${JSON.stringify(a.provider_versions)} vs binary ${JSON.stringify(b.provider_versions)}`);
  }
  if (JSON.stringify(canonical(pa.provider)) !== JSON.stringify(canonical(pb.provider))) diffs.push("provider configuration block");
  for (const kind of ["resource_schemas", "data_source_schemas"]) {
    const names = new Set([...Object.keys(pa[kind]), ...Object.keys(pb[kind])]);
    for (const n of [...names].sort()) {
      if (JSON.stringify(canonical(pa[kind][n])) !== JSON.stringify(canonical(pb[kind][n]))) diffs.push(`${kind}.${n}`);
    }
  }
  return diffs;
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "trim") {
  const [fullPath, outPath, version] = args;
  const trimmed = trim(JSON.parse(fs.readFileSync(fullPath, "utf8")), version);
  fs.writeFileSync(outPath, JSON.stringify(canonical(trimmed), null, 1) + "\n");
  const p = trimmed.provider_schemas[SOURCE];
  console.log(
    `trimmed to ${Object.keys(p.resource_schemas).length} resources and ${Object.keys(p.data_source_schemas).length} data sources -> ${path.relative(ROOT, outPath)}`,
  );
} else if (cmd === "compare") {
  const [committed, fresh] = args.map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const diffs = compare(committed, fresh);
  if (diffs.length) {
    console.error(
      `schema drift: the committed schema differs from the pinned provider binary in:\n  ${diffs.join("\n  ")}\nRun \`npm run schema:extract\` and \`npm run get\`, review, and commit.`,
    );
    process.exit(1);
  }
  console.log("schema drift check: committed schema matches the provider binary for every committed type");
} else {
  console.error("usage: schema.js trim <full> <out> <version> | compare <committed> <fresh>");
  process.exit(2);
}
