/**
 * IKE/IPsec parameters as closed sets. Values are the alicloud provider's own strings
 * (docs of `alicloud_vpn_connection`: `ike_config` / `ipsec_config`).
 */
export enum IkeVersion {
  IKEV1 = "ikev1",
  IKEV2 = "ikev2",
}

export enum IkeMode {
  MAIN = "main",
  AGGRESSIVE = "aggressive",
}

export enum EncryptionAlgorithm {
  AES = "aes",
  AES192 = "aes192",
  AES256 = "aes256",
  DES = "des",
  TRIPLE_DES = "3des",
}

export enum AuthAlgorithm {
  MD5 = "md5",
  SHA1 = "sha1",
  SHA256 = "sha256",
  SHA384 = "sha384",
  SHA512 = "sha512",
}

export enum DhGroup {
  GROUP1 = "group1",
  GROUP2 = "group2",
  GROUP5 = "group5",
  GROUP14 = "group14",
}

/** IKE phase 1 and IPsec phase 2 settings for one office site. */
export interface IpsecPolicy {
  /** @default IkeVersion.IKEV2 */
  readonly ikeVersion?: IkeVersion;
  /** @default IkeMode.MAIN */
  readonly ikeMode?: IkeMode;
  /** @default EncryptionAlgorithm.AES256 */
  readonly ikeEncryption?: EncryptionAlgorithm;
  /** @default AuthAlgorithm.SHA256 */
  readonly ikeAuth?: AuthAlgorithm;
  /** @default DhGroup.GROUP14 */
  readonly ikePfs?: DhGroup;
  /** IKE SA lifetime in seconds (0–86400). @default 86400 */
  readonly ikeLifetime?: number;
  /** @default EncryptionAlgorithm.AES256 */
  readonly ipsecEncryption?: EncryptionAlgorithm;
  /** @default AuthAlgorithm.SHA256 */
  readonly ipsecAuth?: AuthAlgorithm;
  /** Perfect forward secrecy group for phase 2. @default DhGroup.GROUP14 */
  readonly ipsecPfs?: DhGroup;
  /** IPsec SA lifetime in seconds (0–86400). @default 86400 */
  readonly ipsecLifetime?: number;
  /** Dead peer detection. @default true */
  readonly enableDpd?: boolean;
  /** NAT traversal. @default true */
  readonly enableNatTraversal?: boolean;
  /**
   * Algorithms below the crypto floor (md5, sha1, des, 3des, DH group 1/2) that this
   * site is explicitly allowed to use, e.g. for a legacy office device.
   * @default - none: the floor applies
   */
  readonly allowWeakCrypto?: readonly string[];
}

/** Secure defaults: IKEv2, AES-256, SHA-256, DH group 14, PFS, DPD and NAT-T on. */
export const DEFAULT_IPSEC_POLICY: Required<Omit<IpsecPolicy, "allowWeakCrypto">> = {
  ikeVersion: IkeVersion.IKEV2,
  ikeMode: IkeMode.MAIN,
  ikeEncryption: EncryptionAlgorithm.AES256,
  ikeAuth: AuthAlgorithm.SHA256,
  ikePfs: DhGroup.GROUP14,
  ikeLifetime: 86400,
  ipsecEncryption: EncryptionAlgorithm.AES256,
  ipsecAuth: AuthAlgorithm.SHA256,
  ipsecPfs: DhGroup.GROUP14,
  ipsecLifetime: 86400,
  enableDpd: true,
  enableNatTraversal: true,
};

/** Values below the crypto floor. */
export const WEAK_CRYPTO: readonly string[] = [
  AuthAlgorithm.MD5,
  AuthAlgorithm.SHA1,
  EncryptionAlgorithm.DES,
  EncryptionAlgorithm.TRIPLE_DES,
  DhGroup.GROUP1,
  DhGroup.GROUP2,
];

export function resolveIpsecPolicy(p: IpsecPolicy = {}): Required<Omit<IpsecPolicy, "allowWeakCrypto">> {
  const out = { ...DEFAULT_IPSEC_POLICY };
  for (const [k, v] of Object.entries(p)) {
    if (v !== undefined && k !== "allowWeakCrypto") (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/**
 * The algorithm settings of `p` below the crypto floor and not listed in its
 * `allowWeakCrypto`, as [setting, value] (defaults are secure, so only explicit
 * choices can appear).
 */
export function weakCryptoSettings(p: IpsecPolicy = {}): [keyof IpsecPolicy, string][] {
  const allowed = new Set(p.allowWeakCrypto ?? []);
  const keys = ["ikeEncryption", "ikeAuth", "ikePfs", "ipsecEncryption", "ipsecAuth", "ipsecPfs"] as const;
  return keys.flatMap((k): [keyof IpsecPolicy, string][] => {
    const v = p[k];
    return v !== undefined && WEAK_CRYPTO.includes(v) && !allowed.has(v) ? [[k, v]] : [];
  });
}
