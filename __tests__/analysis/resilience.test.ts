/**
 * The single-failure table (lib/analysis/resilience.ts) and the failure-aware checker
 * under it, on the seeds' synthesized stacks and on redundant designs written into them
 * by hand (`redundant-stacks.ts`): a standby VPN link with weight-0 routes, a second
 * leased line with ECMP routes and health checks. Each rule has a twin that breaks it.
 */
import { checkReachability } from "../../lib/analysis/reachability";
import { redundancyViolations, renderResilience, resilienceTable } from "../../lib/analysis/resilience";
import { namedAfter, sitesFromStack } from "../../lib/analysis/stack-sites";
import { loadTopologyFile, sitesFromTopology } from "../../lib/topology";
import { topologyIntent } from "../../lib/topology/intent";
import { join } from "path";
import { StackJson } from "../../lib/tfjson";
import { idcLeasedLine, multinationalHub } from "../fixtures/seeds";
import { tree } from "../netdiff/trees";
import {
  addSecondLine,
  addSecondTrLine,
  addStandbyLink,
  copyOf,
  firstVbr,
  Json,
  setHealthChecks,
  setWithdrawal,
  Withdrawal,
} from "./redundant-stacks";

const only = (m: Map<string, StackJson>) => [...m.values()][0]!;
const HUB = only(tree(multinationalHub()));
const IDC = only(tree(idcLeasedLine()));
const IDC_TR = only(tree(idcLeasedLine("transit-router")));

/** The table of a stack, its sites read back from the JSON; every pair delivered with nothing down is held to. */
const tableOf = (j: StackJson | Json) => resilienceTable(j as StackJson, sitesFromStack(j as StackJson));
const cuts = (j: StackJson | Json) => Object.fromEntries(tableOf(j).rows.map((r) => [r.element.id, r.pairsCut]));

describe("resilience: the seeds", () => {
  it("lists every VPN link, gateway and the interconnect of the hub as single points of failure, and no single tunnel", () => {
    const t = tableOf(HUB);
    const links = ["cn-office-3", "cn-office-4", "us-office-1", "us-office-2"];
    const tunnels = links.flatMap((l) => [`vpn-tunnel:${l}/master`, `vpn-tunnel:${l}/slave`]);
    expect(t.rows.map((r) => r.element.id)).toEqual([
      ...links.map((l) => `vpn-link:${l}`),
      ...tunnels,
      "vpn-gateway:cn-vpc",
      "vpn-gateway:us-vpc",
      "router-interface:us-cn",
    ]);
    // the seed hub's gateways are dual-tunnel: either tunnel of a connection carries it alone
    expect(t.singlePoints.map((r) => r.element.id)).toEqual([
      ...links.map((l) => `vpn-link:${l}`),
      "vpn-gateway:cn-vpc",
      "vpn-gateway:us-vpc",
      "router-interface:us-cn",
    ]);
    const row = t.rows.find((r) => r.element.id === "vpn-link:us-office-1")!;
    // the other offices lose their pairs with us-office-1 only: they are not cut off from a VPC
    expect(row.sitesCut).toEqual(["us-office-1"]);
    expect(row.ownedBy).toEqual(["us-office-1"]);
    const gateway = t.rows.find((r) => r.element.id === "vpn-gateway:us-vpc")!;
    expect(gateway.sitesCut).toEqual(["us-office-1", "us-office-2"]);
    expect(gateway.ownedBy).toEqual([]);
    expect(row.pairsCut).toContain("us-office-1->us-vpc");
    expect(row.pairsCut).toContain("cn-vpc->us-office-1");
    expect(row.pairsCut).not.toContain("cn-office-3->cn-vpc");
    expect(renderResilience(t).trimEnd().split("\n").at(-1)).toBe("15 elements, 7 single points of failure");
  });

  it("names the IDC's line and its vbr links", () => {
    expect(Object.keys(cuts(IDC))).toEqual(["line:beijing-idc/beijing-idc", "vbr-link:idc-bj", "vbr-link:idc-sz"]);
    expect(cuts(IDC)["vbr-link:idc-bj"]).toEqual(["beijing-idc->bj-vpc", "bj-vpc->beijing-idc"]);
  });

  it("holds only the promised pairs it is given", () => {
    const t = resilienceTable(HUB, sitesFromStack(HUB), [["us-vpc", "cn-vpc"]]);
    expect(t.promised).toEqual(["us-vpc->cn-vpc"]);
    expect(t.singlePoints.map((r) => r.element.id)).toEqual(["router-interface:us-cn"]);
  });
});

describe("resilience: an office with a standby link", () => {
  const standby = () => {
    const j = copyOf(HUB);
    addStandbyLink(j, "us-office-1", "203.0.113.21");
    return j;
  };

  it("keeps every pair of the office when either of its links fails", () => {
    const c = cuts(standby());
    expect(c["vpn-link:us-office-1"]).toEqual([]);
    expect(c["vpn-link:us-office-1-standby"]).toEqual([]);
    expect(c["vpn-link:us-office-2"]).not.toEqual([]);
  });

  it("fails when the gateway both links end on fails", () => {
    expect(cuts(standby())["vpn-gateway:us-vpc"]).toContain("us-office-1->us-vpc");
  });

  it("fails when the standby connection has no destination route", () => {
    const j = standby();
    for (const [k, v] of Object.entries(j.resource.alicloud_vpn_route_entry!))
      if (v.weight === 0) delete j.resource.alicloud_vpn_route_entry![k];
    expect(cuts(j)["vpn-link:us-office-1"]).toContain("us-vpc->us-office-1");
  });

  it("uses the weight-100 route while its connection is up, and the weight-0 one only when it is down", () => {
    // the standby connection's selectors exclude the office: a packet sent over it is dropped
    const j = standby();
    const conn = Object.values(j.resource.alicloud_vpn_connection!).find((c) => c.vpn_connection_name === "us-office-1-standby")!;
    conn.remote_subnet = ["10.99.0.0/24"];
    expect(checkReachability(j as StackJson, sitesFromStack(j as StackJson)).isDelivered("us-vpc", "us-office-1")).toBe(true);
    expect(cuts(j)["vpn-link:us-office-1"]).toContain("us-vpc->us-office-1");
  });

  it("fails when the standby's routes outweigh the active's", () => {
    const j = copyOf(HUB);
    addStandbyLink(j, "us-office-1", "203.0.113.21", { weight: 100 });
    for (const v of Object.values(j.resource.alicloud_vpn_route_entry!))
      if (v.route_dest === "10.10.10.0/24" && !String(v.next_hop).includes("Standby")) v.weight = 0;
    const conn = Object.values(j.resource.alicloud_vpn_connection!).find((c) => c.vpn_connection_name === "us-office-1-standby")!;
    conn.remote_subnet = ["10.99.0.0/24"];
    expect(checkReachability(j as StackJson, sitesFromStack(j as StackJson)).isDelivered("us-vpc", "us-office-1")).toBe(false);
  });
});

describe("resilience: an IDC with two leased lines", () => {
  const twoLines = (checked: boolean) => {
    const j = copyOf(IDC);
    const first = firstVbr(j);
    const second = addSecondLine(j);
    setHealthChecks(j, first, checked);
    setHealthChecks(j, second, checked);
    return j;
  };

  it("names both lines and all four vbr links, and no element cuts a pair when every pair has a health check", () => {
    const t = tableOf(twoLines(true));
    expect(t.rows.map((r) => r.element.id)).toEqual([
      "line:beijing-idc/beijing-idc",
      "line:beijing-idc/line-2",
      "vbr-link:idc-bj",
      "vbr-link:idc-sz",
      "vbr-link:idc-bj-line-2",
      "vbr-link:idc-sz-line-2",
    ]);
    expect(t.promised).toContain("bj-vpc->beijing-idc");
    expect(t.singlePoints).toEqual([]);
  });

  it("fails when the pairs have no health check: a failed ECMP member keeps attracting traffic", () => {
    const c = cuts(twoLines(false));
    // the IDC itself moves to the second line when the first is down; the VPCs still send over the dead member
    expect(c["line:beijing-idc/beijing-idc"]).toEqual(["bj-vpc->beijing-idc", "sz-vpc->beijing-idc"]);
    expect(c["vbr-link:idc-bj"]).toEqual(["beijing-idc->bj-vpc", "bj-vpc->beijing-idc"]);
  });

  it("fails when only the second line's pairs have a health check and the first line fails", () => {
    const j = twoLines(true);
    setHealthChecks(j, firstVbr(j), false);
    expect(cuts(j)["line:beijing-idc/beijing-idc"]).toEqual(["bj-vpc->beijing-idc", "sz-vpc->beijing-idc"]);
    expect(cuts(j)["line:beijing-idc/line-2"]).toEqual([]);
  });

  it("fails when one ECMP member is never connected, with nothing down", () => {
    const j = twoLines(true);
    const conns = j.resource.alicloud_router_interface_connection!;
    delete conns[Object.keys(conns).find((k) => k.includes("IdcBj_AcceptingConnection") && k.endsWith("Line2"))!];
    const r = checkReachability(j as StackJson, sitesFromStack(j as StackJson));
    expect(r.isDelivered("bj-vpc", "beijing-idc")).toBe(false);
    expect(r.get("bj-vpc", "beijing-idc").reason).toBe("router interface is not connected");
    expect(r.isDelivered("sz-vpc", "beijing-idc")).toBe(true);
  });
});

describe("resilience: an IDC with two lines on transit routers", () => {
  const twoLines = (first: Withdrawal, second: Withdrawal) => {
    const j = copyOf(IDC_TR);
    const vbr1 = firstVbr(j);
    const vbr2 = addSecondTrLine(j);
    setWithdrawal(j, vbr1, first);
    setWithdrawal(j, vbr2, second);
    return j;
  };
  const LINE_1 = "line:beijing-idc/beijing-idc";
  const LINE_2 = "line:beijing-idc/line-2";

  it("reads both lines as one IDC, and no single failure cuts it when both lines run BGP", () => {
    const j = twoLines("bgp", "bgp");
    expect(sitesFromStack(j as StackJson).idcs.map((d) => d.name)).toEqual(["beijing-idc"]);
    const t = tableOf(j);
    expect(t.rows.map((r) => r.element.id)).toEqual(expect.arrayContaining([LINE_1, LINE_2, "tr-attachment:idc-beijing-idc-line-2"]));
    expect(t.promised).toContain("sz-vpc->beijing-idc");
    expect(t.rows.filter((r) => r.ownedBy.includes("beijing-idc") && r.pairsCut.length > 0)).toEqual([]);
  });

  it("withdraws a static line's routes when it has a VBR health check", () => {
    const c = cuts(twoLines("health-check", "health-check"));
    expect(c[LINE_1]).toEqual([]);
    expect(c[LINE_2]).toEqual([]);
    expect(c["tr-attachment:idc-beijing-idc"]).toEqual([]);
  });

  it("fails when a static line has no health check: its routes stay in the TR and attract traffic that is lost", () => {
    const c = cuts(twoLines("none", "bgp"));
    expect(c[LINE_1]).toEqual(["bj-vpc->beijing-idc", "sz-vpc->beijing-idc"]);
    expect(c["tr-attachment:idc-beijing-idc"]).toEqual(["bj-vpc->beijing-idc", "sz-vpc->beijing-idc"]);
    expect(c[LINE_2]).toEqual([]);
  });

  it("keeps cutting the IDC through the shared VPC attachments", () => {
    expect(cuts(twoLines("bgp", "bgp"))["tr-attachment:idc-bj-vpc"]).toEqual(["beijing-idc->bj-vpc", "bj-vpc->beijing-idc"]);
  });
});

describe("redundancyViolations", () => {
  it("fails when a redundant office has one link, naming the link and the pairs it cuts", () => {
    const v = redundancyViolations(tableOf(HUB), ["us-office-1"]);
    expect(v.map((x) => x.element)).toEqual(["vpn-link:us-office-1"]);
    expect(v[0]).toMatchObject({ site: "us-office-1" });
    expect(v[0]!.pairs).toContain("us-office-1->us-vpc");
    expect(v[0]!.pairs).toContain("cn-office-3->us-office-1");
  });

  it("finds none for an office with a standby link: the shared gateway and interconnect stay in the table", () => {
    const j = copyOf(HUB);
    addStandbyLink(j, "us-office-1", "203.0.113.21");
    const t = tableOf(j);
    expect(redundancyViolations(t, ["us-office-1"])).toEqual([]);
    expect(t.rows.find((r) => r.element.id === "vpn-gateway:us-vpc")!.sitesCut).toContain("us-office-1");
  });

  it("fails when a redundant IDC's second line has no health check, naming that line and its links", () => {
    const j = copyOf(IDC);
    const second = addSecondLine(j);
    setHealthChecks(j, firstVbr(j), true);
    setHealthChecks(j, second, false);
    const v = redundancyViolations(tableOf(j), ["beijing-idc"]);
    expect(v.map((x) => x.element)).toEqual(["line:beijing-idc/line-2", "vbr-link:idc-bj-line-2", "vbr-link:idc-sz-line-2"]);
    setHealthChecks(j, second, true);
    expect(redundancyViolations(tableOf(j), ["beijing-idc"])).toEqual([]);
  });
});

describe("resilience: the redundancy examples", () => {
  const example = (file: string) => {
    const t = loadTopologyFile(join(__dirname, "..", "..", "examples", file));
    const json = only(tree(t));
    const intent = topologyIntent(t);
    const promised = intent.pairs().flatMap(([a, b, e]) => (e === "reach" ? [[a, b] as const] : []));
    return { table: resilienceTable(json, namedAfter(sitesFromStack(json), intent.networks()), promised), sites: sitesFromTopology(t), t };
  };

  it("dual-homed-office: a failure of either of in-office-1's links cuts nothing, one of hq's two active links cuts what its VPC routes to it", () => {
    const { table } = example("dual-homed-office.json");
    const c = Object.fromEntries(table.rows.map((r) => [r.element.id, r.pairsCut]));
    expect(c["vpn-link:in-office-1"]).toEqual([]);
    expect(c["vpn-link:in-office-1-standby"]).toEqual([]);
    // us-vpc routes hq to its own gateway, whose only route to hq is over hq-us: a static route is not withdrawn
    expect(c["vpn-link:hq-us"]).toContain("us-vpc->hq");
    expect(c["vpn-link:hq-us"]!.every((p) => p.endsWith("->hq"))).toBe(true);
    expect(redundancyViolations(table, ["in-office-1"])).toEqual([]);
  });

  it("dual-homed-office: the same table from the topology's sites as from the sites read back and named after the promise", () => {
    const { table, sites, t } = example("dual-homed-office.json");
    const fromTopology = resilienceTable(
      only(tree(t)),
      sites,
      table.promised.map((p) => p.split("->") as [string, string]),
    );
    expect(fromTopology.rows.map((r) => [r.element.id, r.pairsCut])).toEqual(table.rows.map((r) => [r.element.id, r.pairsCut]));
  });

  it("redundant-idc: no single failure cuts the data center marked redundant", () => {
    const { table } = example("redundant-idc.json");
    expect(table.rows.filter((r) => r.element.kind === "line")).toHaveLength(2);
    expect(redundancyViolations(table, ["beijing-idc"])).toEqual([]);
  });
});

describe("resilience: one connection's tunnels on two office devices (examples/office-devices.json)", () => {
  const t = loadTopologyFile(join(__dirname, "..", "..", "examples", "office-devices.json"));
  const j = only(tree(t));
  const sites = sitesFromTopology(t);
  const table = resilienceTable(j, sites);
  const row = (id: string) => table.rows.find((r) => r.element.id === id)!;
  const connection = (name: string) =>
    Object.entries(j.resource!.alicloud_vpn_connection!).find(([, c]) => c.vpn_connection_name === name)![0];

  it("lists each tunnel of hq's connections, and neither tunnel alone cuts a pair", () => {
    for (const link of ["hq-app", "hq-data"])
      for (const role of ["master", "slave"]) expect([link, role, row(`vpn-tunnel:${link}/${role}`).pairsCut]).toEqual([link, role, []]);
    expect(row("vpn-link:hq-data").pairsCut).toEqual(["data-vpc->hq"]);
    expect(row("vpn-tunnel:hq-app/master").ownedBy).toEqual(["hq"]);
  });

  it("reads hq back from the JSON alone as one office with both devices, named after the promise", () => {
    const read = namedAfter(sitesFromStack(j), topologyIntent(t).networks());
    expect(read.offices.find((o) => o.cidrs.includes("10.30.0.0/24"))).toMatchObject({
      name: "hq",
      publicIp: "203.0.113.30",
      morePublicIps: ["203.0.113.31"],
    });
    const fromJson = resilienceTable(j, read);
    expect(fromJson.rows.map((r) => [r.element.id, r.pairsCut])).toEqual(table.rows.map((r) => [r.element.id, r.pairsCut]));
  });

  it("fails when both tunnels of a connection are down: the connection carries nothing", () => {
    const address = `alicloud_vpn_connection.${connection("hq-data")}`;
    const down = new Set([`${address}#master`, `${address}#slave`]);
    expect(checkReachability(j, sites).isDelivered("data-vpc", "hq")).toBe(true);
    expect(checkReachability(j, sites, { down }).isDelivered("data-vpc", "hq")).toBe(false);
  });

  it("fails when the slave tunnel's device is no device of the office: with the master down, nothing reaches hq", () => {
    const address = `alicloud_vpn_connection.${connection("hq-data")}`;
    const masterOnly = { ...sites, offices: sites.offices.map((o) => ({ ...o, morePublicIps: [] })) };
    expect(checkReachability(j, masterOnly).isDelivered("data-vpc", "hq")).toBe(true);
    expect(checkReachability(j, masterOnly, { down: new Set([`${address}#master`]) }).isDelivered("data-vpc", "hq")).toBe(false);
    expect(checkReachability(j, sites, { down: new Set([`${address}#master`]) }).isDelivered("data-vpc", "hq")).toBe(true);
  });
});
