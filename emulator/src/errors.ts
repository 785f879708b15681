/**
 * Every error the emulator answers, in one catalogue: code, HTTP status and where the code
 * comes from. Handlers raise them through `apiError(code, message)` (or the `notFound`,
 * `missing`, `conflict` shorthands); the code is a typed key of the catalogue, so a typo or
 * an undocumented code fails type-checking instead of reaching the provider.
 *
 * "API doc" means the action's page in the Alibaba Cloud API reference (VPC 2016-04-28,
 * ECS 2014-05-26, VpcPeer 2022-01-01), section "Error codes". "Not confirmed" marks a code
 * chosen in the API's naming pattern where the docs give the rule but not its code; the
 * provider has no special case for any of those, so only the refusal matters.
 */

/** An Alibaba Cloud API error: `{ RequestId, Code, Message }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorSpec {
  readonly status: number;
  readonly source: string;
}

const PROVIDER = "terraform-provider-alicloud v1.240.0";

export const ERRORS = {
  // ---- request-level (common error codes of every RPC API)
  MissingAccessKeyId: { status: 400, source: "Alibaba Cloud common error codes (API Explorer): MissingAccessKeyId" },
  InvalidVersion: { status: 400, source: "Alibaba Cloud common error codes: InvalidVersion" },
  "InvalidAction.NotFound": { status: 404, source: "Alibaba Cloud common error codes: InvalidAction.NotFound" },
  MissingParameter: { status: 400, source: "Alibaba Cloud common error codes: MissingParameter" },
  InvalidParameter: { status: 400, source: "Alibaba Cloud common error codes: InvalidParameter" },
  InternalError: { status: 500, source: "Alibaba Cloud common error codes: InternalError (HTTP 500)" },
  "Throttling.User": {
    status: 400,
    source: `Alibaba Cloud common error codes; retried by ${PROVIDER} alicloud/errors.go:214-248 (NeedRetry)`,
  },
  ServiceUnavailable: {
    status: 503,
    source: `Alibaba Cloud common error codes; retried by ${PROVIDER} alicloud/errors.go:214-248 (NeedRetry)`,
  },
  OperationConflict: { status: 400, source: "VPC API docs, error codes of every write action" },
  TaskConflict: {
    status: 400,
    source: `CreateRouteEntry / DeleteRouteEntry API doc; retried by ${PROVIDER} alicloud/resource_alicloud_route_entry.go:113`,
  },
  // ---- the emulator's own refusals (never a silent pass)
  "Emulator.Unsupported": { status: 400, source: "the emulator lacks what the caller used" },
  "Emulator.UnknownParameter": { status: 400, source: "a parameter that the action's SDK request model does not define" },
  "Emulator.ResponseShape": { status: 500, source: "an emulator bug: a response field the SDK response model does not define" },
  // ---- not found
  "InvalidVpcId.NotFound": { status: 404, source: "CreateVSwitch / DescribeVpcAttribute API docs" },
  "InvalidVSwitchId.NotFound": { status: 404, source: "DescribeVSwitchAttributes / CreateNatGateway API docs" },
  "InvalidRouteTableId.NotFound": { status: 404, source: "CreateRouteEntry API doc" },
  "InvalidRouteEntry.NotFound": { status: 404, source: "DeleteRouteEntry API doc" },
  "InvalidNextHopId.NotFound": { status: 404, source: "CreateRouteEntry API doc" },
  "InvalidNextHop.NotFound": { status: 404, source: "CreateVpnRouteEntry API doc" },
  "InvalidResourceId.NotFound": { status: 404, source: "TagResources API doc" },
  "InvalidSecurityGroupId.NotFound": { status: 404, source: "AuthorizeSecurityGroup API doc (ECS)" },
  "InvalidVpnGatewayInstanceId.NotFound": { status: 404, source: "DescribeVpnGateway API doc" },
  "InvalidCustomerGatewayInstanceId.NotFound": { status: 404, source: "DescribeCustomerGateway API doc" },
  "InvalidVpnConnectionInstanceId.NotFound": { status: 404, source: "DescribeVpnConnection API doc" },
  "InvalidSnatTableId.NotFound": { status: 404, source: "CreateSnatEntry API doc" },
  "InvalidSnatEntryId.NotFound": { status: 404, source: "DeleteSnatEntry API doc" },
  "InvalidNatGatewayId.NotFound": {
    status: 404,
    source: `DescribeNatGateways API doc; treated as gone by ${PROVIDER} alicloud/resource_alicloud_nat_gateway.go:668`,
  },
  "InvalidAllocationId.NotFound": { status: 404, source: "AssociateEipAddress API doc" },
  "InvalidRouterId.NotFound": { status: 404, source: "CreateRouterInterface API doc" },
  "InvalidRouterInterfaceId.NotFound": { status: 404, source: "DescribeRouterInterfaces API doc" },
  "InvalidVbrId.NotFound": { status: 404, source: "ModifyVirtualBorderRouterAttribute API doc" },
  "InvalidPhysicalConnectionId.NotFound": { status: 404, source: "CreateVirtualBorderRouter API doc" },
  "InvalidBgpGroupId.NotFound": { status: 404, source: "CreateBgpPeer API doc" },
  "InvalidBgpPeerId.NotFound": { status: 404, source: "DeleteBgpPeer API doc" },
  "InvalidBgpNetwork.NotFound": { status: 404, source: "DeleteBgpNetwork API doc (not confirmed)" },
  "ResourceNotFound.InstanceId": { status: 404, source: "GetVpcPeerConnectionAttribute API doc" },
  "ResourceNotFound.VpcId": { status: 404, source: "CreateVpcPeerConnection API doc" },
  "InvalidZoneId.NotFound": { status: 404, source: "CreateVSwitch API doc, ZoneId (a zone of the region: DescribeZones)" },
  // ---- value rules
  "InvalidCidrBlock.Malformed": { status: 400, source: "CreateVpc / CreateVSwitch API docs" },
  "InvalidCidrBlock.Overlapped": { status: 400, source: "CreateVSwitch API doc" },
  "InvalidCidrBlock.Reserved": {
    status: 400,
    source: "CreateVpc / CreateVSwitch API docs, CidrBlock: reserved ranges (code not confirmed)",
  },
  "InvalidDestinationCidrBlock.Reserved": {
    status: 400,
    source: "CreateRouteEntry API doc, DestinationCidrBlock: not 100.64.0.0/10 or within it (code not confirmed)",
  },
  "InvalidDestinationCidrBlock.SystemRoute": {
    status: 400,
    source: "CreateRouteEntry API doc: a custom route cannot have a system route's destination (code not confirmed)",
  },
  "InvalidNextHopType.Mismatch": { status: 400, source: "CreateRouteEntry API doc, NextHopType / NextHopId (code not confirmed)" },
  "InvalidNextHop.NotInVpc": {
    status: 400,
    source: "CreateRouteEntry API doc: the next hop must belong to the route table's VPC (code not confirmed)",
  },
  "InvalidVSwitchId.NotBelongToVpc": { status: 400, source: "CreateVpnGateway / CreateNatGateway API docs" },
  "InvalidVSwitchId.SameZone": {
    status: 400,
    source: "CreateVpnGateway API doc, DisasterRecoveryVSwitchId: two vSwitches in different zones (code not confirmed)",
  },
  "InvalidZoneId.NotDualTunnel": { status: 400, source: "CreateVpnGateway API doc: dual-tunnel zones (code not confirmed)" },
  "InvalidBandwidth.Malformed": { status: 400, source: "CreateVpnGateway API doc, Bandwidth (code not confirmed)" },
  "InvalidIkeConfig.Malformed": { status: 400, source: "CreateVpnConnection API doc, IkeConfig / TunnelIkeConfig (code not confirmed)" },
  "InvalidIpsecConfig.Malformed": {
    status: 400,
    source: "CreateVpnConnection API doc, IpsecConfig / TunnelIpsecConfig (code not confirmed)",
  },
  "InvalidSubnet.Malformed": { status: 400, source: "CreateVpnConnection API doc, LocalSubnet / RemoteSubnet (code not confirmed)" },
  "InvalidIpAddress.Reserved": { status: 400, source: "CreateCustomerGateway API doc, IpAddress: unsupported ranges (code not confirmed)" },
  "InvalidAsn.Malformed": {
    status: 400,
    source: "CreateCustomerGateway / CreateBgpGroup API docs, Asn / PeerAsn / LocalAsn (code not confirmed)",
  },
  "InvalidWeight.Malformed": { status: 400, source: "CreateVpnRouteEntry API doc, Weight: 0 or 100 (code not confirmed)" },
  "OperationUnsupported.HealthCheckConfig": {
    status: 400,
    source:
      "CreateVpnConnection SDK remark, HealthCheckConfig: supported for IPsec-VPN connections in single-tunnel mode (code not confirmed)",
  },
  "InvalidWeight.Conflict": {
    status: 400,
    source:
      "CreateVpnRouteEntry SDK remark, Weight: active and standby routes of one destination have different next hops and different weights (code not confirmed)",
  },
  "InvalidNextHop.NotInGateway": {
    status: 400,
    source: "CreateVpnRouteEntry API doc: the next hop is an IPsec connection of this gateway (code not confirmed)",
  },
  "InvalidVlanId.Malformed": { status: 400, source: "CreateVirtualBorderRouter API doc, VlanId 0-2999" },
  "InvalidVlanId.Used": { status: 400, source: "CreateVirtualBorderRouter API doc: VLAN IDs unique per physical connection" },
  "InvalidGatewayIp.NotInSameSubnet": {
    status: 400,
    source: "CreateVirtualBorderRouter API doc, PeeringSubnetMask: the two IPs in one subnet (code not confirmed)",
  },
  "InvalidPeerIpAddress.NotInVbrSubnet": {
    status: 400,
    source: "CreateBgpPeer API doc: the BGP peer is the VBR's customer side (code not confirmed)",
  },
  "InvalidBfdMultiHop.Malformed": { status: 400, source: "CreateBgpPeer API doc, BfdMultiHop 1-255 (code not confirmed)" },
  "InvalidRole.Malformed": { status: 400, source: "CreateRouterInterface API doc, Role" },
  "InvalidSpec.Malformed": { status: 400, source: "CreateRouterInterface API doc, Spec (code not confirmed)" },
  "InvalidSourceVSwitchId.NotInVpc": {
    status: 400,
    source: "CreateSnatEntry API doc: the vSwitch of the NAT gateway's VPC (code not confirmed)",
  },
  "InvalidPermission.Malformed": {
    status: 400,
    source: "AuthorizeSecurityGroup API doc (ECS), Permissions.N.IpProtocol / PortRange / Priority (code not confirmed)",
  },
  "InvalidSourceGroupId.NotInVpc": {
    status: 400,
    source: "AuthorizeSecurityGroup API doc (ECS): groups of a rule in the same VPC (code not confirmed)",
  },
  "IllegalParam.AcceptingVpcId": { status: 400, source: "CreateVpcPeerConnection API doc" },
  "IllegalParam.SameVpc": { status: 400, source: "CreateVpcPeerConnection API doc: the accepter VPC is another VPC (code not confirmed)" },
  "InvalidParameter.Type": { status: 400, source: "DeletionProtection API doc, Type" },
  "MissingParameter.DisasterRecoveryVSwitchId": {
    status: 400,
    source: "CreateVpnGateway API doc, DisasterRecoveryVSwitchId (code not confirmed)",
  },
  "MissingParameter.TunnelOptionsSpecification": {
    status: 400,
    source: "CreateVpnConnection API doc, dual-tunnel mode (code not confirmed)",
  },
  "OperationUnsupported.TunnelOptions": { status: 400, source: "CreateVpnConnection API doc, single-tunnel mode (code not confirmed)" },
  // ---- quotas
  "QuotaExceeded.RouteEntry": {
    status: 400,
    source: "CreateRouteEntry API doc: 200 custom route entries per route table (code not confirmed)",
  },
  "QuotaExceed.SecurityGroupRule": { status: 400, source: "AuthorizeSecurityGroup API doc (ECS): 200 rules per group" },
  "QuotaExceeded.CustomerGateway": { status: 400, source: "VPN Gateway quotas doc, vpn_quota_cgws_per_region (code not confirmed)" },
  "QuotaExceeded.VpnConnection": { status: 400, source: "VPN Gateway quotas doc, IPsec connections per gateway (code not confirmed)" },
  // ---- duplicates
  "RouterEntryConflict.Duplicated": {
    status: 400,
    source: `CreateRouteEntry API doc; not adopted by ${PROVIDER} alicloud/resource_alicloud_route_entry.go:122-130`,
  },
  "VpnRouteEntry.AlreadyExists": { status: 400, source: "CreateVpnRouteEntry API doc" },
  "InvalidIpAddress.AlreadyExist": {
    status: 400,
    source:
      "CreateCustomerGateway API doc, error codes: the IP addresses of one account's customer gateways must be unique in the same region",
  },
  "InvalidDstCidrBlock.Duplicated": { status: 400, source: "AddBgpNetwork API doc" },
  "Forbidden.SourceCidrConflict": { status: 400, source: "CreateSnatEntry API doc" },
  "ResourceAlreadyExist.VpcPeer": { status: 400, source: "CreateVpcPeerConnection API doc (not confirmed)" },
  "Forbidden.NotAcceptor": { status: 403, source: "AcceptVpcPeerConnection API doc (not confirmed)" },
  // ---- state and dependencies
  IncorrectStatus: { status: 400, source: "router interface API docs (Connect/Activate/Deactivate/Delete)" },
  "IncorrectStatus.VpcPeer": { status: 400, source: "AcceptVpcPeerConnection / DeleteVpcPeerConnection API docs" },
  "IncorrectStatus.VpnGateway": {
    status: 400,
    source: `DeleteVpnGateway API doc; treated as gone by ${PROVIDER} alicloud/resource_alicloud_vpn_gateway.go:470`,
  },
  "IncorrectStatus.NatGateway": {
    status: 400,
    source: `DeleteNatGateway API doc; treated as gone by ${PROVIDER} alicloud/resource_alicloud_nat_gateway.go:668`,
  },
  IncorrectEipStatus: {
    status: 400,
    source: `AssociateEipAddress / ReleaseEipAddress API docs; retried by ${PROVIDER} alicloud/resource_alicloud_eip_association.go:114`,
  },
  IncorrectInstanceStatus: { status: 400, source: "AssociateEipAddress API doc" },
  IncorretSnatEntryStatus: { status: 400, source: "DeleteSnatEntry API doc (the API's own spelling)" },
  "IncorrectOppositeInterfaceInfo.NotSet": {
    status: 400,
    source: `ConnectRouterInterface API doc; retried by ${PROVIDER} alicloud/resource_alicloud_router_interface_connection.go:87`,
  },
  "OperationUnsupported.AcceptingSide": { status: 400, source: "ConnectRouterInterface API doc (not confirmed)" },
  "OperationUnsupported.SystemRouteEntry": { status: 400, source: "DeleteRouteEntry API doc (not confirmed)" },
  "OperationDenied.DeletionProtection": { status: 400, source: "DeleteNatGateway / ReleaseEipAddress API docs (not confirmed)" },
  "VpnGateway.Configuring": {
    status: 400,
    source: `CreateVpnConnection API doc; retried by ${PROVIDER} alicloud/resource_alicloud_vpn_connection.go`,
  },
  EIP_NOT_IN_GATEWAY: {
    status: 400,
    source: `CreateSnatEntry API doc; retried by ${PROVIDER} alicloud/resource_alicloud_snat_entry.go:99`,
  },
  DependencyViolation: { status: 400, source: "DeleteSecurityGroup (ECS) / DeleteVSwitch API docs" },
  "DependencyViolation.VSwitch": { status: 400, source: `DeleteVpc API doc; retried by ${PROVIDER} alicloud/resource_alicloud_vpc.go:796` },
  "DependencyViolation.SecurityGroup": {
    status: 400,
    source: `DeleteVpc API doc; retried by ${PROVIDER} alicloud/resource_alicloud_vpc.go:796`,
  },
  "DependencyViolation.NatGateway": { status: 400, source: "DeleteVpc API doc" },
  "DependencyViolation.VpnGateway": { status: 400, source: "DeleteVpc API doc" },
  "DependencyViolation.VpcPeer": { status: 400, source: "DeleteVpc API doc (not confirmed)" },
  "DependencyViolation.RouterInterface": { status: 400, source: "DeleteVpc / DeleteVirtualBorderRouter API docs" },
  "DependencyViolation.RouteEntry": { status: 400, source: "DeleteVpc / DeleteVpcPeerConnection / DeleteRouterInterface API docs" },
  "DependencyViolation.SnatEntry": { status: 400, source: "DeleteVSwitch / UnassociateEipAddress API docs" },
  "DependencyViolation.EnhancedNatgw": { status: 400, source: "DeleteVSwitch API doc" },
  "DependencyViolation.EIPS": {
    status: 400,
    source: `DeleteNatGateway API doc; retried by ${PROVIDER} alicloud/resource_alicloud_nat_gateway.go:657`,
  },
  "DependencyViolation.IpsecConnection": { status: 400, source: "DeleteVpnGateway API doc (not confirmed)" },
  "DependencyViolation.VpnConnection": { status: 400, source: "DeleteCustomerGateway API doc (not confirmed)" },
  "DependencyViolation.VpnRouteEntry": { status: 400, source: "DeleteVpnConnection API doc (not confirmed)" },
  "DependencyViolation.BgpGroup": { status: 400, source: "DeleteVirtualBorderRouter API doc" },
  "DependencyViolation.BgpPeer": { status: 400, source: "DeleteBgpGroup API doc" },
  // ---- Cbn (CEN / transit routers, 2017-09-12): "Cbn API doc" is the action's page in the CEN API reference
  "Operation.Blocking": {
    status: 400,
    source: `Cbn API docs (a transit router or attachment is busy with another operation); retried by ${PROVIDER} on every TR write, e.g. alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go:224, resource_alicloud_cen_transit_router.go:104`,
  },
  "IncorrectStatus.Status": {
    status: 400,
    source: `Cbn API docs (the resource is not in a state that allows the operation); retried by ${PROVIDER} alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go:224, _route_table_association.go:70, _route_table_propagation.go:70, _route_entry.go:113`,
  },
  ParameterCenInstanceId: {
    status: 400,
    source: `Cbn API docs (the CEN instance does not exist); read as not found by ${PROVIDER} alicloud/service_alicloud_cbn.go:770, resource_alicloud_cen_instance.go:324`,
  },
  "InvalidTransitRouterId.NotFound": {
    status: 404,
    source: `Cbn API docs; read as not found by ${PROVIDER} alicloud/service_alicloud_cbn.go:1184`,
  },
  "InvalidTransitRouterRouteTableId.NotFound": {
    status: 404,
    source: `Cbn API docs; read as not found by ${PROVIDER} alicloud/service_alicloud_cbn.go:1108, resource_alicloud_cen_transit_router_route_table.go:250`,
  },
  "InvalidTransitRouterAttachmentId.NotFound": { status: 404, source: "Cbn API docs, attachment actions (not confirmed)" },
  "IllegalParam.TransitRouterRouteEntryId": {
    status: 400,
    source: `DeleteTransitRouterRouteEntry API doc; read as gone by ${PROVIDER} alicloud/resource_alicloud_cen_transit_router_route_entry.go:264`,
  },
  "IllegalParam.Region": {
    status: 400,
    source: `Cbn API docs (a region the resource is not in); read as not found by ${PROVIDER} alicloud/service_alicloud_cbn.go:923`,
  },
  "OperationFailed.CreateRouteEntryWithSameDestinationCidrBlock": {
    status: 400,
    source: `CreateTransitRouterRouteEntry API doc; retried briefly by ${PROVIDER} alicloud/resource_alicloud_cen_transit_router_route_entry.go:117`,
  },
  "OperationFailed.RouteTableAssociationExist": {
    status: 400,
    source:
      "DeleteTransitRouterVpcAttachment error as the API answers it (aliyun/terraform-provider-alicloud users' reports: 'Operation failed because TransitRouterRouteTable exists')",
  },
  "OperationFailed.DeleteCenWithCustomRouteTable": { status: 400, source: "DeleteCen API doc, error codes" },
  "OperationFailed.DeleteCenWithTransitRouter": {
    status: 400,
    source: "DeleteCen API doc, prerequisites (no transit router with connections or custom route tables) (not confirmed)",
  },
  "OperationFailed.TransitRouterHasAttachment": {
    status: 400,
    source: "DeleteTransitRouter API doc, prerequisites: no network instance connections on the transit router (not confirmed)",
  },
  "OperationFailed.TransitRouterHasRouteTable": {
    status: 400,
    source: "DeleteTransitRouter API doc, prerequisites: no custom route tables on the transit router (not confirmed)",
  },
  "OperationFailed.RouteTableHasAssociation": {
    status: 400,
    source: "DeleteTransitRouterRouteTable API doc: associations and propagations are removed first (not confirmed)",
  },
  "OperationFailed.AttachmentHasRouteEntry": {
    status: 400,
    source: "DeleteTransitRouter*Attachment API docs: a route entry whose next hop is the attachment is removed first (not confirmed)",
  },
  "QuotaExceeded.TransitRouter": {
    status: 400,
    source:
      "CreateTransitRouter API doc: 'You can create only one transit router instance in each region for a CEN instance' (code not confirmed)",
  },
  "IllegalParam.ZoneMappings": {
    status: 400,
    source:
      "CreateTransitRouterVpcAttachment API doc, ZoneMappings: each vSwitch of the VPC in the zone named, at least two zones where the transit router has more than one (not confirmed)",
  },
  "IllegalParam.TransitRouterRouteTableId": {
    status: 400,
    source:
      "Associate/EnableTransitRouterRouteTable*, CreateTransitRouterRouteEntry API docs: the route table of the attachment's transit router (not confirmed)",
  },
  "IllegalParam.NextHopId": {
    status: 400,
    source:
      "CreateTransitRouterRouteEntry API doc, TransitRouterRouteEntryNextHopId: a connection on the route table's transit router (not confirmed)",
  },
  "IllegalParam.PeerTransitRouter": {
    status: 400,
    source:
      "CreateTransitRouterPeerAttachment API doc: PeerTransitRouterId in PeerTransitRouterRegionId and in the same CEN instance (not confirmed)",
  },
  "OperationFailed.AttachmentAlreadyAssociated": {
    status: 400,
    source: "AssociateTransitRouterAttachmentWithRouteTable API doc: a connection is associated with one route table (not confirmed)",
  },
  "OperationFailed.AlreadyPropagated": {
    status: 400,
    source: "EnableTransitRouterRouteTablePropagation API doc: route learning is enabled once per route table (not confirmed)",
  },
  "IncorrectStatus.VpcRouteEntry": {
    status: 400,
    source: `DeleteTransitRouterVpcAttachment: a VPC route entry still points at the attachment; retried by ${PROVIDER} alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go:499`,
  },
  "InvalidOperation.VbrNotAttachedToCen": {
    status: 400,
    source: `EnableCenVbrHealthCheck: the VBR must be attached to the CEN instance first; retried by ${PROVIDER} alicloud/resource_alicloud_cen_vbr_health_check.go:102`,
  },
  "DependencyViolation.TransitRouterAttachment": {
    status: 400,
    source: "DeleteVpc / DeleteVSwitch / DeleteVirtualBorderRouter API docs: a resource attached to a transit router (not confirmed)",
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** The catalogued error `code` with this message. */
export function apiError(code: ErrorCode, message: string): ApiError {
  return new ApiError(ERRORS[code].status, code, message);
}

/** A refusal because of the state of something (a conflict, a dependency, a quota). */
export function conflict(code: ErrorCode, message: string): ApiError {
  return apiError(code, message);
}

/** The emulator lacks something the caller used: never a silent pass. */
export function unsupported(what: string): ApiError {
  return apiError("Emulator.Unsupported", `the emulator does not implement ${what}`);
}

export function notFound(code: ErrorCode, id: string): ApiError {
  return apiError(code, `The specified resource ${id} does not exist.`);
}

export function missing(param: string): ApiError {
  return apiError("MissingParameter", `The input parameter "${param}" that is mandatory for processing this request is not supplied.`);
}
