/**
 * The PR workflow's netdiff gate, run for real: the "Fail on blocking findings" step's
 * script under bash for each exit code and label state; and the marker and label the
 * workflows use are the ones netdiff renders and docs/netdiff.md documents.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { NETDIFF_MARKER, OVERRIDE_LABEL } from "../../lib/analysis/netdiff";
import { Topology } from "../../lib/topology";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { tree } from "./trees";

const ROOT = path.resolve(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const load = (f: string): any => parse(fs.readFileSync(path.join(ROOT, ".github/workflows", f), "utf8"));
const netdiffYml = load("netdiff.yml");
const steps: { name?: string; run?: string; with?: { script?: string } }[] = netdiffYml.jobs.netdiff.steps;
const gate = steps.find((s) => s.name === "Fail on blocking findings without the override label")!;

function runGate(exitcode: string, overridden: boolean): { status: number | null; out: string } {
  const r = spawnSync("bash", ["-e", "-c", gate.run!], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      NETDIFF_EXITCODE: exitcode,
      OVERRIDDEN: String(overridden),
      OVERRIDE_LABEL: netdiffYml.env.OVERRIDE_LABEL,
    },
  });
  return { status: r.status, out: r.stdout };
}

describe("netdiff workflow gate", () => {
  it("passes when nothing blocks", () => {
    expect(runGate("0", false)).toEqual({ status: 0, out: "netdiff: nothing blocking\n" });
  });

  it("fails on blocking findings without the label, naming the label", () => {
    const r = runGate("2", false);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`a maintainer adds the label ${OVERRIDE_LABEL}.`);
  });

  it("passes blocking findings with the override label, with a warning", () => {
    expect(runGate("2", true)).toEqual({
      status: 0,
      out: `::warning::netdiff has blocking findings, overridden by the label ${OVERRIDE_LABEL}\n`,
    });
  });

  it("fails when netdiff did not run or had bad input", () => {
    expect(runGate("1", true).status).toBe(1);
    expect(runGate("", false).status).toBe(1);
  });

  it("uses netdiff's label and marker, re-runs on label changes, and reserves the comment before the plans", () => {
    expect(netdiffYml.env.OVERRIDE_LABEL).toBe(OVERRIDE_LABEL);
    expect(netdiffYml.on.pull_request.types).toEqual(expect.arrayContaining(["labeled", "unlabeled", "synchronize"]));
    expect(steps.find((s) => s.name === "Comment the netdiff on the PR")!.with!.script).toContain(`const marker = "${NETDIFF_MARKER}";`);
    const pr = load("pull-request.yml");
    expect(pr.jobs.diff.needs).toBe("netdiff-comment");
    expect(pr.jobs["netdiff-comment"].steps[0].with.script).toContain(`const marker = "${NETDIFF_MARKER}";`);
    expect(fs.readFileSync(path.join(ROOT, "docs/netdiff.md"), "utf8")).toContain(`\`${OVERRIDE_LABEL}\``);
  });
});

interface Comment {
  id: number;
  body: string;
  user: { type: string };
}

/** A fake of the bits of Octokit the comment scripts use, over an in-memory comment list. */
function fakeGithub(comments: Comment[]) {
  let next = 100;
  const calls: string[] = [];
  const rest = {
    issues: {
      listComments: "listComments",
      createComment: async ({ body }: { body: string }) => {
        comments.push({ id: next++, body, user: { type: "Bot" } });
        calls.push("create");
        return { data: comments[comments.length - 1] };
      },
      updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
        comments.find((c) => c.id === comment_id)!.body = body;
        calls.push(`update ${comment_id}`);
      },
      deleteComment: async ({ comment_id }: { comment_id: number }) => {
        comments.splice(
          comments.findIndex((c) => c.id === comment_id),
          1,
        );
        calls.push(`delete ${comment_id}`);
      },
    },
  };
  return { github: { rest, paginate: async () => comments.map((c) => ({ ...c, html_url: `#${c.id}` })) }, calls };
}

const context = {
  repo: { owner: "o", repo: "r" },
  runId: 7,
  serverUrl: "https://github.example",
  payload: { pull_request: { number: 5, head: { sha: "0123456789abcdef" } } },
};
const core = { info: () => undefined };
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;

async function runScript(
  script: string,
  comments: Comment[],
  report = `${NETDIFF_MARKER}\n## Network changes (netdiff)\n\nreport\n`,
): Promise<string[]> {
  const { github, calls } = fakeGithub(comments);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the workflow script's own require, faked for fs only
  const fakeRequire = (m: string) => (m === "fs" ? { readFileSync: () => report } : require(m));
  await new AsyncFunction("github", "context", "core", "require", script)(github, context, core, fakeRequire);
  return calls;
}

describe("netdiff comment scripts", () => {
  const post = steps.find((s) => s.name === "Comment the netdiff on the PR")!.with!.script!;
  const reserve = load("pull-request.yml").jobs["netdiff-comment"].steps[0].with.script as string;
  const plan = (id: number): Comment => ({ id, body: "<!-- cdktf-diff:shared-nat-dev -->\nplan", user: { type: "Bot" } });

  it("reserves one placeholder before the plans, and only once", async () => {
    const comments: Comment[] = [];
    expect(await runScript(reserve, comments)).toEqual(["create"]);
    expect(await runScript(reserve, comments)).toEqual([]);
    expect(comments.map((c) => c.body.split("\n")[0])).toEqual([NETDIFF_MARKER]);
  });

  it("fills the reserved comment in place, above the plan comments", async () => {
    // GIVEN the placeholder (id 1) and a plan comment after it
    const comments: Comment[] = [{ id: 1, body: `${NETDIFF_MARKER}\npending`, user: { type: "Bot" } }, plan(2)];
    // WHEN
    const calls = await runScript(post, comments);
    // THEN the same comment now holds the report, with the commit and run
    expect(calls).toEqual(["update 1"]);
    expect(comments.map((c) => c.id)).toEqual([1, 2]);
    expect(comments[0]!.body).toMatch(
      /^<!-- netdiff -->\n## Network changes \(netdiff\)\n\nreport\n\n_commit 0123456 · \[run\]\(https:\/\/github\.example\/o\/r\/actions\/runs\/7\)_\n$/,
    );
  });

  it("creates the comment when none exists, keeps the oldest after a race, and ignores people's comments", async () => {
    expect(await runScript(post, [])).toEqual(["create", "update 100"]);
    const raced: Comment[] = [
      { id: 3, body: `${NETDIFF_MARKER}\nold`, user: { type: "Bot" } },
      { id: 4, body: `${NETDIFF_MARKER}\nnew`, user: { type: "Bot" } },
      { id: 5, body: `${NETDIFF_MARKER} quoted by a person`, user: { type: "User" } },
    ];
    expect(await runScript(post, raced)).toEqual(["update 3", "delete 4"]);
    expect(raced.map((c) => c.id)).toEqual([3, 5]);
  });
});

describe("netdiff workflow: the staged migration in the comment", () => {
  const step = steps.find((s) => s.name === "netdiff")!;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "netdiff-step-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A cdktf.out-shaped directory of one topology. */
  function outDir(dir: string, t: Topology): void {
    for (const [stack, json] of tree(t)) {
      fs.mkdirSync(path.join(dir, "stacks", stack), { recursive: true });
      fs.writeFileSync(path.join(dir, "stacks", stack, "cdk.tf.json"), JSON.stringify(json, null, 2));
    }
  }

  /** Runs the step in a scratch checkout whose `npm run netdiff` prints `report`. */
  function runStep(name: string, report: string): string {
    const work = path.join(tmp, name, "work");
    const fake = path.join(tmp, name, "fake");
    const runnerTemp = path.join(tmp, name, "runner");
    fs.mkdirSync(fake, { recursive: true });
    fs.mkdirSync(work, { recursive: true });
    fs.symlinkSync(path.join(ROOT, "bin"), path.join(work, "bin"));
    outDir(path.join(runnerTemp, "base", "cdktf.out"), multinationalHub("router-interface"));
    outDir(path.join(work, "cdktf.out"), multinationalHub("transit-router"));
    fs.writeFileSync(path.join(fake, "npm"), `#!/bin/sh\ncat <<'EOF'\n${report}\nEOF\n`, { mode: 0o755 });
    const r = spawnSync("bash", ["-e", "-c", step.run!], {
      cwd: work,
      encoding: "utf8",
      env: {
        PATH: `${fake}:${process.env.PATH}`,
        RUNNER_TEMP: runnerTemp,
        GITHUB_STEP_SUMMARY: path.join(tmp, name, "summary"),
        GITHUB_OUTPUT: path.join(tmp, name, "output"),
      },
    });
    expect(r.status).toBe(0);
    return fs.readFileSync(path.join(work, "netdiff.md"), "utf8");
  }

  it("appends the stage list when netdiff points at hybridnet migrate (replaced routes)", () => {
    const md = runStep("pointer", "- plan and prove the stages: `npx hybridnet migrate <base> <head> --out <dir>`");
    expect(md).toContain("### Staged migration");
    expect(md).toMatch(/^stage-1: multinational-hub-dev: new path up: /m);
    expect(md).toContain("4 stages, 0 pairs lost at any stage");
  });

  it("adds nothing when netdiff reports no replaced route", () => {
    expect(runStep("quiet", "Reachability: 0 ordered pairs gained, 0 lost.")).toBe("Reachability: 0 ordered pairs gained, 0 lost.\n");
  });
});
