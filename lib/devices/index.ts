/**
 * Device configurations for the far ends of the stack: office VPN devices (strongSwan
 * swanctl.conf and a vendor-neutral sheet) and IDC BGP routers (BIRD 2). Pure: stacks,
 * outputs and secrets come in as arguments; files come out as data.
 */
import { renderBird } from "./bird";
import { renderSheet } from "./sheet";
import { IdcBgpSpec, OfficeDeviceSpec, readIdcSpecs, readOfficeSpecs, TfOutputs, TfStackJson } from "./stack-reader";
import { OfficeMode, renderSwanctl, swanctlConnectionName } from "./swanctl";
import { renderXfrmScript } from "./xfrm";

export * from "./crypto-names";
export * from "./stack-reader";
export * from "./swanctl";
export * from "./sheet";
export * from "./bird";
export * from "./xfrm";

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
    /** Which variant swanctl.conf is. */
    readonly mode: OfficeMode;
    /** The prefixes the office routes into the tunnel (route-based: xfrm-routes.sh). */
    readonly tunnelRoutes: readonly string[];
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
  /**
   * Route-based office files (XFRM interface, routes to the hub's prefixes only) or
   * policy-based ones (selectors decide). Route-based is the default: with the gateway's
   * remote selector 0.0.0.0/0, a policy-based file deployed as written sends the
   * office's internet traffic into the tunnel. @default "route"
   */
  readonly mode?: OfficeMode;
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
  const out: DeviceConfigs & { files: DeviceFile[]; offices: OfficeDeviceSpec[]; idcs: IdcBgpSpec[] } = {
    files: [],
    offices: [],
    idcs: [],
    manifest: { offices: [], idcs: [] },
  };
  for (const s of stacks) {
    if (hasType(s.json, "alicloud_vpn_connection"))
      for (const o of readOfficeSpecs(s.name, s.json, { outputs: opts.outputs })) addOffice(out, s.name, o, opts);
    if (hasType(s.json, "alicloud_vpc_bgp_group")) for (const d of readIdcSpecs(s.name, s.json)) addIdc(out, s.name, d, opts);
  }
  if (out.files.length === 0)
    throw new Error(
      `stacks ${stacks.map((s) => s.name).join(", ") || "(none)"} have no IPsec connection and no VBR with BGP; allowed: a multinational-hub or idc-leased-line stack`,
    );
  out.files.push({ path: "manifest.json", content: JSON.stringify(out.manifest, null, 2) + "\n", mode: 0o644 });
  return out;
}

type Building = { files: DeviceFile[]; offices: OfficeDeviceSpec[]; idcs: IdcBgpSpec[]; manifest: DeviceManifest };
const hasSecret = (opts: DeviceConfigOptions, env: string | undefined) => env !== undefined && opts.secrets?.[env] !== undefined;

function addOffice(out: Building, stack: string, o: OfficeDeviceSpec, opts: DeviceConfigOptions): void {
  const mode = opts.mode ?? "route";
  out.offices.push(o);
  const dir = `${stack}/${o.connection}`;
  out.files.push({
    path: `${dir}/swanctl.conf`,
    content: renderSwanctl(o, { psks: opts.secrets, mode }),
    mode: o.tunnels.some((t) => hasSecret(opts, t.pskEnv)) ? 0o600 : 0o644,
  });
  if (mode === "route") out.files.push({ path: `${dir}/xfrm-routes.sh`, content: renderXfrmScript(o), mode: 0o755 });
  out.files.push({ path: `${dir}/sheet.md`, content: renderSheet(o, { mode }), mode: 0o644 });
  (out.manifest.offices as DeviceManifest["offices"][number][]).push({
    stack,
    connection: o.connection,
    office: o.office,
    officeIp: o.officeIp,
    gatewayKey: o.gatewayKey,
    localSubnets: o.localSubnets,
    swanctl: `${dir}/swanctl.conf`,
    sheet: `${dir}/sheet.md`,
    mode,
    tunnelRoutes: o.routes,
    tunnels: o.tunnels.map((t) => ({
      role: t.role,
      swanctlName: swanctlConnectionName(o, t),
      gatewayIp: t.gatewayIp,
      placeholder: t.gatewayIpPlaceholder,
    })),
  });
}

function addIdc(out: Building, stack: string, d: IdcBgpSpec, opts: DeviceConfigOptions): void {
  out.idcs.push(d);
  const path = `${stack}/idc-${d.idc}/bird-bgp.conf`;
  out.files.push({ path, content: renderBird(d, { md5Keys: opts.secrets }), mode: hasSecret(opts, d.md5Env) ? 0o600 : 0o644 });
  (out.manifest.idcs as DeviceManifest["idcs"][number][]).push({
    stack,
    idc: d.idc,
    bird: path,
    protocol: `alibaba_${d.idc.replace(/[^A-Za-z0-9_]/g, "_")}`,
  });
}

/** Environment variables a full set of configurations reads (PSKs, MD5 keys). */
export function secretVariables(c: Pick<DeviceConfigs, "offices" | "idcs">): string[] {
  return [
    ...new Set([...c.offices.flatMap((o) => o.tunnels.map((t) => t.pskEnv)), ...c.idcs.flatMap((d) => (d.md5Env ? [d.md5Env] : []))]),
  ].sort();
}
