/**
 * The netdiff report as Markdown, as the PR comment shows it: a headline with the most
 * severe facts first (pairs lost, VPN gateways and VPCs destroyed or replaced and what
 * that means for the offices, protected resources, new internet paths, replaced route
 * entries, what is created), then the blocking verdict, then one section per stack.
 */
import { headDiagram } from "./netdiff-diagram";
import { trChangeMeaning } from "./netdiff-tr";
import { redundancyLine } from "./netdiff-redundancy";
import { GatewayChange, NetDiff, StackDiff } from "./netdiff-types";
import { INTERNET_NETWORK } from "./reachability";
import { sitesFromStack } from "./stack-sites";

/** The PR comment marker: the workflow finds its own comment by it. */
export const NETDIFF_MARKER = "<!-- netdiff -->";
/** The label that lets a PR with blocking findings pass (docs/netdiff.md). */
export const OVERRIDE_LABEL = "netdiff-override";
/** Pairs named in the headline before "and N more". */
export const HEADLINE_PAIRS = 3;
/** Created resources listed one by one per stack before the rest is counted by type. */
export const MAX_CREATED_LISTED = 20;
/** The safe way through a change that replaces live route entries. */
export const STAGED_HINT = "apply in stages: new path and more-specific routes first";
/** The command that plans those stages and proves that no pair is lost in any (docs/migrate.md). */
export const MIGRATE_HINT = "plan and prove the stages: `npx hybridnet migrate <base> <head> --out <dir>`";

const CHANGE_TEXT = { added: "added", removed: "removed", replaced: "**replaced: outage risk**", updated: "updated in place" } as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const code = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(", ");
const isInternet = (pair: string) => pair.split("->").includes(INTERNET_NETWORK);

/** `a->b` as `` `a` → `b` ``. */
export const arrow = (pair: string) =>
  pair
    .split("->")
    .map((n) => `\`${n}\``)
    .join(" → ");

/**
 * Pairs as few lines: pairs changed both ways are grouped around the network they share
 * most (`x` ↔ `a`, `b`), the rest by source (`a` → `x`, `y`).
 */
export function pairLines(pairs: readonly string[]): string[] {
  const set = new Set(pairs);
  const both: [string, string][] = [];
  const oneWay = new Map<string, string[]>();
  for (const p of pairs) {
    const [a, b] = p.split("->") as [string, string];
    if (set.has(`${b}->${a}`)) {
      if (a < b) both.push([a, b]);
    } else oneWay.set(a, [...(oneWay.get(a) ?? []), b]);
  }
  const out: string[] = [];
  while (both.length > 0) {
    const degree = new Map<string, number>();
    for (const [a, b] of both) for (const n of [a, b]) degree.set(n, (degree.get(n) ?? 0) + 1);
    const [hubName] = [...degree].sort(([x, m], [y, n]) => n - m || x.localeCompare(y))[0]!;
    const partners = both.filter((e) => e.includes(hubName)).map(([a, b]) => (a === hubName ? b : a));
    out.push(`\`${hubName}\` ↔ ${code(partners.sort())}`);
    for (let i = both.length - 1; i >= 0; i--) if (both[i]!.includes(hubName)) both.splice(i, 1);
  }
  for (const [a, targets] of [...oneWay].sort(([x], [y]) => x.localeCompare(y))) out.push(`\`${a}\` → ${code(targets.sort())}`);
  return out;
}

/** What a destroyed or replaced VPN gateway, VPC, TR or TR attachment means for the people who run the network. */
function gatewayMeaning(g: GatewayChange): string {
  const offices = g.offices.length > 0 ? `: ${code(g.offices)}` : "";
  switch (g.kind) {
    case "VPC":
      return g.change === "replaced"
        ? "it is destroyed and re-created with everything in it (vSwitches, gateways, route entries)"
        : "its networks and everything in them are deleted";
    case "VPN gateway":
      return g.change === "replaced"
        ? `a new gateway gets a new public IP (\`internet_ip\` is assigned at creation), so every office on it must be reconfigured${offices}`
        : `the IPsec tunnels of every office on it go down${offices}`;
    case "transit router":
    case "TR attachment":
      return trChangeMeaning(g.kind);
    default:
      return assertNever(g.kind);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled change kind ${JSON.stringify(x)}`);
}

/** The severe facts of one stack, most severe first. */
function severeFacts(s: StackDiff): string[] {
  const where = `in \`${s.stack}\``;
  const out: string[] = [];
  if (s.lost.length > 0) {
    const first = s.lost.slice(0, HEADLINE_PAIRS).map(arrow).join(", ");
    const more = s.lost.length > HEADLINE_PAIRS ? ` and ${s.lost.length - HEADLINE_PAIRS} more` : "";
    out.push(`- **${plural(s.lost.length, "ordered pair")} lost** ${where}: ${first}${more}`);
  }
  for (const g of s.gateways) out.push(`- **${g.kind} \`${g.name}\` ${g.change}** ${where}: ${gatewayMeaning(g)}`);
  for (const p of s.protectedChanges) out.push(`- **${p.label} \`${p.name}\` ${p.change}** ${where} (protected)`);
  for (const p of s.gained.filter(isInternet)) out.push(`- **new internet path** ${where}: ${arrow(p)}`);
  const replaced = s.routes.filter((r) => r.change === "replaced").length;
  if (replaced > 0)
    out.push(
      `- **${plural(replaced, "route entry", "route entries")} replaced** ${where}: outage risk (Terraform deletes each live entry before it creates its successor); ${STAGED_HINT}`,
      `  - ${MIGRATE_HINT}`,
    );
  return out;
}

function createdFact(s: StackDiff): string[] {
  const billed = s.created.filter((c) => c.cost !== undefined).length;
  if (s.created.length === 0) return [];
  const also = billed > 0 ? `, ${billed} of them billed while they exist` : "";
  return [`- ${plural(s.created.length, "resource")} created in \`${s.stack}\`${also}`];
}

/** Severe facts of every stack first, then what is created; a calm line when nothing is severe. */
function headline(d: NetDiff): string[] {
  const severe = d.stacks.flatMap(severeFacts);
  const calm =
    d.stacks.length === 0 ? ["- No network changes."] : severe.length === 0 ? ["- No pair lost, nothing destroyed or replaced."] : [];
  return ["**Headline**", "", ...severe, ...calm, ...d.stacks.flatMap(createdFact), ""];
}

function verdict(d: NetDiff): string[] {
  if (d.blocking.length === 0)
    return [
      "No blocking findings: no protected resource destroyed or replaced, no new internet path, no rule admitting a public source.",
      "",
    ];
  return [
    `**Blocking: ${plural(d.blocking.length, "finding")}.** The check fails unless the PR carries the label \`${OVERRIDE_LABEL}\`.`,
    "",
    ...d.blocking.map((b) => `- ${b}`),
    "",
  ];
}

function summary(s: StackDiff): string[] {
  const counts = (["added", "removed", "replaced"] as const).map((c) => `${s.routes.filter((r) => r.change === c).length} ${c}`);
  const risk = s.routes.some((r) => r.change === "replaced") ? " (outage risk)" : "";
  return [
    `Reachability: ${plural(s.gained.length, "ordered pair")} gained, ${s.lost.length} lost. Route entries: ${counts.join(", ")}${risk}.`,
    "",
  ];
}

function reachability(s: StackDiff): string[] {
  const lines = [
    ...s.gained.filter(isInternet).map((p) => `- **new internet path**: ${arrow(p)}`),
    ...pairLines(s.gained.filter((p) => !isInternet(p))).map((p) => `- gained: ${p}`),
    ...pairLines(s.lost).map((p) => `- lost: ${p}`),
  ];
  return lines.length > 0 ? ["**Reachability**", "", ...lines, ""] : [];
}

function routes(s: StackDiff): string[] {
  if (s.routes.length === 0) return [];
  return [
    "**Route entries**",
    "",
    "| Route table | Change | Destination | Next hop |",
    "|---|---|---|---|",
    ...s.routes.map((r) => `| ${r.table} | ${CHANGE_TEXT[r.change]} | ${r.destination} | ${r.nextHop} |`),
    "",
  ];
}

function rules(s: StackDiff): string[] {
  if (s.rules.length === 0) return [];
  return [
    "**Security groups**",
    "",
    "| Security group | Change | Source | Rule |",
    "|---|---|---|---|",
    ...s.rules.map((r) => `| ${r.group} | ${r.change}${r.internet ? " **(internet)**" : ""} | ${r.source} | ${r.ports} |`),
    "",
  ];
}

/** Anything else re-created or deleted: a replaced IPsec connection renegotiates, for one. */
function others(s: StackDiff): string[] {
  const routeLike =
    /^alicloud_(route_entry|vpn_route_entry|vpc_bgp_network|security_group_rule|cen_transit_router_route_entry|cen_transit_router_route_table_association|cen_transit_router_route_table_propagation)\./;
  const lines = [...s.resources]
    .filter(([a, c]) => (c === "replaced" || c === "removed") && !routeLike.test(a) && !s.protectedChanges.some((p) => p.address === a))
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([addr, c]) => {
      const [type, key] = addr.split(".") as [string, string];
      const body = (c === "removed" ? s.base : s.head).resource?.[type]?.[key] ?? {};
      const name = Object.entries(body).find(([k, v]) => k.endsWith("_name") && typeof v === "string")?.[1] as string | undefined;
      return `- ${c === "removed" ? "destroyed" : "replaced"}: ${type}${name ? ` \`${name}\`` : ""} (\`${addr}\`)`;
    });
  return lines.length > 0 ? ["**Other resources replaced or destroyed**", "", ...lines, ""] : [];
}

/** Created resources: the billed ones by name (up to a limit), everything else counted by type. */
function created(s: StackDiff): string[] {
  if (s.created.length === 0) return [];
  const billed = s.created.filter((c) => c.cost !== undefined);
  const listed = billed.slice(0, MAX_CREATED_LISTED);
  const counted = new Map<string, number>();
  for (const c of s.created) if (!listed.includes(c)) counted.set(c.type, (counted.get(c.type) ?? 0) + 1);
  return [
    "**Created**",
    "",
    ...listed.map((c) => `- ${c.type} \`${c.name}\` (\`${c.address}\`): ${c.cost}`),
    ...[...counted].sort(([x], [y]) => x.localeCompare(y)).map(([type, n]) => `- ${type}: ${n}`),
    "",
  ];
}

function unused(s: StackDiff): string[] {
  if (s.unusedLinks.length === 0) return [];
  const why = "older links already connect both sides (links are preferred in declaration order; declare it earlier to use it)";
  return ["**New links no route uses**", "", ...s.unusedLinks.map((l) => `- ${l}: ${why}`), ""];
}

function protectedSection(s: StackDiff): string[] {
  if (s.protectedChanges.length === 0) return [];
  return [
    "**Protected resources**",
    "",
    ...s.protectedChanges.map((p) => `- **${p.change}**: ${p.label} \`${p.name}\` (\`${p.address}\`)`),
    "",
  ];
}

function diagram(s: StackDiff): string[] {
  return [
    "<details><summary>Diagram of the head (changed links in red)</summary>",
    "",
    "```mermaid",
    ...headDiagram(s.head, s.resources, sitesFromStack(s.head)),
    "```",
    "",
    "</details>",
    "",
  ];
}

function stackSection(s: StackDiff): string[] {
  return [
    `### \`${s.stack}\``,
    "",
    ...summary(s),
    ...redundancyLine(s.redundancy, s.headElements),
    ...reachability(s),
    ...routes(s),
    ...rules(s),
    ...others(s),
    ...created(s),
    ...unused(s),
    ...protectedSection(s),
    ...diagram(s),
  ];
}

/** The Markdown report, as the PR comment shows it. */
export function renderNetdiff(d: NetDiff): string {
  const lines = [NETDIFF_MARKER, "## Network changes (netdiff)", "", ...headline(d), ...verdict(d)];
  for (const s of d.stacks) lines.push(...stackSection(s));
  if (d.unchanged.length > 0) lines.push(`Unchanged: ${code(d.unchanged)}.`, "");
  return lines.join("\n");
}
