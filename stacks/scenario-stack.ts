import { Annotations, Aspects, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { HybridNetwork, ProviderMatrix } from "../lib/constructs";
import { configureStateBackend, StateBackendConfig } from "../lib/constructs/state-backend";
import { PolicyChecks, ProviderSchemaFacts } from "../lib/policy";
import { AccountNeed, accountPrerequisites, describeNeeds, Topology } from "../lib/topology";

export interface ScenarioStackProps {
  readonly topology: Topology;
  /** @default - local state file `terraform.<stack>.tfstate` */
  readonly backend?: StateBackendConfig;
  /** Provider schema facts for the policy checks. @default - no policy checks */
  readonly policy?: ProviderSchemaFacts;
  /** Expose account role ARNs as `<account>_role_arn` variables. @default false */
  readonly roleArnVariables?: boolean;
}

/**
 * What every scenario stack has: its providers, its backend (one state per stack), the
 * network built from its topology, and the policy checks. Scenario stacks add outputs.
 */
export abstract class ScenarioStack extends TerraformStack {
  readonly network: HybridNetwork;
  readonly providers: ProviderMatrix;
  /** What the accounts must have enabled or accepted before this stack can be applied. */
  readonly prerequisites: readonly AccountNeed[];

  constructor(scope: Construct, id: string, props: ScenarioStackProps) {
    super(scope, id);
    configureStateBackend(this, id, props.backend ?? { kind: "local" });
    this.providers = new ProviderMatrix(this, "Providers", { topology: props.topology, roleArnVariables: props.roleArnVariables });
    this.network = new HybridNetwork(this, "Network", { topology: props.topology, providers: this.providers });
    this.prerequisites = accountPrerequisites(props.topology);
    // the cdktf CLI prints info annotations; a plain synth prints one merged block (app.ts)
    for (const line of describeNeeds(this.prerequisites)) Annotations.of(this).addInfo(`account prerequisite: ${line}`);
    if (props.policy) {
      Aspects.of(this).add(new PolicyChecks({ schema: props.policy, requiredTags: ["Name", ...Object.keys(props.topology.tags ?? {})] }));
    }
  }
}
