#!/usr/bin/env node
// Fork simulation: applies the edits a forker makes first (docs/forking.md) to a
// scratch copy of the repository and runs the unit-test suite there. A fork that edits
// config/ must keep a green suite: seed oracles read __tests__/fixtures/, and the tests
// of config/ are invariants that hold for any valid topology.
//
//   node tools/ci/fork-sim.js [--keep]     exit code = jest's
//
// Edits (each anchored on a line every version of the config has):
//   1. multinational-hub: a fifth office on the US gateway
//   2. multinational-hub: a VPC in a new region (eu-central-1) on a router-interface pair
//   3. shared-nat: two more spokes behind the hub's NAT gateway
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync, execFileSync } = require("child_process");

const ROOT = path.resolve(__dirname, "../..");
const keep = process.argv.includes("--keep");

/** Inserts `text` after the first line matching `anchor` in `file`; fails loudly when absent. */
function insertAfter(dir, file, anchor, text) {
  const p = path.join(dir, file);
  const src = fs.readFileSync(p, "utf8");
  const lines = src.split("\n");
  const i = lines.findIndex((l) => anchor.test(l));
  if (i < 0) throw new Error(`fork-sim: ${file} has no line matching ${anchor}; update the edit in tools/ci/fork-sim.js`);
  lines.splice(i + 1, 0, text);
  fs.writeFileSync(p, lines.join("\n"));
}

/** Replaces the first match of `re` in `file`; fails loudly when absent. */
function replace(dir, file, re, text) {
  const p = path.join(dir, file);
  const src = fs.readFileSync(p, "utf8");
  if (!re.test(src)) throw new Error(`fork-sim: ${file} has no match for ${re}; update the edit in tools/ci/fork-sim.js`);
  fs.writeFileSync(p, src.replace(re, text));
}

const EDITS = [
  [
    "add an office",
    (dir) => {
      insertAfter(
        dir,
        "config/multinational-hub.ts",
        /^\s*offices: \[\s*$/,
        `      { name: "us-office-5", publicIp: "198.51.100.25", cidrs: ["10.10.30.0/24"] },`,
      );
      insertAfter(
        dir,
        "config/multinational-hub.ts",
        /^\s*links: \[\s*$/,
        `      { kind: "vpn", name: "us-office-5", office: "us-office-5", vpc: "us-vpc" },`,
      );
    },
  ],
  [
    "add a VPC in a new region",
    (dir) => {
      insertAfter(
        dir,
        "config/multinational-hub.ts",
        /^\s*vpcs: \[\s*$/,
        `      { name: "eu-vpc", account: "main", region: "eu-central-1", cidr: "172.18.0.0/16",
        vswitches: [{ name: "eu-a", zone: "eu-central-1a", cidr: "172.18.0.0/24" }] },`,
      );
      insertAfter(
        dir,
        "config/multinational-hub.ts",
        /^\s*links: \[\s*$/,
        `      { kind: "router-interface", name: "cn-eu", from: "cn-vpc", to: "eu-vpc" },`,
      );
    },
  ],
  [
    "add spokes to the shared NAT",
    (dir) => {
      insertAfter(
        dir,
        "config/shared-nat.ts",
        /^\s*vpcs: \[\s*$/,
        `      { name: "spoke-2", account: "main", region: "cn-hangzhou", cidr: "172.17.0.0/16",
        vswitches: [{ name: "spoke-2-app", zone: "cn-hangzhou-h", cidr: "172.17.0.0/24" }] },
      { name: "spoke-3", account: "main", region: "cn-hangzhou", cidr: "172.20.0.0/16",
        vswitches: [{ name: "spoke-3-app", zone: "cn-hangzhou-i", cidr: "172.20.0.0/24" }] },`,
      );
      insertAfter(
        dir,
        "config/shared-nat.ts",
        /^\s*links: \[\s*$/,
        `      { kind: "peering", name: "hub-spoke-2", requester: "hub-vpc", acceptor: "spoke-2" },
      { kind: "peering", name: "hub-spoke-3", requester: "hub-vpc", acceptor: "spoke-3" },`,
      );
      replace(dir, "config/shared-nat.ts", /spokes: \["spoke-vpc"\]/, `spokes: ["spoke-vpc", "spoke-2", "spoke-3"]`);
    },
  ],
];

function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fork-sim-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT })
    .toString()
    .split("\0")
    .filter(Boolean)
    // a symlinked node_modules or .gen escapes .gitignore's `dir/` patterns; both are linked below
    .filter((f) => !["node_modules", ".gen"].includes(f.split("/")[0]));
  for (const f of files) {
    if (!fs.existsSync(path.join(ROOT, f))) continue; // deleted in the work tree
    fs.mkdirSync(path.join(scratch, path.dirname(f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(scratch, f));
  }
  // installed packages and generated bindings are shared, not copied
  for (const d of ["node_modules", ".gen"]) fs.symlinkSync(path.join(ROOT, d), path.join(scratch, d));
  for (const [name, edit] of EDITS) {
    edit(scratch);
    console.log(`fork-sim: ${name}`);
  }
  // the README's diagrams describe config/: a fork regenerates them, as docs/forking.md says
  const steps = [
    ["npx", ["tsx", "tools/diagrams.ts"]],
    ["npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]],
    ["npx", ["jest", "--ci", ...process.argv.slice(2).filter((a) => a !== "--keep")]],
  ];
  let rc = 0;
  for (const [cmd, args] of steps) {
    console.log(`fork-sim: ${cmd} ${args.join(" ")}`);
    const r = spawnSync(cmd, args, { cwd: scratch, stdio: "inherit" });
    if (r.status !== 0) {
      rc = r.status ?? 1;
      break;
    }
  }
  if (keep) console.log(`fork-sim: scratch copy kept at ${scratch}`);
  else fs.rmSync(scratch, { recursive: true, force: true });
  console.log(rc === 0 ? "fork-sim: the edited fork's suite passes" : `fork-sim: FAILED (exit ${rc})`);
  process.exit(rc);
}

main();
