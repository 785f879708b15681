/**
 * A data center's VPN backup on a transit router (examples/idc-vpn-backup.json): the
 * resources it emits, and what the independent checker makes of them with nothing down,
 * with the line down and with the tunnel down. The mechanism is longest-prefix match in
 * the transit router: the line's propagated /16 against a static /15 to the transit VPC.
 */
import { Testing } from "cdktf";
import { join, resolve } from "path";
import { failureElements } from "../../lib/analysis/failures";
import { checkReachability } from "../../lib/analysis/reachability";
import { resilienceTable } from "../../lib/analysis/resilience";
import { TfStack } from "../../lib/tfjson";
import { loadTopologyFile, sitesFromTopology, Topology } from "../../lib/topology";
import { topologyIntent } from "../../lib/topology/intent";
import { IdcLeasedLineStack } from "../../stacks/idc-leased-line";
import { findOne, ref, resources, synthJson, TfJson } from "../constructs/tf-json";

const t: Topology = loadTopologyFile(join(resolve(__dirname, "../.."), "examples", "idc-vpn-backup.json"));
const tf = synthJson(new IdcLeasedLineStack(Testing.app(), "idc", { topology: t }), true);
const sites = sitesFromTopology(t);
const IDC = "beijing-idc";

/** The addresses that go down with failure element `id`. */
function downOf(json: TfJson, id: string): Set<string> {
  const e = failureElements(new TfStack(json as never), sites).find((x) => x.id === id);
  if (!e) throw new Error(`test setup: no failure element ${id}`);
  return new Set(e.resources);
}

const trEntries = (json: TfJson) => Object.entries(resources(json, "alicloud_cen_transit_router_route_entry"));

describe("idc-vpn-backup: the resources", () => {
  const connection = findOne(tf, "alicloud_vpn_connection", (b) => b.vpn_connection_name === "beijing-idc-vpn");

  it("builds a customer gateway for the IDC's VPN device and a connection on the transit VPC's gateway", () => {
    const cgw = findOne(tf, "alicloud_vpn_customer_gateway", (b) => b.ip_address === "203.0.113.60");
    expect(cgw.body).toMatchObject({ customer_gateway_name: "beijing-idc-vpn", description: "data center beijing-idc" });
    const gw = findOne(tf, "alicloud_vpn_gateway", (b) => b.vpn_gateway_name === "bj-transit-vpn");
    expect(connection.body).toMatchObject({
      vpn_gateway_id: ref("alicloud_vpn_gateway", gw.key, "id"),
      // the VPCs of the transit-router link, the IDC's ranges
      local_subnet: ["172.16.0.0/16", "172.18.0.0/16", "172.20.0.0/16"],
      remote_subnet: ["10.100.0.0/16"],
      auto_config_route: false,
    });
    expect(tf.variable?.psk_beijing_idc_vpn).toMatchObject({ sensitive: true });
  });

  it("tells the IDC's network team the tunnel's settings in output office_<link>, which office-configs reads for the gateway IPs", () => {
    expect(tf.output?.office_beijing_idc_vpn?.value).toMatchObject({
      idc_gateway_ip: "203.0.113.60",
      local_subnets: ["10.100.0.0/16"],
      pre_shared_key: expect.stringContaining("TF_VAR_psk_beijing_idc_vpn"),
    });
  });

  it("sends the IDC's range in the transit VPC to its gateway only, and on the gateway to the connection", () => {
    const vpc = findOne(tf, "alicloud_vpc", (b) => b.vpc_name === "bj-transit");
    const inTransit = Object.values(resources(tf, "alicloud_route_entry")).filter(
      (b) => b.route_table_id === ref("alicloud_vpc", vpc.key, "route_table_id") && b.destination_cidrblock === "10.100.0.0/16",
    );
    expect(inTransit.map((b) => b.nexthop_type)).toEqual(["VpnGateway"]);
    const onGateway = Object.values(resources(tf, "alicloud_vpn_route_entry")).filter((b) => b.route_dest === "10.100.0.0/16");
    expect(onGateway.map((b) => [b.next_hop, b.publish_vpc])).toEqual([[ref("alicloud_vpn_connection", connection.key, "id"), false]]);
  });

  it("adds the supernet one bit shorter to the Beijing TR towards the transit VPC's attachment, and no static route for the IDC's own range", () => {
    const attachment = findOne(
      tf,
      "alicloud_cen_transit_router_vpc_attachment",
      (b) => b.transit_router_vpc_attachment_name === "idc-bj-transit",
    );
    const backup = trEntries(tf).filter(([, b]) => b.transit_router_route_entry_destination_cidr_block === "10.100.0.0/15");
    expect(backup.map(([, b]) => [b.transit_router_route_entry_next_hop_type, b.transit_router_route_entry_next_hop_id])).toEqual([
      ["Attachment", ref("alicloud_cen_transit_router_vpc_attachment", attachment.key, "transit_router_attachment_id")],
    ]);
    // Beijing learns the /16 from the VBR; only Shenzhen has a static /16 (towards the peer attachment)
    expect(trEntries(tf).filter(([, b]) => b.transit_router_route_entry_destination_cidr_block === "10.100.0.0/16")).toHaveLength(1);
  });
});

describe("idc-vpn-backup: the independent checker", () => {
  it("delivers VPC <-> IDC over the line with nothing down, the IDC entering at its VBR", () => {
    const r = checkReachability(tf, sites);
    for (const vpc of ["bj-vpc", "sz-vpc"]) {
      expect(r.get(vpc, IDC)).toMatchObject({ status: "delivered" });
      expect(r.get(vpc, IDC).hops).toContain(`vbr:${IDC}`);
      expect(r.get(vpc, IDC).hops).not.toContain("vpngw:bj-transit");
      expect(r.get(IDC, vpc).hops[0]).toBe(`vbr:${IDC}`);
    }
  });

  it("delivers VPC <-> IDC through the tunnel with the line down: the /15 takes over, the IDC enters at the gateway", () => {
    const r = checkReachability(tf, sites, { down: downOf(tf, `line:${IDC}/${IDC}`) });
    for (const vpc of ["bj-vpc", "sz-vpc"]) {
      expect(r.get(vpc, IDC)).toMatchObject({ status: "delivered" });
      expect(r.get(vpc, IDC).hops).toEqual(expect.arrayContaining(["vpc:bj-transit", "vpngw:bj-transit"]));
      expect(r.get(IDC, vpc)).toMatchObject({ status: "delivered" });
      expect(r.get(IDC, vpc).hops[0]).toBe("vpngw:bj-transit");
    }
  });

  it("cuts no promised pair for the line, the tunnel or the transit VPC's gateway", () => {
    const promised = topologyIntent(t).document("idc").mustReach;
    const table = resilienceTable(tf as never, sites, promised);
    const cut = Object.fromEntries(table.rows.map((row) => [row.element.id, row.pairsCut]));
    expect(cut[`line:${IDC}/${IDC}`]).toEqual([]);
    expect(cut["vpn-link:beijing-idc-vpn"]).toEqual([]);
    expect(cut["vpn-gateway:bj-transit"]).toEqual([]);
    // the tunnel is the data center's own attachment, as its line is
    expect(table.rows.find((row) => row.element.id === "vpn-link:beijing-idc-vpn")!.ownedBy).toEqual([IDC]);
    expect(promised).toEqual(
      expect.arrayContaining([
        ["bj-vpc", IDC],
        [IDC, "sz-vpc"],
      ]),
    );
  });

  it("fails when the supernet route is removed from the JSON: the line's failure cuts the IDC again", () => {
    // GIVEN the synthesized stack without the TR's 10.100.0.0/15 entry
    const cut = structuredClone(tf);
    const table = cut.resource!.alicloud_cen_transit_router_route_entry as Record<
      string,
      { transit_router_route_entry_destination_cidr_block: string }
    >;
    for (const [k, b] of Object.entries(table))
      if (b.transit_router_route_entry_destination_cidr_block === "10.100.0.0/15") delete table[k];
    // WHEN the line fails
    const r = checkReachability(cut, sites, { down: downOf(cut, `line:${IDC}/${IDC}`) });
    // THEN the VPCs no longer reach the IDC (the IDC's own way in, the tunnel, still works)
    expect(r.isDelivered("bj-vpc", IDC)).toBe(false);
    expect(r.isDelivered("sz-vpc", IDC)).toBe(false);
    // and with nothing down the line alone still delivers
    expect(checkReachability(cut, sites).isDelivered("bj-vpc", IDC)).toBe(true);
  });

  it("fails when the IDC's device address is unknown to the checker: the tunnel delivers to no site", () => {
    // GIVEN the sites without the IDC's VPN device
    const without = { ...sites, idcs: sites.idcs.map((d) => ({ ...d, publicIp: undefined })) };
    // WHEN the line fails
    const r = checkReachability(tf, without, { down: downOf(tf, `line:${IDC}/${IDC}`) });
    // THEN the IDC is cut off, whatever the routes
    expect(r.isDelivered("bj-vpc", IDC)).toBe(false);
    expect(r.get("bj-vpc", IDC).reason).toMatch(/is no known office/);
  });
});
