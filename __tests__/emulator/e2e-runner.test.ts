import * as http from "http";
import { API_DEFECTS } from "../../emulator/e2e/defects";
import { PLANTED_DEFECTS } from "../../emulator/src/planted-defects";
import { describeUnaccounted, stateResources, unaccounted, type LiveResource } from "../../emulator/e2e/inventory";
import { defaultJobs, parseArgs } from "../../emulator/e2e/options";
import { dummyKeyId } from "../../emulator/e2e/override";
import { allPlants, defectPlant, fits } from "../../emulator/e2e/plant";
import { exitCode, planJobs, resourceCount } from "../../emulator/e2e/run";
import type { StackResult } from "../../emulator/e2e/stack-run";
import { runTagOf, SharedEmulator, StackEmulator } from "../../emulator/e2e/shared-emulator";
import type { MutableStackJson as StackJson } from "../../lib/tfjson";
import { Mutex, pool } from "../../emulator/e2e/terraform";
import { VPC } from "./helpers";

const vpc = (id: string, name: string, extra: Record<string, unknown> = {}): LiveResource => ({
  kind: "vpc",
  id,
  attrs: { VpcId: id, VpcName: name, CidrBlock: "10.0.0.0/16", RouteTableId: `vtb-${id}`, ...extra },
});

describe("inventory against Terraform's state", () => {
  const state = stateResources({
    values: {
      root_module: {
        resources: [
          { address: "alicloud_vpc.hub", mode: "managed", values: { id: "vpc-1", route_table_id: "vtb-vpc-1" } },
          { address: "data.alicloud_account.me", mode: "data", values: { id: "vpc-ghost" } },
        ],
        child_modules: [
          {
            resources: [
              { address: "module.m.alicloud_route_entry.r", mode: "managed", values: { id: "vtb-vpc-1:vrt-1:10.9.0.0/16:Instance:i-1" } },
            ],
          },
        ],
      },
    },
  });

  test("reads managed resources of every module and leaves data sources out", () => {
    expect(state.map((s) => s.address)).toEqual(["alicloud_vpc.hub", "module.m.alicloud_route_entry.r"]);
  });

  test("accounts for a resource by its ID, by a composite ID, by another's attribute, or as the API's own", () => {
    const live: LiveResource[] = [
      vpc("vpc-1", "hub"),
      { kind: "routeTable", id: "vtb-vpc-1", attrs: { VpcId: "vpc-1", RouteTableType: "System" } },
      {
        kind: "routeEntry",
        id: "rte-1",
        attrs: {
          RouteTableId: "vtb-vpc-1",
          DestinationCidrBlock: "10.9.0.0/16",
          NextHopType: "Instance",
          InstanceId: "i-1",
          Type: "Custom",
        },
      },
      { kind: "routeEntry", id: "rte-2", attrs: { RouteTableId: "vtb-vpc-1", DestinationCidrBlock: "10.0.1.0/24", Type: "System" } },
    ];
    expect(unaccounted(live, state)).toEqual([]);
  });

  test("fails when a create was carried out twice: the copy is named as the duplicate of the tracked resource", () => {
    const found = unaccounted([vpc("vpc-1", "hub"), vpc("vpc-2", "hub")], state);
    expect(found).toEqual([{ resource: vpc("vpc-2", "hub"), duplicateOf: "alicloud_vpc.hub (vpc-1)" }]);
    expect(describeUnaccounted(found)).toEqual(["DUPLICATE vpc vpc-2 (CidrBlock=10.0.0.0/16 VpcName=hub) of alicloud_vpc.hub (vpc-1)"]);
  });

  test("fails when a resource Terraform dropped from its state still exists: named as an orphan", () => {
    const gw: LiveResource = { kind: "vpnGateway", id: "vpn-7", attrs: { VpnGatewayId: "vpn-7", Name: "hub-gw", VpcId: "vpc-1" } };
    const found = unaccounted([vpc("vpc-1", "hub"), gw], state);
    expect(describeUnaccounted(found)).toEqual(["ORPHAN vpnGateway vpn-7 (Name=hub-gw): exists in the emulator, not in Terraform's state"]);
  });

  test("fails when a route entry repeats only part of a tracked composite ID", () => {
    const other: LiveResource = {
      kind: "routeEntry",
      id: "rte-9",
      attrs: { RouteTableId: "vtb-vpc-1", DestinationCidrBlock: "10.8.0.0/16", NextHopType: "Instance", InstanceId: "i-1", Type: "Custom" },
    };
    expect(unaccounted([other], state).map((u) => u.resource.id)).toEqual(["rte-9"]);
  });

  test("an empty or missing state accounts for nothing", () => {
    expect(stateResources({})).toEqual([]);
    expect(stateResources(undefined)).toEqual([]);
    expect(unaccounted([vpc("vpc-1", "hub")], []).map((u) => u.resource.id)).toEqual(["vpc-1"]);
  });
});

describe("e2e options for side by side, faults after the fact and plants", () => {
  test("reads --jobs, --faults and --seed", () => {
    const o = parseArgs(["--jobs", "3", "--faults", "commit-then-fail,busy-on-delete", "--seed", "42"]);
    expect(o).toMatchObject({ jobs: 3, faults: ["commit-then-fail", "busy-on-delete"], seed: 42 });
    expect(parseArgs(["--fault-seed", "9"]).seed).toBe(9);
    expect(parseArgs([]).jobs).toBe(defaultJobs());
  });

  test("runs two stacks per core by default (the stacks mostly wait on the provider's polls)", () => {
    expect([defaultJobs(1), defaultJobs(2), defaultJobs(8)]).toEqual([2, 4, 16]);
  });

  test("fails when a fault kind is unknown, naming it and the allowed kinds", () => {
    expect(() => parseArgs(["--faults", "commit-then-fail,flaky"])).toThrow(
      /--faults "flaky": allowed: commit-then-fail, busy-on-delete, slow-transition/,
    );
  });

  test("fails when --jobs is out of range or the seed is given twice", () => {
    expect(() => parseArgs(["--jobs", "0"])).toThrow(/--jobs = "0": allowed: a number from 1 to 64/);
    expect(() => parseArgs(["--seed", "1", "--fault-seed", "2"])).toThrow(/--seed and --fault-seed/);
  });

  test("fails when --plant names no plant, listing all and the plants", () => {
    expect(() => parseArgs(["--plant", "nope"])).toThrow(/--plant "nope": allowed: all, peering-without-acceptor-uid/);
    expect(parseArgs(["--plant", "all"]).plant).toBe("all");
  });
});

describe("jobs: which stacks run with which plant", () => {
  const stacks: Record<string, StackJson> = {
    "/o/stacks/shared-nat-dev": {
      resource: {
        alicloud_vpc: { hub: {}, spoke: {} },
        alicloud_vswitch: {
          a: { vpc_id: "${alicloud_vpc.hub.id}", cidr_block: "10.0.0.0/24" },
          b: { vpc_id: "${alicloud_vpc.hub.id}", cidr_block: "10.0.1.0/24" },
          c: { vpc_id: "${alicloud_vpc.spoke.id}", cidr_block: "10.1.0.0/24" },
        },
        alicloud_nat_gateway: { n: { vpc_id: "${alicloud_vpc.hub.id}", vswitch_id: "${alicloud_vswitch.a.id}" } },
      },
    },
    "/o/stacks/vpc-peering-same-account-dev": {
      resource: {
        alicloud_vswitch: { a: { vpc_id: "${alicloud_vpc.x.id}", cidr_block: "10.2.0.0/24" } },
        alicloud_vpc_peer_connection: { p: {} },
      },
    },
  };
  const read = (d: string) => structuredClone(stacks[d] as StackJson);
  const dirs = Object.keys(stacks);

  test("without a plant, every stack once, each with a tag of its own that does not depend on which other stacks run", () => {
    const jobs = planJobs(dirs, undefined, read);
    expect(jobs.map((j) => j.src)).toEqual(dirs);
    expect(jobs.map((j) => j.tag)).toEqual([expect.stringMatching(/^r[0-9a-f]{10}$/), expect.stringMatching(/^r[0-9a-f]{10}$/)]);
    expect(new Set(jobs.map((j) => j.tag)).size).toBe(2);
    expect(planJobs(dirs.slice(1), undefined, read)[0]?.tag).toBe(jobs[1]?.tag);
    expect(runTagOf(dummyKeyId({}, jobs[0]?.tag))).toBe(jobs[0]?.tag);
  });

  test("one plant goes into every stack it fits; all plants go once each into the first stack they fit", () => {
    expect(planJobs(dirs, "vswitch-outside-vpc", read).map((j) => j.src)).toEqual(dirs);
    const all = planJobs(dirs, "all", read);
    // the runner's own plants, by name; the emulator's request rules are checked below
    const own = new Set(
      allPlants()
        .slice(0, 4 + API_DEFECTS.length)
        .map((p) => p.name),
    );
    expect(all.filter((j) => own.has(j.plant?.name ?? "")).map((j) => `${j.plant?.name}@${j.src.split("/").pop()}`)).toEqual([
      "peering-without-acceptor-uid@vpc-peering-same-account-dev",
      "nat-default-route@shared-nat-dev",
      "vswitch-outside-vpc@shared-nat-dev",
      "vswitch-overlap@shared-nat-dev",
      "nat-vswitch-other-vpc@shared-nat-dev",
    ]);
    // each of the emulator's defects goes once, into the first stack it fits
    for (const d of PLANTED_DEFECTS.filter((x) => !own.has(x.name))) {
      const first = dirs.find((x) => fits(defectPlant(d), x.split("/").pop() ?? "", read(x)));
      expect({ name: d.name, src: all.find((j) => j.plant?.name === d.name)?.src }).toEqual({ name: d.name, src: first });
    }
    expect(new Set(all.map((j) => j.tag)).size).toBe(all.length);
  });

  test("each API defect changes the stack it fits so the API refuses it, and leaves a stack without the resource alone", () => {
    const nat = read("/o/stacks/shared-nat-dev");
    for (const d of API_DEFECTS) expect(fits(defectPlant(d), "shared-nat-dev", nat)).toBe(true);
    expect(nat).toEqual(stacks["/o/stacks/shared-nat-dev"]);
    const planted = read("/o/stacks/shared-nat-dev");
    (API_DEFECTS.find((d) => d.name === "nat-vswitch-other-vpc")?.edit ?? (() => false))(planted);
    expect(planted.resource?.alicloud_nat_gateway?.n?.vswitch_id).toBe("${alicloud_vswitch.c.id}");
    expect(fits(defectPlant(API_DEFECTS[2] as (typeof API_DEFECTS)[number]), "vpc-peering-same-account-dev", read(dirs[1] as string))).toBe(
      false,
    );
    expect(defectPlant(API_DEFECTS[0] as (typeof API_DEFECTS)[number]).expect.test("Code: InvalidCidrBlock.Malformed")).toBe(true);
    const own = new Set(API_DEFECTS.map((d) => d.name));
    expect(allPlants().length).toBe(4 + API_DEFECTS.length + PLANTED_DEFECTS.filter((d) => !own.has(d.name)).length);
  });
});

describe("side by side", () => {
  test("pool keeps the tasks' order and runs at most `jobs` at once", async () => {
    let running = 0;
    let peak = 0;
    const task = (v: number, ms: number) => async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return v;
    };
    expect(await pool(2, [task(1, 30), task(2, 5), task(3, 5), task(4, 1)])).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  test("pool starts the heaviest tasks first, and still answers in the tasks' order", async () => {
    const started: string[] = [];
    const task = (v: string) => async () => {
      started.push(v);
      await new Promise((r) => setTimeout(r, 1));
      return v;
    };
    // GIVEN the heaviest task last (as the hub with its peering interconnect comes last)
    const results = await pool(2, [task("a"), task("b"), task("c"), task("hub")], [10, 30, 10, 90]);
    // THEN it starts first, ties keep their order, and the results are in the tasks' order
    expect(started).toEqual(["hub", "b", "a", "c"]);
    expect(results).toEqual(["a", "b", "c", "hub"]);
  });

  test("weighs a stack by its resources", () => {
    const stack = { resource: { alicloud_vpc: { a: {}, b: {} }, alicloud_vswitch: { c: {} } } };
    expect(resourceCount(stack)).toBe(3);
    expect(resourceCount({})).toBe(0);
  });

  test("the init lock lets one holder in at a time", async () => {
    const lock = new Mutex();
    const order: string[] = [];
    const hold = (n: string, ms: number) =>
      lock.run(async () => {
        order.push(`${n}+`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`${n}-`);
      });
    await Promise.all([hold("a", 20), hold("b", 1), hold("c", 1)]);
    expect(order).toEqual(["a+", "a-", "b+", "b-", "c+", "c-"]);
  });

  test("one endpoint serves each stack from its own state, by the run tag in the access key", async () => {
    const shared = new SharedEmulator();
    const port = await shared.listen(0);
    const one = new StackEmulator(shared, "r01", {});
    const two = new StackEmulator(shared, "r02", {});
    const post = (key: string) =>
      new Promise<number>((resolve, reject) => {
        const body = new URLSearchParams({
          AccessKeyId: key,
          RegionId: "cn-hangzhou",
          Version: VPC,
          Action: "CreateVpc",
          CidrBlock: "10.0.0.0/16",
        });
        const req = http.request(
          { port, host: "127.0.0.1", method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(body.toString());
      });
    try {
      expect(runTagOf(dummyKeyId({ profile: "acceptor" }, "r02"))).toBe("r02");
      expect(runTagOf(dummyKeyId({}))).toBeUndefined();
      expect(await post(dummyKeyId({}, "r01"))).toBe(200);
      expect(await post(dummyKeyId({}, "r02"))).toBe(200);
      expect(await post(dummyKeyId({}, "r02"))).toBe(200);
      expect(one.live().filter((r) => r.kind === "vpc")).toHaveLength(1);
      expect(two.live().filter((r) => r.kind === "vpc")).toHaveLength(2);
      expect(shared.store.all()).toEqual([]);
      one.close();
      two.close();
      expect([one.tally.n, two.tally.n]).toEqual([1, 2]);
    } finally {
      await shared.close();
    }
  }, 30_000);
});

describe("exit code", () => {
  const result = (over: Partial<StackResult>): StackResult =>
    ({ stack: "s", notes: [], passed: true, leftovers: 0, ...over }) as unknown as StackResult;

  test("0 when every stack passed, 3 when every failure names a duplicate or orphan", () => {
    expect(exitCode([result({}), result({})])).toBe(0);
    expect(exitCode([result({}), result({ passed: false, unaccounted: 1 }), result({ passed: false, orphans: 2 })])).toBe(3);
  });

  test("fails with 1 when a stack failed without naming a duplicate or orphan, or a plant was missed", () => {
    expect(exitCode([result({ passed: false, unaccounted: 1 }), result({ passed: false, replan: "DRIFT" })])).toBe(1);
    expect(exitCode([result({ passed: false, plant: "x", unaccounted: 1 })])).toBe(1);
  });
});
