/**
 * The app as users run it: bad input exits non-zero, lists every problem, and leaves
 * no output directory behind; a topology file replaces its scenario.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { stringify } from "yaml";
import { command } from "./commands";
import { SCENARIOS } from "../config";
import { sharedNat } from "./fixtures/seeds/shared-nat";

const ROOT = resolve(__dirname, "..");

function runApp(env: Record<string, string>): { status: number | null; stderr: string; outdir: string } {
  const dir = mkdtempSync(join(tmpdir(), "app-"));
  const outdir = join(dir, "cdktf.out");
  mkdirSync(join(outdir, "stacks", "stale"), { recursive: true });
  writeFileSync(join(outdir, "stacks", "stale", "cdk.tf.json"), "{}"); // output of an earlier run
  const r = spawnSync(...command("main.ts"), {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
  });
  return { status: r.status, stderr: r.stderr, outdir };
}

describe("main.ts", () => {
  it("fails when the topology file is invalid: exit 1, every problem listed, no output left", () => {
    // GIVEN a YAML topology with two problems
    const t = structuredClone(sharedNat()) as ReturnType<typeof sharedNat> & { vpcs: { cidr: string }[] };
    t.vpcs[1]!.cidr = "192.168.0.0/17"; // overlaps the hub
    (t.links[1] as { eipBandwidth?: number }).eipBandwidth = 900;
    const file = join(mkdtempSync(join(tmpdir(), "topo-")), "shared-nat.yaml");
    writeFileSync(file, stringify(t));
    // WHEN
    const r = runApp({ TOPOLOGY_FILE: file });
    // THEN
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/topology "shared-nat" is invalid \(\d+ problems\)/);
    expect(r.stderr).toMatch(/shared-nat\.links\[1\]\.eipBandwidth = 900: is out of range; allowed: an integer 1–500 Mbit\/s/);
    expect(r.stderr).toMatch(/shared-nat\.vpcs\[1\]\.cidr = "192\.168\.0\.0\/17": overlaps shared-nat\.vpcs\[0\]\.cidr/);
    expect(existsSync(r.outdir)).toBe(false);
  });

  it("fails without a stack trace when names collide once derived, or the JSON is broken", () => {
    // GIVEN names that differ only by a dash (one construct ID), and a file with a missing comma
    const t = structuredClone(sharedNat()) as unknown as { vpcs: { name: string }[]; links: Record<string, unknown>[] };
    t.vpcs[1]!.name = "hub--vpc";
    t.links[0]!.acceptor = "hub--vpc";
    t.links[1]!.spokes = ["hub--vpc"];
    const dir = mkdtempSync(join(tmpdir(), "topo-"));
    const collide = join(dir, "collide.json");
    writeFileSync(collide, JSON.stringify(t));
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{\n  "name": "shared-nat"\n  "accounts": []\n}');
    for (const [file, expected] of [
      [collide, /shared-nat\.vpcs\[1\]\.name = "hub--vpc": derives the construct ID .* `HubVpc`, the same as shared-nat\.vpcs\[0\]\.name/],
      [broken, /is not valid JSON: expected ',' or a closing bracket at line 3, column 3/],
    ] as const) {
      // WHEN
      const r = runApp({ TOPOLOGY_FILE: file });
      // THEN
      expect([r.status, existsSync(r.outdir)]).toEqual([1, false]);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it("synthesizes every stack, with a JSON topology file replacing its scenario", () => {
    // GIVEN the shared-NAT scenario with a bigger EIP, as JSON
    const t = { ...sharedNat(), links: sharedNat().links.map((l) => (l.kind === "shared-nat" ? { ...l, eipBandwidth: 50 } : l)) };
    const file = join(mkdtempSync(join(tmpdir(), "topo-")), "shared-nat.json");
    writeFileSync(file, JSON.stringify(t));
    // WHEN
    const r = runApp({ TOPOLOGY_FILE: file, HYBRID_ENV: "prod" });
    // THEN
    expect(r.status).toBe(0);
    // one stack per scenario config/ builds, and the file's (which adds it when config/ has dropped it)
    expect(readdirSync(join(r.outdir, "stacks")).sort()).toEqual([...new Set([...SCENARIOS, "shared-nat"])].map((s) => `${s}-prod`).sort());
    const nat = JSON.parse(readFileSync(join(r.outdir, "stacks", "shared-nat-prod", "cdk.tf.json"), "utf8"));
    expect(
      Object.values(nat.resource.alicloud_eip_address as Record<string, { bandwidth: string; tags: Record<string, string> }>)[0],
    ).toMatchObject({ bandwidth: "50", tags: { Environment: "prod" } });
  });
});
