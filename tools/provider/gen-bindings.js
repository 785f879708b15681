#!/usr/bin/env node
// Generates .gen/providers/alicloud offline from the committed, trimmed provider schema
// by running the ordinary `cdktf get` against a pre-seeded provider-schema cache (the
// cdktf-cli's CDKTF_EXPERIMENTAL_PROVIDER_SCHEMA_CACHE_PATH). No terraform binary and
// no network are needed. Runs on `npm ci` (postinstall); skipped when .gen is current.
//
//   node tools/provider/gen-bindings.js           # generate if stale
//   node tools/provider/gen-bindings.js --force   # always regenerate (npm run get)
//
// Works with either CLI: cdktf-cli 0.21 (the default) or its community fork cdktn-cli
// 0.24 (installed instead of cdktf-cli, or chosen with CDKTF_CLI=cdktn when both are).
// Each keys its schema cache differently; both are handled below.
//
// Online alternative, full provider: delete the cache env and run `npx cdktf get`.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const crypto = require("crypto");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "../..");
const cdktfJson = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8"));
const pin = cdktfJson.terraformProviders.find((p) => p.name === "alicloud");
const schemaFile = path.join(ROOT, "schema", `alicloud-${pin.version}.json`);
const genDir = path.join(ROOT, cdktfJson.codeMakerOutput || ".gen");
const stampFile = path.join(genDir, ".bindings-stamp");

const resolvable = (m) => {
  try {
    require.resolve(m, { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
};

/** The CLI that generates: its package, generator module, entry point and cache keying. */
function pickCli() {
  const wanted = process.env.CDKTF_CLI || (resolvable("cdktf-cli/package.json") ? "cdktf" : "cdktn");
  const clis = {
    cdktf: {
      pkg: "cdktf-cli",
      generator: "@cdktf/provider-generator/lib/get/generator/provider-generator.js",
      bin: "cdktf-cli/bundle/bin/cdktf",
    },
    cdktn: {
      pkg: "cdktn-cli",
      generator: "@cdktn/provider-generator/build/get/generator/provider-generator.js",
      bin: "cdktn-cli/bundle/bin/cdktn.js",
    },
  };
  const cli = clis[wanted];
  if (!cli) throw new Error(`bindings: CDKTF_CLI=${wanted}; allowed: cdktf, cdktn`);
  if (!resolvable(`${cli.pkg}/package.json`)) throw new Error(`bindings: ${cli.pkg} is not installed (CDKTF_CLI=${wanted})`);
  return { name: wanted, ...cli, version: require(require.resolve(`${cli.pkg}/package.json`, { paths: [ROOT] })).version };
}

/**
 * cdktn-cli 0.24 appends the fetching Terraform CLI to the cache key
 * (`<name>@<version>@terraform-<major>.<minor>`, or `@unknown-cli` without one;
 * @cdktn/provider-schema read.js resolveCacheKeySuffix). Both are written.
 */
function cdktnKeySuffixes() {
  const bin = process.env.TERRAFORM_BINARY_NAME || "terraform";
  const r = spawnSync(bin, ["version", "-json"], { encoding: "utf8" });
  const v =
    r.status === 0
      ? (() => {
          try {
            return JSON.parse(r.stdout).terraform_version;
          } catch {
            return undefined;
          }
        })()
      : undefined;
  const out = ["unknown-cli"];
  if (v) out.unshift(`${path.basename(bin) === "tofu" ? "tofu" : "terraform"}-${v.split(".").slice(0, 2).join(".")}`);
  return out;
}

const CLI = pickCli();
function cdktfVersion() {
  return `${CLI.name}@${CLI.version}`;
}

// The committed schema keys the provider by its short source. `cdktf get` matches a
// two-part source against the registry host it assumes by default, so the cache entry
// must use that host. We read it from the installed generator rather than writing a
// registry host name into this repository.
function defaultRegistryHost() {
  const file = require.resolve(CLI.generator, {
    paths: [ROOT, path.dirname(require.resolve(`${CLI.pkg}/package.json`, { paths: [ROOT] }))],
  });
  const m = /hostname:\s*"([^"]+)"/.exec(fs.readFileSync(file, "utf8"));
  if (!m) throw new Error(`could not find the default registry host in ${file}; has cdktf changed?`);
  return m[1];
}

const schemaText = fs.readFileSync(schemaFile, "utf8");
const stamp = crypto.createHash("sha256").update(schemaText).update(JSON.stringify(pin)).update(cdktfVersion()).digest("hex");
const force = process.argv.includes("--force");
if (
  !force &&
  fs.existsSync(stampFile) &&
  fs.readFileSync(stampFile, "utf8").trim() === stamp &&
  fs.existsSync(path.join(genDir, "providers/alicloud/index.ts"))
) {
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
// Both CLIs key the cache by the provider *name* for object-form constraints.
const key = `${encodeURIComponent(pin.name)}@${encodeURIComponent(pin.version)}`;
const keys = CLI.name === "cdktn" ? cdktnKeySuffixes().map((s) => `${key}@${encodeURIComponent(s)}`) : [key];
for (const k of keys) fs.writeFileSync(path.join(cacheDir, `${k}.json`), JSON.stringify(cached));

const cli = require.resolve(CLI.bin, { paths: [ROOT] });
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
  console.error(`bindings: ${CLI.name} get failed (exit ${res.status})`);
  process.exit(1);
}
fs.writeFileSync(stampFile, stamp + "\n");
const count = fs.readdirSync(path.join(genDir, "providers/alicloud")).filter((d) => !d.includes(".")).length;
console.log(
  `bindings: generated ${count} alicloud modules from ${path.relative(ROOT, schemaFile)} in ${((Date.now() - started) / 1000).toFixed(1)}s (offline, ${CLI.name}-cli ${CLI.version})`,
);
