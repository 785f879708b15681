import { TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { LogProject } from "../../.gen/providers/alicloud/log-project";
import { LogStore } from "../../.gen/providers/alicloud/log-store";
import { VpcFlowLog as VpcFlowLogResource } from "../../.gen/providers/alicloud/vpc-flow-log";
import { mergeTags } from "../private/naming";
import { FlowLogTrafficType } from "../topology";

export interface VpcFlowLogOptions {
  /**
   * SLS project the construct creates for the records: 3–63 lowercase letters, digits
   * and hyphens, starting and ending with a letter or digit (unique in the region
   * across Alibaba Cloud).
   */
  readonly slsProject: string;
  /** @default FlowLogTrafficType.ALL */
  readonly trafficType?: FlowLogTrafficType;
  /** Days the logstore keeps records, 1–3650. @default 30 */
  readonly retentionDays?: number;
}

export interface VpcFlowLogProps extends VpcFlowLogOptions {
  /** Topology name of the VPC (names the logstore and the flow log). */
  readonly vpcName: string;
  readonly vpcId: string;
  /** The VPC's provider (its account and region: the project must be in the VPC's region). */
  readonly provider: TerraformProvider;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
}

/**
 * A VPC flow log into a Simple Log Service project and logstore created with it: what
 * InfraGuard's `vpc-flow-logs-enabled` (MLPS level 3) asks for. Opt-in because it is
 * billed for as long as it runs (docs/operations.md, "Costs that matter"). The account's flow-log
 * service must be open once before the first apply (VPC console, or the provider's
 * `alicloud_vpc_flow_log_service` data source); it cannot be closed again.
 *
 * ```ts
 * new VpcFlowLog(this, "FlowLog", { vpcName: "hub-vpc", vpcId: vpc.vpcId, provider, slsProject: "acme-hub-vpc-flow", retentionDays: 180 });
 * ```
 * @resource alicloud_log_project
 * @resource alicloud_log_store
 * @resource alicloud_vpc_flow_log
 */
export class VpcFlowLog extends Construct {
  readonly project: LogProject;
  readonly logstore: LogStore;
  readonly resource: VpcFlowLogResource;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    validate(props);
    const name = `${props.vpcName}-flow-log`;
    const trafficType = props.trafficType ?? FlowLogTrafficType.ALL;
    // Attributes Read fills are set here or ignored (READ_DRIFT in lib/facts/apply-fidelity.ts).
    this.project = new LogProject(this, "Project", {
      provider: props.provider,
      projectName: props.slsProject,
      description: `flow log of VPC ${props.vpcName}`,
      tags: mergeTags(props.slsProject, props.commonTags),
      lifecycle: { ignoreChanges: ["policy"] },
    });
    this.logstore = new LogStore(this, "Logstore", {
      provider: props.provider,
      projectName: this.project.projectName,
      logstoreName: name,
      retentionPeriod: props.retentionDays ?? 30,
      shardCount: 2,
      autoSplit: true,
      maxSplitShardCount: 64,
      appendMeta: true,
      enableWebTracking: false,
      // Encrypted at rest with SLS's service key (AES): InfraGuard sls-logstore-enabled-encrypt.
      // The method cannot be changed afterwards (SLS API, UpdateLogStoreEncryption).
      encryptConf: { enable: true, encryptType: "default" },
      lifecycle: { ignoreChanges: ["hot_ttl", "infrequent_access_ttl", "telemetry_type"] },
    });
    this.resource = new VpcFlowLogResource(this, "Resource", {
      provider: props.provider,
      flowLogName: name,
      description: `${trafficType} traffic of VPC ${props.vpcName}`,
      resourceType: "VPC",
      resourceId: props.vpcId,
      trafficType,
      projectName: this.project.projectName,
      logStoreName: this.logstore.logstoreName,
      tags: mergeTags(name, props.commonTags),
    });
  }
}

const SLS_PROJECT = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

function validate(p: VpcFlowLogProps): void {
  if (!Token.isUnresolved(p.slsProject) && !SLS_PROJECT.test(p.slsProject)) {
    throw new Error(
      `\`slsProject\` ${JSON.stringify(p.slsProject)} of VPC ${p.vpcName}'s flow log is not an SLS project name; allowed: 3–63 lowercase letters, digits and hyphens, starting and ending with a letter or digit`,
    );
  }
  const days = p.retentionDays;
  if (days !== undefined && !Token.isUnresolved(days) && (!Number.isInteger(days) || days < 1 || days > 3650)) {
    throw new Error(`\`retentionDays\` ${days} of VPC ${p.vpcName}'s flow log is out of range; allowed: an integer 1–3650`);
  }
}
