import { App } from "cdktf";
import { Scenario, Topologies } from "../config";
import { StateBackendConfig } from "../lib/constructs/state-backend";
import { ProviderSchemaFacts } from "../lib/policy";
import { Topology } from "../lib/topology";
import { IdcLeasedLineStack } from "./idc-leased-line";
import { MultinationalHubStack } from "./multinational-hub";
import { SharedNatStack } from "./shared-nat";
import { VpcPeeringCrossAccountStack } from "./vpc-peering-cross-account";
import { VpcPeeringSameAccountStack } from "./vpc-peering-same-account";

export { ScenarioStack, ScenarioStackProps } from "./scenario-stack";
export { VpcPeeringSameAccountStack } from "./vpc-peering-same-account";
export { VpcPeeringCrossAccountStack } from "./vpc-peering-cross-account";
export { SharedNatStack } from "./shared-nat";
export { IdcLeasedLineStack } from "./idc-leased-line";
export { MultinationalHubStack } from "./multinational-hub";

/** Stack name: scenario and environment, e.g. `shared-nat-dev`. One state per stack. */
export function stackName(scenario: Scenario, env: string): string {
  return `${scenario}-${env}`;
}

export interface StacksOptions {
  /** @default - local state */
  readonly backend?: StateBackendConfig;
  /** @default - no policy checks */
  readonly policy?: ProviderSchemaFacts;
  /** Only these scenarios' stacks (tests and fuzzing, for speed). @default - every scenario */
  readonly only?: readonly Scenario[];
}

/** The stack of every scenario that has a topology (a dropped scenario has none). */
export function stacksFor(app: App, topologies: Topologies, env: string, opts: StacksOptions = {}): void {
  const props = (topology: Topology) => ({ topology, backend: opts.backend, policy: opts.policy });
  const build = (s: Scenario, make: (id: string, t: Topology) => void) => {
    const t = topologies[s];
    if (t && (opts.only === undefined || opts.only.includes(s))) make(stackName(s, env), t);
  };
  build("vpc-peering-same-account", (id, t) => new VpcPeeringSameAccountStack(app, id, props(t)));
  build("vpc-peering-cross-account", (id, t) => new VpcPeeringCrossAccountStack(app, id, props(t)));
  build("shared-nat", (id, t) => new SharedNatStack(app, id, props(t)));
  build("idc-leased-line", (id, t) => new IdcLeasedLineStack(app, id, props(t)));
  build("multinational-hub", (id, t) => new MultinationalHubStack(app, id, props(t)));
}
