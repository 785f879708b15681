/**
 * The device files of a data center whose leased line a VPN backs up
 * (examples/idc-vpn-backup.json, synthesized): the IPsec files of the IDC's device add no
 * route themselves, and the IDC's BIRD file routes the cloud's prefixes into the tunnel
 * at a preference below BGP's, so the line carries them while its session is up.
 */
import { Testing } from "cdktf";
import { join, resolve } from "path";
import { deviceConfigs, TfStackJson, VPN_BACKUP_PREFERENCE } from "../../lib/devices";
import { loadTopologyFile } from "../../lib/topology";
import { IdcLeasedLineStack } from "../../stacks/idc-leased-line";
import { synthJson } from "../constructs/tf-json";

const t = loadTopologyFile(join(resolve(__dirname, "../.."), "examples", "idc-vpn-backup.json"));
const json = synthJson(new IdcLeasedLineStack(Testing.app(), "idc", { topology: t })) as TfStackJson;
const configs = deviceConfigs([{ name: "idc", json }]);
const file = (path: string) => {
  const f = configs.files.find((x) => x.path === path);
  if (!f) throw new Error(`no file ${path}; have ${configs.files.map((x) => x.path).join(", ")}`);
  return f.content;
};

describe("device files of a data center with a VPN backup", () => {
  it("reads the IDC's connection as the backup of beijing-idc, carrying the link's VPCs", () => {
    const vpn = configs.offices.find((o) => o.connection === "beijing-idc-vpn")!;
    expect(vpn).toMatchObject({ backupOf: "beijing-idc", officeIp: "203.0.113.60", localSubnets: ["10.100.0.0/16"] });
    expect(vpn.routes).toEqual(["172.16.0.0/16", "172.18.0.0/16", "172.20.0.0/16"]);
  });

  it("adds no route in the tunnel's XFRM script (BIRD decides which path carries each prefix)", () => {
    const script = file("idc/beijing-idc-vpn/xfrm-routes.sh");
    expect(script).toContain("ip link add xfrm42 type xfrm");
    expect(script).not.toMatch(/^ip route/m);
  });

  it("routes the cloud's prefixes into the tunnel below BGP's preference (100) in the IDC's BIRD file", () => {
    const bird = file("idc/idc-beijing-idc/bird-bgp.conf");
    expect(VPN_BACKUP_PREFERENCE).toBeLessThan(100);
    expect(bird).toContain(
      [
        "protocol static idc_beijing_idc_vpn {",
        `  ipv4 { preference ${VPN_BACKUP_PREFERENCE}; };`,
        '  route 172.16.0.0/16 via "xfrm42";',
        '  route 172.18.0.0/16 via "xfrm42";',
        '  route 172.20.0.0/16 via "xfrm42";',
        "}",
      ].join("\n"),
    );
    // the line's session still announces the IDC and accepts the VPCs (not the TR's backup /15)
    expect(bird).toContain("define ALIBABA_beijing_idc_ANNOUNCE = [ 10.100.0.0/16 ];");
    expect(bird).toContain("define ALIBABA_beijing_idc_ACCEPT = [ 172.16.0.0/16+, 172.18.0.0/16+, 172.20.0.0/16+ ];");
  });

  it("fails when the customer gateway is not described as the IDC's: its range reads as an office's and the IDC has nothing to announce", () => {
    // GIVEN the same stack with the device's description changed
    const other = structuredClone(json) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    for (const g of Object.values(other.resource.alicloud_vpn_customer_gateway!)) g.description = "office beijing-idc";
    // WHEN / THEN generation refuses, naming the IDC and why
    expect(() => deviceConfigs([{ name: "idc", json: other as TfStackJson }])).toThrow(/IDC beijing-idc: no VPC routes towards its VBR/);
  });
});
