/**
 * The forwarding state the reachability checker rebuilds from synthesized JSON: routers
 * with longest-prefix routes and a fallback, and where each route sends a packet. Shared by
 * the checker (`reachability.ts`) and the transit-router model (`transit-routers.ts`).
 */
import { Cidr } from "../topology/cidr";

export interface Route {
  readonly dest: Cidr;
  readonly next: Next;
  /** The cloud installed it from a transit router's table (auto-publish); no entry of the JSON. @default false */
  readonly learned?: boolean;
}

/** Where a route sends a packet: another router, a network it delivers to, the internet, or nowhere (with why). */
export type Next =
  | { readonly kind: "router"; readonly id: string }
  | { readonly kind: "deliver"; readonly network: string }
  | { readonly kind: "internet"; readonly nat: string }
  | { readonly kind: "drop"; readonly reason: string }
  /** ECMP: traffic is spread over every member, so a pair is delivered only when each member delivers it. */
  | { readonly kind: "multipath"; readonly members: readonly Next[] };

export interface Router {
  readonly id: string;
  readonly routes: Route[];
  /** Fallback when nothing matches (a VPN gateway hands traffic back to its VPC). */
  fallback?: Next;
}
