/**
 * NAT product model (API 2016-04-28), internet egress: NAT gateways, EIPs and their
 * association, SNAT entries, and the behaviour their docs give (the route an enhanced NAT
 * gateway adds by itself, what blocks a delete or a release, when a binding has settled).
 */
import { apiError, conflict, notFound } from "../../errors";
import type { Resource } from "../../state";
import { create, isoNow, mine, mustGet, newId, type Ctx } from "../context";
import { addRouteEntry, systemRouteTable } from "../vpc";

export function nat(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "natGateway", id, "InvalidNatGatewayId.NotFound");
}

export function eip(ctx: Ctx, id: string): Resource {
  return mustGet(ctx, "eip", id, "InvalidAllocationId.NotFound");
}

export function eipsOf(ctx: Ctx, natId: string): Resource[] {
  return mine(ctx, "eip").filter((e) => e.attrs.InstanceId === natId);
}

/**
 * CreateNatGateway doc: an enhanced NAT gateway needs a vSwitch of the VPC; "After you create an
 * enhanced Internet NAT gateway, the system automatically adds a route entry whose destination
 * CIDR block is 0.0.0.0/0 and whose next hop is the NAT gateway to the route table of the VPC",
 * unless a 0.0.0.0/0 route is already there.
 */
export function createNatGateway(ctx: Ctx, vpc: Resource, vsw: Resource, attrs: Record<string, unknown>): Resource {
  if (vsw.attrs.VpcId !== vpc.id) throw apiError("InvalidVSwitchId.NotBelongToVpc", `vSwitch ${vsw.id} is not in VPC ${vpc.id}.`);
  const id = newId(ctx, "ngw");
  const n = create(ctx, "natGateway", id, {
    ...attrs,
    VpcId: vpc.id,
    VSwitchId: vsw.id,
    ZoneId: vsw.attrs.ZoneId,
    DeletionProtection: false,
    CreationTime: isoNow(ctx),
    SnatTableId: newId(ctx, "stb"),
    ForwardTableId: newId(ctx, "ftb"),
    PrivateIpAddress: "192.168.0.200",
  });
  const rt = systemRouteTable(ctx, vpc.id);
  const hasDefault = mine(ctx, "routeEntry").some((e) => e.attrs.RouteTableId === rt.id && e.attrs.DestinationCidrBlock === "0.0.0.0/0");
  if (attrs.NatType === "Enhanced" && !hasDefault) addRouteEntry(ctx, rt, "0.0.0.0/0", "NatGateway", id, "System", { AddedBy: id });
  return n;
}

/**
 * DeleteNatGateway doc: deletion protection off (code not confirmed); with Force=false a gateway
 * with EIPs or SNAT entries fails (DependencyViolation.EIPS is retried by the provider:
 * resource_alicloud_nat_gateway.go:657); custom routes to it block it. The busy-on-delete
 * fault answers IncorrectStatus.NatGateway while the gateway settles (faults.ts).
 */
export function deleteNatGateway(ctx: Ctx, n: Resource, force: boolean): void {
  if (ctx.now < Number(n.attrs.BusyUntil ?? 0))
    throw conflict("IncorrectStatus.NatGateway", `NAT gateway ${n.id} is updating after a change to its SNAT entries or EIPs.`);
  if (n.attrs.DeletionProtection === true)
    throw conflict("OperationDenied.DeletionProtection", `NAT gateway ${n.id} has deletion protection enabled.`);
  if (!force && eipsOf(ctx, n.id).length > 0) throw conflict("DependencyViolation.EIPS", `NAT gateway ${n.id} still has EIPs bound.`);
  const snats = mine(ctx, "snatEntry").filter((s) => s.attrs.NatGatewayId === n.id);
  if (!force && snats.length > 0) throw conflict("DependencyViolation.SnatEntry", `NAT gateway ${n.id} still has SNAT entries.`);
  const routed = mine(ctx, "routeEntry").find((e) => e.attrs.InstanceId === n.id && e.attrs.Type === "Custom");
  if (routed)
    throw conflict(
      "DependencyViolation.RouteEntry",
      `Custom route ${String(routed.attrs.DestinationCidrBlock)} in ${String(routed.attrs.RouteTableId)} still points to ${n.id}.`,
    );
  for (const s of snats) ctx.store.delete(s.id);
  for (const e of eipsOf(ctx, n.id)) Object.assign(e.attrs, { InstanceId: "", InstanceType: "", WasBound: true });
  // the system 0.0.0.0/0 route the gateway added goes with it
  for (const e of mine(ctx, "routeEntry").filter((x) => x.attrs.AddedBy === n.id)) ctx.store.delete(e.id);
  ctx.store.delete(n.id);
}

/** AllocateEipAddress: an address from the documentation range (RFC 5737 TEST-NET-3), never a real one. */
export function allocateEip(ctx: Ctx, attrs: Record<string, unknown>): Resource {
  const n = ctx.store.nextSeq();
  const base = {
    IpAddress: `203.0.113.${(n % 250) + 1}`,
    AllocationTime: isoNow(ctx),
    DeletionProtection: false,
    InstanceId: "",
    InstanceType: "",
  };
  return create(ctx, "eip", newId(ctx, "eip"), { ...attrs, ...base }, false);
}

/**
 * AssociateEipAddress doc: the EIP must be Available and the instance ready (IncorrectEipStatus /
 * IncorrectInstanceStatus, both retried by the provider: resource_alicloud_eip_association.go:114).
 */
export function associateEip(ctx: Ctx, e: Resource, n: Resource): void {
  if (e.attrs.InstanceId) throw conflict("IncorrectEipStatus", `EIP ${e.id} is already bound to ${String(e.attrs.InstanceId)}.`);
  if (ctx.now < n.readyAt) throw conflict("IncorrectInstanceStatus", `NAT gateway ${n.id} is not Available yet.`);
  Object.assign(e.attrs, { InstanceId: n.id, InstanceType: "Nat", VpcId: n.attrs.VpcId });
  e.readyAt = ctx.now + ctx.transitionMs;
}

/** UnassociateEipAddress doc: an EIP used by a SNAT entry cannot be unbound. */
export function unassociateEip(ctx: Ctx, e: Resource): void {
  if (!e.attrs.InstanceId) throw conflict("IncorrectEipStatus", `EIP ${e.id} is not bound.`);
  const snat = mine(ctx, "snatEntry").find((s) => String(s.attrs.SnatIp).split(",").includes(String(e.attrs.IpAddress)));
  if (snat) throw conflict("DependencyViolation.SnatEntry", `EIP ${e.id} is used by SNAT entry ${snat.id}.`);
  const parent = ctx.store.get(String(e.attrs.InstanceId));
  Object.assign(e.attrs, { InstanceId: "", InstanceType: "", WasBound: true });
  e.readyAt = ctx.now + ctx.transitionMs;
  if (parent) ctx.dependentGone?.(parent);
}

/** ReleaseEipAddress doc: only an Available EIP without deletion protection can be released. */
export function releaseEip(ctx: Ctx, e: Resource): void {
  if (e.attrs.DeletionProtection === true)
    throw conflict("OperationDenied.DeletionProtection", `EIP ${e.id} has deletion protection enabled.`);
  if (e.attrs.InstanceId || ctx.now < e.readyAt) throw conflict("IncorrectEipStatus", `EIP ${e.id} is not Available.`);
  ctx.store.delete(e.id);
}

export interface SnatRequest {
  readonly tableId: string;
  readonly ips: readonly string[];
  readonly sourceVSwitchId?: string;
  readonly sourceCidr?: string;
  readonly name: string;
}

/**
 * CreateSnatEntry doc and SDK remarks: SnatIp is an EIP bound to this NAT gateway
 * (EIP_NOT_IN_GATEWAY, retried by the provider while the binding settles:
 * resource_alicloud_snat_entry.go:99); exactly one of SourceVSwitchId and SourceCIDR; the
 * vSwitch is one of the gateway's VPC; one entry per source.
 */
export function createSnatEntry(ctx: Ctx, r: SnatRequest): Resource {
  const n = mine(ctx, "natGateway").find((x) => x.attrs.SnatTableId === r.tableId);
  if (!n) throw notFound("InvalidSnatTableId.NotFound", r.tableId);
  for (const ip of r.ips) {
    const e = eipsOf(ctx, n.id).find((x) => x.attrs.IpAddress === ip);
    if (!e || ctx.now < e.readyAt) throw conflict("EIP_NOT_IN_GATEWAY", `SnatIp ${ip} is not an EIP bound to ${n.id}.`);
  }
  if (!r.sourceVSwitchId && !r.sourceCidr) throw apiError("MissingParameter", "One of SourceVSwitchId and SourceCIDR is required.");
  if (r.sourceVSwitchId && r.sourceCidr) throw apiError("InvalidParameter", "SourceVSwitchId and SourceCIDR are exclusive: give one.");
  const vsw = r.sourceVSwitchId ? mustGet(ctx, "vswitch", r.sourceVSwitchId, "InvalidVSwitchId.NotFound") : undefined;
  if (vsw && vsw.attrs.VpcId !== n.attrs.VpcId)
    throw apiError(
      "InvalidSourceVSwitchId.NotInVpc",
      `SourceVSwitchId ${vsw.id} is in ${String(vsw.attrs.VpcId)}, not in NAT gateway ${n.id}'s VPC ${String(n.attrs.VpcId)}.`,
    );
  const source = vsw ? String(vsw.attrs.CidrBlock) : String(r.sourceCidr);
  const dup = mine(ctx, "snatEntry").find((s) => s.attrs.SnatTableId === r.tableId && s.attrs.SourceCIDR === source);
  if (dup) throw conflict("Forbidden.SourceCidrConflict", `A SNAT entry for ${source} already exists in ${r.tableId} (${dup.id}).`);
  return create(ctx, "snatEntry", newId(ctx, "snat"), {
    SnatTableId: r.tableId,
    NatGatewayId: n.id,
    SnatIp: r.ips.join(","),
    SourceVSwitchId: r.sourceVSwitchId ?? "",
    SourceCIDR: source,
    SnatEntryName: r.name,
  });
}

/** DeleteSnatEntry: not while Pending (the API's own spelling of the code). */
export function deleteSnatEntry(ctx: Ctx, s: Resource): void {
  if (ctx.now < s.readyAt) throw conflict("IncorretSnatEntryStatus", `SNAT entry ${s.id} is still Pending.`);
  ctx.store.delete(s.id);
  const parent = ctx.store.get(String(s.attrs.NatGatewayId));
  if (parent) ctx.dependentGone?.(parent);
}
