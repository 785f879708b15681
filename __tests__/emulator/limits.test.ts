/**
 * The emulator's limits table (emulator/src/limits.ts) and the validator's facts (lib/topology)
 * are two transcriptions of the same Alibaba Cloud documents, made independently so that one
 * wrong table cannot fool the validator and its judge together. Here they must agree.
 */
import { ASN, DUAL_TUNNEL, dualTunnelZones, isDualTunnelRegion, QUOTA, RESERVED_CIDRS } from "../../emulator/src/limits";
import { QUOTAS, RESERVED_RANGES } from "../../lib/topology/quotas";
import { KNOWN_REGIONS } from "../../lib/topology/regions";
import { ALIBABA_ASN } from "../../lib/topology/validate";
import { DUAL_TUNNEL_VPN_REGIONS, dualTunnelZones as libZones, supportsDualTunnelVpn } from "../../lib/topology/vpn-capabilities";

describe("the emulator's limits agree with lib/'s facts", () => {
  test("quotas: route entries per table and rules per security group", () => {
    expect(QUOTA.customRouteEntriesPerTable.value).toBe(QUOTAS.routeEntriesPerTable.default);
    expect(QUOTA.securityGroupRules.value).toBe(QUOTAS.securityGroupRules.default);
  });

  test("reserved ranges", () => {
    const lib = RESERVED_RANGES.map((r) => `${r.cidr.text}`).sort();
    expect([...RESERVED_CIDRS.value].sort()).toEqual(lib);
  });

  test("dual-tunnel VPN regions and their zones, region by region", () => {
    expect(Object.keys(DUAL_TUNNEL.value).sort()).toEqual(Object.keys(DUAL_TUNNEL_VPN_REGIONS).sort());
    for (const region of KNOWN_REGIONS) {
      expect([region, isDualTunnelRegion(region)]).toEqual([region, supportsDualTunnelVpn(region)]);
      expect([region, dualTunnelZones(region)?.slice().sort()]).toEqual([region, libZones(region)?.slice().sort()]);
    }
  });

  test("Alibaba Cloud's own ASN", () => {
    expect(ASN.alibaba.value).toBe(ALIBABA_ASN);
  });
});
