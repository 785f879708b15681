import { TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { VpcBgpGroup } from "../../.gen/providers/alicloud/vpc-bgp-group";
import { VpcBgpNetwork } from "../../.gen/providers/alicloud/vpc-bgp-network";
import { VpcBgpPeer } from "../../.gen/providers/alicloud/vpc-bgp-peer";
import { bgpAuthKeyVariable, cidrId } from "../private/naming";
import { ALIBABA_ASN, isCidr, parseCidr } from "../topology";
import { IVirtualBorderRouter } from "./virtual-border-router";

export interface BgpPeeringProps {
  readonly vbr: IVirtualBorderRouter;
  /** The IDC router's ASN. */
  readonly peerAsn: number;
  /** @default 45104 */
  readonly localAsn?: number;
  /** @default true */
  readonly enableBfd?: boolean;
  /**
   * BFD hop count (1–255), sent when BFD is on. The API requires it with BFD and
   * defaults to 255; Read writes it back while the attribute is not Computed
   * (alicloud/resource_alicloud_vpc_bgp_peer.go:30, :148), so it is always set. The
   * docs advise 1 for a direct fibre with no device in between (ALIYUN::VPC::BgpPeer).
   * @default 255
   */
  readonly bfdMultiHop?: number;
  /**
   * MD5 key; a sensitive variable's value, never a literal.
   * @default - when `md5Auth`, a sensitive variable `bgp_auth_key_<vbr>`
   */
  readonly authKey?: string;
  /** @default true */
  readonly md5Auth?: boolean;
  /** Prefixes the VBR advertises to the IDC (the VPC CIDRs behind it). */
  readonly advertise: readonly string[];
}

/**
 * BGP between a VBR and the IDC router, as an alternative to static routes: the VBR
 * learns the IDC prefixes (so no static VBR->IDC route is needed) and advertises the
 * VPC networks. BFD is on by default; the MD5 key comes from a sensitive variable.
 *
 * ```ts
 * new BgpPeering(this, "Bgp", { vbr, peerAsn: 65001, advertise: ["172.16.0.0/16"] });
 * ```
 * @resource alicloud_vpc_bgp_group
 * @resource alicloud_vpc_bgp_peer
 * @resource alicloud_vpc_bgp_network
 */
export class BgpPeering extends Construct {
  readonly group: VpcBgpGroup;
  readonly peer: VpcBgpPeer;
  readonly networks: VpcBgpNetwork[] = [];
  readonly authKeyVariable?: TerraformVariable;

  constructor(scope: Construct, id: string, props: BgpPeeringProps) {
    super(scope, id);
    const name = props.vbr.name;
    for (const [k, v] of [
      ["peerAsn", props.peerAsn],
      ["localAsn", props.localAsn],
    ] as const) {
      if (v === undefined || Token.isUnresolved(v)) continue;
      if (!Number.isInteger(v) || v < 1 || v > 4294967295)
        throw new Error(`\`${k}\` ${v} for BGP on ${name} is out of range (1–4294967295)`);
    }
    if (props.peerAsn === ALIBABA_ASN)
      throw new Error(`\`peerAsn\` ${props.peerAsn} for BGP on ${name} is Alibaba Cloud's own ASN; use the IDC router's ASN`);
    if (props.authKey !== undefined && !Token.isUnresolved(props.authKey)) {
      throw new Error(`\`authKey\` for BGP on ${name} is a literal; pass a sensitive variable's value (secrets never sit in code)`);
    }
    let authKey = props.authKey;
    if (authKey === undefined && (props.md5Auth ?? true)) {
      this.authKeyVariable = new TerraformVariable(this, "AuthKey", {
        type: "string",
        sensitive: true,
        description: `BGP MD5 key for ${name} (set TF_VAR_${bgpAuthKeyVariable(name)})`,
      });
      this.authKeyVariable.overrideLogicalId(bgpAuthKeyVariable(name));
      authKey = this.authKeyVariable.stringValue;
    }
    this.group = new VpcBgpGroup(this, "Group", {
      provider: props.vbr.provider,
      routerId: props.vbr.vbrId,
      bgpGroupName: name,
      peerAsn: props.peerAsn,
      localAsn: props.localAsn ?? ALIBABA_ASN,
      authKey,
      description: `BGP with ${name}`,
    });
    this.peer = new VpcBgpPeer(this, "Peer", {
      provider: props.vbr.provider,
      bgpGroupId: this.group.id,
      peerIpAddress: props.vbr.peerGatewayIp,
      enableBfd: props.enableBfd ?? true,
      bfdMultiHop: (props.enableBfd ?? true) ? (props.bfdMultiHop ?? 255) : undefined,
    });
    let previous: VpcBgpNetwork | undefined;
    for (const [i, c] of props.advertise.entries()) {
      const unresolved = Token.isUnresolved(c);
      if (!unresolved && !isCidr(parseCidr(c))) throw new Error(`\`advertise\` entry ${c} for BGP on ${name} is not a network CIDR`);
      const n: VpcBgpNetwork = new VpcBgpNetwork(this, unresolved ? `Advertise${i}` : `Advertise${cidrId(c)}`, {
        provider: props.vbr.provider,
        routerId: props.vbr.vbrId,
        dstCidrBlock: c,
        dependsOn: [this.peer, ...(previous ? [previous] : [])],
      });
      this.networks.push(n);
      previous = n;
    }
  }
}
