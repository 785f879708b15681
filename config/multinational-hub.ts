/**
 * Seed 002, "Use VPN Gateway and Express Connect together": a US East VPC and a
 * Shanghai VPC joined by a cross-region interconnect, each with a VPN gateway
 * terminating IPsec from two offices. Local subnet 0.0.0.0/0, remote = office CIDRs.
 *
 * Office public IPs are RFC 5737 placeholders: replace them with your offices'
 * static public addresses before deploying (synth warns while they remain).
 */
import { assertNever } from "../lib/private/assert-never";
import { HubInterconnectKind, LinkSpec, Topology } from "../lib/topology";

export type InterconnectKind = HubInterconnectKind;

/** The seed's `us-cn` link on the chosen interconnect. */
function usCnLink(interconnect: InterconnectKind): LinkSpec {
  switch (interconnect) {
    case "router-interface":
      return { kind: "router-interface", name: "us-cn", from: "us-vpc", to: "cn-vpc" };
    case "peering":
      return { kind: "peering", name: "us-cn", requester: "us-vpc", acceptor: "cn-vpc", bandwidth: 10 };
    case "transit-router":
      // a TR in each region and one pay-by-data-transfer peer attachment between them
      return { kind: "transit-router", name: "us-cn", vpcs: ["us-vpc", "cn-vpc"] };
    default:
      return assertNever(interconnect, "hub interconnect");
  }
}

export function multinationalHub(interconnect: InterconnectKind = "router-interface"): Topology {
  return {
    name: "multinational-hub",
    accounts: [{ name: "main" }],
    vpcs: [
      {
        name: "us-vpc",
        account: "main",
        region: "us-east-1",
        cidr: "172.16.0.0/16",
        vswitches: [
          { name: "us-a", zone: "us-east-1a", cidr: "172.16.0.0/24" },
          { name: "us-b", zone: "us-east-1b", cidr: "172.16.1.0/24" },
        ],
        // dual tunnel: us-east-1 gateways need a second vSwitch in another zone
        vpnGateway: { bandwidth: 10, vswitch: "us-a", disasterRecoveryVswitch: "us-b" },
      },
      {
        name: "cn-vpc",
        account: "main",
        region: "cn-shanghai",
        cidr: "172.17.0.0/16",
        vswitches: [
          { name: "sh-e", zone: "cn-shanghai-e", cidr: "172.17.0.0/24" },
          { name: "sh-f", zone: "cn-shanghai-f", cidr: "172.17.1.0/24" },
        ],
        vpnGateway: { bandwidth: 10, vswitch: "sh-e", disasterRecoveryVswitch: "sh-f" },
      },
    ],
    offices: [
      { name: "us-office-1", publicIp: "203.0.113.11", cidrs: ["10.10.10.0/24"] },
      { name: "us-office-2", publicIp: "203.0.113.12", cidrs: ["10.10.20.0/24"] },
      { name: "cn-office-3", publicIp: "203.0.113.13", cidrs: ["10.20.10.0/24"] },
      { name: "cn-office-4", publicIp: "203.0.113.14", cidrs: ["10.20.20.0/24"] },
    ],
    links: [
      usCnLink(interconnect),
      { kind: "vpn", name: "us-office-1", office: "us-office-1", vpc: "us-vpc" },
      { kind: "vpn", name: "us-office-2", office: "us-office-2", vpc: "us-vpc" },
      { kind: "vpn", name: "cn-office-3", office: "cn-office-3", vpc: "cn-vpc" },
      { kind: "vpn", name: "cn-office-4", office: "cn-office-4", vpc: "cn-vpc" },
    ],
  };
}
