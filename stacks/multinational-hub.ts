import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { outputName, pskVariable } from "../lib/private/naming";
import { ScenarioStack, ScenarioStackProps } from "./scenario-stack";

/**
 * Scenario 4 (seed 002): VPN gateways per region, IPsec office sites and a cross-region
 * interconnect (router-interface pair or peering). The outputs are what the people who
 * configure the office devices need: gateway IPs, connection IDs, IKE/IPsec settings
 * and where the pre-shared key comes from (never the key itself).
 */
export class MultinationalHubStack extends ScenarioStack {
  constructor(scope: Construct, id: string, props: ScenarioStackProps) {
    super(scope, id, props);
    const t = props.topology;
    for (const [name, vpc] of this.network.vpcs) {
      new TerraformOutput(this, outputName("vpc_id_", name), { value: vpc.vpcId, description: `VPC ID of ${name}` });
    }
    for (const [name, gw] of this.network.vpnGateways) {
      new TerraformOutput(this, outputName("vpn_gateway_ip_", name), {
        value: gw.internetIp,
        description: `Public IP of the VPN gateway in ${name}`,
      });
      if (gw.dualTunnel) {
        new TerraformOutput(this, outputName("vpn_gateway_dr_ip_", name), {
          value: gw.disasterRecoveryInternetIp,
          description: `Public IP of the VPN gateway's second (standby) tunnel endpoint in ${name}`,
        });
      }
    }
    for (const l of t.links) {
      if (l.kind !== "vpn") continue;
      const site = this.network.offices.get(l.name)!;
      const gw = this.network.vpnGateways.get(l.vpc)!;
      const office = t.offices!.find((o) => o.name === l.office)!;
      const p = site.policy;
      new TerraformOutput(this, outputName("office_", l.name), {
        description: `IPsec settings for the device of office ${l.office}`,
        value: {
          connection_id: site.connectionId,
          alibaba_gateway_ip: gw.internetIp,
          // a second office device may end the slave tunnel
          tunnels: gw.tunnelOutputs(l.slaveTunnelPublicIp),
          office_gateway_ip: l.publicIp ?? office.publicIp,
          // the device's view: its local networks, and everything else behind the tunnel
          local_subnets: office.cidrs,
          remote_subnets: ["0.0.0.0/0"],
          ike: {
            version: p.ikeVersion,
            mode: p.ikeMode,
            encryption: p.ikeEncryption,
            integrity: p.ikeAuth,
            dh_group: p.ikePfs,
            lifetime_s: p.ikeLifetime,
          },
          ipsec: { encryption: p.ipsecEncryption, integrity: p.ipsecAuth, pfs_group: p.ipsecPfs, lifetime_s: p.ipsecLifetime },
          dpd: p.enableDpd,
          nat_traversal: p.enableNatTraversal,
          pre_shared_key: `the value of TF_VAR_${pskVariable(l.name)} (not stored in this output)`,
        },
      });
    }
  }
}
