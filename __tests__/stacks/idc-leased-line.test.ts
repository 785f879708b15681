import { Testing } from "cdktf";
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { checkReachability, INTERNET_NETWORK } from "../../lib/analysis/reachability";
import { IdcSpec, LineOperator, PortType, sitesFromTopology, Topology } from "../../lib/topology";
import { IdcLeasedLineStack } from "../../stacks/idc-leased-line";
import { findOne, providerRef, resourceCounts, resources, synthJson, TfJson } from "../constructs/tf-json";

function withIdc(patch: Partial<IdcSpec>): Topology {
  const t = idcLeasedLine();
  return { ...t, idcs: [{ ...t.idcs![0]!, ...patch }] };
}

function synth(t: Topology): { tf: TfJson; stack: IdcLeasedLineStack } {
  const stack = new IdcLeasedLineStack(Testing.app(), "idc", { topology: t });
  return { tf: synthJson(stack, true), stack };
}

describe("idc-leased-line stack (seed 001: one Beijing access point, VPCs in Beijing and Shenzhen)", () => {
  const t = idcLeasedLine();
  const { tf } = synth(t);

  it("references the installed line, builds one VBR and a router-interface pair per VPC", () => {
    expect(resourceCounts(tf)).toMatchObject({
      alicloud_vpc: 2,
      alicloud_express_connect_virtual_border_router: 1,
      alicloud_express_connect_router_interface: 4,
      alicloud_router_interface_connection: 4,
      alicloud_vpc_bgp_group: 1,
      alicloud_vpc_bgp_peer: 1,
      alicloud_vpc_bgp_network: 2,
      alicloud_route_entry: 4,
    });
    expect(tf.resource?.alicloud_express_connect_physical_connection).toBeUndefined();
    const vbr = Object.values(resources(tf, "alicloud_express_connect_virtual_border_router"))[0]!;
    expect(vbr).toMatchObject({
      physical_connection_id: "pc-placeholder0000",
      vlan_id: 100,
      provider: providerRef("main", "cn-beijing"),
      lifecycle: { prevent_destroy: true },
    });
  });

  it("initiates each pair from the VBR at the access point towards the VPC's region", () => {
    const sz = findOne(tf, "alicloud_express_connect_router_interface", (b) => b.router_interface_name === "idc-sz-beijing-idc").body;
    expect(sz).toMatchObject({
      role: "InitiatingSide",
      router_type: "VBR",
      opposite_region_id: "cn-shenzhen",
      opposite_router_type: "VRouter",
      provider: providerRef("main", "cn-beijing"),
    });
    // the access point is read from the installed line, spelled as the API returns it
    const line = Object.keys(tf.data?.alicloud_express_connect_physical_connections ?? {});
    expect(line).toHaveLength(1);
    expect(tf.data?.alicloud_express_connect_physical_connections?.[line[0]!]).toMatchObject({
      ids: ["pc-placeholder0000"],
      provider: providerRef("main", "cn-beijing"),
    });
    expect(sz.access_point_id).toBe(`\${data.alicloud_express_connect_physical_connections.${line[0]}.connections[0].access_point_id}`);
    const szVpcSide = findOne(tf, "alicloud_express_connect_router_interface", (b) => b.router_interface_name === "idc-sz-sz-vpc").body;
    expect(szVpcSide).toMatchObject({
      role: "AcceptingSide",
      router_type: "VRouter",
      spec: "Negative",
      provider: providerRef("main", "cn-shenzhen"),
    });
  });

  it("routes each VPC's IDC traffic to its RI and each VPC CIDR on the VBR to that VPC's RI", () => {
    const rows = Object.values(resources(tf, "alicloud_route_entry"))
      .map(
        (e) =>
          `${/alicloud_(vpc|express_connect_virtual_border_router)\./.exec(e.route_table_id)![1]} ${e.destination_cidrblock} ${e.nexthop_type}`,
      )
      .sort();
    expect(rows).toEqual([
      "express_connect_virtual_border_router 172.16.0.0/16 RouterInterface",
      "express_connect_virtual_border_router 172.18.0.0/16 RouterInterface",
      "vpc 10.100.0.0/16 RouterInterface",
      "vpc 10.100.0.0/16 RouterInterface",
    ]);
    expect(
      Object.values(resources(tf, "alicloud_vpc_bgp_network"))
        .map((n) => n.dst_cidr_block)
        .sort(),
    ).toEqual(["172.16.0.0/16", "172.18.0.0/16"]);
  });

  it("lets the IDC reach both VPCs and back, but not the VPCs each other through the VBR, and nothing the internet", () => {
    const r = checkReachability(tf, sitesFromTopology(t));
    for (const v of ["bj-vpc", "sz-vpc"]) {
      expect(r.get("beijing-idc", v).status).toBe("delivered");
      expect(r.get(v, "beijing-idc").status).toBe("delivered");
    }
    expect(r.get("bj-vpc", "sz-vpc").status).toBe("blackholed");
    expect(r.get("sz-vpc", "bj-vpc").status).toBe("blackholed");
    expect(r.get("beijing-idc", "sz-vpc").hops).toEqual(["vbr:beijing-idc", "vpc:sz-vpc"]);
    for (const n of ["bj-vpc", "sz-vpc", "beijing-idc"]) expect(r.get(INTERNET_NETWORK, n).status).toBe("blackholed");
  });

  it("lets the VPCs talk through the VBR when the IDC allows transit", () => {
    const t2 = withIdc({ allowVpcTransit: true });
    const r = checkReachability(synth(t2).tf, sitesFromTopology(t2));
    expect(r.get("bj-vpc", "sz-vpc").hops).toEqual(["vpc:bj-vpc", "vbr:beijing-idc", "vpc:sz-vpc"]);
    expect(r.get("sz-vpc", "bj-vpc").status).toBe("delivered");
  });

  it("warns in static mode and the checker shows the IDC unreachable until the VBR route is added", () => {
    const t2 = withIdc({ bgp: undefined });
    const { tf: tf2, stack } = synth(t2);
    const warnings = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === "@cdktf/warn")
      .map((m) => String(m.data));
    expect(warnings.join("\n")).toMatch(/IDC beijing-idc uses static routing: no VBR route towards the IDC \(10\.100\.0\.0\/16\)/);
    expect(tf2.resource?.alicloud_vpc_bgp_group).toBeUndefined();
    const r = checkReachability(tf2, sitesFromTopology(t2));
    expect(r.get("bj-vpc", "beijing-idc")).toMatchObject({
      status: "blackholed",
      reason: expect.stringMatching(/neither BGP nor a static route/),
    });
    expect(tf2.output?.idc_router_settings_beijing_idc?.value).toMatchObject({
      routing: "static",
      networks_via_alibaba: ["172.16.0.0/16", "172.18.0.0/16"],
    });
  });

  it("orders a new line, protected against destroy, when `create` replaces the ID", () => {
    const t2 = withIdc({
      leasedLine: {
        accessPointId: "ap-cn-beijing-ft-A",
        create: { lineOperator: LineOperator.CHINA_UNICOM, portType: PortType.PORT_10GBASE_LR, bandwidth: 1000 },
      },
    });
    const pc = Object.values(resources(synth(t2).tf, "alicloud_express_connect_physical_connection"))[0]!;
    expect(pc).toMatchObject({ line_operator: "CU", port_type: "10GBase-LR", bandwidth: "1000", lifecycle: { prevent_destroy: true } });
  });

  it("keeps the BGP key in a sensitive variable and tells the IDC team what to set", () => {
    expect(tf.variable?.bgp_auth_key_beijing_idc).toMatchObject({ sensitive: true });
    expect(tf.output?.idc_router_settings_beijing_idc?.value).toMatchObject({
      vlan_id: 100,
      idc_side_ip: "10.255.0.2",
      alibaba_side_ip: "10.255.0.1",
      routing: "bgp",
      bgp_local_asn: 65001,
      bgp_peer_asn: 45104,
      networks_via_alibaba: ["172.16.0.0/16", "172.18.0.0/16"],
    });
  });
});

describe("idc-leased-line stack, bad input", () => {
  const vbr = idcLeasedLine().idcs![0]!.vbr;
  it.each([
    [
      "`vlanId` out of range",
      { vbr: { ...vbr, vlanId: 3000 } },
      /idcs\[0\]\.vbr\.vlanId = 3000: is out of range; allowed: an integer 0–2999/,
    ],
    [
      "gateway IPs equal",
      { vbr: { ...vbr, peerGatewayIp: "10.255.0.1" } },
      /idcs\[0\]\.vbr\.peerGatewayIp = "10\.255\.0\.1": equals localGatewayIp/,
    ],
    [
      "peer gateway outside the peering subnet",
      { vbr: { ...vbr, peerGatewayIp: "10.255.1.2" } },
      /idcs\[0\]\.vbr\.peerGatewayIp = "10\.255\.1\.2": is outside the peering subnet 10\.255\.0\.0\/30/,
    ],
    [
      "IDC CIDR overlapping a VPC",
      { cidrs: ["172.18.128.0/17"] },
      /idcs\[0\]\.cidrs\[0\] = "172\.18\.128\.0\/17": overlaps idc-leased-line\.vpcs\[1\]\.cidr/,
    ],
  ])("fails when %s", (_what, patch, message) => {
    expect(() => synth(withIdc(patch as Partial<IdcSpec>))).toThrow(message);
  });
});
