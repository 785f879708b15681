/**
 * The promise of each seed topology, written from the seed documents (not from the code):
 * which ordered pairs must and must not reach each other.
 */
import { Topology } from "../../lib/topology";
import { topologyIntent } from "../../lib/topology/intent";
import { idcLeasedLine, multinationalHub, sharedNat, vpcPeeringCrossAccount, vpcPeeringSameAccount } from "../fixtures/seeds";

/** `a->b` for every listed pair of a document, sorted. */
function pairs(t: Topology, list: "mustReach" | "mustNotReach"): string[] {
  const doc = topologyIntent(t).document("s");
  return doc[list].map(([a, b]) => `${a}->${b}`).sort();
}

/** Every ordered pair of distinct names. */
function allPairs(names: readonly string[]): string[] {
  return names.flatMap((a) => names.filter((b) => b !== a).map((b) => `${a}->${b}`)).sort();
}

describe("the promise of each seed", () => {
  it("same-account peering: the two VPCs reach each other both ways, the internet is neither reached nor reaching", () => {
    // "Connect two VPCs ... private-network communication between two VPCs"
    const t = vpcPeeringSameAccount();
    expect(pairs(t, "mustReach")).toEqual(["app-vpc->data-vpc", "data-vpc->app-vpc"]);
    expect(pairs(t, "mustNotReach")).toEqual(["app-vpc->internet", "data-vpc->internet", "internet->app-vpc", "internet->data-vpc"]);
  });

  it("cross-account peering: the same promise as same-account", () => {
    const t = vpcPeeringCrossAccount();
    expect(pairs(t, "mustReach")).toEqual(["acceptor-vpc->requester-vpc", "requester-vpc->acceptor-vpc"]);
    expect(pairs(t, "mustNotReach")).toEqual([
      "acceptor-vpc->internet",
      "internet->acceptor-vpc",
      "internet->requester-vpc",
      "requester-vpc->internet",
    ]);
  });

  it("shared NAT: hub and spoke reach each other and the internet; the internet reaches neither", () => {
    // "If two VPCs need to use the same NAT Gateway to access the Internet"
    const t = sharedNat();
    expect(pairs(t, "mustReach")).toEqual(["hub-vpc->internet", "hub-vpc->spoke-vpc", "spoke-vpc->hub-vpc", "spoke-vpc->internet"]);
    expect(pairs(t, "mustNotReach")).toEqual(["internet->hub-vpc", "internet->spoke-vpc"]);
  });

  it("IDC on one leased line: the IDC and each VPC both ways; the two VPCs do not talk through the VBR", () => {
    // "connect an on-premises data center in Beijing to a VPC in Beijing and a VPC in
    // Shenzhen ... create two RIs respectively connecting to the two VPCs on the VBR"
    const t = idcLeasedLine();
    expect(pairs(t, "mustReach")).toEqual(["beijing-idc->bj-vpc", "beijing-idc->sz-vpc", "bj-vpc->beijing-idc", "sz-vpc->beijing-idc"]);
    expect(pairs(t, "mustNotReach")).toEqual([
      "beijing-idc->internet",
      "bj-vpc->internet",
      "bj-vpc->sz-vpc",
      "internet->beijing-idc",
      "internet->bj-vpc",
      "internet->sz-vpc",
      "sz-vpc->bj-vpc",
      "sz-vpc->internet",
    ]);
  });

  it("IDC that allows VPC transit: the two VPCs reach each other through the VBR", () => {
    const base = idcLeasedLine();
    const t: Topology = { ...base, idcs: base.idcs!.map((d) => ({ ...d, allowVpcTransit: true })) };
    expect(pairs(t, "mustReach")).toEqual(
      expect.arrayContaining(["bj-vpc->sz-vpc", "sz-vpc->bj-vpc", "beijing-idc->bj-vpc", "beijing-idc->sz-vpc"]),
    );
    expect(pairs(t, "mustNotReach")).not.toContain("bj-vpc->sz-vpc");
  });

  it("IDC with static routing: pairs towards it are left unchecked (its VBR route is added by hand), pairs from it are promised", () => {
    const base = idcLeasedLine();
    const t: Topology = { ...base, idcs: base.idcs!.map(({ bgp: _bgp, ...d }) => d) };
    const intent = topologyIntent(t);
    expect([intent.expect("bj-vpc", "beijing-idc"), intent.expect("sz-vpc", "beijing-idc")]).toEqual(["unchecked", "unchecked"]);
    expect([intent.expect("beijing-idc", "bj-vpc"), intent.expect("beijing-idc", "sz-vpc")]).toEqual(["reach", "reach"]);
    expect(intent.expect("internet", "beijing-idc")).toBe("not-reach");
    const listed = [...pairs(t, "mustReach"), ...pairs(t, "mustNotReach")];
    expect(listed).not.toContain("bj-vpc->beijing-idc");
  });

  it.each(["router-interface", "peering"] as const)(
    "multinational hub over %s: every office reaches every office and both VPCs, both VPCs reach each other; no internet",
    (ic) => {
      // "With VPN-Hub, the connected offices can communicate with each other"; Step 4 routes
      // each region's VPC to the other region's offices over the interconnect
      const t = multinationalHub(ic);
      const networks = ["us-vpc", "cn-vpc", "us-office-1", "us-office-2", "cn-office-3", "cn-office-4"];
      expect(pairs(t, "mustReach")).toEqual(allPairs(networks));
      expect(pairs(t, "mustNotReach")).toEqual(networks.flatMap((n) => [`${n}->internet`, `internet->${n}`]).sort());
    },
  );

  it("hub without its interconnect: offices reach only their own region", () => {
    const base = multinationalHub();
    const t: Topology = { ...base, links: base.links.filter((l) => l.name !== "us-cn") };
    const intent = topologyIntent(t);
    expect([intent.expect("us-office-1", "us-office-2"), intent.expect("us-office-1", "us-vpc")]).toEqual(["reach", "reach"]);
    expect([intent.expect("us-office-1", "cn-office-3"), intent.expect("us-vpc", "cn-vpc")]).toEqual(["not-reach", "not-reach"]);
  });
});

describe("the intent document", () => {
  const t = multinationalHub();
  const doc = topologyIntent(t).document("multinational-hub-dev");

  it("has the shape the twin and e2e read, networks and pairs sorted", () => {
    expect(Object.keys(doc)).toEqual(["version", "stack", "networks", "mustReach", "mustNotReach"]);
    expect([doc.version, doc.stack]).toEqual([1, "multinational-hub-dev"]);
    expect(doc.networks.map((n) => n.name)).toEqual([
      "cn-office-3",
      "cn-office-4",
      "cn-vpc",
      "internet",
      "us-office-1",
      "us-office-2",
      "us-vpc",
    ]);
    expect(doc.networks.find((n) => n.name === "cn-office-3")!.cidrs).toEqual(["10.20.10.0/24"]);
    expect(doc.networks.find((n) => n.name === "internet")!.cidrs).toEqual(["0.0.0.0/0"]);
    const keys = doc.mustReach.map(([a, b]) => `${a}\n${b}`);
    expect(keys).toEqual([...keys].sort());
  });

  it("as text parses to the same value, and is stable", () => {
    const intent = topologyIntent(t);
    expect(JSON.parse(intent.json("multinational-hub-dev"))).toEqual(doc);
    expect(intent.json("multinational-hub-dev")).toBe(topologyIntent(multinationalHub()).json("multinational-hub-dev"));
  });

  it("lists every ordered pair of distinct networks exactly once when nothing is left unchecked", () => {
    const all = [...doc.mustReach, ...doc.mustNotReach].map(([a, b]) => `${a}->${b}`).sort();
    expect(all).toEqual(allPairs(doc.networks.map((n) => n.name)));
  });
});
