import { IdcInterconnectKind, idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { parseTopology, Topology, validateTopology } from "../../lib/topology";
import { Draft, idcOf, linkOf, mutate, vpcOf } from "./draft";

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
      "allowed: vpnBackup only for an IDC on a transit-router link",
    ])
      expect(m).toContain(s);
  });

  it("passes an IDC on a transit router backed by a VPN to a gateway VPC of its link and region", () => {
    // GIVEN seed 001 on the transit router, its IDC (BGP) backed by a VPN to bj-vpc's gateway
    const t = withBackup("transit-router");
    // WHEN / THEN the longest-prefix form is accepted
    expect(validateTopology(t)).toEqual([]);
  });

  it("fails when the transit VPC is in another region than the IDC (the backup route must sit in the TR that learns the line)", () => {
    // GIVEN the backup pointed at sz-vpc (cn-shenzhen) with a gateway of its own
    const t = mutate(withBackup("transit-router"), (d) => {
      vpcOf(d, "sz-vpc").vpnGateway = { bandwidth: 10, vswitch: "sz-d", disasterRecoveryVswitch: "sz-e" };
      idcOf(d, "beijing-idc").vpnBackup = { vpc: "sz-vpc", publicIp: "203.0.113.60" };
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([
      {
        path: "idc-leased-line.idcs[0].vpnBackup.vpc",
        value: "sz-vpc",
        message: expect.stringContaining("allowed: a VPC of the link in cn-beijing"),
      },
    ]);
  });

  it("fails when the transit VPC is not on the IDC's transit-router link", () => {
    // GIVEN bj-vpc taken off the link (the IDC keeps sz-vpc)
    const t = mutate(withBackup("transit-router"), (d) => {
      linkOf(d, "idc", "transit-router").vpcs = ["sz-vpc"];
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN the field names the link's VPCs
    expect(issues).toContainEqual({
      path: "idc-leased-line.idcs[0].vpnBackup.vpc",
      value: "bj-vpc",
      message: expect.stringMatching(/^is not on the transit-router link of IDC beijing-idc: .*; allowed: sz-vpc$/),
    });
  });

  it("fails when the line is static without a health check: its route is never withdrawn, the backup never takes over", () => {
    // GIVEN the IDC without BGP
    const t = mutate(withBackup("transit-router"), (d) => {
      delete idcOf(d, "beijing-idc").bgp;
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([
      {
        path: "idc-leased-line.idcs[0].bgp",
        value: "(none)",
        message: expect.stringContaining("allowed: bgp, or a healthCheck on the line"),
      },
    ]);
  });

  it("passes a static line with a VBR health check (the check withdraws the route)", () => {
    // GIVEN the IDC without BGP but with a health check on its line
    const t = mutate(withBackup("transit-router"), (d) => {
      const idc = idcOf(d, "beijing-idc");
      delete idc.bgp;
      idc.healthCheck = { sourceIp: "192.168.255.1", targetIp: "10.255.0.2" };
    });
    // WHEN / THEN
    expect(validateTopology(t).filter((i) => i.path.includes("idcs[0]"))).toEqual([]);
  });

  it("fails when the other half of the backup supernet overlaps a network (it would capture that traffic)", () => {
    // GIVEN sz-vpc moved to 10.101.0.0/16, the other half of 10.100.0.0/15
    const t = mutate(withBackup("transit-router"), (d) => {
      const v = vpcOf(d, "sz-vpc");
      v.cidr = "10.101.0.0/16";
      v.vswitches[0]!.cidr = "10.101.0.0/24";
      v.vswitches[1]!.cidr = "10.101.1.0/24";
    });
    // WHEN / THEN the IDC range is refused, naming the supernet, the half and the network
    expect(validateTopology(t)).toEqual([
      {
        path: "idc-leased-line.idcs[0].cidrs[0]",
        value: "10.100.0.0/16",
        message: expect.stringMatching(
          /backup route 10\.100\.0\.0\/15 .* covers 10\.101\.0\.0\/16, which overlaps sz-vpc .*allowed: an IDC range whose other half/,
        ),
      },
    ]);
  });

  it("fails when an IDC range is /1: its supernet would be the whole address space", () => {
    // GIVEN an IDC range of half the address space
    const t = mutate(withBackup("transit-router"), (d) => {
      idcOf(d, "beijing-idc").cidrs = ["0.0.0.0/1"];
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN the backup names why
    expect(issues).toContainEqual({
      path: "idc-leased-line.idcs[0].cidrs[0]",
      value: "0.0.0.0/1",
      message: expect.stringContaining("allowed: /2 to /32"),
    });
  });

  it("fails when the IDC device's address is private", () => {
    // GIVEN a private device address
    const t = mutate(withBackup("transit-router"), (d) => {
      idcOf(d, "beijing-idc").vpnBackup = { vpc: "bj-vpc", publicIp: "10.0.0.9" };
    });
    // WHEN / THEN
    expect(validateTopology(t)).toEqual([
      { path: "idc-leased-line.idcs[0].vpnBackup.publicIp", value: "10.0.0.9", message: expect.stringContaining("not a public IPv4") },
    ]);
  });

  it("fails when the IDC's device address is an office's device address (one customer gateway per address and region)", () => {
    // GIVEN an office on the seed whose gateway address is the IDC device's
    const t = mutate(withBackup("transit-router"), (d) => {
      d.offices = [{ name: "bj-office", publicIp: "203.0.113.60", cidrs: ["10.50.0.0/24"] }];
      d.links.push({ kind: "vpn", name: "bj-office", office: "bj-office", vpc: "bj-vpc" });
    });
    // WHEN
    const issues = validateTopology(t);
    // THEN the IDC's address is refused, naming the office and the API's rule
    expect(issues).toContainEqual({
      path: "idc-leased-line.idcs[0].vpnBackup.publicIp",
      value: "203.0.113.60",
      message: expect.stringMatching(/^is also the device address of office bj-office; .*InvalidIpAddress\.AlreadyExist.*; allowed: /),
    });
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
