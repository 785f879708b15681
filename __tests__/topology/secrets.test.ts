/**
 * Secrets by value: what counts as a credential, what must not (the false positives that
 * would refuse a valid topology), and that nothing a TopologyError shows can carry one.
 */
import { defaultTopologies } from "../../config";
import { echo, redactText, redactValue, secretShape, SECRET_KEY, TopologyError } from "../../lib/topology";

const AK_ID = "LTAI5tQ9zXn2bY7cD3eF8gHk";
const AK_SECRET = "Zq8Xk2Lm9Pw4Rt7Vb3Nc6Jh1Gd5Fs0";

describe("secretShape", () => {
  it.each([
    ["an Alibaba Cloud AccessKey ID", AK_ID, "an Alibaba Cloud AccessKey ID"],
    ["an AccessKey ID inside a sentence", `owner key ${AK_ID} (ops)`, "an Alibaba Cloud AccessKey ID"],
    ["an STS AccessKey ID", "STS.NUgYrLnoC9x7k2Qm4Zp8Vw3Rt", "an STS AccessKey ID or token"],
    ["an AccessKey secret (30 random characters)", AK_SECRET, "a high-entropy string"],
    ["a base64 key", "q1Z9vX3kL7mN2pR8sT4wY6bC0dF5gH/J+eK=", "a high-entropy string"],
    ["a PEM private key", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----", "a private key"],
    ["an AWS access key ID", "AKIAIOSFODNN7EXAMPLE", "an AWS access key ID"],
    ["a GitHub token", `ghp_${"aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6"}`, "a GitHub token"],
  ])("finds %s", (_n, value, what) => {
    expect(secretShape(value)).toContain(what);
  });

  it.each([
    ["a physical connection ID", "pc-2ze8wz5nhk0gvdpyfqjbk"],
    ["a VPC ID", "vpc-bp1qpo0kug3a20qqe1ckq"],
    ["a CamelCase name with digits", "Ecs2024ProductionCluster01"],
    ["a RAM role ARN", "acs:ram::1234567890123456:role/NetworkAdmin"],
    ["a UUID", "123e4567-e89b-12d3-a456-426614174000"],
    ["an access point ID", "ap-cn-beijing-ft-A"],
    ["a long kebab-case name", "shared-services-production-egress-hub-01"],
    ["a CIDR", "10.100.0.0/16"],
  ])("does not flag %s", (_n, value) => {
    expect(secretShape(value)).toBeUndefined();
  });

  it("flags no string of the five default topologies (no false positive on real input)", () => {
    const strings: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === "string") strings.push(v);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          strings.push(k);
          walk(x);
        }
    };
    walk(defaultTopologies());
    expect(strings.length).toBeGreaterThan(100);
    expect(strings.filter((s) => secretShape(s) !== undefined)).toEqual([]);
  });
});

describe("SECRET_KEY", () => {
  it.each(["psk", "preSharedKey", "bgp_auth_key", "accessKeySecret", "pwd", "pass", "key", "ak", "sk", "creds", "apiKey", "token"])(
    "matches %s",
    (k) => {
      expect(SECRET_KEY.test(k)).toBe(true);
    },
  );
  it.each(["name", "keyName", "vlanId", "peerAsn", "passive", "skip", "monkey", "region", "cidrs", "tags"])("does not match %s", (k) => {
    expect(SECRET_KEY.test(k)).toBe(false);
  });
});

describe("redaction", () => {
  it("redacts the credential in a text and keeps the rest", () => {
    expect(redactText(`env = "${AK_ID}": is not an environment`)).toBe('env = "(redacted)": is not an environment');
  });

  it("redacts values and secret-named keys at any depth, iteratively", () => {
    let deep: unknown = { psk: "hunter2", ok: "x" };
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let v = redactValue(deep);
    for (let i = 0; i < 100_000; i++) v = (v as unknown[])[0];
    expect(v).toEqual({ psk: "(redacted)", ok: "x" });
    expect(redactValue({ tags: { owner: AK_ID }, [AK_ID]: 1 })).toEqual({ tags: { owner: "(redacted)" }, "(redacted)": 1 });
  });

  it("a TopologyError shows no credential in its paths, values or messages", () => {
    const e = new TopologyError(AK_ID, [
      { path: `t.tags.${AK_ID}`, value: { nested: AK_SECRET }, message: `names no vpc; allowed: ${AK_ID}` },
    ]);
    expect(e.message).not.toContain(AK_ID);
    expect(e.message).not.toContain(AK_SECRET);
    expect(JSON.stringify(e.issues)).not.toMatch(/LTAI|Zq8Xk2/);
  });
});

describe("echo", () => {
  it("escapes invisible characters, so look-alike values are told apart", () => {
    expect(echo("app\u200b-vpc")).toBe('"app\\u200b-vpc"');
    expect(echo("a\u00a0b")).toBe('"a\\u00a0b"');
    expect(echo("tab\there")).toBe('"tab\\there"');
  });
  it("cuts long values and says how long they were", () => {
    expect(echo("x".repeat(5000))).toMatch(/^"x{119}\.\.\. \(5002 characters\)$/);
  });
});
