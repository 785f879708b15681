import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { bgpAuthKeyVariable, lineKey, outputName } from "../lib/private/naming";
import { IdcLineSpec, IdcSpec, vbrTableName } from "../lib/topology";
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
