/**
 * Rules for IPsec pre-shared keys, as data with their sources. The keys themselves never
 * pass through this code (they are sensitive Terraform variables); these rules become
 * preconditions of each IPsec connection that reads a key variable, so a bad key is refused at plan time with a clear
 * message instead of by the API in the middle of an apply.
 */

/**
 * Alibaba Cloud's own rule: CreateVpnConnection API reference, `IkeConfig.Psk` and
 * `TunnelOptionsSpecification.N.TunnelIkeConfig.Psk` ("The pre-shared key must be 1 to
 * 100 characters in length, and can contain digits, letters, and the following special
 * characters: ~`!@#$%^&*()_-+={}[]\|;:',.<>/?"). Spaces and double quotes are not among
 * them. The provider passes `psk` through unchecked
 * (alicloud/resource_alicloud_vpn_connection.go builds `IkeConfig` from `ike_config`
 * without validation), so the API is the first to refuse a bad key.
 */
export const ALIBABA_PSK_RULE = {
  minLength: 1,
  maxLength: 100,
  /** The special characters the API accepts besides letters and digits. */
  specialCharacters: "~`!@#$%^&*()_-+={}[]\\|;:',.<>/?",
  source: "CreateVpnConnection API reference, IkeConfig.Psk",
} as const;

/**
 * Our own floor, stricter than the API's 1 character: a pre-shared key is the only
 * secret of an IPsec tunnel, and anyone who captures one IKE exchange can test
 * guesses offline at full speed, so a short key falls to brute force. 16 characters is
 * also what Alibaba Cloud generates itself when a connection is created without a key
 * (same API reference: "the system randomly generates a 16-bit string").
 */
export const PSK_MIN_LENGTH = 16;

/** An RE2 pattern (Terraform's `regex`) of a key made only of the characters the API accepts. */
export function pskPattern(): string {
  const escaped = ALIBABA_PSK_RULE.specialCharacters.replace(/[\\\][^-]/g, (c) => `\\${c}`);
  return `^[A-Za-z0-9${escaped}]+$`;
}
