import {
  AuthAlgorithm,
  DEFAULT_IPSEC_POLICY,
  DhGroup,
  EncryptionAlgorithm,
  IkeVersion,
  resolveIpsecPolicy,
  WEAK_CRYPTO,
} from "../../lib/topology";

describe("resolveIpsecPolicy", () => {
  it("gives the secure defaults when nothing is set", () => {
    // GIVEN / WHEN
    const p = resolveIpsecPolicy();
    // THEN
    expect(p).toEqual({
      ikeVersion: "ikev2",
      ikeMode: "main",
      ikeEncryption: "aes256",
      ikeAuth: "sha256",
      ikePfs: "group14",
      ikeLifetime: 86400,
      ipsecEncryption: "aes256",
      ipsecAuth: "sha256",
      ipsecPfs: "group14",
      ipsecLifetime: 86400,
      enableDpd: true,
      enableNatTraversal: true,
    });
  });

  it("overrides only the fields that are set, and drops allowWeakCrypto", () => {
    // GIVEN
    const input = {
      ikeVersion: IkeVersion.IKEV1,
      ipsecAuth: AuthAlgorithm.SHA1,
      ikeLifetime: undefined,
      enableDpd: false,
      allowWeakCrypto: ["sha1"],
    };
    // WHEN
    const p = resolveIpsecPolicy(input);
    // THEN
    expect(p).toEqual({ ...DEFAULT_IPSEC_POLICY, ikeVersion: "ikev1", ipsecAuth: "sha1", enableDpd: false });
    expect(p).not.toHaveProperty("allowWeakCrypto");
  });

  it("does not change the shared defaults", () => {
    // GIVEN
    const before = { ...DEFAULT_IPSEC_POLICY };
    // WHEN
    resolveIpsecPolicy({ ikeEncryption: EncryptionAlgorithm.AES });
    // THEN
    expect(DEFAULT_IPSEC_POLICY).toEqual(before);
  });
});

describe("WEAK_CRYPTO", () => {
  it("holds exactly the algorithms below the floor", () => {
    // GIVEN / WHEN / THEN
    expect([...WEAK_CRYPTO].sort()).toEqual(["3des", "des", "group1", "group2", "md5", "sha1"]);
    expect(WEAK_CRYPTO).not.toContain(DhGroup.GROUP5);
  });
});
