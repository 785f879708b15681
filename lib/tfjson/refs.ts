/**
 * Terraform references as cdktf writes them into synthesized JSON: a whole string
 * `${<type>.<name>.<attribute>}` for a resource attribute, `${var.<name>}` for a
 * variable. cdktf names resources `<ConstructPath>_<hash>` (letters, digits, `_`, `-`),
 * and resource types and attributes are lower snake case.
 */

/** A reference to one resource attribute. */
export interface Reference {
  /** Resource type, e.g. `alicloud_vpc`. */
  readonly type: string;
  /** Resource name (key under `resource.<type>`). */
  readonly name: string;
  /** Attribute, e.g. `id`. */
  readonly attr: string;
  /** `<type>.<name>`, the resource's address in the plan. */
  readonly address: string;
}

const TYPE = "[a-z][a-z0-9_]*";
const NAME = "[A-Za-z0-9_-]+";
const ATTR = "[A-Za-z0-9_]+";
/** Prefixes that are not resource types: `var.x`, `local.x`, `data.t.n.a`, `module.m.o`. */
const NOT_RESOURCES = new Set(["var", "local", "data", "module", "path", "terraform", "each", "count", "self"]);
const WHOLE_REF = new RegExp(`^\\$\\{(${TYPE})\\.(${NAME})\\.(${ATTR})\\}$`);
const ANY_REF = new RegExp(`\\$\\{(${TYPE})\\.(${NAME})\\.(${ATTR})\\}`, "g");
const WHOLE_VAR = new RegExp(`^\\$\\{var\\.(${NAME})\\}$`);

function reference(type: string, name: string, attr: string): Reference | undefined {
  return NOT_RESOURCES.has(type) ? undefined : { type, name, attr, address: `${type}.${name}` };
}

/** The resource attribute `v` refers to when `v` is exactly one reference; else undefined. */
export function parseRef(v: unknown): Reference | undefined {
  const m = typeof v === "string" ? WHOLE_REF.exec(v) : null;
  return m ? reference(m[1]!, m[2]!, m[3]!) : undefined;
}

/** Every resource reference anywhere inside `v` (strings, lists, nested blocks), in order. */
export function refsIn(v: unknown): Reference[] {
  const out: Reference[] = [];
  const walk = (x: unknown): void => {
    if (typeof x === "string") {
      for (const m of x.matchAll(ANY_REF)) {
        const r = reference(m[1]!, m[2]!, m[3]!);
        if (r) out.push(r);
      }
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (typeof x === "object" && x !== null) Object.values(x).forEach(walk);
  };
  walk(v);
  return out;
}

/** The variable name when `v` is exactly `${var.<name>}`; else undefined. */
export function parseVar(v: unknown): string | undefined {
  const m = typeof v === "string" ? WHOLE_VAR.exec(v) : null;
  return m ? m[1] : undefined;
}
