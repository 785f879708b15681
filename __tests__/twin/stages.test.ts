/**
 * Moving the twin through migration stages (pure parts): aligning the next stage's plan
 * with the running one's names, the ordered operations between two plans, and the route
 * gaps a bad order leaves. The packets are exercised by `npm run twin -- --stages` (root).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deviceConfigs } from "../../lib/devices";
import { alignPlan, tableOf } from "../../verify/twin/align";
import { BirdSpec, buildPlan, StackJson, TwinManifest, TwinPlan } from "../../verify/twin/plan";
import { birdRoutes, describeOp, diffPlans, routeGaps, StageStep } from "../../verify/twin/stage-diff";
import { readStages } from "../../verify/twin/stage-run";
import { parsePing } from "../../verify/twin/stream";

const vpc = (name: string, cidr: string) => ({ vpc_name: name, cidr_block: cidr });
const vsw = (vpcKey: string, cidr: string, name: string) => ({
  vpc_id: `\${alicloud_vpc.${vpcKey}.id}`,
  cidr_block: cidr,
  vswitch_name: name,
});
const peer = (name: string) => ({ vpc_id: "${alicloud_vpc.A.id}", accepting_vpc_id: "${alicloud_vpc.B.id}", peer_connection_name: name });
const re = (vpcKey: string, dest: string, peering: string) => ({
  route_table_id: `\${alicloud_vpc.${vpcKey}.route_table_id}`,
  destination_cidrblock: dest,
  nexthop_type: "VpcPeer",
  nexthop_id: `\${alicloud_vpc_peer_connection.${peering}.id}`,
});

/**
 * Base: app and data peered by `old` (key P). The new path `new` has the key N, which
 * sorts before P, so the planner numbers its link first and every later link shifts.
 */
function stack(peerings: Record<string, string>, routes: Record<string, ReturnType<typeof re>>): StackJson {
  return {
    resource: {
      alicloud_vpc: { A: vpc("app", "10.1.0.0/16"), B: vpc("data", "10.2.0.0/16") },
      alicloud_vswitch: { SA: vsw("A", "10.1.0.0/24", "app-1"), SB: vsw("B", "10.2.0.0/24", "data-1") },
      alicloud_vpc_peer_connection: Object.fromEntries(Object.entries(peerings).map(([k, n]) => [k, peer(n)])),
      alicloud_route_entry: routes,
    },
  } as StackJson;
}
const viaOld = { RA: re("A", "10.2.0.0/16", "P"), RB: re("B", "10.1.0.0/16", "P") };
const viaNew = { RA: re("A", "10.2.0.0/16", "N"), RB: re("B", "10.1.0.0/16", "N") };
const halves = {
  HA0: re("A", "10.2.0.0/17", "N"),
  HA1: re("A", "10.2.128.0/17", "N"),
  HB0: re("B", "10.1.0.0/17", "N"),
  HB1: re("B", "10.1.128.0/17", "N"),
};
const base = stack({ P: "old" }, viaOld);
const stages = {
  path: stack({ N: "new", P: "old" }, viaOld),
  halves: stack({ N: "new", P: "old" }, { ...viaOld, ...halves }),
  head: stack({ N: "new" }, viaNew),
};

/** Plans each stage in the running names, in order; returns every stage's steps. */
function move(from: StackJson, to: readonly StackJson[]): { plans: TwinPlan[]; steps: StageStep[][] } {
  const plans = [buildPlan("s", from)];
  const steps: StageStep[][] = [];
  for (const s of to) {
    const next = alignPlan(plans[plans.length - 1]!, buildPlan("s", s));
    const d = diffPlans(plans[plans.length - 1]!, next);
    expect(d.unsupported).toEqual([]);
    steps.push([...d.steps]);
    plans.push(next);
  }
  return { plans, steps };
}
const lines = (plan: TwinPlan, steps: readonly StageStep[]) =>
  steps.map((s) => `${s.kind}: ${s.ops.map((o) => describeOp(plan, o)).join("; ")}`);

describe("alignPlan", () => {
  it("keeps the running names of what both plans have, though the planner numbered them otherwise", () => {
    const running = buildPlan("s", base);
    const raw = buildPlan("s", stages.path);
    const oldLink = (p: TwinPlan) => p.links.find((l) => l.why === "peering old")!;
    expect(oldLink(raw).aIf).not.toBe(oldLink(running).aIf); // the planner's own numbering shifted
    const aligned = alignPlan(running, raw);
    expect(oldLink(aligned)).toEqual(oldLink(running));
    const newLink = aligned.links.find((l) => l.why === "peering new")!;
    expect(running.links.map((l) => l.aIf)).not.toContain(newLink.aIf);
    expect(running.links.flatMap((l) => [l.aAddr, l.bAddr])).not.toContain(newLink.aAddr);
  });

  it("gives a plan aligned with itself no operations", () => {
    const running = buildPlan("s", stages.halves);
    expect(diffPlans(running, alignPlan(running, buildPlan("s", stages.halves))).steps).toEqual([]);
  });
});

describe("diffPlans: the good order (new path, more-specific halves, then the move)", () => {
  const { plans, steps } = move(base, [stages.path, stages.halves, stages.head]);

  it("stage 1 only creates the new link", () => {
    expect(lines(plans[0]!, steps[0]!)).toEqual(["create: link-add peering new (vpc:app - vpc:data)"]);
  });

  it("stage 2 only adds the halves through the new link", () => {
    expect(steps[1]!.map((s) => s.kind)).toEqual(["add-routes"]);
    expect(steps[1]![0]!.ops.map((o) => ("args" in o ? o.args[0] : o.kind)).sort()).toEqual([
      "10.1.0.0/17",
      "10.1.128.0/17",
      "10.2.0.0/17",
      "10.2.128.0/17",
    ]);
  });

  it("stage 3 replaces the /16s (delete, then create), then removes the halves and the old link", () => {
    expect(steps[2]!.map((s) => s.kind)).toEqual(["replace-delete", "replace-create", "remove-routes", "remove-links"]);
    expect(lines(plans[2]!, steps[2]!)[0]).toMatch(/^replace-delete: route-del 10\.2\.0\.0\/16 via \S+ in vpc:app/);
    expect(lines(plans[2]!, steps[2]!)[3]).toBe("remove-links: link-del peering old (vpc:app - vpc:data)");
  });

  it("leaves no destination without a route at any step", () => {
    steps.forEach((s, i) => expect(routeGaps(plans[i]!, s)).toEqual([]));
  });
});

describe("diffPlans: the bad order (the route replaced in place)", () => {
  const { plans, steps } = move(base, [stages.path, stages.head]);

  it("fails when the replaced route has no cover: both /16s are gone during replace-delete, named", () => {
    const gaps = routeGaps(plans[1]!, steps[1]!);
    expect(gaps.map((g) => `${g.kind} ${g.where} ${g.dest}`)).toEqual([
      "replace-delete vpc:app 10.2.0.0/16",
      "replace-delete vpc:data 10.1.0.0/16",
    ]);
    expect(gaps[0]!.why).toBe("alicloud_route_entry.RA (VpcPeer)");
  });

  it("fails when only one half covers the replaced route", () => {
    const { plans: p, steps: s } = move(base, [stack({ N: "new", P: "old" }, { ...viaOld, HA0: halves.HA0 }), stages.head]);
    expect(routeGaps(p[1]!, s[1]!).map((g) => `${g.where} ${g.dest}`)).toEqual(["vpc:app 10.2.0.0/16", "vpc:data 10.1.0.0/16"]);
  });
});

describe("diffPlans: a running BIRD whose announcements change (a VBR announcing what its transit router publishes)", () => {
  const running = buildPlan("s", base);
  const ns = running.namespaces.find((n) => n.label === "vpc:app")!.name;
  const bird = (...routes: string[]): BirdSpec => ({
    ns,
    routerId: "169.254.0.1",
    protocol: "vbr_bgp",
    body: { inline: ["protocol static vbr_networks {", "  ipv4;", ...routes.map((c) => `  route ${c} unreachable;`), "}"].join("\n") },
  });
  const withBird = (p: TwinPlan, b?: BirdSpec): TwinPlan => ({ ...p, birds: b ? [b] : [] });
  const ops = (from: TwinPlan, to: TwinPlan) => {
    const d = diffPlans(from, to);
    return { unsupported: d.unsupported, steps: lines(to, d.steps) };
  };

  it("reconfigures it with the new routes when the announcements only grow", () => {
    const d = ops(withBird(running, bird("10.9.0.0/24")), withBird(running, bird("10.9.0.0/24", "10.8.0.0/24")));
    expect(d).toEqual({ unsupported: [], steps: ["add-routes: bird-reconfigure vpc:app (announces +10.8.0.0/24)"] });
  });

  it("reconfigures it with what goes away when an announcement is withdrawn", () => {
    const d = ops(withBird(running, bird("10.9.0.0/24", "10.8.0.0/24")), withBird(running, bird("10.7.0.0/24")));
    expect(d).toEqual({
      unsupported: [],
      steps: ["remove-routes: bird-reconfigure vpc:app (announces +10.7.0.0/24 -10.9.0.0/24 -10.8.0.0/24)"],
    });
  });

  it("reads the announced prefixes from an inline body, none from an included file", () => {
    expect([...birdRoutes(bird("10.9.0.0/24", "10.8.0.0/24"))]).toEqual(["10.9.0.0/24", "10.8.0.0/24"]);
    expect(birdRoutes({ ...bird("10.9.0.0/24"), body: { include: "idc/bird.conf" } }).size).toBe(0);
  });

  it("fails when a BIRD starts or stops between the stages, naming the namespace", () => {
    expect(ops(withBird(running), withBird(running, bird("10.9.0.0/24"))).unsupported).toEqual([
      "a new daemon in vpc:app; the twin starts daemons only at bring-up",
    ]);
    expect(ops(withBird(running, bird("10.9.0.0/24")), withBird(running)).unsupported).toEqual([
      "the BIRD of vpc:app stops between the stages; the twin stops daemons only at teardown",
    ]);
  });
});

describe("parsePing: continuous probes from ping -D -O", () => {
  const out = [
    "PING 10.2.0.2 (10.2.0.2) from 10.1.0.2 : 56(84) bytes of data.",
    "[100.000000] 64 bytes from 10.2.0.2: icmp_seq=1 ttl=62 time=0.1 ms",
    "[100.400000] no answer yet for icmp_seq=2",
    "[100.410000] 64 bytes from 10.2.0.2: icmp_seq=2 ttl=62 time=210 ms",
    "[100.600000] no answer yet for icmp_seq=3",
    "[100.800000] no answer yet for icmp_seq=4",
    "[100.950000] From 169.254.0.21 icmp_seq=5 Destination Net Unreachable",
    "[101.000000] 64 bytes from 10.2.0.2: icmp_seq=6 ttl=62 time=0.1 ms",
  ].join("\n");

  it("counts a request answered late as delivered, an unanswered one or an ICMP error as lost, with the time it left", () => {
    expect(parsePing(out, 200)).toEqual({ sent: 6, sentAt: [100, 100.2, 100.4, 100.6, 100.95, 101], lostAt: [100.4, 100.6, 100.95] });
  });

  it("fails when the reply never comes: every request after the gap is lost until one is answered", () => {
    const gap = ["[1.000000] no answer yet for icmp_seq=1", "[1.200000] no answer yet for icmp_seq=2"].join("\n");
    expect(parsePing(gap, 200)).toEqual({ sent: 2, sentAt: [0.8, 1], lostAt: [0.8, 1] });
  });
});

describe("alignPlan: routing tables on the hub moving onto transit routers", () => {
  // the TR fixture hub (offices behind VPN gateways, each connection with a WAN table of
  // its own) and the same hub before its CEN resources exist
  const file = path.join(
    __dirname,
    "..",
    "..",
    "verify",
    "twin",
    "fixtures",
    "transit-router",
    "stacks",
    "multinational-hub-tr",
    "cdk.tf.json",
  );
  const withTr = JSON.parse(fs.readFileSync(file, "utf8")) as { resource: Record<string, unknown> };
  const withoutTr = {
    ...withTr,
    resource: Object.fromEntries(Object.entries(withTr.resource).filter(([t]) => !t.startsWith("alicloud_cen_"))),
  };
  const plan = (json: unknown) => {
    const manifest = deviceConfigs([{ name: "hub", json: json as StackJson }]).manifest as TwinManifest;
    return buildPlan("hub", json as StackJson, manifest);
  };
  const before = plan(withoutTr);
  const raw = plan(withTr);
  const wanTables = (p: TwinPlan) =>
    p.rules.filter((r) => p.namespaces.find((n) => n.name === r.ns)?.kind === "wan").map((r) => tableOf(r.args));

  it("keeps each VPN connection's table though the TR tables took the first numbers", () => {
    expect(wanTables(before).length).toBeGreaterThan(0);
    expect(wanTables(raw)).not.toEqual(wanTables(before)); // the planner's numbers moved
    expect(wanTables(alignPlan(before, raw))).toEqual(wanTables(before));
  });

  it("touches only the transit routers, their links and the VPC routes towards them", () => {
    const next = alignPlan(before, raw);
    const d = diffPlans(before, next);
    const kinds = new Set(
      d.steps
        .flatMap((s) => s.ops)
        .flatMap((o) => {
          const ns = "ns" in o ? (typeof o.ns === "string" ? o.ns : o.ns.name) : "bird" in o ? o.bird.ns : o.link.b;
          return [next.namespaces.find((n) => n.name === ns)!.kind];
        }),
    );
    expect([...kinds].sort()).toEqual(["tr", "vpc"]);
    expect(d.unsupported).toEqual([]);
  });
});

describe("readStages: the stage directory", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stages-"));
  for (const d of ["base", "head", "stage-1"]) fs.mkdirSync(path.join(dir, d, "stacks"), { recursive: true });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (doc: unknown) => fs.writeFileSync(path.join(dir, "stages.json"), JSON.stringify(doc));
  const good = { base: "base", head: "head", stages: [{ name: "stage-1", summary: "s", creates: [], removes: [] }] };

  it("reads base, head and each stage beside stages.json", () => {
    write(good);
    expect(readStages(dir)).toEqual({
      base: path.join(dir, "base"),
      head: path.join(dir, "head"),
      stages: [{ name: "stage-1", summary: "s", dir: path.join(dir, "stage-1") }],
    });
  });

  it("fails when stages.json is missing, naming what is allowed", () => {
    expect(() => readStages(path.join(dir, "base"))).toThrow(/no stages\.json in it; allowed: a directory of migration stages/);
  });

  it("fails when the base is not a tree, naming the field and value", () => {
    write({ ...good, base: "nowhere" });
    expect(() => readStages(dir)).toThrow(/base = nowhere: .*nowhere\/stacks does not exist/);
  });

  it("fails when a stage name is not a directory name, naming the index and value", () => {
    write({ ...good, stages: [{ name: "../x" }] });
    expect(() => readStages(dir)).toThrow('stages[0].name = "../x"; allowed: a directory name beside stages.json');
  });

  it("fails when there are no stages", () => {
    write({ ...good, stages: [] });
    expect(() => readStages(dir)).toThrow("stages = []; allowed: a non-empty list of { name, summary }");
  });
});
