/** ECS security groups actions (API 2014-05-26): parse the request, call the model, answer with a view. */
import { conflict, notFound } from "../../errors";
import { create, isoNow, mine, mustGet, newId, opt, paged, req, tagHandlers, type Handler } from "../context";
import { QUOTA } from "../../limits";
import { checkPermission } from "../checks";
import { vpcOf } from "../vpc";
import { permissionsFrom, rules, sameRule, SG_NOT_FOUND } from "./model";
import { securityGroupAttributeView, securityGroupView } from "./views";

function authorize(direction: "ingress" | "egress"): Handler {
  return (ctx) => {
    const sg = mustGet(ctx, "securityGroup", req(ctx, "SecurityGroupId"), SG_NOT_FOUND);
    const existing = rules(sg);
    for (const p of permissionsFrom(ctx, direction)) {
      checkPermission(p);
      // An exact duplicate adds nothing and does not fail. Not confirmed from the docs (a
      // limit listed in the README): the provider creates each rule once, so no stack depends on it.
      if (existing.some((e) => sameRule(e, p))) continue;
      // quota: rules per security group (limits.ts, with its source)
      if (existing.length >= QUOTA.securityGroupRules.value)
        throw conflict("QuotaExceed.SecurityGroupRule", `Security group ${sg.id} already has ${QUOTA.securityGroupRules.value} rules.`);
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

export const ecsActions: Record<string, Handler> = {
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
    return { RegionId: ctx.region, ...paged(ctx, gs, "SecurityGroups", "SecurityGroup", securityGroupView) };
  },
  DescribeSecurityGroupAttribute: (ctx) =>
    securityGroupAttributeView(
      mustGet(ctx, "securityGroup", req(ctx, "SecurityGroupId"), SG_NOT_FOUND),
      (opt(ctx, "Direction") ?? "all").toLowerCase(),
      opt(ctx, "NicType"),
    ),
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
