/** ECS security groups views: the wire shapes of DescribeSecurityGroups and DescribeSecurityGroupAttribute. */
import type { Resource } from "../../state";
import { rules } from "./model";

export function securityGroupView(g: Resource): Record<string, unknown> {
  return {
    SecurityGroupId: g.id,
    SecurityGroupName: g.attrs.SecurityGroupName,
    Description: g.attrs.Description,
    VpcId: g.attrs.VpcId,
    SecurityGroupType: g.attrs.SecurityGroupType,
    ResourceGroupId: g.attrs.ResourceGroupId,
    CreationTime: g.attrs.CreationTime,
    RuleCount: rules(g).length,
    EcsCount: 0,
    ServiceManaged: false,
    Tags: { Tag: Object.entries(g.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
  };
}

/** The group with its rules in one direction ("all", "ingress", "egress") and, if given, of one NIC type. */
export function securityGroupAttributeView(sg: Resource, direction: string, nicType?: string): Record<string, unknown> {
  return {
    SecurityGroupId: sg.id,
    SecurityGroupName: sg.attrs.SecurityGroupName,
    Description: sg.attrs.Description,
    VpcId: sg.attrs.VpcId,
    RegionId: sg.region,
    InnerAccessPolicy: sg.attrs.InnerAccessPolicy,
    Permissions: {
      Permission: rules(sg).filter((p) => (direction === "all" || p.Direction === direction) && (!nicType || p.NicType === nicType)),
    },
  };
}
