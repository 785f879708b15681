/**
 * Seed 000 "Two VPCs share a NAT Gateway": the hub VPC's enhanced NAT gateway, with
 * an EIP, serves the hub's vSwitches and the spoke VPC, which sends 0.0.0.0/0 over
 * the private link to the hub.
 */
import { Topology } from "../lib/topology";

export function sharedNat(): Topology {
  return {
    name: "shared-nat",
    accounts: [{ name: "main" }],
    vpcs: [
      {
        name: "hub-vpc",
        account: "main",
        region: "cn-hangzhou",
        cidr: "192.168.0.0/16",
        vswitches: [
          { name: "hub-nat", zone: "cn-hangzhou-h", cidr: "192.168.0.0/24" },
          { name: "hub-app", zone: "cn-hangzhou-i", cidr: "192.168.1.0/24" },
        ],
      },
      {
        name: "spoke-vpc",
        account: "main",
        region: "cn-hangzhou",
        cidr: "172.16.0.0/16",
        vswitches: [{ name: "spoke-app", zone: "cn-hangzhou-h", cidr: "172.16.0.0/24" }],
      },
    ],
    links: [
      { kind: "peering", name: "hub-spoke", requester: "hub-vpc", acceptor: "spoke-vpc" },
      { kind: "shared-nat", name: "egress", hub: "hub-vpc", vswitch: "hub-nat", spokes: ["spoke-vpc"] },
    ],
  };
}
