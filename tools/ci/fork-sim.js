#!/usr/bin/env node
// Fork simulation: applies the edits a forker makes (docs/forking.md) to a scratch copy
// of the repository, regenerates what a fork regenerates, and runs the typecheck and the
// whole unit-test suite there. A fork that edits config/ must keep both green: seed
// oracles read __tests__/fixtures/, and the tests of config/ are invariants that hold
// for any valid topology.
//
//   node tools/ci/fork-sim.js [--keep] [--variant <name>]... [jest arguments]
//
// Variants, run in sequence on one scratch copy (restored between them; node_modules
// and .gen are linked, not copied), each edit anchored so that it fails loudly when the
// config it expects has changed:
//   grow     an office, a VPC in a new region, two shared-NAT spokes
//   rename   every seed VPC, vSwitch, region, zone, office, account and CIDR renamed;
//            the hub becomes Frankfurt + Singapore with three offices (one removed)
//   drop     the IDC scenario dropped (its line in SCENARIOS), its config file deleted
// Exit code: 0 when every variant passes, else the first failing step's.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync, execFileSync } = require("child_process");

const ROOT = path.resolve(__dirname, "../..");
const LINKED = ["node_modules", ".gen"];

const fail = (msg) => {
  throw new Error(`fork-sim: ${msg}; update the edit in tools/ci/fork-sim.js`);
};
const read = (dir, file) => fs.readFileSync(path.join(dir, file), "utf8");
const write = (dir, file, text) => fs.writeFileSync(path.join(dir, file), text);

/** Inserts `text` after the first line matching `anchor` (after the line matching `after`, when given). */
function insertAfter(dir, file, anchor, text, after = /^/) {
  const lines = read(dir, file).split("\n");
  const from = lines.findIndex((l) => after.test(l));
  const i = from < 0 ? -1 : lines.findIndex((l, j) => j >= from && anchor.test(l));
  if (i < 0) fail(`${file} has no line matching ${anchor}`);
  lines.splice(i + 1, 0, text);
  write(dir, file, lines.join("\n"));
}

/** Deletes every line matching `re` (at least one), or only the first after a line matching `after`. */
function deleteLines(dir, file, re, after) {
  const lines = read(dir, file).split("\n");
  const from = after ? lines.findIndex((l) => after.test(l)) : 0;
  const doomed = lines.map((l, j) => from >= 0 && j >= from && re.test(l));
  if (after) doomed.forEach((d, j) => (doomed[j] = d && j === doomed.indexOf(true)));
  if (!doomed.includes(true)) fail(`${file} has no line matching ${re}`);
  write(dir, file, lines.filter((_, j) => !doomed[j]).join("\n"));
}

/** Replaces the first match of `re` in `file`. */
function replace(dir, file, re, text) {
  const src = read(dir, file);
  if (!re.test(src)) fail(`${file} has no match for ${re}`);
  write(dir, file, src.replace(re, text));
}

/**
 * Renames in one pass (a new name is never renamed again): every key of `map`, a literal
 * string, becomes its value; longer keys win. Every key must occur.
 */
function rename(dir, file, map) {
  const src = read(dir, file);
  const keys = Object.keys(map).sort((a, b) => b.length - a.length);
  for (const k of keys) if (!src.includes(k)) fail(`${file} has no ${k}`);
  const re = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  write(
    dir,
    file,
    src.replace(re, (m) => map[m]),
  );
}

function grow(dir) {
  const hub = "config/multinational-hub.ts";
  insertAfter(dir, hub, /^\s*offices: \[\s*$/, `      { name: "us-office-5", publicIp: "198.51.100.25", cidrs: ["10.10.30.0/24"] },`);
  insertAfter(dir, hub, /^\s*links: \[\s*$/, `      { kind: "vpn", name: "us-office-5", office: "us-office-5", vpc: "us-vpc" },`);
  insertAfter(
    dir,
    hub,
    /^\s*vpcs: \[\s*$/,
    `      { name: "eu-vpc", account: "main", region: "eu-central-1", cidr: "172.18.0.0/16",
        vswitches: [{ name: "eu-a", zone: "eu-central-1a", cidr: "172.18.0.0/24" }] },`,
  );
  insertAfter(dir, hub, /^\s*links: \[\s*$/, `      { kind: "router-interface", name: "cn-eu", from: "cn-vpc", to: "eu-vpc" },`);
  const nat = "config/shared-nat.ts";
  insertAfter(
    dir,
    nat,
    /^\s*vpcs: \[\s*$/,
    `      { name: "spoke-2", account: "main", region: "cn-hangzhou", cidr: "172.17.0.0/16",
        vswitches: [{ name: "spoke-2-app", zone: "cn-hangzhou-h", cidr: "172.17.0.0/24" }] },
      { name: "spoke-3", account: "main", region: "cn-hangzhou", cidr: "172.20.0.0/16",
        vswitches: [{ name: "spoke-3-app", zone: "cn-hangzhou-i", cidr: "172.20.0.0/24" }] },`,
  );
  insertAfter(
    dir,
    nat,
    /^\s*links: \[\s*$/,
    `      { kind: "peering", name: "hub-spoke-2", requester: "hub-vpc", acceptor: "spoke-2" },
      { kind: "peering", name: "hub-spoke-3", requester: "hub-vpc", acceptor: "spoke-3" },`,
  );
  replace(dir, nat, /spokes: \["spoke-vpc"\]/, `spokes: ["spoke-vpc", "spoke-2", "spoke-3"]`);
}

/** Seed names (quoted, so field names such as `requester:` are left alone) and CIDR prefixes. */
const RENAMES = {
  "config/multinational-hub.ts": {
    '"us-vpc"': '"fra-vpc"',
    '"cn-vpc"': '"sgp-vpc"',
    '"us-east-1"': '"eu-central-1"',
    '"us-east-1a"': '"eu-central-1a"',
    '"us-east-1b"': '"eu-central-1b"',
    '"cn-shanghai"': '"ap-southeast-1"',
    '"cn-shanghai-e"': '"ap-southeast-1a"',
    '"cn-shanghai-f"': '"ap-southeast-1b"',
    '"us-a"': '"fra-1"',
    '"us-b"': '"fra-2"',
    '"sh-e"': '"sgp-1"',
    '"sh-f"': '"sgp-2"',
    '"us-office-1"': '"frankfurt-hq"',
    '"us-office-2"': '"munich"',
    '"cn-office-3"': '"singapore"',
    '"us-cn"': '"fra-sgp"',
    '"main"': '"core"',
    '"172.16.': '"10.110.',
    '"172.17.': '"10.120.',
    '"10.10.10.0/24"': '"10.210.0.0/22"',
    '"10.10.20.0/24"': '"10.210.8.0/24"',
    '"10.20.10.0/24"': '"10.220.0.0/23"',
    '"203.0.113.11"': '"198.51.100.11"',
    '"203.0.113.12"': '"198.51.100.12"',
    '"203.0.113.13"': '"198.51.100.13"',
  },
  "config/shared-nat.ts": {
    '"hub-vpc"': '"egress-vpc"',
    '"spoke-vpc"': '"web-vpc"',
    '"cn-hangzhou"': '"eu-central-1"',
    '"cn-hangzhou-h"': '"eu-central-1a"',
    '"cn-hangzhou-i"': '"eu-central-1b"',
    '"hub-nat"': '"egress-nat"',
    '"hub-app"': '"egress-tools"',
    '"spoke-app"': '"web-app"',
    '"hub-spoke"': '"egress-web"',
    '"main"': '"core"',
    '"192.168.': '"10.30.',
    '"172.16.': '"10.31.',
  },
  "config/vpc-peering.ts": {
    '"app-vpc"': '"orders-vpc"',
    '"data-vpc"': '"ledger-vpc"',
    '"requester-vpc"': '"shop-vpc"',
    '"acceptor-vpc"': '"partner-vpc"',
    '"requester"': '"shop"',
    '"acceptor"': '"partner"',
    '"cn-hangzhou"': '"ap-southeast-1"',
    '"cn-hangzhou-h"': '"ap-southeast-1a"',
    '"cn-hangzhou-i"': '"ap-southeast-1b"',
    '"app-h"': '"orders-a"',
    '"data-1"': '"ledger-b"',
    '"req-h"': '"shop-a"',
    '"acc-h"': '"partner-a"',
    '"app-data"': '"orders-ledger"',
    '"req-acc"': '"shop-partner"',
    '"main"': '"core"',
    '"10.1.': '"10.41.',
    '"10.2.': '"10.42.',
    '"10.3.': '"10.43.',
    '"10.4.': '"10.44.',
  },
  "config/idc-leased-line.ts": {
    '"bj-vpc"': '"sgp-vpc"',
    '"sz-vpc"': '"jkt-vpc"',
    '"beijing-idc"': '"singapore-dc"',
    '"cn-beijing"': '"ap-southeast-1"',
    '"cn-beijing-h"': '"ap-southeast-1a"',
    '"cn-shenzhen"': '"ap-southeast-5"',
    '"cn-shenzhen-d"': '"ap-southeast-5a"',
    '"bj-h"': '"sgp-a"',
    '"sz-d"': '"jkt-a"',
    '"idc-bj"': '"dc-sgp"',
    '"idc-sz"': '"dc-jkt"',
    '"main"': '"core"',
    '"172.16.': '"10.51.',
    '"172.18.': '"10.52.',
    '"10.100.0.0/16"': '"10.150.0.0/16"',
  },
};

function renameAll(dir) {
  for (const [file, map] of Object.entries(RENAMES)) rename(dir, file, map);
  // an office removed: its entry and its link
  deleteLines(dir, "config/multinational-hub.ts", /"cn-office-4"/);
}

function drop(dir) {
  const index = "config/index.ts";
  // the documented switch: the scenario's line in SCENARIOS
  deleteLines(dir, index, /^\s*"idc-leased-line",\s*$/, /^export const SCENARIOS\b/);
  // and the optional clean-up: its config file, its import and its default
  deleteLines(dir, index, /^import \{ idcLeasedLine \} from "\.\/idc-leased-line";$/);
  deleteLines(dir, index, /^\s*"idc-leased-line": \(\w*\) => idcLeasedLine\([\w.]*\),$/);
  fs.rmSync(path.join(dir, "config/idc-leased-line.ts"));
}

const VARIANTS = { grow, rename: renameAll, drop };

module.exports = { VARIANTS, RENAMES };

/** (Re)fills `dir` with the repository's files, as in the work tree; node_modules and .gen linked. */
function restore(dir) {
  for (const e of fs.readdirSync(dir)) if (!LINKED.includes(e)) fs.rmSync(path.join(dir, e), { recursive: true, force: true });
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT })
    .toString()
    .split("\0")
    .filter(Boolean)
    // a symlinked node_modules or .gen escapes .gitignore's `dir/` patterns
    .filter((f) => !LINKED.includes(f.split("/")[0]));
  for (const f of files) {
    if (!fs.existsSync(path.join(ROOT, f))) continue; // deleted in the work tree
    fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  }
  for (const d of LINKED) if (!fs.existsSync(path.join(dir, d))) fs.symlinkSync(path.join(ROOT, d), path.join(dir, d));
  // a fork is a git clone: what reads revisions (netdiff <rev> <rev>) needs one
  const git = (...args) =>
    execFileSync("git", ["-c", "user.name=fork-sim", "-c", "user.email=fork-sim@localhost", ...args], { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "--no-gpg-sign", "-m", "fork");
}

/** Runs one variant in `dir`: the edit, the generators a fork reruns, typecheck, the suite. */
function runVariant(dir, name, jestArgs) {
  const started = Date.now();
  restore(dir);
  VARIANTS[name](dir);
  console.log(`fork-sim [${name}]: edited config/`);
  // generated from config/: the README's and docs/diagrams' topology diagrams (docs/forking.md)
  const steps = [
    ["npx", ["tsx", "tools/diagrams.ts"]],
    ["npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]],
    ["npx", ["jest", "--ci", ...jestArgs]],
  ];
  for (const [cmd, args] of steps) {
    console.log(`fork-sim [${name}]: ${cmd} ${args.join(" ")}`);
    const r = spawnSync(cmd, args, { cwd: dir, stdio: "inherit" });
    if (r.status !== 0) return { name, rc: r.status ?? 1, seconds: (Date.now() - started) / 1000 };
  }
  return { name, rc: 0, seconds: (Date.now() - started) / 1000 };
}

function parseArgs(argv) {
  const opts = { keep: false, variants: [], jest: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--keep") opts.keep = true;
    else if (argv[i] === "--variant") opts.variants.push(argv[++i]);
    else opts.jest.push(argv[i]);
  }
  const unknown = opts.variants.filter((v) => !(v in VARIANTS));
  if (unknown.length > 0) {
    console.error(`fork-sim: --variant ${unknown.join(", ")} is not a variant; allowed: ${Object.keys(VARIANTS).join(", ")}`);
    process.exit(2);
  }
  if (opts.variants.length === 0) opts.variants = Object.keys(VARIANTS);
  return opts;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fork-sim-"));
  const results = [];
  try {
    for (const v of opts.variants) {
      const r = runVariant(scratch, v, opts.jest);
      results.push(r);
      if (r.rc !== 0) break;
    }
  } finally {
    if (opts.keep) console.log(`fork-sim: scratch copy kept at ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
  for (const r of results)
    console.log(`fork-sim [${r.name}]: ${r.rc === 0 ? "passed" : `FAILED (exit ${r.rc})`} in ${r.seconds.toFixed(0)} s`);
  const failed = results.find((r) => r.rc !== 0);
  console.log(failed ? `fork-sim: FAILED in variant ${failed.name}` : "fork-sim: every edited fork keeps typecheck and the suite green");
  process.exit(failed ? failed.rc : 0);
}

if (require.main === module) main();
