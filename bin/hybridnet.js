#!/usr/bin/env node
// The project's command line: `npx hybridnet <verb> [arguments]`. Each verb runs the
// implementation that already exists (a script under bin/, tools/, emulator/ or verify/)
// with the arguments that follow it, in the caller's working directory, and exits with
// its exit code. This file only dispatches: it parses no verb's arguments, so each verb
// keeps its own usage and errors. `hybridnet --help` lists the verbs.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const NAME = "hybridnet";

/**
 * Every verb: what it does, its arguments, and what runs it (`node`, `tsx` or `bash`,
 * then the script relative to the repository root and any fixed arguments).
 */
const VERBS = {
  synth: {
    summary: "synthesize every stack into cdktf.out/ (compiles the app when a source changed)",
    usage: "",
    run: ["node", "bin/synth.js"],
  },
  validate: {
    summary: "terraform validate every stack against the real provider (built once, cached)",
    usage: "",
    run: ["bash", "tools/ci/validate.sh"],
  },
  netdiff: {
    summary: "review a network change: reachability, routes and replacements between two synthesized trees",
    usage: "<base> <head>    (two cdktf.out directories)",
    run: ["tsx", "bin/netdiff.ts"],
  },
  migrate: {
    summary: "plan and prove a staged migration between two synthesized trees (no pair loses its path at any stage)",
    usage: "<base> <head> --out DIR [--route-quota N] [--state-cap N]",
    run: ["tsx", "bin/migrate.ts"],
  },
  resilience: {
    summary: "the single-failure table: which promised pairs each link, gateway or line cuts when it fails",
    usage: "[<cdktf.out>] [--out <cdktf.out>] [--pairs]",
    run: ["tsx", "bin/resilience.ts"],
  },
  "office-configs": {
    summary: "write each office's and data center's device configuration from a synthesized tree",
    usage: "[cdktf.out] [--outputs outputs.json] [--out DIR] [--stack NAME]... [--write-secrets]",
    run: ["tsx", "bin/office-configs.ts"],
  },
  "diff-offline": {
    summary: "cdktf diff of one stack with the locally built provider (no registry)",
    usage: "<stack>",
    run: ["bash", "bin/diff-offline.sh"],
  },
  e2e: {
    summary: "apply, re-plan and destroy every stack against the local API emulator",
    usage: "[cdktf.out] [--stacks A,B] [--json FILE] [--fault-rate R] [--fault-seed N] [--real-account] ...",
    run: ["tsx", "emulator/e2e/run.ts"],
  },
  twin: {
    summary: "send real packets through every synthesized stack in network namespaces (root, Linux)",
    usage:
      "[cdktf.out] [--stack NAME]... [--no-negative] [--json FILE] | --stages DIR [--step-ms N] [--probe-ms N] | [cdktf.out] --failover [--window-s N] [--element ID]...",
    run: ["bash", "verify/twin/run.sh"],
  },
  generate: {
    summary: "regenerate the committed generated files (diagrams, facts, tables, schema, samples)",
    usage: "[GENERATOR...] [--check]",
    run: ["tsx", "tools/generate.ts"],
  },
  scan: {
    summary: "checkov over the synthesized JSON of every stack (cached virtualenv)",
    usage: "",
    run: ["bash", "tools/ci/checkov.sh"],
  },
};

function help() {
  const width = Math.max(...Object.keys(VERBS).map((v) => v.length));
  return [
    `usage: ${NAME} <verb> [arguments]    (${NAME} <verb> --help for one verb)`,
    "",
    "verbs:",
    ...Object.entries(VERBS).map(([v, d]) => `  ${v.padEnd(width)}  ${d.summary}`),
    "",
  ].join("\n");
}

function verbHelp(verb) {
  const d = VERBS[verb];
  return `usage: ${NAME} ${verb}${d.usage ? ` ${d.usage}` : ""}\n\n${d.summary}\nruns: ${d.run.join(" ")}\n`;
}

/** The program and arguments that run `verb`; tsx from this project's node_modules. */
function command(verb, args) {
  const [runner, script, ...fixed] = VERBS[verb].run;
  const file = path.join(ROOT, script);
  if (runner === "bash") return ["bash", [file, ...fixed, ...args]];
  if (runner === "node") return [process.execPath, [file, ...fixed, ...args]];
  const tsx = require.resolve("tsx/cli", { paths: [ROOT] });
  return [process.execPath, [tsx, file, ...fixed, ...args]];
}

function usageError(message) {
  process.stderr.write(`${NAME}: ${message}\n\n${help()}`);
  return 2;
}

/** Dispatches argv (without node and this file); returns the exit code. */
function main(argv) {
  const [first, ...rest] = argv;
  if (first === undefined) return usageError("no verb given");
  if (first === "--help" || first === "-h" || first === "help") {
    process.stdout.write(help());
    return 0;
  }
  if (first.startsWith("-")) return usageError(`unknown option ${first}; allowed before the verb: --help`);
  if (!Object.prototype.hasOwnProperty.call(VERBS, first)) {
    return usageError(`unknown verb "${first}"; allowed: ${Object.keys(VERBS).join(", ")}`);
  }
  if (rest.length === 1 && (rest[0] === "--help" || rest[0] === "-h")) {
    process.stdout.write(verbHelp(first));
    return 0;
  }
  const script = VERBS[first].run[1];
  if (!fs.existsSync(path.join(ROOT, script))) {
    process.stderr.write(`${NAME}: ${script} is missing from this checkout\n`);
    return 1;
  }
  const [program, args] = command(first, rest);
  const r = spawnSync(program, args, { stdio: "inherit" });
  if (r.error) {
    process.stderr.write(`${NAME}: could not run ${program}: ${r.error.message}\n`);
    return 1;
  }
  return r.status ?? 1;
}

module.exports = { VERBS, main };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
