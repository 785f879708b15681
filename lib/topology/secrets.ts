/**
 * Secrets by name and by value. A topology never holds a secret: pre-shared keys and BGP
 * keys are sensitive Terraform variables, credentials come from the provider's own
 * sources. Whatever looks like one is refused by validation and never echoed in a
 * message, wherever it sits (a tag, a name, an unknown field, a setting).
 */

/**
 * Field names that look like secrets: such fields are refused and their values redacted.
 * Substrings (`vpnPsk`, `bgp_auth_key`, `accessKeySecret`) and common short names held
 * alone (`pwd`, `pass`, `key`, `ak`, `sk`, `creds`).
 */
export const SECRET_KEY =
  /(psk|pre[-_]?shared|secret|passw(?:or)?d|passphrase|auth[-_]?key|access[-_]?key|private[-_]?key|api[-_]?key|token|credential|^(?:pwd|pw|pass|key|ak|sk|aksk|creds?|cred[-_]?s|otp|pin)$)/i;

/** What a redacted value is replaced with, in messages and echoed objects. */
export const REDACTED = "(redacted)";

interface ValueRule {
  /** What the value looks like, for the message ("an AccessKey ID"). */
  readonly what: string;
  /** Matches such a value anywhere in a string (global, for redaction). */
  readonly pattern: RegExp;
}

/**
 * Value shapes of credentials, by their documented formats:
 * - Alibaba Cloud AccessKey IDs start with `LTAI` (RAM user keys; Alibaba Cloud,
 *   "Create an AccessKey pair": https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair),
 *   STS AccessKey IDs with `STS.` (AssumeRole response, `Credentials.AccessKeyId`:
 *   https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-assumerole).
 * - PEM private keys (RFC 7468 section 2: `-----BEGIN <label>-----`), any label ending in `PRIVATE KEY`.
 * - AWS access key IDs (`AKIA`/`ASIA` + 16) and GitHub tokens (`ghp_` etc.), which people paste too.
 * AccessKey secrets (30 random letters and digits) have no prefix: the entropy rule below finds them.
 */
const VALUE_RULES: readonly ValueRule[] = [
  { what: "a private key", pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g },
  { what: "an Alibaba Cloud AccessKey ID", pattern: /LTAI[A-Za-z0-9]{12,30}/g },
  { what: "an STS AccessKey ID or token", pattern: /STS\.[A-Za-z0-9]{12,}/g },
  { what: "an AWS access key ID", pattern: /(?:AKIA|ASIA)[A-Z0-9]{16}/g },
  { what: "a GitHub token", pattern: /gh[pousr]_[A-Za-z0-9]{30,}/g },
];

/** Runs of characters a random key or token is written in (base64, base64url, base62). */
const TOKEN = /[A-Za-z0-9+/=_-]{20,}/g;

/**
 * A run looks random, like an AccessKey secret or a token, when it has lower- and
 * upper-case letters and digits (at least two of each), switches class often (random
 * text switches at about 60% of adjacent pairs, CamelCase words such as
 * `Ecs2024ProductionCluster01` at under 25%) and has high Shannon entropy. Resource IDs
 * (`pc-2ze8wz5nhk0gvdpyfqjbk`) are lower-case and never match.
 */
export function isHighEntropy(run: string): boolean {
  const s = run.replace(/[+/=_-]/g, "");
  if (s.length < 20) return false;
  const count = (re: RegExp) => (s.match(re) ?? []).length;
  if (count(/[a-z]/g) < 2 || count(/[A-Z]/g) < 2 || count(/[0-9]/g) < 2) return false;
  const cls = (ch: string) => (/[a-z]/.test(ch) ? 0 : /[A-Z]/.test(ch) ? 1 : 2);
  let switches = 0;
  for (let i = 1; i < s.length; i++) if (cls(s[i]!) !== cls(s[i - 1]!)) switches++;
  if (switches / (s.length - 1) < 0.35) return false;
  const freq = new Map<string, number>();
  for (const ch of s) freq.set(ch, (freq.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of freq.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits >= 3.5;
}

/** What `value` looks like when it holds a credential, or undefined. */
export function secretShape(value: string): string | undefined {
  for (const r of VALUE_RULES) {
    r.pattern.lastIndex = 0;
    if (r.pattern.test(value)) return r.what;
  }
  for (const m of value.matchAll(TOKEN)) if (isHighEntropy(m[0])) return "a high-entropy string (a key or token)";
  return undefined;
}

/** `text` with every credential-shaped part replaced by {@link REDACTED}. */
export function redactText(text: string): string {
  let out = text;
  for (const r of VALUE_RULES) out = out.replace(r.pattern, REDACTED);
  return out.replace(TOKEN, (m) => (isHighEntropy(m) ? REDACTED : m));
}

/**
 * `value` as it may be echoed: strings that look like credentials and the values of
 * secret-looking keys replaced, at any depth (iteratively: the input may be deep).
 */
export function redactValue(value: unknown): unknown {
  if (typeof value === "string") return secretShape(value) ? REDACTED : value;
  if (value === null || typeof value !== "object") return value;
  const root: unknown = Array.isArray(value) ? [] : {};
  const stack: [unknown, Record<string, unknown> | unknown[]][] = [[value, root as Record<string, unknown>]];
  while (stack.length > 0) {
    const [src, dst] = stack.pop()!;
    for (const [k, v] of Object.entries(src as object)) {
      let out: unknown;
      if (!Array.isArray(src) && SECRET_KEY.test(k)) out = REDACTED;
      else if (typeof v === "string") out = secretShape(v) ? REDACTED : v;
      else if (v !== null && typeof v === "object") {
        out = Array.isArray(v) ? [] : {};
        stack.push([v, out as Record<string, unknown>]);
      } else out = v;
      const key = secretShape(k) ? REDACTED : k;
      Object.defineProperty(dst, key, { value: out, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}
