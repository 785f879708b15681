#!/usr/bin/env node
// Generates .gen/providers/alicloud offline from the committed, trimmed provider schema
// by running the ordinary `cdktf get` against a pre-seeded provider-schema cache (the
// cdktf-cli's CDKTF_EXPERIMENTAL_PROVIDER_SCHEMA_CACHE_PATH). No terraform binary and
// no network are needed. Runs on `npm ci` (postinstall); skipped when .gen is current.
//
//   node scripts/gen-bindings.js           # generate if stale
//   node scripts/gen-bindings.js --force   # always regenerate (npm run get)
//
// Online alternative, full provider: delete the cache env and run `npx cdktf get`.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const crypto = require("crypto");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const cdktfJson = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8"));
const pin = cdktfJson.terraformProviders.find((p) => p.name === "alicloud");
const schemaFile = path.join(ROOT, "schema", `alicloud-${pin.version}.json`);
const genDir = path.join(ROOT, cdktfJson.codeMakerOutput || ".gen");
const stampFile = path.join(genDir, ".bindings-stamp");

function cdktfVersion() {
  return require(path.join(ROOT, "node_modules/cdktf-cli/package.json")).version;
}

// The committed schema keys the provider by its short source. `cdktf get` matches a
// two-part source against the registry host it assumes by default, so the cache entry
// must use that host. We read it from the installed generator rather than writing a
// registry host name into this repository.
function defaultRegistryHost() {
  const file = require.resolve("@cdktf/provider-generator/lib/get/generator/provider-generator.js", { paths: [ROOT] });
  const m = /hostname:\s*"([^"]+)"/.exec(fs.readFileSync(file, "utf8"));
  if (!m) throw new Error(`could not find the default registry host in ${file}; has cdktf changed?`);
  return m[1];
}

const schemaText = fs.readFileSync(schemaFile, "utf8");
const stamp = crypto.createHash("sha256").update(schemaText).update(JSON.stringify(pin)).update(cdktfVersion()).digest("hex");
const force = process.argv.includes("--force");
if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === stamp
    && fs.existsSync(path.join(genDir, "providers/alicloud/index.ts"))) {
  console.log(`bindings: .gen is current for alicloud ${pin.version} (npm run get to force)`);
  process.exit(0);
}

const started = Date.now();
const schema = JSON.parse(schemaText);
const fqn = `${defaultRegistryHost()}/${pin.source}`;
const cached = {
  format_version: schema.format_version,
  provider_schemas: { [fqn]: schema.provider_schemas[pin.source] },
  provider_versions: { [fqn]: schema.provider_versions[pin.source] },
};
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-schema-cache-"));
// cdktf-cli 0.21 keys its cache by the provider *name* for object-form constraints.
const key = `${encodeURIComponent(pin.name)}@${encodeURIComponent(pin.version)}`;
fs.writeFileSync(path.join(cacheDir, `${key}.json`), JSON.stringify(cached));

const cli = require.resolve("cdktf-cli/bundle/bin/cdktf", { paths: [ROOT] });
const res = spawnSync(process.execPath, [cli, "get", "--force", "--language", "typescript"], {
  cwd: ROOT,
  stdio: ["ignore", "pipe", "pipe"],
  env: {
    ...process.env,
    CDKTF_EXPERIMENTAL_PROVIDER_SCHEMA_CACHE_PATH: cacheDir,
    CHECKPOINT_DISABLE: "1",
    DISABLE_VERSION_CHECK: "1",
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
    CI: "1",
  },
  encoding: "utf8",
});
fs.rmSync(cacheDir, { recursive: true, force: true });
if (res.status !== 0 || !fs.existsSync(path.join(genDir, "providers/alicloud/index.ts"))) {
  process.stderr.write(res.stdout + res.stderr);
  console.error(`bindings: cdktf get failed (exit ${res.status})`);
  process.exit(1);
}
fs.writeFileSync(stampFile, stamp + "\n");
const count = fs.readdirSync(path.join(genDir, "providers/alicloud")).filter((d) => !d.includes(".")).length;
console.log(`bindings: generated ${count} alicloud modules from ${path.relative(ROOT, schemaFile)} in ${((Date.now() - started) / 1000).toFixed(1)}s (offline)`);
