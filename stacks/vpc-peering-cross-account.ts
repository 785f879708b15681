import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { HybridNetwork, ProviderMatrix } from "../lib/constructs";
import { ScenarioStackProps } from "./vpc-peering-same-account";

/**
 * Scenario 2: requester and acceptor accounts, each through its own provider alias
 * (profile or assume_role; role ARNs can be overridden with `-var <account>_role_arn=`).
 * The acceptor's UID comes from config or its provider's `alicloud_account` data source.
 */
export class VpcPeeringCrossAccountStack extends TerraformStack {
  readonly network: HybridNetwork;

  constructor(scope: Construct, id: string, props: ScenarioStackProps) {
    super(scope, id);
    const providers = new ProviderMatrix(this, "Providers", { topology: props.topology, roleArnVariables: true });
    this.network = new HybridNetwork(this, "Network", { topology: props.topology, providers });
    for (const [name, vpc] of this.network.vpcs) {
      new TerraformOutput(this, `vpc_id_${name.replace(/-/g, "_")}`, { value: vpc.vpcId, description: `VPC ID of ${name}` });
    }
    for (const [name, ic] of this.network.interconnects) {
      if (!ic.peering) continue;
      new TerraformOutput(this, `peering_id_${name.replace(/-/g, "_")}`, { value: ic.peering.peerConnectionId, description: `Peer connection ID of ${name}` });
    }
  }
}
