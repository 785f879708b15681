/**
 * Properties of random valid topologies: a tree of 1–4 VPCs (peering or
 * router-interface links), 0–6 offices on VPN gateways, maybe an IDC on 1–2 VPCs and
 * maybe a shared NAT on the tree's root. Address pools are disjoint by construction:
 * VPCs 10.x.0.0/16, offices 192.168.y.0/24, the IDC 172.z.0.0/16. The pools are small
 * so that sibling blocks (which route summarization merges) are common.
 */
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import {
  cidr,
  dualTunnelZones,
  zoneId,
  zonesOf,
  IdcSpec,
  INTERNET,
  LinkSpec,
  longestMatch,
  NextHop,
  OfficeSpec,
  overlaps,
  planRoutes,
  PlannedRoute,
  Topology,
  supportsDualTunnelVpn,
  validateTopology,
  VpcSpec,
  VPN_GATEWAY_BANDWIDTHS,
} from "../../lib/topology";

const REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "us-east-1", "ap-southeast-1", "eu-central-1", "me-central-1"] as const;
const ROOT = "random";

interface VpcShape {
  readonly region: string;
  readonly block: number;
  readonly gateway: boolean;
  readonly second: boolean;
}
interface TreeEdge {
  readonly parent: number;
  readonly kind: "peering" | "router-interface";
  readonly bandwidth: number | null;
}
interface OfficeShape {
  readonly vpc: number;
  readonly block: number;
  readonly placeholderIp: boolean;
}
interface IdcShape {
  readonly vpcs: readonly number[];
  readonly block: number;
  readonly transit: boolean;
  readonly bgp: boolean;
}
interface Shape {
  readonly vpcs: readonly VpcShape[];
  readonly tree: readonly TreeEdge[];
  readonly offices: readonly OfficeShape[];
  readonly idc: IdcShape | null;
  readonly nat: boolean;
}

function shapes(minOffices: number): fc.Arbitrary<Shape> {
  return fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc.record({
      vpcs: fc
        .tuple(
          fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: n, maxLength: n }),
          fc.array(fc.record({ region: fc.constantFrom(...REGIONS), gateway: fc.boolean(), second: fc.boolean() }), {
            minLength: n,
            maxLength: n,
          }),
        )
        .map(([blocks, vs]) => vs.map((v, i) => ({ ...v, block: blocks[i]! }))),
      tree: fc.tuple(
        ...Array.from({ length: n - 1 }, (_, k) =>
          fc.record({
            parent: fc.integer({ min: 0, max: k }),
            kind: fc.constantFrom("peering" as const, "router-interface" as const),
            bandwidth: fc.option(fc.integer({ min: 1, max: 1024 })),
          }),
        ),
      ),
      offices: fc.uniqueArray(fc.record({ vpc: fc.nat(), block: fc.integer({ min: 0, max: 15 }), placeholderIp: fc.boolean() }), {
        minLength: minOffices,
        maxLength: 6,
        selector: (o) => o.block,
      }),
      idc: fc.option(
        fc.record({
          vpcs: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(2, n) }),
          block: fc.integer({ min: 16, max: 31 }),
          transit: fc.boolean(),
          bgp: fc.boolean(),
        }),
      ),
      nat: fc.boolean(),
    }),
  );
}

const vpcName = (i: number) => `vpc-${i}`;

function build(s: Shape): Topology {
  // a VPN link needs a gateway: give one to the first VPC when offices have none to use
  const gateways = s.vpcs.map((v, i) => v.gateway || (i === 0 && s.offices.length > 0 && !s.vpcs.some((x) => x.gateway)));
  const vpcs: VpcSpec[] = s.vpcs.map((v, i) => {
    // a gateway in a dual-tunnel region needs a second vSwitch in another dual-tunnel zone
    const dual = gateways[i] && supportsDualTunnelVpn(v.region);
    // real zones: validation checks them against the region's zone list
    const zones = dualTunnelZones(v.region) ?? zonesOf(v.region) ?? [zoneId(v.region, "a"), zoneId(v.region, "b")];
    return {
      name: vpcName(i),
      account: v.second ? "second" : "main",
      region: v.region,
      cidr: `10.${v.block}.0.0/16`,
      vswitches: [
        { name: `${vpcName(i)}-a`, zone: zones[0]!, cidr: `10.${v.block}.0.0/24` },
        ...(dual ? [{ name: `${vpcName(i)}-b`, zone: zones[1] ?? zones[0]!, cidr: `10.${v.block}.1.0/24` }] : []),
      ],
      ...(gateways[i]
        ? {
            vpnGateway: {
              bandwidth: VPN_GATEWAY_BANDWIDTHS[i % VPN_GATEWAY_BANDWIDTHS.length]!,
              vswitch: `${vpcName(i)}-a`,
              ...(dual ? { disasterRecoveryVswitch: `${vpcName(i)}-b` } : {}),
            },
          }
        : {}),
    };
  });
  const links: LinkSpec[] = s.tree.map((e, k) => {
    const child = k + 1;
    const crossRegion = s.vpcs[child]!.region !== s.vpcs[e.parent]!.region;
    return e.kind === "peering"
      ? {
          kind: "peering",
          name: `tree-${child}`,
          requester: vpcName(e.parent),
          acceptor: vpcName(child),
          ...(crossRegion && e.bandwidth !== null ? { bandwidth: e.bandwidth } : {}),
        }
      : { kind: "router-interface", name: `tree-${child}`, from: vpcName(e.parent), to: vpcName(child) };
  });
  const withGateway = vpcs.filter((v) => v.vpnGateway).map((v) => v.name);
  const offices: OfficeSpec[] = s.offices.map((o, j) => ({
    name: `office-${j}`,
    publicIp: o.placeholderIp ? `203.0.113.${j + 1}` : `47.89.${j}.1`,
    cidrs: [`192.168.${o.block}.0/24`],
  }));
  s.offices.forEach((o, j) =>
    links.push({ kind: "vpn", name: `vpn-${j}`, office: `office-${j}`, vpc: withGateway[o.vpc % withGateway.length]! }),
  );
  const idcs: IdcSpec[] = [];
  if (s.idc) {
    idcs.push({
      name: "idc",
      account: "main",
      region: s.vpcs[s.idc.vpcs[0]!]!.region,
      cidrs: [`172.${s.idc.block}.0.0/16`],
      leasedLine: { accessPointId: "ap-cn-beijing-ft-A", physicalConnectionId: "pc-random0001" },
      vbr: { vlanId: 100, localGatewayIp: "10.255.0.1", peerGatewayIp: "10.255.0.2", peeringSubnetMask: "255.255.255.252" },
      allowVpcTransit: s.idc.transit,
      ...(s.idc.bgp ? { bgp: { peerAsn: 65001 } } : {}),
    });
    s.idc.vpcs.forEach((v) => links.push({ kind: "vbr", name: `idc-${v}`, idc: "idc", vpc: vpcName(v) }));
  }
  const spokes = s.tree.map((e, k) => (e.parent === 0 ? vpcName(k + 1) : undefined)).filter((x): x is string => x !== undefined);
  if (s.nat && spokes.length > 0) links.push({ kind: "shared-nat", name: "egress", hub: vpcName(0), vswitch: `${vpcName(0)}-a`, spokes });
  return {
    name: ROOT,
    accounts: [
      { name: "main", uid: "1000000001" },
      { name: "second", resolveUidAtPlan: true },
    ],
    vpcs,
    offices,
    idcs,
    links,
  };
}

/** First and last address of a block. */
const edges = (block: string) => [block.split("/")[0]!, ipaddr.IPv4.broadcastAddressFromCIDR(block).toString()];

/** The lookup of one table: the next hop it picks for an address (longest prefix), or null. */
function hops(routes: readonly PlannedRoute[]): (ip: string) => NextHop | null {
  const blocks = routes.map((r) => cidr(r.destination));
  return (ip) => {
    const i = longestMatch(ip, blocks);
    return i < 0 ? null : routes[i]!.nextHop;
  };
}

const networkNames = (t: Topology) => [...t.vpcs, ...(t.offices ?? []), ...(t.idcs ?? [])].map((n) => n.name);

describe("properties of random valid topologies", () => {
  it("validate to no issues, and plan full reachability with clean route tables", () => {
    fc.assert(
      fc.property(shapes(0).map(build), (t) => {
        // GIVEN a random valid topology
        // WHEN
        const issues = validateTopology(t);
        const plan = planRoutes(t);
        // THEN it is valid
        expect(issues).toEqual([]);
        const problems: string[] = [];
        // every network reaches every other network
        const names = networkNames(t);
        for (const a of names) {
          const missing = names.filter((b) => b !== a && !plan.reaches.get(a)?.has(b));
          if (missing.length > 0) problems.push(`${a} does not reach ${missing.join(", ")}`);
        }
        // no table has two entries for one destination
        for (const table of plan.tables) {
          const destinations = table.routes.map((r) => r.destination);
          const twice = destinations.filter((d, i) => destinations.indexOf(d) !== i);
          if (twice.length > 0) problems.push(`${table.router}:${table.name} has more than one entry for ${twice.join(", ")}`);
        }
        // no VPC table routes its own CIDR (or any block overlapping it, but the default route) anywhere
        for (const v of t.vpcs) {
          const own = cidr(v.cidr);
          const clash = plan.table("vpc", v.name).routes.filter((r) => r.destination !== "0.0.0.0/0" && overlaps(own, cidr(r.destination)));
          if (clash.length > 0) problems.push(`vpc:${v.name} routes its own block: ${clash.map((r) => r.destination).join(", ")}`);
        }
        // only the shared NAT's hub and spokes reach the internet
        const nat = t.links.find((l) => l.kind === "shared-nat");
        const egress = nat?.kind === "shared-nat" ? [nat.hub, ...nat.spokes].sort() : [];
        const online = names.filter((n) => plan.reaches.get(n)?.has(INTERNET)).sort();
        if (online.join() !== egress.join())
          problems.push(`the internet is reached by [${online.join(", ")}], expected [${egress.join(", ")}]`);
        expect(problems).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("summarize route tables exactly: every address leaves by the same next hop as without summarizing", () => {
    fc.assert(
      fc.property(shapes(0).map(build), (t) => {
        // GIVEN a random valid topology
        // WHEN planned with and without summarization
        const summarized = planRoutes({ ...t, summarize: true });
        const exact = planRoutes(t);
        // THEN the first and last address of every destination in either table forward alike
        const differences: string[] = [];
        for (const table of exact.tables) {
          const merged = summarized.table(table.router, table.name).routes;
          const before = hops(table.routes);
          const after = hops(merged);
          for (const probe of [...table.routes, ...merged].flatMap((r) => edges(r.destination))) {
            const [b, a] = [JSON.stringify(before(probe)), JSON.stringify(after(probe))];
            if (a !== b) differences.push(`${table.router}:${table.name} ${probe}: ${b} became ${a}`);
          }
        }
        expect(differences).toEqual([]);
      }),
      { numRuns: 50 },
    ); // two plans per run: half the runs keep the file fast
  });

  it("fails when an office CIDR overlaps another connected network, naming both paths", () => {
    const cases = fc.record({ shape: shapes(1), victim: fc.nat(), target: fc.nat() });
    fc.assert(
      fc.property(cases, ({ shape, victim, target }) => {
        // GIVEN a valid topology, and one office moved into another network's block
        const t = build(shape);
        const offices = t.offices ?? [];
        const vi = victim % offices.length;
        const others = [
          ...t.vpcs.map((v, i) => ({ path: `${ROOT}.vpcs[${i}].cidr`, block: v.cidr })),
          ...offices.map((o, i) => ({ path: `${ROOT}.offices[${i}].cidrs[0]`, block: o.cidrs[0]! })).filter((_, i) => i !== vi),
          ...(t.idcs ?? []).map((d, i) => ({ path: `${ROOT}.idcs[${i}].cidrs[0]`, block: d.cidrs[0]! })),
        ];
        const hit = others[target % others.length]!;
        const [a, b] = hit.block.split(".");
        const inside = hit.block.endsWith("/16") ? `${a}.${b}.7.0/24` : hit.block;
        const broken: Topology = { ...t, offices: offices.map((o, i) => (i === vi ? { ...o, cidrs: [inside] } : o)) };
        const victimPath = `${ROOT}.offices[${vi}].cidrs[0]`;
        // WHEN
        const issues = validateTopology(broken);
        // THEN exactly one overlap, naming both paths
        expect(issues).toHaveLength(1);
        const issue = issues[0]!;
        expect([victimPath, hit.path]).toContain(issue.path);
        const other = issue.path === victimPath ? hit.path : victimPath;
        expect(issue.message).toContain(`overlaps ${other} (`);
        expect(issue.message).toContain("allowed: non-overlapping address ranges for connected networks");
      }),
      { numRuns: 100 },
    );
  });
});
