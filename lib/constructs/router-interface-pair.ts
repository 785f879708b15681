import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { ExpressConnectRouterInterface } from "../../.gen/providers/alicloud/express-connect-router-interface";
import { RouterInterfaceConnection } from "../../.gen/providers/alicloud/router-interface-connection";
import { HealthCheckSpec, isIpv4, RouterInterfaceSpecification } from "../topology";

export enum RouterType {
  VROUTER = "VRouter",
  VBR = "VBR",
}

/** One end of a router-interface pair: a VPC's vRouter or a VBR. */
export interface RouterEndpoint {
  readonly routerType: RouterType;
  readonly routerId: string;
  readonly region: string;
  readonly provider: TerraformProvider;
  /** Access point of a VBR. @default - none (VRouter) */
  readonly accessPointId?: string;
  /** Owner UID when the two ends are in different accounts. @default - same account */
  readonly ownerUid?: string;
  /** Label used in names and descriptions. */
  readonly label: string;
}

export interface RouterInterfacePairProps {
  readonly name: string;
  /** Initiating side (the VBR for VBR<->VPC pairs). */
  readonly initiator: RouterEndpoint;
  readonly acceptor: RouterEndpoint;
  /** @default RouterInterfaceSpecification.LARGE_2 */
  readonly spec?: RouterInterfaceSpecification;
  /**
   * Health check on the initiating interface (VBR<->VPC).
   * @default - none
   */
  readonly healthCheck?: HealthCheckSpec;
}

/**
 * A connected router-interface pair. Both interfaces are
 * `alicloud_express_connect_router_interface`; provider v1.240.0 has no `fast_link_mode`,
 * so the pair is connected the way the provider documents it: one
 * `alicloud_router_interface_connection` per side, the accepting side first.
 * (Neither resource is deprecated in v1.240.0.)
 *
 * ```ts
 * new RouterInterfacePair(this, "UsCn", { name: "us-cn",
 *   initiator: { routerType: RouterType.VROUTER, routerId: us.routerId, region: "us-east-1", provider: usP, label: "us-vpc" },
 *   acceptor:  { routerType: RouterType.VROUTER, routerId: cn.routerId, region: "cn-shanghai", provider: cnP, label: "cn-vpc" } });
 * ```
 * @resource alicloud_express_connect_router_interface
 * @resource alicloud_router_interface_connection
 */
export class RouterInterfacePair extends Construct {
  readonly initiating: ExpressConnectRouterInterface;
  readonly accepting: ExpressConnectRouterInterface;
  readonly acceptingConnection: RouterInterfaceConnection;
  readonly initiatingConnection: RouterInterfaceConnection;

  constructor(scope: Construct, id: string, props: RouterInterfacePairProps) {
    super(scope, id);
    validate(props);
    const { initiator: a, acceptor: b } = props;
    const spec = props.spec ?? RouterInterfaceSpecification.LARGE_2;
    const hc = props.healthCheck;
    this.initiating = new ExpressConnectRouterInterface(this, "Initiating", {
      provider: a.provider,
      role: "InitiatingSide",
      routerType: a.routerType,
      routerId: a.routerId,
      accessPointId: a.accessPointId,
      spec,
      oppositeRegionId: b.region,
      oppositeRouterType: b.routerType,
      oppositeRouterId: b.routerId,
      oppositeAccessPointId: b.accessPointId,
      oppositeInterfaceOwnerId: b.ownerUid,
      paymentType: "PayAsYouGo",
      routerInterfaceName: `${props.name}-${a.label}`,
      description: `${a.label} -> ${b.label}`,
      healthCheckSourceIp: hc?.sourceIp,
      healthCheckTargetIp: hc?.targetIp,
      hcRate: hc ? (hc.rateMs ?? 2000) : undefined,
      hcThreshold: hc ? String(hc.threshold ?? 8) : undefined,
      lifecycle: { ignoreChanges: readFilled(hc !== undefined) },
    });
    this.accepting = new ExpressConnectRouterInterface(this, "Accepting", {
      provider: b.provider,
      role: "AcceptingSide",
      routerType: b.routerType,
      routerId: b.routerId,
      accessPointId: b.accessPointId,
      spec: "Negative",
      oppositeRegionId: a.region,
      oppositeRouterType: a.routerType,
      oppositeRouterId: a.routerId,
      oppositeAccessPointId: a.accessPointId,
      oppositeInterfaceOwnerId: a.ownerUid,
      paymentType: "PayAsYouGo",
      routerInterfaceName: `${props.name}-${b.label}`,
      description: `${b.label} <- ${a.label}`,
      lifecycle: { ignoreChanges: readFilled(false) },
    });
    // The connection must start from the accepting side (provider docs).
    this.acceptingConnection = new RouterInterfaceConnection(this, "AcceptingConnection", {
      provider: b.provider,
      interfaceId: this.accepting.id,
      oppositeInterfaceId: this.initiating.id,
      oppositeInterfaceOwnerId: a.ownerUid,
      oppositeRouterId: a.ownerUid ? a.routerId : undefined,
      oppositeRouterType: a.ownerUid ? a.routerType : undefined,
    });
    this.initiatingConnection = new RouterInterfaceConnection(this, "InitiatingConnection", {
      provider: a.provider,
      interfaceId: this.initiating.id,
      oppositeInterfaceId: this.accepting.id,
      oppositeInterfaceOwnerId: b.ownerUid,
      oppositeRouterId: b.ownerUid ? b.routerId : undefined,
      oppositeRouterType: b.ownerUid ? b.routerType : undefined,
      dependsOn: [this.acceptingConnection],
    });
  }

  /** The interface on the side of `routerId` (for that side's routes). */
  interfaceIdOn(side: "initiator" | "acceptor"): string {
    return side === "initiator" ? this.initiating.id : this.accepting.id;
  }
}

/**
 * Attributes of `alicloud_express_connect_router_interface` that Read fills although they
 * are Optional and not Computed (alicloud/resource_alicloud_express_connect_router_interface.go
 * :336-344): the opposite interface's ID and owner once the pair is connected (the
 * connection resources own the pairing), and the health-check rate and threshold the API
 * reports on an interface without a configured health check. Unignored, every plan shows a
 * change and every apply calls ModifyRouterInterfaceAttribute on a live interface.
 */
function readFilled(healthCheckConfigured: boolean): string[] {
  return ["opposite_interface_id", "opposite_interface_owner_id", ...(healthCheckConfigured ? [] : ["hc_rate", "hc_threshold"])];
}

function validate(p: RouterInterfacePairProps): void {
  const hc = p.healthCheck;
  if (hc) {
    if (!isIpv4(hc.sourceIp))
      throw new Error(`\`healthCheck.sourceIp\` ${hc.sourceIp} of router-interface pair ${p.name} is not an IPv4 address`);
    if (!isIpv4(hc.targetIp))
      throw new Error(`\`healthCheck.targetIp\` ${hc.targetIp} of router-interface pair ${p.name} is not an IPv4 address`);
  }
  if (p.acceptor.routerType === RouterType.VBR) {
    throw new Error(
      `\`acceptor.routerType\` VBR in router-interface pair ${p.name} is not allowed: the VBR end must initiate; swap initiator and acceptor`,
    );
  }
  if (p.initiator.routerType === RouterType.VBR && !p.initiator.accessPointId) {
    throw new Error(`\`initiator.accessPointId\` is required for the VBR end of router-interface pair ${p.name}`);
  }
}
