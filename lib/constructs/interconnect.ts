import { Construct } from "constructs";
import { PeeringLinkType, RouterInterfaceSpecification } from "../topology";
import { RouterInterfacePair, RouterType } from "./router-interface-pair";
import { RouteTarget } from "./route-table-entries";
import { IVpcNetwork } from "./vpc-network";
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- VpcPeeringProps is the target of a {@link} below
import { VpcPeering, VpcPeeringProps } from "./vpc-peering";

export enum InterconnectKind {
  /** A router-interface pair, as seed 002 builds it (Express Connect VPC interconnection). */
  ROUTER_INTERFACE = "router-interface",
  /** VPC peering: the provider's current path for VPC-to-VPC links. */
  PEERING = "peering",
}

export interface InterconnectProps {
  readonly name: string;
  readonly kind: InterconnectKind;
  /** Initiating side (requester for peering). */
  readonly from: IVpcNetwork;
  /** Accepting side. */
  readonly to: IVpcNetwork;
  /** Router-interface spec. @default RouterInterfaceSpecification.LARGE_2 */
  readonly spec?: RouterInterfaceSpecification;
  /** Peering bandwidth in Mbit/s (cross-region). @default - the provider's default */
  readonly bandwidth?: number;
  /** Peering link type (cross-region). @default - the provider's default (Gold) */
  readonly linkType?: PeeringLinkType;
  /** Owner UIDs when the VPCs are in different accounts. @default - same account */
  readonly fromOwnerUid?: string;
  /** @default - same account */
  readonly toOwnerUid?: string;
  /**
   * Account UID of the `to` VPC for peering, needed same-account too (see
   * {@link VpcPeeringProps.acceptorUid}). @default - `toOwnerUid`; peering then fails without it
   */
  readonly toAccountUid?: string;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
}

/**
 * A private link between two VPCs, as a router-interface pair or as VPC peering, chosen
 * by `kind`. Either way {@link routeTargetFrom} gives each side's route target, so the
 * planner's routes do not care which one it is.
 *
 * ```ts
 * const ic = new Interconnect(this, "UsCn", { name: "us-cn", kind: InterconnectKind.PEERING, from: us, to: cn, bandwidth: 10 });
 * RouteTarget: ic.routeTargetFrom(us)
 * ```
 * @resource alicloud_express_connect_router_interface
 * @resource alicloud_router_interface_connection
 * @resource alicloud_vpc_peer_connection
 */
export class Interconnect extends Construct {
  readonly kind: InterconnectKind;
  readonly routerInterfaces?: RouterInterfacePair;
  readonly peering?: VpcPeering;
  private readonly from: IVpcNetwork;
  private readonly to: IVpcNetwork;

  constructor(scope: Construct, id: string, props: InterconnectProps) {
    super(scope, id);
    if (props.from.name === props.to.name)
      throw new Error(`\`to\` ${props.to.name} of interconnect ${props.name} is \`from\` itself; link two different VPCs`);
    this.kind = props.kind;
    this.from = props.from;
    this.to = props.to;
    if (props.kind === InterconnectKind.ROUTER_INTERFACE) {
      if (props.bandwidth !== undefined || props.linkType !== undefined) {
        throw new Error(
          `\`bandwidth\`/\`linkType\` of interconnect ${props.name} apply to peering only; a router-interface pair is sized by \`spec\``,
        );
      }
      const end = (v: IVpcNetwork, ownerUid?: string) => ({
        routerType: RouterType.VROUTER,
        routerId: v.routerId,
        region: v.region,
        provider: v.provider,
        label: v.name,
        ownerUid,
      });
      this.routerInterfaces = new RouterInterfacePair(this, "RouterInterfaces", {
        name: props.name,
        spec: props.spec,
        initiator: end(props.from, props.fromOwnerUid),
        acceptor: end(props.to, props.toOwnerUid),
      });
    } else {
      if (props.spec !== undefined) throw new Error(`\`spec\` of interconnect ${props.name} applies to router interfaces only`);
      const crossAccount = props.toOwnerUid !== undefined;
      const acceptorUid = props.toAccountUid ?? props.toOwnerUid;
      if (acceptorUid === undefined)
        throw new Error(
          `\`toAccountUid\` is required for peering interconnect ${props.name}: every peering names its acceptor's account UID`,
        );
      this.peering = new VpcPeering(this, "Peering", {
        name: props.name,
        requester: props.from,
        acceptor: props.to,
        crossAccount,
        acceptorUid,
        bandwidth: props.bandwidth,
        linkType: props.linkType,
        commonTags: props.commonTags,
      });
    }
  }

  /** The route target that sends traffic from `vpc` (one of the two ends) across the link. */
  routeTargetFrom(vpc: IVpcNetwork | string): RouteTarget {
    const name = typeof vpc === "string" ? vpc : vpc.name;
    if (name !== this.from.name && name !== this.to.name)
      throw new Error(`VPC ${name} is not an end of this interconnect (${this.from.name}, ${this.to.name})`);
    if (this.peering) return RouteTarget.vpcPeer(this.peering.peerConnectionId, ...this.peering.routeDependencies);
    const pair = this.routerInterfaces!;
    return RouteTarget.routerInterface(pair.interfaceIdOn(name === this.from.name ? "initiator" : "acceptor"), pair.initiatingConnection);
  }
}
