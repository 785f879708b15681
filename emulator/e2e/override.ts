/**
 * The provider settings an e2e run adds from outside a user's stack: a Terraform override
 * file (`zz_emulator_override.tf.json`; Terraform merges `*_override.tf.json` into the
 * configuration, per its "Override Files" documentation) that points every alicloud
 * provider block at the emulator. Nothing in the stack or the provider is changed.
 */

/** Provider `endpoints` keys the template's resource types reach (alicloud/provider.go endpoints block). */
export const ENDPOINT_KEYS = [
  "vpc", // VPC, vSwitch, routes, NAT, EIP, VPN, router interfaces, VBR, BGP (connectivity/endpoint.go:287)
  "ecs", // security groups and rules
  "vpcpeer", // alicloud_vpc_peer_connection(_accepter): RpcPost("VpcPeer", ...)
  "cbn", // CEN instances and transit routers: NewCbnClient / NewCenClient (connectivity/client.go:2055, 5452)
  "sts", // data.alicloud_account: GetCallerIdentity (connectivity/client.go:1703)
] as const;

export interface ProviderBlock {
  readonly alias?: string;
  readonly profile?: string;
  readonly region?: string;
}

/**
 * The dummy AccessKeyId of a provider block: one account per `profile` (the cross-account
 * stack), else "main"; with a run tag, the stack's own accounts on an endpoint that serves
 * several stacks at once (shared-emulator.ts).
 */
export function dummyKeyId(p: ProviderBlock, tag?: string): string {
  return `emu-${tag ? `${tag}-` : ""}${p.profile ?? "main"}`;
}

export function overrideFor(providers: readonly ProviderBlock[], port: number, tag?: string): Record<string, unknown> {
  if (!Number.isInteger(port) || port <= 0) throw new Error(`emulator port ${port}: allowed: a TCP port 1-65535`);
  const endpoint = `127.0.0.1:${port}`;
  return {
    provider: {
      alicloud: providers.map((p) => ({
        ...(p.alias ? { alias: p.alias } : {}),
        access_key: dummyKeyId(p, tag),
        secret_key: "emulator-dummy-secret",
        protocol: "HTTP",
        // GetAccountType calls BssOpenApi at configure time unless the type is given
        // (connectivity/client.go:267-270, 1589-1640)
        account_type: "Domestic",
        endpoints: [Object.fromEntries(ENDPOINT_KEYS.map((k) => [k, endpoint]))],
      })),
    },
  };
}
