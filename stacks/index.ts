import { App } from "cdktf";
import { Scenario } from "../config";
import { Topology } from "../lib/topology";
import { IdcLeasedLineStack } from "./idc-leased-line";
import { MultinationalHubStack } from "./multinational-hub";
import { SharedNatStack } from "./shared-nat";
import { VpcPeeringCrossAccountStack } from "./vpc-peering-cross-account";
import { VpcPeeringSameAccountStack } from "./vpc-peering-same-account";

export { ScenarioStackProps, VpcPeeringSameAccountStack } from "./vpc-peering-same-account";
export { VpcPeeringCrossAccountStack } from "./vpc-peering-cross-account";
export { SharedNatStack } from "./shared-nat";
export { IdcLeasedLineStack } from "./idc-leased-line";
export { MultinationalHubStack } from "./multinational-hub";

/** Stack name: scenario and environment, e.g. `shared-nat-dev`. One state per stack. */
export function stackName(scenario: Scenario, env: string): string {
  return `${scenario}-${env}`;
}

/** Every scenario stack, each built from its topology. */
export function stacksFor(app: App, topologies: Record<Scenario, Topology>, env: string): void {
  new VpcPeeringSameAccountStack(app, stackName("vpc-peering-same-account", env), { topology: topologies["vpc-peering-same-account"] });
  new VpcPeeringCrossAccountStack(app, stackName("vpc-peering-cross-account", env), { topology: topologies["vpc-peering-cross-account"] });
  new SharedNatStack(app, stackName("shared-nat", env), { topology: topologies["shared-nat"] });
  new IdcLeasedLineStack(app, stackName("idc-leased-line", env), { topology: topologies["idc-leased-line"] });
  new MultinationalHubStack(app, stackName("multinational-hub", env), { topology: topologies["multinational-hub"] });
}
