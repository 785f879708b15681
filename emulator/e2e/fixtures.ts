/**
 * What a stack's run needs besides the stack: the leased lines it names by a literal ID
 * (ordered from Alibaba Cloud, not created by Terraform), and how to lift the protection
 * a user would lift before destroying.
 */
import { accountUid } from "../src/server";
import { dummyKeyId } from "./override";
import type { MutableStackJson as StackJson } from "../../lib/tfjson";

export interface Fixture {
  readonly id: string;
  readonly owner: string;
  readonly region: string;
  readonly accessPointId: string;
}

/**
 * The leased line (physical connection) a VBR names by a literal ID, owned by the VBR's
 * account (with the stack's run tag, if any) and region. Its access point is the one the
 * stack's router interfaces name (opposite_access_point_id), else a placeholder; a data
 * center's further lines are on further access points (`-2`, `-3`, … of that name).
 */
export function fixturesFor(config: StackJson, tag?: string): Fixture[] {
  const providers = config.provider?.alicloud ?? [];
  const ap = Object.values(config.resource?.alicloud_express_connect_router_interface ?? {})
    .map((r) => r.opposite_access_point_id)
    .find((x) => typeof x === "string" && !x.includes("${"));
  const lines = new Set<string>();
  return Object.values(config.resource?.alicloud_express_connect_virtual_border_router ?? {}).flatMap((vbr) => {
    const id = vbr.physical_connection_id;
    if (typeof id !== "string" || id.includes("${") || lines.has(id)) return [];
    lines.add(id);
    const alias = typeof vbr.provider === "string" ? vbr.provider.replace(/^alicloud\./, "") : undefined;
    const p = providers.find((x) => x.alias === alias) ?? providers[0] ?? {};
    const base = typeof ap === "string" ? ap : "ap-emulator-fixture";
    return [
      {
        id,
        owner: accountUid(dummyKeyId(p, tag)),
        region: typeof p.region === "string" ? p.region : "",
        accessPointId: lines.size === 1 ? base : `${base}-${lines.size}`,
      },
    ];
  });
}

/** Overrides that lift deletion protection and prevent_destroy, or undefined when nothing is protected. */
export function teardownOverride(config: StackJson): { override: Record<string, unknown>; addresses: string[] } | undefined {
  const resource: Record<string, Record<string, Record<string, unknown>>> = {};
  const addresses: string[] = [];
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const lifecycle = body.lifecycle as { prevent_destroy?: boolean } | undefined;
      const patch: Record<string, unknown> = {};
      if (body.deletion_protection === true) patch.deletion_protection = false;
      if (lifecycle?.prevent_destroy === true) patch.lifecycle = { prevent_destroy: false };
      if (Object.keys(patch).length === 0) continue;
      (resource[type] ??= {})[name] = patch;
      addresses.push(`${type}.${name}`);
    }
  }
  return addresses.length > 0 ? { override: { resource }, addresses } : undefined;
}
