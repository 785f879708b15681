/**
 * Front-door rules a fork runs into in its first week: a network no link reaches, a zone
 * that does not exist in its region, and the zone table's own consistency. Seed
 * fixtures only, so a fork's config/ cannot change what these tests mean.
 */
import { existsSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runApp } from "../../app";
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import {
  allowedZones,
  DUAL_TUNNEL_VPN_REGIONS,
  isZoneOf,
  KNOWN_REGIONS,
  REGION_ZONES,
  validateTopology,
  zoneId,
  zonesOf,
} from "../../lib/topology";
import { mutate, vpcOf } from "./draft";

describe("networks no link reaches", () => {
  it("fails when an office is reached by no link, naming the office and the link it needs", () => {
    // GIVEN the hub without us-office-2's VPN link
    const t = mutate(multinationalHub(), (d) => {
      d.links = d.links.filter((l) => !(l.kind === "vpn" && l.office === "us-office-2"));
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN
    expect(issues).toEqual([
      {
        path: "multinational-hub.offices[1].name",
        value: "us-office-2",
        message: expect.stringContaining('allowed: an office named by a link { kind: "vpn", office: "us-office-2"'),
      },
    ]);
    expect(issues[0]!.message).toContain("is reached by no link");
  });

  it("fails when an office with a placeholder IP is reached by no link (it is refused, not silently dropped)", () => {
    // GIVEN an extra office, on an RFC 5737 placeholder address, that no link names
    const t = mutate(multinationalHub(), (d) => {
      d.offices!.push({ name: "berlin", publicIp: "203.0.113.99", cidrs: ["10.30.0.0/24"] });
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([
      { path: "multinational-hub.offices[4].name", value: "berlin", message: expect.stringContaining("is reached by no link") },
    ]);
  });

  it("fails when an IDC is reached by no link", () => {
    // GIVEN the IDC seed without its VBR links
    const t = mutate(idcLeasedLine(), (d) => {
      d.links = [];
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([
      {
        path: "idc-leased-line.idcs[0].name",
        value: "beijing-idc",
        message: expect.stringContaining('allowed: an IDC named by a link { kind: "vbr", idc: "beijing-idc"'),
      },
    ]);
  });

  it("fails synth (exit 1, nothing written) when an office is reached by no link, instead of dropping it", () => {
    // GIVEN the hub with an extra office no link names
    const t = mutate(multinationalHub(), (d) => {
      d.offices!.push({ name: "berlin", publicIp: "203.0.113.99", cidrs: ["10.30.0.0/24"] });
    });
    const outdir = join(mkdtempSync(join(tmpdir(), "unlinked-")), "cdktf.out");
    const problems: string[] = [];
    // WHEN the app synthesizes it
    const code = runApp({ outdir, topologies: { "multinational-hub": t }, only: ["multinational-hub"], log: (m) => problems.push(m) });
    // THEN
    expect(code).toBe(1);
    expect(problems.join("\n")).toContain('offices[4].name = "berlin": is reached by no link');
    expect(existsSync(outdir)).toBe(false);
  });

  it("accepts an office once a VPN link names it", () => {
    // GIVEN the extra office of the test above, with its link
    const t = mutate(multinationalHub(), (d) => {
      d.offices!.push({ name: "berlin", publicIp: "203.0.113.99", cidrs: ["10.30.0.0/24"] });
      d.links.push({ kind: "vpn", name: "berlin", office: "berlin", vpc: "us-vpc" });
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([]);
  });
});

describe("zones against the region's zone list", () => {
  it("fails when a vSwitch is in a zone that does not exist in its region (us-east-1q)", () => {
    // GIVEN
    const t = mutate(multinationalHub(), (d) => {
      vpcOf(d, "us-vpc").vswitches[0]!.zone = "us-east-1q";
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([
      {
        path: "multinational-hub.vpcs[0].vswitches[0].zone",
        value: "us-east-1q",
        message: "does not exist in region us-east-1; allowed: us-east-1a, us-east-1b",
      },
    ]);
  });

  /** The hub's US VPC moved to Singapore, its two vSwitches in zones `a` and `z`. */
  const singapore = (mainZone: string, drZone: string) =>
    mutate(multinationalHub(), (d) => {
      const v = vpcOf(d, "us-vpc");
      v.region = "ap-southeast-1";
      v.vswitches[0]!.zone = mainZone;
      v.vswitches[1]!.zone = drZone;
    });

  it("fails when a VPN gateway's vSwitch is in a misspelled zone, saying the zone does not exist (not that it lacks dual-tunnel support)", () => {
    // GIVEN the disaster-recovery vSwitch in ap-southeast-1q
    const issues = validateTopology(singapore("ap-southeast-1a", "ap-southeast-1q"));
    // THEN one issue, on the zone, with the region's real spelling
    expect(issues).toEqual([
      {
        path: "multinational-hub.vpcs[0].vswitches[1].zone",
        value: "ap-southeast-1q",
        message: "does not exist in region ap-southeast-1; allowed: ap-southeast-1a, ap-southeast-1b, ap-southeast-1c",
      },
    ]);
    expect(JSON.stringify(issues)).not.toContain("dual-tunnel");
  });

  it("fails when a zone is spelled with the mainland's dash in a region that has none (ap-southeast-1-a)", () => {
    const issues = validateTopology(singapore("ap-southeast-1-a", "ap-southeast-1b"));
    expect(issues).toEqual([
      {
        path: "multinational-hub.vpcs[0].vswitches[0].zone",
        value: "ap-southeast-1-a",
        message: expect.stringContaining("allowed: ap-southeast-1a, ap-southeast-1b, ap-southeast-1c"),
      },
    ]);
  });

  it("accepts the hub in Singapore with real zones", () => {
    expect(validateTopology(singapore("ap-southeast-1a", "ap-southeast-1c"))).toEqual([]);
  });

  it("hints with the region's own spelling where its zone list is not transcribed", () => {
    // GIVEN regions without a zone table, one mainland and one not
    expect(zonesOf("ap-south-1")).toBeUndefined();
    expect(zonesOf("cn-north-2-gov-1")).toBeUndefined();
    // THEN
    expect(allowedZones("ap-south-1")).toContain("e.g. ap-south-1a");
    expect(allowedZones("cn-north-2-gov-1")).toContain("e.g. cn-north-2-gov-1-a");
    expect(isZoneOf("ap-south-1a", "ap-south-1")).toBe(true);
    expect(isZoneOf("ap-south-1-finance-1a", "ap-south-1")).toBe(false);
  });
});

describe("the zone table", () => {
  it("lists only regions the provider knows", () => {
    expect(Object.keys(REGION_ZONES).filter((r) => !KNOWN_REGIONS.includes(r))).toEqual([]);
  });

  it("spells every zone the way its region does (mainland `-x`, elsewhere `x`)", () => {
    const misspelt = Object.entries(REGION_ZONES).flatMap(([region, zones]) => zones.filter((z) => z !== zoneId(region, z.slice(-1))));
    expect(misspelt).toEqual([]);
  });

  it("holds every dual-tunnel VPN zone (two transcriptions of the documentation agree)", () => {
    const missing = Object.entries(DUAL_TUNNEL_VPN_REGIONS).flatMap(([region, r]) =>
      (r.zones ?? []).filter((z) => zonesOf(region) !== undefined && !zonesOf(region)!.includes(z)),
    );
    expect(missing).toEqual([]);
  });

  it("holds the zones the seed scenarios were written with", () => {
    const seeds = [multinationalHub(), idcLeasedLine()];
    const zones = seeds.flatMap((t) => t.vpcs.flatMap((v) => v.vswitches.map((s) => [s.zone, v.region] as const)));
    expect(zones.filter(([z, r]) => !isZoneOf(z, r))).toEqual([]);
  });
});
