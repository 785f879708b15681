/**
 * Probes and diagnosis: ICMP and TCP between every ordered pair of networks (bounded),
 * the hop-by-hop walk through the kernel's forwarding decisions that names where a
 * packet died, and the printed matrices.
 */
import { pool, run, runAsync } from "./exec";
import { PROBE_PORT, TwinPlan } from "./plan";

export interface PairResult {
  from: string;
  to: string;
  icmp: boolean;
  tcp: boolean;
}

export async function probeAll(
  plan: TwinPlan,
  names: readonly string[],
  only?: readonly (readonly [string, string])[],
): Promise<PairResult[]> {
  const byName = new Map(plan.networks.map((n) => [n.name, n]));
  const pairs = only ?? names.flatMap((a) => names.filter((b) => b !== a).map((b) => [a, b] as const));
  return pool(pairs, 8, async ([a, b]) => {
    const s = byName.get(a);
    const d = byName.get(b);
    if (!s || !d) return { from: a, to: b, icmp: false, tcp: false };
    const icmp = await runAsync(
      "ip",
      ["netns", "exec", s.ns, "ping", "-n", "-q", "-c", "2", "-i", "0.2", "-W", "1", "-I", s.ip, d.ip],
      5000,
    );
    const tcp = await runAsync("ip", ["netns", "exec", s.ns, "nc", "-z", "-w", "2", "-s", s.ip, d.ip, String(PROBE_PORT)], 5000);
    return { from: a, to: b, icmp: icmp.code === 0, tcp: tcp.code === 0 };
  });
}

/**
 * Follows the kernel's forwarding decisions hop by hop from `from` towards `to`, and,
 * when the packet arrives, the reply's way back: names the hop where either died.
 */
export function walk(plan: TwinPlan, from: string, to: string): string {
  const byName = new Map(plan.networks.map((n) => [n.name, n]));
  const s = byName.get(from)!;
  const d = byName.get(to)!;
  const there = walkOneWay(plan, s.ns, s.ip, d.ip);
  if (!there.arrived) return there.text;
  const back = walkOneWay(plan, d.ns, d.ip, s.ip);
  if (!back.arrived) return `${there.text}; reply: ${back.text}`;
  return `${there.text}; reply: ${back.text}; both ways route, so a filter dropped it (security group on the host, NAT rules)`;
}

function walkOneWay(plan: TwinPlan, startNs: string, srcIp: string, dstIp: string): { arrived: boolean; text: string } {
  const owner = new Map<string, string>();
  for (const l of plan.links) {
    owner.set(l.aAddr.split("/")[0]!, l.a);
    owner.set(l.bAddr.split("/")[0]!, l.b);
  }
  for (const [ns, , a] of plan.addresses) owner.set(a.split("/")[0]!, ns);
  const label = (ns: string) => plan.namespaces.find((n) => n.name === ns)?.label ?? ns;
  const hops: string[] = [];
  const died = (why: string) => ({ arrived: false, text: `${hops.join(" > ")}: died at ${hops[hops.length - 1]} (${why})` });
  let cur = startNs;
  let from: string[] = ["from", srcIp];
  for (let i = 0; i < 24; i++) {
    if (hops.includes(label(cur))) return { arrived: false, text: `${hops.join(" > ")} > ${label(cur)}: looped (revisits ${label(cur)})` };
    hops.push(label(cur));
    const r = run("ip", ["-n", cur, "route", "get", dstIp, ...from], { allowFail: true });
    from = [];
    const line = r.out.trim().split("\n")[0] ?? "";
    if (r.code !== 0 || /unreachable|prohibit|blackhole/.test(line)) return died(line || "no route");
    if (/^local /.test(line)) return { arrived: true, text: `${hops.join(" > ")} (arrived)` };
    const dev = /dev (\S+)/.exec(line)?.[1];
    const via = /via (\S+)/.exec(line)?.[1];
    if (dev === "ipsec0") {
      const peer = ipsecPeer(plan, cur, dstIp);
      if (!peer) return died(`into IPsec, but no tunnel's selectors hold ${dstIp}`);
      cur = peer;
      // the far end decrypts it: it arrives on that end's ipsec0
      from = ["from", srcIp, "iif", "ipsec0"];
      continue;
    }
    const next = owner.get(via ?? dstIp);
    if (!next) return died(`next hop ${via ?? dstIp} on ${dev} belongs to nothing`);
    // a transit router picks the table by the interface a packet comes in through
    const inDev = ingressDev(plan, cur, dev);
    if (inDev && plan.namespaces.some((n) => n.name === next && n.kind === "tr")) from = ["from", srcIp, "iif", inDev];
    cur = next;
  }
  return { arrived: false, text: `${hops.join(" > ")}: looped` };
}

/** The far end's interface of the link `dev` of namespace `ns`. */
function ingressDev(plan: TwinPlan, ns: string, dev: string | undefined): string | undefined {
  const l = plan.links.find((x) => (x.a === ns && x.aIf === dev) || (x.b === ns && x.bIf === dev));
  return l && (l.a === ns ? l.bIf : l.aIf);
}

/** The far end of the tunnels of the charon in `ns`, when its selectors admit `dst`. */
function ipsecPeer(plan: TwinPlan, ns: string, dst: string): string | undefined {
  const c = plan.charons.find((x) => x.ns === ns);
  if (!c) return undefined;
  if (c.side === "office") {
    // the office's connection: the charon that answers this office's tunnels
    return plan.charons.find((g) => g.side === "gateway" && c.children.some((ch) => g.children.includes(`gw-${ch}`)))?.ns;
  }
  // the connection's office, when its LAN (the connection's remote selector) holds dst
  const office = plan.charons.find((o) => o.side === "office" && o.children.some((ch) => c.children.includes(`gw-${ch}`)));
  return office && plan.addresses.some(([a, , addr]) => a === office.ns && sameNet(addr, dst)) ? office.ns : undefined;
}

function sameNet(cidr: string, ip: string): boolean {
  const [net, len] = cidr.split("/");
  const toInt = (x: string) => x.split(".").reduce((v, o) => (v << 8) + Number(o), 0) >>> 0;
  const mask = Number(len) === 0 ? 0 : (~0 << (32 - Number(len))) >>> 0;
  return (toInt(net!) & mask) >>> 0 === (toInt(ip) & mask) >>> 0;
}

export function printMatrix(stack: string, names: readonly string[], results: readonly PairResult[], expected: ReadonlySet<string>): void {
  const w = Math.max(...names.map((n) => n.length), 9) + 3;
  const cell = (from: string, to: string, measured: boolean): string => {
    if (from === to) return "-";
    if (!measured) return expected.has(`${from}->${to}`) ? "Y" : ".";
    const p = results.find((x) => x.from === from && x.to === to)!;
    return p.icmp && p.tcp ? "Y" : p.icmp ? "i" : p.tcp ? "t" : ".";
  };
  const table = (measured: boolean) => [
    `${"from \\ to".padEnd(w)}${names.map((_, i) => String(i + 1).padStart(3)).join("")}`,
    ...names.map(
      (a, i) => `${`${String(i + 1).padStart(2)} ${a}`.padEnd(w)}${names.map((b) => cell(a, b, measured).padStart(3)).join("")}`,
    ),
  ];
  const e = table(false);
  const m = table(true);
  const width = e[0]!.length + 4;
  console.log(
    `\n${stack}: expected (left: the model over the JSON, round trips) and measured (right: Y = ICMP and TCP, i / t = only one, . = none)`,
  );
  e.forEach((l, i) => console.log(`${l.padEnd(width)}${m[i]!}`));
}
