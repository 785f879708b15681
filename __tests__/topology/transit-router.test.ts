import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { accountPrerequisites, emittedRoutes, planRoutes, renderMermaid, Topology, validateTopology } from "../../lib/topology";
import { topologyIntent } from "../../lib/topology/intent";
import { Draft, idcOf, linkOf, mutate, vpcOf } from "./draft";

const hubTr = () => multinationalHub("transit-router");
const idcTr = () => idcLeasedLine("transit-router");

/** One broken field and the issue it must produce. */
interface Case {
  readonly when: string;
  readonly base: () => Topology;
  readonly change: (t: Draft<Topology>) => void;
  readonly path: string;
  readonly value: unknown;
  /** Fragments the message must hold: what is allowed, and the fact's source where there is one. */
  readonly says: readonly string[];
  /** @default 1 */
  readonly count?: number;
}

const cases: Case[] = [
  {
    when: "a VPC's vSwitches are in one zone of a multi-zone TR region",
    base: hubTr,
    // cn-shanghai-d is a zone of the region (and of its dual-tunnel VPN) but not one of its TR zones
    change: (t) => void (vpcOf(t, "cn-vpc").vswitches[1]!.zone = "cn-shanghai-d"),
    path: "multinational-hub.links[0].vpcs[1]",
    value: "cn-vpc",
    says: [
      "1 of the transit router's zones in cn-shanghai (cn-shanghai-e;",
      "at least 2",
      "regions-and-zones-that-support-transit-router",
      "connect-vpcs",
      "allowed: add a vSwitch in another of cn-shanghai-b",
    ],
  },
  {
    when: "two TRs are named in one region",
    base: hubTr,
    change: (t) =>
      void (linkOf(t, "us-cn", "transit-router").routers = [{ region: "cn-shanghai" }, { region: "cn-shanghai", name: "second" }]),
    path: "multinational-hub.links[0].routers[1].region",
    value: "cn-shanghai",
    says: [
      "already has a transit router (multinational-hub.links[0].routers[0])",
      "allowed: at most 1 per region",
      "api-createtransitrouter",
    ],
  },
  {
    when: "a TR is named in a region with no attached VPC or IDC",
    base: hubTr,
    change: (t) => void (linkOf(t, "us-cn", "transit-router").routers = [{ region: "eu-central-1" }]),
    path: "multinational-hub.links[0].routers[0].region",
    value: "eu-central-1",
    says: ["allowed: us-east-1, cn-shanghai"],
  },
  {
    when: "a TR quota is exceeded: more tags than one CreateTransitRouter* call takes",
    base: hubTr,
    change: (t) => void (t.tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, "v"]))),
    path: "multinational-hub.tags",
    value: "21 tags",
    says: ["allowed: at most 20", "tags in one CreateTransitRouter* call", "alibabacloud-cbn20170912"],
    count: 2, // and the per-resource tag limit every resource has (limits.ts)
  },
  {
    when: "a second transit-router link is declared",
    base: hubTr,
    change: (t) => void t.links.push({ kind: "transit-router", name: "again", vpcs: ["us-vpc"] }),
    path: "multinational-hub.links[5].kind",
    value: "transit-router",
    says: ["second transit-router link (the first is multinational-hub.links[0])", "allowed: one per topology"],
  },
  {
    when: "an IDC has both a vbr link and a transit-router link",
    base: idcTr,
    change: (t) => void t.links.push({ kind: "vbr", name: "idc-bj", idc: "beijing-idc", vpc: "bj-vpc" }),
    path: "idc-leased-line.links[0].idcs[0]",
    value: "beijing-idc",
    says: [
      "also has a `vbr` link (idc-leased-line.links[1])",
      "allowed: an IDC attached to the transit router or joined to VPCs by vbr links, not both",
    ],
  },
  {
    when: "a VPC of the link is in another account than the CEN's",
    base: idcTr,
    change: (t) => {
      t.accounts.push({ name: "other", uid: "123456789012" });
      vpcOf(t, "sz-vpc").account = "other";
    },
    path: "idc-leased-line.links[0].vpcs[1]",
    value: "sz-vpc",
    says: [
      "not the CEN instance's account main",
      "needs the owner to grant the CEN instance access first",
      "allowed: a VPC of account main",
    ],
  },
  {
    when: "an IDC of the link is in another account than the CEN's",
    base: idcTr,
    change: (t) => {
      t.accounts.push({ name: "other", uid: "123456789012" });
      idcOf(t, "beijing-idc").account = "other";
    },
    path: "idc-leased-line.links[0].idcs[0]",
    value: "beijing-idc",
    says: ["cross-account attachment", "allowed: an IDC of account main"],
  },
  {
    when: "a VPC's route-table construct ID is the one a TR table takes (tr-<region>)",
    base: hubTr,
    change: (t) => {
      const renamed = "tr-us-east-1";
      vpcOf(t, "us-vpc").name = renamed;
      for (const l of t.links) {
        if (l.kind === "vpn" && l.vpc === "us-vpc") l.vpc = renamed;
        if (l.kind === "transit-router") l.vpcs = l.vpcs.map((v) => (v === "us-vpc" ? renamed : v));
      }
    },
    path: "multinational-hub.links[0].name",
    value: "us-cn",
    says: ["route table construct ID", "TrUsEast1"],
  },
  {
    when: "a link names no VPC",
    base: hubTr,
    change: (t) => void (linkOf(t, "us-cn", "transit-router").vpcs = []),
    path: "multinational-hub.links[0].vpcs",
    value: [],
    says: ["allowed: at least one VPC"],
  },
  {
    when: "a VPC is listed twice",
    base: hubTr,
    change: (t) => void linkOf(t, "us-cn", "transit-router").vpcs.push("us-vpc"),
    path: "multinational-hub.links[0].vpcs[2]",
    value: "us-vpc",
    says: ["allowed: each VPC once"],
  },
  {
    when: "an idcs entry names an office",
    base: hubTr,
    change: (t) => void (linkOf(t, "us-cn", "transit-router").idcs = ["us-office-1"]),
    path: "multinational-hub.links[0].idcs[0]",
    value: "us-office-1",
    says: ["names no idc (us-office-1 is an office)"],
  },
  {
    when: "the peer bandwidth is not a positive integer",
    base: hubTr,
    change: (t) => void (linkOf(t, "us-cn", "transit-router").peerBandwidth = 0),
    path: "multinational-hub.links[0].peerBandwidth",
    value: 0,
    says: ["allowed: a positive integer of Mbit/s"],
  },
];

describe("transit-router link: validation", () => {
  it.each([
    ["the hub on TRs", hubTr],
    ["the IDC on TRs", idcTr],
  ])("accepts %s", (_label, base) => {
    expect(validateTopology(base())).toEqual([]);
  });

  it.each<Case>(cases)("fails when $when", ({ base, change, path, value, says, count }) => {
    // GIVEN a TR variant with one field changed
    const t = mutate(base(), change);
    // WHEN
    const issues = validateTopology(t);
    // THEN that issue, naming path, value, what is allowed and the source
    const issue = issues.find(
      (i) => i.path === path && JSON.stringify(i.value) === JSON.stringify(value) && says.every((s) => i.message.includes(s)),
    );
    expect({ issue, all: issues }).toEqual({ issue: expect.objectContaining({ path }), all: issues });
    expect(issues).toHaveLength(count ?? 1);
  });
});

describe("transit-router link: planner", () => {
  const plan = planRoutes(hubTr());

  it("plans one TR table per region, with the VPC's own block propagated and the rest static", () => {
    const sh = plan.table("tr", "cn-shanghai");
    const own = sh.routes.find((r) => r.destination === "172.17.0.0/16")!;
    expect(own).toMatchObject({ nextHop: { type: "Attachment", attachment: { kind: "vpc", vpc: "cn-vpc" } }, propagated: true });
    expect(
      emittedRoutes(sh).map((r) => [r.destination, r.nextHop.type === "Attachment" ? r.nextHop.attachment.kind : r.nextHop.type]),
    ).toEqual([
      ["172.16.0.0/16", "peer"],
      ["10.10.10.0/24", "peer"],
      ["10.10.20.0/24", "peer"],
      ["10.20.10.0/24", "vpc"],
      ["10.20.20.0/24", "vpc"],
    ]);
  });

  it("gives a VPC's table next hop its own attachment for everything across the TR", () => {
    const us = plan.table("vpc", "us-vpc");
    const via = us.routes.filter((r) => r.nextHop.type === "Attachment").map((r) => r.nextHop);
    expect(via).toHaveLength(3);
    for (const h of via) expect(h).toEqual({ type: "Attachment", link: "us-cn", attachment: { kind: "vpc", vpc: "us-vpc" } });
  });

  it("marks what a VBR learns from its TR as propagated, so no VBR entry is emitted", () => {
    const idc = planRoutes(idcTr());
    const vbr = idc.table("vbr", "beijing-idc");
    expect(
      vbr.routes
        .filter((r) => r.nextHop.type === "Attachment")
        .map((r) => r.destination)
        .sort(),
    ).toEqual(["172.16.0.0/16", "172.18.0.0/16"]);
    expect(emittedRoutes(vbr)).toEqual([]);
    const tr = idc.table("tr", "cn-beijing");
    expect(tr.routes.find((r) => r.destination === "10.100.0.0/16")).toMatchObject({
      nextHop: { attachment: { kind: "vbr", idc: "beijing-idc" } },
      propagated: true,
    });
  });

  it("keeps a data center's VPCs apart unless the IDC allows VPC transit", () => {
    expect(planRoutes(idcTr()).reaches.get("bj-vpc")?.has("sz-vpc")).toBe(false);
    const transit = mutate(idcTr(), (t) => void (idcOf(t, "beijing-idc").allowVpcTransit = true));
    expect(planRoutes(transit).reaches.get("bj-vpc")?.has("sz-vpc")).toBe(true);
    expect(topologyIntent(transit).expect("bj-vpc", "sz-vpc")).toBe("reach");
  });

  it("joins three regions in a full mesh: every TR has a direct peer hop to every other region", () => {
    const t = mutate(hubTr(), (d) => {
      d.vpcs.push({
        name: "eu-vpc",
        account: "main",
        region: "eu-central-1",
        cidr: "172.18.0.0/16",
        vswitches: [{ name: "eu-a", zone: "eu-central-1a", cidr: "172.18.0.0/24" }],
      });
      linkOf(d, "us-cn", "transit-router").vpcs.push("eu-vpc");
    });
    const p = planRoutes(t);
    for (const [region, dest, peer] of [
      ["us-east-1", "172.18.0.0/16", ["us-east-1", "eu-central-1"]],
      ["cn-shanghai", "172.18.0.0/16", ["cn-shanghai", "eu-central-1"]],
      ["eu-central-1", "172.16.0.0/16", ["us-east-1", "eu-central-1"]],
      ["eu-central-1", "10.20.10.0/24", ["cn-shanghai", "eu-central-1"]],
    ] as const) {
      expect(p.table("tr", region).routes.find((r) => r.destination === dest)?.nextHop).toEqual({
        type: "Attachment",
        link: "us-cn",
        attachment: { kind: "peer", regions: peer },
      });
    }
  });
});

/** Every ordered pair of networks and whether the first reaches the second. */
function reachMatrix(reaches: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...reaches].flatMap(([from, to]) => [...to].map((x) => `${from}->${x}`)).sort();
}

describe("transit routers reach exactly what the seed interconnects reach", () => {
  it.each([
    ["the hub: TRs and router interfaces", multinationalHub("router-interface"), hubTr()],
    ["the IDC: TR attachments and VBR-to-VPC router interfaces", idcLeasedLine("vbr"), idcTr()],
  ])("%s, by the planner", (_label, seed, tr) => {
    const want = reachMatrix(planRoutes(seed).reaches);
    expect(want.length).toBeGreaterThan(0);
    expect(reachMatrix(planRoutes(tr).reaches)).toEqual(want);
  });

  it.each([
    ["the hub: TRs and router interfaces", multinationalHub("router-interface"), hubTr()],
    ["the IDC: TR attachments and VBR-to-VPC router interfaces", idcLeasedLine("vbr"), idcTr()],
  ])("%s, by the promise", (_label, seed, tr) => {
    const want = topologyIntent(seed).pairs();
    expect(want.some(([, , e]) => e === "reach")).toBe(true);
    expect(topologyIntent(tr).pairs()).toEqual(want);
  });
});

describe("transit-router link: diagram and account prerequisites", () => {
  it("draws each region's TR once, an edge per attachment and one per peer pair", () => {
    const text = renderMermaid(idcTr());
    expect(text.match(/\[\["transit router<br\/>idc-cn-(beijing|shenzhen)"\]\]/g)?.length).toBe(2);
    expect(text).toContain(`vpc_bj_vpc <-->|"TR attachment: idc"| tr_idc_cn_beijing`);
    expect(text).toContain(`vbr_beijing_idc <-->|"TR attachment: idc"| tr_idc_cn_beijing`);
    expect(text).toContain(`tr_idc_cn_beijing <-->|"TR peer: 10 Mbit/s"| tr_idc_cn_shenzhen`);
  });

  it("needs the transit router service, CDT for the peer attachments, cross-border CDT across the border, Express Connect outbound for the IDC", () => {
    expect(accountPrerequisites(hubTr()).map((n) => [n.id, n.because])).toEqual([
      ["transit-router-service", ["transit-router us-cn"]],
      ["cdt", ["transit-router us-cn (peer attachments)"]],
      ["cdt-cross-border", ["transit-router us-cn (us-east-1 <-> cn-shanghai)"]],
    ]);
    expect(accountPrerequisites(idcTr()).map((n) => n.id)).toEqual(["transit-router-service", "cdt", "express-connect-outbound"]);
  });
});

describe("transit-router link: route stability", () => {
  /** Every planned route as `<router>:<table> <destination> <next hop>`. */
  const routes = (t: Topology) =>
    planRoutes(t).tables.flatMap((table) =>
      table.routes.map((r) => `${table.router}:${table.name} ${r.destination} ${JSON.stringify(r.nextHop)}`),
    );

  it("keeps every planned route when a region joins the link and an office is appended", () => {
    // GIVEN the hub on TRs
    const before = routes(hubTr());
    // WHEN a VPC in a third region joins the link and a new office is appended
    const after = routes(
      mutate(hubTr(), (d) => {
        d.vpcs.push({
          name: "eu-vpc",
          account: "main",
          region: "eu-central-1",
          cidr: "172.18.0.0/16",
          vswitches: [{ name: "eu-a", zone: "eu-central-1a", cidr: "172.18.0.0/24" }],
        });
        linkOf(d, "us-cn", "transit-router").vpcs.push("eu-vpc");
        d.offices!.push({ name: "us-office-5", publicIp: "203.0.113.15", cidrs: ["10.10.30.0/24"] });
        d.links.push({ kind: "vpn", name: "us-office-5", office: "us-office-5", vpc: "us-vpc" });
      }),
    );
    // THEN every route is still there, and routes were added
    expect(before.filter((r) => !after.includes(r))).toEqual([]);
    expect(after.length).toBeGreaterThan(before.length);
  });
});
