import { Annotations, IAspect, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { isCidr, parseCidr, WEAK_CRYPTO } from "../topology";
import { ProviderSchemaFacts } from "./schema-facts";

/** The checks, by the id used in messages and exemptions. */
export enum PolicyRule {
  /** Every taggable resource carries the required tags. */
  REQUIRED_TAGS = "required-tags",
  /** No security-group ingress from 0.0.0.0/0 or anything broader than a /8. */
  NO_INTERNET_INGRESS = "no-internet-ingress",
  /** No md5, sha1, des, 3des, DH group 1/2 in IKE/IPsec settings. */
  IPSEC_CRYPTO_FLOOR = "ipsec-crypto-floor",
  /** Leased lines, VBRs and NAT EIPs have `prevent_destroy`. */
  DESTROY_PROTECTION = "destroy-protection",
  /** No argument the pinned provider marks deprecated. */
  NO_DEPRECATED_ARGUMENTS = "no-deprecated-arguments",
}

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
  if (reason.trim().length < 10) throw new Error(`exemption from ${rule} at ${scope.node.path} needs a reason (at least 10 characters), got ${JSON.stringify(reason)}`);
  scope.node.addMetadata(EXEMPTION, { rule, reason, values } satisfies Exemption);
}

function exemptions(node: IConstruct, rule: PolicyRule): Exemption[] {
  return node.node.scopes.flatMap((s) => s.node.metadata)
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
}

const META_KEYS = new Set(["provider", "depends_on", "lifecycle", "count", "for_each", "provisioner", "connection", "//", "timeouts"]);
type Attrs = Record<string, unknown>;

/**
 * Policy checks at synth: each violation is an error annotation on the resource's
 * construct path, so synthesis fails and names it. Opt out per construct with
 * {@link exemptFromPolicy}.
 */
export class PolicyChecks implements IAspect {
  private readonly protectedTypes: ReadonlySet<string>;

  constructor(private readonly props: PolicyChecksProps) {
    this.protectedTypes = new Set(props.protectedTypes ?? [
      "alicloud_express_connect_physical_connection", "alicloud_express_connect_virtual_border_router", "alicloud_eip_address",
    ]);
  }

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    const type = node.terraformResourceType;
    const attrs = attributesOf(node);
    const report = (rule: PolicyRule, message: string) => {
      Annotations.of(node).addError(`[policy:${rule}] ${message} (opt out: exemptFromPolicy(construct, PolicyRule.${ruleKey(rule)}, reason))`);
    };
    const exempt = (rule: PolicyRule) => exemptions(node, rule).length > 0;

    if (this.props.schema.taggable.has(type) && !exempt(PolicyRule.REQUIRED_TAGS)) {
      const tags = (attrs.tags ?? {}) as Record<string, unknown>;
      const missing = this.props.requiredTags.filter((k) => !(k in tags));
      if (missing.length) report(PolicyRule.REQUIRED_TAGS, `${type} lacks tag(s) ${missing.join(", ")}; required: ${this.props.requiredTags.join(", ")}`);
    }

    if (type === "alicloud_security_group_rule" && attrs.type === "ingress" && typeof attrs.cidr_ip === "string" && !exempt(PolicyRule.NO_INTERNET_INGRESS)) {
      const c = parseCidr(attrs.cidr_ip);
      if (isCidr(c) && c.prefix < INTERNET_INGRESS_PREFIX) report(PolicyRule.NO_INTERNET_INGRESS, `ingress cidr_ip = ${attrs.cidr_ip} admits the internet; allowed: the topology's networks`);
    }

    if (type === "alicloud_vpn_connection") {
      const allowed = new Set(exemptions(node, PolicyRule.IPSEC_CRYPTO_FLOOR).flatMap((e) => e.values ?? WEAK_CRYPTO));
      for (const [where, value] of cryptoSettings(attrs)) {
        if (WEAK_CRYPTO.includes(value) && !allowed.has(value)) {
          report(PolicyRule.IPSEC_CRYPTO_FLOOR, `${where} = ${value} is below the crypto floor; allowed: aes/aes192/aes256, sha256/sha384/sha512, group5/group14`);
        }
      }
    }

    if (this.protectedTypes.has(type) && !exempt(PolicyRule.DESTROY_PROTECTION)) {
      const lc = attrs.lifecycle as { prevent_destroy?: unknown } | undefined;
      if (lc?.prevent_destroy !== true) report(PolicyRule.DESTROY_PROTECTION, `${type} must set lifecycle.prevent_destroy = true (losing it drops connectivity or a published address)`);
    }

    const deprecated = this.props.schema.deprecated.get(type);
    if (deprecated && !exempt(PolicyRule.NO_DEPRECATED_ARGUMENTS)) {
      for (const k of Object.keys(attrs)) {
        if (!META_KEYS.has(k) && attrs[k] !== undefined && deprecated.has(k)) report(PolicyRule.NO_DEPRECATED_ARGUMENTS, `${type}.${k} is deprecated in the pinned provider; use its replacement`);
      }
    }
  }
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
