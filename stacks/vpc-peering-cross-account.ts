import { Construct } from "constructs";
import { ScenarioStack, ScenarioStackProps } from "./scenario-stack";
import { vpcAndPeeringOutputs } from "./vpc-peering-same-account";

/**
 * Scenario 2: requester and acceptor accounts, each through its own provider alias
 * (profile or assume_role; role ARNs can be overridden with `-var <account>_role_arn=`).
 * The acceptor's UID comes from config or its provider's `alicloud_account` data source.
 */
export class VpcPeeringCrossAccountStack extends ScenarioStack {
  constructor(scope: Construct, id: string, props: ScenarioStackProps) {
    super(scope, id, { roleArnVariables: true, ...props });
    vpcAndPeeringOutputs(this);
  }
}
