/**
 * The emulator's limits table (emulator/src/limits.ts) and the validator's facts (lib/topology)
 * are two transcriptions of the same Alibaba Cloud documents, made independently so that one
 * wrong table cannot fool the validator and its judge together. Here they must agree.
 */
import {
  ASN,
  DUAL_TUNNEL,
  dualTunnelZones,
  isDualTunnelRegion,
  QUOTA,
  RESERVED_CIDRS,
  TR_MULTI_ZONE_REGIONS,
  TRANSIT_ROUTER,
  trZonesNeeded,
} from "../../emulator/src/limits";
import { TR_QUOTAS, TR_REGIONS, vswitchZonesNeeded } from "../../lib/topology/transit-router-facts";
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

  test("transit routers: one per region per CEN, zones a VPC attachment needs, at most 10 zone mappings", () => {
    expect(TRANSIT_ROUTER.perRegionPerCen.value).toBe(TR_QUOTAS.transitRoutersPerRegionPerCen.value);
    expect(TRANSIT_ROUTER.zonesMultiZoneRegion.value).toBe(TR_QUOTAS.vswitchZonesPerVpcAttachmentMultiZone.value);
    expect(TRANSIT_ROUTER.zonesSingleZoneRegion.value).toBe(TR_QUOTAS.vswitchZonesPerVpcAttachmentSingleZone.value);
    expect(TRANSIT_ROUTER.maxZoneMappings.value).toBe(TR_QUOTAS.zonesPerVpcAttachment.value);
  });

  test("transit routers: where both tables know a region's zones, they agree on how many zones an attachment needs", () => {
    const sourced = TR_REGIONS.filter((r) => r.zones !== undefined).map((r) => r.region);
    expect(sourced.length).toBeGreaterThan(0);
    for (const region of sourced) expect([region, trZonesNeeded(region)]).toEqual([region, vswitchZonesNeeded(region)]);
    for (const region of TR_MULTI_ZONE_REGIONS.value) expect([region, vswitchZonesNeeded(region)]).toEqual([region, 2]);
  });
});
