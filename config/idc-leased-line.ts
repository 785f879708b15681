/**
 * Seed 001, "Access global resources from one point": an IDC in Beijing on one leased
 * line to the Beijing access point, one VBR, router-interface pairs to a VPC in
 * cn-beijing and a VPC in cn-shenzhen. The two VPCs do not talk through the VBR.
 *
 * `physicalConnectionId` is a placeholder: put the ID (pc-...) of your installed
 * line here, or replace it with `create: {...}` to order one.
 */
import { IdcInterconnectKind, LinkSpec, Topology, VSwitchSpec } from "../lib/topology";

/** How the IDC's VBR reaches the VPCs: router-interface pairs, or attached to the region's transit router. */
export type { IdcInterconnectKind };

/**
 * `transit-router`: the VBR and both VPCs attached to one CEN instance (a TR in each
 * region). A VPC attachment takes vSwitches in two zones, so each VPC gets a second one
 * in that variant only.
 */
export function idcLeasedLine(interconnect: IdcInterconnectKind = "vbr"): Topology {
  const tr = interconnect === "transit-router";
  const second = (v: VSwitchSpec): VSwitchSpec[] => (tr ? [v] : []);
  const links: LinkSpec[] = tr
    ? [{ kind: "transit-router", name: "idc", vpcs: ["bj-vpc", "sz-vpc"], idcs: ["beijing-idc"] }]
    : [
        { kind: "vbr", name: "idc-bj", idc: "beijing-idc", vpc: "bj-vpc" },
        { kind: "vbr", name: "idc-sz", idc: "beijing-idc", vpc: "sz-vpc" },
      ];
  return {
    name: "idc-leased-line",
    accounts: [{ name: "main" }],
    vpcs: [
      {
        name: "bj-vpc",
        account: "main",
        region: "cn-beijing",
        cidr: "172.16.0.0/16",
        vswitches: [
          { name: "bj-h", zone: "cn-beijing-h", cidr: "172.16.0.0/24" },
          ...second({ name: "bj-i", zone: "cn-beijing-i", cidr: "172.16.1.0/24" }),
        ],
      },
      {
        name: "sz-vpc",
        account: "main",
        region: "cn-shenzhen",
        cidr: "172.18.0.0/16",
        vswitches: [
          { name: "sz-d", zone: "cn-shenzhen-d", cidr: "172.18.0.0/24" },
          ...second({ name: "sz-e", zone: "cn-shenzhen-e", cidr: "172.18.1.0/24" }),
        ],
      },
    ],
    idcs: [
      {
        name: "beijing-idc",
        account: "main",
        region: "cn-beijing",
        cidrs: ["10.100.0.0/16"],
        // the access point (e.g. ap-cn-beijing-ft-A) is read from the installed line
        leasedLine: { physicalConnectionId: "pc-placeholder0000" },
        vbr: { vlanId: 100, localGatewayIp: "10.255.0.1", peerGatewayIp: "10.255.0.2", peeringSubnetMask: "255.255.255.252" },
        // BGP: the VBR learns the IDC prefixes, so no static VBR->IDC next hop is needed
        // (its form could not be confirmed offline; see docs/scenarios.md). Private ASN of the IDC router.
        bgp: { peerAsn: 65001 },
      },
    ],
    links,
  };
}
