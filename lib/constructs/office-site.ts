import { Fn, Op, Precondition, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { VpnConnection } from "../../.gen/providers/alicloud/vpn-connection";
import { VpnCustomerGateway } from "../../.gen/providers/alicloud/vpn-customer-gateway";
import { HEALTH_CHECK_EXEMPTION } from "../policy/infraguard-coverage";
import { exemptFromPolicy, PolicyRule } from "../policy/policy-checks";
import { mergeTags, pskVariable } from "../private/naming";
import {
  ALIBABA_PSK_RULE,
  IpsecHealthCheckSpec,
  isCidr,
  isDocumentationIpv4,
  isIpv4,
  isPublicIpv4,
  IpsecPolicy,
  parseCidr,
  PSK_MIN_LENGTH,
  pskPattern,
  resolveIpsecPolicy,
  weakCryptoSettings,
} from "../topology";
import { IVpnGateway } from "./vpn-gateway";

/**
 * Attributes of a dual-tunnel `alicloud_vpn_connection` that Read writes although this
 * configuration leaves them unset (alicloud/resource_alicloud_vpn_connection.go: Read sets
 * `customer_gateway_id` at :741 and each tunnel's `local_id`/`remote_id` at :868/:870 and
 * `tunnel_bgp_config` at :853; none is Computed). The API fills the IKE identities with
 * the tunnel's and the customer gateway's IPs (CreateVpnConnection,
 * TunnelOptionsSpecification.N.TunnelIkeConfig.LocalId/RemoteId defaults).
 */
export const DUAL_TUNNEL_READ_FILLED: readonly string[] = [
  "customer_gateway_id",
  ...[0, 1].flatMap((i) => [
    `tunnel_options_specification[${i}].tunnel_ike_config[0].local_id`,
    `tunnel_options_specification[${i}].tunnel_ike_config[0].remote_id`,
    `tunnel_options_specification[${i}].tunnel_bgp_config`,
  ]),
];

export interface OfficeSiteOptions {
  readonly name: string;
  /**
   * The VPN link this connection is: it names the connection and customer gateway and the
   * pre-shared key variable (`psk_<link>`), since an office may have several links.
   * @default - `name`
   */
  readonly link?: string;
  /** The office gateway's static public IPv4. */
  readonly publicIp: string;
  /**
   * A second office device ending the slave tunnel (dual-tunnel gateways only): its static
   * public IPv4. The slave tunnel names this device's customer gateway
   * (TunnelOptionsSpecification.N.CustomerGatewayId), the master tunnel `publicIp`'s.
   * @default - both tunnels end on `publicIp`
   */
  readonly slaveTunnelPublicIp?: string;
  /** The office's networks: the IPsec remote subnets. */
  readonly cidrs: readonly string[];
  /**
   * The IPsec local subnets (the cloud side of the traffic selectors).
   * @default ["0.0.0.0/0"] - everything, so that nothing changes when networks are added
   */
  readonly localSubnets?: readonly string[];
  /**
   * What the site behind the device is, for descriptions: an office, or a data center whose
   * VPN backs up its leased line.
   * @default "office"
   */
  readonly siteKind?: "office" | "data center";
  /** @default - static routing */
  readonly asn?: number;
  /** @default - DEFAULT_IPSEC_POLICY: IKEv2, AES-256, SHA-256, DH group 14, PFS, DPD, NAT-T */
  readonly ipsec?: IpsecPolicy;
  /**
   * Tunnel health check (probes from the VPC to the office).
   * @default - none: the connection carries a recorded exemption from vpn-ipsec-connection-health-check-open
   */
  readonly healthCheck?: IpsecHealthCheckSpec;
  /**
   * Pre-shared key, normally a sensitive variable's value. Never a literal.
   * @default - a sensitive Terraform variable `psk_<link>` (supply it with TF_VAR_psk_<link>)
   */
  readonly preSharedKey?: string;
}

export interface OfficeSiteProps extends OfficeSiteOptions {
  readonly gateway: IVpnGateway;
  /**
   * Add the gateway's destination routes for this office's CIDRs. HybridNetwork turns
   * this off and adds the planner's routes instead.
   * @default true
   */
  readonly addGatewayRoutes?: boolean;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
  /**
   * The customer gateway of the device ending this link, when another link of the same
   * device (its `publicIp`) already has one in this account and region: a customer
   * gateway's IP is unique per region (CreateCustomerGateway, InvalidIpAddress.AlreadyExist),
   * so the links of one device share it.
   * @default - a new customer gateway for `publicIp`, named after the link
   */
  readonly customerGateway?: VpnCustomerGateway;
  /**
   * The customer gateway of the slave tunnel's device when another link already has one
   * for `slaveTunnelPublicIp` in this account and region (shared as `customerGateway` is).
   * @default - a new customer gateway for `slaveTunnelPublicIp`, named `<link>-slave`
   */
  readonly slaveCustomerGateway?: VpnCustomerGateway;
}

/**
 * An office behind IPsec: a customer gateway and a connection to a VPN gateway with
 * local subnet 0.0.0.0/0 (seed 002: one connection per office, nothing to change when
 * offices are added) and remote subnets = the office CIDRs. The gateway gets a
 * destination route per office CIDR towards this connection.
 *
 * The pre-shared key comes from a sensitive variable, so it appears in no code,
 * config or synthesized JSON (it does reach the Terraform state, as every secret a
 * resource takes does: keep state in an encrypted backend). Trade-off: the key is
 * managed outside Terraform (a secret store, CI secret), rather than generated; a
 * generated key would need the random provider and would sit in state anyway.
 *
 * ```ts
 * new OfficeSite(this, "UsOffice1", { gateway, name: "us-office-1", publicIp: "203.0.113.11", cidrs: ["10.10.10.0/24"] });
 * ```
 * @resource alicloud_vpn_customer_gateway
 * @resource alicloud_vpn_connection
 */
export class OfficeSite extends Construct {
  readonly customerGateway: VpnCustomerGateway;
  /** The slave tunnel's device, when it is not the master's (`slaveTunnelPublicIp`). */
  readonly slaveCustomerGateway?: VpnCustomerGateway;
  readonly connection: VpnConnection;
  /** The variable holding the PSK, when this construct created it. */
  readonly pskVariable?: TerraformVariable;
  /** IKE/IPsec parameters in force (for the office device's configuration). */
  readonly policy: ReturnType<typeof resolveIpsecPolicy>;

  constructor(scope: Construct, id: string, props: OfficeSiteProps) {
    super(scope, id);
    validate(props);
    this.policy = resolveIpsecPolicy(props.ipsec);
    if (props.preSharedKey === undefined)
      this.pskVariable = pskVariableFor(this, props.link ?? props.name, `${props.siteKind ?? "office"} ${props.name}`);
    this.customerGateway =
      props.customerGateway ?? this.addCustomerGateway(props, "CustomerGateway", props.publicIp, props.link ?? props.name);
    if (props.slaveTunnelPublicIp !== undefined)
      this.slaveCustomerGateway =
        props.slaveCustomerGateway ??
        this.addCustomerGateway(props, "SlaveCustomerGateway", props.slaveTunnelPublicIp, `${props.link ?? props.name}-slave`);
    this.connection = this.addConnection(props, props.preSharedKey ?? this.pskVariable!.stringValue);
    const weak = props.ipsec?.allowWeakCrypto ?? [];
    if (weak.length > 0) {
      exemptFromPolicy(
        this.connection,
        PolicyRule.IPSEC_CRYPTO_FLOOR,
        `allowWeakCrypto for office ${props.name} in the topology (legacy device)`,
        weak,
      );
    }
    if (!props.healthCheck) exemptFromPolicy(this.connection, PolicyRule.VPN_HEALTH_CHECK, HEALTH_CHECK_EXEMPTION);
    if (props.addGatewayRoutes ?? true) for (const c of props.cidrs) props.gateway.addRoute(c, this.connection.id);
  }

  /** A device's customer gateway: `id` and `name` tell the slave tunnel's device apart. */
  private addCustomerGateway(props: OfficeSiteProps, id: string, ip: string, name: string): VpnCustomerGateway {
    return new VpnCustomerGateway(this, id, {
      provider: props.gateway.vpc.provider,
      customerGatewayName: name,
      ipAddress: ip,
      asn: props.asn !== undefined ? String(props.asn) : undefined,
      description:
        id === "CustomerGateway"
          ? `${props.siteKind ?? "office"} ${props.name}`
          : `${props.siteKind ?? "office"} ${props.name}, slave tunnel device`,
      tags: mergeTags(name, props.commonTags),
      // asn is ForceNew, not Computed, and Read writes the API's Asn whatever was sent
      // (alicloud/resource_alicloud_vpn_customer_gateway.go:133): without an ASN, any value
      // the API reports would replace the gateway, and with it the connection, on every plan.
      lifecycle: props.asn === undefined ? { ignoreChanges: ["asn"] } : undefined,
    });
  }

  /** The IPsec connection: one tunnel, or a master and a slave on a dual-tunnel gateway. */
  private addConnection(props: OfficeSiteProps, psk: string): VpnConnection {
    const p = this.policy;
    const ike = {
      psk,
      ikeVersion: p.ikeVersion,
      ikeMode: p.ikeMode,
      ikeEncAlg: p.ikeEncryption,
      ikeAuthAlg: p.ikeAuth,
      ikePfs: p.ikePfs,
      ikeLifetime: p.ikeLifetime,
    };
    const ipsec = { ipsecEncAlg: p.ipsecEncryption, ipsecAuthAlg: p.ipsecAuth, ipsecPfs: p.ipsecPfs, ipsecLifetime: p.ipsecLifetime };
    const dual = props.gateway.dualTunnel;
    return new VpnConnection(this, "Connection", {
      provider: props.gateway.vpc.provider,
      vpnConnectionName: props.link ?? props.name,
      vpnGatewayId: props.gateway.vpnGatewayId,
      localSubnet: [...(props.localSubnets ?? ["0.0.0.0/0"])],
      remoteSubnet: [...props.cidrs],
      effectImmediately: true,
      // Routes are explicit: the planner's VPC entries and the gateway's destination
      // routes below. Automatic route configuration would publish duplicates.
      autoConfigRoute: false,
      ...(dual
        ? {
            tunnelOptionsSpecification: (["master", "slave"] as const).map((role) => ({
              role,
              customerGatewayId: (role === "slave" ? (this.slaveCustomerGateway ?? this.customerGateway) : this.customerGateway).id,
              enableDpd: p.enableDpd,
              enableNatTraversal: p.enableNatTraversal,
              tunnelIkeConfig: ike,
              tunnelIpsecConfig: ipsec,
            })),
          }
        : {
            customerGatewayId: this.customerGateway.id,
            enableDpd: p.enableDpd,
            enableNatTraversal: p.enableNatTraversal,
            ikeConfig: ike,
            ipsecConfig: ipsec,
          }),
      healthCheckConfig: healthCheckConfig(props.healthCheck),
      tags: mergeTags(props.link ?? props.name, props.commonTags),
      // Dual tunnel: Read fills fields this configuration leaves unset (the top-level
      // customer gateway, each tunnel's IKE identities and BGP block), and none of them is
      // Computed, so without this every plan would show a change or, for the ForceNew
      // customer_gateway_id, a replacement. Findings in lib/facts/apply-fidelity.ts.
      lifecycle: {
        ...(dual ? { ignoreChanges: [...DUAL_TUNNEL_READ_FILLED] } : {}),
        ...(this.pskVariable ? { precondition: pskPreconditions(this.pskVariable, props.link ?? props.name) } : {}),
      },
    });
  }

  get connectionId(): string {
    return this.connection.id;
  }
}

/** The sensitive variable `psk_<link>` a link's pre-shared key is read from; `site` is e.g. `office hq`. */
function pskVariableFor(scope: Construct, link: string, site: string): TerraformVariable {
  const name = pskVariable(link);
  const v = new TerraformVariable(scope, "Psk", {
    type: "string",
    sensitive: true,
    description: `IPsec pre-shared key for ${site.endsWith(` ${link}`) ? "" : `link ${link} of `}${site} (set TF_VAR_${name}; 16-100 characters)`,
  });
  v.overrideLogicalId(name);
  return v;
}

/**
 * The checks of a pre-shared key from a variable: Alibaba Cloud's rule (length and
 * characters) and our minimum length (both in lib/topology/psk.ts), so that `terraform
 * plan` refuses an empty, short or malformed key with a message naming the variable,
 * before anything is created. They are preconditions of the connection, not `validation`
 * blocks of the variable: Terraform (1.11) prints the value a variable validation
 * rejected, even for a sensitive variable, which would put a near-miss of a real key in
 * a CI log; a resource precondition prints only its message.
 */
function pskPreconditions(v: TerraformVariable, link: string): Precondition[] {
  const name = pskVariable(link);
  const r = ALIBABA_PSK_RULE;
  return [
    {
      condition: Op.and(
        Op.lte(Fn.lengthOf(v.stringValue), r.maxLength),
        // cdktf quotes a string argument but leaves backslashes as they are, and HCL
        // knows only \\, \" and \n-style escapes: double them so the regex keeps its own
        Fn.can(Fn.regex(pskPattern().replace(/\\/g, "\\\\"), v.stringValue)),
      ),
      errorMessage:
        `TF_VAR_${name} is not a pre-shared key Alibaba Cloud accepts: it must be ${r.minLength} to ${r.maxLength} characters of ` +
        `letters, digits and ${r.specialCharacters} (no spaces or double quotes; ${r.source}).`,
    },
    {
      condition: Op.gte(Fn.lengthOf(v.stringValue), PSK_MIN_LENGTH),
      errorMessage:
        `TF_VAR_${name} is shorter than ${PSK_MIN_LENGTH} characters: anyone who captures one IKE exchange can guess a short key offline. ` +
        `Use a random key, e.g. the output of: openssl rand -base64 24.`,
    },
  ];
}

function healthCheckConfig(h: IpsecHealthCheckSpec | undefined) {
  if (!h) return undefined;
  return { enable: true, sip: h.sourceIp, dip: h.destinationIp, interval: h.interval ?? 3, retry: h.retry ?? 3 };
}

/** The link's devices: the slave tunnel's on a dual-tunnel gateway only, and given customer gateways for the same addresses. */
function validateDevices(p: OfficeSiteProps): void {
  const slave = p.slaveTunnelPublicIp;
  if (slave !== undefined && !p.gateway.dualTunnel)
    throw new Error(
      `\`slaveTunnelPublicIp\` ${slave} of office ${p.name}: the VPN gateway is single-tunnel, its connection has no slave tunnel; allowed: a dual-tunnel gateway`,
    );
  if (slave !== undefined && !Token.isUnresolved(slave) && !isPublicIpv4(slave) && !isDocumentationIpv4(slave))
    throw new Error(`\`slaveTunnelPublicIp\` ${slave} of office ${p.name} is not a public IPv4 address`);
  if (slave === p.publicIp)
    throw new Error(`\`slaveTunnelPublicIp\` ${slave} of office ${p.name} is \`publicIp\` too; allowed: another device`);
  const sharedSlave = p.slaveCustomerGateway?.ipAddressInput;
  if (sharedSlave !== undefined && !Token.isUnresolved(sharedSlave) && sharedSlave !== slave)
    throw new Error(`\`slaveCustomerGateway\` of office ${p.name} is for device ${sharedSlave}, not \`slaveTunnelPublicIp\` ${slave}`);
  const shared = p.customerGateway?.ipAddressInput;
  if (shared !== undefined && !Token.isUnresolved(shared) && shared !== p.publicIp)
    throw new Error(
      `\`customerGateway\` of office ${p.name} is for device ${shared}, not this link's \`publicIp\` ${p.publicIp}; allowed: the customer gateway of ${p.publicIp}`,
    );
}

function validate(p: OfficeSiteProps): void {
  validateDevices(p);
  if (!Token.isUnresolved(p.publicIp) && !isPublicIpv4(p.publicIp) && !isDocumentationIpv4(p.publicIp)) {
    throw new Error(`\`publicIp\` ${p.publicIp} of office ${p.name} is not a public IPv4 address`);
  }
  if (p.cidrs.length < 1 || p.cidrs.length > 10)
    throw new Error(`\`cidrs\` of office ${p.name} has ${p.cidrs.length} entries; allowed: 1–10 (IPsec remote subnets)`);
  for (const c of p.cidrs) {
    if (!Token.isUnresolved(c) && !isCidr(parseCidr(c))) throw new Error(`\`cidrs\` entry ${c} of office ${p.name} is not a network CIDR`);
  }
  if (p.healthCheck) {
    for (const k of ["sourceIp", "destinationIp"] as const) {
      if (!isIpv4(p.healthCheck[k])) throw new Error(`\`healthCheck.${k}\` ${p.healthCheck[k]} of office ${p.name} is not an IPv4 address`);
    }
  }
  if (p.preSharedKey !== undefined && !Token.isUnresolved(p.preSharedKey)) {
    throw new Error(
      `\`preSharedKey\` of office ${p.name} is a literal; pass a sensitive variable's value instead (secrets never sit in code)`,
    );
  }
  const [weak] = weakCryptoSettings(p.ipsec);
  if (weak) {
    const [key, v] = weak;
    throw new Error(
      `\`ipsec.${key}\` ${v} of office ${p.name} is below the crypto floor; use aes256/sha256/group14, or list "${v}" in allowWeakCrypto`,
    );
  }
}
