/**
 * Test helpers: a mutable deep copy of a topology, and finders that fail loudly when
 * a default config no longer has the element a test wants to change.
 */
import { IdcSpec, LinkKind, LinkSpec, OfficeSpec, Topology, VpcSpec } from "../../lib/topology";

/** `T` with every `readonly` removed, at any depth. */
export type Draft<T> = T extends readonly (infer E)[] ? Draft<E>[] : T extends object ? { -readonly [K in keyof T]: Draft<T[K]> } : T;

/** A deep clone of `base` with `change` applied. */
export function mutate(base: Topology, change: (t: Draft<Topology>) => void): Topology {
  const t = structuredClone(base) as Draft<Topology>;
  change(t);
  return t as Topology;
}

function find<T extends { name: string }>(items: readonly T[] | undefined, name: string, what: string): T {
  const found = (items ?? []).find((x) => x.name === name);
  if (!found) throw new Error(`test setup: no ${what} named ${name}`);
  return found;
}

export const vpcOf = (t: Draft<Topology>, name: string): Draft<VpcSpec> => find(t.vpcs, name, "vpc");
export const officeOf = (t: Draft<Topology>, name: string): Draft<OfficeSpec> => find(t.offices, name, "office");
export const idcOf = (t: Draft<Topology>, name: string): Draft<IdcSpec> => find(t.idcs, name, "idc");

export function linkOf<K extends LinkKind>(t: Draft<Topology>, name: string, kind: K): Extract<Draft<LinkSpec>, { kind: K }> {
  const l = find(t.links, name, "link");
  if (l.kind !== kind) throw new Error(`test setup: link ${name} is a ${l.kind}, not a ${kind}`);
  return l as Extract<Draft<LinkSpec>, { kind: K }>;
}

/**
 * Moves a VPC of the seed hub (us-vpc by default) to a region where VPN gateways are
 * single-tunnel (absent from lib/topology/vpn-capabilities.ts), so its links may carry a
 * standby role and an IPsec health check; addresses and names stay.
 */
export function singleTunnelUsVpc(t: Draft<Topology>, vpc = "us-vpc", region = vpc === "us-vpc" ? "ap-south-1" : "me-central-1"): void {
  const v = vpcOf(t, vpc);
  v.region = region;
  v.vswitches.forEach((s, i) => (s.zone = `${region}${"ab"[i]}`));
  if (v.vpnGateway) delete v.vpnGateway.disasterRecoveryVswitch;
}
