/**
 * e2e holds a stack to the promise synthesis wrote beside it, before applying anything:
 * the synthesized seed hub keeps it, and the same hub with one VPC route removed by hand
 * (the us-vpc route to cn-office-3's 10.20.10.0/24) is refused, naming the pairs it cuts.
 */
import { Testing } from "cdktf";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { brokenPromises, namedAsPromised } from "../../emulator/e2e/promise-check";
import { topologyIntent } from "../../lib/topology/intent";
import { MultinationalHubStack } from "../../stacks/multinational-hub";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";

type Stack = { resource: Record<string, Record<string, Record<string, unknown>>> };

function stackDir(edit: (s: Stack) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), "promise-check-"));
  const json = JSON.parse(Testing.synth(new MultinationalHubStack(Testing.app(), "hub", { topology: multinationalHub() }))) as Stack;
  edit(json);
  writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(json));
  writeFileSync(join(dir, "intent.json"), JSON.stringify(topologyIntent(multinationalHub()).document("hub")));
  return dir;
}

describe("e2e's promise check", () => {
  it("passes the synthesized seed hub", () => {
    const dir = stackDir();
    try {
      expect(brokenPromises(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails when a VPC route is removed by hand, naming the pairs it cuts", () => {
    const dir = stackDir((s) => {
      const routes = s.resource.alicloud_route_entry!;
      const [key] =
        Object.entries(routes).find(([, r]) => r.destination_cidrblock === "10.20.10.0/24" && String(r.route_table_id).includes("UsVpc")) ??
        [];
      expect(key).toBeDefined();
      delete routes[key!];
    });
    try {
      const broken = brokenPromises(dir);
      expect(broken).toContainEqual(expect.stringMatching(/^promised pair us-vpc->cn-office-3 unreachable: /));
      expect(broken).toContainEqual(expect.stringMatching(/^promised pair us-office-1->cn-office-3 unreachable: /));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("has nothing to check without intent.json", () => {
    const dir = mkdtempSync(join(tmpdir(), "promise-check-"));
    try {
      expect(brokenPromises(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("namedAsPromised", () => {
  const site = (name: string, cidrs: string[], publicIp?: string) => ({ name, cidrs, ...(publicIp ? { publicIp } : {}) });
  it("names each device of an office, and each line of a data center, after the promised network with its ranges", () => {
    const named = namedAsPromised(
      {
        offices: [site("us-office-1", ["10.10.10.0/24"], "203.0.113.11"), site("us-office-1-standby", ["10.10.10.0/24"], "203.0.113.21")],
        idcs: [site("dc", ["10.100.0.0/16"]), site("dc-line-2", ["10.100.0.0/16"])],
      },
      {
        networks: [
          { name: "us-office-1", cidrs: ["10.10.10.0/24"] },
          { name: "dc", cidrs: ["10.100.0.0/16"] },
        ],
      },
    );
    expect(named.offices.map((o) => [o.name, o.publicIp])).toEqual([
      ["us-office-1", "203.0.113.11"],
      ["us-office-1", "203.0.113.21"],
    ]);
    expect(named.idcs.map((d) => d.name)).toEqual(["dc", "dc"]);
  });
  it("keeps the stack's name where no promised network has exactly the site's ranges", () => {
    const named = namedAsPromised(
      { offices: [site("x", ["10.1.0.0/24", "10.2.0.0/24"])], idcs: [] },
      { networks: [{ name: "y", cidrs: ["10.1.0.0/24"] }] },
    );
    expect(named.offices[0]!.name).toBe("x");
  });
});
