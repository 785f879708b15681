import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { bgpAuthKeyVariable, lineKey, outputName, pskVariable } from "../lib/private/naming";
import { IdcLineSpec, IdcSpec, idcVpnBackups, vbrTableName } from "../lib/topology";
import { ScenarioStack, ScenarioStackProps } from "./scenario-stack";

/**
 * Scenario 3 (seeds 000, 001): an IDC on a leased line, one VBR, router-interface pairs
 * to VPCs in one or more regions. Outputs tell the IDC's network team what to set up.
 */
export class IdcLeasedLineStack extends ScenarioStack {
  constructor(scope: Construct, id: string, props: ScenarioStackProps) {
    super(scope, id, props);
    const t = props.topology;
    for (const [name, vpc] of this.network.vpcs) {
      new TerraformOutput(this, outputName("vpc_id_", name), { value: vpc.vpcId, description: `VPC ID of ${name}` });
    }
    for (const d of t.idcs ?? []) {
      this.lineOutputs(d, d.name, d);
      for (const l of d.additionalLines ?? []) this.lineOutputs(d, lineKey(d.name, l.name), l, l.name);
    }
    for (const b of idcVpnBackups(t)) this.vpnBackupOutput(b.idc, b.vpc, b.vpnLink);
  }

  /**
   * The IPsec settings of an IDC's VPN backup, named `office_<link>` like an office's so that
   * `npm run office-configs -- --outputs` fills the device files with the gateway's real IPs.
   */
  private vpnBackupOutput(d: IdcSpec, vpc: string, link: string): void {
    const site = this.network.idcVpns.get(d.name)!;
    const gw = this.network.vpnGateways.get(vpc)!;
    new TerraformOutput(this, outputName("office_", link), {
      description: `IPsec settings for the VPN device of data center ${d.name} (backup of its leased line; route the VPCs into the tunnel below BGP's preference)`,
      value: {
        connection_id: site.connectionId,
        alibaba_gateway_ip: gw.internetIp,
        tunnels: gw.tunnelOutputs(),
        idc_gateway_ip: d.vpnBackup!.publicIp,
        local_subnets: d.cidrs,
        pre_shared_key: `the value of TF_VAR_${pskVariable(link)} (not stored in this output)`,
      },
    });
  }

  /** A line's VBR ID and what its router needs (`<idc>` for the first line, `<idc>-<line>` for a further one). */
  private lineOutputs(d: IdcSpec, name: string, line: IdcSpec | IdcLineSpec, lineName?: string): void {
    const vbr = this.network.vbrs.get(vbrTableName(d.name, lineName))!;
    new TerraformOutput(this, outputName("vbr_id_", name), { value: vbr.vbrId });
    new TerraformOutput(this, outputName("idc_router_settings_", name), {
      description: `What to configure on the router of ${name}`,
      value: {
        vlan_id: line.vbr.vlanId,
        idc_side_ip: line.vbr.peerGatewayIp,
        alibaba_side_ip: line.vbr.localGatewayIp,
        peering_subnet_mask: line.vbr.peeringSubnetMask,
        routing: line.bgp ? "bgp" : "static",
        // cdktf cannot synthesize null inside an output value: absent fields are left out
        ...(line.bgp ? { bgp_local_asn: line.bgp.peerAsn, bgp_peer_asn: line.bgp.localAsn ?? 45104 } : {}),
        ...(line.bgp && (line.bgp.md5Auth ?? true) ? { bgp_md5_key: `the value of TF_VAR_${bgpAuthKeyVariable(name)}` } : {}),
        // the VBR health check's probes come from sourceIp: a static line's router routes them back (EnableCenVbrHealthCheck)
        ...(line.healthCheck && !line.bgp
          ? { health_check_return_route: `${line.healthCheck.sourceIp}/32 via ${line.vbr.localGatewayIp}` }
          : {}),
        networks_via_alibaba: this.network.plan
          .table("vbr", vbrTableName(d.name, lineName))
          .routes.filter((r) => r.nextHop.type !== "PhysicalConnection")
          .map((r) => r.destination),
      },
    });
  }
}
