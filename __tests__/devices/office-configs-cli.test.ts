/**
 * `npm run office-configs` end to end on a hand-written cdktf.out: bad input exits 1
 * naming the field and writes nothing; secrets come from the environment and are
 * written only when asked, into files mode 0600.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { command } from "../commands";

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function cdktfOut(enc: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "office-configs-"));
  made.push(dir);
  const stack = path.join(dir, "cdktf.out", "stacks", "multinational-hub-test");
  fs.mkdirSync(stack, { recursive: true });
  fs.writeFileSync(
    path.join(stack, "cdk.tf.json"),
    JSON.stringify({
      resource: {
        alicloud_vpc: { V: { vpc_name: "v", cidr_block: "172.16.0.0/16" } },
        alicloud_vpn_gateway: { G: { vpn_gateway_name: "g", vpc_id: "${alicloud_vpc.V.id}" } },
        alicloud_vpn_customer_gateway: { C: { customer_gateway_name: "o", ip_address: "203.0.113.9" } },
        alicloud_vpn_connection: {
          X: {
            vpn_connection_name: "o",
            vpn_gateway_id: "${alicloud_vpn_gateway.G.id}",
            customer_gateway_id: "${alicloud_vpn_customer_gateway.C.id}",
            local_subnet: ["0.0.0.0/0"],
            remote_subnet: ["10.9.0.0/24"],
            ike_config: {
              ike_version: "ikev2",
              ike_mode: "main",
              ike_enc_alg: enc,
              ike_auth_alg: "sha256",
              ike_pfs: "group14",
              ike_lifetime: 86400,
              psk: "${var.psk_o}",
            },
            ipsec_config: { ipsec_enc_alg: "aes256", ipsec_auth_alg: "sha256", ipsec_pfs: "group14", ipsec_lifetime: 86400 },
          },
        },
      },
    }),
  );
  return dir;
}

function cli(dir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(...command("bin/office-configs.ts", path.join(dir, "cdktf.out"), "--out", path.join(dir, "out"), ...args), {
    encoding: "utf8",
    env: { ...process.env, TF_VAR_psk_o: "", ...env },
    timeout: 60000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("npm run office-configs", () => {
  it("fails on an unknown algorithm, naming the field and the value, and writes nothing", () => {
    const dir = cdktfOut("aes512");
    const r = cli(dir, []);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/alicloud_vpn_connection\.X\.ike_config\.ike_enc_alg = "aes512".+allowed: aes, aes192, aes256, des, 3des/);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(["cdktf.out"]); // no temporary directory left behind
  });

  it("fails when --write-secrets lacks the key, then writes it from the environment into a 0600 file", () => {
    const dir = cdktfOut("aes256");
    const missing = cli(dir, ["--write-secrets"]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/--write-secrets needs TF_VAR_psk_o in the environment/);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);

    const ok = cli(dir, ["--write-secrets"], { TF_VAR_psk_o: "a-key-from-the-env" });
    expect(ok.code).toBe(0);
    const conf = path.join(dir, "out", "multinational-hub-test", "o", "swanctl.conf");
    expect(fs.statSync(conf).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(conf, "utf8")).toContain(`secret = 0s${Buffer.from("a-key-from-the-env").toString("base64")}`);
    expect(fs.statSync(path.join(dir, "out", "multinational-hub-test", "o", "sheet.md")).mode & 0o777).toBe(0o644);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "out", "manifest.json"), "utf8")).offices[0].connection).toBe("o");
  });

  it("fails when --mode is neither route nor policy, and writes nothing", () => {
    const dir = cdktfOut("aes256");
    const r = cli(dir, ["--mode", "vti"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("office-configs: --mode vti; allowed: route, policy");
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("writes route-based files by default and policy-based ones with --mode policy", () => {
    const dir = cdktfOut("aes256");
    const office = path.join(dir, "out", "multinational-hub-test", "o");
    expect(cli(dir, []).code).toBe(0);
    expect(fs.readFileSync(path.join(office, "swanctl.conf"), "utf8")).toContain("if_id_out = 42");
    expect(fs.statSync(path.join(office, "xfrm-routes.sh")).mode & 0o777).toBe(0o755);
    expect(cli(dir, ["--mode", "policy"]).code).toBe(0);
    expect(fs.readFileSync(path.join(office, "swanctl.conf"), "utf8")).not.toContain("if_id");
    expect(fs.existsSync(path.join(office, "xfrm-routes.sh"))).toBe(false);
  });
});
