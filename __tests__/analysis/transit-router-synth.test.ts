/**
 * The independent checker over the JSON the constructs synthesize for the seeds on
 * transit routers: the hub reaches exactly the ordered pairs it reaches on router
 * interfaces, the data center exactly those it reaches on VBR-to-VPC router interfaces,
 * and the TR variants carry no router interface at all. The reference side is the
 * checker over the seed form's JSON, not the planner, so the two sides share nothing
 * but the seed topology.
 */
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { tree } from "../netdiff/trees";
import { checkReachability } from "../../lib/analysis/reachability";
import { sitesFromTopology, Topology } from "../../lib/topology";
import { StackJson } from "../../lib/tfjson";
import { READ_DRIFT } from "../../lib/facts/apply-fidelity";

function synthesized(t: Topology): StackJson {
  const stacks = tree(t);
  const s = stacks.get(`${t.name}-dev`);
  if (!s) throw new Error(`no stack ${t.name}-dev among ${[...stacks.keys()].join(", ")}`);
  return s;
}

const delivered = (t: Topology) => checkReachability(synthesized(t), sitesFromTopology(t)).delivered;
const types = (s: StackJson) => Object.keys(s.resource ?? {});

describe("the seeds synthesized on transit routers, judged by the independent checker", () => {
  it("the hub reaches exactly the ordered pairs of the router-interface hub", () => {
    const ri = delivered(multinationalHub("router-interface"));
    const tr = delivered(multinationalHub("transit-router"));
    expect([...tr].sort()).toEqual([...ri].sort());
    expect(tr.size).toBe(30);
  });

  it("the data center reaches exactly the ordered pairs of the VBR-to-VPC data center", () => {
    const vbr = delivered(idcLeasedLine("vbr"));
    const tr = delivered(idcLeasedLine("transit-router"));
    expect([...tr].sort()).toEqual([...vbr].sort());
    expect([...tr].sort()).toEqual(["beijing-idc->bj-vpc", "beijing-idc->sz-vpc", "bj-vpc->beijing-idc", "sz-vpc->beijing-idc"]);
  });

  it.each([
    ["hub", multinationalHub("transit-router")],
    ["data center", idcLeasedLine("transit-router")],
  ])("the %s on transit routers has no router interface and one CEN instance", (_name, t) => {
    const s = synthesized(t);
    expect(types(s).filter((x) => x.includes("router_interface"))).toEqual([]);
    expect(Object.keys(s.resource?.alicloud_cen_instance ?? {})).toHaveLength(1);
    expect(Object.keys(s.resource?.alicloud_cen_transit_router ?? {})).toHaveLength(2);
  });
});

describe("the apply-time audit's transit-router rows hold on the synthesized seeds", () => {
  const seed = idcLeasedLine("transit-router");
  // a data center with a second, statically routed line: the only source of VBR health checks
  const twoLines: Topology = {
    ...seed,
    idcs: seed.idcs!.map((d) => ({
      ...d,
      additionalLines: [
        {
          name: "line-2",
          leasedLine: { physicalConnectionId: "pc-placeholder0001" },
          vbr: { vlanId: 200, localGatewayIp: "10.255.0.5", peerGatewayIp: "10.255.0.6", peeringSubnetMask: "255.255.255.252" },
          healthCheck: { sourceIp: "192.168.255.1", targetIp: "10.255.0.6" },
        },
      ],
    })),
  };
  const stacks = [synthesized(multinationalHub("transit-router")), synthesized(seed), synthesized(twoLines)];
  const optIn = READ_DRIFT.filter((f) => f.handling === "opt-in" && f.reason.startsWith("only with a `transit-router` link"));

  it("lists opt-in rows for the transit-router types", () => {
    expect(optIn.length).toBeGreaterThanOrEqual(10);
  });

  it.each(optIn.map((f) => [`${f.resource}.${f.attribute}`, f] as const))(
    "%s is set on every instance a transit-router stack emits",
    (_name, f) => {
      const bodies = stacks.flatMap((s) => Object.values(s.resource?.[f.resource] ?? {}));
      expect(bodies.length).toBeGreaterThan(0);
      for (const b of bodies) expect([f.attribute, (b as Record<string, unknown>)[f.attribute] !== undefined]).toEqual([f.attribute, true]);
    },
  );
});
