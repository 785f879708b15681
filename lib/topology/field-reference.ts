/**
 * The field reference of a topology file, generated from one source: the TSDoc of the
 * interfaces in `types.ts` (and `ipsec.ts`), read with the TypeScript compiler, laid
 * over the JSON Schema that zod generates from `schema.ts`. The schema gains a
 * `description` on every field (editors show it on hover) and
 * `docs/topology-reference.md` is rendered from the same annotated schema, so the two
 * cannot disagree; a test keeps both files current.
 *
 * Used by the generator and tests only (it loads the TypeScript compiler), never by synth.
 */
import * as path from "path";
import * as ts from "typescript";
import * as ipsec from "./ipsec";
import * as types from "./types";

type SchemaNode = { [k: string]: unknown; properties?: Record<string, SchemaNode>; required?: string[] };

const TYPES_FILE = path.join(__dirname, "types.ts");
const ENUMS: Readonly<Record<string, Readonly<Record<string, string>>>> = { ...types, ...ipsec } as never;

/** A field's documentation: its TSDoc text, and its `@default` in words. */
export interface FieldDoc {
  readonly text: string;
  readonly default?: string;
}

let read: { checker: ts.TypeChecker; type: ts.Type } | undefined;

/**
 * Reads `types.ts` once per process (the schema and the page are rendered from the same
 * reading; a program costs a third of a second); returns the `Topology` interface's type
 * and its checker.
 */
function topologyType(): { checker: ts.TypeChecker; type: ts.Type } {
  return (read ??= readTopologyType());
}

function readTopologyType(): { checker: ts.TypeChecker; type: ts.Type } {
  // the ES5 library only, no @types: enough for arrays and Records, and fast to load
  const options = { strict: true, noEmit: true, skipLibCheck: true, lib: ["lib.es5.d.ts"], types: [] };
  const program = ts.createProgram([TYPES_FILE], options);
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(TYPES_FILE)!;
  const decl = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "Topology")!;
  return { checker, type: checker.getTypeAtLocation(decl) };
}

/** `{@link X}` -> `X`; `VpnGatewayPaymentType.PAY_AS_YOU_GO` -> `"PayAsYouGo"`. */
function plain(text: string): string {
  return text
    .replace(/\{@link\s+([^}\s]+)\s*\}/g, "$1")
    .replace(/\b([A-Z][A-Za-z]+)\.([A-Z0-9_]+)\b/g, (m, e: string, k: string) =>
      ENUMS[e]?.[k] !== undefined ? JSON.stringify(ENUMS[e]![k]) : m,
    )
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

function fieldDoc(checker: ts.TypeChecker, sym: ts.Symbol): FieldDoc {
  const text = plain(ts.displayPartsToString(sym.getDocumentationComment(checker)));
  const def = sym.getJsDocTags(checker).find((t) => t.name === "default");
  const d = def ? plain(ts.displayPartsToString(def.text)).replace(/^- /, "") : undefined;
  return d === undefined ? { text } : { text, default: d };
}

/** A description from a field's doc: its text, then its default. */
export function describeField(doc: FieldDoc): string {
  const text = doc.text === "" || /[.!?)]$/.test(doc.text) ? doc.text : `${doc.text}.`;
  return [text, doc.default !== undefined ? `Default: ${doc.default}.` : ""].filter(Boolean).join(" ");
}

/** The TS type a schema node's elements, variants or value stand for. */
function elementType(checker: ts.TypeChecker, t: ts.Type): ts.Type | undefined {
  return checker.getIndexTypeOfType(checker.getNonNullableType(t), ts.IndexKind.Number);
}

/** The union member whose `kind` is `kind`. */
function variant(checker: ts.TypeChecker, t: ts.Type, kind: unknown): ts.Type | undefined {
  const members = t.isUnion() ? t.types : [t];
  return members.find((m) => {
    const k = m.getProperty("kind");
    const kt = k && checker.getTypeOfSymbol(k);
    return kt?.isStringLiteral() && kt.value === kind;
  });
}

/**
 * Adds `description` to every property of `node` (a JSON Schema object) from the TS
 * type `t`, recursing into objects, arrays and `kind` unions. Returns the paths of
 * properties that have no documentation, for the test that requires them.
 */
function annotate(checker: ts.TypeChecker, node: SchemaNode, t: ts.Type, at: string, missing: string[]): void {
  for (const key of ["anyOf", "oneOf"] as const) {
    for (const v of (node[key] as SchemaNode[] | undefined) ?? []) {
      const kind = (v.properties?.kind as SchemaNode | undefined)?.const;
      const m = variant(checker, t, kind);
      if (m) annotate(checker, v, m, `${at}<${String(kind)}>`, missing);
    }
  }
  if (node.items) {
    const e = elementType(checker, t);
    if (e) annotate(checker, node.items as SchemaNode, e, `${at}[]`, missing);
  }
  for (const [k, child] of Object.entries(node.properties ?? {})) {
    const sym = checker.getNonNullableType(t).getProperty(k);
    if (!sym) continue;
    const doc = fieldDoc(checker, sym);
    const description = describeField(doc);
    if (child.description === undefined && description === "") missing.push(`${at}.${k}`);
    else if (child.description === undefined) node.properties![k] = { description, ...child };
    annotate(checker, node.properties![k]!, checker.getNonNullableType(checker.getTypeOfSymbol(sym)), `${at}.${k}`, missing);
  }
}

/**
 * Annotates a topology JSON Schema in place with every field's documentation.
 * Returns the fields that have none (empty when the reference is complete).
 */
export function annotateTopologySchema(schema: SchemaNode): string[] {
  const { checker, type } = topologyType();
  const missing: string[] = [];
  annotate(checker, schema, type, "", missing);
  return missing;
}

/** A schema node's type as the reference shows it. */
function typeOf(n: SchemaNode): string {
  if (n.const !== undefined) return `\`${JSON.stringify(n.const)}\``;
  if (Array.isArray(n.enum)) return (n.enum as unknown[]).map((e) => `\`${JSON.stringify(e)}\``).join(" \\| ");
  if (n.type === "array") return `array of ${typeOf(n.items as SchemaNode)}`;
  if (n.type === "object" && n.additionalProperties && !n.properties) return "map of string";
  if (n.oneOf || n.anyOf) return "one of the link kinds below";
  return String(n.type ?? "any");
}

/** Markdown for one object node and, after it, each of its nested objects. */
function renderObject(n: SchemaNode, title: string, out: string[]): void {
  const props = Object.entries(n.properties ?? {});
  if (props.length === 0) return;
  out.push(`## \`${title}\``, "", "| Field | Type | Required | Description |", "| --- | --- | --- | --- |");
  const req = new Set(n.required ?? []);
  for (const [k, v] of props) {
    const desc = String(v.description ?? "").replace(/\|/g, "\\|");
    out.push(`| \`${k}\` | ${typeOf(v)} | ${req.has(k) ? "yes" : "no"} | ${desc} |`);
  }
  out.push("");
  for (const [k, v] of props) renderNested(v, `${title === "top level" ? "" : title}${title === "top level" ? "" : "."}${k}`, out);
}

function renderNested(v: SchemaNode, at: string, out: string[]): void {
  if (v.properties) renderObject(v, at, out);
  const items = v.items as SchemaNode | undefined;
  if (items?.properties) renderObject(items, `${at}[]`, out);
  for (const x of ((items?.oneOf ?? items?.anyOf) as SchemaNode[] | undefined) ?? []) {
    const kind = (x.properties?.kind as SchemaNode | undefined)?.const;
    renderObject(x, `${at}[] (kind "${String(kind)}")`, out);
  }
}

/** The field reference page, rendered from an annotated topology schema. */
export function renderTopologyReference(schema: SchemaNode, generator: string): string {
  const out = [
    "# Topology file reference",
    "",
    `<!-- Generated by \`${generator}\` from the TSDoc of lib/topology/types.ts over the JSON Schema of lib/topology/schema.ts; do not edit. -->`,
    "",
    "Every field of a topology file (`examples/*.json`, `TOPOLOGY_FILE`), as the loader accepts it. The same",
    "descriptions are in `schema/topology.schema.json`, so an editor that follows a file's `$schema` shows them",
    "on hover. Shape rules (types, required fields, allowed values) are enforced by the loader; the semantic",
    "rules (CIDR overlaps, zones of a region, names that must refer to something) by validation, whose messages",
    "name the field, the value and what is allowed.",
    "",
  ];
  renderObject(schema, "top level", out);
  return `${out.join("\n").trimEnd()}\n`;
}
