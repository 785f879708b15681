import { TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { ExpressConnectVirtualBorderRouter } from "../../.gen/providers/alicloud/express-connect-virtual-border-router";
import { isIpv4, maskPrefix, networkOf, VbrSpec } from "../topology";
import { ILeasedLine } from "./leased-line";

export interface IVirtualBorderRouter {
  readonly name: string;
  readonly region: string;
  readonly provider: TerraformProvider;
  readonly vbrId: string;
  readonly routeTableId: string;
  readonly accessPointId: string;
  readonly peerGatewayIp: string;
}

/** The VBR's own settings are the topology's `VbrSpec` (VLAN, gateway IPs, mask, BFD). */
export interface VirtualBorderRouterProps extends VbrSpec {
  readonly name: string;
  readonly region: string;
  readonly provider: TerraformProvider;
  readonly leasedLine: ILeasedLine;
}

/**
 * A virtual border router on a leased line: the VLAN sub-interface and the peering
 * subnet between Alibaba Cloud (local gateway) and the IDC router (peer gateway).
 * Protected with `prevent_destroy`: deleting it drops the IDC.
 *
 * ```ts
 * const vbr = new VirtualBorderRouter(this, "Vbr", { name: "beijing-idc", region: "cn-beijing", provider, leasedLine: line,
 *   vlanId: 100, localGatewayIp: "10.255.0.1", peerGatewayIp: "10.255.0.2", peeringSubnetMask: "255.255.255.252" });
 * ```
 * @resource alicloud_express_connect_virtual_border_router
 */
export class VirtualBorderRouter extends Construct implements IVirtualBorderRouter {
  readonly name: string;
  readonly region: string;
  readonly provider: TerraformProvider;
  readonly accessPointId: string;
  readonly peerGatewayIp: string;
  readonly resource: ExpressConnectVirtualBorderRouter;

  constructor(scope: Construct, id: string, props: VirtualBorderRouterProps) {
    super(scope, id);
    validate(props);
    this.name = props.name;
    this.region = props.region;
    this.provider = props.provider;
    this.accessPointId = props.leasedLine.accessPointId;
    this.peerGatewayIp = props.peerGatewayIp;
    this.resource = new ExpressConnectVirtualBorderRouter(this, "Resource", {
      provider: props.provider,
      virtualBorderRouterName: props.name,
      physicalConnectionId: props.leasedLine.physicalConnectionId,
      vlanId: props.vlanId,
      localGatewayIp: props.localGatewayIp,
      peerGatewayIp: props.peerGatewayIp,
      peeringSubnetMask: props.peeringSubnetMask,
      bandwidth: props.bandwidth,
      detectMultiplier: props.detectMultiplier ?? 3,
      minRxInterval: props.minRxInterval ?? 1000,
      minTxInterval: props.minTxInterval ?? 1000,
      description: `VBR of ${props.name}`,
      lifecycle: { preventDestroy: true },
    });
  }

  get vbrId(): string {
    return this.resource.id;
  }
  get routeTableId(): string {
    return this.resource.routeTableId;
  }
}

function validate(p: VirtualBorderRouterProps): void {
  if (!Token.isUnresolved(p.vlanId) && (!Number.isInteger(p.vlanId) || p.vlanId < 0 || p.vlanId > 2999)) {
    throw new Error(`\`vlanId\` ${p.vlanId} for VBR ${p.name} is out of range (0–2999)`);
  }
  const prefix = maskPrefix(p.peeringSubnetMask);
  if (prefix === undefined || prefix < 24 || prefix > 30) {
    throw new Error(`\`peeringSubnetMask\` ${p.peeringSubnetMask} for VBR ${p.name} is not a mask from 255.255.255.0 to 255.255.255.252`);
  }
  for (const k of ["localGatewayIp", "peerGatewayIp"] as const) {
    if (!isIpv4(p[k])) throw new Error(`\`${k}\` ${p[k]} for VBR ${p.name} is not an IPv4 address`);
  }
  if (p.localGatewayIp === p.peerGatewayIp)
    throw new Error(`\`peerGatewayIp\` ${p.peerGatewayIp} for VBR ${p.name} equals \`localGatewayIp\``);
  if (networkOf(p.localGatewayIp, prefix).text !== networkOf(p.peerGatewayIp, prefix).text) {
    throw new Error(
      `\`peerGatewayIp\` ${p.peerGatewayIp} for VBR ${p.name} is outside the peering subnet of ${p.localGatewayIp}/${prefix}`,
    );
  }
  const bfd: [keyof VirtualBorderRouterProps, number, number][] = [
    ["detectMultiplier", 3, 10],
    ["minRxInterval", 200, 1000],
    ["minTxInterval", 200, 1000],
  ];
  for (const [k, lo, hi] of bfd) {
    const v = p[k] as number | undefined;
    if (v !== undefined && (!Number.isInteger(v) || v < lo || v > hi))
      throw new Error(`\`${k}\` ${v} for VBR ${p.name} is out of range (${lo}–${hi})`);
  }
}
