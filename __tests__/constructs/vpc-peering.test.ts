import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { DataAlicloudAccount } from "../../.gen/providers/alicloud/data-alicloud-account";
import { VpcPeerConnection } from "../../.gen/providers/alicloud/vpc-peer-connection";
import { VpcPeerConnectionAccepter } from "../../.gen/providers/alicloud/vpc-peer-connection-accepter";
import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { VpcPeering, VpcPeeringProps } from "../../lib/constructs/vpc-peering";
import { PeeringLinkType } from "../../lib/topology";
import { aliasedProvider, findOne, newStack, only, providerRef, ref, resources, synthJson } from "./tf-json";

interface Pair {
  readonly stack: TerraformStack;
  readonly requester: VpcNetwork;
  readonly acceptor: VpcNetwork;
}

/** Requester in main/cn-hangzhou; acceptor in `account`/`region`. */
function pair(acceptorAccount = "main", acceptorRegion = "cn-hangzhou", stack: TerraformStack = newStack()): Pair {
  const requester = new VpcNetwork(stack, "App", {
    name: "app-vpc",
    region: "cn-hangzhou",
    cidrBlock: "10.1.0.0/16",
    provider: aliasedProvider(stack, "main", "cn-hangzhou"),
    vswitches: [{ name: "app-h", zone: "cn-hangzhou-h", cidr: "10.1.0.0/24" }],
  });
  const acceptorProvider =
    acceptorAccount === "main" && acceptorRegion === "cn-hangzhou"
      ? requester.provider
      : aliasedProvider(stack, acceptorAccount, acceptorRegion);
  const acceptor = new VpcNetwork(stack, "Data", {
    name: "data-vpc",
    region: acceptorRegion,
    cidrBlock: "10.2.0.0/16",
    provider: acceptorProvider,
    vswitches: [{ name: "data-1", zone: `${acceptorRegion}-a`, cidr: "10.2.0.0/24" }],
  });
  return { stack, requester, acceptor };
}

/** The requester's own account UID: what a same-account peering sends. */
const OWN_UID = "100000000001";

function peering(p: Pair, extra: Partial<Omit<VpcPeeringProps, "acceptorUid">> & { acceptorUid?: string | undefined } = {}): VpcPeering {
  return new VpcPeering(p.stack, "AppData", {
    name: "app-data",
    requester: p.requester,
    acceptor: p.acceptor,
    acceptorUid: OWN_UID,
    ...extra,
  } as VpcPeeringProps);
}

const vpcKey = (stack: TerraformStack, name: string) => findOne(synthJson(stack), "alicloud_vpc", (b) => b.vpc_name === name).key;

describe("VpcPeering, same account and region", () => {
  it("creates one peer connection on the requester's provider between the two VPCs", () => {
    // GIVEN
    const p = pair();
    // WHEN
    peering(p, { commonTags: { Environment: "dev" } });
    // THEN
    const tf = synthJson(p.stack);
    const pc = only(tf, "alicloud_vpc_peer_connection").body;
    expect(pc).toMatchObject({
      peer_connection_name: "app-data",
      accepting_region_id: "cn-hangzhou",
      description: "app-vpc <-> data-vpc",
      provider: "alicloud.main_cn_hangzhou",
    });
    expect(pc.vpc_id).toBe(ref("alicloud_vpc", vpcKey(p.stack, "app-vpc"), "id"));
    expect(pc.accepting_vpc_id).toBe(ref("alicloud_vpc", vpcKey(p.stack, "data-vpc"), "id"));
    expect(pc.tags).toEqual({ Name: "app-data", Environment: "dev" });
  });

  it("sends its own account UID (Read writes it back: unset, every plan would replace the peering), no bandwidth or link type, and creates no accepter", () => {
    // GIVEN
    const p = pair();
    // WHEN
    const peer = peering(p);
    // THEN
    const tf = synthJson(p.stack);
    const pc = only(tf, "alicloud_vpc_peer_connection").body;
    expect(String(pc.accepting_ali_uid)).toBe(OWN_UID);
    expect(pc).not.toHaveProperty("bandwidth");
    expect(pc).not.toHaveProperty("link_type");
    expect(resources(tf, "alicloud_vpc_peer_connection_accepter")).toEqual({});
    expect(peer.accepter).toBeUndefined();
  });

  it("lets routes wait for the peer connection itself", () => {
    // GIVEN
    const p = pair();
    // WHEN
    const peer = peering(p);
    // THEN
    expect(peer.routeDependencies).toHaveLength(1);
    expect(peer.routeDependencies[0]).toBe(peer.resource);
    new TerraformOutput(p.stack, "peering_id", { value: peer.peerConnectionId });
    const tf = synthJson(p.stack);
    expect(tf.output?.peering_id?.value).toBe(ref("alicloud_vpc_peer_connection", only(tf, "alicloud_vpc_peer_connection").key, "id"));
  });

  it("fails when `bandwidth` is set on a same-region peering", () => {
    // GIVEN
    const p = pair();
    // WHEN / THEN
    expect(() => peering(p, { bandwidth: 10 })).toThrow(/`bandwidth` 10 on same-region peering app-data \(cn-hangzhou\) is not allowed/);
  });

  it("fails when `linkType` is set on a same-region peering", () => {
    // GIVEN
    const p = pair();
    // WHEN / THEN
    expect(() => peering(p, { linkType: PeeringLinkType.PLATINUM })).toThrow(
      /`linkType` Platinum on same-region peering app-data is not allowed/,
    );
  });
});

describe("VpcPeering, cross region", () => {
  it("sets the acceptor's region, bandwidth and link type", () => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      peering(pair("main", "cn-shanghai", scope as TerraformStack), { bandwidth: 100, linkType: PeeringLinkType.SILVER });
    });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(VpcPeerConnection, {
      accepting_region_id: "cn-shanghai",
      bandwidth: 100,
      link_type: "Silver",
      provider: "alicloud.main_cn_hangzhou",
    });
    expect(synthesized).not.toHaveResource(VpcPeerConnectionAccepter);
  });

  it.each([0, -5, 2.5])("fails when `bandwidth` is %p (not an integer ≥ 1)", (bandwidth) => {
    // GIVEN
    const p = pair("main", "cn-shanghai");
    // WHEN / THEN
    expect(() => peering(p, { bandwidth })).toThrow(
      new RegExp(`\`bandwidth\` ${String(bandwidth).replace(".", "\\.")} of peering app-data is out of range`),
    );
  });
});

describe("VpcPeering, cross account", () => {
  it("creates the accepter through the acceptor's provider and sends the acceptor's UID", () => {
    // GIVEN
    const p = pair("partner", "cn-hangzhou");
    // WHEN
    const peer = peering(p, { crossAccount: true, acceptorUid: "123456789012" });
    // THEN
    const tf = synthJson(p.stack);
    const pc = only(tf, "alicloud_vpc_peer_connection");
    expect(pc.body.provider).toBe(providerRef("main", "cn-hangzhou"));
    expect(String(pc.body.accepting_ali_uid)).toBe("123456789012");
    const acc = only(tf, "alicloud_vpc_peer_connection_accepter").body;
    expect(acc).toMatchObject({ provider: providerRef("partner", "cn-hangzhou") });
    // the requester owns the shared remote fields; an accepter that set them would rewrite
    // them on every apply (its create ends in ModifyVpcPeerConnection)
    for (const k of ["peer_connection_accepter_name", "description", "bandwidth", "link_type"]) expect(acc).not.toHaveProperty(k);
    expect(acc.instance_id).toMatch(/^\$\{alicloud_vpc_peer_connection\..+\.id\}$/);
    expect(acc.instance_id).toBe(ref("alicloud_vpc_peer_connection", pc.key, "id"));
    expect(peer.accepter).toBeInstanceOf(VpcPeerConnectionAccepter);
  });

  it("lets routes wait for the accepter, not just the request", () => {
    // GIVEN
    const p = pair("partner", "cn-hangzhou");
    // WHEN
    const peer = peering(p, { crossAccount: true, acceptorUid: "123456789012" });
    // THEN
    expect(peer.routeDependencies).toHaveLength(1);
    expect(peer.routeDependencies[0]).toBe(peer.accepter);
  });

  it("passes a UID resolved at plan time through as a reference", () => {
    // GIVEN
    const p = pair("partner", "cn-hangzhou");
    const account = new DataAlicloudAccount(p.stack, "PartnerAccount", { provider: p.acceptor.provider });
    // WHEN
    peering(p, { crossAccount: true, acceptorUid: account.id });
    // THEN
    const tf = synthJson(p.stack);
    const data = only(tf, "alicloud_account", "data");
    expect(data.body.provider).toBe(providerRef("partner", "cn-hangzhou"));
    expect(only(tf, "alicloud_vpc_peer_connection").body.accepting_ali_uid).toBe(`\${data.alicloud_account.${data.key}.id}`);
  });

  it("accepts an imported acceptor VPC", () => {
    // GIVEN
    const stack = newStack();
    const p = pair("main", "cn-hangzhou", stack);
    const imported = VpcNetwork.fromVpcAttributes(stack, "Legacy", {
      name: "legacy-vpc",
      region: "cn-hangzhou",
      cidrBlock: "10.9.0.0/16",
      vpcId: "vpc-legacy",
      routerId: "vrt-legacy",
      routeTableId: "vtb-legacy",
      provider: aliasedProvider(stack, "legacy", "cn-hangzhou"),
    });
    // WHEN
    new VpcPeering(stack, "AppLegacy", {
      name: "app-legacy",
      requester: p.requester,
      acceptor: imported,
      crossAccount: true,
      acceptorUid: "223456789012",
    });
    // THEN
    const tf = synthJson(stack);
    expect(only(tf, "alicloud_vpc_peer_connection").body.accepting_vpc_id).toBe("vpc-legacy");
    expect(only(tf, "alicloud_vpc_peer_connection_accepter").body.provider).toBe(providerRef("legacy", "cn-hangzhou"));
  });

  it.each([true, false])("fails without `acceptorUid` (crossAccount: %p): every peering names its acceptor's account", (crossAccount) => {
    // GIVEN
    const p = pair("partner", "cn-hangzhou");
    // WHEN / THEN
    expect(() => peering(p, { crossAccount, acceptorUid: undefined })).toThrow(
      /`acceptorUid` is required for peering app-data, same account too/,
    );
  });

  it.each(["12ab", "12345", "acs:ram::123456789012:root"])("fails when `acceptorUid` is %p (not 6–20 digits)", (acceptorUid) => {
    // GIVEN
    const p = pair("partner", "cn-hangzhou");
    // WHEN / THEN
    expect(() => peering(p, { crossAccount: true, acceptorUid })).toThrow(
      new RegExp(`\`acceptorUid\` ${acceptorUid.replace(/[.:]/g, "\\$&")} of peering app-data is not an account UID`),
    );
  });
});
