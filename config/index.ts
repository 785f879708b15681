/**
 * The topology of every scenario stack this project builds: the defaults in this folder,
 * or a file that replaces the scenario with the same `name`, with the selected
 * environment overlay applied.
 */
import { HubInterconnectKind, IdcInterconnectKind, loadTopologyFile, Topology, TopologyError } from "../lib/topology";
import { applyEnvironment, ENVIRONMENTS, EnvironmentOverlay } from "./environments";
import { idcLeasedLine } from "./idc-leased-line";
import { multinationalHub } from "./multinational-hub";
import { sharedNat } from "./shared-nat";
import { vpcPeeringCrossAccount, vpcPeeringSameAccount } from "./vpc-peering";

/** Every kind of scenario stack the code can build (stacks/ has one class per kind). */
export const SCENARIO_KINDS = [
  "vpc-peering-same-account",
  "vpc-peering-cross-account",
  "shared-nat",
  "idc-leased-line",
  "multinational-hub",
] as const;
export type Scenario = (typeof SCENARIO_KINDS)[number];

/**
 * The scenarios this project synthesizes from config/, one stack each. To drop a
 * scenario, delete its line: its stack is no longer built, and the tests that run on
 * config/ skip it, saying so (docs/forking.md). Nothing else needs to change.
 */
export const SCENARIOS: readonly Scenario[] = [
  "vpc-peering-same-account",
  "vpc-peering-cross-account",
  "shared-nat",
  "idc-leased-line",
  "multinational-hub",
];

/** The interconnects a default topology is built with. */
export interface Interconnects {
  /** @default "router-interface" */
  readonly hub?: HubInterconnectKind;
  /** @default "vbr" */
  readonly idc?: IdcInterconnectKind;
}

/** The allowed values of each interconnect setting. */
export const HUB_INTERCONNECTS: readonly HubInterconnectKind[] = ["router-interface", "peering", "transit-router"];
export const IDC_INTERCONNECTS: readonly IdcInterconnectKind[] = ["vbr", "transit-router"];

/**
 * The default topology of each scenario. A dropped scenario's entry may stay; to delete
 * its config file too, delete its entry and its import here.
 */
const DEFAULTS: { readonly [S in Scenario]?: (ic: Interconnects) => Topology } = {
  "vpc-peering-same-account": () => vpcPeeringSameAccount(),
  "vpc-peering-cross-account": () => vpcPeeringCrossAccount(),
  "shared-nat": () => sharedNat(),
  "idc-leased-line": (ic) => idcLeasedLine(ic.idc),
  "multinational-hub": (ic) => multinationalHub(ic.hub),
};

/** The topologies of this project's scenarios; a dropped scenario has no entry. */
export type Topologies = Partial<Record<Scenario, Topology>>;

/** True when `name` is a kind of scenario stack, listed in SCENARIOS or not. */
export function isScenario(name: unknown): name is Scenario {
  return (SCENARIO_KINDS as readonly unknown[]).includes(name);
}

/** The default topology of each scenario in SCENARIOS; throws when one has no default. */
export function defaultTopologies(
  hubInterconnect: HubInterconnectKind = "router-interface",
  idcInterconnect: IdcInterconnectKind = "vbr",
): Topologies {
  const out: Topologies = {};
  for (const s of SCENARIOS) {
    const make = DEFAULTS[s];
    if (!make) {
      throw new TopologyError("config", [
        {
          path: `SCENARIOS`,
          value: s,
          message: `has no default topology in config/index.ts; allowed: ${Object.keys(DEFAULTS).join(", ")}`,
        },
      ]);
    }
    out[s] = make({ hub: hubInterconnect, idc: idcInterconnect });
  }
  return out;
}

export interface SelectOptions {
  /** Environment overlay name. @default "dev" */
  readonly env?: string;
  /**
   * JSON/YAML topology replacing the scenario of the same name (or adding it, when config/
   * does not list it). @default - defaults only
   */
  readonly topologyFile?: string;
  /** Interconnect of the multinational hub. @default "router-interface" */
  readonly hubInterconnect?: string;
  /** How the leased-line IDC reaches its VPCs. @default "vbr" */
  readonly idcInterconnect?: string;
}

function isOneOf(value: string, allowed: readonly string[]): boolean {
  return allowed.includes(value);
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

export function selectTopologies(opts: SelectOptions = {}): Topologies {
  const env = selectEnvironment(opts.env);
  const ic = opts.hubInterconnect ?? "router-interface";
  const idc = opts.idcInterconnect ?? "vbr";
  const problems = [
    ...(isOneOf(ic, HUB_INTERCONNECTS)
      ? []
      : [{ path: "hubInterconnect", value: ic, message: `is not an interconnect; allowed: ${HUB_INTERCONNECTS.join(", ")}` }]),
    ...(isOneOf(idc, IDC_INTERCONNECTS)
      ? []
      : [{ path: "idcInterconnect", value: idc, message: `is not an IDC interconnect; allowed: ${IDC_INTERCONNECTS.join(", ")}` }]),
  ];
  if (problems.length > 0) throw new TopologyError("config", problems);
  const all = defaultTopologies(ic as HubInterconnectKind, idc as IdcInterconnectKind);
  if (opts.topologyFile) {
    const t = loadTopologyFile(opts.topologyFile);
    if (!isScenario(t.name)) {
      throw new TopologyError(t.name, [
        { path: `${t.name}.name`, value: t.name, message: `names no scenario stack; allowed: ${SCENARIO_KINDS.join(", ")}` },
      ]);
    }
    all[t.name] = t;
  }
  const out: Topologies = {};
  for (const s of SCENARIO_KINDS) {
    const t = all[s];
    if (t) out[s] = applyEnvironment(t, env);
  }
  return out;
}
