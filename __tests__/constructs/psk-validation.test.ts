/**
 * The pre-shared key checks (preconditions of the IPsec connection), run by Terraform
 * itself: one `terraform plan` over copies of the synthesized preconditions, one copy per
 * candidate key, so every rule is exercised by the real expression evaluator rather than
 * a re-reading of it in TypeScript; and no refused key is ever printed.
 */
import { execFileSync, spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { OfficeSite } from "../../lib/constructs/office-site";
import { VpcNetwork } from "../../lib/constructs/vpc-network";
import { VpnGateway } from "../../lib/constructs/vpn-gateway";
import { ALIBABA_PSK_RULE, PSK_MIN_LENGTH, pskPattern } from "../../lib/topology";
import { aliasedProvider, newStack, synthJson } from "./tf-json";

/** The synthesized `psk_us_office_1` variable and its IPsec connection. */
function synthesizedOffice(): { variable: Record<string, unknown>; connection: Record<string, unknown> } {
  const stack = newStack();
  const provider = aliasedProvider(stack, "main", "me-central-1");
  const vpc = new VpcNetwork(stack, "Vpc", {
    name: "us-vpc",
    region: "me-central-1",
    cidrBlock: "172.16.0.0/16",
    provider,
    vswitches: [{ name: "us-a", zone: "me-central-1a", cidr: "172.16.0.0/24" }],
  });
  const gateway = new VpnGateway(stack, "Gw", { name: "gw", vpc, bandwidth: 10, vswitch: "us-a" });
  new OfficeSite(stack, "Office", { gateway, name: "us-office-1", publicIp: "203.0.113.11", cidrs: ["10.10.10.0/24"] });
  const json = synthJson(stack);
  const connections = Object.values(json.resource!.alicloud_vpn_connection as Record<string, Record<string, unknown>>);
  return { variable: json.variable!.psk_us_office_1 as Record<string, unknown>, connection: connections[0]! };
}

type Condition = { condition: string; error_message: string };
const preconditionsOf = (connection: Record<string, unknown>) => (connection.lifecycle as { precondition: Condition[] }).precondition;

const CASES: readonly { readonly key: string; readonly refused?: RegExp }[] = [
  { key: "", refused: /is not a pre-shared key Alibaba Cloud accepts/ },
  { key: "x", refused: /shorter than 16 characters/ },
  { key: "a".repeat(PSK_MIN_LENGTH - 1), refused: /shorter than 16 characters/ },
  { key: "correct horse battery", refused: /is not a pre-shared key Alibaba Cloud accepts/ },
  { key: 'quote"inside-the-key', refused: /is not a pre-shared key Alibaba Cloud accepts/ },
  { key: "trailing-newline-key\n", refused: /is not a pre-shared key Alibaba Cloud accepts/ },
  { key: "a".repeat(ALIBABA_PSK_RULE.maxLength + 1), refused: /is not a pre-shared key Alibaba Cloud accepts/ },
  { key: "a".repeat(PSK_MIN_LENGTH) },
  { key: "a".repeat(ALIBABA_PSK_RULE.maxLength) },
  { key: `Zx9${ALIBABA_PSK_RULE.specialCharacters}` },
];

const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

describe("pre-shared key checks", () => {
  it("has Alibaba Cloud's rule and our minimum as two preconditions of the connection, none on the variable", () => {
    const { variable, connection } = synthesizedOffice();
    expect(variable).toMatchObject({ sensitive: true, type: "string" });
    // a variable validation would print the refused value, sensitive or not (Terraform 1.11)
    expect(variable.validation).toBeUndefined();
    const rules = preconditionsOf(connection);
    expect(rules).toHaveLength(2);
    expect(rules.every((r) => r.condition.includes("var.psk_us_office_1"))).toBe(true);
    expect(rules[0]!.error_message).toMatch(/^TF_VAR_psk_us_office_1 is not a pre-shared key Alibaba Cloud accepts: it must be 1 to 100/);
    expect(rules[1]!.error_message).toMatch(/^TF_VAR_psk_us_office_1 is shorter than 16 characters/);
  });

  it("the character class admits exactly the API's characters", () => {
    const re = new RegExp(pskPattern());
    for (const c of ALIBABA_PSK_RULE.specialCharacters) expect(re.test(`k${c}`)).toBe(true);
    for (const c of [" ", '"', "\t", "é", "\n"]) expect(re.test(`k${c}`)).toBe(false);
  });

  // Terraform evaluates the synthesized expressions; without it on PATH there is nothing to run.
  (terraform ? it : it.skip)(
    "fails when a key is empty, short, too long or has a character the API refuses, as Terraform evaluates it",
    () => {
      // GIVEN one copy of the variable and of the connection's preconditions per candidate key
      const { variable, connection } = synthesizedOffice();
      const block = JSON.stringify(variable);
      const rules = JSON.stringify(preconditionsOf(connection));
      const variables: Record<string, unknown> = {};
      const checks: Record<string, unknown> = {};
      const env: Record<string, string> = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1" } as Record<
        string,
        string
      >;
      CASES.forEach((c, i) => {
        variables[`k${i}`] = JSON.parse(block.replace(/psk_us_office_1/g, `k${i}`));
        checks[`k${i}`] = { lifecycle: { precondition: JSON.parse(rules.replace(/psk_us_office_1/g, `k${i}`)) } };
        env[`TF_VAR_k${i}`] = c.key;
      });
      const dir = mkdtempSync(join(tmpdir(), "psk-validation-"));
      try {
        writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ variable: variables, resource: { terraform_data: checks } }));
        execFileSync("terraform", ["init", "-input=false", "-no-color"], { cwd: dir, env, stdio: "ignore" });
        // WHEN
        const r = spawnSync("terraform", ["plan", "-input=false", "-no-color"], { cwd: dir, env, encoding: "utf8" });
        // the rendered messages, without the echoed source line (which holds every rule's text)
        const out = `${r.stdout}${r.stderr}`
          .split("\n")
          .filter((l) => !/^\s*\d+: /.test(l))
          .join(" ");
        // THEN every bad key is refused with its rule's message, and no good key is
        const refusedBy = (i: number) =>
          out.match(new RegExp(`TF_VAR_k${i} (is not a pre-shared key Alibaba Cloud accepts|is shorter than 16 characters)`))?.[0];
        CASES.forEach((c, i) => {
          if (c.refused) expect({ key: c.key, message: refusedBy(i) }).toEqual({ key: c.key, message: expect.stringMatching(c.refused) });
          else expect({ key: c.key, message: refusedBy(i) }).toEqual({ key: c.key, message: undefined });
        });
        expect(r.status).not.toBe(0);
        // and no refused key reaches the output (a CI log), not even a near-miss of a real one
        for (const c of CASES.filter((x) => x.refused && x.key.trim().length > 1))
          expect(`${r.stdout}${r.stderr}`).not.toContain(c.key.trim());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
