/** IPv4 CIDR checks with ipaddr.js (already a project dependency). */
import * as ipaddr from "ipaddr.js";
import { apiError } from "../errors";

export function parseCidr(cidr: string, param: string): [ipaddr.IPv4, number] {
  try {
    const [addr, bits] = ipaddr.IPv4.parseCIDR(cidr);
    return [addr, bits];
  } catch {
    throw apiError("InvalidCidrBlock.Malformed", `Specified ${param} "${cidr}" is not a valid IPv4 CIDR block.`);
  }
}

export function cidrContains(outer: string, inner: string): boolean {
  const [o, ob] = ipaddr.IPv4.parseCIDR(outer);
  const [i, ib] = ipaddr.IPv4.parseCIDR(inner);
  return ib >= ob && i.match(o, ob);
}

export function cidrsOverlap(a: string, b: string): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}
