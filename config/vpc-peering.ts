/**
 * Seed 000 "Connect two VPCs": same-account and cross-account peering pairs.
 * Same region by default (free); pass another region to make it cross-region.
 */
import { Topology } from "../lib/topology";

export function vpcPeeringSameAccount(acceptorRegion = "cn-hangzhou"): Topology {
  const crossRegion = acceptorRegion !== "cn-hangzhou";
  return {
    name: "vpc-peering-same-account",
    accounts: [{ name: "main" }],
    vpcs: [
      {
        name: "app-vpc",
        account: "main",
        region: "cn-hangzhou",
        cidr: "10.1.0.0/16",
        vswitches: [{ name: "app-h", zone: "cn-hangzhou-h", cidr: "10.1.0.0/24" }],
      },
      {
        name: "data-vpc",
        account: "main",
        region: acceptorRegion,
        cidr: "10.2.0.0/16",
        vswitches: [{ name: "data-1", zone: crossRegion ? `${acceptorRegion}-a` : "cn-hangzhou-i", cidr: "10.2.0.0/24" }],
      },
    ],
    links: [{ kind: "peering", name: "app-data", requester: "app-vpc", acceptor: "data-vpc", ...(crossRegion ? { bandwidth: 10 } : {}) }],
  };
}

export function vpcPeeringCrossAccount(): Topology {
  return {
    name: "vpc-peering-cross-account",
    accounts: [
      { name: "requester", credentials: { profile: "requester" } },
      { name: "acceptor", credentials: { profile: "acceptor" }, resolveUidAtPlan: true },
    ],
    vpcs: [
      {
        name: "requester-vpc",
        account: "requester",
        region: "cn-hangzhou",
        cidr: "10.3.0.0/16",
        vswitches: [{ name: "req-h", zone: "cn-hangzhou-h", cidr: "10.3.0.0/24" }],
      },
      {
        name: "acceptor-vpc",
        account: "acceptor",
        region: "cn-hangzhou",
        cidr: "10.4.0.0/16",
        vswitches: [{ name: "acc-h", zone: "cn-hangzhou-h", cidr: "10.4.0.0/24" }],
      },
    ],
    links: [{ kind: "peering", name: "req-acc", requester: "requester-vpc", acceptor: "acceptor-vpc" }],
  };
}
