/**
 * This project's answer to every rule of Alibaba Cloud's InfraGuard catalogue that
 * concerns a resource type in `schema/types.json`, and to every rule of the two packs it
 * aims at (network-architecture; the network rules of MLPS level-3 pre-check).
 *
 * Source: `aliyun/infraguard` (Apache-2.0) at {@link INFRAGUARD_COMMIT}; `source` is the
 * rule's file there. The requirement is restated in this project's words; no Rego is
 * copied. `./infraguard-catalogue.json` holds InfraGuard's rule facts (ID, severity,
 * types, path; pack lists) at that commit, and a test checks every row against it and
 * that every Terraform rule about a type in schema/types.json has a row.
 * `tsx tools/infraguard-coverage.ts --index|--against <checkout> <commit>` rebuilds
 * that index from, or compares everything with, an InfraGuard checkout.
 *
 * Statuses:
 * - enforced: a `PolicyChecks` rule with the same ID (`lib/policy/infraguard-checks.ts`)
 *   fails synthesis with `[policy:<id>]`. `defaultExemption` names where the template's own
 *   resources are exempted and why (the exemption is applied with this very reason).
 * - by construction: the provider or the constructs make a violation impossible (cited).
 * - exempted: not enforced; the reason says why and what a user can do.
 * - not emitted: the type is in the schema for forks, but no stack emits it; a test checks that.
 * - not applicable: a pack rule about a type the template's schema does not have.
 */
import { PolicyRule } from "./policy-rule";

export const INFRAGUARD_REPO = "aliyun/infraguard";
export const INFRAGUARD_COMMIT = "6d3cbefa4879fd5ab4d4a28d52f4ff19d7302105";

export enum CoverageStatus {
  ENFORCED = "enforced",
  BY_CONSTRUCTION = "by construction",
  EXEMPTED = "exempted",
  NOT_EMITTED = "not emitted",
  NOT_APPLICABLE = "not applicable",
}

export type Severity = "low" | "medium" | "high";

export enum InfraGuardPack {
  NETWORK_ARCHITECTURE = "network-architecture",
  MLPS_LEVEL_3 = "mlps-level-3-pre-check-compliance-pack",
}

export interface DefaultExemption {
  /** Which of the template's resources carry it. */
  readonly scope: string;
  /** The reason, exactly as recorded in the synthesized metadata. */
  readonly reason: string;
}

export interface InfraGuardRuleCoverage {
  /** InfraGuard rule ID (`rule:aliyun:<id>`). */
  readonly id: string;
  readonly severity: Severity;
  /** InfraGuard's Terraform resource types; for a rule with only a ROS implementation, the Terraform equivalent. */
  readonly resourceTypes: readonly string[];
  /** What the rule requires, in this project's words. */
  readonly requires: string;
  /** The rule's file in aliyun/infraguard. */
  readonly source: string;
  readonly status: CoverageStatus;
  /** How it is enforced, why it holds, or why it is exempted (with sources). */
  readonly why: string;
  readonly defaultExemption?: DefaultExemption;
}

const tf = (id: string) => `policies/aliyun/rules/terraform/${id}.rego`;
const ros = (id: string) => `policies/aliyun/rules/ros/${id}.rego`;

const SG_TYPES = ["alicloud_security_group", "alicloud_security_group_rule", "alicloud_security_group_rules"];
const INSTANCE_FORK = "alicloud_instance is in schema/types.json for forks; no stack emits an ECS instance";

/** The template's topology groups admit whole networks (seed 002 step 5); ports are the workload's choice. */
export const TOPOLOGY_SG_EXEMPTION =
  "seed 002 step 5: the group admits every network the topology routes to this VPC (all protocols, all ports) and nothing else; which ports the workloads serve is not known to a network starter, so narrow these rules where you deploy them";

/** Why a VPC without `flowLog` is exempted from vpc-flow-logs-enabled: what turning it on costs. */
export const FLOW_LOG_EXEMPTION =
  'flow logs are billed for as long as they run: USD 0.37/GB of records generated (first 10 TB a month per region, after 5 GB free per account and region) plus Simple Log Service storage and queries (VPC docs, "Billing of flow logs"); opt in per VPC with `flowLog: { slsProject }` where the audit needs it';

/** Why an office without `healthCheck` is exempted from vpn-ipsec-connection-health-check-open. */
export const HEALTH_CHECK_EXEMPTION =
  "the probe runs through the tunnel from an address in the VPC (sip) to an address in the office that must answer it (dip; health_check_config, alicloud/resource_alicloud_vpn_connection.go:99-130); the topology does not know such an office address, and a probe at a silent one reports a working tunnel as down; set `healthCheck: { sourceIp, destinationIp }` on the office's vpn link where its gateway is single-tunnel (a dual-tunnel connection takes none: CreateVpnConnection HealthCheckConfig is for single-tunnel connections only, and its master and slave tunnels fail over by themselves)";

export const INFRAGUARD_COVERAGE: readonly InfraGuardRuleCoverage[] = [
  // --- Security groups -------------------------------------------------------------------
  {
    id: PolicyRule.SG_DESCRIPTION,
    severity: "low",
    resourceTypes: ["alicloud_security_group"],
    source: tf("ecs-security-group-description-check"),
    requires: "Every security group has a non-empty description.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced. NetworkSecurityGroup describes what each group admits.",
  },
  {
    id: PolicyRule.SG_VPC_REQUIRED,
    severity: "high",
    resourceTypes: ["alicloud_security_group"],
    source: ros("security-group-vpc-required"),
    requires: "A security group belongs to a VPC (ROS-only rule; Terraform: `vpc_id` set).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced: `vpc_id` is optional in the provider (alicloud/resource_alicloud_security_group.go:67), so the check can fail; each group is built on its VPC.",
  },
  {
    id: PolicyRule.SG_TYPE_STATED,
    severity: "medium",
    resourceTypes: ["alicloud_security_group"],
    source: ros("security-group-enterprise-type"),
    requires: "A security group states its type (ROS-only rule: `SecurityGroupType` present; Terraform: `security_group_type`).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced. The template states `normal` (see ecs-security-group-type-not-normal for why not enterprise); the provider keeps `normal` for existing groups, which the API created as normal (alicloud/resource_alicloud_security_group.go:59-64, Optional+Computed).",
  },
  {
    id: "ecs-security-group-type-not-normal",
    severity: "low",
    resourceTypes: ["alicloud_security_group"],
    source: tf("ecs-security-group-type-not-normal"),
    requires: "Security groups are of the enterprise (advanced) type.",
    status: CoverageStatus.EXEMPTED,
    why: 'Exempted: an enterprise group denies all outbound traffic unless a rule allows it (ECS docs, "Security group rules": enterprise groups deny inbound and outbound by default), so the shared NAT\'s internet egress would need an all-egress rule, which ecs-security-group-egress-not-all-access (high) forbids. It also cannot be changed in place (`security_group_type` is ForceNew, alicloud/resource_alicloud_security_group.go:63). Basic groups with explicit ingress meet the higher-severity rules.',
  },
  {
    id: PolicyRule.SG_EGRESS_NOT_ALL,
    severity: "high",
    resourceTypes: SG_TYPES,
    source: tf("ecs-security-group-egress-not-all-access"),
    requires: "No accepting egress rule for every protocol on every port to 0.0.0.0/0 (or ::/0).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced. The template adds no egress rule; a basic group's implicit egress is not a rule and is not what this rule reads.",
  },
  {
    id: PolicyRule.SG_PRIVATE_SOURCES,
    severity: "high",
    resourceTypes: SG_TYPES,
    source: tf("ecs-security-group-not-internet-cidr-access"),
    requires:
      "Accepting ingress rules admit only private sources (10/8, 172.16/12, 192.168/16, loopback, link-local; fc00::/7, fe80::/10 for IPv6).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced, by address range rather than InfraGuard's text prefix (so 10.0.0.0/7 fails here). Stricter companion of the project's no-internet-ingress (broader than /8). Defaults admit only the topology's private networks; a topology with public-range networks needs an exemption with its reason.",
  },
  {
    id: PolicyRule.SG_NOT_ALL_PORTS,
    severity: "high",
    resourceTypes: SG_TYPES,
    source: tf("ecs-security-group-not-open-all-port"),
    requires: "Accepting ingress rules name their ports instead of -1/-1.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced for tcp, udp and all-protocol rules (ICMP and GRE rules must say -1/-1, so InfraGuard's flagging of them is not followed). The template's own topology rules carry a recorded exemption.",
    defaultExemption: {
      scope: "the ingress rules of each VPC's topology security group (NetworkSecurityGroup)",
      reason: TOPOLOGY_SG_EXEMPTION,
    },
  },
  {
    id: PolicyRule.SG_NOT_ALL_PROTOCOLS,
    severity: "high",
    resourceTypes: SG_TYPES,
    source: tf("ecs-security-group-not-open-all-protocol"),
    requires: "Accepting ingress rules name their protocol instead of `all`.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced. The template's own topology rules carry a recorded exemption.",
    defaultExemption: {
      scope: "the ingress rules of each VPC's topology security group (NetworkSecurityGroup)",
      reason: TOPOLOGY_SG_EXEMPTION,
    },
  },
  {
    id: PolicyRule.SG_RISKY_PORTS_WITH_PROTOCOL,
    severity: "high",
    resourceTypes: SG_TYPES,
    source: tf("ecs-security-group-risky-ports-check-with-protocol"),
    requires: "From 0.0.0.0/0 (or ::/0), no accepting tcp/udp ingress whose ports include 22 (SSH) or 3389 (RDP).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced, and also for `all`-protocol and -1/-1 rules, which InfraGuard's port parsing misses. Defaults admit nothing from the internet.",
  },
  {
    id: PolicyRule.SG_WHITELIST_PORTS,
    severity: "high",
    resourceTypes: SG_TYPES,
    source: tf("ecs-security-group-white-list-port-check"),
    requires: "From 0.0.0.0/0 (or ::/0), the only port an accepting ingress rule may open is 80.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced (including -1/-1, which InfraGuard leaves to sg-public-access-check). Defaults admit nothing from the internet.",
  },
  {
    id: PolicyRule.SG_PUBLIC_ACCESS,
    severity: "high",
    resourceTypes: SG_TYPES,
    source: tf("sg-public-access-check"),
    requires: "No accepting ingress rule opens every port to 0.0.0.0/0 (or ::/0).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced. Defaults admit nothing from the internet.",
  },
  {
    id: PolicyRule.SG_RISKY_PORTS,
    severity: "high",
    resourceTypes: ["alicloud_security_group_rule"],
    source: tf("sg-risky-ports-check"),
    requires: "From 0.0.0.0/0, no ingress rule opens 22, 23, 3389, 3306, 1433, 5432, 27017 or 6379.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced for any range that contains one of those ports (InfraGuard matches the exact single-port strings only). Defaults admit nothing from the internet.",
  },
  {
    id: "ess-scaling-configuration-sg-public-access",
    severity: "high",
    resourceTypes: ["alicloud_ess_scaling_configuration", "alicloud_security_group_rule", "alicloud_security_group_rules"],
    source: tf("ess-scaling-configuration-sg-public-access"),
    requires: "An auto-scaling configuration names a security group, and that group has no ingress from 0.0.0.0/0 or ::/0.",
    status: CoverageStatus.NOT_APPLICABLE,
    why: "Judges alicloud_ess_scaling_configuration, which the schema does not have; the security-group side is covered by no-internet-ingress and ecs-security-group-not-internet-cidr-access.",
  },

  // --- EIP -------------------------------------------------------------------------------
  {
    id: PolicyRule.EIP_ATTACHED,
    severity: "low",
    resourceTypes: ["alicloud_eip_address", "alicloud_eip_association"],
    source: tf("eip-attached"),
    requires: "Every EIP is associated with a resource (an unattached EIP is billed for nothing).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced within the stack: an alicloud_eip_address needs an alicloud_eip_association whose allocation_id references it. SharedNatGateway associates its EIP with the NAT gateway.",
  },
  {
    id: PolicyRule.EIP_BANDWIDTH_LIMIT,
    severity: "low",
    resourceTypes: ["alicloud_eip_address"],
    source: tf("eip-bandwidth-limit"),
    requires: "An EIP's bandwidth is at most 100 Mbit/s.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced. The NAT EIP defaults to 5 Mbit/s.",
  },
  {
    id: PolicyRule.EIP_EXPLICIT_BANDWIDTH,
    severity: "medium",
    resourceTypes: ["alicloud_eip_address"],
    source: ros("eip-explicit-bandwidth-required"),
    requires: "An EIP states its bandwidth (ROS-only rule; Terraform: `bandwidth`).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced: `bandwidth` is optional in the provider (alicloud/resource_alicloud_eip_address.go:51). The NAT EIP always sets it.",
  },
  {
    id: PolicyRule.EIP_DELETE_PROTECTION,
    severity: "medium",
    resourceTypes: ["alicloud_eip_address"],
    source: tf("eip-delete-protection-enabled"),
    requires: "An EIP has deletion protection on.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced. The NAT EIP sets `deletion_protection` (and `prevent_destroy`, the project's destroy-protection rule); both come from SharedNatGateway's one `deletionProtection` prop.",
  },

  // --- NAT gateway -----------------------------------------------------------------------
  {
    id: PolicyRule.NAT_DELETE_PROTECTION,
    severity: "medium",
    resourceTypes: ["alicloud_nat_gateway"],
    source: tf("natgateway-delete-protection-enabled"),
    requires: "A NAT gateway has deletion protection on.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced. SharedNatGateway sets it by default.",
  },
  {
    id: PolicyRule.NAT_ENHANCED,
    severity: "medium",
    resourceTypes: ["alicloud_nat_gateway"],
    source: tf("natgateway-eip-used-check"),
    requires: "A NAT gateway is of the Enhanced type (separate SNAT and DNAT EIPs).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced; an unset `nat_type` fails too. SharedNatGateway always builds an Enhanced gateway.",
  },
  {
    id: PolicyRule.NAT_SNAT_EIP_BANDWIDTH,
    severity: "medium",
    resourceTypes: ["alicloud_nat_gateway"],
    source: tf("natgateway-snat-eip-bandwidth-check"),
    requires: "A NAT gateway is Enhanced, or has a specification above Small.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced. Enhanced by construction; `specification` applies only to Normal gateways (alicloud/resource_alicloud_nat_gateway.go:144-162).",
  },
  {
    id: "internet-nat-gateway-in-specified-vpc",
    severity: "medium",
    resourceTypes: ["alicloud_nat_gateway"],
    source: tf("internet-nat-gateway-in-specified-vpc"),
    requires: "An internet NAT gateway names the VPC it serves.",
    status: CoverageStatus.BY_CONSTRUCTION,
    why: "`vpc_id` is Required by the provider (alicloud/resource_alicloud_nat_gateway.go:165-168), so `terraform validate` refuses a NAT gateway without it; SharedNatGateway passes the hub VPC.",
  },
  {
    id: "intranet-nat-gateway-in-specified-vpc",
    severity: "medium",
    resourceTypes: ["alicloud_nat_gateway"],
    source: tf("intranet-nat-gateway-in-specified-vpc"),
    requires: "An intranet NAT gateway names the VPC it serves.",
    status: CoverageStatus.BY_CONSTRUCTION,
    why: "`vpc_id` is Required by the provider (alicloud/resource_alicloud_nat_gateway.go:165-168); the template builds no intranet NAT gateway.",
  },
  {
    id: "nat-gateway-vpc-required",
    severity: "high",
    resourceTypes: ["alicloud_nat_gateway"],
    source: ros("nat-gateway-vpc-required"),
    requires: "A NAT gateway belongs to a VPC (ROS-only rule; Terraform: `vpc_id`).",
    status: CoverageStatus.BY_CONSTRUCTION,
    why: "`vpc_id` is Required by the provider (alicloud/resource_alicloud_nat_gateway.go:165-168).",
  },
  {
    id: PolicyRule.NAT_RISK_PORTS,
    severity: "high",
    resourceTypes: ["alicloud_forward_entry"],
    source: tf("nat-risk-ports-check"),
    requires: "No DNAT entry publishes 22, 23, 445, 3389, 1433, 3306, 5432, 6379, 8080 or 8443.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced for forks that add DNAT (alicloud_forward_entry is in the schema; no stack emits one), including port ranges and `any`.",
  },

  // --- VPC and vSwitch -------------------------------------------------------------------
  {
    id: PolicyRule.VPC_CIDR_REQUIRED,
    severity: "high",
    resourceTypes: ["alicloud_vpc"],
    source: ros("vpc-cidr-required"),
    requires: "A VPC states its CIDR block (ROS-only rule; Terraform: `cidr_block`).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced: `cidr_block` is optional in the provider (alicloud/resource_alicloud_vpc.go:30). Every VPC's CIDR comes from the validated topology.",
  },
  {
    id: PolicyRule.VSWITCH_CIDR_REQUIRED,
    severity: "high",
    resourceTypes: ["alicloud_vswitch"],
    source: ros("vswitch-cidr-required"),
    requires: "A vSwitch states its CIDR block (ROS-only rule; Terraform: `cidr_block`).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced: `cidr_block` is optional in the provider (alicloud/resource_alicloud_vswitch.go:34). Every vSwitch CIDR comes from the validated topology.",
  },
  {
    id: "vswitch-zone-required",
    severity: "medium",
    resourceTypes: ["alicloud_vswitch"],
    source: ros("vswitch-zone-required"),
    requires: "A vSwitch states its zone (ROS-only rule; Terraform: `zone_id`).",
    status: CoverageStatus.BY_CONSTRUCTION,
    why: "The provider requires exactly one of `zone_id` and `availability_zone` (alicloud/resource_alicloud_vswitch.go:82-86), and no-deprecated-arguments refuses the deprecated `availability_zone`; vSwitch zones come from the topology.",
  },
  {
    id: PolicyRule.VSWITCH_AVAILABLE_IPS,
    severity: "medium",
    resourceTypes: ["alicloud_vswitch"],
    source: tf("vswitch-available-ip-count"),
    requires: "A vSwitch is larger than a /29 (a /29 leaves 4 usable addresses).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced (/29 and smaller fail). Default vSwitches are /24.",
  },
  {
    id: PolicyRule.VPC_FLOW_LOGS,
    severity: "medium",
    resourceTypes: ["alicloud_vpc", "alicloud_vpc_flow_log"],
    source: tf("vpc-flow-logs-enabled"),
    requires: "Every VPC has a flow log.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced per VPC: an alicloud_vpc needs an alicloud_vpc_flow_log of resource_type VPC whose resource_id references it (InfraGuard only compares counts). Opt in per VPC with `flowLog: { slsProject }` in the topology (VpcFlowLog: SLS project, logstore, flow log); VPCs without it carry the recorded exemption.",
    defaultExemption: { scope: "VPCs without `flowLog` in the topology (VpcNetwork)", reason: FLOW_LOG_EXEMPTION },
  },
  {
    id: "vpc-network-acl-risky-ports-check",
    severity: "high",
    resourceTypes: ["alicloud_network_acl"],
    source: tf("vpc-network-acl-risky-ports-check"),
    requires: "A network ACL does not accept 22 or 3389 from anywhere.",
    status: CoverageStatus.NOT_APPLICABLE,
    why: "The template's schema has no alicloud_network_acl; security groups carry the same rule (ecs-security-group-risky-ports-check-with-protocol).",
  },

  // --- VPN gateway and IPsec -------------------------------------------------------------
  {
    id: PolicyRule.VPN_GATEWAY_MULTI_ZONE,
    severity: "medium",
    resourceTypes: ["alicloud_vpn_gateway"],
    source: tf("vpn-gateway-multi-zone"),
    requires: "A VPN gateway has a disaster-recovery vSwitch (`disaster_recovery_vswitch_id`), so it runs in two zones.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced where the region has dual-tunnel VPN gateways, read from the same table the hub's gateways follow (lib/topology/vpn-capabilities.ts `supportsDualTunnelVpn`, with its documentation sources); hub gateways there are dual-tunnel by default. Elsewhere the rule does not apply: Alibaba Cloud offers only single-tunnel gateways there, so there is no second zone to give (no exemption is needed or recorded).",
  },
  {
    id: PolicyRule.VPN_MASTER_SLAVE,
    severity: "medium",
    resourceTypes: ["alicloud_vpn_connection"],
    source: tf("vpn-connection-master-slave-established"),
    requires: "An IPsec connection has two tunnels (`tunnel_options_specification` with a master and a slave).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced where the region has dual-tunnel VPN gateways (same fact as vpn-gateway-multi-zone); stricter than InfraGuard's count of two blocks: one must be master and one slave. Hub connections there carry both tunnels with the same IKE/IPsec settings. Elsewhere the rule does not apply: a single-tunnel gateway takes one tunnel per connection.",
  },
  {
    id: PolicyRule.VPN_HEALTH_CHECK,
    severity: "low",
    resourceTypes: ["alicloud_vpn_connection"],
    source: tf("vpn-ipsec-connection-health-check-open"),
    requires: "An IPsec connection has its health check enabled.",
    status: CoverageStatus.ENFORCED,
    why: "Enforced; opt in per office with `healthCheck: { sourceIp, destinationIp }` on its vpn link to a single-tunnel gateway (validation keeps the source in the VPC and the destination in the office, and refuses it on a dual-tunnel gateway). Offices without it carry the recorded exemption.",
    defaultExemption: { scope: "IPsec connections of offices without `healthCheck` (OfficeSite)", reason: HEALTH_CHECK_EXEMPTION },
  },
  {
    id: "vpn-gateway-enabled-ssl-vpn",
    severity: "low",
    resourceTypes: ["alicloud_vpn_gateway"],
    source: tf("vpn-gateway-enabled-ssl-vpn"),
    requires: "A VPN gateway has SSL-VPN (client access) enabled.",
    status: CoverageStatus.EXEMPTED,
    why: "Exempted: the template connects sites, not remote users. SSL-VPN is billed by its connection count (`ssl_connections`) and adds an internet-facing client endpoint nobody asked for. InfraGuard reads an argument `ssl_vpn`, which the provider does not have (it is `enable_ssl`, alicloud/resource_alicloud_vpn_gateway.go:69), so the rule flags every Terraform gateway anyway.",
  },
  {
    id: "vpn-gateway-vpc-required",
    severity: "high",
    resourceTypes: ["alicloud_vpn_gateway"],
    source: ros("vpn-gateway-vpc-required"),
    requires: "A VPN gateway belongs to a VPC (ROS-only rule; Terraform: `vpc_id`).",
    status: CoverageStatus.BY_CONSTRUCTION,
    why: "`vpc_id` is Required by the provider (alicloud/resource_alicloud_vpn_gateway.go:118-121).",
  },

  // --- SLS (opt-in VPC flow logs) ---------------------------------------------------------
  {
    id: PolicyRule.SLS_LOGSTORE_ENCRYPTED,
    severity: "medium",
    resourceTypes: ["alicloud_log_store"],
    source: tf("sls-logstore-enabled-encrypt"),
    requires: "An SLS logstore is encrypted at rest (`encrypt_conf.enable`).",
    status: CoverageStatus.ENFORCED,
    why: 'Enforced. VpcFlowLog encrypts its logstore with the SLS service key (AES, `encrypt_type = default`), which needs no KMS key of yours (SLS docs, "Data encryption").',
  },
  {
    id: "sls-logstore-encrypt-key-origin-check",
    severity: "medium",
    resourceTypes: ["alicloud_log_store"],
    source: tf("sls-logstore-encrypt-key-origin-check"),
    requires: "An SLS logstore is encrypted with your own KMS key (BYOK, `encrypt_conf.user_cmk_info.cmk_key_id`).",
    status: CoverageStatus.EXEMPTED,
    why: "Exempted: BYOK needs a KMS key you own and grant to SLS; if that key is disabled or deleted every read and write of the logstore fails, and the method cannot be changed after creation (SLS API, UpdateLogStoreEncryption). The service-key encryption VpcFlowLog uses meets sls-logstore-enabled-encrypt; a fork with a KMS key sets `user_cmk_info`.",
  },
  {
    id: PolicyRule.SLS_LOGSTORE_RETENTION,
    severity: "low",
    resourceTypes: ["alicloud_log_store"],
    source: tf("sls-logstore-hot-ttl-check"),
    requires: "An SLS logstore keeps records more than 7 days (so hot/cold tiering can apply).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced; an unset retention is the provider's default of 30 days (alicloud/resource_alicloud_log_store.go:145-149). VpcFlowLog keeps 30 days unless `retentionDays` says otherwise.",
  },
  {
    id: "sls-project-multi-zone",
    severity: "medium",
    resourceTypes: ["alicloud_log_project"],
    source: tf("sls-project-multi-zone"),
    requires: "An SLS project uses zone-redundant storage (`data_redundancy_type = ZRS`).",
    status: CoverageStatus.EXEMPTED,
    why: "Exempted: the pinned provider's alicloud_log_project has no `data_redundancy_type` (schema/alicloud-1.240.0.json), so the template cannot ask for ZRS; the API then uses locally redundant storage (SLS API, CreateProject). Flow logs are diagnostics, not the network's state.",
  },

  // --- CEN and transit routers (emitted by a `transit-router` link) ------------------------
  {
    id: PolicyRule.CEN_NAME_REQUIRED,
    severity: "medium",
    resourceTypes: ["alicloud_cen_instance"],
    source: ros("cen-instance-name-required"),
    requires: "A CEN instance has a name (ROS-only rule; Terraform: `cen_instance_name`).",
    status: CoverageStatus.ENFORCED,
    why: "Enforced; a `transit-router` link names its CEN instance after the link (`cen_instance_name`).",
  },
  {
    id: PolicyRule.TR_ATTACHMENT_MULTI_ZONE,
    severity: "high",
    resourceTypes: ["alicloud_cen_transit_router_vpc_attachment"],
    source: tf("transit-router-vpc-attachment-multi-zone"),
    requires: "A transit-router VPC attachment has vSwitches in at least two zones (`zone_mappings`).",
    status: CoverageStatus.ENFORCED,
    why: 'Enforced. Where a region\'s TR zones are sourced and more than one, validation already asks each attached VPC for vSwitches in two of them (CEN docs, "Create a VPC connection"; zones in lib/topology/transit-router-facts.ts) and the attachment maps both; elsewhere give the VPC vSwitches in two zones, or this check stops synth.',
  },
  {
    id: PolicyRule.CEN_CROSS_REGION_BANDWIDTH,
    severity: "medium",
    resourceTypes: ["alicloud_cen_transit_router_peer_attachment", "alicloud_cen_bandwidth_limit"],
    source: tf("cen-cross-region-bandwidth-check"),
    requires:
      "An inter-region connection has more than 1 Mbit/s (`bandwidth` of a peer attachment; `bandwidth_limit` of the older CEN bandwidth limit).",
    status: CoverageStatus.ENFORCED,
    why: 'Enforced on peer attachments, an unset `bandwidth` counting as 0 as InfraGuard counts it; a `transit-router` link sets `peerBandwidth` (10 Mbit/s by default, pay-by-data-transfer: a cap, billed per GB through CDT, CEN docs "Manage inter-region connections"). alicloud_cen_bandwidth_limit is not in the schema.',
  },

  // --- Load balancers (pack rules; no such type in the schema) ---------------------------
  ...(["alb", "nlb", "slb"] as const).map((lb): InfraGuardRuleCoverage => ({
    id: `${lb}-address-type-intranet`,
    severity: "medium",
    resourceTypes: [`alicloud_${lb}_load_balancer`],
    source: ros(`${lb}-address-type-intranet`),
    requires: `An ${lb.toUpperCase()} uses an intranet address.`,
    status: CoverageStatus.NOT_APPLICABLE,
    why: `The template's schema has no alicloud_${lb}_load_balancer.`,
  })),

  // --- ECS instances (type in the schema for forks; never emitted) -----------------------
  {
    id: PolicyRule.ECS_IN_VPC,
    severity: "medium",
    resourceTypes: ["alicloud_instance"],
    source: tf("ecs-instances-in-vpc"),
    requires: "An instance is in a VPC (`vswitch_id` or `vpc_id`), not the classic network.",
    status: CoverageStatus.ENFORCED,
    why: `Enforced for forks that add ECS instances (MLPS level 3); ${INSTANCE_FORK}.`,
  },
  {
    id: PolicyRule.ECS_RUNNING_IN_VPC,
    severity: "medium",
    resourceTypes: ["alicloud_instance"],
    source: tf("ecs-running-instances-in-vpc"),
    requires: "A running instance is in a VPC (in Terraform the same check as ecs-instances-in-vpc).",
    status: CoverageStatus.ENFORCED,
    why: `Enforced for forks that add ECS instances; ${INSTANCE_FORK}.`,
  },
  {
    id: PolicyRule.ECS_NO_PUBLIC_IP,
    severity: "high",
    resourceTypes: ["alicloud_instance"],
    source: tf("ecs-instance-no-public-ip"),
    requires: "An instance has no public IPv4 address (`allocate_public_ip`, or `internet_max_bandwidth_out` above 0).",
    status: CoverageStatus.ENFORCED,
    why: `Enforced for forks that add ECS instances: this template's internet path is the shared NAT, so an instance needs no address of its own; ${INSTANCE_FORK}.`,
  },
  {
    id: PolicyRule.ECS_RUNNING_NO_PUBLIC_IP,
    severity: "high",
    resourceTypes: ["alicloud_instance"],
    source: tf("ecs-running-instance-no-public-ip"),
    requires: "A running instance has no public IPv4 address (in Terraform the same check as ecs-instance-no-public-ip).",
    status: CoverageStatus.ENFORCED,
    why: `Enforced for forks that add ECS instances (MLPS level 3); ${INSTANCE_FORK}.`,
  },
  ...(
    [
      ["ecs-instance-attached-security-group", "high", "An instance is in the specified security group."],
      ["ecs-instance-auto-renewal-enabled", "medium", "A subscription instance renews automatically."],
      ["ecs-instance-chargetype-check", "low", "An instance uses an allowed billing method."],
      ["ecs-instance-deletion-protection-enabled", "high", "An instance has deletion protection on."],
      ["ecs-instance-enabled-security-protection", "high", "An instance runs the security-center agent (security enhancement)."],
      ["ecs-instance-expired-check", "high", "A subscription instance renews automatically so it cannot expire."],
      ["ecs-instance-image-expired-check", "medium", "An instance's image has not expired."],
      ["ecs-instance-image-type-check", "medium", "An instance's image comes from an allowed source."],
      ["ecs-instance-login-use-keypair", "medium", "An instance logs in with a key pair, not a password."],
      ["ecs-instance-meta-data-mode-check", "medium", "An instance's metadata service is in hardened (token) mode."],
      ["ecs-instance-multiple-eni-check", "low", "An instance has one network interface."],
      ["ecs-instance-no-public-and-anyip", "medium", "An instance has no public IP or EIP while its groups admit 0.0.0.0/0."],
      ["ecs-instance-not-bind-key-pair", "medium", "An instance authenticates with a key pair."],
      ["ecs-instance-ram-role-attached", "low", "An instance has a RAM role attached."],
      ["ecs-instance-type-family-not-deprecated", "medium", "An instance type is not from a retired family."],
      ["ecs-internet-charge-type-check", "low", "An instance uses the preferred internet billing method."],
      ["ecs-internetmaxbandwidth-check", "medium", "An instance's outbound internet bandwidth is under a limit."],
      ["ecs-system-disk-size-check", "low", "An instance's system disk meets a minimum size."],
    ] as const
  ).map(([id, severity, requires]): InfraGuardRuleCoverage => ({
    id,
    severity,
    resourceTypes: ["alicloud_instance"],
    source: tf(id),
    requires,
    status: CoverageStatus.NOT_EMITTED,
    why: INSTANCE_FORK,
  })),
  ...(
    [
      [
        "alb-server-group-multi-zone",
        ["alicloud_alb_server_group", "alicloud_alb_server_group_server_attachment", "alicloud_instance"],
        "An ALB server group's backends span several zones.",
      ],
      [
        "nlb-server-group-multi-zone",
        ["alicloud_instance", "alicloud_nlb_server_group", "alicloud_nlb_server_group_server_attachment"],
        "An NLB server group's backends span several zones.",
      ],
    ] as const
  ).map(([id, resourceTypes, requires]): InfraGuardRuleCoverage => ({
    id,
    severity: "medium",
    resourceTypes,
    source: tf(id),
    requires,
    status: CoverageStatus.NOT_EMITTED,
    why: `${INSTANCE_FORK}, and the schema has no server-group type`,
  })),
];

export interface PackCoverage {
  readonly source: string;
  /** The pack's rules this project answers for. */
  readonly rules: readonly string[];
  /** How `rules` was chosen from the pack. */
  readonly selection: string;
}

export const INFRAGUARD_PACKS: Readonly<Record<InfraGuardPack, PackCoverage>> = {
  [InfraGuardPack.NETWORK_ARCHITECTURE]: {
    source: "policies/aliyun/packs/network-architecture/common-network-architecture-pack.rego",
    selection: "every rule of the pack",
    rules: [
      "alb-address-type-intranet",
      "cen-instance-name-required",
      "eip-explicit-bandwidth-required",
      "nat-gateway-vpc-required",
      "nlb-address-type-intranet",
      "security-group-enterprise-type",
      "security-group-vpc-required",
      "slb-address-type-intranet",
      "transit-router-vpc-attachment-multi-zone",
      "vpc-cidr-required",
      "vpn-gateway-vpc-required",
      "vswitch-cidr-required",
      "vswitch-zone-required",
    ],
  },
  [InfraGuardPack.MLPS_LEVEL_3]: {
    source: "policies/aliyun/packs/compliance/mlps-level-3-pre-check-compliance-pack.rego",
    selection:
      "the pack's active (uncommented) rules about VPCs, security groups, network ACLs, EIPs and instance network placement, and about the logstore of the opt-in flow logs",
    rules: [
      "sls-logstore-enabled-encrypt",
      "ecs-instances-in-vpc",
      "ecs-running-instance-no-public-ip",
      "ecs-security-group-risky-ports-check-with-protocol",
      "eip-bandwidth-limit",
      "sg-public-access-check",
      "vpc-flow-logs-enabled",
      "vpc-network-acl-risky-ports-check",
    ],
  },
};

/** The coverage row of `id`; throws naming the id when there is none. */
export function coverageOf(id: string): InfraGuardRuleCoverage {
  const row = INFRAGUARD_COVERAGE.find((r) => r.id === id);
  if (!row) throw new Error(`no InfraGuard coverage row for rule ${JSON.stringify(id)}; add it to lib/policy/infraguard-coverage.ts`);
  return row;
}

/** The packs that list `id`. */
export function packsOf(id: string): InfraGuardPack[] {
  return (Object.entries(INFRAGUARD_PACKS) as [InfraGuardPack, PackCoverage][]).filter(([, p]) => p.rules.includes(id)).map(([k]) => k);
}
