/**
 * Account prerequisites: which ones a topology needs (seed fixtures, changed one fact at
 * a time), that synth prints them once, and that the committed page is current.
 */
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runApp } from "../../app";
import { accountPrerequisites, isMainlandRegion, PREREQUISITES_PAGE, renderPrerequisitesPage, Topology } from "../../lib/topology";
import { ROOT } from "../../tools/topology-schema";
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { vpcPeeringCrossAccount, vpcPeeringSameAccount } from "../fixtures/seeds/vpc-peering";
import { mutate, vpcOf } from "./draft";

const ids = (t: Topology) => accountPrerequisites(t).map((n) => n.id);

describe("accountPrerequisites", () => {
  it("needs cross-border CDT on the account when a router-interface link joins us-east-1 and cn-shanghai", () => {
    // GIVEN the seed hub (us-vpc in us-east-1, cn-vpc in cn-shanghai)
    // WHEN / THEN
    expect(accountPrerequisites(multinationalHub())).toEqual([
      { id: "cdt-cross-border", accounts: ["main"], because: ["router-interface us-cn (us-east-1 <-> cn-shanghai)"] },
    ]);
  });

  it("needs no cross-border CDT when both ends are outside the mainland (us-east-1 and eu-central-1)", () => {
    const t = mutate(multinationalHub(), (d) => {
      const v = vpcOf(d, "cn-vpc");
      v.region = "eu-central-1";
      v.vswitches.forEach((s, i) => (s.zone = `eu-central-1${"ab"[i]}`));
    });
    expect(ids(t)).toEqual([]);
  });

  it("counts Hong Kong as outside the mainland", () => {
    expect([isMainlandRegion("cn-shanghai"), isMainlandRegion("cn-hongkong"), isMainlandRegion("ap-southeast-1")]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("needs CDT on both accounts and the acceptor's acceptance for a cross-account peering", () => {
    expect(accountPrerequisites(vpcPeeringCrossAccount())).toEqual([
      { id: "cdt", accounts: ["requester", "acceptor"], because: ["peering req-acc"] },
      { id: "peering-acceptance", accounts: ["acceptor"], because: ["peering req-acc"] },
    ]);
  });

  it("needs CDT, and no acceptance, for a same-account peering", () => {
    expect(ids(vpcPeeringSameAccount())).toEqual(["cdt"]);
  });

  /** `t` with its links replaced by one `transit-router` link (the link kind the transit-router topology syntax adds). */
  const onTransitRouter = (t: Topology, link: { name: string; vpcs: string[]; idcs?: string[] }): Topology =>
    ({ ...t, links: [{ kind: "transit-router", ...link }] }) as unknown as Topology;

  it("needs the transit router service, CDT for the peer attachment and cross-border CDT when a transit-router link joins us-east-1 and cn-shanghai", () => {
    // GIVEN the seed hub joined on transit routers, as HUB_INTERCONNECT=transit-router makes it
    const t = onTransitRouter(multinationalHub(), { name: "us-cn", vpcs: ["us-vpc", "cn-vpc"] });
    // WHEN / THEN
    expect(accountPrerequisites(t)).toEqual([
      { id: "transit-router-service", accounts: ["main"], because: ["transit-router us-cn"] },
      { id: "cdt", accounts: ["main"], because: ["transit-router us-cn (peer attachments)"] },
      { id: "cdt-cross-border", accounts: ["main"], because: ["transit-router us-cn (us-east-1 <-> cn-shanghai)"] },
    ]);
  });

  it("needs no CDT for a transit-router link inside one region, and Express Connect outbound for the IDC it attaches", () => {
    const t = onTransitRouter(idcLeasedLine(), { name: "idc", vpcs: ["bj-vpc"], idcs: ["beijing-idc"] });
    expect(accountPrerequisites(t)).toEqual([
      { id: "transit-router-service", accounts: ["main"], because: ["transit-router idc"] },
      { id: "express-connect-outbound", accounts: ["main"], because: ["IDC beijing-idc"] },
    ]);
  });

  it("needs CDT but not cross-border CDT when a transit-router link spans two mainland regions (the IDC variant)", () => {
    const t = onTransitRouter(idcLeasedLine(), { name: "idc", vpcs: ["bj-vpc", "sz-vpc"], idcs: ["beijing-idc"] });
    expect(ids(t)).toEqual(["transit-router-service", "cdt", "express-connect-outbound"]);
  });

  it("needs Express Connect outbound data transfer on the account that owns an IDC's VBR", () => {
    expect(accountPrerequisites(idcLeasedLine())).toEqual([
      { id: "express-connect-outbound", accounts: ["main"], because: ["IDC beijing-idc"] },
    ]);
  });
});

describe("synth prints the prerequisites", () => {
  it("once, as one block naming each stack, apart from the problems log", () => {
    // GIVEN the seed hub and IDC scenarios
    const outdir = join(mkdtempSync(join(tmpdir(), "prerequisites-")), "cdktf.out");
    const notices: string[] = [];
    const problems: string[] = [];
    // WHEN the app synthesizes them
    const code = runApp({
      outdir,
      topologies: { "multinational-hub": multinationalHub(), "idc-leased-line": idcLeasedLine() },
      only: ["multinational-hub", "idc-leased-line"],
      log: (m) => problems.push(m),
      notice: (m) => notices.push(m),
    });
    // THEN
    expect(code).toBe(0);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.split("\n")).toEqual([
      "Account prerequisites (Terraform cannot do these; see docs/account-prerequisites.md):",
      "  idc-leased-line-dev: Express Connect outbound data transfer enabled (terms of service accepted) on account main (for IDC beijing-idc)",
      "  multinational-hub-dev: Cross-border CDT enabled and cross-border terms accepted on account main (for router-interface us-cn (us-east-1 <-> cn-shanghai))",
    ]);
    expect(problems.filter((m) => !m.startsWith("WARNING"))).toEqual([]);
  });
});

describe("docs/account-prerequisites.md", () => {
  it("fails when the committed page is stale (run npm run generate)", () => {
    expect(readFileSync(join(ROOT, PREREQUISITES_PAGE), "utf8")).toBe(renderPrerequisitesPage("npm run generate"));
  });
});
