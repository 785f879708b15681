/**
 * Device configurations for the far ends of the stack: office VPN devices (strongSwan
 * swanctl.conf and a vendor-neutral sheet) and IDC BGP routers (BIRD 2). Pure: stacks,
 * outputs and secrets come in as arguments; files come out as data.
 */
import { BirdVpnBackup, idcLines, lineLocalPref, renderBirdLines } from "./bird";
import { LinkRole } from "./failover";
import { renderSheet } from "./sheet";
import {
  IdcBgpSpec,
  IdcStaticLineSpec,
  OfficeDeviceSpec,
  readIdcSpecs,
  readIdcStaticLines,
  readOfficeSpecs,
  TfOutputs,
  TfStackJson,
} from "./stack-reader";
import { OfficeMode, renderDeviceSwanctl, renderSwanctl, swanctlConnectionName } from "./swanctl";
import { renderXfrmScript, xfrmInterface } from "./xfrm";

export * from "./crypto-names";
export * from "./stack-reader";
export * from "./swanctl";
export * from "./sheet";
export * from "./bird";
export * from "./xfrm";
export { ACTIVE_METRIC, FOREIGN_VPC_PENALTY, linkRole, LinkRole, placeLinks, routeMetric, STANDBY_METRIC } from "./failover";

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
    /** The link's role on its gateway (weight 100 active, 0 standby). */
    readonly role: LinkRole;
    /** The XFRM interface id of a route-based file (42, then 43, … for a device's further links). */
    readonly ifId: number;
    /** The office's other links, active ones first. */
    readonly otherLinks: readonly string[];
    /** The data center whose leased line this link backs up (its device is the IDC's router). @default - an office's link */
    readonly backupOf?: string;
    readonly tunnels: readonly {
      readonly role: string;
      readonly swanctlName: string;
      readonly gatewayIp: string;
      readonly placeholder: boolean;
    }[];
  }[];
  readonly idcs: readonly {
    readonly stack: string;
    /** The VBR's name: the IDC's for its first line, `<idc>-<line>` for the others. */
    readonly idc: string;
    readonly bird: string;
    readonly protocol: string;
    /** The line's place in the IDC's preference order (1 = preferred). */
    readonly line: number;
    /** The BGP local preference the BIRD file gives routes learned over this line. */
    readonly localPref: number;
  }[];
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
    const vpns = new Map<string, BirdVpnBackup>();
    if (hasType(s.json, "alicloud_vpn_connection"))
      for (const o of readOfficeSpecs(s.name, s.json, { outputs: opts.outputs })) {
        addOffice(out, s.name, o, opts);
        if (o.backupOf !== undefined) vpns.set(o.backupOf, { connection: o.connection, dev: xfrmInterface(o.ifId), routes: o.routes });
      }
    if (hasType(s.json, "alicloud_vpc_bgp_group")) {
      const statics = readIdcStaticLines(s.name, s.json);
      for (const g of idcLines(readIdcSpecs(s.name, s.json)))
        addIdc(out, s.name, g, opts, staticLinesOf(g[0]!.idc, statics), vpns.get(g[0]!.idc));
    }
  }
  addDeviceFiles(out, opts);
  if (out.files.length === 0)
    throw new Error(
      `stacks ${stacks.map((s) => s.name).join(", ") || "(none)"} have no IPsec connection and no VBR with BGP; allowed: a multinational-hub or idc-leased-line stack`,
    );
  out.files.push({ path: "manifest.json", content: JSON.stringify(out.manifest, null, 2) + "\n", mode: 0o644 });
  return out;
}

type Building = { files: DeviceFile[]; offices: OfficeDeviceSpec[]; idcs: IdcBgpSpec[]; manifest: DeviceManifest };
const hasSecret = (opts: DeviceConfigOptions, env: string | undefined) => env !== undefined && opts.secrets?.[env] !== undefined;

/**
 * One `device-<ip>/swanctl.conf` per office device that ends more than one link or tunnel
 * group (several links, or a second device's slave tunnel), with every connection on it.
 */
function addDeviceFiles(out: Building, opts: DeviceConfigOptions): void {
  const byDevice = new Map<string, OfficeDeviceSpec[]>();
  for (const o of out.offices) {
    const k = `${o.stack}/device-${o.officeIp}`;
    byDevice.set(k, [...(byDevice.get(k) ?? []), o]);
  }
  for (const [dir, specs] of byDevice) {
    if (specs.length < 2 && specs[0]!.device === 0) continue;
    out.files.push({
      path: `${dir}/swanctl.conf`,
      content: renderDeviceSwanctl(specs, { psks: opts.secrets, mode: opts.mode ?? "route" }),
      mode: specs.some((o) => o.tunnels.some((t) => hasSecret(opts, t.pskEnv))) ? 0o600 : 0o644,
    });
  }
}

/** A link end's directory: the link's name, and `<link>-device-2` for a second device on its slave tunnel. */
export const officeDir = (stack: string, o: OfficeDeviceSpec) =>
  `${stack}/${o.connection}${o.device === 0 ? "" : `-device-${o.device + 1}`}`;

function addOffice(out: Building, stack: string, o: OfficeDeviceSpec, opts: DeviceConfigOptions): void {
  const mode = opts.mode ?? "route";
  out.offices.push(o);
  const dir = officeDir(stack, o);
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
    role: o.role,
    ifId: o.ifId,
    otherLinks: o.otherLinks,
    ...(o.backupOf !== undefined ? { backupOf: o.backupOf } : {}),
    tunnels: o.tunnels.map((t) => ({
      role: t.role,
      swanctlName: swanctlConnectionName(o, t),
      gatewayIp: t.gatewayIp,
      placeholder: t.gatewayIpPlaceholder,
    })),
  });
}

/** One BIRD file per IDC, all its lines in it (first line preferred); one manifest entry per line. */
/** A data center's statically routed further lines: the VBRs without BGP named `<idc>-<line>`. */
function staticLinesOf(idc: string, statics: readonly IdcStaticLineSpec[]): IdcStaticLineSpec[] {
  return statics.filter((l) => l.idc.startsWith(`${idc}-`));
}

function addIdc(
  out: Building,
  stack: string,
  lines: readonly IdcBgpSpec[],
  opts: DeviceConfigOptions,
  statics: readonly IdcStaticLineSpec[],
  vpn: BirdVpnBackup | undefined,
): void {
  out.idcs.push(...lines);
  const path = `${stack}/idc-${lines[0]!.idc}/bird-bgp.conf`;
  const secret = lines.some((d) => hasSecret(opts, d.md5Env));
  out.files.push({ path, content: renderBirdLines(lines, { md5Keys: opts.secrets }, statics, vpn), mode: secret ? 0o600 : 0o644 });
  lines.forEach((d, i) =>
    (out.manifest.idcs as DeviceManifest["idcs"][number][]).push({
      stack,
      idc: d.idc,
      bird: path,
      protocol: `alibaba_${d.idc.replace(/[^A-Za-z0-9_]/g, "_")}`,
      line: i + 1,
      localPref: lineLocalPref(i),
    }),
  );
}

/** Environment variables a full set of configurations reads (PSKs, MD5 keys). */
export function secretVariables(c: Pick<DeviceConfigs, "offices" | "idcs">): string[] {
  return [
    ...new Set([...c.offices.flatMap((o) => o.tunnels.map((t) => t.pskEnv)), ...c.idcs.flatMap((d) => (d.md5Env ? [d.md5Env] : []))]),
  ].sort();
}
