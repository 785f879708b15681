/**
 * Defects planted into a synthesized stack, to show that e2e catches each one and names
 * it. Two families:
 * - findings: settings that once made a stack drift or fight itself (the report must name
 *   the resource and attribute);
 * - API defects: requests the real API refuses (the report must name the error code).
 * `npm run e2e -- --plant <name>` plants one into every selected stack it fits; `--plant all`
 * plants each into the first selected stack it fits. A planted run passes only if it FAILS
 * with the expected text in its report, and still leaves nothing behind.
 */
import { API_DEFECTS, type PlantedDefect } from "./defects";
import { PLANTED_DEFECTS } from "../src/planted-defects";
import type { MutableStackJson as StackJson } from "../../lib/tfjson";

export interface Plant {
  readonly name: string;
  /** what it brings back, and where that is documented */
  readonly why: string;
  /** stacks it may be planted into, by label @default - any stack it fits */
  readonly stack?: RegExp;
  /** changes the stack's JSON; returns false when the stack has nothing to plant into */
  readonly apply: (c: StackJson) => boolean;
  /** what the e2e report must contain when the plant is caught */
  readonly expect: RegExp;
}

export const PLANTS: readonly Plant[] = [
  {
    name: "peering-without-acceptor-uid",
    why: "same-account peering without accepting_ali_uid is replaced on every plan",
    apply: (c) => {
      const ps = Object.values(c.resource?.alicloud_vpc_peer_connection ?? {});
      for (const p of ps) delete p.accepting_ali_uid;
      return ps.length > 0;
    },
    expect: /alicloud_vpc_peer_connection\.\S+: accepting_ali_uid \d+ -> null .*forces replacement/,
  },
  {
    name: "nat-default-route",
    why: "the hub emits 0.0.0.0/0 -> NAT that the enhanced NAT gateway adds itself",
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
    why: "the cross-account accepter writes the peering's description too, so requester and accepter fight over it",
    apply: (c) => {
      const as = Object.values(c.resource?.alicloud_vpc_peer_connection_accepter ?? {});
      for (const a of as) a.description = "accepted by the acceptor account";
      return as.length > 0;
    },
    expect: /alicloud_vpc_peer_connection(_accepter)?\.\S+: description /,
  },
  {
    name: "router-interface-read-fields",
    why: "router interfaces without ignore_changes for the fields Read fills never settle",
    apply: (c) => {
      const ris = Object.values(c.resource?.alicloud_express_connect_router_interface ?? {});
      for (const r of ris) delete r.lifecycle;
      return ris.length > 0;
    },
    expect: /alicloud_express_connect_router_interface\.\S+: (opposite_interface_id|opposite_interface_owner_id|hc_rate|hc_threshold) /,
  },
];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** An API defect as a plant: it fits the stacks its pattern names, and is caught when the report names its error code. */
export function defectPlant(d: PlantedDefect): Plant {
  return {
    name: d.name,
    why: d.rule,
    stack: d.stackPattern,
    apply: (c) => d.edit(c),
    expect: new RegExp(`\\b${escape(d.expectedCode)}\\b`),
  };
}

/**
 * Every plant: the read-back findings above, this runner's own API defects, and the
 * emulator's list of request rules the provider lets through (each caught by its rule).
 */
export function allPlants(): Plant[] {
  const own = [...PLANTS, ...API_DEFECTS.map(defectPlant)];
  const names = new Set(own.map((p) => p.name));
  return [...own, ...PLANTED_DEFECTS.filter((d) => !names.has(d.name)).map(defectPlant)];
}

export function allPlantNames(): string[] {
  return allPlants().map((p) => p.name);
}

export function plantByName(name: string): Plant {
  const p = allPlants().find((x) => x.name === name);
  if (!p) throw new Error(`--plant "${name}": allowed: all, ${allPlantNames().join(", ")}`);
  return p;
}

/** Whether `plant` fits the stack: its pattern (if any) matches the label, and there is something to plant into. */
export function fits(plant: Plant, stackLabel: string, config: StackJson): boolean {
  if (plant.stack && !plant.stack.test(stackLabel)) return false;
  return plant.apply(structuredClone(config));
}
