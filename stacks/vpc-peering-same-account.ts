import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { outputName } from "../lib/private/naming";
import { ScenarioStack, ScenarioStackProps } from "./scenario-stack";

export { ScenarioStackProps } from "./scenario-stack";

/** Scenario 1: two VPCs of one account peered, routes both ways. */
export class VpcPeeringSameAccountStack extends ScenarioStack {
  constructor(scope: Construct, id: string, props: ScenarioStackProps) {
    super(scope, id, props);
    vpcAndPeeringOutputs(this);
  }
}

/** VPC IDs and peer connection IDs, shared by the peering scenarios. */
export function vpcAndPeeringOutputs(stack: ScenarioStack): void {
  for (const [name, vpc] of stack.network.vpcs) {
    new TerraformOutput(stack, outputName("vpc_id_", name), { value: vpc.vpcId, description: `VPC ID of ${name}` });
  }
  for (const [name, ic] of stack.network.interconnects) {
    if (!ic.peering) continue;
    new TerraformOutput(stack, outputName("peering_id_", name), {
      value: ic.peering.peerConnectionId,
      description: `Peer connection ID of ${name}`,
    });
  }
}
