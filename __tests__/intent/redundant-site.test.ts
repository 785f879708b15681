/**
 * `redundant: true` on a site: after the reachability proof, synthesis runs the
 * single-failure table over the written JSON and refuses (exit 1, nothing written) a
 * design in which one failure of the site's own links cuts one of its promised pairs,
 * naming the site, the element and the pairs.
 */
import { existsSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { editStackAfterSynth } from "./edit-stack";
import { runApp } from "../../app";
import { IdcLineSpec, Topology } from "../../lib/topology";
import { addSecondTrLine, addStandbyLink, Json, setWithdrawal, Withdrawal } from "../analysis/redundant-stacks";
import { idcLeasedLine, seedTopologies } from "../fixtures/seeds";

function run(scenario: "multinational-hub" | "idc-leased-line", t: Topology): { code: number; message: string; outdir: string } {
  const outdir = join(mkdtempSync(join(tmpdir(), "redundant-")), "cdktf.out");
  const lines: string[] = [];
  const code = runApp({ outdir, only: [scenario], topologies: { [scenario]: t }, log: (m) => lines.push(m) });
  return { code, message: lines.join("\n"), outdir };
}

const editStack = (stack: string, edit: (tf: Json) => void): void => editStackAfterSynth<Json>(stack, edit);

const hub = (): Topology => {
  const t = seedTopologies()["multinational-hub"];
  return { ...t, offices: t.offices!.map((o) => (o.name === "us-office-1" ? { ...o, redundant: true } : o)) };
};
const idc = (lines: readonly IdcLineSpec[] = []): Topology => {
  const t = lines.length > 0 ? idcLeasedLine("transit-router") : idcLeasedLine();
  return { ...t, idcs: t.idcs!.map((d) => ({ ...d, redundant: true, ...(lines.length > 0 ? { additionalLines: lines } : {}) })) };
};

/** The second line as the hand-written JSON has it (redundant-stacks.ts): VLAN 200, peer 10.255.1.2, BGP like the first. */
const LINE_2: IdcLineSpec = {
  name: "line-2",
  leasedLine: { accessPointId: "ap-cn-beijing-ft-B", physicalConnectionId: "pc-placeholder0001" },
  vbr: { vlanId: 200, localGatewayIp: "10.255.1.1", peerGatewayIp: "10.255.1.2", peeringSubnetMask: "255.255.255.252" },
  bgp: { peerAsn: 65001 },
};

afterEach(() => jest.restoreAllMocks());

describe("redundant: true", () => {
  it("fails when a redundant office has one link, naming the site, the link and the pairs it cuts", () => {
    const r = run("multinational-hub", hub());
    expect(r.code).toBe(1);
    expect(existsSync(r.outdir)).toBe(false);
    expect(r.message).toMatch(/^topology "multinational-hub" is invalid \(1 problem\):/);
    expect(r.message).toMatch(
      /multinational-hub\.offices\[0\]\.redundant = true: site us-office-1 is cut off by one failure: vpn-link:us-office-1 alone cuts .*us-office-1->us-vpc/,
    );
  });

  it("fails when a redundant IDC has one leased line", () => {
    const r = run("idc-leased-line", idc());
    expect(r.code).toBe(1);
    expect(r.message).toMatch(
      /idc-leased-line\.idcs\[0\]\.redundant = true: site beijing-idc is cut off by one failure: line:beijing-idc\/beijing-idc alone cuts/,
    );
    expect(r.message).toMatch(/vbr-link:idc-bj alone cuts beijing-idc->bj-vpc, bj-vpc->beijing-idc/);
  });

  it("passes when the JSON gives the redundant office a standby link (a second device at the same address)", () => {
    editStack("multinational-hub-dev", (tf) => addStandbyLink(tf, "us-office-1", "203.0.113.11"));
    const r = run("multinational-hub", hub());
    expect(r.message).not.toMatch(/redundant|cut off/);
    expect(r.code).toBe(0);
  });

  it("passes when a redundant IDC on transit routers has a second line with BGP, and fails when that line is static without a health check", () => {
    // the constructs emit the second line (a stack without it gets one written into the
    // JSON as the constructs emit it); "none" then takes the line's BGP away in the
    // JSON, so that nothing withdraws its routes when it fails
    const secondLine = (how: Withdrawal) => (tf: Json) => {
      const vbrs = Object.entries(tf.resource.alicloud_express_connect_virtual_border_router!);
      const vbr2 = vbrs.find(([, v]) => v.virtual_border_router_name === "beijing-idc-line-2")?.[0] ?? addSecondTrLine(tf);
      setWithdrawal(tf, vbr2, how);
    };
    editStack("idc-leased-line-dev", secondLine("bgp"));
    expect(run("idc-leased-line", idc([LINE_2])).code).toBe(0);
    jest.restoreAllMocks();
    editStack("idc-leased-line-dev", secondLine("none"));
    const r = run("idc-leased-line", idc([LINE_2]));
    expect(r.code).toBe(1);
    expect(r.message).toMatch(
      /site beijing-idc is cut off by one failure: line:beijing-idc\/line-2 alone cuts bj-vpc->beijing-idc, sz-vpc->beijing-idc/,
    );
  });
});
