import { TerraformResource } from "cdktf";

/** One inline checkov skip, as it is written into the resource's Terraform JSON. */
export interface CheckovSkip {
  /** checkov check id, e.g. `CKV_ALI_2`. */
  readonly id: string;
  /** Why the check does not apply to this resource here. */
  readonly comment: string;
}

/** checkov's own check ids (`CKV_ALI_2`, `CKV2_ALI_1`); platform `BC_*` ids need its API. */
const CHECK_ID = /^CKV2?_[A-Z0-9]+_\d+$/;
/** A reason shorter than this cannot say why the check does not apply here. */
const MIN_REASON = 20;
const skips = new WeakMap<TerraformResource, CheckovSkip[]>();

/**
 * Skips one checkov check on one resource, with the reason next to it. It is written
 * into the resource's block as
 *
 * ```json
 * "//": { "metadata": { … }, "checkov": { "skip": [{ "id": "CKV_ALI_2", "comment": "…" }] } }
 * ```
 *
 * beside cdktf's own `"//".metadata` (Terraform ignores `"//"` keys). checkov 3.3.30's
 * `terraform_json` runner parses this block but does not act on it
 * (https://github.com/bridgecrewio/checkov/issues/4634), so `tools/ci/checkov.sh` applies it: a failed check that the resource
 * skips with a reason is reported as skipped; a skip whose check passes, or never runs
 * on the resource, fails the scan as stale. Call it in the construct that creates the
 * resource, next to the setting that the check objects to; list the skip in
 * docs/security-scan.md and in `__tests__/constructs/checkov-skips.test.ts`.
 *
 * ```ts
 * skipCheckov(rule, "CKV_ALI_2", "…why port 22 from this source is intended here…");
 * ```
 */
export function skipCheckov(resource: TerraformResource, id: string, comment: string): void {
  const where = `${resource.terraformResourceType} at ${resource.node.path}`;
  if (!CHECK_ID.test(id)) throw new Error(`checkov skip on ${where}: \`${id}\` is not a checkov check id (CKV_…_n or CKV2_…_n)`);
  const reason = comment.trim();
  if (reason.length < MIN_REASON) {
    throw new Error(
      `checkov skip ${id} on ${where} needs a reason saying why the check does not apply here (at least ${MIN_REASON} characters), got ${JSON.stringify(comment)}`,
    );
  }
  const list = skips.get(resource) ?? [];
  if (list.some((s) => s.id === id)) throw new Error(`checkov skip ${id} on ${where} is given twice`);
  list.push({ id, comment: reason });
  skips.set(resource, list);
  resource.addOverride(
    "//.checkov.skip",
    list.map((s) => ({ id: s.id, comment: s.comment })),
  );
}

/** The checkov skips set on a resource with {@link skipCheckov} (empty when none). */
export function checkovSkips(resource: TerraformResource): readonly CheckovSkip[] {
  return skips.get(resource) ?? [];
}
