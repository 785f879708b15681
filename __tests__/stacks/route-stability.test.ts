/**
 * Route stability over synthesized Terraform: for a random valid topology T and T plus
 * one network or link, every route-like resource of T (VPC and VBR route entries, VPN
 * gateway routes, BGP advertisements, security-group rules) is in T + 1 under the same
 * address with the same arguments, so `terraform plan` for the change only adds.
 *
 * `depends_on` is left out of the comparison: it is a meta-argument that orders
 * operations (the route entries of one table are chained so the API sees one change at
 * a time), Terraform does not diff it, and a new entry joins the chain.
 */
import fc from "fast-check";
import { Testing } from "cdktf";
import { LinkSpec, OfficeSpec, Topology, validateTopology, VpcSpec } from "../../lib/topology";
import { netdiff, StackJson } from "../../lib/analysis/netdiff";
import { dualTunnelZones, supportsDualTunnelVpn } from "../../lib/topology/vpn-capabilities";
import { zoneId, zonesOf } from "../../lib/topology/zones";
import { MultinationalHubStack } from "../../stacks/multinational-hub";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { Block, synthJson } from "../constructs/tf-json";

const ROUTE_TYPES = ["alicloud_route_entry", "alicloud_vpn_route_entry", "alicloud_vpc_bgp_network", "alicloud_security_group_rule"];
const REGIONS = ["cn-hangzhou", "cn-shanghai", "us-east-1"] as const;

interface Shape {
  readonly regions: readonly (typeof REGIONS)[number][];
  /** VPC pairs (i < j) to link, in declaration order; a spanning chain comes first. */
  readonly extraLinks: readonly [number, number, "peering" | "router-interface"][];
  /** Office blocks 192.168.<b>.0/24 (small pool: neighbours are common) and their VPC. */
  readonly offices: readonly { readonly block: number; readonly vpc: number }[];
  readonly idcOn: readonly number[];
  readonly nat: boolean;
}

const vpcName = (i: number) => `vpc-${i}`;

function build(s: Shape): Topology {
  const n = s.regions.length;
  // two vSwitches in zones the gateway may use (dual-tunnel regions list theirs)
  // (real zones: validation checks them against the region's zone list)
  const zones = (region: string) => dualTunnelZones(region) ?? zonesOf(region) ?? [zoneId(region, "a"), zoneId(region, "b")];
  const vpcs: VpcSpec[] = s.regions.map((region, i) => ({
    name: vpcName(i),
    account: "main",
    region,
    cidr: `10.${i}.0.0/16`,
    vswitches: [
      { name: `${vpcName(i)}-a`, zone: zones(region)[0]!, cidr: `10.${i}.0.0/24` },
      { name: `${vpcName(i)}-b`, zone: zones(region)[1]!, cidr: `10.${i}.1.0/24` },
    ],
    vpnGateway: {
      bandwidth: 10,
      vswitch: `${vpcName(i)}-a`,
      ...(supportsDualTunnelVpn(region) ? { disasterRecoveryVswitch: `${vpcName(i)}-b` } : {}),
    },
  }));
  const links: LinkSpec[] = [];
  const pairs = new Set<string>();
  const link = (a: number, b: number, kind: "peering" | "router-interface") => {
    if (a === b || pairs.has(`${Math.min(a, b)}-${Math.max(a, b)}`)) return;
    pairs.add(`${Math.min(a, b)}-${Math.max(a, b)}`);
    const name = `l-${a}-${b}`;
    links.push(
      kind === "peering" ? { kind, name, requester: vpcName(a), acceptor: vpcName(b) } : { kind, name, from: vpcName(a), to: vpcName(b) },
    );
  };
  for (let i = 1; i < n; i++) link(i - 1, i, "router-interface");
  for (const [a, b, kind] of s.extraLinks) link(a % n, b % n, kind);
  const offices: OfficeSpec[] = s.offices.map((o, j) => ({
    name: `office-${j}`,
    publicIp: `47.89.${j}.1`,
    cidrs: [`192.168.${o.block}.0/24`],
  }));
  s.offices.forEach((o, j) => links.push({ kind: "vpn", name: `vpn-${j}`, office: `office-${j}`, vpc: vpcName(o.vpc % n) }));
  const idcOn = [...new Set(s.idcOn.map((v) => v % n))];
  const idcs =
    idcOn.length === 0
      ? []
      : [
          {
            name: "idc",
            account: "main",
            region: s.regions[idcOn[0]!]!,
            cidrs: ["172.20.0.0/16"],
            leasedLine: { accessPointId: "ap-cn-beijing-ft-A", physicalConnectionId: "pc-random0001" },
            vbr: { vlanId: 100, localGatewayIp: "10.255.0.1", peerGatewayIp: "10.255.0.2", peeringSubnetMask: "255.255.255.252" },
            bgp: { peerAsn: 65001 },
          },
        ];
  idcOn.forEach((v) => links.push({ kind: "vbr", name: `idc-${v}`, idc: "idc", vpc: vpcName(v) }));
  if (s.nat && n > 1) links.push({ kind: "shared-nat", name: "egress", hub: vpcName(0), vswitch: `${vpcName(0)}-a`, spokes: [vpcName(1)] });
  return { name: "stability", accounts: [{ name: "main", uid: "1000000001" }], vpcs, offices, idcs, links };
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  regions: fc.array(fc.constantFrom(...REGIONS), { minLength: 2, maxLength: 4 }),
  extraLinks: fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.constantFrom("peering" as const, "router-interface" as const)), { maxLength: 3 }),
  offices: fc.uniqueArray(fc.record({ block: fc.integer({ min: 0, max: 7 }), vpc: fc.nat(3) }), { maxLength: 4, selector: (o) => o.block }),
  idcOn: fc.array(fc.nat(3), { maxLength: 2 }),
  nat: fc.boolean(),
});

/** One addition to T, always appended: a network with its link, or a link. */
type Addition =
  | { readonly kind: "office"; readonly block: number; readonly vpc: number }
  | { readonly kind: "vpc"; readonly region: (typeof REGIONS)[number]; readonly parent: number }
  | { readonly kind: "link"; readonly a: number; readonly b: number };

// links weigh most: a link that shortens a path is where a shortest-path planner would
// move live routes
const additions: fc.Arbitrary<Addition> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("office" as const), block: fc.integer({ min: 0, max: 7 }), vpc: fc.nat(3) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("vpc" as const), region: fc.constantFrom(...REGIONS), parent: fc.nat(3) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("link" as const), a: fc.nat(3), b: fc.nat(3) }), weight: 2 },
);

/** T + 1, or undefined when the addition does not apply (block taken, pair linked). */
function add(t: Topology, x: Addition): Topology | undefined {
  const n = t.vpcs.length;
  switch (x.kind) {
    case "office": {
      const block = `192.168.${x.block}.0/24`;
      if ((t.offices ?? []).some((o) => o.cidrs.includes(block))) return undefined;
      const name = `new-office`;
      return {
        ...t,
        offices: [...(t.offices ?? []), { name, publicIp: "47.90.0.1", cidrs: [block] }],
        links: [...t.links, { kind: "vpn", name, office: name, vpc: vpcName(x.vpc % n) }],
      };
    }
    case "vpc": {
      const name = vpcName(n);
      const vpc: VpcSpec = {
        name,
        account: "main",
        region: x.region,
        cidr: `10.${n}.0.0/16`,
        vswitches: [{ name: `${name}-a`, zone: (zonesOf(x.region) ?? [zoneId(x.region, "a")])[0]!, cidr: `10.${n}.0.0/24` }],
      };
      return {
        ...t,
        vpcs: [...t.vpcs, vpc],
        links: [...t.links, { kind: "peering", name: "new-link", requester: vpcName(x.parent % n), acceptor: name }],
      };
    }
    case "link": {
      const [a, b] = [x.a % n, x.b % n];
      const linked = t.links.some(
        (l) =>
          (l.kind === "peering" && [l.requester, l.acceptor].sort().join() === [vpcName(a), vpcName(b)].sort().join()) ||
          (l.kind === "router-interface" && [l.from, l.to].sort().join() === [vpcName(a), vpcName(b)].sort().join()),
      );
      if (a === b || linked) return undefined;
      return { ...t, links: [...t.links, { kind: "router-interface", name: "new-link", from: vpcName(a), to: vpcName(b) }] };
    }
  }
}

/** Route-like resources by `<type>.<name>`, without `depends_on`; `tf` is the whole stack. */
function routeResources(t: Topology): Map<string, string> & { tf?: StackJson } {
  const tf = synthJson(new MultinationalHubStack(Testing.app(), "s", { topology: t }));
  const out: Map<string, string> & { tf?: StackJson } = new Map<string, string>();
  out.tf = tf as StackJson;
  for (const type of ROUTE_TYPES) {
    for (const [name, body] of Object.entries(tf.resource?.[type] ?? {})) {
      const { depends_on: _ordering, ...args } = body as Block;
      out.set(`${type}.${name}`, JSON.stringify(args));
    }
  }
  return out;
}

describe("route stability over synthesized stacks", () => {
  it("T's route entries, gateway routes, BGP networks and rules are all in T + 1, unchanged", () => {
    fc.assert(
      fc.property(shapes, additions, (shape, x) => {
        // GIVEN a valid topology and one appended network or link
        const t = build(shape);
        const next = add(t, x);
        fc.pre(next !== undefined);
        expect(validateTopology(t)).toEqual([]);
        expect(validateTopology(next!)).toEqual([]);
        // WHEN both are synthesized
        const [before, after] = [routeResources(t), routeResources(next!)];
        // THEN nothing of T is missing or changed
        const lost = [...before].filter(([k, v]) => after.get(k) !== v).map(([k]) => `${k}${after.has(k) ? " changed" : " removed"}`);
        expect(lost).toEqual([]);
        expect(after.size).toBeGreaterThanOrEqual(before.size);
        // and netdiff, reading only the JSON, agrees: no route withdrawn or replaced, no path lost
        const d = netdiff(new Map([["s", before.tf!]]), new Map([["s", after.tf!]]));
        expect((d.stacks[0]?.routes ?? []).filter((r) => r.change !== "added")).toEqual([]);
        expect(d.stacks[0]?.lost ?? []).toEqual([]);
      }),
      { numRuns: 20 },
    ); // two syntheses per run
  });

  it("adding 10.10.11.0/24 next to 10.10.10.0/24 in the seed hub only adds resources", () => {
    // GIVEN the seed hub, and one more office on us-vpc next to us-office-1
    const t = multinationalHub();
    const next: Topology = {
      ...t,
      offices: [...(t.offices ?? []), { name: "us-office-5", publicIp: "203.0.113.15", cidrs: ["10.10.11.0/24"] }],
      links: [...t.links, { kind: "vpn", name: "us-office-5", office: "us-office-5", vpc: "us-vpc" }],
    };
    // WHEN
    const [before, after] = [routeResources(t), routeResources(next)];
    // THEN every resource of T is kept as it was; the new ones are the office's /24 in both
    // VPC tables, on the gateway, and in both security groups
    expect([...before].filter(([k, v]) => after.get(k) !== v)).toEqual([]);
    const added = [...after.keys()]
      .filter((k) => !before.has(k))
      .map(
        (k) =>
          `${k.split(".")[0]} ${JSON.parse(after.get(k)!).destination_cidrblock ?? JSON.parse(after.get(k)!).route_dest ?? JSON.parse(after.get(k)!).cidr_ip}`,
      )
      .sort();
    expect(added).toEqual([
      "alicloud_route_entry 10.10.11.0/24",
      "alicloud_route_entry 10.10.11.0/24",
      "alicloud_security_group_rule 10.10.11.0/24",
      "alicloud_security_group_rule 10.10.11.0/24",
      "alicloud_vpn_route_entry 10.10.11.0/24",
    ]);
  });
});
