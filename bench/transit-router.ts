/**
 * Transit-router figures: the resources per stack of both TR variants (the seed hub with
 * HUB_INTERCONNECT=transit-router, the seed data center with IDC_INTERCONNECT=transit-router)
 * beside their seed forms, with the policy checks as the app runs them; then the synth time
 * of a 10-region TR mesh (a VPC with a dual-tunnel VPN gateway per region) with N offices.
 * Stacks are built directly (as bench-scale.js does), not through runApp: the promise check
 * needs a checker that reads TRs.
 *   npx tsx bench/transit-router.ts [--offices 100] [--runs 3]
 */
import { App } from "cdktf";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { selectTopologies } from "../config";
import { providerSchemaFacts } from "../config/provider-schema";
import { LinkSpec, OfficeSpec, Topology, VpcSpec } from "../lib/topology";
import { stacksFor } from "../stacks";
import { MultinationalHubStack } from "../stacks/multinational-hub";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const OFFICES = Number(option("--offices") ?? 100);
const RUNS = Number(option("--runs") ?? 3);

type Json = { resource?: Record<string, Record<string, unknown>> };

/** Resource count of every stack synthesized into `outdir`, by stack. */
function counts(outdir: string): Map<string, { total: number; byType: Record<string, number> }> {
  const out = new Map<string, { total: number; byType: Record<string, number> }>();
  for (const s of readdirSync(join(outdir, "stacks"))) {
    const tf = JSON.parse(readFileSync(join(outdir, "stacks", s, "cdk.tf.json"), "utf8")) as Json;
    const byType = Object.fromEntries(Object.entries(tf.resource ?? {}).map(([t, r]) => [t, Object.keys(r).length]));
    out.set(s, { total: Object.values(byType).reduce((a, b) => a + b, 0), byType });
  }
  return out;
}

function variantCounts(hub: string, idc: string): Map<string, { total: number; byType: Record<string, number> }> {
  const outdir = mkdtempSync(join(tmpdir(), "tr-variant-"));
  const app = new App({ outdir });
  const topologies = selectTopologies({ hubInterconnect: hub, idcInterconnect: idc });
  stacksFor(app, topologies, "dev", { policy: providerSchemaFacts(), only: ["multinational-hub", "idc-leased-line"] });
  app.synth();
  const c = counts(outdir);
  rmSync(outdir, { recursive: true, force: true });
  return c;
}

/** Ten regions, each a VPC with two vSwitches in zones that are both TR and dual-tunnel VPN zones. */
const REGIONS: readonly [string, string, string][] = [
  ["us-east-1", "us-east-1a", "us-east-1b"],
  ["cn-shanghai", "cn-shanghai-e", "cn-shanghai-f"],
  ["cn-hangzhou", "cn-hangzhou-h", "cn-hangzhou-i"],
  ["cn-beijing", "cn-beijing-h", "cn-beijing-i"],
  ["cn-shenzhen", "cn-shenzhen-d", "cn-shenzhen-e"],
  ["eu-central-1", "eu-central-1a", "eu-central-1b"],
  ["ap-southeast-1", "ap-southeast-1a", "ap-southeast-1b"],
  ["ap-northeast-1", "ap-northeast-1a", "ap-northeast-1b"],
  ["eu-west-1", "eu-west-1a", "eu-west-1b"],
  ["us-west-1", "us-west-1a", "us-west-1b"],
];

function mesh(offices: number): Topology {
  const vpcs: VpcSpec[] = REGIONS.map(([region, a, b], i) => ({
    name: `vpc-${region}`,
    account: "main",
    region,
    cidr: `172.${16 + i}.0.0/16`,
    vswitches: [
      { name: "sw-a", zone: a, cidr: `172.${16 + i}.0.0/24` },
      { name: "sw-b", zone: b, cidr: `172.${16 + i}.1.0/24` },
    ],
    vpnGateway: { bandwidth: 10, vswitch: "sw-a", disasterRecoveryVswitch: "sw-b" },
  }));
  const links: LinkSpec[] = [{ kind: "transit-router", name: "mesh", vpcs: vpcs.map((v) => v.name) }];
  const os: OfficeSpec[] = [];
  for (let i = 0; i < offices; i++) {
    const name = `office-${i}`;
    const publicIp = i < 250 ? `203.0.113.${i + 1}` : `47.89.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    os.push({ name, publicIp, cidrs: [`10.${32 + Math.floor(i / 256)}.${i % 256}.0/24`] });
    links.push({ kind: "vpn", name, office: name, vpc: vpcs[i % vpcs.length]!.name });
  }
  return { name: "multinational-hub", accounts: [{ name: "main" }], vpcs, offices: os, links };
}

function synthMesh(t: Topology): { seconds: number; resources: Record<string, number>; total: number } {
  const outdir = mkdtempSync(join(tmpdir(), "tr-mesh-"));
  const t0 = process.hrtime.bigint();
  const app = new App({ outdir });
  new MultinationalHubStack(app, "mesh", { topology: t, policy: providerSchemaFacts() });
  app.synth();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = counts(outdir).get("mesh")!;
  rmSync(outdir, { recursive: true, force: true });
  return { seconds, resources: c.byType, total: c.total };
}

for (const [label, hub, idc] of [
  ["seed forms", "router-interface", "vbr"],
  ["transit routers", "transit-router", "transit-router"],
] as const) {
  for (const [stack, c] of variantCounts(hub, idc)) {
    const tr = Object.entries(c.byType)
      .filter(([t]) => /cen_|route_entry|router_interface/.test(t))
      .map(([t, n]) => `${t.replace(/^alicloud_/, "")} ${n}`)
      .join(", ");
    console.log(`${label.padEnd(15)} ${stack.padEnd(22)} ${String(c.total).padStart(4)} resources (${tr})`);
  }
}

const t = mesh(OFFICES);
synthMesh(mesh(10)); // warm-up
const runs = Array.from({ length: RUNS }, () => synthMesh(t));
const times = runs.map((r) => r.seconds).sort((a, b) => a - b);
const r = runs[0]!;
const routes = (type: string) => r.resources[type] ?? 0;
console.log(
  `10-region TR mesh, ${OFFICES} offices: synth ${times[Math.floor(times.length / 2)]!.toFixed(2)} s (median of ${RUNS}; ${times.map((x) => x.toFixed(2)).join(", ")}), ` +
    `${r.total} resources (${routes("alicloud_cen_transit_router")} TRs, ${routes("alicloud_cen_transit_router_peer_attachment")} peer attachments, ` +
    `${routes("alicloud_cen_transit_router_route_entry")} TR routes, ${routes("alicloud_route_entry")} VPC routes), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
