/**
 * What the validation rules share: the issue collector, the context one validation run
 * builds up (accounts, networks, their blocks, which networks exchange routes) and the
 * field checks several concerns use. The rules themselves live in `validate-*.ts`, one
 * file per concern, and `validate.ts` runs them in order.
 */
import { Cidr, isCidr, overlaps, parseCidr } from "./cidr";
import { MAX_ISSUES, pathKey, TopologyIssue } from "./issues";
import { RESERVED_RANGES, reservedRangeOf } from "./quotas";
import { isKnownRegion, KNOWN_REGIONS } from "./regions";
import { SECRET_KEY } from "./secrets";
import { IdcSpec, OfficeSpec, Topology, VpcSpec } from "./types";

export const NAME_PATTERN = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;
/** Alibaba Cloud's own ASN: a customer gateway or IDC router may not use it. */
export const ALIBABA_ASN = 45104;

export type Network =
  | { readonly kind: "vpc"; readonly spec: VpcSpec; readonly path: string }
  | { readonly kind: "office"; readonly spec: OfficeSpec; readonly path: string }
  | { readonly kind: "idc"; readonly spec: IdcSpec; readonly path: string };

/** A network's blocks, each with the path it was written at. */
export type PathedCidr = { readonly path: string; readonly cidr: Cidr };

export class Collector {
  readonly issues: TopologyIssue[] = [];
  add(path: string, value: unknown, message: string): void {
    // bounded: 2,000 identical vSwitches would otherwise collect two million overlaps
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, value, message });
  }
  /** Validates a CIDR; returns it when usable. */
  cidr(path: string, value: string, bounds?: { min: number; max: number; what: string }): Cidr | undefined {
    const c = parseCidr(value);
    if (!isCidr(c)) {
      if (c.kind === "host-bits") this.add(path, value, `host bits are set; allowed: a network address (did you mean ${c.network}?)`);
      else this.add(path, value, "is not an IPv4 CIDR; allowed: a.b.c.d/n with n 0–32");
      return undefined;
    }
    if (bounds && (c.prefix < bounds.min || c.prefix > bounds.max)) {
      this.add(path, value, `prefix /${c.prefix} is out of range for ${bounds.what}; allowed: /${bounds.min} to /${bounds.max}`);
      return undefined;
    }
    return c;
  }
  int(path: string, value: number | undefined, min: number, max: number, unit = ""): void {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.add(path, value, `is out of range; allowed: an integer ${min}–${max}${unit}`);
    }
  }
}

/** One validation run: the topology, the collector, and what the concerns learn in turn. */
export class ValidationContext {
  readonly c = new Collector();
  readonly root: string;
  /** Account name -> its index. */
  readonly accounts = new Map<string, number>();
  /** One namespace across VPCs, offices and IDCs. */
  readonly networks = new Map<string, Network>();
  readonly networkCidrs = new Map<string, PathedCidr[]>();
  /** Pairs of networks a valid link joins (they exchange routes). */
  readonly edges: [string, string][] = [];

  constructor(readonly t: Topology) {
    this.root = t.name;
  }

  /** Claims a network name; a second claim is a duplicate. */
  claim(n: Network, name: string): void {
    const prev = this.networks.get(name);
    if (prev) this.c.add(`${n.path}.name`, name, `duplicates ${prev.path}; allowed: names unique across vpcs, offices and idcs`);
    else this.networks.set(name, n);
  }

  needAccount(path: string, account: string): void {
    if (!this.accounts.has(account)) this.c.add(path, account, `names no account; allowed: ${list([...this.accounts.keys()])}`);
  }
}

/** A network's block inside a range the API reserves (quotas.ts, RESERVED_RANGES). */
export function checkReserved(c: Collector, path: string, text: string, block: Cidr): void {
  const r = reservedRangeOf(block);
  if (r)
    c.add(
      path,
      text,
      `overlaps ${r.cidr.text}, ${r.what}, which the API refuses (${r.source}); allowed: a block outside ${RESERVED_RANGES.map((x) => x.cidr.text).join(", ")}`,
    );
}

/** An office's or IDC's own blocks: valid, outside reserved ranges, disjoint. */
export function ownCidrs(c: Collector, p: string, cidrs: readonly string[]): PathedCidr[] {
  const out: PathedCidr[] = [];
  if (cidrs.length === 0) c.add(`${p}.cidrs`, [], "is empty; allowed: at least one CIDR");
  cidrs.forEach((s, k) => {
    const x = c.cidr(`${p}.cidrs[${k}]`, s, { min: 8, max: 32, what: "a site network" });
    if (!x) return;
    checkReserved(c, `${p}.cidrs[${k}]`, s, x);
    const clash = out.find((o) => overlaps(o.cidr, x));
    if (clash) c.add(`${p}.cidrs[${k}]`, s, `overlaps ${clash.path} (${clash.cidr.text}); allowed: disjoint CIDRs`);
    else out.push({ path: `${p}.cidrs[${k}]`, cidr: x });
  });
  return out;
}

/** Tag keys that look like secrets: tags are visible to anyone who can list resources. */
export function checkTags(c: Collector, path: string, tags: Readonly<Record<string, string>> | undefined): void {
  for (const k of Object.keys(tags ?? {})) {
    if (SECRET_KEY.test(k))
      c.add(
        `${path}${pathKey(k)}`,
        "(redacted)",
        "looks like a secret; tags are readable by anyone who can list resources, so secrets never go in tags (use a sensitive variable)",
      );
  }
}

export function checkName(c: Collector, path: string, name: string): void {
  if (!NAME_PATTERN.test(name)) {
    c.add(path, name, "is not a valid name; allowed: 2–40 characters of a-z, 0-9 and '-', starting with a letter, not ending with '-'");
  }
}

export function checkRegion(c: Collector, path: string, region: string): void {
  if (!isKnownRegion(region)) {
    const near = KNOWN_REGIONS.filter((r) => r.split("-")[0] === region.split("-")[0]).slice(0, 6);
    c.add(
      path,
      region,
      `is not a region the provider knows; allowed: ${list(near.length ? near : KNOWN_REGIONS.slice(0, 8))}${near.length ? "" : ", ..."}`,
    );
  }
}

export function checkAsn(c: Collector, path: string, asn: number | undefined): void {
  if (asn === undefined) return;
  if (!Number.isInteger(asn) || asn < 1 || asn > 4294967295) c.add(path, asn, "is not a BGP ASN; allowed: an integer 1–4294967295");
  else if (asn === ALIBABA_ASN) c.add(path, asn, `is Alibaba Cloud's own ASN; allowed: any other ASN, e.g. a private one 64512–65534`);
}

export function list(xs: readonly string[]): string {
  return xs.length === 0 ? "(none defined)" : xs.join(", ");
}
