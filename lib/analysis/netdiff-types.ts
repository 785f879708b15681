/** The result of a netdiff, as data: what `netdiff()` computes and `renderNetdiff()` prints. */
import { StackJson } from "../tfjson";
import { ResourceChange } from "./changes";
import { RedundancyDiff } from "./netdiff-redundancy";

export type { ResourceChange } from "./changes";

/** One route-like resource as the route-entry table shows it (internal to netdiff). */
export interface RouteRow {
  readonly address: string;
  readonly table: string;
  readonly destination: string;
  readonly nextHop: string;
  /**
   * What makes a removed and an added row one replacement besides overlapping
   * destinations: a VPC entry's `name`, a VPN gateway route's connection (the route to
   * the same office, whatever its new prefix).
   * @default - paired by overlapping destinations only
   */
  readonly label?: string;
}

export interface RouteChange {
  readonly table: string;
  /** `updated`: an argument that does not force a replacement (a gateway route's weight). */
  readonly change: "added" | "removed" | "replaced" | "updated";
  readonly destination: string;
  readonly nextHop: string;
}

export interface RuleChange {
  readonly group: string;
  readonly change: ResourceChange;
  readonly source: string;
  readonly ports: string;
  /** The source is outside the private ranges. */
  readonly internet: boolean;
}

export interface ProtectedChange {
  readonly label: string;
  readonly name: string;
  readonly address: string;
  readonly change: "destroyed" | "replaced";
}

/** A VPN gateway, a VPC, a transit router or a TR attachment destroyed or replaced, with what depends on it. */
export interface GatewayChange {
  readonly kind: "VPN gateway" | "VPC" | "transit router" | "TR attachment";
  readonly name: string;
  readonly address: string;
  readonly change: "destroyed" | "replaced";
  /** Offices whose IPsec connections end on this VPN gateway in the base (VPCs: none). */
  readonly offices: readonly string[];
}

/** A resource the change creates (not a replacement), with its running cost where known. */
export interface CreatedResource {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  /** What it costs while it exists, with the source. @default - nothing known: no hint */
  readonly cost?: string;
}

export interface StackDiff {
  readonly stack: string;
  /** `from->to` pairs delivered in head only / in base only. */
  readonly gained: readonly string[];
  readonly lost: readonly string[];
  readonly routes: readonly RouteChange[];
  readonly rules: readonly RuleChange[];
  readonly protectedChanges: readonly ProtectedChange[];
  /** VPN gateways and VPCs destroyed or replaced. */
  readonly gateways: readonly GatewayChange[];
  /** Resources added by this change, by address. */
  readonly created: readonly CreatedResource[];
  /** New VPC-to-VPC links (peering, router-interface pair) that no route entry uses. */
  readonly unusedLinks: readonly string[];
  /** The single points of failure of base and head (`resilience.ts`). */
  readonly redundancy: RedundancyDiff;
  /** Failure element ids of the head. */
  readonly headElements: ReadonlySet<string>;
  /** Every resource address that is added, removed, replaced or updated. */
  readonly resources: ReadonlyMap<string, ResourceChange>;
  readonly base: StackJson;
  readonly head: StackJson;
}

export interface NetDiff {
  readonly stacks: readonly StackDiff[];
  readonly unchanged: readonly string[];
  /** One line per blocking finding; empty when the change may merge without an override. */
  readonly blocking: readonly string[];
}
