/**
 * Synthesis holds every stack to its topology's promise: a test reaches in between
 * cdktf's synth and the check, breaks the synthesized JSON as a faulty construct would,
 * and expects the run to fail (exit 1, no output left) naming the pair and the hop.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { editStackAfterSynth } from "./edit-stack";
import { runApp, RunOptions } from "../../app";
import { topologyIntent } from "../../lib/topology/intent";
import { seedTopologies } from "../fixtures/seeds";

type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };

function run(opts: RunOptions): { code: number; message: string; outdir: string } {
  const outdir = join(mkdtempSync(join(tmpdir(), "intent-")), "cdktf.out");
  mkdirSync(join(outdir, "stacks", "earlier-run"), { recursive: true });
  const lines: string[] = [];
  const code = runApp({ ...opts, outdir, log: (m) => lines.push(m) });
  return { code, message: lines.join("\n"), outdir };
}

const breakStack = (stack: string, edit: (tf: Json) => void): void => editStackAfterSynth<Json>(stack, edit);

/** The resource key of the VPC named `name`. */
function vpcKey(tf: Json, name: string): string {
  const found = Object.entries(tf.resource.alicloud_vpc!).find(([, v]) => v.vpc_name === name);
  if (!found) throw new Error(`test setup: no VPC ${name}`);
  return found[0];
}

/** Removes the route entry for `dest` from VPC `vpc`'s table; fails the test if there is none. */
function removeRoute(tf: Json, vpc: string, dest: string): void {
  const table = `\${alicloud_vpc.${vpcKey(tf, vpc)}.route_table_id}`;
  const entries = tf.resource.alicloud_route_entry!;
  const key = Object.keys(entries).find((k) => entries[k]!.route_table_id === table && entries[k]!.destination_cidrblock === dest);
  if (!key) throw new Error(`test setup: no route to ${dest} in ${vpc}`);
  delete entries[key];
}

afterEach(() => jest.restoreAllMocks());

describe("synthesis checks the promise", () => {
  it("writes the promise beside each stack's JSON", () => {
    const r = run({ only: ["multinational-hub", "shared-nat"], topologies: seedTopologies() });
    expect(r.code).toBe(0);
    for (const [stack, t] of [
      ["multinational-hub-dev", seedTopologies()["multinational-hub"]],
      ["shared-nat-dev", seedTopologies()["shared-nat"]],
    ] as const) {
      const written = JSON.parse(readFileSync(join(r.outdir, "stacks", stack, "intent.json"), "utf8")) as unknown;
      expect(written).toEqual(topologyIntent(t).document(stack));
    }
  });

  it("fails when a route entry of the hub is removed by hand, naming each broken pair and the hop where it stops", () => {
    // GIVEN the hub, WHEN us-vpc loses its route to cn-office-3 (10.20.10.0/24)
    breakStack("multinational-hub-dev", (tf) => removeRoute(tf, "us-vpc", "10.20.10.0/24"));
    const r = run({ only: ["multinational-hub"], topologies: seedTopologies() });
    // THEN synthesis refuses, lists every pair that enters us-vpc towards cn-office-3, and leaves nothing
    expect(r.code).toBe(1);
    expect(existsSync(r.outdir)).toBe(false);
    const lines = r.message.split("\n");
    expect(lines[0]).toBe(
      'the synthesized stack breaks its promise: stack multinational-hub-dev of topology "multinational-hub" (3 problems):',
    );
    for (const from of ["us-office-1", "us-office-2", "us-vpc"]) {
      expect(r.message).toMatch(
        new RegExp(
          `^  - multinational-hub\\.links = "${from} -> cn-office-3": ${from} -> cn-office-3 must reach .* but is blackholed at vpc:us-vpc \\(no route to 10\\.20\\.10\\.0 at vpc:us-vpc\\)`,
          "m",
        ),
      );
    }
    expect(r.message).not.toMatch(/cn-office-4"/);
  });

  it("fails with a header that blames the template, not the input (the topology itself is valid)", () => {
    breakStack("multinational-hub-dev", (tf) => removeRoute(tf, "us-vpc", "10.20.10.0/24"));
    const r = run({ only: ["multinational-hub"], topologies: seedTopologies() });
    expect(r.code).toBe(1);
    expect(r.message).not.toMatch(/is invalid/);
    const lines = r.message.split("\n");
    expect(lines.filter((l) => l.startsWith("  - "))).toHaveLength(3);
    // one closing line, after the problems, says whose fault it is
    expect(lines.at(-1)).toBe(
      "The topology is valid: this is a defect in the template (its route plan or constructs), not in your input. " +
        "Please report it with the topology file.",
    );
  });

  it("fails when a stack delivers a pair the topology forbids, naming the path", () => {
    // GIVEN one IDC whose VBR does not allow VPC transit, WHEN bj-vpc gets a route to sz-vpc through the VBR
    breakStack("idc-leased-line-dev", (tf) => {
      const towardsIdc = Object.values(tf.resource.alicloud_route_entry!).find(
        (e) =>
          e.route_table_id === `\${alicloud_vpc.${vpcKey(tf, "bj-vpc")}.route_table_id}` && e.destination_cidrblock === "10.100.0.0/16",
      );
      if (!towardsIdc) throw new Error("test setup: bj-vpc has no route to the IDC");
      tf.resource.alicloud_route_entry!.planted = { ...towardsIdc, destination_cidrblock: "172.18.0.0/16" };
    });
    const r = run({ only: ["idc-leased-line"], topologies: seedTopologies() });
    // THEN synthesis refuses: the two VPCs must not talk through the VBR
    expect(r.code).toBe(1);
    expect(existsSync(r.outdir)).toBe(false);
    expect(r.message).toMatch(
      /"bj-vpc -> sz-vpc": bj-vpc -> sz-vpc must not reach \(no chain of declared links joins bj-vpc to sz-vpc\), but is delivered via vpc:bj-vpc > vbr:beijing-idc > vpc:sz-vpc/,
    );
  });

  it("fails for a topology file too, and under the cdktf CLI", () => {
    // GIVEN a user's topology file (TOPOLOGY_FILE) replacing the hub, WHEN one route is removed
    breakStack("multinational-hub-dev", (tf) => removeRoute(tf, "us-vpc", "172.18.0.0/16"));
    const file = resolve(__dirname, "../../examples/three-region-hub.json");
    const name = (JSON.parse(readFileSync(file, "utf8")) as { name: string }).name;
    expect(name).toBe("multinational-hub");
    for (const underCli of [false, true]) {
      const r = run({ settings: { topologyFile: file }, only: ["multinational-hub"], underCli });
      expect([underCli, r.code, existsSync(r.outdir)]).toEqual([underCli, 1, false]);
      expect(r.message).toMatch(
        /^the synthesized stack breaks its promise: stack multinational-hub-dev of topology "multinational-hub" \(\d+ problems?\):$/m,
      );
      expect(r.message).toMatch(/-> [a-z0-9-]+": [a-z0-9-]+ -> [a-z0-9-]+ must reach/);
    }
  });

  it("checks nothing when asked not to (benchmarks only), so the failures above come from the check", () => {
    breakStack("multinational-hub-dev", (tf) => removeRoute(tf, "us-vpc", "10.20.10.0/24"));
    const r = run({ only: ["multinational-hub"], topologies: seedTopologies(), checkIntent: false });
    expect(r.code).toBe(0);
    expect(existsSync(join(r.outdir, "stacks", "multinational-hub-dev", "intent.json"))).toBe(false);
  });
});
