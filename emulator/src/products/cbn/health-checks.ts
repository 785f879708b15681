/**
 * The health check of a VBR attached to a CEN instance (alicloud_cen_vbr_health_check):
 * EnableCenVbrHealthCheck creates or changes it, DescribeCenVbrHealthCheck lists it,
 * DisableCenVbrHealthCheck removes it. It is what withdraws a leased line's routes from the
 * transit router when the line fails and the VBR has no BGP session to lose.
 *
 * Facts: the VBR must be attached to the CEN first (provider docs "depends on the related
 * attachment"; the provider retries InvalidOperation.VbrNotAttachedToCen:
 * alicloud/resource_alicloud_cen_vbr_health_check.go:102); HealthCheckInterval 2 to 3, default
 * 2; HealthyThreshold 3 to 8, default 8 (website/docs/r/cen_vbr_health_check.html.markdown:82-85);
 * the provider's ID is vbr:region (resource_alicloud_cen_vbr_health_check.go:109).
 */
import { apiError } from "../../errors";
import { CEN_VBR_HEALTH_CHECK, type Limit } from "../../limits";
import type { Resource } from "../../state";
import { mustGet, opt, req, type Ctx, type Handler } from "../context";
import { cenOf, owned, put, steady } from "./model";

const { interval: INTERVAL, threshold: THRESHOLD } = CEN_VBR_HEALTH_CHECK;

function inRange(param: string, raw: string | undefined, spec: Limit<{ min: number; max: number; default: number }>): number {
  if (raw === undefined) return spec.value.default;
  const n = Number(raw);
  const { min, max } = spec.value;
  if (!Number.isInteger(n) || n < min || n > max)
    throw apiError("InvalidParameter", `${param} ${raw}: allowed ${min} to ${max} (${spec.source}).`);
  return n;
}

/** The VBR's attachment to a transit router of this CEN, Attached; else the error the provider retries. */
function checkAttached(ctx: Ctx, cenId: string, vbrId: string): void {
  const att = owned(ctx, "trVbrAttachment").find((a) => a.attrs.VbrId === vbrId && a.attrs.CenId === cenId);
  if (!att || !steady(ctx, att))
    throw apiError("InvalidOperation.VbrNotAttachedToCen", `VBR ${vbrId} is not attached to CEN instance ${cenId} (yet).`);
}

const idOf = (ctx: Ctx) => `${req(ctx, "VbrInstanceId")}:${req(ctx, "VbrInstanceRegionId")}`;
const existing = (ctx: Ctx): Resource | undefined => owned(ctx, "cenVbrHealthCheck").find((r) => r.id === idOf(ctx));

function view(r: Resource): Record<string, unknown> {
  const { CenId, VbrInstanceId, VbrInstanceRegionId, HealthCheckSourceIp, HealthCheckTargetIp, HealthCheckInterval, HealthyThreshold } =
    r.attrs;
  return {
    CenId,
    VbrInstanceId,
    VbrInstanceRegionId,
    HealthCheckSourceIp,
    HealthCheckTargetIp,
    HealthCheckInterval,
    HealthyThreshold,
    HealthCheckOnly: false,
    Description: r.attrs.Description ?? "",
  };
}

export const healthCheckActions: Record<string, Handler> = {
  EnableCenVbrHealthCheck: (ctx) => {
    const cen = cenOf(ctx, req(ctx, "CenId"));
    const vbr = mustGet(ctx, "vbr", req(ctx, "VbrInstanceId"), "InvalidVbrId.NotFound");
    checkAttached(ctx, cen.id, vbr.id);
    const before = existing(ctx);
    const attrs = {
      CenId: cen.id,
      VbrInstanceId: vbr.id,
      VbrInstanceRegionId: req(ctx, "VbrInstanceRegionId"),
      HealthCheckTargetIp: req(ctx, "HealthCheckTargetIp"),
      HealthCheckSourceIp: opt(ctx, "HealthCheckSourceIp") ?? before?.attrs.HealthCheckSourceIp ?? "",
      HealthCheckInterval: inRange("HealthCheckInterval", opt(ctx, "HealthCheckInterval"), INTERVAL),
      HealthyThreshold: inRange("HealthyThreshold", opt(ctx, "HealthyThreshold"), THRESHOLD),
      Description: opt(ctx, "Description") ?? "",
    };
    if (before) Object.assign(before.attrs, attrs);
    else put(ctx, "cenVbrHealthCheck", idOf(ctx), String(attrs.VbrInstanceRegionId), attrs).readyAt = ctx.now;
    return {};
  },
  DescribeCenVbrHealthCheck: (ctx) => {
    const cenId = opt(ctx, "CenId");
    const vbrId = opt(ctx, "VbrInstanceId");
    const hs = owned(ctx, "cenVbrHealthCheck").filter(
      (r) =>
        r.attrs.VbrInstanceRegionId === req(ctx, "VbrInstanceRegionId") &&
        (!cenId || r.attrs.CenId === cenId) &&
        (!vbrId || r.attrs.VbrInstanceId === vbrId),
    );
    return { VbrHealthChecks: { VbrHealthCheck: hs.map(view) }, TotalCount: hs.length, PageNumber: 1, PageSize: hs.length };
  },
  DisableCenVbrHealthCheck: (ctx) => {
    const h = existing(ctx);
    if (h && h.attrs.CenId === req(ctx, "CenId")) ctx.store.delete(h.id);
    return {};
  },
};
