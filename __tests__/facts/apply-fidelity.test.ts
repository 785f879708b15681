/**
 * The apply-fidelity findings (lib/facts/apply-fidelity.ts) against every synthesized
 * stack: dev and prod, both hub interconnects, and a variant that orders a leased line,
 * health-checks a VBR link and gives an office an ASN (so the conditional handlings are
 * exercised both ways). A finding whose handling is not in the JSON fails here.
 */
import { mkdtempSync, readdirSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runApp } from "../../app";
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { seedTopologies } from "../fixtures/seeds";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { AUDITED_TYPES, BEHAVIOURS, DUAL_TUNNEL_IGNORED_PATHS, READ_DRIFT, ReadDriftFinding } from "../../lib/facts/apply-fidelity";
import TYPES from "../../schema/types.json";
import { cidr, contains, LineOperator, PortType, supportsDualTunnelVpn, Topology } from "../../lib/topology";

type Block = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Stack {
  readonly name: string;
  readonly json: Block;
}

/** The seed stacks (the fixtures, whatever config/ holds), with `topologies` replacing some. */
function synthAll(
  settings: { env?: string; hubInterconnect?: "router-interface" | "peering" },
  topologies: Partial<Record<string, Topology>> = {},
): Stack[] {
  const outdir = join(mkdtempSync(join(tmpdir(), "facts-")), "cdktf.out");
  const seeds = seedTopologies(settings.hubInterconnect);
  const code = runApp({ settings, outdir, topologies: { ...seeds, ...topologies }, log: () => undefined });
  if (code !== 0) throw new Error(`synth failed for ${JSON.stringify(settings)}`);
  const dir = join(outdir, "stacks");
  const label = `${JSON.stringify(settings)}${Object.keys(topologies).length ? " variant" : ""}`;
  return readdirSync(dir).map((s) => ({ name: `${s} ${label}`, json: JSON.parse(readFileSync(join(dir, s, "cdk.tf.json"), "utf8")) }));
}

/**
 * The variant: an ordered line, a health-checked VBR link, an office with an ASN, and the
 * US VPC in me-central-1, where VPN gateways are single-tunnel.
 */
function variantTopologies(): Partial<Record<string, Topology>> {
  const idc = structuredClone(idcLeasedLine()) as Block;
  idc.idcs[0].leasedLine = {
    accessPointId: "ap-cn-beijing-ft-A",
    create: { lineOperator: LineOperator.CHINA_TELECOM, portType: PortType.PORT_1000BASE_LX, bandwidth: 100 },
  };
  idc.links[0].healthCheck = { sourceIp: "10.255.0.1", targetIp: "172.16.0.10" };
  const hub = structuredClone(multinationalHub()) as Block;
  hub.offices[0].asn = 65010;
  hub.vpcs[0] = {
    ...hub.vpcs[0],
    region: "me-central-1",
    vpnGateway: { bandwidth: 10, vswitch: "us-a" },
    vswitches: [
      { name: "us-a", zone: "me-central-1a", cidr: "172.16.0.0/24" },
      { name: "us-b", zone: "me-central-1b", cidr: "172.16.1.0/24" },
    ],
  };
  return { "idc-leased-line": idc as Topology, "multinational-hub": hub as Topology };
}

const STACKS: Stack[] = [
  ...synthAll({ env: "dev" }),
  ...synthAll({ env: "dev", hubInterconnect: "peering" }),
  ...synthAll({ env: "prod" }),
  ...synthAll({ env: "prod", hubInterconnect: "peering" }),
  ...synthAll({ env: "dev" }, variantTopologies()),
];

function instances(type: string): { stack: string; key: string; body: Block }[] {
  return STACKS.flatMap((s) =>
    Object.entries((s.json.resource?.[type] ?? {}) as Record<string, Block>).map(([key, body]) => ({ stack: s.name, key, body })),
  );
}

/** Values of a dotted path; lists (nested blocks) fan out. */
function valuesAt(body: Block, path: string): unknown[] {
  let cur: unknown[] = [body];
  for (const k of path.split(".")) {
    cur = cur.flatMap((v) => (Array.isArray(v) ? v : [v])).map((v) => (v && typeof v === "object" ? (v as Block)[k] : undefined));
  }
  return cur;
}

const isSet = (v: unknown) => v !== undefined && v !== null;
/** What ignore_changes must list for a finding: a nested attribute is covered by its ignored block. */
const ignoredPaths = (f: ReadDriftFinding) => {
  const block = Object.keys(DUAL_TUNNEL_IGNORED_PATHS).find((k) => f.attribute === k || f.attribute.startsWith(`${k}.`));
  return block ? DUAL_TUNNEL_IGNORED_PATHS[block]! : [f.attribute];
};
const ignores = (body: Block, f: ReadDriftFinding) => ignoredPaths(f).every((p) => (body.lifecycle?.ignore_changes ?? []).includes(p));
/** Nested tunnel attributes apply to dual-tunnel connections only. */
const applies = (body: Block, f: ReadDriftFinding) =>
  !f.attribute.startsWith("tunnel_options_specification.") || body.tunnel_options_specification !== undefined;

describe("apply fidelity: attributes Read fills (READ_DRIFT)", () => {
  it("synthesizes the stacks it checks (five scenarios in each of five runs)", () => {
    expect(STACKS).toHaveLength(25);
  });

  const emitted = (f: ReadDriftFinding) => instances(f.resource).filter((i) => applies(i.body, f));

  it.each(READ_DRIFT.filter((f) => f.handling === "set").map((f) => [`${f.resource}.${f.attribute}`, f] as const))(
    "%s is set on every emitted instance",
    (_, f) => {
      const found = emitted(f);
      expect(found.length).toBeGreaterThan(0);
      for (const i of found) expect([i.stack, i.key, valuesAt(i.body, f.attribute).every(isSet)]).toEqual([i.stack, i.key, true]);
    },
  );

  it.each(READ_DRIFT.filter((f) => f.handling === "ignored").map((f) => [`${f.resource}.${f.attribute}`, f] as const))(
    "%s is in ignore_changes of every emitted instance",
    (_, f) => {
      const found = emitted(f);
      expect(found.length).toBeGreaterThan(0);
      for (const i of found) expect([i.stack, i.key, ignores(i.body, f)]).toEqual([i.stack, i.key, true]);
    },
  );

  it.each(READ_DRIFT.filter((f) => f.handling === "set-or-ignored").map((f) => [`${f.resource}.${f.attribute}`, f] as const))(
    "%s is set or ignored on every emitted instance, and both occur",
    (_, f) => {
      const found = emitted(f);
      const set = found.filter((i) => valuesAt(i.body, f.attribute).every(isSet));
      const ignored = found.filter((i) => ignores(i.body, f));
      for (const i of found) expect([i.stack, i.key, set.includes(i) || ignored.includes(i)]).toEqual([i.stack, i.key, true]);
      expect(set.length).toBeGreaterThan(0);
      expect(ignored.length).toBeGreaterThan(0);
    },
  );

  it("emits none of the types recorded as not emitted", () => {
    for (const t of new Set(READ_DRIFT.filter((f) => f.handling === "not-emitted").map((f) => f.resource)))
      expect([t, instances(t).length]).toEqual([t, 0]);
  });

  it("audits every resource type of schema/types.json (all 45), each with its provider file", () => {
    expect(Object.keys(AUDITED_TYPES).sort()).toEqual(Object.keys(TYPES.resources).sort());
    expect(Object.keys(AUDITED_TYPES)).toHaveLength(45);
    for (const f of READ_DRIFT) expect(f.source.startsWith(`${AUDITED_TYPES[f.resource]}:`)).toBe(true);
  });

  it("gives every finding a source line in the provider and a reason", () => {
    for (const f of READ_DRIFT) {
      expect(f.source).toMatch(/^alicloud\/resource_[a-z0-9_]+\.go:\d+$/);
      expect(f.reason.length).toBeGreaterThan(10);
    }
  });
});

describe("apply fidelity: behaviours (BEHAVIOURS)", () => {
  const finding = (id: string) => BEHAVIOURS.find((b) => b.id === id)!;

  it("has a source and a test for every behaviour", () => {
    for (const b of BEHAVIOURS) expect([b.id, b.source.length > 10, b.test.length > 10]).toEqual([b.id, true, true]);
  });

  it(`nat-system-route: ${finding("nat-system-route").test}`, () => {
    const nats = instances("alicloud_nat_gateway").filter(
      (n) => n.body.nat_type === "Enhanced" && (n.body.network_type ?? "internet") === "internet",
    );
    expect(nats.length).toBeGreaterThan(0);
    for (const n of nats) {
      const stack = STACKS.find((s) => s.name === n.stack)!;
      const table = n.body.vpc_id.replace(/\.id\}$/, ".route_table_id}");
      const dup = Object.values((stack.json.resource.alicloud_route_entry ?? {}) as Record<string, Block>).filter(
        (e) => e.route_table_id === table && e.destination_cidrblock === "0.0.0.0/0",
      );
      expect([n.stack, dup]).toEqual([n.stack, []]);
    }
  });

  it(`vpc-system-routes: ${finding("vpc-system-routes").test}`, () => {
    const cloudServices = cidr("100.64.0.0/10");
    for (const s of STACKS) {
      const vpcs = (s.json.resource?.alicloud_vpc ?? {}) as Record<string, Block>;
      for (const e of Object.values((s.json.resource?.alicloud_route_entry ?? {}) as Record<string, Block>)) {
        const dest = cidr(e.destination_cidrblock);
        const own = /^\$\{alicloud_vpc\.([^.]+)\.route_table_id\}$/.exec(e.route_table_id)?.[1];
        expect([s.name, e.destination_cidrblock, contains(cloudServices, dest)]).toEqual([s.name, e.destination_cidrblock, false]);
        if (own)
          expect([s.name, e.destination_cidrblock, contains(cidr(vpcs[own]!.cidr_block), dest)]).toEqual([
            s.name,
            e.destination_cidrblock,
            false,
          ]);
      }
    }
  });

  it(`vpn-dual-tunnel: ${finding("vpn-dual-tunnel").test}`, () => {
    const gws = instances("alicloud_vpn_gateway");
    expect(gws.length).toBeGreaterThan(0);
    for (const g of gws) {
      const stack = STACKS.find((s) => s.name === g.stack)!;
      const provider = (stack.json.provider.alicloud as Block[]).find((p) => `alicloud.${p.alias}` === g.body.provider)!;
      if (!supportsDualTunnelVpn(provider.region)) continue;
      expect([g.stack, g.key, isSet(g.body.disaster_recovery_vswitch_id)]).toEqual([g.stack, g.key, true]);
      const conns = Object.values((stack.json.resource.alicloud_vpn_connection ?? {}) as Record<string, Block>).filter(
        (c) => c.vpn_gateway_id === `\${alicloud_vpn_gateway.${g.key}.id}`,
      );
      for (const c of conns) expect([g.stack, (c.tunnel_options_specification ?? []).length]).toEqual([g.stack, 2]);
    }
  });

  it(`peering-accepter-fields: ${finding("peering-accepter-fields").test}`, () => {
    const accepters = instances("alicloud_vpc_peer_connection_accepter");
    expect(accepters.length).toBeGreaterThan(0);
    for (const a of accepters) {
      for (const k of ["peer_connection_accepter_name", "description", "bandwidth", "link_type"])
        expect([a.stack, k, a.body[k]]).toEqual([a.stack, k, undefined]);
    }
  });

  it(`access-point-case: ${finding("access-point-case").test}`, () => {
    const ids = [...instances("alicloud_express_connect_router_interface"), ...instances("alicloud_express_connect_physical_connection")]
      .flatMap((i) => [i.body.access_point_id, i.body.opposite_access_point_id])
      .filter((v): v is string => typeof v === "string" && !v.startsWith("${"));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).not.toMatch(/-[a-z]$/);
  });
});
