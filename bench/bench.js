#!/usr/bin/env node
// Prints speed and memory figures (median of N runs, wall clock) side by side:
//  - synthesis of every stack: README command (bin/synth.js, warm), `node dist/main.js`,
//    `cdktf synth` with the default template's ts-node app, with tsx, and precompiled
//  - jest: transpile-only (the project's setting) vs ts-jest with type checking
//  - scale: the multinational hub with 10, 100 and 1,000 offices (synth time, peak RSS)
// Usage: node bench/bench.js [--runs N] [--quick]
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf("--runs") + 1]) || 3;
const QUICK = args.includes("--quick");
const env = { ...process.env, CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "1", CI: "1" };
// a CLI config path that does not exist makes terraform (which cdktf-cli calls) warn on every call
if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
fs.mkdirSync(path.join(ROOT, ".bench"), { recursive: true });
const cdktf = require.resolve("cdktf-cli/bundle/bin/cdktf", { paths: [ROOT] });
const bin = (n) => path.join(ROOT, "node_modules/.bin", n);

function time(cmd, argv, extraEnv = {}) {
  const out = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, argv, { cwd: ROOT, env: { ...env, ...extraEnv }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`${cmd} ${argv.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
    out.push(s);
  }
  out.sort((a, b) => a - b);
  return out[Math.floor(out.length / 2)];
}

function row(label, s, base) {
  console.log(`${label.padEnd(58)} ${s.toFixed(2).padStart(7)} s${base ? `  ${(s / base).toFixed(2)}x` : ""}`);
}

console.log(
  `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; median of ${RUNS} runs\n`,
);
console.log("Synthesis of every stack");
spawnSync(process.execPath, ["bin/synth.js"], { cwd: ROOT, env, stdio: "ignore" }); // warm build
const base = time(process.execPath, ["dist/main.js"]);
row("node dist/main.js (precompiled app, baseline)", base);
row("node bin/synth.js (README main command, warm)", time(process.execPath, ["bin/synth.js"]), base);
row("npm run synth (same, through npm)", time("npm", ["run", "--silent", "synth"]), base);
if (!QUICK) {
  row(
    "cdktf synth, app = precompiled (node bin/synth.js)",
    time(process.execPath, [cdktf, "synth", "--app", "node bin/synth.js", "--output", ".bench/out-pre"]),
    base,
  );
  row(
    "cdktf synth, app = tsx main.ts",
    time(process.execPath, [cdktf, "synth", "--app", `${bin("tsx")} main.ts`, "--output", ".bench/out-tsx"]),
    base,
  );
  row(
    "cdktf synth, app = ts-node main.ts (default template)",
    time(process.execPath, [cdktf, "synth", "--app", `${bin("ts-node")} main.ts`, "--output", ".bench/out-tsnode"]),
    base,
  );
}

console.log("\nTests (npm test = jest, ts-jest transpile-only)");
const jestArgs = [bin("jest"), "--ci", "--silent"];
row("jest, transpile only (project setting)", time(process.execPath, jestArgs));
if (!QUICK) {
  const cfg = path.join(ROOT, ".bench", "jest.typecheck.config.js");
  fs.mkdirSync(path.dirname(cfg), { recursive: true });
  fs.writeFileSync(
    cfg,
    `const b = require("../jest.config.js");
module.exports = { ...b, rootDir: "..", transform: { "^.+\\\\.ts$": ["ts-jest", { isolatedModules: false }] } };\n`,
  );
  row("jest, ts-jest with type checking", time(process.execPath, [...jestArgs, "--config", cfg]));
  row(
    "tsc --noEmit (the separate type-check step)",
    time(process.execPath, [require.resolve("typescript/bin/tsc", { paths: [ROOT] }), "-p", "tsconfig.json", "--noEmit"]),
  );
}

console.log("\nScale: multinational hub with N offices (one stack, synth to a temp dir)");
for (const n of QUICK ? [10, 100] : [10, 100, 1000]) {
  const r = spawnSync(process.execPath, ["bench/bench-scale.js", String(n)], { cwd: ROOT, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  console.log(`  ${r.stdout.trim()}`);
}
fs.rmSync(path.join(ROOT, ".bench"), { recursive: true, force: true });
