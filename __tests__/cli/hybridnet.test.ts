/**
 * The command line (bin/hybridnet.js): `--help` lists the verbs, bad usage exits 2 naming
 * what is allowed, and a verb runs its script with the caller's arguments and exit code.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseGenerateArgs } from "../../tools/generate-args";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "hybridnet.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS bin itself
const { VERBS } = require(BIN) as { VERBS: Record<string, { run: string[] }> };
const EXPECTED_VERBS = [
  "synth",
  "validate",
  "netdiff",
  "migrate",
  "resilience",
  "office-configs",
  "diff-offline",
  "e2e",
  "twin",
  "generate",
  "scan",
];

function hybridnet(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("hybridnet", () => {
  it("is the package's one bin, an executable node script", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ hybridnet: "bin/hybridnet.js" });
    expect(fs.readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(fs.statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it("lists every verb with --help, and exits 0", () => {
    const r = hybridnet("--help");
    expect(r.status).toBe(0);
    const listed = r.stdout
      .split("\n")
      .filter((l) => /^ {2}\S/.test(l))
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(listed).toEqual(EXPECTED_VERBS);
  });

  it("runs an existing script for every verb", () => {
    for (const [verb, d] of Object.entries(VERBS)) {
      expect({ verb, runner: d.run[0], exists: fs.existsSync(path.join(ROOT, d.run[1] as string)) }).toEqual({
        verb,
        runner: expect.stringMatching(/^(node|tsx|bash)$/),
        exists: true,
      });
    }
  });

  it("shows one verb's usage with <verb> --help, without running it", () => {
    const r = hybridnet("netdiff", "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: hybridnet netdiff <base> <head>/);
    expect(r.stdout).toContain("runs: tsx bin/netdiff.ts");
  });

  it("fails when the verb is unknown, with exit 2 and the allowed verbs", () => {
    const r = hybridnet("deploy");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`hybridnet: unknown verb "deploy"; allowed: ${EXPECTED_VERBS.join(", ")}`);
    expect(r.stdout).toBe("");
  });

  it("fails when no verb is given or an option comes before it, with exit 2", () => {
    expect(hybridnet()).toMatchObject({ status: 2, stderr: expect.stringContaining("hybridnet: no verb given") });
    expect(hybridnet("--verbose", "synth")).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("hybridnet: unknown option --verbose; allowed before the verb: --help"),
    });
  });

  it("passes the arguments to the verb's script and returns its exit code", () => {
    // diff-offline refuses a missing stack name with exit 1 and its usage
    const r = hybridnet("diff-offline");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("usage: bin/diff-offline.sh <stack>");
  });

  it("routes every npm script that runs the bin to a real verb", () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const viaBin = Object.values(scripts).filter((s) => s.startsWith("node bin/hybridnet.js "));
    expect(viaBin.length).toBeGreaterThan(0);
    for (const s of viaBin) expect(Object.keys(VERBS)).toContain(s.split(" ")[2]);
  });
});

describe("hybridnet generate arguments", () => {
  it("runs every generator by default, or the named ones once each", () => {
    expect(parseGenerateArgs([])).toEqual({
      names: ["diagrams", "facts", "infraguard", "topology-schema", "netdiff-sample", "migrate-guide"],
      check: false,
    });
    expect(parseGenerateArgs(["facts", "--check", "facts"])).toEqual({ names: ["facts"], check: true });
  });

  it("fails when an option is unknown, naming --check", () => {
    expect(() => parseGenerateArgs(["--write"])).toThrow("unknown option --write; allowed: --check");
  });
});
