/**
 * ECS product (API 2014-05-26): security groups and their rules. Shapes are checked
 * against `@alicloud/ecs20140526` by the server.
 */
import { notFound } from "../errors";
import type { Resource } from "../state";
import { conflict, create, flatList, isoNow, mine, mustGet, newId, opt, page, req, tagHandlers, type Ctx, type Handler } from "./context";
import { QUOTAS } from "../../../lib/topology/quotas";
import { vpcOf } from "./vpc";

const SG_NOT_FOUND = "InvalidSecurityGroupId.NotFound";

interface Permission {
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

function permissionsFrom(ctx: Ctx, direction: "ingress" | "egress"): Permission[] {
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

function sameRule(a: Permission, b: Permission): boolean {
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

function rules(sg: Resource): Permission[] {
  return (sg.attrs.Permissions as Permission[] | undefined) ?? [];
}

function authorize(direction: "ingress" | "egress"): Handler {
  return (ctx) => {
    const sg = mustGet(ctx, "securityGroup", req(ctx, "SecurityGroupId"), SG_NOT_FOUND);
    const existing = rules(sg);
    for (const p of permissionsFrom(ctx, direction)) {
      // An exact duplicate adds nothing and does not fail. Not confirmed from the docs (a
      // limit listed in docs/e2e.md): the provider creates each rule once, so no stack depends on it.
      if (existing.some((e) => sameRule(e, p))) continue;
      // quota: rules per security group, the project's quota table (lib/topology/quotas.ts, with its source)
      if (existing.length >= QUOTAS.securityGroupRules.default)
        throw conflict("QuotaExceed.SecurityGroupRule", `Security group ${sg.id} already has ${QUOTAS.securityGroupRules.default} rules.`);
      existing.push({ ...p, SecurityGroupRuleId: newId(ctx, "sgr"), CreateTime: isoNow(ctx) });
    }
    sg.attrs.Permissions = existing;
    return {};
  };
}

function revoke(direction: "ingress" | "egress"): Handler {
  return (ctx) => {
    const sg = mustGet(ctx, "securityGroup", req(ctx, "SecurityGroupId"), SG_NOT_FOUND);
    const gone = permissionsFrom(ctx, direction);
    sg.attrs.Permissions = rules(sg).filter((e) => !gone.some((g) => sameRule(e, g)));
    return {};
  };
}

const ecsHandlers: Record<string, Handler> = {
  CreateSecurityGroup: (ctx) => {
    const vpcId = req(ctx, "VpcId");
    vpcOf(ctx, vpcId);
    const id = newId(ctx, "sg");
    // CreateSecurityGroup via the API adds no rules (the console's default rules are a console
    // feature); InnerAccessPolicy defaults to Accept (DescribeSecurityGroupAttribute docs).
    create(
      ctx,
      "securityGroup",
      id,
      {
        SecurityGroupId: id,
        VpcId: vpcId,
        SecurityGroupName: opt(ctx, "SecurityGroupName") ?? "",
        Description: opt(ctx, "Description") ?? "",
        // Without ResourceGroupId (and without the account's auto-grouping rules) the API reports
        // none: the provider's resource_group_id is Optional, not Computed, in v1.240.0, and was
        // made Computed only for auto-grouping (aliyun/terraform-provider-alicloud PR #9406).
        SecurityGroupType: opt(ctx, "SecurityGroupType") ?? "normal",
        ResourceGroupId: opt(ctx, "ResourceGroupId") ?? "",
        InnerAccessPolicy: "Accept",
        CreationTime: isoNow(ctx),
        Permissions: [],
      },
      false,
    );
    return { SecurityGroupId: id };
  },
  DescribeSecurityGroups: (ctx) => {
    const id = opt(ctx, "SecurityGroupId");
    const ids = opt(ctx, "SecurityGroupIds");
    const wanted = ids ? (JSON.parse(ids) as string[]) : id ? [id] : undefined;
    const gs = mine(ctx, "securityGroup").filter(
      (g) => (!wanted || wanted.includes(g.id)) && (!opt(ctx, "VpcId") || g.attrs.VpcId === opt(ctx, "VpcId")),
    );
    const p = page(ctx, gs);
    return {
      RegionId: ctx.region,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
      SecurityGroups: {
        SecurityGroup: p.items.map((g) => ({
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
        })),
      },
    };
  },
  DescribeSecurityGroupAttribute: (ctx) => {
    const sg = mustGet(ctx, "securityGroup", req(ctx, "SecurityGroupId"), SG_NOT_FOUND);
    const dir = (opt(ctx, "Direction") ?? "all").toLowerCase();
    const nic = opt(ctx, "NicType");
    return {
      SecurityGroupId: sg.id,
      SecurityGroupName: sg.attrs.SecurityGroupName,
      Description: sg.attrs.Description,
      VpcId: sg.attrs.VpcId,
      RegionId: sg.region,
      InnerAccessPolicy: sg.attrs.InnerAccessPolicy,
      Permissions: { Permission: rules(sg).filter((p) => (dir === "all" || p.Direction === dir) && (!nic || p.NicType === nic)) },
    };
  },
  ModifySecurityGroupAttribute: (ctx) => {
    const sg = mustGet(ctx, "securityGroup", req(ctx, "SecurityGroupId"), SG_NOT_FOUND);
    if (opt(ctx, "SecurityGroupName") !== undefined) sg.attrs.SecurityGroupName = opt(ctx, "SecurityGroupName");
    if (opt(ctx, "Description") !== undefined) sg.attrs.Description = opt(ctx, "Description");
    return {};
  },
  ModifySecurityGroupPolicy: (ctx) => {
    const sg = mustGet(ctx, "securityGroup", req(ctx, "SecurityGroupId"), SG_NOT_FOUND);
    sg.attrs.InnerAccessPolicy = req(ctx, "InnerAccessPolicy");
    return {};
  },
  DeleteSecurityGroup: (ctx) => {
    const id = req(ctx, "SecurityGroupId");
    const sg = ctx.store.get(id);
    if (!sg || sg.kind !== "securityGroup" || sg.owner !== ctx.account) throw notFound(SG_NOT_FOUND, id);
    // DeleteSecurityGroup docs: a group referenced by another group's rule cannot be deleted
    // (DependencyViolation); the provider retries it (alicloud/resource_alicloud_security_group.go:389).
    const ref = mine(ctx, "securityGroup").find((g) => g.id !== id && rules(g).some((p) => p.SourceGroupId === id || p.DestGroupId === id));
    if (ref) throw conflict("DependencyViolation", `Security group ${id} is referenced by a rule of ${ref.id}.`);
    ctx.store.delete(id);
    return {};
  },
  AuthorizeSecurityGroup: authorize("ingress"),
  AuthorizeSecurityGroupEgress: authorize("egress"),
  RevokeSecurityGroup: revoke("ingress"),
  RevokeSecurityGroupEgress: revoke("egress"),
  TagResources: tagHandlers.TagResources as Handler,
  UntagResources: tagHandlers.UnTagResources as Handler,
  ListTagResources: tagHandlers.ListTagResources as Handler,
};

export default ecsHandlers;
