/**
 * `npx hybridnet resilience` (bin/resilience.ts) as a process: the table of a synthesized
 * tree with its last line, exit 0 when it reports single points of failure, exit 1 naming
 * the argument on unreadable input.
 */
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { multinationalHub } from "../fixtures/seeds";
import { tree } from "../netdiff/trees";
import { command } from "../commands";

function resilience(...args: string[]) {
  const [program, argv] = command("bin/resilience.ts", ...args);
  const r = spawnSync(program, argv, { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function outDir(stacks: Map<string, unknown>, intent?: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "resilience-")), "cdktf.out");
  for (const [name, json] of stacks) {
    mkdirSync(join(dir, "stacks", name), { recursive: true });
    writeFileSync(join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
    if (intent !== undefined) writeFileSync(join(dir, "stacks", name, "intent.json"), intent);
  }
  return dir;
}

describe("resilience command", () => {
  it("prints one row per element and the count of single points of failure, and exits 0", () => {
    const r = resilience(outDir(tree(multinationalHub())));
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("## multinational-hub-dev (no intent.json: every pair delivered with nothing down)");
    expect(lines[1]).toMatch(/^element +\| pairs cut \| sites cut off$/);
    expect(lines).toContain(`${"vpn-gateway:us-vpc".padEnd(29)} | 18        | us-office-1, us-office-2`);
    // each tunnel of a dual-tunnel connection is an element, and alone cuts nothing
    expect(lines).toContain("vpn-tunnel:us-office-1/master | 0         | -");
    expect(lines.at(-1)).toBe("15 elements, 7 single points of failure");
  });

  it("fails when the directory is no cdktf.out, naming it, and prints nothing", () => {
    const r = resilience("/nonexistent/cdktf.out");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^resilience: cdktf\.out = "\/nonexistent\/cdktf\.out": not a directory/);
  });

  it("fails when a stack's intent.json is not JSON, naming the file, and prints nothing", () => {
    const r = resilience("--out", outDir(tree(multinationalHub()), "{ not json"));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/intent\.json is not JSON/);
  });

  it("fails when an argument is not understood, naming what is allowed", () => {
    const r = resilience("--bogus");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/argument "--bogus" is not understood; allowed: one cdktf.out directory, --out DIR, --pairs/);
  });
});
