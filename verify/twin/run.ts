/**
 * The packet twin's runner. Started by verify/twin/run.sh inside
 * `unshare --mount --net --pid --fork` (a private /run, its own PID 1), so every
 * namespace and process it makes dies with it even if this process is killed.
 *
 *   tsx verify/twin/run.ts [cdktf.out] [--stack NAME]... [--no-negative] [--json FILE]
 *
 * Per stack: plan (plan.ts), bring-up (namespaces, links, addresses, nftables, routes,
 * charon and BIRD), wait for every CHILD_SA and BGP session (bounded), probe every
 * ordered pair of networks with ICMP and TCP (bounded), compare with the expected matrix
 * (expected.ts), run the IPsec mismatch checks on the hub, tear down (timed).
 * Exit 1 when any pair differs or a mismatch is not caught, naming the pair and the hop.
 */
import { ChildProcess, execFile, spawn, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expectedMatrix } from "./expected";
import { buildPlan, PROBE_PORT, StackJson, TwinManifest, TwinPlan } from "./plan";

const ROOT = path.resolve(__dirname, "..", "..");

interface Args {
  cdktfOut: string;
  stacks: string[];
  negative: boolean;
  json?: string;
  work: string;
}
function parseArgs(argv: string[]): Args {
  const a: Args = { cdktfOut: path.join(ROOT, "cdktf.out"), stacks: [], negative: true, work: "" };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === "--stack") a.stacks.push(argv[++i] ?? "");
    else if (x === "--no-negative") a.negative = false;
    else if (x === "--json") a.json = argv[++i];
    else if (!x.startsWith("--")) a.cdktfOut = path.resolve(x);
    else throw new Error(`unknown argument ${x}; allowed: [cdktf.out] --stack NAME --no-negative --json FILE`);
  }
  return a;
}

// ---------------------------------------------------------------- commands
function run(
  cmd: string,
  args: readonly string[],
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; allowFail?: boolean } = {},
): { code: number; out: string } {
  const r = spawnSync(cmd, args as string[], { encoding: "utf8", timeout: opts.timeoutMs ?? 15000, env: opts.env ?? process.env });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  const code = r.status ?? (r.signal ? 124 : 1);
  if (code !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(" ")} failed (${code}): ${out.trim()}`);
  return { code, out };
}
const inNs = (ns: string, cmd: string, args: readonly string[], opts?: Parameters<typeof run>[2]) =>
  run("ip", ["netns", "exec", ns, cmd, ...args], opts);
function runAsync(cmd: string, args: readonly string[], timeoutMs: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args as string[], { timeout: timeoutMs, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err
        ? typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === "number"
          ? Number((err as { code: number }).code)
          : 124
        : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}
async function pool<T, R>(items: readonly T[], n: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]!);
      }
    }),
  );
  return out;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now() / 1000;

// ---------------------------------------------------------------- bring-up
interface Running {
  plan: TwinPlan;
  work: string;
  procs: { ns: string; what: string; proc: ChildProcess; dir?: string }[];
  secrets: Record<string, string>;
}

function subst(text: string, secrets: Record<string, string>): string {
  return text.replace(/@@(TF_VAR_[A-Za-z0-9_]+)@@/g, (_, k: string) => {
    const v = secrets[k];
    if (v === undefined) throw new Error(`no value for ${k}`);
    return v;
  });
}

function strongswanConf(dir: string, installRoutes: boolean): string {
  return (
    [
      "charon {",
      // kernel-libipsec before kernel-netlink: this kernel has no ESP (packet-twin-notes.md)
      "  load = random nonce aes sha1 sha2 md5 hmac kdf gmp gcrypt curve25519 kernel-libipsec kernel-netlink socket-default vici",
      `  install_routes = ${installRoutes ? "yes" : "no"}`,
      "  retransmit_tries = 3",
      "  retransmit_timeout = 1.0",
      "  retransmit_base = 1.4",
      "  plugins {",
      `    vici { socket = unix://${dir}/charon.vici }`,
      "  }",
      "  filelog {",
      `    log { path = ${dir}/charon.log\n      time_format = %T\n      flush_line = yes\n      default = 1\n      ike = 1\n      cfg = 1 }`,
      "  }",
      "  syslog { daemon { default = -1 } }",
      "}",
    ].join("\n") + "\n"
  );
}

async function bringUp(r: Running, deviceDir: string): Promise<void> {
  const { plan, work } = r;
  for (const n of plan.namespaces) {
    run("ip", ["netns", "add", n.name]);
    run("ip", ["-n", n.name, "link", "set", "lo", "up"]);
    inNs(n.name, "sysctl", ["-q", "-w", "net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0"]);
  }
  for (const l of plan.links) {
    run("ip", ["link", "add", l.aIf, "netns", l.a, "type", "veth", "peer", "name", l.bIf, "netns", l.b]);
    run("ip", ["-n", l.a, "addr", "add", l.aAddr, "dev", l.aIf]);
    run("ip", ["-n", l.b, "addr", "add", l.bAddr, "dev", l.bIf]);
    run("ip", ["-n", l.a, "link", "set", l.aIf, "up"]);
    run("ip", ["-n", l.b, "link", "set", l.bIf, "up"]);
  }
  for (const [ns, dev, addr] of plan.addresses) run("ip", ["-n", ns, "addr", "add", addr, "dev", dev]);
  for (const f of plan.nft) {
    const file = path.join(work, `${f.ns}.nft`);
    fs.writeFileSync(file, f.ruleset + "\n");
    inNs(f.ns, "nft", ["-f", file]);
  }
  for (const rt of plan.routes.filter((x) => !x.afterIpsec)) run("ip", ["-n", rt.ns, "route", "add", ...rt.args]);
  for (const rl of plan.rules) run("ip", ["-n", rl.ns, "rule", "add", ...rl.args]);

  // TCP listeners on every network's probe address
  for (const n of plan.networks) {
    const proc = spawn("ip", ["netns", "exec", n.ns, "nc", "-lk", n.ip, String(PROBE_PORT)], { stdio: "ignore" });
    r.procs.push({ ns: n.ns, what: "nc", proc });
  }

  // charon: gateways first (they answer), then offices (they initiate)
  const charons = [...plan.charons].sort((a, b) => (a.side === b.side ? 0 : a.side === "gateway" ? -1 : 1));
  for (const c of charons) {
    const dir = path.join(work, `charon-${c.ns}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "strongswan.conf"), strongswanConf(dir, c.installRoutes));
    const conf = "inline" in c.swanctl ? subst(c.swanctl.inline, r.secrets) : fs.readFileSync(path.join(deviceDir, c.swanctl.file), "utf8");
    fs.writeFileSync(path.join(dir, "swanctl.conf"), conf, { mode: 0o600 });
    const proc = spawn(
      "ip",
      [
        "netns",
        "exec",
        c.ns,
        "unshare",
        "-m",
        "--propagation",
        "private",
        "sh",
        "-c",
        `touch ${dir}/charon.pid && mount --bind ${dir}/charon.pid /run/charon.pid && exec /usr/lib/ipsec/charon`,
      ],
      {
        stdio: "ignore",
        env: { ...process.env, STRONGSWAN_CONF: path.join(dir, "strongswan.conf") },
      },
    );
    r.procs.push({ ns: c.ns, what: "charon", proc, dir });
    await waitFor(
      () => fs.existsSync(path.join(dir, "charon.vici")) || proc.exitCode !== null,
      30,
      `charon in ${c.ns} did not open its vici socket`,
    );
    run("swanctl", ["--load-all", "--noprompt", "--file", path.join(dir, "swanctl.conf"), "--uri", `unix://${dir}/charon.vici`]);
  }
  // IPsec routes need the TUN device charon creates
  for (const rt of plan.routes.filter((x) => x.afterIpsec)) {
    await waitFor(() => run("ip", ["-n", rt.ns, "link", "show", "ipsec0"], { allowFail: true }).code === 0, 10, `no ipsec0 in ${rt.ns}`);
    run("ip", ["-n", rt.ns, "route", "replace", ...rt.args]);
  }
  // BIRD
  for (const b of plan.birds) {
    const dir = path.join(work, `bird-${b.ns}`);
    fs.mkdirSync(dir, { recursive: true });
    const body = "inline" in b.body ? subst(b.body.inline, r.secrets) : `include "${path.join(deviceDir, b.body.include)}";`;
    fs.writeFileSync(
      path.join(dir, "bird.conf"),
      [
        `router id ${b.routerId};`,
        `log "${path.join(dir, "bird.log")}" all;`,
        "protocol device {}",
        "protocol kernel { ipv4 { export where source = RTS_BGP; import none; }; }",
        body,
        "",
      ].join("\n"),
      { mode: 0o600 },
    );
    const proc = spawn(
      "ip",
      [
        "netns",
        "exec",
        b.ns,
        "bird",
        "-f",
        "-c",
        path.join(dir, "bird.conf"),
        "-s",
        path.join(dir, "bird.ctl"),
        "-P",
        path.join(dir, "bird.pid"),
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let err = "";
    proc.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    r.procs.push({ ns: b.ns, what: "bird", proc, dir });
    await waitFor(() => fs.existsSync(path.join(dir, "bird.ctl")) || proc.exitCode !== null, 10, `bird in ${b.ns} did not start`);
    if (proc.exitCode !== null) throw new Error(`bird in ${b.ns} exited: ${err.trim()}`);
  }
}

async function waitFor(ok: () => boolean, seconds: number, what: string): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (ok()) return;
    await sleep(100);
  }
  throw new Error(`${what} within ${seconds} s`);
}

async function waitTunnelsAndBgp(r: Running): Promise<{ tunnels: number; sessions: number }> {
  const end = Date.now() + 45000;
  const offices = r.plan.charons.filter((c) => c.side === "office");
  let pendingT: string[] = [];
  let pendingB: string[] = [];
  while (Date.now() < end) {
    pendingT = offices.flatMap((c) => {
      const dir = r.procs.find((p) => p.what === "charon" && p.ns === c.ns)!.dir!;
      const up = new Set(listChildSas(dir));
      return c.children.filter((ch) => !up.has(ch)).map((ch) => `${c.ns}/${ch}`);
    });
    pendingB = r.plan.birds
      .filter((b) => {
        const dir = r.procs.find((p) => p.what === "bird" && p.ns === b.ns)!.dir!;
        return !/Established/.test(
          run("birdc", ["-s", path.join(dir, "bird.ctl"), "show", "protocols", b.protocol], { allowFail: true }).out,
        );
      })
      .map((b) => `${b.ns}/${b.protocol}`);
    if (pendingT.length === 0 && pendingB.length === 0) break;
    await sleep(250);
  }
  if (pendingT.length > 0 || pendingB.length > 0) {
    const logs = r.procs
      .filter((p) => p.dir && fs.existsSync(path.join(p.dir, "charon.log")))
      .map(
        (p) =>
          `--- ${p.ns} charon.log (tail)\n${fs.readFileSync(path.join(p.dir!, "charon.log"), "utf8").split("\n").slice(-15).join("\n")}`,
      );
    throw new Error(
      `not up within 45 s: ${[...pendingT.map((t) => `IPsec ${t}`), ...pendingB.map((b) => `BGP ${b}`)].join(", ")}\n${logs.join("\n")}`,
    );
  }
  return { tunnels: offices.reduce((n, c) => n + c.children.length, 0), sessions: r.plan.birds.length / 2 };
}

/** Names of CHILD_SAs in state INSTALLED, from `swanctl --list-sas`. */
function listChildSas(dir: string): string[] {
  const out = run("swanctl", ["--list-sas", "--uri", `unix://${dir}/charon.vici`], { allowFail: true }).out;
  return [...out.matchAll(/^\s+([A-Za-z0-9._-]+): #\d+, reqid \d+, INSTALLED/gm)].map((m) => m[1]!);
}

// ---------------------------------------------------------------- probes and diagnosis
interface PairResult {
  from: string;
  to: string;
  icmp: boolean;
  tcp: boolean;
}

async function probeAll(plan: TwinPlan, names: readonly string[], only?: readonly (readonly [string, string])[]): Promise<PairResult[]> {
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
function walk(plan: TwinPlan, from: string, to: string): string {
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
  let cur = startNs;
  for (let i = 0; i < 24; i++) {
    hops.push(label(cur));
    const r = run("ip", ["-n", cur, "route", "get", dstIp, ...(i === 0 ? ["from", srcIp] : [])], { allowFail: true });
    const line = r.out.trim().split("\n")[0] ?? "";
    if (r.code !== 0 || /unreachable|prohibit|blackhole/.test(line))
      return { arrived: false, text: `${hops.join(" > ")}: died at ${label(cur)} (${line || "no route"})` };
    if (/^local /.test(line)) return { arrived: true, text: `${hops.join(" > ")} (arrived)` };
    const dev = /dev (\S+)/.exec(line)?.[1];
    const via = /via (\S+)/.exec(line)?.[1];
    if (dev === "ipsec0") {
      const peer = ipsecPeer(plan, cur, dstIp);
      if (!peer)
        return { arrived: false, text: `${hops.join(" > ")}: died at ${label(cur)} (into IPsec, but no tunnel's selectors hold ${dstIp})` };
      cur = peer;
      continue;
    }
    const next = owner.get(via ?? dstIp);
    if (!next)
      return { arrived: false, text: `${hops.join(" > ")}: died at ${label(cur)} (next hop ${via ?? dstIp} on ${dev} belongs to nothing)` };
    cur = next;
  }
  return { arrived: false, text: `${hops.join(" > ")}: looped` };
}

function ipsecPeer(plan: TwinPlan, ns: string, dst: string): string | undefined {
  const c = plan.charons.find((x) => x.ns === ns);
  if (!c) return undefined;
  if (c.side === "office") {
    // the office's gateway: the charon that answers this office's connections
    return plan.charons.find((g) => g.side === "gateway" && c.children.some((ch) => g.children.includes(`gw-${ch}`)))?.ns;
  }
  // the office whose router holds an address in dst's network
  return plan.addresses.find(([a, , addr]) => plan.charons.some((o) => o.side === "office" && o.ns === a) && sameNet(addr, dst))?.[0];
}
function sameNet(cidr: string, ip: string): boolean {
  const [net, len] = cidr.split("/");
  const toInt = (x: string) => x.split(".").reduce((v, o) => (v << 8) + Number(o), 0) >>> 0;
  const mask = Number(len) === 0 ? 0 : (~0 << (32 - Number(len))) >>> 0;
  return (toInt(net!) & mask) >>> 0 === (toInt(ip) & mask) >>> 0;
}

// ---------------------------------------------------------------- negative checks
interface NegativeResult {
  name: string;
  office: string;
  caught: boolean;
  detail: string;
}

async function negativeChecks(r: Running, deviceDir: string, delivered: ReadonlySet<string>): Promise<NegativeResult[]> {
  const office = r.plan.charons.find((c) => c.side === "office");
  if (!office) return [];
  const proc = r.procs.find((p) => p.what === "charon" && p.ns === office.ns)!;
  const dir = proc.dir!;
  const uri = `unix://${dir}/charon.vici`;
  const child = office.children[0]!;
  const label = r.plan.namespaces.find((n) => n.name === office.ns)!.label;
  const original = fs.readFileSync(path.join(deviceDir, (office.swanctl as { file: string }).file), "utf8");
  const log = path.join(dir, "charon.log");
  const logSince = (mark: number) => fs.readFileSync(log, "utf8").slice(mark);
  const load = (text: string) => {
    const f = path.join(dir, "negative.conf");
    fs.writeFileSync(f, text, { mode: 0o600 });
    run("swanctl", ["--terminate", "--ike", child, "--force", "--timeout", "3", "--uri", uri], { allowFail: true });
    run("swanctl", ["--load-all", "--noprompt", "--clear", "--file", f, "--uri", uri]);
  };
  const results: NegativeResult[] = [];

  // 1. IKE proposal the gateway does not accept: fails at once
  {
    const m = /^(\s*proposals = )(\S+)$/m.exec(original)!;
    const wrong = m[2]!.startsWith("aes256") ? m[2]!.replace(/^aes256/, "aes128") : m[2]!.replace(/^[a-z0-9]+/, "aes256");
    const mark = fs.statSync(log).size;
    load(original.replace(/^(\s*proposals = )\S+$/gm, `$1${wrong}`));
    const init = run("swanctl", ["--initiate", "--child", child, "--timeout", "8", "--uri", uri], { allowFail: true, timeoutMs: 12000 });
    const text = logSince(mark) + init.out;
    const caught = init.code !== 0 && /NO_PROPOSAL_CHOSEN/.test(text);
    results.push({
      name: "ike-proposal-mismatch",
      office: label,
      caught,
      detail: `office proposes ${wrong}: ${caught ? "refused with NO_PROPOSAL_CHOSEN" : `not refused (initiate exit ${init.code})`}`,
    });
  }
  // 2. PFS group mismatch: the first CHILD_SA comes up on the IKE keys; the rekey fails
  {
    const m = /^(\s*esp_proposals = )(\S+)$/m.exec(original)!;
    const parts = m[2]!.split("-");
    const wrongEsp =
      parts.length === 3
        ? [...parts.slice(0, 2), parts[2] === "modp3072" ? "modp2048" : "modp3072"].join("-")
        : [...parts, "modp3072"].join("-");
    load(original.replace(/^(\s*esp_proposals = )\S+$/gm, `$1${wrongEsp}`));
    // start_action = start brings it up on load; initiate only if it did not
    let firstUp = false;
    try {
      await waitFor(() => listChildSas(dir).includes(child), 8, "first CHILD_SA");
      firstUp = true;
    } catch {
      /* reported below */
    }
    const mark = fs.statSync(log).size;
    run("swanctl", ["--rekey", "--child", child, "--uri", uri], { allowFail: true });
    let text = "";
    const end = Date.now() + 8000;
    while (Date.now() < end && !/NO_PROPOSAL_CHOSEN/.test(text)) {
      await sleep(200);
      text = logSince(mark);
    }
    const caught = /NO_PROPOSAL_CHOSEN/.test(text);
    results.push({
      name: "pfs-group-mismatch",
      office: label,
      caught,
      detail: `office PFS ${wrongEsp}: first CHILD_SA ${firstUp ? "up (as expected: it uses the IKE keys)" : "not up"}; forced rekey ${caught ? "refused with NO_PROPOSAL_CHOSEN" : "not refused"}`,
    });
  }
  // restore the generated file and its tunnel
  load(original);
  run("swanctl", ["--initiate", "--child", child, "--timeout", "10", "--uri", uri], { allowFail: true, timeoutMs: 14000 });
  await waitFor(
    () => office.children.every((c) => listChildSas(dir).includes(c)),
    15,
    `tunnels ${office.children.join(", ")} did not come back after the negative checks`,
  );

  // 3. dual tunnel: with the master tunnel gone, the slave carries the office's traffic
  if (office.children.length > 1) {
    const [master, slave] = office.children as [string, string];
    const lanNs = r.plan.links.find((l) => l.a === office.ns && r.plan.namespaces.some((n) => n.name === l.b && n.kind === "lan"))?.b;
    const src = r.plan.networks.find((n) => n.ns === lanNs);
    const dst = r.plan.networks.find(
      (n) => src && delivered.has(`${src.name}->${n.name}`) && r.plan.namespaces.some((x) => x.name === n.ns && x.kind === "host"),
    );
    if (src && dst) {
      run("swanctl", ["--terminate", "--ike", master, "--timeout", "5", "--uri", uri], { allowFail: true, timeoutMs: 8000 });
      const sas = listChildSas(dir);
      const ping = await runAsync("ip", ["netns", "exec", src.ns, "ping", "-n", "-q", "-c", "3", "-i", "0.2", "-W", "1", dst.ip], 6000);
      const ok = !sas.includes(master) && sas.includes(slave) && ping.code === 0;
      results.push({
        name: "dual-tunnel-failover",
        office: label,
        caught: ok,
        detail: `master ${sas.includes(master) ? "still up" : "down"}, slave ${sas.includes(slave) ? "up" : "down"}; ${src.name} -> ${dst.name} ${ping.code === 0 ? "delivered over the slave tunnel" : "lost"}`,
      });
      run("swanctl", ["--initiate", "--child", master, "--timeout", "10", "--uri", uri], { allowFail: true, timeoutMs: 14000 });
    }
  }
  return results;
}

/**
 * BGP with the IDC: a wrong MD5 key on the IDC side must keep the session down (the key
 * is really in force), and cutting the VLAN link silently must withdraw the IDC's routes
 * from the VBR within BFD's detection time, far below the BGP hold time (240 s). The
 * link check runs last: it leaves the session down.
 */
async function bgpChecks(r: Running): Promise<NegativeResult[]> {
  const results: NegativeResult[] = [];
  const dirOf = (ns: string) => r.procs.find((p) => p.what === "bird" && p.ns === ns)!.dir!;
  const birdc = (ns: string, ...cmd: string[]) => run("birdc", ["-s", path.join(dirOf(ns), "bird.ctl"), ...cmd], { allowFail: true });
  const established = (ns: string, proto: string) => /Established/.test(birdc(ns, "show", "protocols", proto).out);
  for (const idc of r.plan.birds.filter((b) => "include" in b.body)) {
    const vbr = r.plan.birds.find((b) => "inline" in b.body && r.plan.links.some((l) => l.a === b.ns && l.b === idc.ns));
    if (!vbr) continue;
    const label = r.plan.namespaces.find((n) => n.name === idc.ns)!.label;
    const dir = dirOf(idc.ns);
    const conf = path.join(dir, "bird.conf");
    const snippet = fs.readFileSync((/include "([^"]+)";/.exec(fs.readFileSync(conf, "utf8")) ?? [])[1]!, "utf8");
    const restartBoth = () => {
      birdc(idc.ns, "restart", idc.protocol);
      birdc(vbr.ns, "restart", vbr.protocol);
    };

    if (/^\s*password "/m.test(snippet)) {
      const wrong = path.join(dir, "bird-wrong-md5.conf");
      const wrongSnippet = path.join(dir, "snippet-wrong-md5.conf");
      fs.writeFileSync(wrongSnippet, snippet.replace(/^(\s*password ")[^"]*(";)/m, "$1not-the-key-0000$2"), { mode: 0o600 });
      fs.writeFileSync(wrong, fs.readFileSync(conf, "utf8").replace(/include "[^"]+";/, `include "${wrongSnippet}";`), { mode: 0o600 });
      birdc(idc.ns, "configure", `"${wrong}"`);
      restartBoth();
      await sleep(7000);
      const down = !established(idc.ns, idc.protocol);
      birdc(idc.ns, "configure", `"${conf}"`);
      restartBoth();
      let back = true;
      try {
        await waitFor(() => established(idc.ns, idc.protocol), 30, "BGP back");
      } catch {
        back = false;
      }
      results.push({
        name: "bgp-md5-mismatch",
        office: label,
        caught: down && back,
        detail: `wrong MD5 key on the IDC: session ${down ? "stayed down" : "came up anyway"}; the generated key: session ${back ? "up again" : "NOT up again within 30 s"}`,
      });
    }

    const cut = r.plan.links.find((l) => l.a === vbr.ns && l.b === idc.ns)!;
    const bfd = /min rx interval (\d+) ms;[\s\S]*?min tx interval (\d+) ms;[\s\S]*?multiplier (\d+);/.exec(snippet);
    const prefix = (/define ALIBABA_\w+_ANNOUNCE = \[ ([0-9./]+)/.exec(snippet) ?? [])[1];
    if (bfd && prefix) {
      const detectS = (Number(bfd[3]) * Math.max(Number(bfd[1]), Number(bfd[2]))) / 1000;
      const hasRoute = () => run("ip", ["-n", vbr.ns, "route", "show", prefix], { allowFail: true }).out.trim() !== "";
      // The route must be steady before the cut: right after the MD5 check the session and
      // its BFD session have only just come back, and a route still settling would be
      // counted as a withdrawal (seen once in CI: "withdrew after 0.01 s").
      const steadyMs = (detectS + 1) * 1000;
      const settleBy = Date.now() + 30_000;
      let since = hasRoute() ? Date.now() : 0;
      while (Date.now() < settleBy && (since === 0 || Date.now() - since < steadyMs)) {
        await sleep(100);
        if (!hasRoute()) since = 0;
        else if (since === 0) since = Date.now();
      }
      const before = since !== 0 && Date.now() - since >= steadyMs;
      const file = path.join(dir, "cut.nft");
      fs.writeFileSync(
        file,
        `table inet twin_cut {\n  chain i { type filter hook input priority -300; iifname "${cut.bIf}" drop; }\n  chain o { type filter hook output priority -300; oifname "${cut.bIf}" drop; }\n}\n`,
      );
      const t0 = Date.now();
      inNs(idc.ns, "nft", ["-f", file]);
      let gone = false;
      while (Date.now() - t0 < (detectS + 5) * 1000) {
        if (!hasRoute()) {
          gone = true;
          break;
        }
        await sleep(50);
      }
      const took = (Date.now() - t0) / 1000;
      const ok = before && gone && took <= detectS + 1.5;
      results.push({
        name: "bfd-link-loss",
        office: label,
        caught: ok,
        detail: `VLAN link silently cut: VBR ${gone ? `withdrew ${prefix} after ${took.toFixed(2)} s` : `still routes ${prefix} after ${took.toFixed(1)} s`} (BFD detection ${detectS} s; without BFD, the 240 s hold time)`,
      });
    }
  }
  return results;
}

// ---------------------------------------------------------------- teardown
async function tearDown(r: Running): Promise<void> {
  for (const p of [...r.procs].reverse()) {
    if (p.proc.exitCode === null && p.proc.pid) {
      try {
        process.kill(p.proc.pid, "SIGTERM");
      } catch {
        /* gone */
      }
    }
  }
  // a daemon that has not stopped within 2 s (a charon still saying goodbye to peers
  // that are already gone) is killed
  const end = Date.now() + 2000;
  while (Date.now() < end && r.procs.some((p) => p.proc.exitCode === null && p.proc.signalCode === null)) await sleep(50);
  for (const p of r.procs)
    if (p.proc.exitCode === null && p.proc.signalCode === null && p.proc.pid) {
      try {
        process.kill(p.proc.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  for (const n of r.plan.namespaces) run("ip", ["netns", "delete", n.name], { allowFail: true });
}

// ---------------------------------------------------------------- main
interface StackReport {
  stack: string;
  namespaces: number;
  links: number;
  daemons: number;
  tunnels: number;
  bgpSessions: number;
  probes: number;
  bringUpS: number;
  probeS: number;
  negativeS: number;
  teardownS: number;
  mismatches: string[];
  negative: NegativeResult[];
}

function peakRssKb(): number {
  // every process of this PID namespace: the twin's own footprint
  let total = 0;
  for (const p of fs.readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return total;
}

async function twinStack(
  name: string,
  json: StackJson,
  manifest: TwinManifest,
  deviceDir: string,
  secrets: Record<string, string>,
  args: Args,
  peak: { kb: number },
): Promise<StackReport> {
  const plan = buildPlan(name, json, manifest);
  const expected = expectedMatrix(json, manifest);
  const work = fs.mkdtempSync(path.join(args.work, `${name}-`));
  const r: Running = { plan, work, procs: [], secrets };
  const t0 = now();
  const rep: StackReport = {
    stack: name,
    namespaces: plan.namespaces.length,
    links: plan.links.length,
    daemons: plan.charons.length + plan.birds.length,
    tunnels: 0,
    bgpSessions: 0,
    probes: 0,
    bringUpS: 0,
    probeS: 0,
    negativeS: 0,
    teardownS: 0,
    mismatches: [],
    negative: [],
  };
  try {
    await bringUp(r, deviceDir);
    const up = await waitTunnelsAndBgp(r);
    rep.tunnels = up.tunnels;
    rep.bgpSessions = up.sessions;
    rep.bringUpS = now() - t0;
    peak.kb = Math.max(peak.kb, peakRssKb());
    const twinNames = plan.networks.map((n) => n.name);
    const names = [...new Set([...expected.networks, ...twinNames])].sort();
    const missing = names.filter((n) => !twinNames.includes(n));
    if (missing.length > 0) rep.mismatches.push(`networks the model has but the twin cannot build: ${missing.join(", ")}`);
    const t1 = now();
    const results = await probeAll(plan, names);
    rep.probes = results.length * 2;
    // a pair that differs from the expectation is probed once more before it counts, so
    // a loaded machine dropping two pings in a row does not fail the run
    const differs = (p: PairResult) => (p.icmp && p.tcp) !== expected.delivered.has(`${p.from}->${p.to}`) || p.icmp !== p.tcp;
    const again = results.filter(differs);
    if (again.length > 0) {
      const second = await probeAll(
        plan,
        names,
        again.map((p) => [p.from, p.to] as const),
      );
      rep.probes += second.length * 2;
      for (const p of second) results[results.findIndex((x) => x.from === p.from && x.to === p.to)] = p;
    }
    rep.probeS = now() - t1;
    printMatrix(name, names, results, expected.delivered);
    for (const p of results) {
      const key = `${p.from}->${p.to}`;
      const want = expected.delivered.has(key);
      const got = p.icmp && p.tcp;
      if (got === want && p.icmp === p.tcp) continue;
      const why = want
        ? `expected delivered, measured ICMP ${p.icmp ? "ok" : "lost"} / TCP ${p.tcp ? "ok" : "lost"}; path: ${walk(plan, p.from, p.to)}`
        : `expected not delivered (${expected.reasons.get(key) ?? "model"}), but packets arrived (ICMP ${p.icmp ? "ok" : "lost"} / TCP ${p.tcp ? "ok" : "lost"}); path: ${walk(plan, p.from, p.to)}`;
      rep.mismatches.push(`${key}: ${why}`);
    }
    if (args.negative && (plan.charons.some((c) => c.side === "office") || plan.birds.length > 0)) {
      const t2 = now();
      rep.negative = [...(await negativeChecks(r, deviceDir, expected.delivered)), ...(await bgpChecks(r))];
      rep.negativeS = now() - t2;
      peak.kb = Math.max(peak.kb, peakRssKb());
    }
  } finally {
    const t3 = now();
    await tearDown(r);
    rep.teardownS = now() - t3;
  }
  return rep;
}

function printMatrix(stack: string, names: readonly string[], results: readonly PairResult[], expected: ReadonlySet<string>): void {
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

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (process.getuid?.() !== 0)
    throw new Error("the twin needs root inside its own namespaces; run it through `npm run twin` (verify/twin/run.sh)");
  const stacksDir = path.join(args.cdktfOut, "stacks");
  if (!fs.existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist; synthesize first (node bin/synth.js)`);
  const all = fs
    .readdirSync(stacksDir)
    .filter((n) => fs.existsSync(path.join(stacksDir, n, "cdk.tf.json")))
    .sort();
  const order = (n: string) =>
    ["vpc-peering-same", "vpc-peering-cross", "shared-nat", "multinational-hub", "idc-leased-line"].findIndex((p) => n.startsWith(p));
  const wanted = (args.stacks.length > 0 ? args.stacks : all).sort((a, b) => order(a) - order(b));
  for (const s of wanted) if (!all.includes(s)) throw new Error(`--stack ${s} is not in ${stacksDir}; allowed: ${all.join(", ")}`);
  // the work directory (configs with this run's random keys, logs) lives on the private
  // /run tmpfs run.sh mounts, so it vanishes with the namespace, whatever happens
  const privateRun = fs.existsSync("/run/charon.pid") && fs.existsSync("/run/netns");
  args.work = fs.mkdtempSync(path.join(privateRun ? "/run" : os.tmpdir(), "twin-"));
  fs.chmodSync(args.work, 0o700);

  // secrets for this run only: every sensitive variable of the stacks gets a random value
  const secrets: Record<string, string> = {};
  const jsons = new Map(
    wanted.map((s) => [
      s,
      JSON.parse(fs.readFileSync(path.join(stacksDir, s, "cdk.tf.json"), "utf8")) as StackJson & { variable?: Record<string, unknown> },
    ]),
  );
  for (const j of jsons.values()) for (const v of Object.keys(j.variable ?? {})) secrets[`TF_VAR_${v}`] = randomBytes(18).toString("hex");

  // the office configs: exactly what `npm run office-configs` writes
  const deviceDir = path.join(args.work, "office-configs");
  const withDevices = wanted.filter(
    (s) =>
      Object.keys(jsons.get(s)!.resource?.alicloud_vpn_connection ?? {}).length > 0 ||
      Object.keys(jsons.get(s)!.resource?.alicloud_vpc_bgp_group ?? {}).length > 0,
  );
  let manifest: TwinManifest = { offices: [], idcs: [] };
  if (withDevices.length > 0) {
    const gen = run(
      process.execPath,
      [
        require.resolve("tsx/cli", { paths: [ROOT] }),
        path.join(ROOT, "bin", "office-configs.ts"),
        args.cdktfOut,
        "--out",
        deviceDir,
        "--write-secrets",
        ...withDevices.flatMap((s) => ["--stack", s]),
      ],
      { env: { ...process.env, ...secrets }, timeoutMs: 60000, allowFail: true },
    );
    if (gen.code !== 0) throw new Error(`npm run office-configs failed: ${gen.out}`);
    manifest = JSON.parse(fs.readFileSync(path.join(deviceDir, "manifest.json"), "utf8")) as TwinManifest;
  }

  const reports: StackReport[] = [];
  const peak = { kb: 0 };
  let failed = false;
  for (const s of wanted) {
    const m: TwinManifest = {
      offices: manifest.offices.filter((o) => (o as { stack?: string }).stack === s),
      idcs: manifest.idcs.filter((d) => (d as { stack?: string }).stack === s),
    };
    try {
      const rep = await twinStack(s, jsons.get(s)!, m, deviceDir, secrets, args, peak);
      reports.push(rep);
      for (const x of rep.mismatches) console.log(`  MISMATCH ${x}`);
      for (const n of rep.negative) console.log(`  check ${n.name} (${n.office}): ${n.caught ? "passed" : "FAILED"}: ${n.detail}`);
      if (rep.mismatches.length > 0 || rep.negative.some((n) => !n.caught)) failed = true;
      console.log(
        `  ${s}: ${rep.namespaces} namespaces, ${rep.links} links, ${rep.daemons} daemons, ${rep.tunnels} tunnels, ${rep.bgpSessions} BGP sessions, ${rep.probes} probes; bring-up ${rep.bringUpS.toFixed(2)} s, probes ${rep.probeS.toFixed(2)} s, negative checks ${rep.negativeS.toFixed(2)} s, teardown ${rep.teardownS.toFixed(2)} s: ${rep.mismatches.length === 0 && rep.negative.every((n) => n.caught) ? "PASS" : "FAIL"}`,
      );
    } catch (e) {
      failed = true;
      console.log(`  ${s}: FAIL: ${(e as Error).message}`);
    }
  }
  console.log(
    `\ntwin: ${reports.filter((r) => r.mismatches.length === 0 && r.negative.every((n) => n.caught)).length} of ${wanted.length} stacks match; peak memory of the twin's processes ${(peak.kb / 1024).toFixed(0)} MiB`,
  );
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ reports, peakRssMiB: peak.kb / 1024 }, null, 2));
  if (failed) {
    // daemon logs (no keys in them) outlive the namespace for a post-mortem
    const keep = path.join(ROOT, ".twin-logs");
    fs.rmSync(keep, { recursive: true, force: true });
    for (const d of fs.readdirSync(args.work)) {
      const stackDir = path.join(args.work, d);
      if (!fs.statSync(stackDir).isDirectory() || d === "office-configs") continue;
      for (const sub of fs.readdirSync(stackDir)) {
        for (const name of ["charon.log", "bird.log"]) {
          const log = path.join(stackDir, sub, name);
          if (!fs.existsSync(log)) continue;
          fs.mkdirSync(path.join(keep, d), { recursive: true });
          fs.copyFileSync(log, path.join(keep, d, `${sub}.log`));
        }
      }
    }
    if (fs.existsSync(keep)) console.log(`twin: daemon logs of this run in ${path.relative(process.cwd(), keep) || keep}/`);
  }
  fs.rmSync(args.work, { recursive: true, force: true });
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`twin: ${e.message}`);
    process.exit(1);
  },
);
