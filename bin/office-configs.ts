/**
 * npm run office-configs [cdktf.out dir] [--mode route|policy] [--outputs outputs.json] [--out dir] [--stack name]... [--write-secrets]
 *
 * Writes, per office of every hub stack, a strongSwan swanctl.conf and a vendor-neutral
 * sheet (and, route-based, xfrm-routes.sh); per IDC with BGP, a BIRD 2 snippet; and
 * manifest.json. `--mode route` (the default) writes route-based files: an XFRM
 * interface with routes to the hub's prefixes only, so an office's internet traffic
 * stays on its WAN; `--mode policy` writes policy-based ones, where the gateway's
 * remote selector 0.0.0.0/0 sends everything into the tunnel. Reads the synthesized
 * stacks (cdktf.out/stacks/<stack>/cdk.tf.json) and, after deploy, `terraform output
 * -json` of the hub for the real gateway IPs (otherwise RFC 5737 placeholders).
 *
 * Secrets (TF_VAR_psk_<office>, TF_VAR_bgp_auth_key_<idc>) are read from the
 * environment only with --write-secrets, and only then written (files mode 0600).
 * Bad input exits 1 naming the field and writes nothing (output goes to a temporary
 * directory renamed into place at the end).
 */
import * as fs from "fs";
import * as path from "path";
import { deviceConfigs, OFFICE_MODES, officeDir, OfficeMode, secretVariables, TfOutputs, TfStackJson } from "../lib/devices";

interface Args {
  cdktfOut: string;
  outputs?: string;
  out: string;
  stacks: string[];
  writeSecrets: boolean;
  mode: OfficeMode;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { cdktfOut: "cdktf.out", out: "office-configs", stacks: [], writeSecrets: false, mode: "route" };
  let positional = 0;
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${x} needs a value`);
      return v;
    };
    if (x === "--outputs") a.outputs = value();
    else if (x === "--out") a.out = value();
    else if (x === "--stack") a.stacks.push(value());
    else if (x === "--write-secrets") a.writeSecrets = true;
    else if (x === "--mode") a.mode = officeMode(value());
    else if (x === "--help" || x === "-h") {
      console.log(
        "usage: npm run office-configs -- [cdktf.out dir] [--mode route|policy] [--outputs outputs.json] [--out dir] [--stack name]... [--write-secrets]",
      );
      process.exit(0);
    } else if (!x.startsWith("--") && positional++ === 0) a.cdktfOut = x;
    else
      throw new Error(
        `unknown argument ${x}; allowed: [cdktf.out dir] --mode route|policy --outputs FILE --out DIR --stack NAME --write-secrets`,
      );
  }
  return a;
}

function officeMode(v: string): OfficeMode {
  const m = OFFICE_MODES.find((x) => x === v);
  if (!m) throw new Error(`--mode ${v}; allowed: ${OFFICE_MODES.join(", ")}`);
  return m;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`${what} ${file} cannot be read: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} ${file} is not JSON: ${(e as Error).message}`);
  }
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const dir = path.join(args.cdktfOut, "stacks");
  if (!fs.existsSync(dir)) throw new Error(`${dir} does not exist; run \`node bin/synth.js\` first (or pass the cdktf.out directory)`);
  const names = fs
    .readdirSync(dir)
    .filter((n) => fs.existsSync(path.join(dir, n, "cdk.tf.json")))
    .sort();
  for (const s of args.stacks) if (!names.includes(s)) throw new Error(`--stack ${s} is not in ${dir}; allowed: ${names.join(", ")}`);
  // by default every stack with IPsec connections or BGP on a VBR (whatever a fork names it)
  const has = (j: TfStackJson, t: string) => Object.keys(j.resource?.[t] ?? {}).length > 0;
  const stacks = (args.stacks.length > 0 ? args.stacks : names)
    .map((name) => ({ name, json: readJson(path.join(dir, name, "cdk.tf.json"), "stack") as TfStackJson }))
    .filter((s) => args.stacks.length > 0 || has(s.json, "alicloud_vpn_connection") || has(s.json, "alicloud_vpc_bgp_group"));
  const wanted = stacks.map((s) => s.name);
  const outputs = args.outputs ? (readJson(args.outputs, "--outputs") as TfOutputs) : undefined;
  if (outputs !== undefined && (typeof outputs !== "object" || outputs === null || Array.isArray(outputs))) {
    throw new Error(`--outputs ${args.outputs} is not \`terraform output -json\` (an object of outputs)`);
  }
  let secrets: Record<string, string> | undefined;
  if (args.writeSecrets) {
    const names = secretVariables(deviceConfigs(stacks, { outputs }));
    const missing = names.filter((n) => !process.env[n]);
    if (missing.length > 0) throw new Error(`--write-secrets needs ${missing.join(", ")} in the environment (unset or empty)`);
    secrets = Object.fromEntries(names.map((n) => [n, process.env[n]!]));
  }
  const configs = deviceConfigs(stacks, { outputs, secrets, mode: args.mode });

  // write into a fresh sibling directory, then swap it in: nothing partial on failure
  const out = path.resolve(args.out);
  const tmp = fs.mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}-`));
  try {
    for (const f of configs.files) {
      const p = path.join(tmp, f.path);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, f.content, { mode: f.mode });
      fs.chmodSync(p, f.mode);
    }
    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const placeholders = configs.offices.some((o) => o.tunnels.some((t) => t.gatewayIpPlaceholder));
  console.log(
    `office-configs: ${configs.offices.length} office link(s) (${args.mode}-based), ${configs.idcs.length} IDC line(s) from ${wanted.join(", ")} -> ${path.relative(process.cwd(), out) || "."}/`,
  );
  for (const o of configs.offices)
    console.log(
      `  ${officeDir(o.stack, o)}: swanctl.conf, ${args.mode === "route" ? "xfrm-routes.sh, " : ""}sheet.md (${o.tunnels.map((t) => t.gatewayIp).join(", ")})`,
    );
  for (const f of configs.files.filter((x) => /\/device-[^/]+\/swanctl\.conf$/.test(x.path)))
    console.log(`  ${path.dirname(f.path)}: swanctl.conf (every tunnel of the device, in place of its per-link files)`);
  for (const d of configs.manifest.idcs) {
    const spec = configs.idcs.find((x) => x.stack === d.stack && x.idc === d.idc)!;
    console.log(
      `  ${path.dirname(d.bird)}: bird-bgp.conf line ${d.line} (VBR ${spec.vbrIp}, AS ${spec.alibabaAsn} <-> AS ${spec.idcAsn}, local preference ${d.localPref})`,
    );
  }
  if (placeholders) console.log("  gateway IPs are RFC 5737 placeholders: rerun with --outputs <(terraform output -json) after deploy");
  console.log(
    secrets
      ? `  secrets written (mode 0600): ${Object.keys(secrets).join(", ")}`
      : "  no secrets written (--write-secrets reads them from the environment)",
  );
}

try {
  main();
} catch (e) {
  console.error(`office-configs: ${(e as Error).message}`);
  process.exit(1);
}
