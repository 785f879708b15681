import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { outputName } from "../lib/private/naming";
import { ScenarioStack, ScenarioStackProps } from "./scenario-stack";

/** Scenario 5 (seed 000): spoke VPCs reach the internet through the hub's NAT gateway. */
export class SharedNatStack extends ScenarioStack {
  constructor(scope: Construct, id: string, props: ScenarioStackProps) {
    super(scope, id, props);
    for (const [name, vpc] of this.network.vpcs) {
      new TerraformOutput(this, outputName("vpc_id_", name), { value: vpc.vpcId, description: `VPC ID of ${name}` });
    }
    for (const [name, nat] of this.network.sharedNats) {
      new TerraformOutput(this, outputName("nat_gateway_id_", name), { value: nat.natGatewayId });
      new TerraformOutput(this, outputName("egress_ip_", name), {
        value: nat.publicIp,
        description: "Public address the hub and spokes leave through",
      });
    }
  }
}
