/**
 * The one table from the provider's IKE/IPsec enum values to each device format's
 * spelling. Every renderer (swanctl.conf, the vendor-neutral sheet, MTU advice) reads it;
 * nothing else spells an algorithm.
 *
 * Source of the provider's values: the constants of
 * `alicloud/extension_vpn.go:10-29` (aliyun/terraform-provider-alicloud v1.240.0):
 * ikev1/ikev2, main/aggressive, aes/aes192/aes256/des/3des, md5/sha1/sha256/sha386(sic)/
 * sha512, disabled/group1/group2/group5/group14/group24. `sha384` is what the VPN API
 * itself accepts (CreateVpnConnection, IkeConfig.IkeAuthAlg); the provider's `sha386`
 * constant is a typo that no request uses, so the table knows `sha384` and rejects `sha386`.
 * `aes` is read as AES-128: the API lists it beside `aes192` and `aes256`, and the bare
 * name means the 128-bit key size as in strongSwan, where `aes` is an alias of `aes128`.
 * No Alibaba document found states it outright; the packet twin cannot confirm it either
 * (its cloud side is strongSwan), only a real gateway can.
 *
 * strongSwan spellings: the proposal keywords of strongSwan 5.9 (IKEv2 cipher suites:
 * aes128, aes192, aes256, 3des, des; sha1, sha256, sha384, sha512, md5;
 * modp768, modp1024, modp1536, modp2048, modp2048s256).
 */

export interface CipherName {
  /** strongSwan proposal keyword. */
  readonly strongswan: string;
  /** The spelling most device GUIs and CLIs use (Cisco, Juniper, Fortinet, Palo Alto). */
  readonly common: string;
  /** Block size in bytes (ESP padding). */
  readonly blockBytes: number;
  /** ESP IV length in bytes (CBC: one block). */
  readonly ivBytes: number;
  /** Below the project's crypto floor (lib/topology/ipsec.ts WEAK_CRYPTO). */
  readonly weak: boolean;
}

export interface IntegrityName {
  readonly strongswan: string;
  readonly common: string;
  /** ESP ICV length in bytes (HMAC truncated per RFC 2404/4868). */
  readonly icvBytes: number;
  readonly weak: boolean;
}

export interface DhName {
  /** strongSwan keyword; undefined for `disabled` (no PFS). */
  readonly strongswan?: string;
  readonly common: string;
  readonly weak: boolean;
}

export const ENCRYPTION: Readonly<Record<string, CipherName>> = {
  aes: { strongswan: "aes128", common: "AES-128-CBC", blockBytes: 16, ivBytes: 16, weak: false },
  aes192: { strongswan: "aes192", common: "AES-192-CBC", blockBytes: 16, ivBytes: 16, weak: false },
  aes256: { strongswan: "aes256", common: "AES-256-CBC", blockBytes: 16, ivBytes: 16, weak: false },
  des: { strongswan: "des", common: "DES-CBC", blockBytes: 8, ivBytes: 8, weak: true },
  "3des": { strongswan: "3des", common: "3DES-CBC", blockBytes: 8, ivBytes: 8, weak: true },
};

export const INTEGRITY: Readonly<Record<string, IntegrityName>> = {
  md5: { strongswan: "md5", common: "HMAC-MD5-96", icvBytes: 12, weak: true },
  sha1: { strongswan: "sha1", common: "HMAC-SHA1-96", icvBytes: 12, weak: true },
  sha256: { strongswan: "sha256", common: "HMAC-SHA256-128 (SHA2-256)", icvBytes: 16, weak: false },
  sha384: { strongswan: "sha384", common: "HMAC-SHA384-192 (SHA2-384)", icvBytes: 24, weak: false },
  sha512: { strongswan: "sha512", common: "HMAC-SHA512-256 (SHA2-512)", icvBytes: 32, weak: false },
};

export const DH_GROUPS: Readonly<Record<string, DhName>> = {
  disabled: { common: "none (PFS off)", weak: false },
  group1: { strongswan: "modp768", common: "DH group 1 (MODP 768)", weak: true },
  group2: { strongswan: "modp1024", common: "DH group 2 (MODP 1024)", weak: true },
  group5: { strongswan: "modp1536", common: "DH group 5 (MODP 1536)", weak: false },
  group14: { strongswan: "modp2048", common: "DH group 14 (MODP 2048)", weak: false },
  group24: { strongswan: "modp2048s256", common: "DH group 24 (MODP 2048, 256-bit subgroup)", weak: false },
};

export const IKE_VERSIONS: Readonly<Record<string, { readonly swanctl: number; readonly common: string }>> = {
  ikev1: { swanctl: 1, common: "IKEv1" },
  ikev2: { swanctl: 2, common: "IKEv2" },
};

export const IKE_MODES: Readonly<Record<string, { readonly aggressive: boolean; readonly common: string }>> = {
  main: { aggressive: false, common: "main mode" },
  aggressive: { aggressive: true, common: "aggressive mode" },
};

function lookup<T>(table: Readonly<Record<string, T>>, field: string, value: unknown): T {
  const hit = typeof value === "string" ? table[value] : undefined;
  if (hit === undefined) {
    throw new Error(
      `${field} = ${JSON.stringify(value)} is not a value the alicloud provider knows; allowed: ${Object.keys(table).join(", ")}`,
    );
  }
  return hit;
}

export const encryption = (field: string, v: unknown): CipherName => lookup(ENCRYPTION, field, v);
export const integrity = (field: string, v: unknown): IntegrityName => lookup(INTEGRITY, field, v);
export const dhGroup = (field: string, v: unknown): DhName => lookup(DH_GROUPS, field, v);
export const ikeVersion = (field: string, v: unknown): { readonly swanctl: number; readonly common: string } =>
  lookup(IKE_VERSIONS, field, v);
export const ikeMode = (field: string, v: unknown): { readonly aggressive: boolean; readonly common: string } =>
  lookup(IKE_MODES, field, v);
