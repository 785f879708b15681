/**
 * Apply-time traps this template once fell into (each only visible after `plan`), planted
 * back into a synthesized stack to show that e2e catches each one
 * and names the resource and attribute. `npm run e2e -- --plant <name>` applies the plant to
 * every selected stack it fits; a stack then passes only if its run FAILS with the expected
 * text in the report.
 */
type Config = { resource?: Record<string, Record<string, Record<string, unknown>>> };

export interface Plant {
  readonly name: string;
  /** the trap it brings back: what goes wrong */
  readonly finding: string;
  /** changes the config; returns false when the stack has nothing to plant into */
  readonly apply: (c: Config) => boolean;
  /** what the e2e report must contain when the plant is caught */
  readonly expect: RegExp;
}

export const PLANTS: readonly Plant[] = [
  {
    name: "peering-without-acceptor-uid",
    finding: "same-account peering without accepting_ali_uid is replaced on every plan",
    apply: (c) => {
      const ps = Object.values(c.resource?.alicloud_vpc_peer_connection ?? {});
      for (const p of ps) delete p.accepting_ali_uid;
      return ps.length > 0;
    },
    expect: /alicloud_vpc_peer_connection\.\S+: accepting_ali_uid \d+ -> null .*forces replacement/,
  },
  {
    name: "nat-default-route",
    finding: "the hub emits 0.0.0.0/0 -> NAT that the enhanced NAT gateway adds itself",
    apply: (c) => {
      const nats = Object.entries(c.resource?.alicloud_nat_gateway ?? {});
      const first = nats[0];
      if (!first) return false;
      const [natName, nat] = first;
      const vpc = String(nat.vpc_id).replace(/\.id\}$/, ".route_table_id}");
      ((c.resource ??= {}).alicloud_route_entry ??= {}).Planted_NatDefaultRoute = {
        route_table_id: vpc,
        destination_cidrblock: "0.0.0.0/0",
        nexthop_type: "NatGateway",
        nexthop_id: `\${alicloud_nat_gateway.${natName}.id}`,
        provider: nat.provider,
      };
      return true;
    },
    expect: /Planted_NatDefaultRoute[\s\S]*|route entry 0\.0\.0\.0\/0 has already existed/,
  },
  {
    name: "accepter-description",
    finding: "the cross-account accepter writes the peering's description too, so requester and accepter fight over it",
    apply: (c) => {
      const as = Object.values(c.resource?.alicloud_vpc_peer_connection_accepter ?? {});
      for (const a of as) a.description = "accepted by the acceptor account";
      return as.length > 0;
    },
    expect: /alicloud_vpc_peer_connection(_accepter)?\.\S+: description /,
  },
  {
    name: "router-interface-read-fields",
    finding: "router interfaces without ignore_changes for the fields Read fills never settle",
    apply: (c) => {
      const ris = Object.values(c.resource?.alicloud_express_connect_router_interface ?? {});
      for (const r of ris) delete r.lifecycle;
      return ris.length > 0;
    },
    expect: /alicloud_express_connect_router_interface\.\S+: (opposite_interface_id|opposite_interface_owner_id|hc_rate|hc_threshold) /,
  },
];

export function plantByName(name: string): Plant {
  const p = PLANTS.find((x) => x.name === name);
  if (!p) throw new Error(`--plant "${name}": allowed: ${PLANTS.map((x) => x.name).join(", ")}`);
  return p;
}
