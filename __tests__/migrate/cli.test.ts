/**
 * `hybridnet migrate` as a process: the stage directories and stages.json it writes, the
 * lines it prints, and its refusals (exit 2, nothing written) and bad input (exit 1).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { command } from "../commands";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { Topology } from "../../lib/topology";
import { tree } from "../netdiff/trees";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "migrate-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A cdktf.out-shaped directory of one topology. */
function outDir(name: string, t: Topology): string {
  const dir = path.join(tmp, name);
  for (const [stack, json] of tree(t)) {
    fs.mkdirSync(path.join(dir, "stacks", stack), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", stack, "cdk.tf.json"), JSON.stringify(json, null, 2));
  }
  return dir;
}

function migrate(...args: string[]) {
  const [program, argv] = command("bin/migrate.ts", ...args);
  return spawnSync(program, argv, { encoding: "utf8" });
}

describe("hybridnet migrate (process)", () => {
  const base = outDir("base", multinationalHub("router-interface"));
  const head = outDir("head", multinationalHub("transit-router"));

  it("writes stage-1 … stage-4 and stages.json, one line per stage, and the claim", () => {
    const out = path.join(tmp, "stages");
    const r = migrate(base, head, "--out", out);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^stage-1: multinational-hub-dev: new path up: \d+ resources created, no route moved \[/);
    expect(r.stdout).toContain("\n4 stages, 0 pairs lost at any stage\n");
    const index = JSON.parse(fs.readFileSync(path.join(out, "stages.json"), "utf8")) as { stages: { name: string; creates: string[] }[] };
    expect(index.stages.map((s) => s.name)).toEqual(["stage-1", "stage-2", "stage-3", "stage-4"]);
    expect(index.stages[0]!.creates.filter((a) => a.startsWith("alicloud_cen_instance."))).toHaveLength(1);
    expect(index.stages[0]!.creates.filter((a) => a.startsWith("alicloud_route_entry."))).toEqual([]);
    const last = fs.readFileSync(path.join(out, "stage-4", "stacks", "multinational-hub-dev", "cdk.tf.json"), "utf8");
    expect(last).toBe(fs.readFileSync(path.join(head, "stacks", "multinational-hub-dev", "cdk.tf.json"), "utf8"));
    expect(fs.existsSync(path.join(out, "stage-2", "manifest.json"))).toBe(true);
  });

  it("fails when the route quota leaves no room: exit 2, the table and quota named, nothing written", () => {
    const out = path.join(tmp, "refused");
    const r = migrate(base, head, "--out", out, "--route-quota", "5");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^migrate: no safe order: stage 2 .* route table .* quota is 5 .*; nothing written\n$/);
    expect(r.stdout).toBe("");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("fails when --out is missing or a directory is not a cdktf.out: exit 1, nothing written", () => {
    expect(migrate(base, head).stderr).toContain("migrate: --out <dir> is required");
    const r = migrate(base, path.join(tmp, "nowhere"), "--out", path.join(tmp, "x"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`head = "${path.join(tmp, "nowhere")}": not a directory`);
    expect(migrate(base, head, "--out", path.join(tmp, "y"), "--route-quota", "many").stderr).toContain(
      '--route-quota = "many": allowed: a positive integer',
    );
    expect(migrate(base, head, "--out", path.join(tmp, "y"), "--state-cap", "0").stderr).toContain(
      '--state-cap = "0": allowed: a positive integer',
    );
    expect(fs.existsSync(path.join(tmp, "x")) || fs.existsSync(path.join(tmp, "y"))).toBe(false);
  });

  it("fails when --out holds anything but an earlier migration's stages, and leaves it as it was", () => {
    const r = migrate(base, head, "--out", base);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--out = "${base}": exists and holds no stages.json; allowed: a new directory or one migrate wrote`);
    expect(fs.existsSync(path.join(base, "stacks", "multinational-hub-dev", "cdk.tf.json"))).toBe(true);
  });
});
