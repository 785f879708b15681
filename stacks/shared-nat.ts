import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { HybridNetwork, ProviderMatrix } from "../lib/constructs";
import { ScenarioStackProps } from "./vpc-peering-same-account";

/** Scenario 5 (seed 000): spoke VPCs reach the internet through the hub's NAT gateway. */
export class SharedNatStack extends TerraformStack {
  readonly network: HybridNetwork;

  constructor(scope: Construct, id: string, props: ScenarioStackProps) {
    super(scope, id);
    const providers = new ProviderMatrix(this, "Providers", { topology: props.topology });
    this.network = new HybridNetwork(this, "Network", { topology: props.topology, providers });
    for (const [name, vpc] of this.network.vpcs) {
      new TerraformOutput(this, `vpc_id_${name.replace(/-/g, "_")}`, { value: vpc.vpcId, description: `VPC ID of ${name}` });
    }
    for (const [name, nat] of this.network.sharedNats) {
      new TerraformOutput(this, `nat_gateway_id_${name.replace(/-/g, "_")}`, { value: nat.natGatewayId });
      new TerraformOutput(this, `egress_ip_${name.replace(/-/g, "_")}`, { value: nat.publicIp, description: "Public address the hub and spokes leave through" });
    }
  }
}
