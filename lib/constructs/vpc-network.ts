import { TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { Vpc } from "../../.gen/providers/alicloud/vpc";
import { Vswitch } from "../../.gen/providers/alicloud/vswitch";
import { FLOW_LOG_EXEMPTION } from "../policy/infraguard-coverage";
import { exemptFromPolicy, PolicyRule } from "../policy/policy-checks";
import { mergeTags, pascal } from "../private/naming";
import { contains, isCidr, overlaps, parseCidr, VSwitchSpec } from "../topology";
import { VpcFlowLog, VpcFlowLogOptions } from "./vpc-flow-log";

/** A VPC as other constructs see it: a route table to add to, a router to link. */
export interface IVpcNetwork {
  readonly name: string;
  readonly region: string;
  readonly cidrBlock: string;
  readonly vpcId: string;
  readonly routerId: string;
  readonly routeTableId: string;
  readonly provider: TerraformProvider;
  vswitchId(name: string): string;
}

export interface VpcNetworkProps {
  /** Topology name of the network; becomes the `Name` tag and the VPC name. */
  readonly name: string;
  readonly region: string;
  readonly cidrBlock: string;
  readonly vswitches: readonly VSwitchSpec[];
  /** Provider for the VPC's account and region. */
  readonly provider: TerraformProvider;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * A flow log into an SLS project the VPC creates (billed while it runs).
   * @default - none: the VPC carries a recorded exemption from vpc-flow-logs-enabled stating the cost
   */
  readonly flowLog?: VpcFlowLogOptions;
}

/** Attributes of a VPC created elsewhere: an IVpcNetwork's fields, vSwitches by name. */
export interface VpcNetworkAttributes extends Omit<IVpcNetwork, "vswitchId"> {
  /** vSwitch name -> ID. @default {} */
  readonly vswitchIds?: Readonly<Record<string, string>>;
}

/**
 * A VPC with its vSwitches and tags. Its system route table receives planned routes.
 * With `flowLog` it also writes a flow log to SLS; without, it carries a recorded
 * exemption from InfraGuard's `vpc-flow-logs-enabled` that states what a flow log costs.
 *
 * ```ts
 * const net = new VpcNetwork(this, "UsVpc", {
 *   name: "us-vpc", region: "us-east-1", cidrBlock: "172.16.0.0/16", provider,
 *   vswitches: [{ name: "us-a", zone: "us-east-1a", cidr: "172.16.0.0/24" }],
 * });
 * ```
 * @resource alicloud_vpc
 * @resource alicloud_vswitch
 */
export class VpcNetwork extends Construct implements IVpcNetwork {
  /** Wraps an existing VPC so links and routes can target it. */
  static fromVpcAttributes(scope: Construct, id: string, attrs: VpcNetworkAttributes): IVpcNetwork {
    class Imported extends Construct implements IVpcNetwork {
      readonly name = attrs.name;
      readonly region = attrs.region;
      readonly cidrBlock = attrs.cidrBlock;
      readonly vpcId = attrs.vpcId;
      readonly routerId = attrs.routerId;
      readonly routeTableId = attrs.routeTableId;
      readonly provider = attrs.provider;
      vswitchId(name: string): string {
        const v = attrs.vswitchIds?.[name];
        if (v === undefined) throw new Error(`imported VPC ${attrs.name} has no vSwitch \`${name}\``);
        return v;
      }
    }
    return new Imported(scope, id);
  }

  readonly name: string;
  readonly region: string;
  readonly cidrBlock: string;
  readonly provider: TerraformProvider;
  readonly resource: Vpc;
  /** The flow log, when `flowLog` is set. */
  readonly flowLog?: VpcFlowLog;
  private readonly vswitchByName = new Map<string, Vswitch>();

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    validate(props);
    this.name = props.name;
    this.region = props.region;
    this.cidrBlock = props.cidrBlock;
    this.provider = props.provider;
    const tags = mergeTags(props.name, props.commonTags, props.tags);
    this.resource = new Vpc(this, "Resource", {
      provider: props.provider,
      vpcName: props.name,
      cidrBlock: props.cidrBlock,
      description: `${props.name} (managed by cdktf)`,
      tags,
    });
    if (props.flowLog) {
      this.flowLog = new VpcFlowLog(this, "FlowLog", {
        ...props.flowLog,
        vpcName: props.name,
        vpcId: this.resource.id,
        provider: props.provider,
        commonTags: props.commonTags,
      });
    } else {
      exemptFromPolicy(this.resource, PolicyRule.VPC_FLOW_LOGS, FLOW_LOG_EXEMPTION);
    }
    const group = new Construct(this, "VSwitches");
    for (const s of props.vswitches) {
      this.vswitchByName.set(
        s.name,
        new Vswitch(group, pascal(s.name), {
          provider: props.provider,
          vpcId: this.resource.id,
          vswitchName: `${props.name}-${s.name}`,
          zoneId: s.zone,
          cidrBlock: s.cidr,
          tags: mergeTags(`${props.name}-${s.name}`, props.commonTags, props.tags),
        }),
      );
    }
  }

  get vpcId(): string {
    return this.resource.id;
  }
  get routerId(): string {
    return this.resource.routerId;
  }
  get routeTableId(): string {
    return this.resource.routeTableId;
  }

  vswitchId(name: string): string {
    const v = this.vswitchByName.get(name);
    if (!v) throw new Error(`VPC ${this.name} has no vSwitch \`${name}\`; have ${[...this.vswitchByName.keys()].join(", ")}`);
    return v.id;
  }

  /** The vSwitch constructs by name. */
  get vswitches(): ReadonlyMap<string, Vswitch> {
    return this.vswitchByName;
  }
}

function validate(p: VpcNetworkProps): void {
  if (Token.isUnresolved(p.cidrBlock)) return;
  const vpc = parseCidr(p.cidrBlock);
  if (!isCidr(vpc)) throw new Error(`\`cidrBlock\` ${p.cidrBlock} of VPC ${p.name} is not a network CIDR (a.b.c.d/n, no host bits)`);
  const seen: { name: string; cidr: ReturnType<typeof parseCidr> }[] = [];
  for (const s of p.vswitches) {
    if (Token.isUnresolved(s.cidr)) continue;
    const c = parseCidr(s.cidr);
    if (!isCidr(c)) throw new Error(`vSwitch \`${s.name}\` \`cidr\` ${s.cidr} of VPC ${p.name} is not a network CIDR`);
    if (!contains(vpc, c)) throw new Error(`vSwitch \`${s.name}\` \`cidr\` ${s.cidr} is outside VPC ${p.name} ${p.cidrBlock}`);
    const clash = seen.find((o) => isCidr(o.cidr) && overlaps(o.cidr, c));
    if (clash) throw new Error(`vSwitch \`${s.name}\` \`cidr\` ${s.cidr} overlaps vSwitch \`${clash.name}\` in VPC ${p.name}`);
    seen.push({ name: s.name, cidr: c });
  }
}
