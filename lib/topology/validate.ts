/**
 * Semantic validation of a {@link Topology}. Every rule runs; every problem is reported
 * with its path, the bad value and what is allowed. Structural checks (types, required
 * fields, enum members) live in `schema.ts`; this file assumes the shape is right.
 *
 * The rules are grouped by concern, one file each: accounts and networks
 * (`validate-networks.ts`), IDCs (`validate-idcs.ts`), links and overlaps
 * (`validate-links.ts`), redundant sites (`validate-redundancy.ts`), a data center's VPN backup
 * (`validate-idc-vpn.ts`); then API string limits and secrets (`limits.ts`), derived
 * names (`identifiers.ts`) and, on an otherwise valid topology, the planner's tables.
 */
import { identifierIssues, routeTableIssues } from "./identifiers";
import { TopologyError, TopologyIssue } from "./issues";
import { secretValueIssues, tagLimitIssues } from "./limits";
import { Topology } from "./types";
import { checkTags, NAME_PATTERN, ValidationContext } from "./validate-common";
import { checkIdcs } from "./validate-idcs";
import { checkLinks, checkOverlaps, checkUnlinked } from "./validate-links";
import { checkAccounts, checkOffices, checkVpcs } from "./validate-networks";
import { checkIdcVpnBackups } from "./validate-idc-vpn";
import { checkRedundancy } from "./validate-redundancy";

export { ALIBABA_ASN, NAME_PATTERN } from "./validate-common";
export { VPN_GATEWAY_BANDWIDTHS } from "./validate-networks";

/** Returns every problem in `t`; an empty list means valid. */
export function validateTopology(t: Topology): TopologyIssue[] {
  const x = new ValidationContext(t);
  if (!NAME_PATTERN.test(t.name)) {
    x.c.add("name", t.name, `is not a valid name; allowed: ${NAME_PATTERN} (lower-case letters, digits, dashes)`);
  }
  checkTags(x.c, `${x.root}.tags`, t.tags);
  checkAccounts(x);
  checkVpcs(x);
  checkOffices(x);
  checkIdcs(x);
  checkLinks(x);
  checkRedundancy(x);
  checkIdcVpnBackups(x);
  checkUnlinked(x);
  checkOverlaps(x);
  // API string limits, secrets by value, derived identifiers; then (only on an
  // otherwise valid topology) the planner's tables, so constructs never see a collision
  const issues = x.c.issues;
  issues.push(...tagLimitIssues(t, x.root), ...secretValueIssues(t, x.root), ...identifierIssues(t, x.root));
  if (issues.length === 0) issues.push(...routeTableIssues(t, x.root));
  return issues;
}

/** Throws a {@link TopologyError} listing every problem. */
export function assertValidTopology(t: Topology): void {
  const issues = validateTopology(t);
  if (issues.length > 0) throw new TopologyError(t.name, issues);
}
