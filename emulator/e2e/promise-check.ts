/**
 * Holds a stack to its promise before anything is applied: the `intent.json` synthesis
 * wrote beside the stack (which pairs of networks must and must not reach each other,
 * from the topology) against the independent checker over the JSON e2e is about to apply.
 * Synthesis checks the same, so this catches a stack edited after synthesis: a route
 * removed by hand fails here, naming the pair and the hop, instead of applying cleanly.
 */
import * as fs from "fs";
import * as path from "path";
import { Intent, promiseMismatches, readIntent } from "../../lib/analysis/promise";
import type { SiteEndpoint } from "../../lib/analysis/reachability";
import { checkReachability } from "../../lib/analysis/reachability";
import { sitesFromStack } from "../../lib/analysis/stack-sites";
import type { StackJson } from "../../lib/tfjson";

/** One message per broken promise; none when the stack keeps it or has no `intent.json`. */
export function brokenPromises(stackDir: string): string[] {
  const intent = readIntent(stackDir);
  if (!intent) return [];
  const stack = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as StackJson;
  const report = checkReachability(stack, namedAsPromised(sitesFromStack(stack), intent));
  return promiseMismatches(intent, report.delivered, report.networks, (from, to) => {
    const r = report.get(from, to);
    return `${r.status}${r.reason ? `: ${r.reason}` : ""} via ${r.hops.join(" > ")}`;
  });
}

/**
 * The stack names a site by its device (a customer gateway per VPN link, a VBR per leased
 * line), the promise by the site: a site read from the stack takes the name of the promised
 * network with exactly its address ranges, so an office on two devices or a data center on
 * two lines is the one network the promise names.
 */
export function namedAsPromised(
  sites: { offices: SiteEndpoint[]; idcs: SiteEndpoint[] },
  intent: Pick<Intent, "networks">,
): { offices: SiteEndpoint[]; idcs: SiteEndpoint[] } {
  const key = (cidrs: readonly string[]) => [...cidrs].sort().join(",");
  const promised = new Map(intent.networks.map((n) => [key(n.cidrs), n.name]));
  const rename = (s: SiteEndpoint): SiteEndpoint => ({ ...s, name: promised.get(key(s.cidrs)) ?? s.name });
  return { offices: sites.offices.map(rename), idcs: sites.idcs.map(rename) };
}
