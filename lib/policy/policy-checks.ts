import {
  Annotations,
  DefaultTokenResolver,
  IAspect,
  StringConcat,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Token,
  Tokenization,
} from "cdktf";
import { IConstruct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { isCidr, parseCidr, WEAK_CRYPTO } from "../topology";
import { supportsDualTunnelVpn } from "../topology/vpn-capabilities";
import { Attrs, CheckContext, INFRAGUARD_CHECKS } from "./infraguard-checks";
import { PolicyRule } from "./policy-rule";
import { ProviderSchemaFacts } from "./schema-facts";

export { PolicyRule } from "./policy-rule";

const EXEMPTION = "alicloud-hybrid/policy-exemption";

/** An ingress source broader than this prefix (0.0.0.0/0, 0.0.0.0/1, ...) counts as the internet. */
export const INTERNET_INGRESS_PREFIX = 8;

interface Exemption {
  readonly rule: PolicyRule;
  readonly reason: string;
  /** For the crypto floor: the weak values allowed. @default - the whole rule */
  readonly values?: readonly string[];
}

/**
 * Opts `scope` and everything under it out of one policy rule, for a stated reason.
 * The reason is part of the synthesized metadata, so reviewers see it.
 *
 * ```ts
 * exemptFromPolicy(legacySite, PolicyRule.IPSEC_CRYPTO_FLOOR, "branch router only does SHA-1 until its 2027 refresh", ["sha1"]);
 * ```
 */
export function exemptFromPolicy(scope: IConstruct, rule: PolicyRule, reason: string, values?: readonly string[]): void {
  if (reason.trim().length < 10)
    throw new Error(`exemption from ${rule} at ${scope.node.path} needs a reason (at least 10 characters), got ${JSON.stringify(reason)}`);
  scope.node.addMetadata(EXEMPTION, { rule, reason, values } satisfies Exemption);
}

/** A recorded exemption: the construct path it was applied at, the rule, the reason. */
export interface RecordedExemption {
  readonly path: string;
  readonly rule: PolicyRule;
  readonly reason: string;
}

/** Every exemption applied under `root` (inclusive), for review and for tests. */
export function policyExemptions(root: IConstruct): RecordedExemption[] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === EXEMPTION)
        .map((m) => ({ path: c.node.path, rule: (m.data as Exemption).rule, reason: (m.data as Exemption).reason })),
    );
}

function exemptions(node: IConstruct, rule: PolicyRule): Exemption[] {
  return node.node.scopes
    .flatMap((s) => s.node.metadata)
    .filter((m) => m.type === EXEMPTION && (m.data as Exemption).rule === rule)
    .map((m) => m.data as Exemption);
}

export interface PolicyChecksProps {
  /** Tag keys every taggable resource must carry. */
  readonly requiredTags: readonly string[];
  /** From the committed provider schema (see `schemaFacts`). */
  readonly schema: ProviderSchemaFacts;
  /** @default alicloud_express_connect_physical_connection, alicloud_express_connect_virtual_border_router, alicloud_eip_address */
  readonly protectedTypes?: readonly string[];
  /**
   * Whether new VPN gateways in a region are dual-tunnel; `vpn-gateway-multi-zone` and
   * `vpn-connection-master-slave-established` apply only there (and where the region is unknown).
   * @default supportsDualTunnelVpn (lib/topology/vpn-capabilities.ts, the same fact the hub's gateways follow)
   */
  readonly dualTunnelVpn?: (region: string) => boolean;
}

const META_KEYS = new Set(["provider", "depends_on", "lifecycle", "count", "for_each", "provisioner", "connection", "//", "timeouts"]);

/**
 * Policy checks at synth: each violation is an error annotation on the resource's
 * construct path, so synthesis fails and names it. Opt out per construct with
 * {@link exemptFromPolicy}.
 */
export class PolicyChecks implements IAspect {
  private readonly protectedTypes: ReadonlySet<string>;

  private readonly dualTunnelVpn: (region: string) => boolean;

  constructor(private readonly props: PolicyChecksProps) {
    this.dualTunnelVpn = props.dualTunnelVpn ?? supportsDualTunnelVpn;
    this.protectedTypes = new Set(
      props.protectedTypes ?? [
        "alicloud_express_connect_physical_connection",
        "alicloud_express_connect_virtual_border_router",
        "alicloud_eip_address",
      ],
    );
  }

  private context(node: TerraformResource): CheckContext {
    return {
      region: regionOf(node),
      dualTunnelVpn: this.dualTunnelVpn,
      resourcesOfType: (t) => resourcesOfType(node, t),
      key: node.friendlyUniqueId,
    };
  }

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    const type = node.terraformResourceType;
    const attrs = attributesOf(node);
    const report = (rule: PolicyRule, message: string) => {
      Annotations.of(node).addError(
        `[policy:${rule}] ${message} (opt out: exemptFromPolicy(construct, PolicyRule.${ruleKey(rule)}, reason))`,
      );
    };
    const exempt = (rule: PolicyRule) => exemptions(node, rule).length > 0;

    if (this.props.schema.taggable.has(type) && !exempt(PolicyRule.REQUIRED_TAGS)) {
      const tags = (attrs.tags ?? {}) as Record<string, unknown>;
      const missing = this.props.requiredTags.filter((k) => !(k in tags));
      if (missing.length)
        report(PolicyRule.REQUIRED_TAGS, `${type} lacks tag(s) ${missing.join(", ")}; required: ${this.props.requiredTags.join(", ")}`);
    }

    if (
      type === "alicloud_security_group_rule" &&
      attrs.type === "ingress" &&
      typeof attrs.cidr_ip === "string" &&
      !exempt(PolicyRule.NO_INTERNET_INGRESS)
    ) {
      const c = parseCidr(attrs.cidr_ip);
      if (isCidr(c) && c.prefix < INTERNET_INGRESS_PREFIX)
        report(PolicyRule.NO_INTERNET_INGRESS, `ingress cidr_ip = ${attrs.cidr_ip} admits the internet; allowed: the topology's networks`);
    }

    if (type === "alicloud_vpn_connection") {
      const allowed = new Set(exemptions(node, PolicyRule.IPSEC_CRYPTO_FLOOR).flatMap((e) => e.values ?? WEAK_CRYPTO));
      for (const [where, value] of cryptoSettings(attrs)) {
        if (WEAK_CRYPTO.includes(value) && !allowed.has(value)) {
          report(
            PolicyRule.IPSEC_CRYPTO_FLOOR,
            `${where} = ${value} is below the crypto floor; allowed: aes/aes192/aes256, sha256/sha384/sha512, group5/group14`,
          );
        }
      }
    }

    if (this.protectedTypes.has(type) && !exempt(PolicyRule.DESTROY_PROTECTION)) {
      const lc = attrs.lifecycle as { prevent_destroy?: unknown } | undefined;
      if (lc?.prevent_destroy !== true)
        report(
          PolicyRule.DESTROY_PROTECTION,
          `${type} must set lifecycle.prevent_destroy = true (losing it drops connectivity or a published address)`,
        );
    }

    let ctx: CheckContext | undefined;
    for (const c of INFRAGUARD_CHECKS) {
      if (!c.types.includes(type) || exempt(c.rule)) continue;
      for (const message of c.check(attrs, (ctx ??= this.context(node)))) report(c.rule, message);
    }

    const deprecated = this.props.schema.deprecated.get(type);
    if (deprecated && !exempt(PolicyRule.NO_DEPRECATED_ARGUMENTS)) {
      for (const k of Object.keys(attrs)) {
        if (!META_KEYS.has(k) && attrs[k] !== undefined && deprecated.has(k))
          report(PolicyRule.NO_DEPRECATED_ARGUMENTS, `${type}.${k} is deprecated in the pinned provider; use its replacement`);
      }
    }
  }
}

/** The resource's region from its provider (or the stack's default provider), when known at synth. */
function regionOf(node: TerraformResource): string | undefined {
  const provider: TerraformProvider | undefined =
    node.provider ??
    TerraformStack.of(node)
      .node.findAll()
      .find((c): c is AlicloudProvider => c instanceof AlicloudProvider && !c.alias);
  const region = provider instanceof AlicloudProvider ? provider.region : undefined;
  return region !== undefined && !Token.isUnresolved(region) ? region : undefined;
}

/** Every resource of `type` in `node`'s stack, by its key in the synthesized JSON, references resolved to `${type.key.attr}`. */
function resourcesOfType(node: TerraformResource, type: string): Map<string, Attrs> {
  const out = new Map<string, Attrs>();
  const stack = TerraformStack.of(node);
  for (const c of stack.node.findAll()) {
    if (c instanceof TerraformResource && c.terraformResourceType === type)
      out.set(
        c.friendlyUniqueId,
        Tokenization.resolve(attributesOf(c), {
          scope: stack,
          preparing: false,
          resolver: new DefaultTokenResolver(new StringConcat()),
        }) as Attrs,
      );
  }
  return out;
}

/** The resource's arguments as they will be synthesized (snake_case, overrides applied). */
function attributesOf(node: TerraformResource): Attrs {
  const tf = node.toTerraform() as { resource?: Record<string, Record<string, Attrs>> };
  const byType = tf.resource?.[node.terraformResourceType] ?? {};
  return Object.values(byType)[0] ?? {};
}

function cryptoSettings(attrs: Attrs): [string, string][] {
  const out: [string, string][] = [];
  const scan = (prefix: string, block: unknown) => {
    for (const b of Array.isArray(block) ? block : block ? [block] : []) {
      for (const [k, v] of Object.entries(b as Attrs)) {
        if (/_(alg|pfs)$/.test(k) && typeof v === "string") out.push([`${prefix}.${k}`, v]);
      }
    }
  };
  scan("ike_config", attrs.ike_config);
  scan("ipsec_config", attrs.ipsec_config);
  const tunnels = attrs.tunnel_options_specification;
  (Array.isArray(tunnels) ? tunnels : []).forEach((t: Attrs, i) => {
    scan(`tunnel_options_specification[${i}].tunnel_ike_config`, t.tunnel_ike_config);
    scan(`tunnel_options_specification[${i}].tunnel_ipsec_config`, t.tunnel_ipsec_config);
  });
  return out;
}

function ruleKey(rule: PolicyRule): string {
  return Object.entries(PolicyRule).find(([, v]) => v === rule)![0];
}
