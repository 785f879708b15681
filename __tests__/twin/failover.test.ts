/**
 * `twin --failover`, the pure part: the plan of an office with two links (the fixture is
 * the synthesized seed hub with cn-office-3 given a standby link by hand), the failure
 * elements, the gateway's choice between weighted routes, the detection and the
 * measurement from ping's losses. The cuts themselves need root and run in
 * verify/twin/failover-check.sh.
 */
import * as fs from "fs";
import * as path from "path";
import {
  afterCheck,
  choiceRoute,
  failoverTable,
  failureElements,
  gatewayChoices,
  measureElement,
  bothWays,
  checkerCut,
  cutMismatch,
  redundantSites,
  watches,
} from "../../verify/twin/failover";
import { resilienceTable } from "../../lib/analysis/resilience";
import { expectedMatrix, namedAsSites, sitesFromJson } from "../../verify/twin/expected";
import { namedByIntent, pickElements } from "../../verify/twin/failover-run";
import { buildPlan, healthCheckOf, ManifestOffice, StackJson, TwinManifest } from "../../verify/twin/plan";

const FIXTURE = path.join(
  __dirname,
  "..",
  "..",
  "verify",
  "twin",
  "fixtures",
  "failover",
  "stacks",
  "multinational-hub-dev",
  "cdk.tf.json",
);
const json = (): StackJson & { resource: Record<string, Record<string, Record<string, unknown>>> } =>
  JSON.parse(fs.readFileSync(FIXTURE, "utf8"));

/** The fixture's promise (intent.json beside it): the networks name the offices as the checker and the twin do. */
const promise = (): { networks: { name: string; cidrs: string[] }[] } =>
  JSON.parse(fs.readFileSync(path.join(path.dirname(FIXTURE), "intent.json"), "utf8"));

const CN_GW = "Network_VpnGateways_CnVpc_0CEDF89C";
const US_GW = "Network_VpnGateways_UsVpc_38E25EC3";
function office(
  connection: string,
  officeIp: string,
  subnet: string,
  gatewayKey: string,
  mode: "policy" | "route" = "policy",
): ManifestOffice {
  const [a, b] = gatewayKey === CN_GW ? ["198.51.100.10", "198.51.100.11"] : ["198.51.100.12", "198.51.100.13"];
  return {
    ...{ connection, office: connection, officeIp, gatewayKey, localSubnets: [subnet], mode },
    swanctl: `${mode}/multinational-hub-dev/${connection}/swanctl.conf`,
    tunnelRoutes: ["172.16.0.0/16", "172.17.0.0/16"],
    tunnels: [
      { role: "master", swanctlName: `${connection}-master`, gatewayIp: a },
      { role: "slave", swanctlName: `${connection}-slave`, gatewayIp: b },
    ],
  };
}
const manifest = (firstMode: "policy" | "route" = "policy"): TwinManifest => ({
  offices: [
    office("cn-office-3", "203.0.113.13", "10.20.10.0/24", CN_GW, firstMode),
    office("cn-office-3-b", "203.0.113.23", "10.20.10.0/24", CN_GW),
    office("cn-office-4", "203.0.113.14", "10.20.20.0/24", CN_GW),
    office("us-office-1", "203.0.113.11", "10.10.10.0/24", US_GW),
    office("us-office-2", "203.0.113.12", "10.10.20.0/24", US_GW),
  ],
  idcs: [],
});

describe("buildPlan: an office with two links", () => {
  const p = buildPlan("multinational-hub-dev", json(), manifest());
  const ns = (label: string) => p.namespaces.find((n) => n.label === label)?.name;

  it("builds one office network and a second device beside the first router", () => {
    expect(p.networks.map((n) => n.name)).toEqual([
      "cn-office-3",
      "cn-office-4",
      "cn-vpc",
      "internet",
      "us-office-1",
      "us-office-2",
      "us-vpc",
    ]);
    const [first, device] = [ns("office:cn-office-3")!, ns("office:cn-office-3-b")!];
    expect(device).toBeDefined();
    const link = p.links.find((l) => l.a === first && l.b === device)!;
    expect(link.why).toBe("office cn-office-3: its device for link cn-office-3-b");
    expect(p.addresses).toContainEqual([device, link.bIf, "10.20.10.3/32"]);
    expect(p.addresses).toContainEqual([device, expect.any(String), "203.0.113.23/32"]);
    // the first router reaches the hub over the device when its own SAs are gone
    const viaDevice = p.routes.filter((r) => r.ns === first && r.args.includes(link.bAddr.split("/")[0]!)).map((r) => r.args[0]);
    expect(viaDevice).toEqual(["172.16.0.0/16", "172.17.0.0/16"]);
    expect(p.charons.filter((c) => c.side === "office").map((c) => c.ns)).toContain(device);
  });

  it("records each connection's site, health check and the gateway's route weights", () => {
    const c3 = p.vpnConnections.filter((c) => c.site === "cn-office-3");
    expect(c3.map((c) => [c.name, c.officeIp, c.vpc, c.healthCheck])).toEqual([
      ["cn-office-3", "203.0.113.13", "cn-vpc", { intervalS: 2, retry: 3 }],
      ["cn-office-3-b", "203.0.113.23", "cn-vpc", undefined],
    ]);
    const gw = p.vpnGateways.find((g) => g.label === "vpngw:cn-vpc")!;
    expect(gw.routes.filter((r) => r.dest === "10.20.10.0/24").map((r) => [r.connection, r.weight])).toEqual([
      ["cn-office-3", 100],
      ["cn-office-3-b", 0],
    ]);
    // at bring-up the gateway sends the office's subnet to the active connection
    const active = p.vpnConnections.find((c) => c.name === "cn-office-3")!;
    expect(p.routes.filter((r) => r.ns === gw.ns && r.args[0] === "10.20.10.0/24").map((r) => r.args.join(" "))).toEqual([
      `10.20.10.0/24 via ${active.via}`,
    ]);
  });

  it("fails when an office with two links has a route-based file", () => {
    expect(() => buildPlan("multinational-hub-dev", json(), manifest("route"))).toThrow(
      /office cn-office-3 has several links \(cn-office-3, cn-office-3-b\) and a route-based file.*allowed: --office-mode policy or mixed/,
    );
  });

  it("fails when a health check's interval is not a whole number from 1", () => {
    expect(() => healthCheckOf("alicloud_vpn_connection.X", { health_check_config: { enable: true, interval: 0, retry: 3 } })).toThrow(
      "alicloud_vpn_connection.X.health_check_config.interval = 0; allowed: a whole number from 1",
    );
    expect(healthCheckOf("x", { health_check_config: { enable: false, interval: 2, retry: 3 } })).toBeUndefined();
  });
});

describe("buildPlan: one office device with links to two gateways", () => {
  // the standby link moved to the US gateway from the office's own device: one charon, both files
  const j = json();
  const c = j.resource.alicloud_vpn_connection!["Network_Links_CnOffice3B_Connection_7D2B91E4"]!;
  c.vpn_gateway_id = `\${alicloud_vpn_gateway.${US_GW}.id}`;
  const m = manifest();
  const offices = m.offices.map((o) =>
    o.connection === "cn-office-3-b" ? { ...office("cn-office-3-b", "203.0.113.13", "10.20.10.0/24", US_GW) } : o,
  );
  const p = buildPlan("multinational-hub-dev", j, { ...m, offices });

  it("runs both links' files in the office router's one charon", () => {
    expect(p.namespaces.filter((n) => n.kind === "office").map((n) => n.label)).toEqual([
      "office:cn-office-3",
      "office:cn-office-4",
      "office:us-office-1",
      "office:us-office-2",
    ]);
    const router = p.namespaces.find((n) => n.label === "office:cn-office-3")!.name;
    const charon = p.charons.find((x) => x.ns === router)!;
    expect(charon.swanctl).toEqual({ file: "policy/multinational-hub-dev/cn-office-3/swanctl.conf" });
    expect(charon.alsoFiles).toEqual(["policy/multinational-hub-dev/cn-office-3-b/swanctl.conf"]);
    expect(charon.children).toEqual(["cn-office-3-master", "cn-office-3-slave", "cn-office-3-b-master", "cn-office-3-b-slave"]);
    expect(p.vpnConnections.filter((x) => x.site === "cn-office-3").map((x) => [x.name, x.vpc])).toEqual([
      ["cn-office-3", "cn-vpc"],
      ["cn-office-3-b", "us-vpc"],
    ]);
  });

  it("has an element per link and per gateway, each one the checker's single-failure table has too", () => {
    const es = failureElements(p);
    expect(es.map((e) => e.id)).toEqual(["vpn-link:cn-office-3", "vpn-link:cn-office-3-b", "vpn-gateway:cn-vpc", "vpn-gateway:us-vpc"]);
    const table = resilienceTable(j, sitesFromJson(j));
    for (const e of es) expect(checkerCut(table, e.id, [])).toEqual([]);
    expect(checkerCut(table, "vpn-link:nope", [])).toBeUndefined();
  });
});

describe("buildPlan: a dual-tunnel connection whose tunnels end on two office devices", () => {
  // cn-office-3's connection split as office-configs writes it: the master tunnel on the
  // office's device, the slave tunnel on a second device (its own customer gateway)
  const split = (roles: readonly string[]): TwinManifest => {
    const m = manifest();
    const first = m.offices.find((o) => o.connection === "cn-office-3")!;
    const second: ManifestOffice = {
      ...first,
      office: "cn-office-3-slave",
      officeIp: "203.0.113.33",
      swanctl: "policy/multinational-hub-dev/cn-office-3-device-2/swanctl.conf",
      tunnels: first.tunnels.filter((t) => t.role === "slave"),
    };
    const master = { ...first, tunnels: first.tunnels.filter((t) => roles.includes(t.role) && t.role === "master") };
    return { ...m, offices: m.offices.flatMap((o) => (o === first ? [master, second] : [o])) };
  };
  const p = buildPlan("multinational-hub-dev", json(), split(["master", "slave"]));
  const conn = p.vpnConnections.find((c) => c.name === "cn-office-3")!;

  it("gives the connection a WAN link per device and each tunnel of its cloud end the device's address", () => {
    expect(conn.tunnels!.map((t) => [t.role, t.officeIp])).toEqual([
      ["master", "203.0.113.13"],
      ["slave", "203.0.113.33"],
    ]);
    expect(conn.tunnels![0]!.wanIf).not.toEqual(conn.tunnels![1]!.wanIf);
    expect(conn.wanIf).toEqual(conn.tunnels![0]!.wanIf);
    const cloud = p.charons.find((c) => c.ns === conn.ns)!;
    const body = (cloud.swanctl as { inline: string }).inline;
    expect(body).toMatch(/gw-cn-office-3-master \{[^}]*remote_addrs = 203\.0\.113\.13/);
    expect(body).toMatch(/gw-cn-office-3-slave \{[^}]*remote_addrs = 203\.0\.113\.33/);
    const toDevice = p.routes.filter((r) => r.ns === conn.ns && /^203\.0\.113\.\d+\/32$/.test(r.args[0]!));
    expect(toDevice.map((r) => [r.args[0], r.args[4]])).toEqual([
      ["203.0.113.13/32", conn.tunnels![0]!.wanIf],
      ["203.0.113.33/32", conn.tunnels![1]!.wanIf],
    ]);
  });

  it("runs the second device on the office's network with the slave tunnel's file", () => {
    const devices = p.namespaces.filter((n) => n.kind === "office" && n.label.startsWith("office:cn-office-3"));
    // the fixture's standby link cn-office-3-b has a device of its own too
    expect(devices.map((n) => n.label)).toEqual(["office:cn-office-3", "office:cn-office-3-slave", "office:cn-office-3-b"]);
    const charon = p.charons.find((c) => c.ns === devices[1]!.name)!;
    expect(charon.children).toEqual(["cn-office-3-slave"]);
    expect(p.networks.filter((n) => n.name.startsWith("cn-office-3")).map((n) => n.name)).toEqual(["cn-office-3"]);
  });

  it("cuts each tunnel alone on its own WAN link and the link on both, as elements the checker's table has", () => {
    const es = failureElements(p);
    const byId = new Map(es.map((e) => [e.id, e]));
    expect(byId.get("vpn-tunnel:cn-office-3/master")!.cut).toEqual([{ ns: conn.ns, dev: conn.tunnels![0]!.wanIf }]);
    expect(byId.get("vpn-tunnel:cn-office-3/slave")!.cut).toEqual([{ ns: conn.ns, dev: conn.tunnels![1]!.wanIf }]);
    expect(byId.get("vpn-link:cn-office-3")!.cut.map((c) => c.dev)).toEqual(conn.tunnels!.map((t) => t.wanIf));
    expect(byId.get("vpn-gateway:cn-vpc")!.cut.filter((c) => c.ns === conn.ns)).toHaveLength(2);
    const j = json();
    const table = resilienceTable(j, sitesFromJson(j));
    for (const id of ["vpn-tunnel:cn-office-3/master", "vpn-tunnel:cn-office-3/slave"]) expect(checkerCut(table, id, [])).toEqual([]);
  });

  it("fails when no device of the connection has a tunnel of a role the JSON gives it", () => {
    expect(() => buildPlan("multinational-hub-dev", json(), split(["slave"]))).toThrow(
      /tunnel_options_specification\[0\]: tunnel role master has no counterpart in the office config of cn-office-3, cn-office-3-slave/,
    );
  });
});

describe("namedByIntent: an office with several links takes the promise's name", () => {
  it("renames the office with several links after the narrowest promised CIDR holding its address, and its connections' site", () => {
    const p = buildPlan("multinational-hub-dev", json(), manifest());
    const intent = {
      version: 1,
      networks: [
        { name: "internet", cidrs: ["0.0.0.0/0"] },
        { name: "shanghai-branch", cidrs: ["10.20.10.0/24"] },
        { name: "all-offices", cidrs: ["10.0.0.0/8"] },
      ],
      mustReach: [],
      mustNotReach: [],
    } as unknown as Parameters<typeof namedByIntent>[1];
    const q = namedByIntent(p, intent);
    // cn-office-4 and the US offices have one link each: their names stay
    expect(q.networks.map((n) => n.name)).toEqual([
      "shanghai-branch",
      "cn-office-4",
      "cn-vpc",
      "internet",
      "us-office-1",
      "us-office-2",
      "us-vpc",
    ]);
    expect(new Set(q.vpnConnections.filter((c) => c.name.startsWith("cn-office-3")).map((c) => c.site))).toEqual(
      new Set(["shanghai-branch"]),
    );
    expect(namedByIntent(p, undefined)).toBe(p);
  });
});

describe("the plain run's names: an office with several links is one network on both sides", () => {
  const promised = [
    { name: "shanghai-branch", cidrs: ["10.20.10.0/24"] },
    { name: "cn-vpc", cidrs: ["172.17.0.0/16"] },
  ];

  it("reads both devices of cn-office-3 as one site named after the promise, in the model and in the plan", () => {
    const sites = sitesFromJson(json(), promised);
    const branch = sites.offices.filter((o) => o.cidrs.includes("10.20.10.0/24"));
    expect(branch.map((o) => o.name)).toEqual(["shanghai-branch"]);
    expect(branch[0]!.morePublicIps).toHaveLength(1);
    const plan = namedAsSites(buildPlan("multinational-hub-dev", json(), manifest()), sites);
    expect(plan.networks.map((n) => n.name).filter((n) => n.startsWith("cn-office-3") || n === "shanghai-branch")).toEqual([
      "shanghai-branch",
    ]);
    expect(new Set(plan.vpnConnections.filter((c) => c.name.startsWith("cn-office-3")).map((c) => c.site))).toEqual(
      new Set(["shanghai-branch"]),
    );
  });

  it("gives the model's matrix and the plan the same network names, with and without a promise", () => {
    for (const p of [promised, undefined]) {
      const plan = namedAsSites(buildPlan("multinational-hub-dev", json(), manifest()), sitesFromJson(json(), p));
      expect([...expectedMatrix(json(), p).networks].sort()).toEqual(plan.networks.map((n) => n.name).sort());
    }
  });

  it("fails to agree when the plan is not renamed: the model has no network named after the first link's gateway", () => {
    const plan = buildPlan("multinational-hub-dev", json(), manifest());
    const model = expectedMatrix(json(), promised).networks;
    expect(plan.networks.map((n) => n.name).filter((n) => !model.includes(n))).toEqual(["cn-office-3"]);
  });
});

describe("failover elements and the gateway's choice", () => {
  const p = buildPlan("multinational-hub-dev", json(), manifest());
  const conn = (n: string) => p.vpnConnections.find((c) => c.name === n)!;

  it("finds the redundant office and every element touching it", () => {
    expect([...redundantSites(p).keys()]).toEqual(["cn-office-3"]);
    const es = failureElements(p);
    expect(es.map((e) => e.id)).toEqual(["vpn-link:cn-office-3", "vpn-link:cn-office-3-b", "vpn-gateway:cn-vpc"]);
    expect(es[0]!.cut).toEqual([{ ns: conn("cn-office-3").ns, dev: conn("cn-office-3").wanIf }]);
    const gw = es[2]!;
    expect(gw.connections).toEqual(["cn-office-3", "cn-office-3-b", "cn-office-4"]);
    expect(gw.cut[0]).toEqual({ ns: conn("cn-office-3").gatewayNs, dev: conn("cn-office-3").gatewayVpcIf });
    expect(gw.cut).toHaveLength(4);
  });

  it("uses the weight-100 route while its connection is up, the weight-0 one when it is down, and drops when both are", () => {
    const pick = (down: string[]) => gatewayChoices(p, new Set(down)).map((c) => [c.dest, c.connection, c.via]);
    expect(pick([])).toEqual([["10.20.10.0/24", "cn-office-3", conn("cn-office-3").via]]);
    expect(pick(["cn-office-3"])).toEqual([["10.20.10.0/24", "cn-office-3-b", conn("cn-office-3-b").via]]);
    const none = gatewayChoices(p, new Set(["cn-office-3", "cn-office-3-b"]));
    expect(none.map(choiceRoute)).toEqual([["unreachable", "10.20.10.0/24"]]);
  });

  it("watches the active connection by its health check and the standby by DPD; down after retry misses, up at the first success", () => {
    const ws = watches(p);
    expect(ws).toEqual([
      { connection: "cn-office-3", everyS: 2, misses: 3, by: "health-check" },
      { connection: "cn-office-3-b", everyS: 1, misses: 1, by: "dpd" },
    ]);
    let s = { misses: 0, down: false };
    s = afterCheck(s, false, ws[0]!);
    s = afterCheck(s, false, ws[0]!);
    expect(s).toEqual({ misses: 2, down: false });
    s = afterCheck(s, false, ws[0]!);
    expect(s).toEqual({ misses: 3, down: true });
    expect(afterCheck(s, true, ws[0]!)).toEqual({ misses: 0, down: false });
  });

  it("expects, from the checker's table, no pair cut for either link and every pair of the gateway's offices for the gateway", () => {
    const pairs = [
      ["cn-office-3", "us-vpc"],
      ["us-vpc", "cn-office-4"],
      ["cn-vpc", "us-vpc"],
    ] as const;
    const table = resilienceTable(json(), sitesFromJson(json(), promise().networks), bothWays(pairs));
    const [a, b, g] = failureElements(namedAsSites(p, sitesFromJson(json(), promise().networks)));
    expect(checkerCut(table, a!.id, pairs)).toEqual([]);
    expect(checkerCut(table, b!.id, pairs)).toEqual([]);
    expect(checkerCut(table, g!.id, pairs)).toEqual(["cn-office-3->us-vpc", "us-vpc->cn-office-4"]);
  });
});

describe("pickElements: --element", () => {
  const es = failureElements(buildPlan("multinational-hub-dev", json(), manifest()));

  it("keeps the named elements, or all without a name", () => {
    expect(pickElements(es, ["vpn-gateway:cn-vpc"], "hub").map((e) => e.id)).toEqual(["vpn-gateway:cn-vpc"]);
    expect(pickElements(es, [], "hub")).toHaveLength(3);
  });

  it("fails when --element names no element of the stack", () => {
    expect(() => pickElements(es, ["vpn-link:nope"], "hub")).toThrow(
      "--element vpn-link:nope: not a failure element of hub; allowed: vpn-link:cn-office-3, vpn-link:cn-office-3-b, vpn-gateway:cn-vpc",
    );
  });
});

describe("checkerCut: the checker's table on a defective design", () => {
  it("cuts the office's pairs at its active link when the standby link has no weight-0 route", () => {
    const j = json();
    delete j.resource.alicloud_vpn_route_entry!["Network_VpnGateways_CnVpc_Routes_CnOffice3B-10-20-10-0-24_0B5E7A19"];
    const p = buildPlan("multinational-hub-dev", j, manifest());
    const [active, standby] = failureElements(p);
    // one direction only: the checker's one-way cut of either direction makes the round trip cut
    const pairs = [["cn-office-3", "us-vpc"]] as const;
    const table = resilienceTable(j, sitesFromJson(j, promise().networks), bothWays(pairs));
    expect(checkerCut(table, active!.id, pairs)).toEqual(["cn-office-3->us-vpc"]);
    expect(checkerCut(table, standby!.id, pairs)).toEqual([]);
    expect(gatewayChoices(p, new Set(["cn-office-3"]))).toEqual([]);
  });
});

describe("measureElement: what the probes say about one cut", () => {
  const every = (from: number, to: number) => Array.from({ length: Math.round((to - from) / 0.5) + 1 }, (_, i) => from + i * 0.5);
  const window = { cutAt: 100, endAt: 110, tailS: 2, intervalS: 0.5 };

  it("counts a pair that lost probes and got through again as recovered at its last loss plus one interval", () => {
    const m = measureElement("vpn-link:a", [{ from: "x", to: "y", sent: 21, sentAt: every(100, 110), lostAt: every(100, 103) }], window);
    expect(m).toEqual({ element: "vpn-link:a", pairsCut: [], recoveryS: 3.5, lost: 7, sent: 21 });
  });

  it("counts a pair losing every probe of the last seconds as cut, and ignores probes before the cut", () => {
    const m = measureElement(
      "vpn-gateway:v",
      [
        { from: "x", to: "y", sent: 25, sentAt: every(98, 110), lostAt: every(98, 99).concat(every(104, 110)) },
        { from: "y", to: "x", sent: 21, sentAt: every(100, 110), lostAt: [] },
      ],
      window,
    );
    expect(m).toEqual({ element: "vpn-gateway:v", pairsCut: ["x->y"], recoveryS: undefined, lost: 13, sent: 42 });
  });

  it("prints the table with the checker's verdict beside the measurement", () => {
    const lines = failoverTable("hub", [
      { element: "vpn-link:a", pairsCut: [], recoveryS: 17.6, lost: 851, sent: 4424, expected: [] },
      { element: "vpn-gateway:v", pairsCut: ["x->y"], lost: 9, sent: 10, expected: [] },
      { element: "tr-attachment:t", pairsCut: [], lost: 0, sent: 10 },
    ]);
    expect(lines[3]).toMatch(/\| vpn-link:a +\| 0 +\| 17\.6 +\| 851 of 4424 +\| agrees \(0 cut\) +\|/);
    expect(lines[4]).toMatch(/\| vpn-gateway:v +\| 1 +\| - +\| 9 of 10 +\| DIFFERS: checker 0 cut +\|/);
    expect(lines[5]).toMatch(/\| tr-attachment:t .*\| NOT IN THE CHECKER'S TABLE +\|/);
  });

  it("fails when the packets and the checker disagree, naming the element and the pairs each side alone cuts", () => {
    const row = { element: "vpn-link:a", pairsCut: ["x->y", "y->x"], lost: 9, sent: 10, expected: ["x->y", "x->z"] };
    expect(cutMismatch(row)).toBe(
      "MISMATCH vpn-link:a: the packets cut 2 pairs, the checker 2; cut by the packets only: y->x; cut by the checker only: x->z",
    );
    expect(cutMismatch({ ...row, expected: ["x->y", "y->x"] })).toBeUndefined();
    expect(cutMismatch({ ...row, expected: undefined })).toMatch(
      /^MISMATCH vpn-link:a: not an element of the checker's single-failure table/,
    );
  });
});
