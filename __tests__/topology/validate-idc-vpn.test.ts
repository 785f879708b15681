import { IdcInterconnectKind, idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { parseTopology, Topology, validateTopology } from "../../lib/topology";
import { Draft, idcOf, mutate, vpcOf } from "./draft";

/** A VPN gateway on bj-vpc (cn-beijing is dual-tunnel: a second vSwitch in another zone). */
function addGateway(t: Draft<Topology>): void {
  const v = vpcOf(t, "bj-vpc");
  v.vswitches.push({ name: "bj-vpn-dr", zone: "cn-beijing-k", cidr: "172.16.9.0/24" });
  v.vpnGateway = { bandwidth: 10, vswitch: "bj-h", disasterRecoveryVswitch: "bj-vpn-dr" };
}

/** Seed 001 with a VPN gateway on bj-vpc, and its data center's device given as a VPN backup. */
function withBackup(interconnect: IdcInterconnectKind, vpc = "bj-vpc"): Topology {
  return mutate(idcLeasedLine(interconnect), (t) => {
    addGateway(t);
    idcOf(t, "beijing-idc").vpnBackup = { vpc, publicIp: "203.0.113.60" };
  });
}

describe("validateTopology: a data center's VPN backup of its leased line", () => {
  it("passes the same seed with the gateway and without vpnBackup (the refusals below are about vpnBackup alone)", () => {
    // GIVEN seed 001 on either interconnect with a VPN gateway on bj-vpc
    for (const how of ["vbr", "transit-router"] as const) {
      // WHEN validated without a backup
      const issues = validateTopology(mutate(idcLeasedLine(how), addGateway));
      // THEN nothing is refused
      expect(issues).toEqual([]);
    }
  });

  it("fails when an IDC on router interfaces is given a VPN backup: no cited failover from the router-interface route", () => {
    // GIVEN seed 001 on router interfaces, its IDC backed by a VPN to bj-vpc's gateway
    const t = withBackup("vbr");
    // WHEN
    const issues = validateTopology(t);
    // THEN one refusal at vpnBackup, naming the reason, the provider lines and the documented form
    expect(issues).toEqual([{ path: "idc-leased-line.idcs[0].vpnBackup", value: "{...}", message: expect.any(String) }]);
    const m = issues[0]!.message;
    for (const s of [
      "over router interfaces",
      "alicloud/resource_alicloud_route_entry.go:88-89",
      "RouterEntryConflict.Duplicated",
      "alicloud/resource_alicloud_express_connect_router_interface.go:84-91",
      "NextHopList",
      "Active/standby connection with IPsec-VPN and Express Connect",
      "allowed: no vpnBackup",
    ])
      expect(m).toContain(s);
  });

  it("fails when an IDC on a transit router is given a VPN backup: the documented form is not built", () => {
    // GIVEN seed 001 on the transit router, its IDC backed by a VPN to bj-vpc's gateway
    const t = withBackup("transit-router");
    // WHEN
    const issues = validateTopology(t);
    // THEN one refusal that names the documented form and what building it needs
    expect(issues).toEqual([{ path: "idc-leased-line.idcs[0].vpnBackup", value: "{...}", message: expect.any(String) }]);
    const m = issues[0]!.message;
    for (const s of ["is on a transit router", "does not build that form", "alicloud_cen_route_entry", "allowed: no vpnBackup"])
      expect(m).toContain(s);
  });

  it("fails when an IDC on no link is given a VPN backup: no line in use to back up", () => {
    // GIVEN the router-interface design with both vbr links removed
    const t = mutate(withBackup("vbr"), (d) => {
      d.links = d.links.filter((l) => l.kind !== "vbr");
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN the backup is refused for that reason, beside the unlinked-IDC refusal
    expect(issues).toContainEqual({
      path: "idc-leased-line.idcs[0].vpnBackup",
      value: "{...}",
      message: expect.stringContaining("no leased line of it is in use for a VPN to back up"),
    });
    expect(issues.map((i) => i.path)).toContain("idc-leased-line.idcs[0].name");
  });

  it("fails when the VPN backup names a VPC without a VPN gateway", () => {
    // GIVEN the backup pointed at sz-vpc, which has no gateway
    const t = withBackup("vbr", "sz-vpc");
    // WHEN
    const issues = validateTopology(t);
    // THEN the field is refused with the VPCs that would do
    expect(issues).toEqual([
      { path: "idc-leased-line.idcs[0].vpnBackup.vpc", value: "sz-vpc", message: expect.stringContaining("allowed: bj-vpc") },
    ]);
  });

  it("fails when a topology file gives vpnBackup an unknown field (the shape is checked before the refusal)", () => {
    // GIVEN the file form of the router-interface design with a misspelt field
    const t = structuredClone(withBackup("vbr")) as unknown as { idcs: Record<string, unknown>[] };
    t.idcs[0]!.vpnBackup = { vpc: "bj-vpc", publicIp: "203.0.113.60", publicIP: "203.0.113.61" };
    // WHEN / THEN the schema names the field
    expect(() => parseTopology(t)).toThrow(/vpnBackup/);
  });
});
