/**
 * How the packet twin's planner scales on transit routers: the seed hub on TRs (the
 * twin's fixture) grown to N offices, split over its two regions, each office with its
 * connection, customer gateway, VPN route, the VPC routes towards the other region's TR
 * attachment and the TR static routes a TR stack carries for it. Times buildPlan alone
 * (CPU seconds of this process, median of the runs; the office configs it reads are
 * generated once per size, untimed), and prints the growth between sizes.
 *   npx tsx bench/twin-plan.ts [--sizes 100,1000,2000] [--runs 3] [--mode policy|route]
 * Figures are recorded in docs/twin.md.
 */
import * as fs from "fs";
import * as path from "path";
import { deviceConfigs } from "../lib/devices";
import { buildPlan, StackJson, TwinManifest } from "../verify/twin/plan";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const SIZES = (option("--sizes") ?? "100,1000,2000").split(",").map(Number);
const RUNS = Number(option("--runs") ?? 3);
/** Office files: policy-based (selectors), or route-based (each office routes every hub prefix: N routes per office). */
const MODE = option("--mode") === "route" ? "route" : "policy";
const FIXTURE = path.join(__dirname, "..", "verify", "twin", "fixtures", "transit-router", "stacks", "multinational-hub-tr", "cdk.tf.json");

type Rows = Record<string, Record<string, unknown>>;
type Editable = { resource: Record<string, Rows> };
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const first = (rows: Rows, test: (r: Record<string, unknown>) => boolean) => Object.values(rows).find(test)!;
/** The seed's offices live in 10.10.0.0/16 and 10.20.0.0/16; the grown hub replaces them. */
const seedOffice = (v: unknown) => typeof v === "string" && /(^|")10\.(10|20)\./.test(v);

/** Office `i`: its /24 in 10.64.0.0/10, its side (0: us-vpc, 1: cn-vpc). */
function officeCidr(i: number): string {
  return `10.${64 + (i >> 8)}.${i & 255}.0/24`;
}

function grow(n: number): Editable {
  const base = JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as Editable;
  const r = base.resource;
  const templates = [0, 1].map((side) => {
    const name = side === 0 ? "us-office-1" : "cn-office-3";
    const conn = Object.entries(r.alicloud_vpn_connection!).find(([, c]) => c.vpn_connection_name === name)!;
    const cidr = (conn[1].remote_subnet as string[])[0]!;
    return {
      conn: conn[1],
      connKey: conn[0],
      cgw: first(r.alicloud_vpn_customer_gateway!, (g) => g.customer_gateway_name === name),
      vpnRoute: first(r.alicloud_vpn_route_entry!, (e) => e.route_dest === cidr),
      vpcRoutes: Object.values(r.alicloud_route_entry!).filter((e) => e.destination_cidrblock === cidr),
      trRoutes: Object.values(r.alicloud_cen_transit_router_route_entry!).filter(
        (e) => e.transit_router_route_entry_destination_cidr_block === cidr,
      ),
    };
  });
  for (const t of ["alicloud_vpn_connection", "alicloud_vpn_customer_gateway"]) r[t] = {};
  for (const [t, field] of [
    ["alicloud_vpn_route_entry", "route_dest"],
    ["alicloud_route_entry", "destination_cidrblock"],
    ["alicloud_cen_transit_router_route_entry", "transit_router_route_entry_destination_cidr_block"],
  ] as const)
    r[t] = Object.fromEntries(Object.entries(r[t]!).filter(([, e]) => !seedOffice(e[field])));
  for (let i = 0; i < n; i++) addOffice(r, i, templates[i % 2]!);
  return base;
}

function addOffice(r: Record<string, Rows>, i: number, t: TemplateOf): void {
  const cidr = officeCidr(i);
  const name = `office-${i}`;
  const connKey = `Bench_Office${i}_Connection`;
  const cgwKey = `Bench_Office${i}_CustomerGateway`;
  const oldCgw = /alicloud_vpn_customer_gateway\.([A-Za-z0-9_-]+)\.id/.exec(JSON.stringify(t.conn))![1]!;
  const conn = JSON.parse(JSON.stringify(t.conn).split(oldCgw).join(cgwKey)) as Record<string, unknown>;
  r.alicloud_vpn_connection![connKey] = { ...conn, vpn_connection_name: name, remote_subnet: [cidr] };
  r.alicloud_vpn_customer_gateway![cgwKey] = {
    ...clone(t.cgw),
    customer_gateway_name: name,
    ip_address: `100.${64 + (i >> 8)}.${i & 255}.1`,
  };
  const reConn = (v: Record<string, unknown>) => JSON.parse(JSON.stringify(v).split(t.connKey).join(connKey)) as Record<string, unknown>;
  r.alicloud_vpn_route_entry![`Bench_Office${i}_VpnRoute`] = { ...reConn(t.vpnRoute), route_dest: cidr };
  t.vpcRoutes.forEach((e, j) => (r.alicloud_route_entry![`Bench_Office${i}_VpcRoute${j}`] = { ...clone(e), destination_cidrblock: cidr }));
  t.trRoutes.forEach(
    (e, j) =>
      (r.alicloud_cen_transit_router_route_entry![`Bench_Office${i}_TrRoute${j}`] = {
        ...clone(e),
        transit_router_route_entry_destination_cidr_block: cidr,
      }),
  );
}
interface TemplateOf {
  conn: Record<string, unknown>;
  connKey: string;
  cgw: Record<string, unknown>;
  vpnRoute: Record<string, unknown>;
  vpcRoutes: Record<string, unknown>[];
  trRoutes: Record<string, unknown>[];
}

function cpuSeconds(f: () => void): number {
  const t0 = process.cpuUsage();
  f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

function main(): void {
  const rows: { n: number; s: number; namespaces: number; routes: number }[] = [];
  for (const n of SIZES) {
    const json = grow(n) as unknown as StackJson;
    const manifest = deviceConfigs([{ name: "hub-tr", json }], { mode: MODE }).manifest as TwinManifest;
    buildPlan("hub-tr", json, manifest); // warm-up
    const times: number[] = [];
    let plan = buildPlan("hub-tr", json, manifest);
    for (let k = 0; k < RUNS; k++) times.push(cpuSeconds(() => (plan = buildPlan("hub-tr", json, manifest))));
    const s = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    rows.push({ n, s, namespaces: plan.namespaces.length, routes: plan.routes.length });
    console.log(
      `${n} offices (${MODE}-based): plan ${s.toFixed(3)} s CPU (${plan.namespaces.length} namespaces, ${plan.routes.length} routes, ${plan.links.length} links)`,
    );
  }
  for (let k = 1; k < rows.length; k++) {
    const [a, b] = [rows[k - 1]!, rows[k]!];
    console.log(`${a.n} -> ${b.n} offices (x${(b.n / a.n).toFixed(1)}): plan time x${(b.s / a.s).toFixed(1)}`);
  }
}

main();
