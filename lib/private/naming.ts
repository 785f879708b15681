/** `us-office-1` -> `UsOffice1`: construct ids are PascalCase (they name Terraform addresses). One
 * definition, in the topology layer, so validation checks the very IDs the constructs use. */
export { constructId as pascal } from "../topology/identifiers";

/** `10.10.10.0/24` -> `10-10-10-0-24`: a stable id fragment for a destination CIDR. */
export function cidrId(cidr: string): string {
  return cidr.replace(/[./]/g, "-");
}

/** Tags merged as `{ Name, ...common, ...own }`: a resource's own tags win over the common ones. */
export function mergeTags(
  name: string,
  common: Readonly<Record<string, string>> = {},
  own: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return { Name: name, ...common, ...own };
}
