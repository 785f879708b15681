/**
 * What a created resource costs while it exists, for the review: only resources the
 * project knows to bill by the hour or by traffic, each with its source. A hint, not a
 * price: the price list of the account's region and contract decides.
 */
import { Attrs } from "../tfjson";

interface CostFact {
  /** The hint, given the resource's synthesized arguments. */
  readonly hint: (a: Attrs) => string;
  readonly source: string;
}

const arg = (a: Attrs, k: string, unit = ""): string => (a[k] === undefined ? "" : ` (\`${k}\` ${String(a[k])}${unit})`);

const CEN_BILLING =
  "CEN docs, Billing: connection fee per intra-region connection (VPC, VBR, VPN, ECR) and hour, data processing fee per GB of ingress to the TR, inter-region bandwidth fee by data transfer or bandwidth plan";

export const COST_FACTS: Readonly<Record<string, CostFact>> = {
  alicloud_vpn_gateway: {
    hint: (a) => `billed by the hour by its bandwidth spec${arg(a, "bandwidth", " Mbit/s")}, plus outbound traffic`,
    source: "VPN Gateway docs, Billing: IPsec-VPN instance fee per bandwidth spec, hourly, plus a traffic fee",
  },
  alicloud_nat_gateway: {
    hint: (a) => `billed by the hour while it exists, plus its capacity units${arg(a, "internet_charge_type")}`,
    source: "NAT Gateway docs, billing of Internet NAT gateways (instance fee and CU fee)",
  },
  alicloud_eip_address: {
    hint: (a) => `billed while allocated${arg(a, "internet_charge_type")}, attached or not`,
    source: "EIP docs, billing overview; an unattached EIP is billed too (InfraGuard eip-attached)",
  },
  alicloud_express_connect_router_interface: {
    hint: (a) => `billed by its spec while it exists${arg(a, "spec")}; across regions the specs cost more`,
    source: "Express Connect docs, billing of router interfaces (by spec, hourly)",
  },
  alicloud_vpc_peer_connection: {
    hint: (a) => `free within a region; across regions billed by bandwidth or traffic${arg(a, "bandwidth", " Mbit/s")}`,
    source: "VPC docs, billing of VPC peering connections (free within a region, cross-region data transfer billed)",
  },
  alicloud_express_connect_physical_connection: {
    hint: () => "a port fee while it exists, plus the carrier's line, ordered out of band",
    source: "Express Connect docs, billing of physical connections (port fee)",
  },
  alicloud_cen_transit_router_vpc_attachment: {
    hint: () => "a TR connection fee per hour while attached, plus a data processing fee per GB entering the TR through it",
    source: CEN_BILLING,
  },
  alicloud_cen_transit_router_vbr_attachment: {
    hint: () => "a TR connection fee per hour while attached, plus a data processing fee per GB entering the TR through it",
    source: CEN_BILLING,
  },
  alicloud_cen_transit_router_peer_attachment: {
    hint: (a) =>
      a.bandwidth_type === "DataTransfer"
        ? `inter-region traffic billed per GB leaving each TR, through Cloud Data Transfer${arg(a, "bandwidth", " Mbit/s cap")}`
        : `bandwidth allocated from a subscription CEN bandwidth plan${arg(a, "bandwidth", " Mbit/s")}`,
    source: `${CEN_BILLING}; pay-by-data-transfer is settled through Cloud Data Transfer (CDT)`,
  },
  alicloud_vpc_flow_log: {
    hint: () => "USD 0.37/GB of flow records, plus Simple Log Service storage and queries",
    source: 'VPC docs, "Billing of flow logs"',
  },
};

/** The cost hint of a created resource, or undefined when the project knows none. */
export function costHint(type: string, attrs: Attrs): string | undefined {
  return COST_FACTS[type]?.hint(attrs);
}
