/**
 * Bringing a plan up and down: namespaces, links, addresses, nftables, routes and rules,
 * the probe listeners, charon and BIRD; waiting for every CHILD_SA and BGP session; and
 * the teardown (every process by its PID, every namespace).
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { inNs, run, sleep, waitFor } from "./exec";
import { BirdSpec, CharonSpec, PROBE_PORT, TwinPlan } from "./plan";

export interface Running {
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

export async function bringUp(r: Running, deviceDir: string): Promise<void> {
  createNetwork(r.plan, r.work);
  startListeners(r);
  // charon: every cloud end first (they answer), then the offices (they initiate); each
  // group starts side by side (one charon per IPsec connection on each side)
  await Promise.all(r.plan.charons.filter((c) => c.side === "gateway").map((c) => startCharon(r, c, deviceDir)));
  await Promise.all(r.plan.charons.filter((c) => c.side === "office").map((c) => startCharon(r, c, deviceDir)));
  // IPsec routes need the TUN device charon creates
  for (const rt of r.plan.routes.filter((x) => x.afterIpsec)) {
    await waitFor(() => run("ip", ["-n", rt.ns, "link", "show", "ipsec0"], { allowFail: true }).code === 0, 10, `no ipsec0 in ${rt.ns}`);
    run("ip", ["-n", rt.ns, "route", "replace", ...rt.args]);
  }
  for (const b of r.plan.birds) await startBird(r, b, deviceDir);
}

/** Namespaces, links, addresses, nftables, the routes that need no daemon, and rules. */
function createNetwork(plan: TwinPlan, work: string): void {
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
}

/** TCP listeners on every network's probe address. */
function startListeners(r: Running): void {
  for (const n of r.plan.networks) {
    const proc = spawn("ip", ["netns", "exec", n.ns, "nc", "-lk", n.ip, String(PROBE_PORT)], { stdio: "ignore" });
    r.procs.push({ ns: n.ns, what: "nc", proc });
  }
}

async function startCharon(r: Running, c: CharonSpec, deviceDir: string): Promise<void> {
  const dir = path.join(r.work, `charon-${c.ns}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "strongswan.conf"), strongswanConf(dir, c.installRoutes));
  const file = (f: string) => fs.readFileSync(path.join(deviceDir, f), "utf8");
  const conf = "inline" in c.swanctl ? subst(c.swanctl.inline, r.secrets) : [c.swanctl.file, ...(c.alsoFiles ?? [])].map(file).join("\n");
  fs.writeFileSync(path.join(dir, "swanctl.conf"), conf, { mode: 0o600 });
  // its own /run/charon.pid (a compiled-in path), so several charons run side by side
  const sh = `touch ${dir}/charon.pid && mount --bind ${dir}/charon.pid /run/charon.pid && exec /usr/lib/ipsec/charon`;
  const proc = spawn("ip", ["netns", "exec", c.ns, "unshare", "-m", "--propagation", "private", "sh", "-c", sh], {
    stdio: "ignore",
    env: { ...process.env, STRONGSWAN_CONF: path.join(dir, "strongswan.conf") },
  });
  r.procs.push({ ns: c.ns, what: "charon", proc, dir });
  await waitFor(
    () => fs.existsSync(path.join(dir, "charon.vici")) || proc.exitCode !== null,
    30,
    `charon in ${c.ns} did not open its vici socket`,
  );
  run("swanctl", ["--load-all", "--noprompt", "--file", path.join(dir, "swanctl.conf"), "--uri", `unix://${dir}/charon.vici`]);
}

/** The generated file BIRD includes; a copy in `dir` with the twin's interface names when the plan renames some. */
function includedBird(b: BirdSpec, include: string, dir: string, deviceDir: string): string {
  const file = path.join(deviceDir, include);
  if (!b.interfaces) return file;
  let text = fs.readFileSync(file, "utf8");
  for (const [from, to] of Object.entries(b.interfaces)) text = text.split(`"${from}"`).join(`"${to}"`);
  const copy = path.join(dir, "included.conf");
  fs.writeFileSync(copy, text, { mode: 0o600 });
  return copy;
}

/** bird.conf for `b` in `dir`: router id, log, device and kernel protocols, then its body. */
function writeBirdConf(b: BirdSpec, dir: string, deviceDir: string, secrets: Record<string, string>): void {
  const body = "inline" in b.body ? subst(b.body.inline, secrets) : `include "${includedBird(b, b.body.include, dir, deviceDir)}";`;
  fs.writeFileSync(
    path.join(dir, "bird.conf"),
    [
      `router id ${b.routerId};`,
      `log "${path.join(dir, "bird.log")}" all;`,
      "protocol device {}",
      // BGP routes, and a static line's backup routes (not the unreachable anchors of announced prefixes)
      "protocol kernel { ipv4 { export where source = RTS_BGP || (source = RTS_STATIC && dest != RTD_UNREACHABLE); import none; }; }",
      body,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
}

async function startBird(r: Running, b: BirdSpec, deviceDir: string): Promise<void> {
  const dir = path.join(r.work, `bird-${b.ns}`);
  fs.mkdirSync(dir, { recursive: true });
  writeBirdConf(b, dir, deviceDir, r.secrets);
  const args = ["netns", "exec", b.ns, "bird", "-f", "-c", path.join(dir, "bird.conf"), "-s", path.join(dir, "bird.ctl")];
  const proc = spawn("ip", [...args, "-P", path.join(dir, "bird.pid")], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  proc.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  r.procs.push({ ns: b.ns, what: "bird", proc, dir });
  await waitFor(() => fs.existsSync(path.join(dir, "bird.ctl")) || proc.exitCode !== null, 10, `bird in ${b.ns} did not start`);
  if (proc.exitCode !== null) throw new Error(`bird in ${b.ns} exited: ${err.trim()}`);
}

/**
 * A running BIRD moved to `b`: the new bird.conf, `birdc configure` (BIRD keeps every
 * protocol whose configuration is unchanged running, so the BGP session stays up), then a
 * bounded wait until `b.protocol` is Established and exports every static route `routes`.
 */
export async function reconfigureBird(r: Running, b: BirdSpec, routes: readonly string[], deviceDir: string): Promise<void> {
  const dir = r.procs.find((p) => p.what === "bird" && p.ns === b.ns)?.dir;
  if (!dir) throw new Error(`no running BIRD in ${b.ns} to reconfigure`);
  writeBirdConf(b, dir, deviceDir, r.secrets);
  const sock = path.join(dir, "bird.ctl");
  const res = run("birdc", ["-s", sock, "configure"], { allowFail: true });
  if (res.code !== 0 || !/Reconfigured|Reconfiguration in progress/.test(res.out))
    throw new Error(`birdc configure in ${b.ns} failed: ${res.out.trim()}`);
  const ready = () => {
    if (!/Established/.test(run("birdc", ["-s", sock, "show", "protocols", b.protocol], { allowFail: true }).out)) return false;
    const exported = run("birdc", ["-s", sock, "show", "route", "export", b.protocol], { allowFail: true }).out;
    return routes.every((c) => exported.includes(c));
  };
  await waitFor(ready, 15, `BIRD in ${b.ns} back to ${b.protocol} Established, exporting ${routes.join(", ")}, after configure`);
}

export async function waitTunnelsAndBgp(r: Running): Promise<{ tunnels: number; sessions: number }> {
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
    pendingB = r.plan.birds.flatMap((b) => {
      const dir = r.procs.find((p) => p.what === "bird" && p.ns === b.ns)!.dir!;
      return [b.protocol, ...(b.moreProtocols ?? [])]
        .filter(
          (protocol) =>
            !/Established/.test(run("birdc", ["-s", path.join(dir, "bird.ctl"), "show", "protocols", protocol], { allowFail: true }).out),
        )
        .map((protocol) => `${b.ns}/${protocol}`);
    });
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
  return { tunnels: offices.reduce((n, c) => n + c.children.length, 0), sessions: r.plan.birds.filter((b) => "inline" in b.body).length };
}

/** Names of CHILD_SAs in state INSTALLED, from `swanctl --list-sas`. */
export function listChildSas(dir: string): string[] {
  const out = run("swanctl", ["--list-sas", "--uri", `unix://${dir}/charon.vici`], { allowFail: true }).out;
  return [...out.matchAll(/^\s+([A-Za-z0-9._-]+): #\d+, reqid \d+, INSTALLED/gm)].map((m) => m[1]!);
}

export async function tearDown(r: Running): Promise<void> {
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
