/**
 * Every name derived from a topology name, in one place: construct IDs (which become
 * Terraform addresses) and Terraform variable, output and provider alias names. The
 * constructs and stacks derive names only through these functions, and validation
 * (`lib/topology/identifiers.ts`) checks for collisions with the very same functions, so
 * the two cannot drift apart. Pure: no cdktf import.
 */

/** `us-office-1` -> `UsOffice1`: construct IDs are PascalCase (they name Terraform addresses). */
export function constructId(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join("");
}

/** Short form of {@link constructId}, as the constructs call it. */
export const pascal = constructId;

/** `us-office-1` -> `us_office_1`: the form names take in Terraform variable, output and alias names. */
export function terraformKey(name: string): string {
  return name.replace(/-/g, "_");
}

/** Provider alias of an (account, region) pair: `main`, `us-east-1` -> `main_us_east_1`. */
export function providerAlias(account: string, region: string): string {
  return terraformKey(`${account}_${region}`);
}

/** Variable holding an account's RAM role ARN: `<account>_role_arn`. */
export function roleArnVariable(account: string): string {
  return `${terraformKey(account)}_role_arn`;
}

/**
 * Sensitive variable holding a VPN link's IPsec pre-shared key: `psk_<link>` (set as
 * `TF_VAR_psk_<link>`). One per link, since each link is its own IPsec connection; a
 * single-link office's link is usually named like the office.
 */
export function pskVariable(link: string): string {
  return `psk_${terraformKey(link)}`;
}

/** An IDC's further line as a name of its own (`<idc>-<line>`): its VBR's name and BGP key variable. */
export function lineKey(idc: string, line: string): string {
  return `${idc}-${line}`;
}

/** Sensitive variable holding an IDC's BGP MD5 key: `bgp_auth_key_<idc>`. */
export function bgpAuthKeyVariable(idc: string): string {
  return `bgp_auth_key_${terraformKey(idc)}`;
}

/** The prefixes of the outputs the scenario stacks write, one per thing they describe. */
export type OutputPrefix =
  | "vpc_id_"
  | "vpn_gateway_ip_"
  | "vpn_gateway_dr_ip_"
  | "vbr_id_"
  | "idc_router_settings_"
  | "peering_id_"
  | "nat_gateway_id_"
  | "egress_ip_"
  | "office_";

/** Output name for a named thing: `vpc_id_`, `us-vpc` -> `vpc_id_us_vpc`. */
export function outputName(prefix: OutputPrefix, name: string): string {
  return `${prefix}${terraformKey(name)}`;
}

/** `10.10.10.0/24` -> `10-10-10-0-24`: a stable id fragment for a destination CIDR. */
export function cidrId(cidr: string): string {
  return cidr.replace(/[./]/g, "-");
}

/** Tags merged as `{ Name, ...common, ...own }`: the resource's own tags win, then the topology's. */
export function mergeTags(
  name: string,
  common: Readonly<Record<string, string>> = {},
  own: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return { Name: name, ...common, ...own };
}
