/**
 * `npm run netdiff -- <base> <head>` as a process: Markdown on stdout, exit 0 when
 * nothing blocks, 2 when something does, 1 on bad input with the argument, its value and
 * what is allowed on stderr (and nothing on stdout).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sharedNat } from "../fixtures/seeds/shared-nat";
import { Topology } from "../../lib/topology";
import { linkOf, mutate } from "../topology/draft";
import { tree } from "./trees";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

function writeTree(dir: string, t: Topology): string {
  for (const [name, json] of tree(t)) {
    fs.mkdirSync(path.join(dir, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
  }
  return dir;
}

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [path.join(ROOT, "bin/netdiff.ts"), ...args], { encoding: "utf8", cwd: ROOT });
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
    expect(r.stderr).toContain(`netdiff: head = "${missing}": not a directory; allowed: a cdktf.out directory`);
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
    expect(r.stderr).toBe("netdiff: expected 2 arguments, got 1\nusage: npm run netdiff -- <base cdktf.out> <head cdktf.out>\n");
  });
});
