/**
 * The twin's transit routers, from hand-written stacks that follow the transit-router
 * emitted JSON (verify/twin/fixtures/transit-router: the seed hub and the seed IDC with their
 * router interfaces replaced by a CEN instance, a TR per region, attachments, route
 * tables, associations, propagations and static routes). The plan is pure, so these run
 * without root; the packets over the same fixtures run with `npm run twin`.
 *
 * The blame for a broken pair is checked with defects planted by hand, and the expected
 * messages and pairs are written here, not taken from the code under test.
 */
import * as fs from "fs";
import * as path from "path";
import { deviceConfigs } from "../../lib/devices";
import { buildPlan, StackJson, TwinManifest, TwinPlan } from "../../verify/twin/plan";
import { missingRoute, parseIntent, promiseMismatches } from "../../verify/twin/promise";
import { missingTransitRoute } from "../../verify/twin/transit-router";

const FIXTURES = path.join(__dirname, "..", "..", "verify", "twin", "fixtures", "transit-router", "stacks");
type EditableStack = { resource: Record<string, Record<string, Record<string, unknown>>> };
const load = (stack: string): EditableStack =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, stack, "cdk.tf.json"), "utf8")) as EditableStack;
const HUB = "multinational-hub-tr";
const IDC = "idc-leased-line-tr";

function plan(stack: string, json: EditableStack = load(stack)): TwinPlan {
  const manifest = deviceConfigs([{ name: stack, json: json as StackJson }]).manifest as TwinManifest;
  return buildPlan(stack, json as StackJson, manifest);
}
const nsOf = (p: TwinPlan, label: string) => p.namespaces.find((n) => n.label === label)!.name;
const routesOf = (p: TwinPlan, label: string) => p.routes.filter((r) => r.ns === nsOf(p, label)).map((r) => r.args.join(" "));
const tr = (p: TwinPlan, name: string) => p.transitRouters.find((t) => t.name === name)!;
/** The Linux routes of a TR's one table, without the table and the link details. */
const tableRoutes = (p: TwinPlan, name: string) => {
  const t = tr(p, name);
  return p.routes
    .filter((r) => r.ns === t.ns && r.args.includes("table"))
    .map((r) => {
      const via =
        r.args[1] === "via" ? p.links.find((l) => l.aAddr.startsWith(`${r.args[2]}/`) || l.bAddr.startsWith(`${r.args[2]}/`)) : undefined;
      return r.args[0] === "blackhole" ? `blackhole ${r.args[1]}` : `${r.args[0]} -> ${via?.why ?? "?"}`;
    })
    .sort();
};
/** Key of the first resource of `type` whose `field` equals `value`. */
const keyWhere = (json: EditableStack, type: string, test: (a: Record<string, unknown>) => boolean) =>
  Object.keys(json.resource[type]!).find((k) => test(json.resource[type]![k]!))!;

describe("twin: transit routers of the seed hub", () => {
  const p = plan(HUB);

  it("makes a router namespace per TR and links every attachment (two VPCs, one peer)", () => {
    expect(p.namespaces.filter((n) => n.kind === "tr").map((n) => n.label)).toEqual(["tr:us-cn-cn-shanghai", "tr:us-cn-us-east-1"]);
    expect(p.links.filter((l) => l.why.startsWith("TR ")).map((l) => l.why)).toEqual([
      "TR vpc attachment cn-vpc",
      "TR vpc attachment us-vpc",
      "TR peer attachment us-cn-us-east-1-cn-shanghai",
    ]);
    expect(p.namespaces.some((n) => /router interface/.test(n.label))).toBe(false);
  });

  it("looks a packet up in the table its ingress attachment is associated with (a rule per association)", () => {
    const us = tr(p, "us-cn-us-east-1");
    const table = us.tables[0]!.table;
    const rules = p.rules.filter((r) => r.ns === us.ns).map((r) => r.args.join(" "));
    expect(rules.sort()).toEqual(us.attachments.map((a) => `iif ${a.dev} lookup ${table} pref 1000`).sort());
    expect(us.attachments.map((a) => a.kind).sort()).toEqual(["peer", "vpc"]);
  });

  it("fills each table: the VPC's vSwitch CIDRs by propagation, offices and the other region by static entries", () => {
    expect(tableRoutes(p, "us-cn-us-east-1")).toEqual([
      "10.10.10.0/24 -> TR vpc attachment us-vpc",
      "10.10.20.0/24 -> TR vpc attachment us-vpc",
      "10.20.10.0/24 -> TR peer attachment us-cn-us-east-1-cn-shanghai",
      "10.20.20.0/24 -> TR peer attachment us-cn-us-east-1-cn-shanghai",
      "172.16.0.0/24 -> TR vpc attachment us-vpc",
      "172.16.1.0/24 -> TR vpc attachment us-vpc",
      "172.17.0.0/16 -> TR peer attachment us-cn-us-east-1-cn-shanghai",
    ]);
    // the vSwitch CIDRs come from the propagation; the VPN gateway's custom routes are not propagated
    const us = tr(p, "us-cn-us-east-1").tables[0]!.routes;
    expect(us.filter((r) => r.from.startsWith("alicloud_cen_transit_router_route_table_propagation.")).map((r) => r.dest)).toEqual([
      "172.16.0.0/24",
      "172.16.1.0/24",
    ]);
  });

  it("sends the VPC routes with next hop Attachment to the TR link", () => {
    const usTr = tr(p, "us-cn-us-east-1");
    const via = usTr.attachments.find((a) => a.kind === "vpc")!.ip;
    expect(routesOf(p, "vpc:us-vpc")).toEqual(
      expect.arrayContaining([`172.17.0.0/16 via ${via}`, `10.20.10.0/24 via ${via}`, `10.20.20.0/24 via ${via}`]),
    );
  });

  it("blames nothing for any promised pair of the intact fixture", () => {
    const intent = parseIntent(fs.readFileSync(path.join(FIXTURES, HUB, "intent.json"), "utf8"), "intent.json");
    expect(intent.mustReach).toHaveLength(30);
    expect(intent.mustReach.map(([a, b]) => missingTransitRoute(p, a, b)).filter(Boolean)).toEqual([]);
  });

  it("fails when cn-vpc's route table association is removed, blaming the association for every pair into cn-vpc's side", () => {
    const json = load(HUB);
    const assoc = keyWhere(json, "alicloud_cen_transit_router_route_table_association", (a) =>
      String(a.transit_router_attachment_id).includes("cn-vpc_Attachment"),
    );
    delete json.resource.alicloud_cen_transit_router_route_table_association![assoc];
    const q = plan(HUB, json);
    const blame =
      "transit router us-cn-cn-shanghai (tr:us-cn-cn-shanghai): attachment cn-vpc " +
      "(alicloud_cen_transit_router_vpc_attachment.Network_Links_UsCn_cn-vpc_Attachment_D9905AA1) has no route table association, " +
      "so what enters through it is dropped";
    expect(missingTransitRoute(q, "us-vpc", "cn-vpc")).toBe(`the reply: ${blame}`);
    expect(missingTransitRoute(q, "cn-office-3", "us-office-1")).toBe(blame);
    // cn-vpc's own offices reach it without the TR
    expect(missingTransitRoute(q, "cn-office-3", "cn-vpc")).toBeUndefined();
    expect(q.rules.filter((r) => r.ns === tr(q, "us-cn-cn-shanghai").ns)).toHaveLength(1);
  });

  it("fails against the promise when cn-vpc's association is removed: every pair across the regions, blamed on it", () => {
    const json = load(HUB);
    const assoc = keyWhere(json, "alicloud_cen_transit_router_route_table_association", (a) =>
      String(a.transit_router_attachment_id).includes("cn-vpc_Attachment"),
    );
    delete json.resource.alicloud_cen_transit_router_route_table_association![assoc];
    const q = plan(HUB, json);
    const intent = parseIntent(fs.readFileSync(path.join(FIXTURES, HUB, "intent.json"), "utf8"), "intent.json");
    // what the packets delivered with this defect planted (npm run twin): each region's own pairs only
    const regions = [
      ["us-vpc", "us-office-1", "us-office-2"],
      ["cn-vpc", "cn-office-3", "cn-office-4"],
    ];
    const delivered = new Set(regions.flatMap((r) => r.flatMap((a) => r.filter((b) => b !== a).map((b) => `${a}->${b}`))));
    const got = promiseMismatches(
      intent,
      delivered,
      q.networks.map((n) => n.name),
      (a, b) => missingRoute(q, a, b) ?? "no route blamed",
    );
    expect(got).toHaveLength(18);
    const blame = /transit router us-cn-cn-shanghai \(tr:us-cn-cn-shanghai\): attachment cn-vpc \(.*\) has no route table association/;
    expect(got.every((m) => blame.test(m))).toBe(true);
    expect(got).toContainEqual(
      expect.stringMatching(/^promised pair cn-office-4->us-office-2 unreachable: transit router us-cn-cn-shanghai/),
    );
    expect(got).toContainEqual(
      expect.stringMatching(/^promised pair us-vpc->cn-vpc unreachable: the reply: transit router us-cn-cn-shanghai/),
    );
  });

  it("fails when the static route to cn-office-3 is removed from us-east-1's table, blaming that table", () => {
    const json = load(HUB);
    const entry = keyWhere(
      json,
      "alicloud_cen_transit_router_route_entry",
      (e) => e.transit_router_route_entry_destination_cidr_block === "10.20.10.0/24" && String(e.provider).endsWith("us_east_1"),
    );
    delete json.resource.alicloud_cen_transit_router_route_entry![entry];
    const q = plan(HUB, json);
    const blame =
      "transit router us-cn-us-east-1 (tr:us-cn-us-east-1): route table us-cn-us-east-1 " +
      "(alicloud_cen_transit_router_route_table.Network_Links_UsCn_Routeruseast1_Table_D9726D35), looked up for packets entering through us-vpc, " +
      "has no route to cn-office-3 (10.20.10.2): no propagation or alicloud_cen_transit_router_route_entry covers it";
    expect(missingTransitRoute(q, "us-office-1", "cn-office-3")).toBe(blame);
    expect(missingTransitRoute(q, "cn-office-3", "us-vpc")).toBe(`the reply: ${blame.replace("us-office-1", "us-vpc")}`);
    const broken = ["us-office-1", "us-office-2", "us-vpc"].flatMap((a) => [missingTransitRoute(q, a, "cn-office-3")]);
    expect(broken.every((m) => m?.includes("has no route to cn-office-3"))).toBe(true);
    expect(missingTransitRoute(q, "us-office-1", "cn-office-4")).toBeUndefined();
  });

  it("installs a BlackHole entry as a blackhole route and blames it", () => {
    const json = load(HUB);
    const entry = keyWhere(
      json,
      "alicloud_cen_transit_router_route_entry",
      (e) => e.transit_router_route_entry_destination_cidr_block === "10.20.20.0/24" && String(e.provider).endsWith("us_east_1"),
    );
    const e = json.resource.alicloud_cen_transit_router_route_entry![entry]!;
    e.transit_router_route_entry_next_hop_type = "BlackHole";
    delete e.transit_router_route_entry_next_hop_id;
    const q = plan(HUB, json);
    expect(tableRoutes(q, "us-cn-us-east-1")).toContain("blackhole 10.20.20.0/24");
    expect(missingTransitRoute(q, "us-vpc", "cn-office-4")).toMatch(
      new RegExp(
        `looked up for packets entering through us-vpc, blackholes cn-office-4 \\(10\\.20\\.20\\.2\\) \\(alicloud_cen_transit_router_route_entry\\.${entry}\\)$`,
      ),
    );
  });

  it("keeps a static entry over a propagated route for the same prefix (the twin's choice)", () => {
    const json = load(HUB);
    const entry = keyWhere(json, "alicloud_cen_transit_router_route_entry", (e) => String(e.provider).endsWith("us_east_1"));
    const e = json.resource.alicloud_cen_transit_router_route_entry![entry]!;
    e.transit_router_route_entry_destination_cidr_block = "172.16.1.0/24";
    e.transit_router_route_entry_next_hop_type = "BlackHole";
    const q = plan(HUB, json);
    expect(tableRoutes(q, "us-cn-us-east-1")).toContain("blackhole 172.16.1.0/24");
    expect(tableRoutes(q, "us-cn-us-east-1")).not.toContain("172.16.1.0/24 -> TR vpc attachment us-vpc");
  });
});

describe("twin: transit routers of the seed IDC", () => {
  const p = plan(IDC);

  it("propagates the IDC's prefixes from the VBR attachment into Beijing's table", () => {
    expect(tableRoutes(p, "idc-cn-beijing")).toEqual([
      "10.100.0.0/16 -> TR vbr attachment beijing-idc",
      "172.16.0.0/24 -> TR vpc attachment bj-vpc",
      "172.16.1.0/24 -> TR vpc attachment bj-vpc",
      "172.18.0.0/16 -> TR peer attachment idc-cn-beijing-cn-shenzhen",
    ]);
    expect(tableRoutes(p, "idc-cn-shenzhen")).toEqual([
      "10.100.0.0/16 -> TR peer attachment idc-cn-beijing-cn-shenzhen",
      "172.18.0.0/24 -> TR vpc attachment sz-vpc",
      "172.18.1.0/24 -> TR vpc attachment sz-vpc",
    ]);
  });

  it("has the VBR learn its associated table except its own routes (auto_publish_route_enabled), and announce them over BGP", () => {
    const via = tr(p, "idc-cn-beijing").attachments.find((a) => a.kind === "vbr")!.ip;
    expect(routesOf(p, "vbr:beijing-idc").sort()).toEqual([
      `172.16.0.0/24 via ${via}`,
      `172.16.1.0/24 via ${via}`,
      `172.18.0.0/16 via ${via}`,
    ]);
    const vbrBird = p.birds.find((b) => b.ns === nsOf(p, "vbr:beijing-idc"))!;
    expect("inline" in vbrBird.body && vbrBird.body.inline).toContain("route 172.16.1.0/24 unreachable;");
  });

  it("fails when the VBR attachment is not auto-publishing: the VBR learns nothing from its TR", () => {
    const json = load(IDC);
    const key = Object.keys(json.resource.alicloud_cen_transit_router_vbr_attachment!)[0]!;
    json.resource.alicloud_cen_transit_router_vbr_attachment![key]!.auto_publish_route_enabled = false;
    expect(routesOf(plan(IDC, json), "vbr:beijing-idc")).toEqual([]);
  });

  it("blames nothing for the promised pairs, and Shenzhen's table when its route to the IDC is removed", () => {
    expect(
      ["bj-vpc", "sz-vpc"].flatMap((v) => [missingTransitRoute(p, v, "beijing-idc"), missingTransitRoute(p, "beijing-idc", v)]),
    ).toEqual([undefined, undefined, undefined, undefined]);
    const json = load(IDC);
    const entry = keyWhere(
      json,
      "alicloud_cen_transit_router_route_entry",
      (e) => e.transit_router_route_entry_destination_cidr_block === "10.100.0.0/16",
    );
    delete json.resource.alicloud_cen_transit_router_route_entry![entry];
    const q = plan(IDC, json);
    expect(missingTransitRoute(q, "sz-vpc", "beijing-idc")).toMatch(
      /^transit router idc-cn-shenzhen \(tr:idc-cn-shenzhen\): route table idc-cn-shenzhen \(.*\), looked up for packets entering through sz-vpc, has no route to beijing-idc \(10\.100\.0\.2\)/,
    );
    expect(missingTransitRoute(q, "bj-vpc", "beijing-idc")).toBeUndefined();
  });

  it("fails when VBR attachments of two data centers make the IDC's prefixes ambiguous, naming them", () => {
    const json = load(IDC);
    const vbrs = json.resource.alicloud_express_connect_virtual_border_router!;
    const [vbrKey, vbr] = Object.entries(vbrs)[0]!;
    vbrs.OtherDc = { ...vbr, virtual_border_router_name: "other-dc", vlan_id: 300 };
    const atts = json.resource.alicloud_cen_transit_router_vbr_attachment!;
    const [key, att] = Object.entries(atts)[0]!;
    atts[`${key}2`] = { ...att, vbr_id: "${alicloud_express_connect_virtual_border_router.OtherDc.id}" };
    // the office-configs refuse such a stack too: the twin is given the files of the stack before the edit
    const manifest = deviceConfigs([{ name: IDC, json: load(IDC) as StackJson }]).manifest as TwinManifest;
    expect(() => buildPlan(IDC, json as StackJson, manifest)).toThrow(
      new RegExp(
        `VPC routes to 10\\.100\\.0\\.0/16 lead to a transit router with VBR attachments of several data centers \\(${vbrKey}, OtherDc\\)`,
      ),
    );
  });
});
