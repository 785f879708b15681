import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { providerAlias, roleArnVariable } from "../private/naming";
import { Topology } from "../topology";

export interface ProviderMatrixProps {
  readonly topology: Topology;
  /**
   * Expose each account's `roleArn` from the topology as a Terraform variable
   * `<account>_role_arn` (default: the topology's value), so a pipeline can override it
   * with `-var` without editing config.
   * @default false
   */
  readonly roleArnVariables?: boolean;
}

/**
 * One alicloud provider per (account, region) the topology uses, each with an alias
 * `<account>_<region>` so every resource names its provider explicitly. Credentials are
 * by reference only: a CLI profile and/or `assume_role`; never keys.
 *
 * ```ts
 * const providers = new ProviderMatrix(this, "Providers", { topology });
 * new Vpc(this, "Vpc", { provider: providers.forNetwork("main", "cn-hangzhou"), ... });
 * ```
 * @resource provider.alicloud
 */
export class ProviderMatrix extends Construct {
  /** Alias used for an (account, region) pair. */
  static aliasFor(account: string, region: string): string {
    return providerAlias(account, region);
  }

  private readonly providers = new Map<string, AlicloudProvider>();

  constructor(scope: Construct, id: string, props: ProviderMatrixProps) {
    super(scope, id);
    const t = props.topology;
    const pairs = new Set<string>();
    for (const v of t.vpcs) pairs.add(`${v.account}|${v.region}`);
    for (const d of t.idcs ?? []) pairs.add(`${d.account}|${d.region}`);
    const roleArn = new Map<string, string>();
    const used = new Set([...pairs].map((p) => p.split("|")[0]));
    for (const a of t.accounts) {
      const arn = a.credentials?.roleArn;
      if (arn === undefined || !used.has(a.name)) continue;
      roleArn.set(
        a.name,
        props.roleArnVariables
          ? new TerraformVariable(scope, roleArnVariable(a.name), {
              type: "string",
              default: arn,
              description: `RAM role assumed for account ${a.name}`,
            }).stringValue
          : arn,
      );
    }
    for (const pair of [...pairs].sort()) {
      const [account, region] = pair.split("|") as [string, string];
      const acc = t.accounts.find((a) => a.name === account);
      const alias = ProviderMatrix.aliasFor(account, region);
      const arn = roleArn.get(account);
      this.providers.set(
        pair,
        new AlicloudProvider(scope, `alicloud_${alias}`, {
          alias,
          region,
          profile: acc?.credentials?.profile,
          assumeRole: arn ? { roleArn: arn, sessionName: acc?.credentials?.sessionName ?? "terraform" } : undefined,
          configurationSource: "alicloud-hybrid-network-cdktf",
        }),
      );
    }
  }

  /** The provider for resources of `account` in `region`. */
  forNetwork(account: string, region: string): AlicloudProvider {
    const p = this.providers.get(`${account}|${region}`);
    if (!p)
      throw new Error(`no provider for account \`${account}\` in region \`${region}\`; have ${[...this.providers.keys()].join(", ")}`);
    return p;
  }

  get all(): AlicloudProvider[] {
    return [...this.providers.values()];
  }
}
