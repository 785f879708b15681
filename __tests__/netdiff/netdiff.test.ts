/**
 * netdiff on pairs of synthesized trees built from topology changes. Each case states
 * the report's lines literally: the reachability pairs, the route-entry rows, the
 * security-group rows, and what is blocking.
 */
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { sharedNat } from "../fixtures/seeds/shared-nat";
import { vpcPeeringCrossAccount, vpcPeeringSameAccount } from "../fixtures/seeds/vpc-peering";
import { Topology } from "../../lib/topology";
import { classifyResources, netdiff, pairLines, renderNetdiff, sitesFromStack, StackJson } from "../../lib/analysis/netdiff";
import { linkOf, mutate, vpcOf } from "../topology/draft";
import { section, tree } from "./trees";

function report(base: Topology, head: Topology): { md: string; blocking: readonly string[] } {
  const d = netdiff(tree(base), tree(head));
  return { md: renderNetdiff(d), blocking: d.blocking };
}

const SG_RULE = "ingress all -1/-1";
const hub = multinationalHub();

describe("netdiff: the multinational hub", () => {
  it("adding an office next to another (10.10.11.0/24) only adds: paths, three routes, two rules", () => {
    // GIVEN
    const head = mutate(hub, (d) => {
      d.offices!.push({ name: "us-office-5", publicIp: "203.0.113.15", cidrs: ["10.10.11.0/24"] });
      d.links.push({ kind: "vpn", name: "us-office-5", office: "us-office-5", vpc: "us-vpc" });
    });
    // WHEN
    const { md, blocking } = report(hub, head);
    // THEN
    expect(blocking).toEqual([]);
    expect(md).toContain("Reachability: 12 ordered pairs gained, 0 lost. Route entries: 3 added, 0 removed, 0 replaced.");
    expect(section(md, "Reachability")).toEqual([
      "- gained: `us-office-5` ↔ `cn-office-3`, `cn-office-4`, `cn-vpc`, `us-office-1`, `us-office-2`, `us-vpc`",
    ]);
    expect(section(md, "Route entries").slice(2)).toEqual([
      "| VPC cn-vpc | added | 10.10.11.0/24 | RouterInterface us-cn-cn-vpc |",
      "| VPC us-vpc | added | 10.10.11.0/24 | VpnGateway us-vpc-vpn |",
      "| VPN gateway us-vpc-vpn | added | 10.10.11.0/24 | IPsec us-office-5 |",
    ]);
    expect(section(md, "Security groups").slice(2)).toEqual([
      `| cn-vpc-admit-topology | added | 10.10.11.0/24 (from us-office-5) | ${SG_RULE} |`,
      `| us-vpc-admit-topology | added | 10.10.11.0/24 (from us-office-5) | ${SG_RULE} |`,
    ]);
    expect(section(md, "Other resources replaced or destroyed")).toEqual([]);
    // the new IPsec link (the 8th edge) and the new office are highlighted in the diagram
    expect(md).toContain('  office_us_office_5 <-->|"IPsec: us-office-5"| vpngw_us_vpc_vpn\n');
    expect(md).toContain("  linkStyle 7 stroke:#d00,stroke-width:3px\n");
    expect(md).toContain("  class office_us_office_5 changed\n");
  });

  it("removing an office loses its paths both ways and withdraws its routes and rules", () => {
    // GIVEN
    const head = mutate(hub, (d) => {
      d.offices = d.offices!.filter((o) => o.name !== "cn-office-4");
      d.links = d.links.filter((l) => l.name !== "cn-office-4");
    });
    // WHEN
    const { md, blocking } = report(hub, head);
    // THEN
    expect(blocking).toEqual([]);
    expect(section(md, "Reachability")).toEqual([
      "- lost: `cn-office-4` ↔ `cn-office-3`, `cn-vpc`, `us-office-1`, `us-office-2`, `us-vpc`",
    ]);
    expect(section(md, "Route entries").slice(2)).toEqual([
      "| VPC cn-vpc | removed | 10.20.20.0/24 | VpnGateway cn-vpc-vpn |",
      "| VPC us-vpc | removed | 10.20.20.0/24 | RouterInterface us-cn-us-vpc |",
      "| VPN gateway cn-vpc-vpn | removed | 10.20.20.0/24 | IPsec cn-office-4 |",
    ]);
    expect(section(md, "Security groups").slice(2)).toEqual([
      `| cn-vpc-admit-topology | removed | 10.20.20.0/24 (from cn-office-4) | ${SG_RULE} |`,
      `| us-vpc-admit-topology | removed | 10.20.20.0/24 (from cn-office-4) | ${SG_RULE} |`,
    ]);
    expect(section(md, "Other resources replaced or destroyed")).toEqual([
      expect.stringMatching(
        /^- destroyed: alicloud_vpn_connection `cn-office-4` \(`alicloud_vpn_connection\.Network_Links_CnOffice4_Connection_[0-9A-F]+`\)$/,
      ),
      expect.stringMatching(
        /^- destroyed: alicloud_vpn_customer_gateway `cn-office-4` \(`alicloud_vpn_customer_gateway\.Network_Links_CnOffice4_CustomerGateway_[0-9A-F]+`\)$/,
      ),
    ]);
  });

  it("moving an office to the other region keeps every path but replaces both VPC routes: outage risk", () => {
    // GIVEN us-office-2 moves from the US gateway to the Shanghai gateway
    const head = mutate(hub, (d) => {
      linkOf(d, "us-office-2", "vpn").vpc = "cn-vpc";
    });
    // WHEN
    const { md, blocking } = report(hub, head);
    // THEN
    expect(blocking).toEqual([]);
    expect(md).toContain("Reachability: 0 ordered pairs gained, 0 lost. Route entries: 1 added, 1 removed, 2 replaced (outage risk).");
    expect(section(md, "Reachability")).toEqual([]);
    expect(section(md, "Route entries").slice(2)).toEqual([
      "| VPC cn-vpc | **replaced: outage risk** | 10.10.20.0/24 | RouterInterface us-cn-cn-vpc → VpnGateway cn-vpc-vpn |",
      "| VPC us-vpc | **replaced: outage risk** | 10.10.20.0/24 | VpnGateway us-vpc-vpn → RouterInterface us-cn-us-vpc |",
      "| VPN gateway cn-vpc-vpn | added | 10.10.20.0/24 | IPsec us-office-2 |",
      "| VPN gateway us-vpc-vpn | removed | 10.10.20.0/24 | IPsec us-office-2 |",
    ]);
    // the connection and the customer gateway are re-created in the other region
    expect(section(md, "Other resources replaced or destroyed").map((l) => l.replace(/ \(`.*`\)$/, ""))).toEqual([
      "- replaced: alicloud_vpn_connection `us-office-2`",
      "- replaced: alicloud_vpn_customer_gateway `us-office-2`",
    ]);
  });

  it("changing a VPC CIDR replaces the route to it and everything its vSwitches carry", () => {
    // GIVEN cn-vpc moves from 172.17.0.0/16 to 172.19.0.0/16
    const head = mutate(hub, (d) => {
      const v = vpcOf(d, "cn-vpc");
      v.cidr = "172.19.0.0/16";
      v.vswitches.forEach((s, i) => {
        s.cidr = `172.19.${i}.0/24`;
      });
    });
    // WHEN
    const { md, blocking } = report(hub, head);
    // THEN the us-vpc route is one replacement (old -> new destination); the VPN gateway
    // sits in a replaced vSwitch (vswitch_id is ForceNew), so its routes are replaced too
    expect(blocking).toEqual([]);
    expect(section(md, "Route entries").slice(2)).toEqual([
      "| VPC cn-vpc | **replaced: outage risk** | 10.20.10.0/24 | VpnGateway cn-vpc-vpn |",
      "| VPC cn-vpc | **replaced: outage risk** | 10.20.20.0/24 | VpnGateway cn-vpc-vpn |",
      "| VPC us-vpc | **replaced: outage risk** | 172.17.0.0/16 → 172.19.0.0/16 | RouterInterface us-cn-us-vpc |",
      "| VPN gateway cn-vpc-vpn | **replaced: outage risk** | 10.20.10.0/24 | IPsec cn-office-3 |",
      "| VPN gateway cn-vpc-vpn | **replaced: outage risk** | 10.20.20.0/24 | IPsec cn-office-4 |",
    ]);
    expect(section(md, "Security groups").slice(2)).toEqual([
      `| cn-vpc-admit-topology | removed | 172.17.0.0/16 (from cn-vpc) | ${SG_RULE} |`,
      `| cn-vpc-admit-topology | added | 172.19.0.0/16 (from cn-vpc) | ${SG_RULE} |`,
      `| us-vpc-admit-topology | removed | 172.17.0.0/16 (from cn-vpc) | ${SG_RULE} |`,
      `| us-vpc-admit-topology | added | 172.19.0.0/16 (from cn-vpc) | ${SG_RULE} |`,
    ]);
    expect(section(md, "Other resources replaced or destroyed").map((l) => l.replace(/ \(`.*`\)$/, ""))).toEqual(
      [
        "- replaced: alicloud_vpn_connection `cn-office-3`",
        "- replaced: alicloud_vpn_connection `cn-office-4`",
        "- replaced: alicloud_vpn_gateway `cn-vpc-vpn`",
        "- replaced: alicloud_vswitch `cn-vpc-sh-e`",
        "- replaced: alicloud_vswitch `cn-vpc-sh-f`",
      ].sort(),
    );
  });
});

describe("netdiff: links across accounts and to the internet", () => {
  it("a cross-account peering to a new acceptor VPC gains paths both ways, nothing blocking", () => {
    // GIVEN a second acceptor VPC peered with the requester
    const base = vpcPeeringCrossAccount();
    const head = mutate(base, (d) => {
      d.vpcs.push({
        name: "acceptor-vpc-2",
        account: "acceptor",
        region: "cn-hangzhou",
        cidr: "10.5.0.0/16",
        vswitches: [{ name: "acc2-a", zone: "cn-hangzhou-h", cidr: "10.5.0.0/24" }],
      });
      d.links.push({ kind: "peering", name: "req-acc-2", requester: "requester-vpc", acceptor: "acceptor-vpc-2" });
    });
    // WHEN
    const { md, blocking } = report(base, head);
    // THEN (the acceptor VPCs reach each other through the requester)
    expect(blocking).toEqual([]);
    expect(section(md, "Reachability")).toEqual(["- gained: `acceptor-vpc-2` ↔ `acceptor-vpc`, `requester-vpc`"]);
    expect(section(md, "Route entries").slice(2)).toEqual([
      "| VPC acceptor-vpc | added | 10.5.0.0/16 | VpcPeer req-acc |",
      "| VPC acceptor-vpc-2 | added | 10.3.0.0/16 | VpcPeer req-acc-2 |",
      "| VPC acceptor-vpc-2 | added | 10.4.0.0/16 | VpcPeer req-acc-2 |",
      "| VPC requester-vpc | added | 10.5.0.0/16 | VpcPeer req-acc-2 |",
    ]);
    expect(md).toContain('  vpc_requester_vpc <-->|"peering: req-acc-2"| vpc_acceptor_vpc_2\n');
    expect(section(md, "New links no route uses")).toEqual([]);
  });

  it("a link appended where older links already connect both sides is reported as unused", () => {
    // GIVEN a chain app - data - logs, then a direct app - logs peering appended
    const chain = mutate(vpcPeeringSameAccount(), (d) => {
      d.vpcs.push({
        name: "logs-vpc",
        account: "main",
        region: "cn-hangzhou",
        cidr: "10.6.0.0/16",
        vswitches: [{ name: "logs-h", zone: "cn-hangzhou-h", cidr: "10.6.0.0/24" }],
      });
      d.links.push({ kind: "peering", name: "data-logs", requester: "data-vpc", acceptor: "logs-vpc" });
    });
    const triangle = mutate(chain, (d) => {
      d.links.push({ kind: "peering", name: "app-logs", requester: "app-vpc", acceptor: "logs-vpc" });
    });
    // WHEN
    const { md, blocking } = report(chain, triangle);
    // THEN no route moves (route stability), and the review says the new link carries nothing
    expect(blocking).toEqual([]);
    expect(md).toContain("Reachability: 0 ordered pairs gained, 0 lost. Route entries: 0 added, 0 removed, 0 replaced.");
    expect(section(md, "New links no route uses")).toEqual([
      "- peering `app-logs`: older links already connect both sides (links are preferred in declaration order; declare it earlier to use it)",
    ]);
  });

  it("a new shared-NAT spoke is a new internet path: blocking", () => {
    // GIVEN a second spoke peered with the hub and added to the NAT's spokes
    const base = sharedNat();
    const head = mutate(base, (d) => {
      d.vpcs.push({
        name: "spoke-2",
        account: "main",
        region: "cn-hangzhou",
        cidr: "172.20.0.0/16",
        vswitches: [{ name: "spoke-2-app", zone: "cn-hangzhou-h", cidr: "172.20.0.0/24" }],
      });
      d.links.push({ kind: "peering", name: "hub-spoke-2", requester: "hub-vpc", acceptor: "spoke-2" });
      linkOf(d, "egress", "shared-nat").spokes.push("spoke-2");
    });
    // WHEN
    const { md, blocking } = report(base, head);
    // THEN
    expect(blocking).toEqual(["`shared-nat-dev`: new internet path `spoke-2` → `internet`"]);
    expect(md).toContain("**Blocking: 1 finding.** The check fails unless the PR carries the label `netdiff-override`.");
    expect(section(md, "Reachability")).toEqual([
      "- **new internet path**: `spoke-2` → `internet`",
      "- gained: `spoke-2` ↔ `hub-vpc`, `spoke-vpc`",
    ]);
    expect(section(md, "Route entries").slice(2)).toEqual([
      "| VPC hub-vpc | added | 172.20.0.0/16 | VpcPeer hub-spoke-2 |",
      "| VPC spoke-2 | added | 0.0.0.0/0 | VpcPeer hub-spoke-2 |",
      "| VPC spoke-2 | added | 172.16.0.0/16 | VpcPeer hub-spoke-2 |",
      "| VPC spoke-2 | added | 192.168.0.0/16 | VpcPeer hub-spoke-2 |",
      "| VPC spoke-vpc | added | 172.20.0.0/16 | VpcPeer hub-spoke |",
    ]);
  });

  it("removing the shared NAT loses the internet, and destroys the NAT gateway and its EIP: blocking", () => {
    // GIVEN the shared-nat link removed
    const base = sharedNat();
    const head = mutate(base, (d) => {
      d.links = d.links.filter((l) => l.kind !== "shared-nat");
    });
    // WHEN
    const { md, blocking } = report(base, head);
    // THEN
    expect(blocking).toEqual([
      "`shared-nat-dev`: NAT EIP `egress-eip` would be destroyed",
      "`shared-nat-dev`: NAT gateway `egress` would be destroyed",
    ]);
    expect(section(md, "Reachability")).toEqual(["- lost: `hub-vpc` → `internet`", "- lost: `spoke-vpc` → `internet`"]);
    // (the hub's 0.0.0.0/0 is the NAT gateway's system route, never an entry of ours)
    expect(section(md, "Route entries").slice(2)).toEqual(["| VPC spoke-vpc | removed | 0.0.0.0/0 | VpcPeer hub-spoke |"]);
  });
});

describe("netdiff: protected resources", () => {
  it("a new physical connection ID replaces the VBR and everything on it: blocking", () => {
    // GIVEN the IDC moved to another installed line
    const base = idcLeasedLine();
    const head = mutate(base, (d) => {
      d.idcs![0]!.leasedLine.physicalConnectionId = "pc-placeholder0001";
    });
    // WHEN
    const { md, blocking } = report(base, head);
    // THEN (physical_connection_id is ForceNew on the VBR)
    expect(blocking).toEqual(["`idc-leased-line-dev`: VBR `beijing-idc` would be replaced"]);
    expect(section(md, "Protected resources")).toEqual([
      expect.stringMatching(
        /^- \*\*replaced\*\*: VBR `beijing-idc` \(`alicloud_express_connect_virtual_border_router\.Network_Idcs_BeijingIdc_Vbr_[0-9A-F]+`\)$/,
      ),
    ]);
    expect(section(md, "Route entries").slice(2)).toEqual([
      "| VBR beijing-idc | **replaced: outage risk** | 172.16.0.0/16 | RouterInterface idc-bj-beijing-idc |",
      "| VBR beijing-idc | **replaced: outage risk** | 172.18.0.0/16 | RouterInterface idc-sz-beijing-idc |",
      "| VBR beijing-idc (BGP) | **replaced: outage risk** | 172.16.0.0/16 | advertised |",
      "| VBR beijing-idc (BGP) | **replaced: outage risk** | 172.18.0.0/16 | advertised |",
    ]);
  });

  it("draws a large hub's unchanged offices as one node per gateway, the new office on its own", () => {
    // GIVEN 30 offices (15 per VPC), then one more on us-vpc
    const many = mutate(hub, (d) => {
      d.offices = Array.from({ length: 30 }, (_, i) => ({
        name: `office-${i}`,
        publicIp: `203.0.113.${i + 20}`,
        cidrs: [`10.64.${i}.0/24`],
      }));
      d.links = [
        d.links.find((l) => l.kind === "router-interface")!,
        ...d.offices.map((o, i) => ({ kind: "vpn" as const, name: o.name, office: o.name, vpc: i % 2 === 0 ? "us-vpc" : "cn-vpc" })),
      ];
    });
    const more = mutate(many, (d) => {
      d.offices!.push({ name: "office-new", publicIp: "203.0.113.99", cidrs: ["10.64.99.0/24"] });
      d.links.push({ kind: "vpn", name: "office-new", office: "office-new", vpc: "us-vpc" });
    });
    // WHEN
    const diagram = renderNetdiff(netdiff(tree(many), tree(more)))
      .split("```mermaid\n")[1]!
      .split("```")[0]!
      .split("\n");
    // THEN
    expect(diagram.filter((l) => /office_|more_/.test(l) && !/<-/.test(l)).map((l) => l.trim().replace(/more_\w+/, "more_<gw>"))).toEqual([
      'office_office_new(["office-new<br/>10.64.99.0/24"])',
      'more_<gw>(["15 more offices, unchanged"])',
      'more_<gw>(["15 more offices, unchanged"])',
      "class office_office_new changed",
    ]);
    expect(diagram.filter((l) => l.includes("<-.->"))).toHaveLength(2);
  });

  it("identical trees: nothing changed, nothing blocking", () => {
    // GIVEN / WHEN
    const d = netdiff(tree(hub), tree(hub));
    // THEN
    expect(d).toMatchObject({ stacks: [], unchanged: ["multinational-hub-dev"], blocking: [] });
    expect(renderNetdiff(d)).toContain("No network changes.");
  });
});

describe("netdiff building blocks", () => {
  it("groups pairs around the network they share most, one-way pairs by source", () => {
    expect(pairLines(["a->b", "b->a", "a->c", "c->a", "e->d", "d->e", "f->h", "f->g", "b->c"])).toEqual([
      "`a` ↔ `b`, `c`",
      "`d` ↔ `e`",
      "`b` → `c`",
      "`f` → `g`, `h`",
    ]);
  });

  it("reads the sites back from the stack: offices from customer gateways, the IDC from routes towards its VBR", () => {
    // GIVEN
    const [hubJson, idcJson] = [tree(hub).get("multinational-hub-dev")!, tree(idcLeasedLine()).get("idc-leased-line-dev")!];
    // WHEN
    const [h, i] = [sitesFromStack(hubJson), sitesFromStack(idcJson)];
    // THEN
    expect(h.offices.map((o) => `${o.name} ${o.publicIp} ${o.cidrs.join(",")}`).sort()).toEqual([
      "cn-office-3 203.0.113.13 10.20.10.0/24",
      "cn-office-4 203.0.113.14 10.20.20.0/24",
      "us-office-1 203.0.113.11 10.10.10.0/24",
      "us-office-2 203.0.113.12 10.10.20.0/24",
    ]);
    expect(i.idcs).toEqual([{ name: "beijing-idc", cidrs: ["10.100.0.0/16"], vbr: { vlanId: 100, peerGatewayIp: "10.255.0.2" } }]);
  });

  it("reports a change that forces no replacement as updated in place, not as an outage risk", () => {
    // GIVEN a VPN gateway route whose weight (not ForceNew) changes
    const stack = (weight: number) =>
      new Map([
        [
          "s",
          {
            resource: {
              alicloud_vpn_gateway: { g: { vpn_gateway_name: "gw" } },
              alicloud_vpn_connection: { c: { vpn_connection_name: "office", vpn_gateway_id: "${alicloud_vpn_gateway.g.id}" } },
              alicloud_vpn_route_entry: {
                r: {
                  route_dest: "10.9.0.0/24",
                  next_hop: "${alicloud_vpn_connection.c.id}",
                  vpn_gateway_id: "${alicloud_vpn_gateway.g.id}",
                  weight,
                },
              },
            },
          },
        ],
      ]);
    // WHEN
    const md = renderNetdiff(netdiff(stack(100), stack(0)));
    // THEN
    expect(section(md, "Route entries").slice(2)).toEqual(["| VPN gateway gw | updated in place | 10.9.0.0/24 | IPsec office |"]);
    expect(md).toContain("Route entries: 0 added, 0 removed, 0 replaced.");
  });

  it("blocks on a new rule that admits a public source, not on a private one", () => {
    // GIVEN a security group that gains one private and one public source
    const rule = (cidr: string) => ({
      security_group_id: "${alicloud_security_group.g.id}",
      type: "ingress",
      ip_protocol: "tcp",
      port_range: "443/443",
      cidr_ip: cidr,
      description: `from ${cidr}`,
    });
    const stack = (rules: Record<string, Record<string, unknown>>) =>
      new Map<string, StackJson>([
        [
          "s",
          {
            resource: {
              alicloud_security_group: { g: { security_group_name: "web" } },
              alicloud_security_group_rule: rules,
            },
          },
        ],
      ]);
    // WHEN
    const d = netdiff(stack({}), stack({ a: rule("10.1.0.0/16"), b: rule("0.0.0.0/0") }));
    // THEN
    expect(d.blocking).toEqual(["`s`: security group `web` admits 0.0.0.0/0 (from 0.0.0.0/0) from the internet"]);
    expect(section(renderNetdiff(d), "Security groups").slice(2)).toEqual([
      "| web | added **(internet)** | 0.0.0.0/0 (from 0.0.0.0/0) | ingress tcp 443/443 |",
      "| web | added | 10.1.0.0/16 (from 10.1.0.0/16) | ingress tcp 443/443 |",
    ]);
  });

  it("propagates replacement through ForceNew references, and a provider change replaces", () => {
    // GIVEN a VPC whose vSwitch changes CIDR, a route in a moved provider, and an in-place change
    const vpc = { cidr_block: "10.0.0.0/16", vpc_name: "a" };
    const base = {
      resource: {
        alicloud_vpc: { v: vpc },
        alicloud_vswitch: { s: { cidr_block: "10.0.0.0/24", vpc_id: "${alicloud_vpc.v.id}" } },
        alicloud_vpn_gateway: { g: { vswitch_id: "${alicloud_vswitch.s.id}", vpn_gateway_name: "gw" } },
        alicloud_route_entry: { r: { destination_cidrblock: "10.9.0.0/16", provider: "alicloud.a" } },
        alicloud_nat_gateway: { n: { description: "old", vpc_id: "${alicloud_vpc.v.id}" } },
      },
    };
    const head = {
      resource: {
        ...base.resource,
        alicloud_vswitch: { s: { cidr_block: "10.0.1.0/24", vpc_id: "${alicloud_vpc.v.id}" } },
        alicloud_route_entry: { r: { destination_cidrblock: "10.9.0.0/16", provider: "alicloud.b" } },
        alicloud_nat_gateway: { n: { description: "new", vpc_id: "${alicloud_vpc.v.id}" } },
      },
    };
    // WHEN
    const c = classifyResources(base, head);
    // THEN
    expect(Object.fromEntries(c)).toEqual({
      "alicloud_vswitch.s": "replaced",
      "alicloud_vpn_gateway.g": "replaced",
      "alicloud_route_entry.r": "replaced",
      "alicloud_nat_gateway.n": "updated",
    });
  });
});

describe("netdiff: a dual-tunnel connection's tunnels", () => {
  const cgw = (ip: string) => ({ ip_address: ip, customer_gateway_name: ip });
  const connection = (slave: string) => ({
    vpn_connection_name: "hq",
    vpn_gateway_id: "${alicloud_vpn_gateway.g.id}",
    tunnel_options_specification: [
      { role: "master", customer_gateway_id: "${alicloud_vpn_customer_gateway.a.id}" },
      { role: "slave", customer_gateway_id: `\${alicloud_vpn_customer_gateway.${slave}.id}` },
    ],
  });
  const stack = (slave: string, bIp = "203.0.113.31") => ({
    resource: {
      alicloud_vpn_gateway: { g: { vpn_gateway_name: "gw" } },
      alicloud_vpn_customer_gateway: { a: cgw("203.0.113.30"), b: cgw(bIp) },
      alicloud_vpn_connection: { c: connection(slave) },
    },
  });

  it("replaces the connection when its slave tunnel moves to a second device (each tunnel's customer_gateway_id is ForceNew)", () => {
    expect(classifyResources(stack("a"), stack("b")).get("alicloud_vpn_connection.c")).toBe("replaced");
  });

  it("replaces the connection when the customer gateway a tunnel names is replaced", () => {
    const c = classifyResources(stack("b"), stack("b", "203.0.113.32"));
    expect([c.get("alicloud_vpn_customer_gateway.b"), c.get("alicloud_vpn_connection.c")]).toEqual(["replaced", "replaced"]);
  });

  it("keeps the connection when only a tunnel's other settings change", () => {
    const head = stack("b");
    (head.resource.alicloud_vpn_connection.c.tunnel_options_specification[1] as Record<string, unknown>).enable_dpd = false;
    expect(classifyResources(stack("b"), head).get("alicloud_vpn_connection.c")).toBe("updated");
  });
});

describe("netdiff for reviewers: headline, created resources, VPN gateway routes", () => {
  const ref = (type: string, name: string) => `\${${type}.${name}.id}`;
  /** A hub VPC with a VPN gateway and offices (name, public IP, subnet), routed from the VPC. */
  function hubStack(
    bandwidth: number,
    offices: readonly (readonly [string, string, string])[],
    extra: Record<string, unknown> = {},
  ): StackJson {
    const resource: Record<string, Record<string, Record<string, unknown>>> = {
      alicloud_vpc: { v: { vpc_name: "hub", cidr_block: "172.16.0.0/16" } },
      alicloud_vpn_gateway: { g: { vpn_gateway_name: "hub-vpn", vpc_id: ref("alicloud_vpc", "v"), bandwidth } },
      alicloud_vpn_customer_gateway: {},
      alicloud_vpn_connection: {},
      alicloud_route_entry: {},
    };
    for (const [name, ip, subnet] of offices) {
      resource.alicloud_vpn_customer_gateway![name] = { customer_gateway_name: name, ip_address: ip };
      resource.alicloud_vpn_connection![name] = {
        vpn_connection_name: name,
        vpn_gateway_id: ref("alicloud_vpn_gateway", "g"),
        customer_gateway_id: ref("alicloud_vpn_customer_gateway", name),
        local_subnet: ["172.16.0.0/16"],
        remote_subnet: [subnet],
      };
      resource.alicloud_route_entry![name] = {
        route_table_id: "${alicloud_vpc.v.route_table_id}",
        destination_cidrblock: subnet,
        nexthop_type: "VpnGateway",
        nexthop_id: ref("alicloud_vpn_gateway", "g"),
      };
    }
    return { resource: { ...resource, ...(extra as typeof resource) } };
  }
  const berlin = ["berlin", "203.0.113.1", "10.1.0.0/24"] as const;
  const paris = ["paris", "203.0.113.2", "10.2.0.0/24"] as const;
  const one = (s: StackJson) => new Map([["s", s]]);

  it("leads with the pairs lost, the replaced VPN gateway and its offices, and the staged-apply hint", () => {
    // GIVEN the gateway's bandwidth changes (ForceNew) and the Paris office is dropped
    const base = hubStack(10, [berlin, paris]);
    const head = hubStack(100, [berlin]);
    // WHEN
    const md = renderNetdiff(netdiff(one(base), one(head)));
    // THEN Paris loses its four pairs; the gateway is replaced, so both offices it served
    // must be reconfigured; the Berlin route points at the re-created gateway: replaced
    expect(section(md, "Headline")).toEqual([
      "- **4 ordered pairs lost** in `s`: `berlin` → `paris`, `hub` → `paris`, `paris` → `berlin` and 1 more",
      "- **VPN gateway `hub-vpn` replaced** in `s`: a new gateway gets a new public IP (`internet_ip` is assigned at creation), so every office on it must be reconfigured: `berlin`, `paris`",
      "- **1 route entry replaced** in `s`: outage risk (Terraform deletes each live entry before it creates its successor); apply in stages: new path and more-specific routes first",
      "  - plan and prove the stages: `npx hybridnet migrate <base> <head> --out <dir>`",
    ]);
    // the headline comes before the verdict
    expect(md.indexOf("**Headline**")).toBeLessThan(md.indexOf("No blocking findings"));
    expect(section(md, "Route entries").slice(2)).toEqual([
      "| VPC hub | **replaced: outage risk** | 10.1.0.0/24 | VpnGateway hub-vpn |",
      "| VPC hub | removed | 10.2.0.0/24 | VpnGateway hub-vpn |",
    ]);
  });

  it("says when a destroyed VPN gateway takes its offices' tunnels down", () => {
    // GIVEN the gateway and everything on it removed
    const base = hubStack(10, [berlin]);
    const head: StackJson = { resource: { alicloud_vpc: base.resource!.alicloud_vpc! } };
    // WHEN
    const lines = section(renderNetdiff(netdiff(one(base), one(head))), "Headline");
    // THEN
    expect(lines).toEqual([
      "- **2 ordered pairs lost** in `s`: `berlin` → `hub`, `hub` → `berlin`",
      "- **VPN gateway `hub-vpn` destroyed** in `s`: the IPsec tunnels of every office on it go down: `berlin`",
    ]);
  });

  it("lists created resources, billed ones by name with their cost hint, and stays calm when nothing is lost", () => {
    // GIVEN a NAT gateway with its EIP added (no SNAT entry: no new internet path)
    const base = hubStack(10, [berlin]);
    const head = hubStack(10, [berlin], {
      alicloud_nat_gateway: { n: { nat_gateway_name: "egress", vpc_id: ref("alicloud_vpc", "v"), internet_charge_type: "PayByLcu" } },
      alicloud_eip_address: { e: { address_name: "egress-eip", internet_charge_type: "PayByTraffic" } },
      alicloud_eip_association: { a: { allocation_id: ref("alicloud_eip_address", "e"), instance_id: ref("alicloud_nat_gateway", "n") } },
    });
    // WHEN
    const d = netdiff(one(base), one(head));
    const md = renderNetdiff(d);
    // THEN
    expect(d.blocking).toEqual([]);
    expect(section(md, "Headline")).toEqual([
      "- No pair lost, nothing destroyed or replaced.",
      "- 3 resources created in `s`, 2 of them billed while they exist",
    ]);
    expect(section(md, "Created")).toEqual([
      "- alicloud_eip_address `egress-eip` (`alicloud_eip_address.e`): billed while allocated (`internet_charge_type` PayByTraffic), attached or not",
      "- alicloud_nat_gateway `egress` (`alicloud_nat_gateway.n`): billed by the hour while it exists, plus its capacity units (`internet_charge_type` PayByLcu)",
      "- alicloud_eip_association: 1",
    ]);
  });

  it("shows a VPN gateway route to the same connection under a new prefix as replaced, as VPC tables do", () => {
    // GIVEN Berlin's gateway route (a resource keyed by its prefix) moves to 10.1.8.0/24,
    // and a route to another connection is swapped for one to Paris
    const vpnRoute = (dest: string, conn: string) => ({
      route_dest: dest,
      next_hop: ref("alicloud_vpn_connection", conn),
      vpn_gateway_id: ref("alicloud_vpn_gateway", "g"),
    });
    const base = hubStack(10, [berlin, paris], {
      alicloud_vpn_route_entry: { r_10_1_9: vpnRoute("10.1.9.0/24", "berlin"), r_10_3_0: vpnRoute("10.3.0.0/24", "berlin") },
    });
    const head = hubStack(10, [berlin, paris], {
      alicloud_vpn_route_entry: { r_10_1_8: vpnRoute("10.1.8.0/24", "berlin"), r_10_4_0: vpnRoute("10.4.0.0/24", "paris") },
    });
    // WHEN
    const md = renderNetdiff(netdiff(one(base), one(head)));
    // THEN the first Berlin route pairs with the new Berlin route; Paris's is new, the
    // second Berlin route is gone
    expect(section(md, "Route entries").slice(2)).toEqual([
      "| VPN gateway hub-vpn | **replaced: outage risk** | 10.1.9.0/24 → 10.1.8.0/24 | IPsec berlin |",
      "| VPN gateway hub-vpn | removed | 10.3.0.0/24 | IPsec berlin |",
      "| VPN gateway hub-vpn | added | 10.4.0.0/24 | IPsec paris |",
    ]);
  });
});
