/**
 * The PR workflow's netdiff gate, run for real: the "Fail on blocking findings" step's
 * script under bash for each exit code and label state; and the marker and label the
 * workflows use are the ones netdiff renders and the README documents.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { NETDIFF_MARKER, OVERRIDE_LABEL } from "../../lib/topology/netdiff";

const ROOT = path.resolve(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const load = (f: string): any => parse(fs.readFileSync(path.join(ROOT, ".github/workflows", f), "utf8"));
const netdiffYml = load("netdiff.yml");
const steps: { name?: string; run?: string; with?: { script?: string } }[] = netdiffYml.jobs.netdiff.steps;
const gate = steps.find((s) => s.name === "Fail on blocking findings without the override label")!;

function runGate(exitcode: string, overridden: boolean): { status: number | null; out: string } {
  const r = spawnSync("bash", ["-e", "-c", gate.run!], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, NETDIFF_EXITCODE: exitcode, OVERRIDDEN: String(overridden), OVERRIDE_LABEL: netdiffYml.env.OVERRIDE_LABEL },
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
    expect(runGate("2", true)).toEqual({ status: 0, out: `::warning::netdiff has blocking findings, overridden by the label ${OVERRIDE_LABEL}\n` });
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
    expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain(`\`${OVERRIDE_LABEL}\``);
  });
});
