import { Token } from "cdktf";
import { Construct } from "constructs";
import { EipAddress } from "../../.gen/providers/alicloud/eip-address";
import { EipAssociation } from "../../.gen/providers/alicloud/eip-association";
import { NatGateway } from "../../.gen/providers/alicloud/nat-gateway";
import { SnatEntry } from "../../.gen/providers/alicloud/snat-entry";
import { mergeTags, pascal } from "../private/naming";
import { LIMITS } from "../topology/limits";
import { IVpcNetwork } from "./vpc-network";

/** Who shares the NAT, within the API's description limit (many spokes: a count instead). */
function natDescription(hub: string, spokes: readonly string[]): string {
  const all = `shared by ${[hub, ...spokes].join(", ")}`;
  return all.length <= LIMITS.description.maxLength ? all : `shared by ${hub} and ${spokes.length} spokes`;
}

export interface SharedNatGatewayProps {
  readonly name: string;
  readonly hub: IVpcNetwork;
  /** Hub vSwitch the enhanced NAT gateway sits in. */
  readonly vswitch: string;
  /** Hub vSwitches whose instances get SNAT. */
  readonly hubVswitches: readonly string[];
  /** Spoke VPCs whose CIDRs get SNAT (traffic arrives over the private link). */
  readonly spokes: readonly IVpcNetwork[];
  /** EIP bandwidth in Mbit/s. @default 5 */
  readonly eipBandwidth?: number;
  /**
   * Deletion protection on the NAT gateway and the EIP (the EIP is the address partners
   * allow-list; losing it is expensive).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
}

/**
 * An enhanced internet NAT gateway in the hub VPC with one EIP, serving the hub's own
 * vSwitches and each spoke VPC's CIDR through SNAT (seed 000, "Two VPCs share a NAT
 * Gateway"). Routes (spoke 0.0.0.0/0 over the link, hub 0.0.0.0/0 to the NAT) come
 * from the planner.
 *
 * ```ts
 * new SharedNatGateway(this, "Egress", { name: "egress", hub, vswitch: "hub-nat", hubVswitches: ["hub-app"], spokes: [spoke] });
 * ```
 * @resource alicloud_nat_gateway
 * @resource alicloud_eip_address
 * @resource alicloud_eip_association
 * @resource alicloud_snat_entry
 */
export class SharedNatGateway extends Construct {
  readonly resource: NatGateway;
  readonly eip: EipAddress;
  readonly association: EipAssociation;
  readonly snatEntries: SnatEntry[] = [];

  constructor(scope: Construct, id: string, props: SharedNatGatewayProps) {
    super(scope, id);
    const bw = props.eipBandwidth ?? 5;
    if (!Token.isUnresolved(bw) && (!Number.isInteger(bw) || bw < 1 || bw > 500))
      throw new Error(`\`eipBandwidth\` ${bw} of shared NAT ${props.name} is out of range (1–500 Mbit/s)`);
    if (props.spokes.some((s) => s.name === props.hub.name))
      throw new Error(`\`spokes\` of shared NAT ${props.name} includes the hub ${props.hub.name}`);
    const protect = props.deletionProtection ?? true;
    const provider = props.hub.provider;
    this.resource = new NatGateway(this, "Resource", {
      provider,
      vpcId: props.hub.vpcId,
      vswitchId: props.hub.vswitchId(props.vswitch),
      natType: "Enhanced",
      networkType: "internet",
      paymentType: "PayAsYouGo",
      internetChargeType: "PayByLcu",
      eipBindMode: "NAT",
      natGatewayName: props.name,
      description: natDescription(
        props.hub.name,
        props.spokes.map((s) => s.name),
      ),
      deletionProtection: protect,
      tags: mergeTags(props.name, props.commonTags),
    });
    this.eip = new EipAddress(this, "Eip", {
      provider,
      addressName: `${props.name}-eip`,
      description: `egress address of shared NAT ${props.name}`,
      bandwidth: String(bw),
      internetChargeType: "PayByTraffic",
      paymentType: "PayAsYouGo",
      isp: "BGP",
      deletionProtection: protect,
      tags: mergeTags(`${props.name}-eip`, props.commonTags),
      lifecycle: { preventDestroy: protect },
    });
    this.association = new EipAssociation(this, "EipAssociation", {
      provider,
      allocationId: this.eip.id,
      instanceId: this.resource.id,
      instanceType: "Nat",
      // vpc_id and private_ip_address are ForceNew, not Computed, and Read writes whatever
      // DescribeEipAddresses reports for the binding (alicloud/resource_alicloud_eip_association.go
      // :154, :157); neither applies to a NAT binding, so a reported value must not replace it.
      lifecycle: { ignoreChanges: ["vpc_id", "private_ip_address"] },
    });
    const snat = new Construct(this, "Snat");
    // One SNAT entry at a time: the SNAT table rejects concurrent changes too.
    let previous: SnatEntry | undefined;
    const add = (cid: string, source: { sourceVswitchId?: string; sourceCidr?: string }, label: string) => {
      const e: SnatEntry = new SnatEntry(snat, cid, {
        provider,
        snatTableId: this.resource.snatTableIds,
        snatIp: this.eip.ipAddress,
        ...source,
        snatEntryName: label,
        dependsOn: [this.association, ...(previous ? [previous] : [])],
      });
      this.snatEntries.push(e);
      previous = e;
    };
    for (const v of props.hubVswitches) add(pascal(v), { sourceVswitchId: props.hub.vswitchId(v) }, `${props.hub.name}-${v}`);
    // spokes are named by topology name, which stays valid when a CIDR is a token
    for (const s of props.spokes) add(pascal(`spoke-${s.name}`), { sourceCidr: s.cidrBlock }, s.name);
  }

  get natGatewayId(): string {
    return this.resource.id;
  }
  get publicIp(): string {
    return this.eip.ipAddress;
  }
}
