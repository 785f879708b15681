import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { idcLeasedLine } from "../fixtures/seeds/idc-leased-line";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { sharedNat } from "../fixtures/seeds/shared-nat";
import { vpcPeeringCrossAccount, vpcPeeringSameAccount } from "../fixtures/seeds/vpc-peering";
import { PeeringLinkType, renderMermaid, Topology } from "../../lib/topology";
import { SCENARIO_KINDS, SCENARIOS } from "../../config";
import { generate, README, REGENERATE, ROOT, staleFiles, updateReadme } from "../../tools/diagrams";
import { linkOf, mutate, officeOf, vpcOf } from "./draft";

/** Node declarations: `id<shape>"label"<shape>` on their own line. */
function nodes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^\s+(\w+)[[({]+"([^"]*)"[\])}]+$/gm)) out.set(m[1] ?? "", m[2] ?? "");
  return out;
}

/** Edges as `from -> to : label` (label "" when there is none). */
function edges(text: string): string[] {
  return [...text.matchAll(/^\s+(\w+) (?:<-->|-->|---|-\.->)(?:\|"([^"]*)"\|)? (\w+)$/gm)].map((m) => `${m[1]} -> ${m[3]} : ${m[2] ?? ""}`);
}

const labelled = (text: string, l: string): string[] => edges(text).filter((e) => e.endsWith(` : ${l}`) || e.includes(` : ${l}<br/>`));

describe("renderMermaid", () => {
  it("starts a left-to-right flowchart and ends with a newline", () => {
    // WHEN
    const text = renderMermaid(vpcPeeringSameAccount());
    // THEN
    expect(text.startsWith("flowchart LR\n")).toBe(true);
    expect(text.endsWith("\n")).toBe(true);
    expect(text).not.toContain("```");
  });

  it("draws one node per VPC, office and IDC with its CIDRs in the label", () => {
    // GIVEN / WHEN
    const hub = nodes(renderMermaid(multinationalHub()));
    const idc = nodes(renderMermaid(idcLeasedLine()));
    // THEN
    expect(hub.get("vpc_us_vpc")).toBe("us-vpc<br/>172.16.0.0/16");
    expect(hub.get("vpc_cn_vpc")).toBe("cn-vpc<br/>172.17.0.0/16");
    expect(hub.get("office_cn_office_3")).toBe("cn-office-3<br/>10.20.10.0/24");
    expect([...hub.keys()].filter((id) => id.startsWith("office_"))).toHaveLength(4);
    expect(idc.get("idc_beijing_idc")).toBe("beijing-idc<br/>10.100.0.0/16<br/>access point of pc-placeholder0000");
  });

  it("lists every CIDR of a multi-CIDR office", () => {
    // GIVEN
    const t = mutate(multinationalHub(), (d) => {
      officeOf(d, "us-office-1").cidrs = ["10.10.10.0/24", "10.10.11.0/24"];
    });
    // THEN
    expect(nodes(renderMermaid(t)).get("office_us_office_1")).toBe("us-office-1<br/>10.10.10.0/24<br/>10.10.11.0/24");
  });

  it("groups nodes by region, and by account only when there are several", () => {
    // GIVEN / WHEN
    const single = renderMermaid(multinationalHub());
    const cross = renderMermaid(vpcPeeringCrossAccount());
    // THEN
    expect(single).toContain('subgraph region_us_east_1["us-east-1"]');
    expect(single).toContain('subgraph region_cn_shanghai["cn-shanghai"]');
    expect(single).toContain('subgraph onprem["On-premises"]');
    expect(single).not.toContain("subgraph account_");
    expect(cross).toContain('subgraph account_requester["account requester"]');
    expect(cross).toContain('subgraph account_acceptor["account acceptor"]');
    // the same region in two accounts is two subgraphs
    expect(cross.match(/subgraph region_\w+\["cn-hangzhou"\]/g)).toHaveLength(2);
    // subgraphs are balanced
    expect(cross.match(/^\s*subgraph /gm)?.length).toBe(cross.match(/^\s*end$/gm)?.length);
  });

  it("draws one labelled edge per link, between the right nodes", () => {
    // GIVEN / WHEN
    const hub = renderMermaid(multinationalHub());
    // THEN
    expect(labelled(hub, "router-interface pair: us-cn")).toEqual(["vpc_us_vpc -> vpc_cn_vpc : router-interface pair: us-cn"]);
    expect(labelled(hub, "IPsec: us-office-1")).toEqual(["office_us_office_1 -> vpngw_us_vpc : IPsec: us-office-1"]);
    expect(labelled(hub, "IPsec: cn-office-4")).toEqual(["office_cn_office_4 -> vpngw_cn_vpc : IPsec: cn-office-4"]);
    // 5 links + one VPN gateway attachment per VPC
    expect(edges(hub)).toHaveLength(7);
    expect(edges(hub)).toContain("vpngw_us_vpc -> vpc_us_vpc : ");
  });

  it("labels peering with its bandwidth and link type when set", () => {
    // GIVEN
    const plain = renderMermaid(vpcPeeringSameAccount());
    const crossRegion = renderMermaid(multinationalHub("peering"));
    const gold = mutate(multinationalHub("peering"), (d) => {
      linkOf(d, "us-cn", "peering").linkType = PeeringLinkType.GOLD;
    });
    // THEN
    expect(labelled(plain, "peering: app-data")).toEqual(["vpc_app_vpc -> vpc_data_vpc : peering: app-data"]);
    expect(labelled(crossRegion, "peering: us-cn")).toEqual(["vpc_us_vpc -> vpc_cn_vpc : peering: us-cn<br/>10 Mbit/s"]);
    expect(renderMermaid(gold)).toContain('|"peering: us-cn<br/>10 Mbit/s, Gold"|');
  });

  it("draws the leased line to the VBR and a VBR router interface per VPC", () => {
    // WHEN
    const text = renderMermaid(idcLeasedLine());
    // THEN
    expect(nodes(text).get("vbr_beijing_idc")).toBe("VBR<br/>beijing-idc");
    expect(edges(text)).toEqual([
      "idc_beijing_idc -> vbr_beijing_idc : leased line pc-placeholder0000<br/>VLAN 100, BGP AS 65001",
      "vbr_beijing_idc -> vpc_bj_vpc : VBR router interface: idc-bj",
      "vbr_beijing_idc -> vpc_sz_vpc : VBR router interface: idc-sz",
    ]);
    // the VBR sits in its access point's region
    expect(text).toMatch(/subgraph region_cn_beijing\["cn-beijing"\]\n(?:\s+\w+[[({].*\n)*\s+vbr_beijing_idc/);
  });

  it("draws an Internet node only with a shared NAT, reached through the hub's NAT gateway", () => {
    // GIVEN / WHEN
    const nat = renderMermaid(sharedNat());
    // THEN
    expect(nodes(nat).get("internet")).toBe("Internet");
    expect(edges(nat)).toEqual([
      "vpc_hub_vpc -> vpc_spoke_vpc : peering: hub-spoke",
      "vpc_hub_vpc -> nat_egress : shared-nat: egress",
      "nat_egress -> internet : SNAT, EIP",
      "vpc_spoke_vpc -> vpc_hub_vpc : 0.0.0.0/0",
    ]);
    for (const t of [multinationalHub(), idcLeasedLine(), vpcPeeringSameAccount(), vpcPeeringCrossAccount()]) {
      expect(renderMermaid(t)).not.toMatch(/internet|Internet/);
    }
  });

  it("draws an IPsec link straight to a VPC without a VPN gateway", () => {
    // GIVEN an (invalid) topology whose VPC lost its gateway
    const t = mutate(multinationalHub(), (d) => {
      delete vpcOf(d, "us-vpc").vpnGateway;
    });
    // THEN no crash, and the link still has its edge
    expect(labelled(renderMermaid(t), "IPsec: us-office-1")).toEqual(["office_us_office_1 -> vpc_us_vpc : IPsec: us-office-1"]);
  });

  it("is deterministic", () => {
    expect(renderMermaid(multinationalHub())).toBe(renderMermaid(multinationalHub()));
    expect(renderMermaid(idcLeasedLine())).toBe(renderMermaid(structuredClone(idcLeasedLine())));
  });

  it("sanitizes ids and keeps them unique", () => {
    // GIVEN names with dots, dashes and spaces, two of which sanitize alike
    const t: Topology = {
      name: "odd",
      accounts: [{ name: "main" }],
      vpcs: [
        { name: "a.b", account: "main", region: "cn-hangzhou", cidr: "10.1.0.0/16", vswitches: [] },
        { name: "a-b", account: "main", region: "cn-hangzhou", cidr: "10.2.0.0/16", vswitches: [] },
        { name: "end", account: "main", region: "cn-hangzhou", cidr: "10.3.0.0/16", vswitches: [] },
      ],
      links: [
        { kind: "peering", name: "x y", requester: "a.b", acceptor: "a-b" },
        { kind: "peering", name: "z", requester: "a-b", acceptor: "end" },
      ],
    };
    // WHEN
    const text = renderMermaid(t);
    const ids = [...nodes(text).keys()];
    // THEN
    expect(ids).toEqual(["vpc_a_b", "vpc_a_b_2", "vpc_end"]);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(edges(text)).toEqual(["vpc_a_b -> vpc_a_b_2 : peering: x y", "vpc_a_b_2 -> vpc_end : peering: z"]);
  });

  it("escapes characters that would break a quoted label", () => {
    // GIVEN
    const t = mutate(vpcPeeringSameAccount(), (d) => {
      linkOf(d, "app-data", "peering").name = 'a "b" <c> #1 & d';
    });
    // THEN
    expect(renderMermaid(t)).toContain('|"peering: a #quot;b#quot; #lt;c#gt; #35;1 #amp; d"|');
  });
});

describe("committed diagrams", () => {
  it("README markers are filled in place, leaving the rest of the README alone", () => {
    // GIVEN
    const readme = fs.readFileSync(path.join(ROOT, README), "utf8");
    const blocks = {
      "vpc-peering-same-account": "A\n",
      "vpc-peering-cross-account": "B\n",
      "shared-nat": "C\n",
      "idc-leased-line": "D\n",
      "multinational-hub": "E\n",
    };
    // WHEN
    const once = updateReadme(readme, blocks);
    // THEN idempotent, every marker present filled (those of every scenario config/ builds), and only marker contents changed
    expect(updateReadme(once, blocks)).toBe(once);
    const marked = SCENARIO_KINDS.filter((s) => readme.includes(`<!-- diagram:${s} -->`));
    expect(marked).toEqual(expect.arrayContaining([...SCENARIOS]));
    for (const s of marked) expect(once).toContain(`<!-- diagram:${s} -->\n${blocks[s]}<!-- /diagram:${s} -->`);
    const strip = (s: string) => s.replace(/(<!-- diagram:[\w-]+ -->)[\s\S]*?(<!-- \/diagram:[\w-]+ -->)/g, "$1$2");
    expect(strip(once)).toBe(strip(readme));
  });

  it("fails when a README marker is missing", () => {
    expect(() =>
      updateReadme(
        "# no markers\n",
        {
          "vpc-peering-same-account": "",
          "vpc-peering-cross-account": "",
          "shared-nat": "",
          "idc-leased-line": "",
          "multinational-hub": "",
        },
        SCENARIO_KINDS,
      ),
    ).toThrow(/README\.md: expected one `<!-- diagram:vpc-peering-same-account -->`/);
  });

  it("generates one doc per scenario and the README", () => {
    const files = generate(fs.readFileSync(path.join(ROOT, README), "utf8")).map((f) => f.path);
    expect(files).toEqual([
      "docs/diagrams/vpc-peering-same-account.md",
      "docs/diagrams/vpc-peering-cross-account.md",
      "docs/diagrams/shared-nat.md",
      "docs/diagrams/idc-leased-line.md",
      "docs/diagrams/multinational-hub.md",
      "README.md",
    ]);
  });

  it("lists a changed README diagram and a missing doc as stale", () => {
    // GIVEN a copy of the generated files, with one README diagram edited and one doc gone
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diagrams-"));
    try {
      for (const f of generate(fs.readFileSync(path.join(ROOT, README), "utf8"))) {
        fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, f.path), f.content);
      }
      expect(staleFiles(dir)).toEqual([]);
      const readme = fs.readFileSync(path.join(dir, README), "utf8");
      // a line added by hand inside the first diagram block (whatever config/ holds)
      const edited = readme.replace(/(<!-- diagram:[\w-]+ -->\n)/, "$1edited by hand\n");
      expect(edited).not.toBe(readme);
      fs.writeFileSync(path.join(dir, README), edited);
      fs.rmSync(path.join(dir, "docs/diagrams/shared-nat.md"));
      // WHEN / THEN
      expect(staleFiles(dir)).toEqual(["docs/diagrams/shared-nat.md", "README.md"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("docs/diagrams and the README equal what the generator produces now", () => {
    const stale = staleFiles(ROOT);
    if (stale.length > 0) {
      throw new Error(`diagrams are out of date: ${stale.join(", ")}. Run \`${REGENERATE}\` and commit the result.`);
    }
  });
});

describe("diagrams of a scenario config/ does not build", () => {
  it("a dropped scenario's doc and README block say it is not built, and its markers may be gone", () => {
    // GIVEN every scenario but the IDC one built, and a README with and without its markers
    const built = SCENARIO_KINDS.filter((s) => s !== "idc-leased-line");
    const marker = (s: string) => `<!-- diagram:${s} -->\nold\n<!-- /diagram:${s} -->\n`;
    const withAll = SCENARIO_KINDS.map(marker).join("");
    const withoutIdc = built.map(marker).join("");
    // WHEN
    const files = generate(withAll, built);
    // THEN the IDC doc and block are a note naming the switch; the others are diagrams
    const doc = files.find((f) => f.path === "docs/diagrams/idc-leased-line.md")!.content;
    expect(doc).toContain("_Not built by this project: `idc-leased-line` is not in `SCENARIOS` (config/index.ts)._");
    expect(doc).not.toContain("```mermaid");
    const readme = files.find((f) => f.path === README)!.content;
    expect(readme).toContain("<!-- diagram:idc-leased-line -->\n_Not built by this project");
    expect(readme).toContain("<!-- diagram:shared-nat -->\n```mermaid\nflowchart LR\n");
    expect(generate(withoutIdc, built).find((f) => f.path === README)!.content).not.toContain("idc-leased-line");
    // and a built scenario's markers stay required
    expect(() => generate(withoutIdc, SCENARIO_KINDS)).toThrow(/expected one `<!-- diagram:idc-leased-line -->`/);
  });
});
