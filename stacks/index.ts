import { App } from "cdktf";
import { Scenario } from "../config";
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

/** Every scenario stack, each built from its topology. */
export function stacksFor(app: App, topologies: Record<Scenario, Topology>, env: string, opts: StacksOptions = {}): void {
  const props = (s: Scenario) => ({ topology: topologies[s], backend: opts.backend, policy: opts.policy });
  const want = (s: Scenario) => opts.only === undefined || opts.only.includes(s);
  if (want("vpc-peering-same-account"))
    new VpcPeeringSameAccountStack(app, stackName("vpc-peering-same-account", env), props("vpc-peering-same-account"));
  if (want("vpc-peering-cross-account"))
    new VpcPeeringCrossAccountStack(app, stackName("vpc-peering-cross-account", env), props("vpc-peering-cross-account"));
  if (want("shared-nat")) new SharedNatStack(app, stackName("shared-nat", env), props("shared-nat"));
  if (want("idc-leased-line")) new IdcLeasedLineStack(app, stackName("idc-leased-line", env), props("idc-leased-line"));
  if (want("multinational-hub")) new MultinationalHubStack(app, stackName("multinational-hub", env), props("multinational-hub"));
}
