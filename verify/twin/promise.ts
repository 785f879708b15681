/**
 * The twin's part of holding a stack to its promise (lib/analysis/promise.ts): naming the
 * VPN gateway route a broken pair lacks.
 */
import * as ipaddr from "ipaddr.js";
import { TwinPlan } from "./plan";
import { missingTransitRoute } from "./transit-router";

export type { Intent } from "../../lib/analysis/promise";
export { parseIntent, promiseMismatches, readIntent } from "../../lib/analysis/promise";

function inCidr(ip: string, cidr: string): boolean {
  const [a, l] = ipaddr.IPv4.parseCIDR(cidr);
  return ipaddr.IPv4.parse(ip).match(a, l);
}

/**
 * A VPN gateway route the pair needs and the JSON lacks, for either direction: the
 * destination sits behind one of the gateway's connections (inside its remote subnets),
 * yet no route of that gateway covers it and the connection does not add its own
 * (`auto_config_route = false`), so the gateway sends the packet back to its VPC.
 * @returns undefined when every gateway on the way has its routes
 */
export function missingVpnRoute(plan: TwinPlan, from: string, to: string): string | undefined {
  const ipOf = (n: string) => plan.networks.find((x) => x.name === n)?.ip;
  for (const [dst, dir] of [
    [to, ""],
    [from, "the reply: "],
  ] as const) {
    const ip = ipOf(dst);
    if (!ip) continue;
    for (const g of plan.vpnGateways) {
      const conn = g.connections.find((c) => c.remoteSubnets.some((s) => inCidr(ip, s)));
      if (!conn || g.routes.some((r) => inCidr(ip, r.dest))) continue;
      return (
        `${dir}VPN gateway ${g.name} (${g.label}) has no route to ${dst} (${ip}): no alicloud_vpn_route_entry or ` +
        `alicloud_vpn_pbr_route_entry covers it${conn.autoConfigRoute ? "" : `, and connection ${conn.name} has auto_config_route = false`}` +
        "; the gateway sends it back to its VPC"
      );
    }
  }
  return undefined;
}

/**
 * The route a broken pair lacks, as the JSON states it: a VPN gateway's route first, then
 * a transit router's association or table route.
 * @returns undefined when neither is missing (the model's reason then explains the pair)
 */
export function missingRoute(plan: TwinPlan, from: string, to: string): string | undefined {
  return missingVpnRoute(plan, from, to) ?? missingTransitRoute(plan, from, to);
}
