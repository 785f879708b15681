import { Token } from "cdktf";
import { Construct } from "constructs";
import { SecurityGroup } from "../../.gen/providers/alicloud/security-group";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { TOPOLOGY_SG_EXEMPTION } from "../policy/infraguard-coverage";
import { exemptFromPolicy, INTERNET_INGRESS_PREFIX, PolicyRule } from "../policy/policy-checks";
import { cidrId, mergeTags } from "../private/naming";
import { isCidr, parseCidr } from "../topology";
import { IVpcNetwork } from "./vpc-network";

export interface AdmittedNetwork {
  /** Topology name of the source network (used in rule descriptions). */
  readonly name: string;
  readonly cidr: string;
}

export interface NetworkSecurityGroupProps {
  readonly vpc: IVpcNetwork;
  /** Networks whose traffic is admitted (all protocols, all ports). */
  readonly admit: readonly AdmittedNetwork[];
  /**
   * Allow a rule broader than a /8 (0.0.0.0/0 and the like), and public sources. Off by
   * default: nothing is admitted from the internet. It exempts the rules from
   * no-internet-ingress and ecs-security-group-not-internet-cidr-access only: InfraGuard's
   * rules about ports open to the whole internet (sg-public-access-check,
   * sg-risky-ports-check, ...) still fail an all-ports rule from 0.0.0.0/0; exempt those
   * explicitly, with a reason, if that is really meant.
   * @default false
   */
  readonly allowInternetIngress?: boolean;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
}

/**
 * The VPC's security group per seed 002 step 5: ingress from exactly the networks the
 * topology lets reach this VPC (its own CIDR, peers, offices, IDCs), nothing from the
 * internet unless `allowInternetIngress` is set. Egress keeps Alibaba Cloud's default.
 * The group is a basic (`normal`) one, stated explicitly: an enterprise group would deny
 * all egress by default (see `ecs-security-group-type-not-normal` in
 * lib/policy/infraguard-coverage.ts). Its rules admit all protocols and ports from each
 * network, so they carry recorded exemptions from the InfraGuard rules that ask for named
 * ports and protocols.
 *
 * ```ts
 * new NetworkSecurityGroup(this, "Sg", { vpc, admit: [{ name: "us-office-1", cidr: "10.10.10.0/24" }] });
 * ```
 * @resource alicloud_security_group
 * @resource alicloud_security_group_rule
 */
export class NetworkSecurityGroup extends Construct {
  readonly resource: SecurityGroup;
  readonly rules: SecurityGroupRule[] = [];

  constructor(scope: Construct, id: string, props: NetworkSecurityGroupProps) {
    super(scope, id);
    const name = `${props.vpc.name}-admit-topology`;
    this.resource = new SecurityGroup(this, "Resource", {
      provider: props.vpc.provider,
      vpcId: props.vpc.vpcId,
      securityGroupName: name,
      description: props.allowInternetIngress
        ? "Admits the networks the topology routes to this VPC, and internet ingress (allowInternetIngress)"
        : "Admits the networks the topology routes to this VPC; nothing from the internet",
      securityGroupType: "normal",
      innerAccessPolicy: "Accept",
      tags: mergeTags(name, props.commonTags),
      // Read writes the group's resource group (the account's default one when none was
      // given) into an Optional, non-Computed attribute
      // (alicloud/resource_alicloud_security_group.go:50, :175): unignored, every plan
      // shows a change and the update tries to move the group.
      lifecycle: { ignoreChanges: ["resource_group_id"] },
    });
    const rules = new Construct(this, "Ingress");
    exemptFromPolicy(rules, PolicyRule.SG_NOT_ALL_PORTS, TOPOLOGY_SG_EXEMPTION);
    exemptFromPolicy(rules, PolicyRule.SG_NOT_ALL_PROTOCOLS, TOPOLOGY_SG_EXEMPTION);
    if (props.allowInternetIngress) {
      exemptFromPolicy(rules, PolicyRule.NO_INTERNET_INGRESS, `allowInternetIngress is set for VPC ${props.vpc.name}`);
      exemptFromPolicy(rules, PolicyRule.SG_PRIVATE_SOURCES, `allowInternetIngress is set for VPC ${props.vpc.name}`);
    }
    const seen = new Set<string>();
    props.admit.forEach((a, i) => {
      const unresolved = Token.isUnresolved(a.cidr);
      if (!unresolved) {
        const c = parseCidr(a.cidr);
        if (!isCidr(c)) throw new Error(`\`admit\` CIDR ${a.cidr} for ${a.name} is not a network CIDR`);
        if (c.prefix < INTERNET_INGRESS_PREFIX && !props.allowInternetIngress) {
          throw new Error(
            `\`admit\` ${a.name} is ${a.cidr}, broader than a /${INTERNET_INGRESS_PREFIX} and so open to the internet, for VPC ${props.vpc.name}; set \`allowInternetIngress\` to allow it deliberately`,
          );
        }
      }
      if (seen.has(a.cidr)) return;
      seen.add(a.cidr);
      this.rules.push(
        new SecurityGroupRule(rules, unresolved ? `Rule${i}` : cidrId(a.cidr), {
          provider: props.vpc.provider,
          securityGroupId: this.resource.id,
          type: "ingress",
          ipProtocol: "all",
          portRange: "-1/-1",
          nicType: "intranet",
          policy: "accept",
          priority: 1,
          cidrIp: a.cidr,
          description: `from ${a.name}`,
        }),
      );
    });
  }

  get securityGroupId(): string {
    return this.resource.id;
  }
}
