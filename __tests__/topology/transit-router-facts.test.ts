/**
 * Transit-router facts (lib/topology/transit-router-facts.ts): the table covers every
 * region the seeds and examples use, spells zones the way the topologies do, gives every
 * row a source, and its lookups answer "unknown" rather than guess where a fact is not
 * sourced.
 */
import { existsSync, readdirSync, readFileSync } from "fs";
import { homedir } from "os";
import { join } from "path";
import { seedTopologies } from "../fixtures/seeds";
import { KNOWN_REGIONS } from "../../lib/topology/regions";
import {
  FactSource,
  PEER_BANDWIDTH_MODES,
  TR_AUTO_PUBLISH,
  TR_CHARGES,
  TR_IPSEC,
  TR_PROPAGATION,
  TR_QUOTAS,
  TR_REGIONS,
  trRegion,
  trSupportsZone,
  UNSOURCED_TR_FACTS,
  VPN_ATTACHMENT_TUNNEL_OPTIONS_SINCE,
  vswitchZonesNeeded,
} from "../../lib/topology/transit-router-facts";

interface Located {
  readonly region: string;
  readonly vswitches?: readonly { readonly zone: string }[];
}
interface CdktfJson {
  readonly terraformProviders: readonly { readonly name: string; readonly version: string }[];
}
interface TopologyLike {
  readonly name: string;
  readonly vpcs: readonly Located[];
  readonly idcs?: readonly Located[];
}

const EXAMPLES = join(__dirname, "..", "..", "examples");
const topologies: TopologyLike[] = [
  ...Object.values(seedTopologies("router-interface")),
  ...Object.values(seedTopologies("peering")),
  ...readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(EXAMPLES, f), "utf8")) as TopologyLike),
];
const usedRegions = [...new Set(topologies.flatMap((t) => [...t.vpcs, ...(t.idcs ?? [])].map((x) => x.region)))].sort();
const usedZones = topologies.flatMap((t) => t.vpcs.flatMap((v) => (v.vswitches ?? []).map((s) => ({ region: v.region, zone: s.zone }))));

const allSources: FactSource[] = [
  ...TR_REGIONS.flatMap((r) => [r.enterpriseEditionSource, ...(r.zonesSource ? [r.zonesSource] : [])]),
  ...Object.values(TR_QUOTAS).map((q) => q.source),
  ...PEER_BANDWIDTH_MODES.flatMap((m) => m.sources),
  ...TR_PROPAGATION.map((p) => p.source),
  ...TR_CHARGES.flatMap((c) => c.sources),
  ...Object.values(TR_AUTO_PUBLISH).map((f) => f.source),
  ...Object.values(TR_IPSEC).map((f) => f.source),
];

describe("transit-router facts", () => {
  it("has a row for every region the seed and example topologies use", () => {
    expect(usedRegions.length).toBeGreaterThan(0);
    expect(usedRegions.filter((r) => trRegion(r) === undefined)).toEqual([]);
  });

  it("lists each region once, and only regions the pinned provider knows", () => {
    const regions = TR_REGIONS.map((r) => r.region);
    expect(new Set(regions).size).toBe(regions.length);
    expect(regions.filter((r) => !KNOWN_REGIONS.includes(r))).toEqual([]);
  });

  it("spells zones as zone IDs of their region, the way the topologies spell them (cn-shanghai-b)", () => {
    for (const r of TR_REGIONS) {
      for (const z of r.zones ?? []) expect(z).toMatch(new RegExp(`^${r.region}-[a-z]$`));
      if (r.zones) expect(r.zonesSource).toBeDefined();
    }
    const cnStyle = usedZones.filter((u) => u.region.startsWith("cn-"));
    expect(cnStyle.length).toBeGreaterThan(0);
    for (const u of cnStyle) expect(u.zone).toMatch(new RegExp(`^${u.region}-[a-z]$`));
  });

  it("gives every row a source with a title and an address or provider file:line", () => {
    expect(allSources.length).toBeGreaterThan(TR_REGIONS.length);
    for (const s of allSources) {
      expect(s.title.trim().length).toBeGreaterThan(10);
      expect(s.url).toMatch(
        /^(https:\/\/[a-z.]*(alibabacloud\.com|aliyun\.com)\/\S+|https:\/\/github\.com\/aliyun\/terraform-provider-alicloud\/\S+|alicloud\/\w+\.go:\d+|website\/docs\/[a-z]\/\w+\.html\.markdown:\d+)$/,
      );
    }
  });

  it("cites provider lines that exist and hold what the title names in backticks, where the provider source is on this machine", () => {
    const dir = join(homedir(), "go/pkg/mod/github.com/aliyun/terraform-provider-alicloud@v1.240.0");
    const cited = allSources.filter((s) => /^(alicloud|website)\//.test(s.url));
    expect(cited.length).toBeGreaterThan(3);
    if (!existsSync(dir)) return;
    for (const s of cited) {
      const [file, line] = s.url.split(":") as [string, string];
      const text = readFileSync(join(dir, file), "utf8").split("\n")[Number(line) - 1] ?? "";
      const named = [...s.title.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      expect({ url: s.url, named: named.length > 0 }).toEqual({ url: s.url, named: true });
      expect({ url: s.url, holds: named.some((n) => text.includes(n)) }).toEqual({ url: s.url, holds: true });
    }
  });

  it("holds quotas as positive integers", () => {
    for (const [key, q] of Object.entries(TR_QUOTAS)) {
      expect({ key, ok: Number.isInteger(q.value) && q.value > 0 }).toEqual({ key, ok: true });
    }
    expect(TR_QUOTAS.transitRoutersPerRegionPerCen.value).toBe(1);
  });

  it("says what a VPC attachment propagates and what it does not, and that a VBR's routes are propagated", () => {
    const vpc = TR_PROPAGATION.filter((p) => p.attachment === "vpc");
    expect(vpc.some((p) => p.propagated && /vSwitch/.test(p.routes))).toBe(true);
    expect(vpc.some((p) => !p.propagated && /VPN gateway/.test(p.routes))).toBe(true);
    expect(TR_PROPAGATION.filter((p) => p.attachment === "vbr").every((p) => p.propagated)).toBe(true);
  });

  it("names both inter-region bandwidth modes with who pays, and lists what it could not source", () => {
    expect(PEER_BANDWIDTH_MODES.map((m) => m.bandwidthType).sort()).toEqual(["BandwidthPackage", "DataTransfer"]);
    for (const m of PEER_BANDWIDTH_MODES)
      expect({ mode: m.bandwidthType, payer: m.payer.length > 10 }).toEqual({ mode: m.bandwidthType, payer: true });
    expect(UNSOURCED_TR_FACTS.length).toBeGreaterThan(0);
  });

  it("holds that the pinned alicloud_vpn_gateway_vpn_attachment has no tunnel options, which a later provider adds, where the provider source is on this machine", () => {
    const pin = (JSON.parse(readFileSync(join(__dirname, "..", "..", "cdktf.json"), "utf8")) as CdktfJson).terraformProviders.find(
      (p) => p.name === "alicloud",
    )!.version;
    const semver = (v: string) => v.split(".").map(Number);
    const [a, b] = [semver(VPN_ATTACHMENT_TUNNEL_OPTIONS_SINCE), semver(pin)];
    expect(a[0]! * 1e6 + a[1]! * 1e3 + a[2]! > b[0]! * 1e6 + b[1]! * 1e3 + b[2]!).toBe(true);
    const dir = join(homedir(), `go/pkg/mod/github.com/aliyun/terraform-provider-alicloud@v${pin}/alicloud`);
    if (!existsSync(dir)) return;
    const src = (f: string) => readFileSync(join(dir, f), "utf8");
    expect(src("resource_alicloud_vpn_gateway_vpn_attachment.go")).not.toContain("tunnel_options_specification");
    expect(src("resource_alicloud_vpn_connection.go")).toContain('"tunnel_options_specification"');
  });
});

describe("transit-router fact lookups", () => {
  it("knows a documented TR zone and the documented counter-example (cn-hangzhou-g has no TR)", () => {
    expect(trSupportsZone("cn-hangzhou", "cn-hangzhou-h")).toBe(true);
    expect(trSupportsZone("cn-hangzhou", "cn-hangzhou-g")).toBe(false);
  });

  it("answers unknown (undefined) where the region's zones are not sourced, or the region is not in the table", () => {
    expect(trSupportsZone("cn-beijing", "cn-beijing-h")).toBeUndefined();
    expect(vswitchZonesNeeded("cn-beijing")).toBeUndefined();
    expect(trSupportsZone("ap-south-1", "ap-south-1a")).toBeUndefined();
  });

  it("needs vSwitches in two zones in a multi-zone TR region", () => {
    expect(vswitchZonesNeeded("cn-shanghai")).toBe(2);
    expect(vswitchZonesNeeded("cn-hangzhou")).toBe(2);
  });
});
