/**
 * The topology of every scenario stack: the seed defaults, or a file that replaces the
 * scenario with the same `name`, with the selected environment overlay applied.
 */
import { loadTopologyFile, Topology, TopologyError } from "../lib/topology";
import { applyEnvironment, ENVIRONMENTS, EnvironmentOverlay } from "./environments";
import { idcLeasedLine } from "./idc-leased-line";
import { InterconnectKind, multinationalHub } from "./multinational-hub";
import { sharedNat } from "./shared-nat";
import { vpcPeeringCrossAccount, vpcPeeringSameAccount } from "./vpc-peering";

export const SCENARIOS = [
  "vpc-peering-same-account",
  "vpc-peering-cross-account",
  "shared-nat",
  "idc-leased-line",
  "multinational-hub",
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export function defaultTopologies(hubInterconnect: InterconnectKind = "router-interface"): Record<Scenario, Topology> {
  return {
    "vpc-peering-same-account": vpcPeeringSameAccount(),
    "vpc-peering-cross-account": vpcPeeringCrossAccount(),
    "shared-nat": sharedNat(),
    "idc-leased-line": idcLeasedLine(),
    "multinational-hub": multinationalHub(hubInterconnect),
  };
}

export interface SelectOptions {
  /** Environment overlay name. @default "dev" */
  readonly env?: string;
  /** JSON/YAML topology replacing the scenario of the same name. @default - defaults only */
  readonly topologyFile?: string;
  /** Interconnect of the multinational hub. @default "router-interface" */
  readonly hubInterconnect?: string;
}

/** The selected environment overlay; throws a TopologyError naming the allowed ones. */
export function selectEnvironment(name = "dev"): EnvironmentOverlay {
  // own entries only: "constructor" or "__proto__" must not find Object's members
  const env = Object.hasOwn(ENVIRONMENTS, name) ? ENVIRONMENTS[name] : undefined;
  if (!env) {
    throw new TopologyError("config", [
      { path: "env", value: name, message: `is not an environment; allowed: ${Object.keys(ENVIRONMENTS).join(", ")}` },
    ]);
  }
  return env;
}

export function selectTopologies(opts: SelectOptions = {}): Record<Scenario, Topology> {
  const env = selectEnvironment(opts.env);
  const ic = opts.hubInterconnect ?? "router-interface";
  if (ic !== "router-interface" && ic !== "peering") {
    throw new TopologyError("config", [
      { path: "hubInterconnect", value: ic, message: "is not an interconnect; allowed: router-interface, peering" },
    ]);
  }
  const all = defaultTopologies(ic);
  if (opts.topologyFile) {
    const t = loadTopologyFile(opts.topologyFile);
    if (!(SCENARIOS as readonly string[]).includes(t.name)) {
      throw new TopologyError(t.name, [
        { path: `${t.name}.name`, value: t.name, message: `names no scenario stack; allowed: ${SCENARIOS.join(", ")}` },
      ]);
    }
    all[t.name as Scenario] = t;
  }
  for (const s of SCENARIOS) all[s] = applyEnvironment(all[s], env);
  return all;
}
