/**
 * `npm run netdiff -- <base> <head>` as a process: Markdown on stdout, exit 0 when
 * nothing blocks, 2 when something does, 1 on bad input with the argument, its value and
 * what is allowed on stderr (and nothing on stdout).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { command } from "../commands";
import { sharedNat } from "../fixtures/seeds/shared-nat";
import { Topology } from "../../lib/topology";
import { linkOf, mutate } from "../topology/draft";
import { tree } from "./trees";

const ROOT = path.resolve(__dirname, "../..");

function writeTree(dir: string, t: Topology): string {
  for (const [name, json] of tree(t)) {
    fs.mkdirSync(path.join(dir, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
  }
  return dir;
}

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(...command("bin/netdiff.ts", ...args), { encoding: "utf8", cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run netdiff", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "netdiff-"));
  const base = writeTree(path.join(tmp, "base"), sharedNat());
  const head = writeTree(
    path.join(tmp, "head"),
    mutate(sharedNat(), (d) => {
      d.vpcs.push({
        name: "spoke-2",
        account: "main",
        region: "cn-hangzhou",
        cidr: "172.20.0.0/16",
        vswitches: [{ name: "spoke-2-app", zone: "cn-hangzhou-h", cidr: "172.20.0.0/24" }],
      });
      d.links.push({ kind: "peering", name: "hub-spoke-2", requester: "hub-vpc", acceptor: "spoke-2" });
      linkOf(d, "egress", "shared-nat").spokes.push("spoke-2");
    }),
  );
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("exits 0 and prints the report when nothing blocks", () => {
    const r = run(base, base);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual(["<!-- netdiff -->", "## Network changes (netdiff)"]);
    expect(r.stdout).toContain("Unchanged: `shared-nat-dev`.");
  });

  it("exits 2 on a new internet path, naming it on stderr", () => {
    const r = run(base, head);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("- **new internet path**: `spoke-2` → `internet`");
    expect(r.stderr).toBe("netdiff: blocking: shared-nat-dev: new internet path spoke-2 → internet\n");
  });

  it("fails when a directory is missing, naming the argument and the value, printing nothing", () => {
    const missing = path.join(tmp, "nope");
    const r = run(base, missing);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      `netdiff: head = "${missing}": not a directory and not a revision git knows; allowed: a cdktf.out directory, or a branch, tag or commit`,
    );
  });

  it("fails when a stack is not JSON, naming the stack and the file", () => {
    const bad = path.join(tmp, "bad");
    fs.mkdirSync(path.join(bad, "stacks", "x"), { recursive: true });
    fs.writeFileSync(path.join(bad, "stacks", "x", "cdk.tf.json"), "{ not json");
    const r = run(bad, head);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`netdiff: base stack x = "${path.join(bad, "stacks", "x", "cdk.tf.json")}": is not valid JSON`);
  });

  it("fails with usage on a wrong number of arguments", () => {
    const r = run(base);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "netdiff: expected 2 arguments, got 1\nusage: npm run netdiff -- <base> <head>   (each a cdktf.out directory or a git revision, e.g. main HEAD)\n",
    );
  });
});

describe("npm run netdiff -- <revision> <revision>", () => {
  // A small repository whose synth.js writes net.json as its one stack: the revisions
  // are synthesized by its own bin/synth.js in worktrees, as in a clone of this project.
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "netdiff-repo-"));
  const sh = (...args: string[]) => {
    const r = spawnSync("git", ["-C", repo, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`test setup: git ${args.join(" ")}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const commit = (files: Record<string, string>, message: string) => {
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
      fs.writeFileSync(path.join(repo, f), text);
    }
    sh("add", "-A");
    sh("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message);
  };
  const synth = [
    'const fs = require("fs");',
    'fs.mkdirSync("cdktf.out/stacks/s", { recursive: true });',
    'fs.copyFileSync("net.json", "cdktf.out/stacks/s/cdk.tf.json");',
  ].join("\n");
  const group = { alicloud_security_group: { g: { security_group_name: "web" } } };
  const publicRule = {
    security_group_id: "${alicloud_security_group.g.id}",
    type: "ingress",
    ip_protocol: "tcp",
    port_range: "443/443",
    cidr_ip: "0.0.0.0/0",
    description: "from the world",
  };
  const runIn = (...args: string[]) => {
    const r = spawnSync(...command("bin/netdiff.ts", ...args), { encoding: "utf8", cwd: repo });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(() => {
    sh("init", "-q", "-b", "main");
    commit({ "bin/synth.js": synth, "net.json": JSON.stringify({ resource: group }) }, "base");
    sh("tag", "v1");
    commit({ "net.json": JSON.stringify({ resource: { ...group, alicloud_security_group_rule: { r: publicRule } } }) }, "head");
    sh("tag", "v2");
    commit({ "bin/synth.js": 'console.error("synth: config/x.json is broken"); process.exit(3);' }, "broken");
  });
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  it("synthesizes both revisions in temporary worktrees, diffs them and removes the worktrees", () => {
    // WHEN
    const r = runIn("v1", "v2");
    // THEN the public rule blocks, and no worktree is left behind
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("| web | added **(internet)** | 0.0.0.0/0 (from the world) | ingress tcp 443/443 |");
    expect(r.stderr).toMatch(/^netdiff: synthesizing base = v1 \([0-9a-f]{12}\) in a temporary git worktree\n/);
    expect(r.stderr).toContain("netdiff: blocking: s: security group web admits 0.0.0.0/0 (from the world) from the internet\n");
    expect(sh("worktree", "list").split("\n")).toHaveLength(1);
  });

  it("fails when a revision does not synthesize, quoting its output and printing nothing", () => {
    // WHEN (HEAD's synth.js exits 3)
    const r = runIn("v1", "HEAD");
    // THEN
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('netdiff: head = "');
    expect(r.stderr).toContain("synthesis failed (exit 3); its last output:\n");
    expect(r.stderr).toContain("synth: config/x.json is broken");
    expect(sh("worktree", "list").split("\n")).toHaveLength(1);
  });

  it("fails when git knows no such revision, naming it", () => {
    const r = runIn("v1", "no-such-branch");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      'netdiff: head = "no-such-branch": not a directory and not a revision git knows; allowed: a cdktf.out directory, or a branch, tag or commit',
    );
  });
});
