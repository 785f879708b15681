/**
 * Reads a topology from a JSON or YAML file and checks it against the same types and
 * rules as the TypeScript defaults. Before any parser sees the file: its size is
 * bounded, it must be UTF-8 (a byte-order mark is accepted), and JSON nesting is
 * bounded. Syntax errors carry a line and column; values are echoed as the file
 * spells them; keys given twice are refused (JSON.parse would silently keep the last).
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from "fs";
import { extname } from "path";
import { Node as JsonNode, parseTree, ParseError, ParseErrorCode } from "jsonc-parser";
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node as YamlNode, parseDocument } from "yaml";
import { pathKey, TopologyError } from "./issues";
import { FILE_LIMITS } from "./limits";
import { parseTopology, WrittenValues } from "./schema";
import { Topology } from "./types";

export function loadTopologyFile(file: string): Topology {
  const fail = (message: string, value: unknown = file): never => {
    throw new TopologyError(file, [{ path: "file", value, message }]);
  };
  const bytes = readBounded(file, fail);
  const text = decodeUtf8(bytes, fail);
  const yaml = [".yaml", ".yml"].includes(extname(file).toLowerCase());
  const { data, written } = yaml ? readYaml(text, fail) : readJson(text, fail);
  return parseTopology(withoutSchemaRef(file, data), { written });
}

/**
 * `data` without a top-level `$schema` (the editor's reference to
 * schema/topology.schema.json, not part of the topology); a non-string one is an error.
 */
function withoutSchemaRef(file: string, data: unknown): unknown {
  if (data === null || typeof data !== "object" || Array.isArray(data) || !("$schema" in data)) return data;
  const { $schema: ref, ...rest } = data as Record<string, unknown>;
  if (typeof ref !== "string") {
    throw new TopologyError(file, [
      { path: "$schema", value: ref, message: "is not a string; allowed: the path or URL of schema/topology.schema.json" },
    ]);
  }
  return rest;
}

/** The file's bytes, refusing what is not a regular file or is larger than the limit. */
function readBounded(file: string, fail: (m: string) => never): Buffer {
  let fd: number;
  try {
    // stat before open: opening a FIFO for reading would wait for a writer forever
    if (!statSync(file).isFile()) return fail("is not a regular file (a directory, device or pipe); allowed: a JSON or YAML file");
    fd = openSync(file, "r");
  } catch (e) {
    if (e instanceof TopologyError) throw e;
    return fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); allowed: a readable JSON or YAML file`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return fail("is not a regular file (a directory, device or pipe); allowed: a JSON or YAML file");
    if (st.size > FILE_LIMITS.maxBytes)
      return fail(`is ${st.size} bytes; allowed: at most ${FILE_LIMITS.maxBytes} bytes (${FILE_LIMITS.maxBytes / 1024 / 1024} MiB)`);
    // read at most one byte past the limit: the file may grow while we read it
    const buf = Buffer.alloc(Math.min(st.size, FILE_LIMITS.maxBytes) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null);
    if (n > FILE_LIMITS.maxBytes) return fail(`is over ${FILE_LIMITS.maxBytes} bytes; allowed: at most ${FILE_LIMITS.maxBytes} bytes`);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text without a leading byte-order mark; other encodings are refused with the position. */
function decodeUtf8(bytes: Buffer, fail: (m: string) => never): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail("is UTF-16 (it starts with a UTF-16 byte-order mark); allowed: UTF-8, with or without a byte-order mark");
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    // find the first bad byte for the message
    let ok = 0;
    for (let step = 1 << 22; step > 0; step >>= 1) {
      // covers FILE_LIMITS.maxBytes (4 MiB)
      const end = Math.min(body.length, ok + step);
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(body.subarray(0, end));
        if (end > ok) ok = end;
      } catch {
        /* bad byte within */
      }
    }
    const prefix = new TextDecoder("utf-8").decode(body.subarray(0, ok));
    const { line, column } = lineColumn(prefix, prefix.length);
    return fail(`is not valid UTF-8 at line ${line}, column ${column} (byte ${ok + 1}); allowed: UTF-8 text`);
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

const JSON_ERRORS: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: "unexpected character",
  [ParseErrorCode.InvalidNumberFormat]: "malformed number",
  [ParseErrorCode.PropertyNameExpected]: "expected a property name in double quotes",
  [ParseErrorCode.ValueExpected]: "expected a value",
  [ParseErrorCode.ColonExpected]: "expected ':'",
  [ParseErrorCode.CommaExpected]: "expected ',' or a closing bracket",
  [ParseErrorCode.CloseBraceExpected]: "expected '}'",
  [ParseErrorCode.CloseBracketExpected]: "expected ']'",
  [ParseErrorCode.EndOfFileExpected]: "expected the end of the file (there is text after the topology)",
  [ParseErrorCode.InvalidCommentToken]: "comments are not JSON (use YAML for comments)",
  [ParseErrorCode.UnexpectedEndOfComment]: "unterminated comment",
  [ParseErrorCode.UnexpectedEndOfString]: "unterminated string",
  [ParseErrorCode.UnexpectedEndOfNumber]: "unterminated number",
  [ParseErrorCode.InvalidUnicode]: "invalid \\u escape",
  [ParseErrorCode.InvalidEscapeCharacter]: "invalid escape character",
  [ParseErrorCode.InvalidCharacter]: "invalid character in a string (control characters must be escaped)",
};

/** JSON nesting depth, counted on the text so no parser recurses into a hostile file. */
function jsonDepthProblem(text: string): { offset: number } | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > FILE_LIMITS.maxDepth) return { offset: i };
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return undefined;
}

function readJson(text: string, fail: (m: string, v?: unknown) => never): { data: unknown; written: WrittenValues } {
  const deep = jsonDepthProblem(text);
  if (deep) {
    const { line, column } = lineColumn(text, deep.offset);
    fail(
      `is nested more than ${FILE_LIMITS.maxDepth} levels deep at line ${line}, column ${column}; allowed: at most ${FILE_LIMITS.maxDepth} levels (a topology needs 6)`,
    );
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    // the first error only: the parser's later ones follow from it
    const e = errors[0]!;
    const { line, column } = lineColumn(text, e.offset);
    fail(`is not valid JSON: ${JSON_ERRORS[e.error] ?? `syntax error ${e.error}`} at line ${line}, column ${column}`);
  }
  const written = new Map<string, string>();
  const duplicates: string[] = [];
  const convert = (n: JsonNode, path: string): unknown => {
    switch (n.type) {
      case "object": {
        const o: Record<string, unknown> = {};
        const at = new Map<string, number>();
        for (const prop of n.children ?? []) {
          const [k, v] = prop.children as [JsonNode, JsonNode | undefined];
          const key = k.value as string;
          if (at.has(key)) {
            const a = lineColumn(text, at.get(key)!);
            const b = lineColumn(text, k.offset);
            duplicates.push(
              `key ${JSON.stringify(key)} of ${path || "the root"} appears twice (line ${a.line}, column ${a.column} and line ${b.line}, column ${b.column})`,
            );
          }
          at.set(key, k.offset);
          // an own property even for "__proto__", as JSON.parse makes it
          Object.defineProperty(o, key, {
            value: v ? convert(v, `${path}${pathKey(key)}`) : undefined,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return o;
      }
      case "array":
        return (n.children ?? []).map((c, i) => convert(c, `${path}[${i}]`));
      default:
        written.set(path, text.slice(n.offset, n.offset + n.length));
        return n.value;
    }
  };
  const data = convert(tree!, "");
  if (duplicates.length > 0) fail(`is ambiguous: ${duplicates.slice(0, 3).join("; ")}; allowed: each key once per object`);
  return { data, written };
}

function readYaml(text: string, fail: (m: string, v?: unknown) => never): { data: unknown; written: WrittenValues } {
  const lines = new LineCounter();
  let data: unknown;
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const errors = doc.errors;
    if (errors.length > 0) {
      const shown = errors.slice(0, 3).map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        if (e.code === "MULTIPLE_DOCS")
          return `holds more than one YAML document ('---' at line ${line}, column ${col}); allowed: one topology per file`;
        if (/Maximum call stack/.test(e.message))
          return `is nested too deeply to read at line ${line}, column ${col}; allowed: at most ${FILE_LIMITS.maxDepth} levels (a topology needs 6)`;
        return `${e.message.split(":\n\n")[0]!.replace(/ at line \d+, column \d+$/, "")} at line ${line}, column ${col}`;
      });
      if (/^(is nested|holds more)/.test(shown[0]!)) fail(shown[0]!);
      fail(`is not valid YAML: ${shown.join("; ")}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ""}`);
    }
  } catch (e) {
    if (e instanceof TopologyError) throw e;
    if (e instanceof RangeError)
      return fail(`is nested too deeply to read; allowed: at most ${FILE_LIMITS.maxDepth} levels (a topology needs 6)`);
    return fail(`is not valid YAML: ${(e as Error).message.split(":\n\n")[0]}`);
  }
  const written = new Map<string, string>();
  // scalars as written; iterative, and only as deep as the limit (deeper input is refused later)
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: doc.contents, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (depth > FILE_LIMITS.maxDepth || isAlias(node)) continue;
    if (isScalar(node)) {
      if (node.range) written.set(path, text.slice(node.range[0], node.range[1]));
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: `${path}[${i}]`, depth: depth + 1 }));
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (!isScalar(pair.key)) {
          // `? [a, b]: x` or `? {a: 1}: x`: JavaScript objects cannot hold such keys
          const { line, col } = lines.linePos((pair.key as YamlNode | null)?.range?.[0] ?? 0);
          fail(`is not valid for a topology: a key at line ${line}, column ${col} is a list or a map; allowed: plain keys`);
        }
        const key = String((pair.key as { value: unknown }).value);
        stack.push({ node: pair.value as YamlNode, path: `${path}${pathKey(key)}`, depth: depth + 1 });
      }
    }
  }
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof RangeError)
      return fail(`is nested too deeply to read; allowed: at most ${FILE_LIMITS.maxDepth} levels (a topology needs 6)`);
    return fail(`is not valid YAML: ${(e as Error).message.split(":\n\n")[0]}`);
  }
  return { data, written };
}
