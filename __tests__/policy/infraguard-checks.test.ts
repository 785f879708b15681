/**
 * One test per enforced InfraGuard rule: a compliant and a violating configuration,
 * modelled on the facts of InfraGuard's own compliant/violation cases
 * (aliyun/infraguard policies/testdata/aliyun/rules/terraform/<rule>/), written here in
 * this project's terms, plus the cases where this project is stricter.
 */
import { Aspects, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { providerSchemaFacts } from "../../config/provider-schema";
import { CenInstance } from "../../.gen/providers/alicloud/cen-instance";
import { CenTransitRouterPeerAttachment } from "../../.gen/providers/alicloud/cen-transit-router-peer-attachment";
import { CenTransitRouterVpcAttachment } from "../../.gen/providers/alicloud/cen-transit-router-vpc-attachment";
import { EipAddress, EipAddressConfig } from "../../.gen/providers/alicloud/eip-address";
import { EipAssociation } from "../../.gen/providers/alicloud/eip-association";
import { ForwardEntry } from "../../.gen/providers/alicloud/forward-entry";
import { Instance, InstanceConfig } from "../../.gen/providers/alicloud/instance";
import { LogStore, LogStoreConfig } from "../../.gen/providers/alicloud/log-store";
import { NatGateway, NatGatewayConfig } from "../../.gen/providers/alicloud/nat-gateway";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { SecurityGroup, SecurityGroupConfig } from "../../.gen/providers/alicloud/security-group";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { Vpc } from "../../.gen/providers/alicloud/vpc";
import { VpcFlowLog } from "../../.gen/providers/alicloud/vpc-flow-log";
import { VpnConnection, VpnConnectionTunnelOptionsSpecification } from "../../.gen/providers/alicloud/vpn-connection";
import { VpnGateway } from "../../.gen/providers/alicloud/vpn-gateway";
import { Vswitch } from "../../.gen/providers/alicloud/vswitch";
import { CoverageStatus, coverageOf, exemptFromPolicy, INFRAGUARD_CHECKS, PolicyChecks, PolicyRule } from "../../lib/policy";
import { supportsDualTunnelVpn } from "../../lib/topology/vpn-capabilities";
import { NetworkSecurityGroup } from "../../lib/constructs/network-security-group";
import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { aliasedProvider, newStack } from "../constructs/tf-json";

type Build = (scope: Construct, provider: AlicloudProvider) => void;

/** Messages of `rule` after synthesizing what `build` adds to a checked stack in `region`. */
function violations(rule: PolicyRule, build: Build, region = "cn-hangzhou"): string[] {
  const stack: TerraformStack = newStack();
  Aspects.of(stack).add(new PolicyChecks({ schema: providerSchemaFacts(), requiredTags: [] }));
  build(stack, aliasedProvider(stack, "main", region));
  Testing.synth(stack);
  const tag = `[policy:${rule}] `;
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === "@cdktf/error" && String(m.data).startsWith(tag))
    .map((m) => String(m.data).slice(tag.length));
}

const sg =
  (extra: Partial<SecurityGroupConfig> = {}): Build =>
  (s, provider) => {
    new SecurityGroup(s, "Sg", { provider, vpcId: "vpc-1", description: "app tier", securityGroupType: "normal", ...extra });
  };
const ruleOf =
  (type: "ingress" | "egress", ipProtocol: string, portRange: string, cidrIp: string): Build =>
  (s, provider) => {
    new SecurityGroupRule(s, "Rule", { provider, securityGroupId: "sg-1", type, ipProtocol, portRange, cidrIp });
  };
const eip =
  (extra: Partial<EipAddressConfig> = {}, associate = true): Build =>
  (s, provider) => {
    const e = new EipAddress(s, "Eip", { provider, addressName: "e", bandwidth: "5", deletionProtection: true, ...extra });
    if (associate) new EipAssociation(s, "Assoc", { provider, allocationId: e.id, instanceId: "ngw-1", instanceType: "Nat" });
  };
const nat =
  (extra: Partial<NatGatewayConfig> = {}): Build =>
  (s, provider) => {
    new NatGateway(s, "Nat", { provider, vpcId: "vpc-1", vswitchId: "vsw-1", natType: "Enhanced", deletionProtection: true, ...extra });
  };
const tunnel = (role: string): VpnConnectionTunnelOptionsSpecification => ({
  role,
  customerGatewayId: "cgw-1",
  tunnelIkeConfig: { ikeVersion: "ikev2", ikeAuthAlg: "sha256", ikeEncAlg: "aes256", ikePfs: "group14" },
  tunnelIpsecConfig: { ipsecAuthAlg: "sha256", ipsecEncAlg: "aes256", ipsecPfs: "group14" },
});
const connection =
  (tunnels: string[]): Build =>
  (s, provider) => {
    new VpnConnection(s, "Conn", {
      provider,
      vpnGatewayId: "vpn-1",
      localSubnet: ["0.0.0.0/0"],
      remoteSubnet: ["10.0.0.0/24"],
      ...(tunnels.length ? { tunnelOptionsSpecification: tunnels.map(tunnel) } : { customerGatewayId: "cgw-1" }),
    });
  };
const gateway =
  (drVswitch?: string): Build =>
  (s, provider) => {
    new VpnGateway(s, "Gw", {
      provider,
      vpcId: "vpc-1",
      bandwidth: 10,
      vswitchId: "vsw-a",
      disasterRecoveryVswitchId: drVswitch,
      enableIpsec: true,
      enableSsl: false,
    });
  };

/** A region the shared capability table lists as single-tunnel only. */
const SINGLE_TUNNEL_REGION = "me-central-1";

describe("InfraGuard rules enforced by PolicyChecks", () => {
  it("fails when a security group has no description (ecs-security-group-description-check)", () => {
    expect(violations(PolicyRule.SG_DESCRIPTION, sg())).toEqual([]);
    expect(violations(PolicyRule.SG_DESCRIPTION, sg({ description: undefined }))).toEqual([expect.stringMatching(/has no description/)]);
  });

  it("fails when a security group names no VPC (security-group-vpc-required)", () => {
    expect(violations(PolicyRule.SG_VPC_REQUIRED, sg())).toEqual([]);
    expect(violations(PolicyRule.SG_VPC_REQUIRED, sg({ vpcId: undefined }))).toEqual([expect.stringMatching(/has no vpc_id/)]);
  });

  it("fails when a security group leaves its type to the API (security-group-enterprise-type)", () => {
    expect(violations(PolicyRule.SG_TYPE_STATED, sg({ securityGroupType: "enterprise" }))).toEqual([]);
    expect(violations(PolicyRule.SG_TYPE_STATED, sg({ securityGroupType: undefined }))).toEqual([
      expect.stringMatching(/security_group_type/),
    ]);
  });

  it("fails when an egress rule accepts everything to the internet (ecs-security-group-egress-not-all-access)", () => {
    expect(violations(PolicyRule.SG_EGRESS_NOT_ALL, ruleOf("egress", "tcp", "443/443", "0.0.0.0/0"))).toEqual([]);
    expect(violations(PolicyRule.SG_EGRESS_NOT_ALL, ruleOf("egress", "all", "-1/-1", "10.0.0.0/8"))).toEqual([]);
    expect(violations(PolicyRule.SG_EGRESS_NOT_ALL, ruleOf("egress", "all", "-1/-1", "0.0.0.0/0"))).toEqual([
      expect.stringMatching(/every protocol and port to the whole internet/),
    ]);
  });

  it("fails when ingress admits a public source (ecs-security-group-not-internet-cidr-access)", () => {
    expect(violations(PolicyRule.SG_PRIVATE_SOURCES, ruleOf("ingress", "tcp", "22/22", "10.0.0.0/8"))).toEqual([]);
    expect(violations(PolicyRule.SG_PRIVATE_SOURCES, ruleOf("ingress", "tcp", "22/22", "172.31.0.0/16"))).toEqual([]);
    expect(violations(PolicyRule.SG_PRIVATE_SOURCES, ruleOf("ingress", "tcp", "22/22", "203.0.113.0/24"))).toEqual([
      expect.stringMatching(/^ingress source 203\.0\.113\.0\/24 includes public addresses/),
    ]);
    // Stricter than a text-prefix test: 10.0.0.0/7 starts with "10." but reaches 11.0.0.0/8.
    expect(violations(PolicyRule.SG_PRIVATE_SOURCES, ruleOf("ingress", "tcp", "22/22", "10.0.0.0/7"))).toHaveLength(1);
    // Egress is not this rule's business.
    expect(violations(PolicyRule.SG_PRIVATE_SOURCES, ruleOf("egress", "tcp", "443/443", "203.0.113.0/24"))).toEqual([]);
  });

  it("fails when ingress opens every port (ecs-security-group-not-open-all-port)", () => {
    expect(violations(PolicyRule.SG_NOT_ALL_PORTS, ruleOf("ingress", "tcp", "443/443", "10.0.0.0/8"))).toEqual([]);
    // ICMP rules must say -1/-1 (ports do not apply), so they are not flagged.
    expect(violations(PolicyRule.SG_NOT_ALL_PORTS, ruleOf("ingress", "icmp", "-1/-1", "10.0.0.0/8"))).toEqual([]);
    expect(violations(PolicyRule.SG_NOT_ALL_PORTS, ruleOf("ingress", "tcp", "-1/-1", "10.0.0.0/8"))).toEqual([
      expect.stringMatching(/opens every port/),
    ]);
    expect(violations(PolicyRule.SG_NOT_ALL_PORTS, ruleOf("ingress", "udp", "1/65535", "10.0.0.0/8"))).toHaveLength(1);
  });

  it("fails when ingress admits every protocol (ecs-security-group-not-open-all-protocol)", () => {
    expect(violations(PolicyRule.SG_NOT_ALL_PROTOCOLS, ruleOf("ingress", "tcp", "443/443", "0.0.0.0/0"))).toEqual([]);
    expect(violations(PolicyRule.SG_NOT_ALL_PROTOCOLS, ruleOf("ingress", "all", "-1/-1", "10.0.0.0/8"))).toEqual([
      expect.stringMatching(/admits every protocol/),
    ]);
  });

  it("fails when SSH or RDP is open to the internet (ecs-security-group-risky-ports-check-with-protocol)", () => {
    expect(violations(PolicyRule.SG_RISKY_PORTS_WITH_PROTOCOL, ruleOf("ingress", "tcp", "22/22", "10.0.0.0/8"))).toEqual([]);
    expect(violations(PolicyRule.SG_RISKY_PORTS_WITH_PROTOCOL, ruleOf("ingress", "tcp", "443/443", "0.0.0.0/0"))).toEqual([]);
    expect(violations(PolicyRule.SG_RISKY_PORTS_WITH_PROTOCOL, ruleOf("ingress", "tcp", "22/22", "0.0.0.0/0"))).toEqual([
      expect.stringMatching(/opens 22 \(SSH\/RDP\) to 0\.0\.0\.0\/0/),
    ]);
    expect(violations(PolicyRule.SG_RISKY_PORTS_WITH_PROTOCOL, ruleOf("ingress", "udp", "3000/4000", "0.0.0.0/0"))).toEqual([
      expect.stringMatching(/opens 3389/),
    ]);
    // Stricter: all protocols on all ports include 22 and 3389.
    expect(violations(PolicyRule.SG_RISKY_PORTS_WITH_PROTOCOL, ruleOf("ingress", "all", "-1/-1", "0.0.0.0/0"))).toEqual([
      expect.stringMatching(/opens 22, 3389/),
    ]);
  });

  it("fails when a port other than 80 is open to the internet (ecs-security-group-white-list-port-check)", () => {
    expect(violations(PolicyRule.SG_WHITELIST_PORTS, ruleOf("ingress", "tcp", "80/80", "0.0.0.0/0"))).toEqual([]);
    expect(violations(PolicyRule.SG_WHITELIST_PORTS, ruleOf("ingress", "tcp", "8080/8080", "10.0.0.0/8"))).toEqual([]);
    expect(violations(PolicyRule.SG_WHITELIST_PORTS, ruleOf("ingress", "tcp", "8080/8080", "0.0.0.0/0"))).toEqual([
      expect.stringMatching(/port 80 only/),
    ]);
  });

  it("fails when every port is open to the internet (sg-public-access-check)", () => {
    expect(violations(PolicyRule.SG_PUBLIC_ACCESS, ruleOf("ingress", "tcp", "443/443", "0.0.0.0/0"))).toEqual([]);
    expect(violations(PolicyRule.SG_PUBLIC_ACCESS, ruleOf("ingress", "tcp", "-1/-1", "10.0.0.0/8"))).toEqual([]);
    expect(violations(PolicyRule.SG_PUBLIC_ACCESS, ruleOf("ingress", "tcp", "-1/-1", "0.0.0.0/0"))).toEqual([
      expect.stringMatching(/opens every port to 0\.0\.0\.0\/0/),
    ]);
  });

  it("fails when a database or remote-access port is open to the internet (sg-risky-ports-check)", () => {
    expect(violations(PolicyRule.SG_RISKY_PORTS, ruleOf("ingress", "tcp", "3306/3306", "10.0.0.0/8"))).toEqual([]);
    expect(violations(PolicyRule.SG_RISKY_PORTS, ruleOf("ingress", "tcp", "443/443", "0.0.0.0/0"))).toEqual([]);
    expect(violations(PolicyRule.SG_RISKY_PORTS, ruleOf("ingress", "tcp", "3306/3306", "0.0.0.0/0"))).toEqual([
      expect.stringMatching(/risky port\(s\) 3306/),
    ]);
    // Stricter: a range containing risky ports counts, not only the exact single-port strings.
    expect(violations(PolicyRule.SG_RISKY_PORTS, ruleOf("ingress", "tcp", "6000/6500", "0.0.0.0/0"))).toEqual([
      expect.stringMatching(/risky port\(s\) 6379/),
    ]);
  });

  it("fails when an EIP is not associated with anything (eip-attached)", () => {
    expect(violations(PolicyRule.EIP_ATTACHED, eip())).toEqual([]);
    expect(violations(PolicyRule.EIP_ATTACHED, eip({}, false))).toEqual([expect.stringMatching(/no alicloud_eip_association/)]);
    // An association of some other EIP does not count.
    expect(
      violations(PolicyRule.EIP_ATTACHED, (s, provider) => {
        new EipAddress(s, "Eip", { provider, addressName: "e", bandwidth: "5", deletionProtection: true });
        new EipAssociation(s, "Other", { provider, allocationId: "eip-elsewhere", instanceId: "i-1" });
      }),
    ).toHaveLength(1);
  });

  it("fails when an EIP's bandwidth is over 100 Mbit/s (eip-bandwidth-limit)", () => {
    expect(violations(PolicyRule.EIP_BANDWIDTH_LIMIT, eip({ bandwidth: "50" }))).toEqual([]);
    expect(violations(PolicyRule.EIP_BANDWIDTH_LIMIT, eip({ bandwidth: "100" }))).toEqual([]);
    expect(violations(PolicyRule.EIP_BANDWIDTH_LIMIT, eip({ bandwidth: "200" }))).toEqual([
      expect.stringMatching(/bandwidth = 200 Mbit\/s; allowed: at most 100/),
    ]);
  });

  it("fails when an EIP leaves its bandwidth to the API (eip-explicit-bandwidth-required)", () => {
    expect(violations(PolicyRule.EIP_EXPLICIT_BANDWIDTH, eip())).toEqual([]);
    expect(violations(PolicyRule.EIP_EXPLICIT_BANDWIDTH, eip({ bandwidth: undefined }))).toEqual([
      expect.stringMatching(/leaves bandwidth/),
    ]);
  });

  it("fails when an EIP lacks deletion protection (eip-delete-protection-enabled)", () => {
    expect(violations(PolicyRule.EIP_DELETE_PROTECTION, eip())).toEqual([]);
    expect(violations(PolicyRule.EIP_DELETE_PROTECTION, eip({ deletionProtection: false }))).toEqual([
      expect.stringMatching(/deletion_protection = true/),
    ]);
    expect(violations(PolicyRule.EIP_DELETE_PROTECTION, eip({ deletionProtection: undefined }))).toHaveLength(1);
  });

  it("fails when a NAT gateway lacks deletion protection (natgateway-delete-protection-enabled)", () => {
    expect(violations(PolicyRule.NAT_DELETE_PROTECTION, nat())).toEqual([]);
    expect(violations(PolicyRule.NAT_DELETE_PROTECTION, nat({ deletionProtection: false }))).toEqual([
      expect.stringMatching(/deletion_protection = true/),
    ]);
  });

  it("fails when a NAT gateway is not Enhanced (natgateway-eip-used-check)", () => {
    expect(violations(PolicyRule.NAT_ENHANCED, nat())).toEqual([]);
    expect(violations(PolicyRule.NAT_ENHANCED, nat({ natType: "Normal" }))).toEqual([
      expect.stringMatching(/nat_type = Normal; allowed: Enhanced/),
    ]);
    expect(violations(PolicyRule.NAT_ENHANCED, nat({ natType: undefined }))).toEqual([expect.stringMatching(/nat_type = \(unset\)/)]);
  });

  it("fails when a Normal NAT gateway is of the Small specification (natgateway-snat-eip-bandwidth-check)", () => {
    expect(violations(PolicyRule.NAT_SNAT_EIP_BANDWIDTH, nat({ specification: "Middle" }))).toEqual([]);
    expect(violations(PolicyRule.NAT_SNAT_EIP_BANDWIDTH, nat({ natType: "Normal", specification: "Middle" }))).toEqual([]);
    expect(violations(PolicyRule.NAT_SNAT_EIP_BANDWIDTH, nat({ natType: "Normal", specification: "Small" }))).toEqual([
      expect.stringMatching(/specification Small/),
    ]);
  });

  it("fails when DNAT publishes a risky port (nat-risk-ports-check)", () => {
    const dnat =
      (externalPort: string): Build =>
      (s, provider) => {
        new ForwardEntry(s, "Dnat", {
          provider,
          forwardTableId: "ftb-1",
          externalIp: "192.0.2.1",
          externalPort,
          ipProtocol: "tcp",
          internalIp: "10.0.0.1",
          internalPort: externalPort,
        });
      };
    expect(violations(PolicyRule.NAT_RISK_PORTS, dnat("80"))).toEqual([]);
    expect(violations(PolicyRule.NAT_RISK_PORTS, dnat("22"))).toEqual([expect.stringMatching(/external_port = 22 publishes 22/)]);
    expect(violations(PolicyRule.NAT_RISK_PORTS, dnat("any"))).toHaveLength(1);
  });

  it("fails when a VPC has no CIDR block (vpc-cidr-required)", () => {
    expect(
      violations(PolicyRule.VPC_CIDR_REQUIRED, (s, provider) => {
        new Vpc(s, "Vpc", { provider, vpcName: "a", cidrBlock: "10.0.0.0/16" });
      }),
    ).toEqual([]);
    expect(
      violations(PolicyRule.VPC_CIDR_REQUIRED, (s, provider) => {
        new Vpc(s, "Vpc", { provider, vpcName: "a" });
      }),
    ).toEqual([expect.stringMatching(/has no cidr_block/)]);
  });

  it("fails when a VPC has no flow log of its own (vpc-flow-logs-enabled)", () => {
    const vpcWithLog =
      (logged: "this" | "other" | "vswitch"): Build =>
      (s, provider) => {
        const vpc = new Vpc(s, "Vpc", { provider, vpcName: "a", cidrBlock: "172.16.0.0/12" });
        const other = new Vpc(s, "Other", { provider, vpcName: "b", cidrBlock: "10.0.0.0/16" });
        exemptFromPolicy(other, PolicyRule.VPC_FLOW_LOGS, "the other VPC is not under test here");
        new VpcFlowLog(s, "FlowLog", {
          provider,
          resourceType: logged === "vswitch" ? "VSwitch" : "VPC",
          resourceId: logged === "other" ? other.id : vpc.id,
          trafficType: "All",
          projectName: "p-flow",
          logStoreName: "s",
        });
      };
    expect(violations(PolicyRule.VPC_FLOW_LOGS, vpcWithLog("this"))).toEqual([]);
    expect(
      violations(PolicyRule.VPC_FLOW_LOGS, (s, provider) => {
        new Vpc(s, "Vpc", { provider, vpcName: "a", cidrBlock: "172.16.0.0/12" });
      }),
    ).toEqual([expect.stringMatching(/alicloud_vpc has no alicloud_vpc_flow_log \(resource_type VPC\)/)]);
    // Stricter than InfraGuard's count: one flow log on another VPC does not cover this one.
    expect(violations(PolicyRule.VPC_FLOW_LOGS, vpcWithLog("other"))).toHaveLength(1);
    expect(violations(PolicyRule.VPC_FLOW_LOGS, vpcWithLog("vswitch"))).toHaveLength(1);
  });

  it("fails when a vSwitch has no CIDR block (vswitch-cidr-required)", () => {
    expect(
      violations(PolicyRule.VSWITCH_CIDR_REQUIRED, (s, provider) => {
        new Vswitch(s, "Vsw", { provider, vpcId: "vpc-1", zoneId: "cn-hangzhou-i", cidrBlock: "10.0.1.0/24" });
      }),
    ).toEqual([]);
    expect(
      violations(PolicyRule.VSWITCH_CIDR_REQUIRED, (s, provider) => {
        new Vswitch(s, "Vsw", { provider, vpcId: "vpc-1", zoneId: "cn-hangzhou-i" });
      }),
    ).toEqual([expect.stringMatching(/has no cidr_block/)]);
  });

  it("fails when a vSwitch is a /29 or smaller (vswitch-available-ip-count)", () => {
    const vsw =
      (cidrBlock: string): Build =>
      (s, provider) => {
        new Vswitch(s, "Vsw", { provider, vpcId: "vpc-1", zoneId: "cn-hangzhou-i", cidrBlock });
      };
    expect(violations(PolicyRule.VSWITCH_AVAILABLE_IPS, vsw("172.16.0.0/24"))).toEqual([]);
    expect(violations(PolicyRule.VSWITCH_AVAILABLE_IPS, vsw("172.16.0.0/28"))).toEqual([]);
    expect(violations(PolicyRule.VSWITCH_AVAILABLE_IPS, vsw("172.16.0.0/29"))).toEqual([
      expect.stringMatching(/172\.16\.0\.0\/29 leaves too few addresses; allowed: \/28 or larger/),
    ]);
  });

  it("fails when a VPN gateway in a dual-tunnel region has no disaster-recovery vSwitch (vpn-gateway-multi-zone)", () => {
    expect(supportsDualTunnelVpn("us-east-1")).toBe(true);
    expect(supportsDualTunnelVpn(SINGLE_TUNNEL_REGION)).toBe(false);
    expect(violations(PolicyRule.VPN_GATEWAY_MULTI_ZONE, gateway("vsw-b"), "us-east-1")).toEqual([]);
    expect(violations(PolicyRule.VPN_GATEWAY_MULTI_ZONE, gateway(), "us-east-1")).toEqual([
      expect.stringMatching(/in us-east-1 \(dual-tunnel\) has no disaster_recovery_vswitch_id/),
    ]);
    // The same fact decides where the rule does not apply: no dual-tunnel gateways there.
    expect(violations(PolicyRule.VPN_GATEWAY_MULTI_ZONE, gateway(), SINGLE_TUNNEL_REGION)).toEqual([]);
  });

  it("fails when an IPsec connection in a dual-tunnel region lacks a master and a slave tunnel (vpn-connection-master-slave-established)", () => {
    expect(violations(PolicyRule.VPN_MASTER_SLAVE, connection(["master", "slave"]), "cn-shanghai")).toEqual([]);
    expect(violations(PolicyRule.VPN_MASTER_SLAVE, connection(["master"]), "cn-shanghai")).toEqual([
      expect.stringMatching(/has 1 tunnel_options_specification block\(s\) with roles \[master\]/),
    ]);
    expect(violations(PolicyRule.VPN_MASTER_SLAVE, connection([]), "cn-shanghai")).toHaveLength(1);
    // Stricter than counting blocks: two masters are not a master and a slave.
    expect(violations(PolicyRule.VPN_MASTER_SLAVE, connection(["master", "master"]), "cn-shanghai")).toHaveLength(1);
    expect(violations(PolicyRule.VPN_MASTER_SLAVE, connection([]), SINGLE_TUNNEL_REGION)).toEqual([]);
  });

  it("fails when an IPsec connection has no enabled health check (vpn-ipsec-connection-health-check-open)", () => {
    const conn =
      (healthCheckConfig?: { enable: boolean }): Build =>
      (s, provider) => {
        new VpnConnection(s, "Conn", {
          provider,
          vpnGatewayId: "vpn-1",
          customerGatewayId: "cgw-1",
          localSubnet: ["192.168.1.0/24"],
          remoteSubnet: ["10.0.0.0/24"],
          healthCheckConfig: healthCheckConfig && { ...healthCheckConfig, sip: "192.168.1.1", dip: "10.0.0.1", interval: 3, retry: 3 },
        });
      };
    expect(violations(PolicyRule.VPN_HEALTH_CHECK, conn({ enable: true }))).toEqual([]);
    expect(violations(PolicyRule.VPN_HEALTH_CHECK, conn())).toEqual([expect.stringMatching(/no enabled health_check_config/)]);
    expect(violations(PolicyRule.VPN_HEALTH_CHECK, conn({ enable: false }))).toHaveLength(1);
  });

  it("fails when an SLS logstore is not encrypted at rest (sls-logstore-enabled-encrypt)", () => {
    const store =
      (extra: Partial<LogStoreConfig>): Build =>
      (s, provider) => {
        new LogStore(s, "Store", { provider, projectName: "p-flow", logstoreName: "s", retentionPeriod: 30, ...extra });
      };
    expect(violations(PolicyRule.SLS_LOGSTORE_ENCRYPTED, store({ encryptConf: { enable: true, encryptType: "default" } }))).toEqual([]);
    expect(violations(PolicyRule.SLS_LOGSTORE_ENCRYPTED, store({}))).toEqual([expect.stringMatching(/not encrypted at rest/)]);
    expect(violations(PolicyRule.SLS_LOGSTORE_ENCRYPTED, store({ encryptConf: { enable: false, encryptType: "default" } }))).toHaveLength(
      1,
    );
  });

  it("fails when an SLS logstore keeps records 7 days or less (sls-logstore-hot-ttl-check)", () => {
    const store =
      (retentionPeriod?: number): Build =>
      (s, provider) => {
        new LogStore(s, "Store", { provider, projectName: "p-flow", logstoreName: "s", retentionPeriod });
      };
    expect(violations(PolicyRule.SLS_LOGSTORE_RETENTION, store(8))).toEqual([]);
    // Unset: the provider's default of 30 days.
    expect(violations(PolicyRule.SLS_LOGSTORE_RETENTION, store())).toEqual([]);
    expect(violations(PolicyRule.SLS_LOGSTORE_RETENTION, store(7))).toEqual([
      expect.stringMatching(/retention_period = 7 days; allowed: more than 7/),
    ]);
  });

  it("fails when an ECS instance is outside a VPC (ecs-instances-in-vpc, ecs-running-instances-in-vpc)", () => {
    const vm =
      (extra: Partial<InstanceConfig>): Build =>
      (s, provider) => {
        new Instance(s, "Vm", { provider, imageId: "img-1", instanceType: "ecs.g7.large", ...extra });
      };
    for (const rule of [PolicyRule.ECS_IN_VPC, PolicyRule.ECS_RUNNING_IN_VPC]) {
      expect(violations(rule, vm({ vswitchId: "vsw-1" }))).toEqual([]);
      expect(violations(rule, vm({}))).toEqual([expect.stringMatching(/no vswitch_id \(classic network\)/)]);
    }
  });

  it("fails when an ECS instance gets a public address (ecs-instance-no-public-ip, ecs-running-instance-no-public-ip)", () => {
    const vm =
      (extra: Partial<InstanceConfig>): Build =>
      (s, provider) => {
        new Instance(s, "Vm", { provider, imageId: "img-1", instanceType: "ecs.g7.large", vswitchId: "vsw-1", ...extra });
      };
    for (const rule of [PolicyRule.ECS_NO_PUBLIC_IP, PolicyRule.ECS_RUNNING_NO_PUBLIC_IP]) {
      expect(violations(rule, vm({}))).toEqual([]);
      expect(violations(rule, vm({ internetMaxBandwidthOut: 0 }))).toEqual([]);
      expect(violations(rule, vm({ internetMaxBandwidthOut: 10 }))).toEqual([
        expect.stringMatching(/internet_max_bandwidth_out = 10 gives it a public IPv4 address/),
      ]);
      expect(violations(rule, vm({ allocatePublicIp: true }))).toEqual([expect.stringMatching(/allocate_public_ip = true/)]);
    }
  });

  it("fails when a CEN instance has no name (cen-instance-name-required)", () => {
    expect(
      violations(PolicyRule.CEN_NAME_REQUIRED, (s, provider) => {
        new CenInstance(s, "Cen", { provider, cenInstanceName: "backbone" });
      }),
    ).toEqual([]);
    expect(
      violations(PolicyRule.CEN_NAME_REQUIRED, (s, provider) => {
        new CenInstance(s, "Cen", { provider });
      }),
    ).toEqual([expect.stringMatching(/has no cen_instance_name/)]);
  });

  it("fails when a transit-router VPC attachment sits in one zone (transit-router-vpc-attachment-multi-zone)", () => {
    const attach =
      (zones: string[]): Build =>
      (s, provider) => {
        new CenTransitRouterVpcAttachment(s, "Att", {
          provider,
          cenId: "cen-1",
          transitRouterId: "tr-1",
          vpcId: "vpc-1",
          zoneMappings: zones.map((zoneId, i) => ({ zoneId, vswitchId: `vsw-${i}` })),
        });
      };
    expect(violations(PolicyRule.TR_ATTACHMENT_MULTI_ZONE, attach(["cn-hangzhou-a", "cn-hangzhou-b"]))).toEqual([]);
    expect(violations(PolicyRule.TR_ATTACHMENT_MULTI_ZONE, attach(["cn-hangzhou-a"]))).toEqual([
      expect.stringMatching(/spans 1 zone\(s\)/),
    ]);
    expect(violations(PolicyRule.TR_ATTACHMENT_MULTI_ZONE, attach(["cn-hangzhou-a", "cn-hangzhou-a"]))).toHaveLength(1);
  });

  it("fails when a transit-router peer attachment has 1 Mbit/s or less, or no bandwidth (cen-cross-region-bandwidth-check)", () => {
    const peer =
      (bandwidth?: number): Build =>
      (s, provider) => {
        new CenTransitRouterPeerAttachment(s, "Peer", {
          provider,
          cenId: "cen-1",
          transitRouterId: "tr-1",
          peerTransitRouterId: "tr-2",
          peerTransitRouterRegionId: "cn-shanghai",
          bandwidthType: "DataTransfer",
          bandwidth,
        });
      };
    expect(violations(PolicyRule.CEN_CROSS_REGION_BANDWIDTH, peer(10))).toEqual([]);
    expect(violations(PolicyRule.CEN_CROSS_REGION_BANDWIDTH, peer(2))).toEqual([]);
    expect(violations(PolicyRule.CEN_CROSS_REGION_BANDWIDTH, peer(1))).toEqual([
      expect.stringMatching(/bandwidth = 1 Mbit\/s; allowed: more than 1/),
    ]);
    expect(violations(PolicyRule.CEN_CROSS_REGION_BANDWIDTH, peer(undefined))).toEqual([
      expect.stringMatching(/bandwidth = 0 Mbit\/s; allowed: more than 1/),
    ]);
  });

  it("lets a construct opt out of one InfraGuard rule with a reason, and no other", () => {
    const build: Build = (s, provider) => {
      const r = new SecurityGroupRule(s, "Rule", {
        provider,
        securityGroupId: "sg-1",
        type: "ingress",
        ipProtocol: "all",
        portRange: "-1/-1",
        cidrIp: "10.0.0.0/8",
      });
      exemptFromPolicy(r, PolicyRule.SG_NOT_ALL_PROTOCOLS, "lab network that needs every protocol");
    };
    expect(violations(PolicyRule.SG_NOT_ALL_PROTOCOLS, build)).toEqual([]);
    expect(violations(PolicyRule.SG_NOT_ALL_PORTS, build)).toHaveLength(1);
  });

  it("has exactly one check per enforced coverage row, and a coverage row per check", () => {
    const checked = INFRAGUARD_CHECKS.map((c) => c.rule as string).sort();
    expect(new Set(checked).size).toBe(checked.length);
    for (const id of checked) expect(coverageOf(id).status).toBe(CoverageStatus.ENFORCED);
    // A check reads only types its InfraGuard rule is about.
    for (const c of INFRAGUARD_CHECKS) expect(coverageOf(c.rule).resourceTypes).toEqual(expect.arrayContaining([...c.types]));
  });
});

describe("NetworkSecurityGroup under the InfraGuard rules", () => {
  /** Every policy error of a topology group admitting `cidr`, as [rule, construct id]. */
  function groupErrors(cidr: string, allowInternetIngress: boolean): string[] {
    const stack: TerraformStack = newStack();
    Aspects.of(stack).add(new PolicyChecks({ schema: providerSchemaFacts(), requiredTags: [] }));
    const provider = aliasedProvider(stack, "main", "cn-hangzhou");
    const vpc = new VpcNetwork(stack, "Vpc", {
      name: "app-vpc",
      region: "cn-hangzhou",
      cidrBlock: "10.1.0.0/16",
      provider,
      vswitches: [{ name: "a", zone: "cn-hangzhou-h", cidr: "10.1.0.0/24" }],
    });
    new NetworkSecurityGroup(stack, "Sg", {
      vpc,
      admit: [
        { name: "vpc", cidr: "10.1.0.0/16" },
        { name: "far", cidr },
      ],
      allowInternetIngress,
    });
    Testing.synth(stack);
    return stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => /^\[policy:([^\]]+)\]/.exec(String(m.data))![1]!))
      .sort();
  }

  it("passes with the topology's private networks: the group's all-port rules carry their recorded exemptions", () => {
    expect(groupErrors("172.20.0.0/16", false)).toEqual([]);
  });

  it("fails when it admits a public network: only allowInternetIngress exempts the source rules, never the port rules", () => {
    expect(groupErrors("198.51.100.0/24", false)).toEqual([PolicyRule.SG_PRIVATE_SOURCES]);
    expect(groupErrors("198.51.100.0/24", true)).toEqual([]);
    expect(groupErrors("0.0.0.0/0", true)).toEqual(
      [
        PolicyRule.SG_RISKY_PORTS_WITH_PROTOCOL,
        PolicyRule.SG_WHITELIST_PORTS,
        PolicyRule.SG_PUBLIC_ACCESS,
        PolicyRule.SG_RISKY_PORTS,
      ].sort(),
    );
  });
});
