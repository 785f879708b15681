/**
 * The policy checks, by the id used in messages and exemptions. The project's own
 * rules have project ids; the rest carry the rule ID of Alibaba Cloud's InfraGuard
 * catalogue (`aliyun/infraguard`), so a finding reads the same in both tools. What each
 * InfraGuard rule requires, and why this project enforces, satisfies or exempts it, is
 * data in `./infraguard-coverage.ts`.
 */
export enum PolicyRule {
  /** Every taggable resource carries the required tags. */
  REQUIRED_TAGS = "required-tags",
  /** No security-group ingress from 0.0.0.0/0 or anything broader than a /8. */
  NO_INTERNET_INGRESS = "no-internet-ingress",
  /** No md5, sha1, des, 3des, DH group 1/2 in IKE/IPsec settings. */
  IPSEC_CRYPTO_FLOOR = "ipsec-crypto-floor",
  /** Leased lines, VBRs and NAT EIPs have `prevent_destroy`. */
  DESTROY_PROTECTION = "destroy-protection",
  /** No argument the pinned provider marks deprecated. */
  NO_DEPRECATED_ARGUMENTS = "no-deprecated-arguments",

  // InfraGuard rules (IDs as InfraGuard spells them).
  /** A security group has a non-empty description. */
  SG_DESCRIPTION = "ecs-security-group-description-check",
  /** A security group states the VPC it belongs to. */
  SG_VPC_REQUIRED = "security-group-vpc-required",
  /** A security group states its type (normal or enterprise) instead of leaving it to the API. */
  SG_TYPE_STATED = "security-group-enterprise-type",
  /** No egress rule that accepts every protocol on every port to the whole internet. */
  SG_EGRESS_NOT_ALL = "ecs-security-group-egress-not-all-access",
  /** Accepting ingress rules admit only private (RFC 1918, loopback, link-local) sources. */
  SG_PRIVATE_SOURCES = "ecs-security-group-not-internet-cidr-access",
  /** Accepting ingress rules name their ports (no -1/-1). */
  SG_NOT_ALL_PORTS = "ecs-security-group-not-open-all-port",
  /** Accepting ingress rules name their protocol (no `all`). */
  SG_NOT_ALL_PROTOCOLS = "ecs-security-group-not-open-all-protocol",
  /** Nothing from the whole internet reaches SSH (22) or RDP (3389). */
  SG_RISKY_PORTS_WITH_PROTOCOL = "ecs-security-group-risky-ports-check-with-protocol",
  /** From the whole internet, only port 80 may be open. */
  SG_WHITELIST_PORTS = "ecs-security-group-white-list-port-check",
  /** No ingress rule open on every port to the whole internet. */
  SG_PUBLIC_ACCESS = "sg-public-access-check",
  /** No database, remote-shell or remote-desktop port open to the whole internet. */
  SG_RISKY_PORTS = "sg-risky-ports-check",
  /** Every EIP the stack allocates is associated with something in the same stack. */
  EIP_ATTACHED = "eip-attached",
  /** An EIP's bandwidth is at most 100 Mbit/s. */
  EIP_BANDWIDTH_LIMIT = "eip-bandwidth-limit",
  /** An EIP states its bandwidth. */
  EIP_EXPLICIT_BANDWIDTH = "eip-explicit-bandwidth-required",
  /** An EIP has the API's deletion protection on. */
  EIP_DELETE_PROTECTION = "eip-delete-protection-enabled",
  /** A NAT gateway has the API's deletion protection on. */
  NAT_DELETE_PROTECTION = "natgateway-delete-protection-enabled",
  /** A NAT gateway is of the Enhanced type. */
  NAT_ENHANCED = "natgateway-eip-used-check",
  /** A NAT gateway is Enhanced or of a specification above Small. */
  NAT_SNAT_EIP_BANDWIDTH = "natgateway-snat-eip-bandwidth-check",
  /** No DNAT entry publishes a remote-shell, remote-desktop, database or proxy port. */
  NAT_RISK_PORTS = "nat-risk-ports-check",
  /** A VPC states its CIDR block. */
  VPC_CIDR_REQUIRED = "vpc-cidr-required",
  /** A vSwitch states its CIDR block. */
  VSWITCH_CIDR_REQUIRED = "vswitch-cidr-required",
  /** Every VPC has a flow log. */
  VPC_FLOW_LOGS = "vpc-flow-logs-enabled",
  /** A vSwitch is larger than a /29. */
  VSWITCH_AVAILABLE_IPS = "vswitch-available-ip-count",
  /** A VPN gateway in a dual-tunnel region has a disaster-recovery vSwitch. */
  VPN_GATEWAY_MULTI_ZONE = "vpn-gateway-multi-zone",
  /** An IPsec connection in a dual-tunnel region has a master and a slave tunnel. */
  VPN_MASTER_SLAVE = "vpn-connection-master-slave-established",
  /** An IPsec connection has its health check enabled. */
  VPN_HEALTH_CHECK = "vpn-ipsec-connection-health-check-open",
  /** An SLS logstore is encrypted at rest. */
  SLS_LOGSTORE_ENCRYPTED = "sls-logstore-enabled-encrypt",
  /** An SLS logstore keeps records more than 7 days. */
  SLS_LOGSTORE_RETENTION = "sls-logstore-hot-ttl-check",
  /** An ECS instance is in a VPC (has a vSwitch or VPC). */
  ECS_IN_VPC = "ecs-instances-in-vpc",
  /** A running ECS instance is in a VPC (same check in Terraform). */
  ECS_RUNNING_IN_VPC = "ecs-running-instances-in-vpc",
  /** An ECS instance has no public IPv4 address. */
  ECS_NO_PUBLIC_IP = "ecs-instance-no-public-ip",
  /** A running ECS instance has no public IPv4 address (same check in Terraform). */
  ECS_RUNNING_NO_PUBLIC_IP = "ecs-running-instance-no-public-ip",
  /** A CEN instance has a name. */
  CEN_NAME_REQUIRED = "cen-instance-name-required",
  /** A transit-router VPC attachment spans at least two zones. */
  TR_ATTACHMENT_MULTI_ZONE = "transit-router-vpc-attachment-multi-zone",
  /** An inter-region (peer) attachment's bandwidth is above 1 Mbit/s. */
  CEN_CROSS_REGION_BANDWIDTH = "cen-cross-region-bandwidth-check",
}
