import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { HybridNetwork, ProviderMatrix } from "../lib/constructs";
import { Topology } from "../lib/topology";

export interface ScenarioStackProps {
  readonly topology: Topology;
}

/** Scenario 1: two VPCs of one account peered, routes both ways. */
export class VpcPeeringSameAccountStack extends TerraformStack {
  readonly network: HybridNetwork;

  constructor(scope: Construct, id: string, props: ScenarioStackProps) {
    super(scope, id);
    const providers = new ProviderMatrix(this, "Providers", { topology: props.topology });
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
