/**
 * Device configurations for the far ends of the stack: office VPN devices (strongSwan
 * swanctl.conf and a vendor-neutral sheet) and IDC BGP routers (BIRD 2). Pure: stacks,
 * outputs and secrets come in as arguments; files come out as data.
 */
import { renderBird } from "./bird";
import { renderSheet } from "./sheet";
import { IdcBgpSpec, OfficeDeviceSpec, readIdcSpecs, readOfficeSpecs, TfOutputs, TfStackJson } from "./stack-reader";
import { renderSwanctl, swanctlConnectionName } from "./swanctl";

export * from "./crypto-names";
export * from "./stack-reader";
export * from "./swanctl";
export * from "./sheet";
export * from "./bird";

export interface DeviceFile {
  /** Path relative to the output directory. */
  readonly path: string;
  readonly content: string;
  /** 0o600 for files holding a secret, else 0o644. */
  readonly mode: number;
}

/** What the generator wrote, for people and for the packet twin. */
export interface DeviceManifest {
  readonly offices: readonly {
    readonly stack: string;
    readonly connection: string;
    readonly office: string;
    readonly officeIp: string;
    readonly gatewayKey: string;
    readonly localSubnets: readonly string[];
    readonly swanctl: string;
    readonly sheet: string;
    readonly tunnels: readonly {
      readonly role: string;
      readonly swanctlName: string;
      readonly gatewayIp: string;
      readonly placeholder: boolean;
    }[];
  }[];
  readonly idcs: readonly { readonly stack: string; readonly idc: string; readonly bird: string; readonly protocol: string }[];
}

export interface DeviceConfigOptions {
  /** `terraform output -json` of the hub stack. @default - placeholder gateway IPs */
  readonly outputs?: TfOutputs;
  /** Secrets by environment variable name, written only when given. @default - none written */
  readonly secrets?: Readonly<Record<string, string>>;
}

export interface DeviceConfigs {
  readonly files: readonly DeviceFile[];
  readonly manifest: DeviceManifest;
  readonly offices: readonly OfficeDeviceSpec[];
  readonly idcs: readonly IdcBgpSpec[];
}

const hasType = (s: TfStackJson, t: string) => Object.keys(s.resource?.[t] ?? {}).length > 0;

/** Every office and IDC configuration of the given synthesized stacks. */
export function deviceConfigs(
  stacks: readonly { readonly name: string; readonly json: TfStackJson }[],
  opts: DeviceConfigOptions = {},
): DeviceConfigs {
  const files: DeviceFile[] = [];
  const offices: OfficeDeviceSpec[] = [];
  const idcs: IdcBgpSpec[] = [];
  const man: { offices: DeviceManifest["offices"][number][]; idcs: DeviceManifest["idcs"][number][] } = { offices: [], idcs: [] };
  const secret = (env: string | undefined) => env !== undefined && opts.secrets?.[env] !== undefined;
  for (const s of stacks) {
    if (hasType(s.json, "alicloud_vpn_connection")) {
      for (const o of readOfficeSpecs(s.name, s.json, { outputs: opts.outputs })) {
        offices.push(o);
        const dir = `${s.name}/${o.connection}`;
        files.push({
          path: `${dir}/swanctl.conf`,
          content: renderSwanctl(o, { psks: opts.secrets }),
          mode: o.tunnels.some((t) => secret(t.pskEnv)) ? 0o600 : 0o644,
        });
        files.push({ path: `${dir}/sheet.md`, content: renderSheet(o), mode: 0o644 });
        man.offices.push({
          stack: s.name,
          connection: o.connection,
          office: o.office,
          officeIp: o.officeIp,
          gatewayKey: o.gatewayKey,
          localSubnets: o.localSubnets,
          swanctl: `${dir}/swanctl.conf`,
          sheet: `${dir}/sheet.md`,
          tunnels: o.tunnels.map((t) => ({
            role: t.role,
            swanctlName: swanctlConnectionName(o, t),
            gatewayIp: t.gatewayIp,
            placeholder: t.gatewayIpPlaceholder,
          })),
        });
      }
    }
    if (hasType(s.json, "alicloud_vpc_bgp_group")) {
      for (const d of readIdcSpecs(s.name, s.json)) {
        idcs.push(d);
        const path = `${s.name}/idc-${d.idc}/bird-bgp.conf`;
        files.push({ path, content: renderBird(d, { md5Keys: opts.secrets }), mode: secret(d.md5Env) ? 0o600 : 0o644 });
        man.idcs.push({ stack: s.name, idc: d.idc, bird: path, protocol: `alibaba_${d.idc.replace(/[^A-Za-z0-9_]/g, "_")}` });
      }
    }
  }
  if (files.length === 0)
    throw new Error(
      `stacks ${stacks.map((s) => s.name).join(", ") || "(none)"} have no IPsec connection and no VBR with BGP; allowed: a multinational-hub or idc-leased-line stack`,
    );
  files.push({ path: "manifest.json", content: JSON.stringify(man, null, 2) + "\n", mode: 0o644 });
  return { files, manifest: man, offices, idcs };
}

/** Environment variables a full set of configurations reads (PSKs, MD5 keys). */
export function secretVariables(c: Pick<DeviceConfigs, "offices" | "idcs">): string[] {
  return [
    ...new Set([...c.offices.flatMap((o) => o.tunnels.map((t) => t.pskEnv)), ...c.idcs.flatMap((d) => (d.md5Env ? [d.md5Env] : []))]),
  ].sort();
}
