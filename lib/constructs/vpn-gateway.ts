import { Token } from "cdktf";
import { Construct } from "constructs";
import { VpnGateway as VpnGatewayResource } from "../../.gen/providers/alicloud/vpn-gateway";
import { VpnRouteEntry } from "../../.gen/providers/alicloud/vpn-route-entry";
import { cidrId, mergeTags, pascal } from "../private/naming";
import { dualTunnelZones, supportsDualTunnelVpn, VPN_GATEWAY_BANDWIDTHS, VpnGatewayPaymentType } from "../topology";
import { IVpcNetwork } from "./vpc-network";

export interface IVpnGateway {
  readonly name: string;
  readonly vpc: IVpcNetwork;
  readonly vpnGatewayId: string;
  /** Public IP of the (first) tunnel endpoint. */
  readonly internetIp: string;
  /** True when the gateway has a disaster-recovery vSwitch (dual-tunnel connections). */
  readonly dualTunnel: boolean;
  /** Adds a destination route on the gateway towards an IPsec connection. */
  addRoute(destination: string, connectionId: string, opts?: VpnRouteOptions): void;
}

export interface VpnGatewayProps {
  readonly name: string;
  readonly vpc: IVpcNetwork;
  /** Mbit/s: 5, 10, 20, 50, 100, 200, 500 or 1000. */
  readonly bandwidth: number;
  /** Name of the VPC's vSwitch the gateway sits in. */
  readonly vswitch: string;
  /**
   * Second vSwitch, for the standby tunnel of dual-tunnel connections. Required in
   * regions whose new gateways are dual-tunnel, refused elsewhere
   * (lib/topology/vpn-capabilities.ts). The same vSwitch as `vswitch` only where the
   * region has a single dual-tunnel zone.
   * @default - single tunnel
   */
  readonly disasterRecoveryVswitch?: string;
  /** @default VpnGatewayPaymentType.PAY_AS_YOU_GO */
  readonly paymentType?: VpnGatewayPaymentType;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
}

/** A destination route's place among an office's routes on one gateway. */
export interface VpnRouteOptions {
  /**
   * 100 for the active link's route, 0 for a standby's: the gateway uses a weight-0 route
   * only while the weight-100 route's connection is down (Alibaba Cloud VPN Gateway user
   * guide, "Manage destination-based routes"; provider
   * alicloud/resource_alicloud_vpn_route_entry.go:51-54 `weight` in {0, 100}).
   * @default 100
   */
  readonly weight?: number;
  /**
   * The VPN link the route leads over: names a second route to the same destination.
   * @default - the destination alone names the route
   */
  readonly link?: string;
}

/**
 * A public IPsec VPN gateway in a VPC. Routes on the gateway towards offices are
 * destination routes (`alicloud_vpn_route_entry`, not published to the VPC: the VPC's
 * own routes come from the planner), added with {@link addRoute} and created one at a
 * time because the gateway rejects concurrent changes.
 *
 * ```ts
 * const gw = new VpnGateway(this, "UsGw", { name: "us-vpc-vpn", vpc, bandwidth: 10, vswitch: "us-a" });
 * ```
 * @resource alicloud_vpn_gateway
 * @resource alicloud_vpn_route_entry
 */
export class VpnGateway extends Construct implements IVpnGateway {
  readonly name: string;
  readonly vpc: IVpcNetwork;
  readonly resource: VpnGatewayResource;
  readonly routes: VpnRouteEntry[] = [];
  readonly dualTunnel: boolean;
  private readonly routeScope: Construct;

  constructor(scope: Construct, id: string, props: VpnGatewayProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.bandwidth) && !VPN_GATEWAY_BANDWIDTHS.includes(props.bandwidth)) {
      throw new Error(
        `\`bandwidth\` ${props.bandwidth} of VPN gateway ${props.name} is not allowed (${VPN_GATEWAY_BANDWIDTHS.join(", ")} Mbit/s)`,
      );
    }
    validateTunnels(props);
    this.name = props.name;
    this.vpc = props.vpc;
    this.dualTunnel = props.disasterRecoveryVswitch !== undefined;
    this.resource = new VpnGatewayResource(this, "Resource", {
      provider: props.vpc.provider,
      vpnGatewayName: props.name,
      vpcId: props.vpc.vpcId,
      vswitchId: props.vpc.vswitchId(props.vswitch),
      disasterRecoveryVswitchId: props.disasterRecoveryVswitch ? props.vpc.vswitchId(props.disasterRecoveryVswitch) : undefined,
      bandwidth: props.bandwidth,
      networkType: "public",
      paymentType: props.paymentType ?? VpnGatewayPaymentType.PAY_AS_YOU_GO,
      enableIpsec: true,
      enableSsl: false,
      // Read writes AutoPropagate (alicloud/resource_alicloud_vpn_gateway.go:277) and the
      // attribute is not Computed; only a true is sent after create (the update sends it on
      // HasChange, :333), so true is the value that cannot drift.
      autoPropagate: true,
      description: `IPsec gateway of ${props.vpc.name}`,
      tags: mergeTags(props.name, props.commonTags),
    });
    this.routeScope = new Construct(this, "Routes");
  }

  get vpnGatewayId(): string {
    return this.resource.id;
  }
  get internetIp(): string {
    return this.resource.internetIp;
  }
  get disasterRecoveryInternetIp(): string {
    return this.resource.disasterRecoveryInternetIp;
  }

  /**
   * The gateway's end of each tunnel, for a device's outputs: master and slave on a
   * dual-tunnel gateway (the device configures both peers; the API picks the active one),
   * else the single tunnel. `slaveDeviceIp`: a second device that ends the slave tunnel.
   */
  tunnelOutputs(slaveDeviceIp?: string): Record<string, string>[] {
    if (!this.dualTunnel) return [{ role: "single", alibaba_gateway_ip: this.internetIp }];
    return [
      { role: "master", alibaba_gateway_ip: this.internetIp },
      {
        role: "slave",
        alibaba_gateway_ip: this.disasterRecoveryInternetIp,
        ...(slaveDeviceIp !== undefined ? { office_gateway_ip: slaveDeviceIp } : {}),
      },
    ];
  }

  addRoute(destination: string, connectionId: string, opts: VpnRouteOptions = {}): void {
    const previous = this.routes[this.routes.length - 1];
    let id = Token.isUnresolved(destination) ? `Route${this.routes.length}` : cidrId(destination);
    // a second route to one destination (a standby link) is named by its link, so the first keeps its address
    if (this.routeScope.node.tryFindChild(id) && opts.link !== undefined) id = `${id}-${pascal(opts.link)}`;
    this.routes.push(
      new VpnRouteEntry(this.routeScope, id, {
        provider: this.vpc.provider,
        vpnGatewayId: this.resource.id,
        routeDest: destination,
        nextHop: connectionId,
        weight: opts.weight ?? 100,
        publishVpc: false,
        dependsOn: previous ? [previous] : undefined,
      }),
    );
  }
}

function validateTunnels(p: VpnGatewayProps): void {
  const region = p.vpc.region;
  if (Token.isUnresolved(region)) return;
  const dr = p.disasterRecoveryVswitch;
  if (supportsDualTunnelVpn(region) && dr === undefined) {
    throw new Error(
      `\`disasterRecoveryVswitch\` is required for VPN gateway ${p.name}: new gateways in ${region} are dual-tunnel and CreateVpnGateway needs a second vSwitch; set a vSwitch in another zone`,
    );
  }
  if (!supportsDualTunnelVpn(region) && dr !== undefined) {
    throw new Error(
      `\`disasterRecoveryVswitch\` ${dr} of VPN gateway ${p.name} is not allowed: gateways in ${region} are single-tunnel only; remove it`,
    );
  }
  if (dr !== undefined && dr === p.vswitch && dualTunnelZones(region)?.length !== 1) {
    throw new Error(
      `\`disasterRecoveryVswitch\` ${dr} of VPN gateway ${p.name} equals \`vswitch\`; use a vSwitch in another zone (the same vSwitch only where ${region} has one dual-tunnel zone)`,
    );
  }
}
