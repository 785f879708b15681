/** `us-office-1` -> `UsOffice1`: construct ids are PascalCase (they name Terraform addresses). */
export function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((p) => p[0]!.toUpperCase() + p.slice(1)).join("");
}

/** `10.10.10.0/24` -> `10-10-10-0-24`: a stable id fragment for a destination CIDR. */
export function cidrId(cidr: string): string {
  return cidr.replace(/[./]/g, "-");
}

/** Tags as STYLE.md merges them: `{ Name, ...common, ...own }`. */
export function mergeTags(name: string, common: Readonly<Record<string, string>> = {}, own: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { Name: name, ...common, ...own };
}
