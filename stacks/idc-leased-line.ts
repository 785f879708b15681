import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { bgpAuthKeyVariable, outputName } from "../lib/private/naming";
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
      const vbr = this.network.vbrs.get(d.name)!;
      new TerraformOutput(this, outputName("vbr_id_", d.name), { value: vbr.vbrId });
      new TerraformOutput(this, outputName("idc_router_settings_", d.name), {
        description: `What to configure on the router of ${d.name}`,
        value: {
          vlan_id: d.vbr.vlanId,
          idc_side_ip: d.vbr.peerGatewayIp,
          alibaba_side_ip: d.vbr.localGatewayIp,
          peering_subnet_mask: d.vbr.peeringSubnetMask,
          routing: d.bgp ? "bgp" : "static",
          // cdktf cannot synthesize null inside an output value: absent fields are left out
          ...(d.bgp ? { bgp_local_asn: d.bgp.peerAsn, bgp_peer_asn: d.bgp.localAsn ?? 45104 } : {}),
          ...(d.bgp && (d.bgp.md5Auth ?? true) ? { bgp_md5_key: `the value of TF_VAR_${bgpAuthKeyVariable(d.name)}` } : {}),
          networks_via_alibaba: this.network.plan
            .table("vbr", d.name)
            .routes.filter((r) => r.nextHop.type !== "PhysicalConnection")
            .map((r) => r.destination),
        },
      });
    }
  }
}
