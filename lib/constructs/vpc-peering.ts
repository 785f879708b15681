import { ITerraformDependable, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { VpcPeerConnection } from "../../.gen/providers/alicloud/vpc-peer-connection";
import { VpcPeerConnectionAccepter } from "../../.gen/providers/alicloud/vpc-peer-connection-accepter";
import { mergeTags } from "../private/naming";
import { PeeringLinkType } from "../topology";
import { IVpcNetwork } from "./vpc-network";

export interface IVpcPeering {
  readonly peerConnectionId: string;
  /** What a route over the peering must wait for (the accepter, when cross-account). */
  readonly routeDependencies: readonly ITerraformDependable[];
}

export interface VpcPeeringProps {
  readonly name: string;
  readonly requester: IVpcNetwork;
  readonly acceptor: IVpcNetwork;
  /**
   * Acceptor's account UID (digits or a token such as `data.alicloud_account.id`), same
   * account too: CreateVpcPeerConnection takes your own UID for a same-account peering,
   * and `accepting_ali_uid` is Optional + ForceNew, not Computed, while Read writes the
   * real UID into it (alicloud/resource_alicloud_vpc_peer_connection.go:31 and :185), so
   * leaving it unset replaces the peering on every plan after the first apply.
   */
  readonly acceptorUid: string;
  /**
   * True when the acceptor is in another account: the accepter resource is created
   * through the acceptor's provider.
   * @default false
   */
  readonly crossAccount?: boolean;
  /** Mbit/s; cross-region only. @default - the provider's default */
  readonly bandwidth?: number;
  /** Cross-region only. @default - the provider's default (Gold) */
  readonly linkType?: PeeringLinkType;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
}

/**
 * A VPC peering connection, always with the acceptor's account UID (your own for a
 * same-account peering). Same account: one resource on the requester's provider. Cross
 * account: the requester creates it and the acceptor accepts it through its own provider. Same-region peering is free; bandwidth and link
 * type are only allowed across regions.
 *
 * ```ts
 * new VpcPeering(this, "AppData", { name: "app-data", requester: app, acceptor: data, acceptorUid: new DataAlicloudAccount(this, "Me").id });
 * ```
 * @resource alicloud_vpc_peer_connection
 * @resource alicloud_vpc_peer_connection_accepter
 */
export class VpcPeering extends Construct implements IVpcPeering {
  readonly resource: VpcPeerConnection;
  readonly accepter?: VpcPeerConnectionAccepter;

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    validate(props);
    const crossRegion = props.requester.region !== props.acceptor.region;
    this.resource = new VpcPeerConnection(this, "Resource", {
      provider: props.requester.provider,
      peerConnectionName: props.name,
      vpcId: props.requester.vpcId,
      acceptingVpcId: props.acceptor.vpcId,
      acceptingRegionId: props.acceptor.region,
      acceptingAliUid: Token.asNumber(props.acceptorUid),
      bandwidth: crossRegion ? props.bandwidth : undefined,
      linkType: crossRegion ? props.linkType : undefined,
      description: `${props.requester.name} <-> ${props.acceptor.name}`,
      tags: mergeTags(props.name, props.commonTags),
    });
    if (props.crossAccount) {
      // Name, description, bandwidth and link type are one remote object that both
      // resources write (the accepter's create ends in an update that sends
      // ModifyVpcPeerConnection: alicloud/resource_alicloud_vpc_peer_connection_accepter.go:243-263).
      // The requester owns them; the accepter leaves them unset, and they are Computed
      // there, so neither side rewrites the other's value on every apply.
      this.accepter = new VpcPeerConnectionAccepter(this, "Accepter", {
        provider: props.acceptor.provider as TerraformProvider,
        instanceId: this.resource.id,
      });
    }
  }

  get peerConnectionId(): string {
    return this.resource.id;
  }

  get routeDependencies(): readonly ITerraformDependable[] {
    return this.accepter ? [this.accepter] : [this.resource];
  }
}

function validate(p: VpcPeeringProps): void {
  const crossRegion = p.requester.region !== p.acceptor.region;
  if (p.bandwidth !== undefined && !Token.isUnresolved(p.bandwidth)) {
    if (!crossRegion)
      throw new Error(
        `\`bandwidth\` ${p.bandwidth} on same-region peering ${p.name} (${p.requester.region}) is not allowed: same-region peering is unmetered; remove it`,
      );
    if (!Number.isInteger(p.bandwidth) || p.bandwidth < 1)
      throw new Error(`\`bandwidth\` ${p.bandwidth} of peering ${p.name} is out of range (an integer ≥ 1 Mbit/s)`);
  }
  if (p.linkType !== undefined && !crossRegion)
    throw new Error(`\`linkType\` ${p.linkType} on same-region peering ${p.name} is not allowed; remove it`);
  if (p.acceptorUid === undefined || p.acceptorUid === "") {
    throw new Error(
      `\`acceptorUid\` is required for peering ${p.name}, same account too (Read writes the real UID back; unset, every plan replaces the peering); set the account's uid or resolve it with data.alicloud_account`,
    );
  }
  if (!Token.isUnresolved(p.acceptorUid) && !/^\d{6,20}$/.test(p.acceptorUid)) {
    throw new Error(`\`acceptorUid\` ${p.acceptorUid} of peering ${p.name} is not an account UID (6–20 digits)`);
  }
}
