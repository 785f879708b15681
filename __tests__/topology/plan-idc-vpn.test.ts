/**
 * The planner's routes for a data center's VPN backup on a transit router
 * (examples/idc-vpn-backup.json), stated literally: the transit VPC's single route for
 * the IDC (its gateway), the gateway's route to the connection, the TR's supernet.
 */
import { join, resolve } from "path";
import { backupSibling, backupSupernet, cidr, loadTopologyFile, planRoutes, RouteTablePlan } from "../../lib/topology";

const t = loadTopologyFile(join(resolve(__dirname, "../.."), "examples", "idc-vpn-backup.json"));
const plan = planRoutes(t);
const rows = (table: RouteTablePlan, dest: string) =>
  table.routes.filter((r) => r.destination === dest).map((r) => ({ nextHop: r.nextHop, lpmBackup: r.lpmBackup ?? false }));

describe("planRoutes: a data center's VPN backup on a transit router", () => {
  it("sends the IDC's range in the transit VPC to its VPN gateway only (one route per prefix), and the gateway to the connection", () => {
    expect(rows(plan.table("vpc", "bj-transit"), "10.100.0.0/16")).toEqual([
      { nextHop: { type: "VpnGateway", vpc: "bj-transit" }, lpmBackup: false },
    ]);
    expect(rows(plan.table("vpngw", "bj-transit"), "10.100.0.0/16")).toEqual([
      { nextHop: { type: "VpnConnection", link: "beijing-idc-vpn" }, lpmBackup: false },
    ]);
  });

  it("gives the Beijing TR the line's propagated /16 and the backup /15 to the transit VPC, and leaves the other VPCs on the TR", () => {
    const tr = plan.table("tr", "cn-beijing");
    expect(rows(tr, "10.100.0.0/16")).toEqual([
      { nextHop: { type: "Attachment", link: "idc", attachment: { kind: "vbr", idc: "beijing-idc" } }, lpmBackup: false },
    ]);
    expect(rows(tr, "10.100.0.0/15")).toEqual([
      { nextHop: { type: "Attachment", link: "idc", attachment: { kind: "vpc", vpc: "bj-transit" } }, lpmBackup: true },
    ]);
    expect(rows(plan.table("tr", "cn-shenzhen"), "10.100.0.0/15")).toEqual([]);
    expect(rows(plan.table("vpc", "bj-vpc"), "10.100.0.0/16")).toEqual([
      { nextHop: { type: "Attachment", link: "idc", attachment: { kind: "vpc", vpc: "bj-vpc" } }, lpmBackup: false },
    ]);
  });

  it("routes the transit VPC to the link's other VPCs (it hands the tunnel's traffic on), while they keep no route to each other", () => {
    expect(plan.reaches.get("bj-transit")).toEqual(new Set(["bj-vpc", "sz-vpc", "beijing-idc"]));
    expect(plan.reaches.get("bj-vpc")!.has("sz-vpc")).toBe(false);
  });

  it("computes the supernet and its other half at the edges of the address space", () => {
    expect([backupSupernet(cidr("10.100.0.0/16")).text, backupSibling(cidr("10.100.0.0/16")).text]).toEqual([
      "10.100.0.0/15",
      "10.101.0.0/16",
    ]);
    expect([backupSupernet(cidr("10.101.0.0/16")).text, backupSibling(cidr("10.101.0.0/16")).text]).toEqual([
      "10.100.0.0/15",
      "10.100.0.0/16",
    ]);
    expect([backupSupernet(cidr("10.0.0.0/8")).text, backupSibling(cidr("10.0.0.0/8")).text]).toEqual(["10.0.0.0/7", "11.0.0.0/8"]);
    expect([backupSupernet(cidr("192.0.2.7/32")).text, backupSibling(cidr("192.0.2.7/32")).text]).toEqual(["192.0.2.6/31", "192.0.2.6/32"]);
  });
});
