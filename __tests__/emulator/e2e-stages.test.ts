/**
 * `npm run e2e -- --stages <dir>`: the option, and the jobs read from a directory that
 * `hybridnet migrate --out` wrote (one per stack, its later stages in order), with the
 * refusals for a directory that is not one.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../emulator/e2e/options";
import { stageJobs } from "../../emulator/e2e/stages";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-stages-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A stage directory with `stages` stage names and the given stacks in each. */
function stagesDir(name: string, stages: string[], stacks: Record<string, string[]>): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "stages.json"), JSON.stringify({ base: "b", head: "h", stages: stages.map((n) => ({ name: n })) }));
  for (const [stage, names] of Object.entries(stacks))
    for (const s of names) {
      fs.mkdirSync(path.join(dir, stage, "stacks", s), { recursive: true });
      fs.writeFileSync(path.join(dir, stage, "stacks", s, "cdk.tf.json"), "{}");
    }
  return dir;
}

describe("e2e --stages", () => {
  it("takes a directory, and fails when a cdktf.out directory is given too", () => {
    expect(parseArgs(["--stages", "/x"]).stages).toBe("/x");
    expect(() => parseArgs(["cdktf.out", "--stages", "/x"])).toThrow(/--stages and a cdktf.out directory each name the stacks: give one/);
  });

  it("makes one job per stack: stage 1 applied first, then each later stage in order", () => {
    const dir = stagesDir("ok", ["stage-1", "stage-2", "stage-3"], { "stage-1": ["a", "b"], "stage-2": ["a", "b"], "stage-3": ["a", "b"] });
    const jobs = stageJobs(dir, (src) => `t-${path.basename(src)}`);
    expect(jobs.map((j) => [path.relative(dir, j.src), j.tag, j.stages!.map((s) => path.relative(dir, s))])).toEqual([
      ["stage-1/stacks/a", "t-a", ["stage-2/stacks/a", "stage-3/stacks/a"]],
      ["stage-1/stacks/b", "t-b", ["stage-2/stacks/b", "stage-3/stacks/b"]],
    ]);
  });

  it("fails when stages.json is missing, naming the directory", () => {
    expect(() => stageJobs(tmp, () => "t")).toThrow(
      `--stages "${tmp}": has no stages.json; allowed: a directory hybridnet migrate --out wrote`,
    );
  });

  it("fails when a stage lacks a stack of stage 1", () => {
    const dir = stagesDir("gap", ["stage-1", "stage-2"], { "stage-1": ["a"], "stage-2": [] });
    expect(() => stageJobs(dir, () => "t")).toThrow("stage-2/stacks/a/cdk.tf.json is missing; every stage holds every stack");
  });
});
