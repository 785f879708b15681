/**
 * The twin against the promise (intent.json): defects planted by hand in a synthesized
 * hub, which the model over the JSON and the packets agree on, must still fail against
 * the promise, with the missing piece named. The intent files here are written by hand
 * (the topology's promise for the seed hub), not produced by the code under test.
 */
import { Testing } from "cdktf";
import { deviceConfigs } from "../../lib/devices";
import { MultinationalHubStack } from "../../stacks/multinational-hub";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { expectedMatrix } from "../../verify/twin/expected";
import { buildPlan, StackJson, TwinManifest } from "../../verify/twin/plan";
import { Intent, missingVpnRoute, parseIntent, promiseMismatches } from "../../verify/twin/promise";

const HUB = Testing.synth(new MultinationalHubStack(Testing.app(), "hub", { topology: multinationalHub() }));
/** A fresh copy of the synthesized seed hub, to plant a defect in. */
type EditableStack = { resource: Record<string, Record<string, Record<string, unknown>>> };
const hubJson = (): EditableStack => JSON.parse(HUB) as EditableStack;

const OFFICES = ["us-office-1", "us-office-2", "cn-office-3", "cn-office-4"];
const INSIDE = ["us-vpc", "cn-vpc", ...OFFICES];
/** The seed hub's promise: every VPC and office reaches every other; the internet reaches none. */
const HUB_INTENT: Intent = {
  version: 1,
  networks: [
    { name: "us-vpc", cidrs: ["172.16.0.0/16"] },
    { name: "cn-vpc", cidrs: ["172.17.0.0/16"] },
    { name: "us-office-1", cidrs: ["10.10.10.0/24"] },
    { name: "us-office-2", cidrs: ["10.10.20.0/24"] },
    { name: "cn-office-3", cidrs: ["10.20.10.0/24"] },
    { name: "cn-office-4", cidrs: ["10.20.20.0/24"] },
    { name: "internet", cidrs: ["0.0.0.0/0"] },
  ],
  mustReach: INSIDE.flatMap((a) => INSIDE.filter((b) => b !== a).map((b) => [a, b] as [string, string])),
  mustNotReach: INSIDE.map((b) => ["internet", b] as [string, string]),
};

/** The promise checked against the model, the way the runner checks it against packets. */
function check(json: StackJson): string[] {
  const manifest = deviceConfigs([{ name: "hub", json }]).manifest as TwinManifest;
  const plan = buildPlan("hub", json, manifest);
  const model = expectedMatrix(json);
  return promiseMismatches(
    HUB_INTENT,
    model.delivered,
    plan.networks.map((n) => n.name),
    (from, to) => missingVpnRoute(plan, from, to) ?? `model: ${model.reasons.get(`${from}->${to}`) ?? "delivered"}`,
  );
}

describe("the twin against intent.json", () => {
  it("keeps the promise of the synthesized seed hub", () => {
    expect(check(hubJson())).toEqual([]);
  });

  it("fails when an alicloud_vpn_route_entry is removed by hand, blaming the missing VPN route entry", () => {
    const json = hubJson();
    const entries = json.resource!.alicloud_vpn_route_entry!;
    const key = Object.keys(entries).find((k) => entries[k]!.route_dest === "10.10.20.0/24")!;
    delete entries[key];
    const got = check(json);
    expect(got).toContain(
      "promised pair us-office-1->us-office-2 unreachable: VPN gateway us-vpc-vpn (vpngw:us-vpc) has no route to us-office-2 (10.10.20.2): " +
        "no alicloud_vpn_route_entry or alicloud_vpn_pbr_route_entry covers it, and connection us-office-2 has auto_config_route = false; " +
        "the gateway sends it back to its VPC",
    );
    // the reply direction names the same missing route
    expect(got.find((m) => m.startsWith("promised pair us-office-2->cn-vpc unreachable:"))).toMatch(
      /the reply: VPN gateway us-vpc-vpn \(vpngw:us-vpc\) has no route to us-office-2/,
    );
    // every pair into or out of us-office-2, and nothing else
    expect(got).toHaveLength(10);
  });

  it("fails when a VPC route entry is removed by hand (10.20.10.0/24 in us-vpc's table), naming the pair", () => {
    const json = hubJson();
    const vpcs = json.resource!.alicloud_vpc!;
    const us = Object.keys(vpcs).find((k) => vpcs[k]!.vpc_name === "us-vpc")!;
    const routes = json.resource!.alicloud_route_entry!;
    const key = Object.keys(routes).find(
      (k) => routes[k]!.destination_cidrblock === "10.20.10.0/24" && routes[k]!.route_table_id === `\${alicloud_vpc.${us}.route_table_id}`,
    )!;
    delete routes[key];
    const got = check(json);
    expect(got).toContain(
      "promised pair us-vpc->cn-office-3 unreachable: model: blackholed: no route to 10.20.10.0 at vpc:us-vpc via vpc:us-vpc",
    );
    // the pairs between cn-office-3 and the US side, both ways, and nothing else
    expect(got).toHaveLength(6);
    expect(got.every((m) => /cn-office-3/.test(m) && /us-/.test(m))).toBe(true);
  });

  it("fails when a pair promised unreachable is delivered", () => {
    const got = promiseMismatches(
      { ...HUB_INTENT, mustReach: [] },
      new Set(["internet->us-vpc"]),
      HUB_INTENT.networks.map((n) => n.name),
      () => "",
    );
    expect(got).toEqual(["pair internet->us-vpc is promised unreachable, but it is delivered"]);
  });

  it("does not require a listed network that no promised pair names", () => {
    const listedOnly = { ...HUB_INTENT, networks: [...HUB_INTENT.networks, { name: "static-idc", cidrs: ["10.100.0.0/16"] }] };
    const all = HUB_INTENT.networks.map((n) => n.name);
    const delivered = new Set(HUB_INTENT.mustReach.map(([a, b]) => `${a}->${b}`));
    expect(promiseMismatches(listedOnly, delivered, all, () => "")).toEqual([]);
  });

  it("fails when a promised network is missing from the twin", () => {
    const got = promiseMismatches(HUB_INTENT, new Set(), ["us-vpc"], () => "");
    expect(got[0]).toBe("promised networks not found: cn-vpc, us-office-1, us-office-2, cn-office-3, cn-office-4, internet");
  });
});

describe("parseIntent", () => {
  const ok = JSON.stringify({ version: 1, networks: [{ name: "a", cidrs: ["10.0.0.0/8"] }], mustReach: [], mustNotReach: [] });

  it("reads the shape synthesis writes", () => {
    expect(parseIntent(ok, "intent.json").networks).toEqual([{ name: "a", cidrs: ["10.0.0.0/8"] }]);
  });

  it("fails when the version is not 1, naming the field and value", () => {
    expect(() => parseIntent(ok.replace('"version":1', '"version":2'), "x/intent.json")).toThrow("x/intent.json: version = 2; allowed: 1");
  });

  it("fails when a pair names a network the file does not list", () => {
    const bad = JSON.stringify({ ...JSON.parse(ok), mustReach: [["a", "b"]] });
    expect(() => parseIntent(bad, "intent.json")).toThrow(/mustReach\[0\] = \["a","b"\]; allowed: names listed in networks \(a\)/);
  });

  it("fails when a CIDR is not one", () => {
    const bad = JSON.stringify({ ...JSON.parse(ok), networks: [{ name: "a", cidrs: ["10.0.0.0/33"] }] });
    expect(() => parseIntent(bad, "intent.json")).toThrow(/networks\[0\]\.cidrs = \["10\.0\.0\.0\/33"\]; allowed: a list of IPv4 CIDRs/);
  });
});
