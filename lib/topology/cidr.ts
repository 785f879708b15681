/**
 * IPv4 CIDR helpers over ipaddr.js (no hand-rolled bit math here).
 */
import * as ipaddr from "ipaddr.js";

export interface Cidr {
  readonly text: string;
  readonly address: ipaddr.IPv4;
  readonly prefix: number;
}

export type CidrProblem = { readonly kind: "malformed" } | { readonly kind: "host-bits"; readonly network: string };

// Parsed results by text: the judges parse the same few blocks again for every route,
// rule and attachment that names them. A result is never changed after it is made (a
// Cidr is read-only), so handing out the same one is exact. Cleared when it grows past
// a bound, so a long-running process (fuzzing) holds only the latest blocks.
const PARSED = new Map<string, Cidr | CidrProblem>();
const PARSED_MAX = 10_000;

/** Parses `a.b.c.d/n` strictly: four-part decimal, prefix 0–32, no host bits. */
export function parseCidr(text: string): Cidr | CidrProblem {
  if (typeof text !== "string") return { kind: "malformed" };
  let parsed = PARSED.get(text);
  if (parsed === undefined) {
    parsed = parseUncached(text);
    if (PARSED.size >= PARSED_MAX) PARSED.clear();
    PARSED.set(text, parsed);
  }
  return parsed;
}

function parseUncached(text: string): Cidr | CidrProblem {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/(\d|[12]\d|3[0-2])$/.test(text)) return { kind: "malformed" };
  let parsed: [ipaddr.IPv4, number];
  try {
    parsed = ipaddr.IPv4.parseCIDR(text);
  } catch {
    return { kind: "malformed" };
  }
  const [address, prefix] = parsed;
  if (!ipaddr.IPv4.isValidFourPartDecimal(text.split("/")[0]!)) return { kind: "malformed" };
  const network = ipaddr.IPv4.networkAddressFromCIDR(text).toString();
  if (network !== address.toString()) return { kind: "host-bits", network: `${network}/${prefix}` };
  return { text, address, prefix };
}

export function isCidr(x: Cidr | CidrProblem): x is Cidr {
  return (x as Cidr).text !== undefined;
}

/** Parses a CIDR that is known to be valid (validated config). Throws otherwise. */
export function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (!isCidr(c)) throw new Error(`invalid CIDR ${JSON.stringify(text)}`);
  return c;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.prefix <= inner.prefix && inner.address.match(outer.address, outer.prefix);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b) || contains(b, a);
}

/** True when `ip` is a dotted IPv4 address inside `block`. */
export function containsIp(block: Cidr, ip: string): boolean {
  return isIpv4(ip) && ipaddr.IPv4.parse(ip).match(block.address, block.prefix);
}

export function isIpv4(s: string): boolean {
  return typeof s === "string" && ipaddr.IPv4.isValidFourPartDecimal(s);
}

/**
 * A unicast address routable on the public internet (not private, loopback,
 * link-local, carrier-grade NAT, multicast, reserved, ...).
 */
export function isPublicIpv4(s: string): boolean {
  return isIpv4(s) && ipaddr.IPv4.parse(s).range() === "unicast";
}

/** Prefix length of a dotted mask such as 255.255.255.252, or undefined if not a mask. */
export function maskPrefix(mask: string): number | undefined {
  if (!isIpv4(mask)) return undefined;
  const p = ipaddr.IPv4.parse(mask).prefixLengthFromSubnetMask();
  return p === null ? undefined : p;
}

/** The network of `ip` under `prefix`, as a Cidr. */
export function networkOf(ip: string, prefix: number): Cidr {
  const net = ipaddr.IPv4.networkAddressFromCIDR(`${ip}/${prefix}`).toString();
  return cidr(`${net}/${prefix}`);
}

/** Longest-prefix match of `ip` among `blocks`; returns the index or -1. */
export function longestMatch(ip: string, blocks: readonly Cidr[]): number {
  const addr = ipaddr.IPv4.parse(ip);
  let best = -1;
  blocks.forEach((b, i) => {
    if (addr.match(b.address, b.prefix) && (best < 0 || b.prefix > blocks[best]!.prefix)) best = i;
  });
  return best;
}

/** RFC 5737 documentation blocks (TEST-NET-1/2/3): placeholders in default configs. */
const DOCUMENTATION_BLOCKS = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].map((b) => ipaddr.parseCIDR(b));

export function isDocumentationIpv4(s: string): boolean {
  if (!isIpv4(s)) return false;
  const a = ipaddr.IPv4.parse(s);
  return DOCUMENTATION_BLOCKS.some(([net, prefix]) => a.match(net as ipaddr.IPv4, prefix));
}

/**
 * Merges sibling blocks (two halves of one parent) in `items` that `same` says may be
 * merged, repeatedly, into their parent, unless the parent is in `blocked`. Exact: the
 * result covers the same addresses. Returns the merged items with the originals each
 * one replaced.
 */
export function mergeSiblings<T>(
  items: readonly { cidr: Cidr; value: T }[],
  same: (a: T, b: T) => boolean,
  blocked: ReadonlySet<string> = new Set(),
): { cidr: Cidr; value: T; merged: T[] }[] {
  let cur = items.map((i) => ({ cidr: i.cidr, value: i.value, merged: [i.value] }));
  for (let changed = true; changed;) {
    changed = false;
    const byParent = new Map<string, typeof cur>();
    for (const x of cur) {
      if (x.cidr.prefix === 0) continue;
      const parent = networkOf(x.cidr.address.toString(), x.cidr.prefix - 1).text;
      byParent.set(parent, [...(byParent.get(parent) ?? []), x]);
    }
    const present = new Set(cur.map((x) => x.cidr.text));
    const taken = new Set<(typeof cur)[number]>();
    const next: typeof cur = [];
    for (const [parent, group] of byParent) {
      if (group.length !== 2 || blocked.has(parent)) continue;
      const [a, b] = group as [(typeof cur)[number], (typeof cur)[number]];
      if (a.cidr.prefix !== b.cidr.prefix || !same(a.value, b.value) || present.has(parent)) continue;
      taken.add(a).add(b);
      next.push({ cidr: cidr(parent), value: a.value, merged: [...a.merged, ...b.merged] });
      changed = true;
    }
    cur = [...cur.filter((x) => !taken.has(x)), ...next];
  }
  return cur;
}

/** The broadcast (last) address of a block. */
export function broadcastOf(block: Cidr): string {
  return ipaddr.IPv4.broadcastAddressFromCIDR(block.text).toString();
}
