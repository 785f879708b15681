/** ECS security groups model (API 2014-05-26): groups, their rules as the API stores them, and rule identity. */
import type { Resource } from "../../state";
import { flatList, opt, type Ctx } from "../context";

export const SG_NOT_FOUND = "InvalidSecurityGroupId.NotFound";

export interface Permission {
  Direction: string;
  IpProtocol: string;
  PortRange: string;
  Policy: string;
  Priority: string;
  NicType: string;
  SourceCidrIp: string;
  DestCidrIp: string;
  SourceGroupId: string;
  DestGroupId: string;
  Description: string;
  SecurityGroupRuleId: string;
  CreateTime: string;
}

export function permissionsFrom(ctx: Ctx, direction: "ingress" | "egress"): Permission[] {
  const list = flatList(ctx, "Permissions");
  // the older single-rule form (top-level IpProtocol, PortRange, ...) is the same rule
  if (list.length === 0 && opt(ctx, "IpProtocol")) list.push({ ...ctx.params } as Record<string, string>);
  return list.map((p) => ({
    Direction: direction,
    // the API stores protocols in upper case and reports them so (DescribeSecurityGroupAttribute docs:
    // "IpProtocol: TCP | UDP | ICMP | GRE | ALL"); the provider compares case-insensitively
    // (alicloud/service_alicloud_ecs.go:375)
    IpProtocol: (p.IpProtocol ?? "").toUpperCase(),
    PortRange: p.PortRange ?? "-1/-1",
    // defaults per AuthorizeSecurityGroup docs: Policy accept, Priority 1, NicType internet
    Policy: (p.Policy ?? "accept").toLowerCase() === "drop" ? "Drop" : "Accept",
    Priority: p.Priority ?? "1",
    NicType: p.NicType ?? "intranet",
    SourceCidrIp: direction === "ingress" ? (p.SourceCidrIp ?? "") : "",
    DestCidrIp: direction === "egress" ? (p.DestCidrIp ?? "") : "",
    SourceGroupId: direction === "ingress" ? (p.SourceGroupId ?? "") : "",
    DestGroupId: direction === "egress" ? (p.DestGroupId ?? "") : "",
    Description: p.Description ?? "",
    SecurityGroupRuleId: "",
    CreateTime: "",
  }));
}

export function sameRule(a: Permission, b: Permission): boolean {
  return (
    a.Direction === b.Direction &&
    a.IpProtocol === b.IpProtocol &&
    a.PortRange === b.PortRange &&
    a.Policy === b.Policy &&
    a.Priority === b.Priority &&
    a.SourceCidrIp === b.SourceCidrIp &&
    a.DestCidrIp === b.DestCidrIp &&
    a.SourceGroupId === b.SourceGroupId &&
    a.DestGroupId === b.DestGroupId
  );
}

export function rules(sg: Resource): Permission[] {
  return (sg.attrs.Permissions as Permission[] | undefined) ?? [];
}
