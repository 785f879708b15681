/**
 * No import cycle anywhere in the code, type-only imports included: a cycle makes load
 * order matter and hides which module is the lower layer. Imports are read with the
 * TypeScript parser (static `import`/`export … from`, `import type`, `require` and
 * dynamic `import()` of a relative path), resolved to files, and the strongly connected
 * components of that graph are listed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join, relative, resolve } from "path";
import * as ts from "typescript";

const ROOT = resolve(__dirname, "..");
const DIRS = ["lib", "stacks", "config", "emulator", "verify", "bin", "tools", "bench", "app.ts", "main.ts"];

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const e of readdirSync(p)) if (!/^(node_modules|\.gen|dist)$/.test(e)) walk(join(p, e));
    } else if (/\.ts$/.test(p) && !/\.d\.ts$/.test(p)) out.push(p);
  };
  for (const d of DIRS) walk(join(ROOT, d));
  return out;
}

/** The relative module specifiers a file imports, in every form. */
function specifiers(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      found.push(n.moduleSpecifier.text);
    } else if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0]!)) {
      const callee = n.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) {
        found.push((n.arguments[0] as ts.StringLiteral).text);
      }
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      found.push(n.argument.literal.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found.filter((s) => s.startsWith("."));
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, "index.ts")].find((f) => existsSync(f));
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

describe("imports", () => {
  const files = sourceFiles();
  const graph = new Map(files.map((f) => [f, specifiers(f).flatMap((s) => resolveImport(f, s) ?? [])]));

  it("reads the code it guards", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get(join(ROOT, "app.ts"))).toContain(join(ROOT, "stacks", "index.ts"));
  });

  it("finds a planted cycle, type imports included", () => {
    const dir = mkdtempSync(join(tmpdir(), "cycle-"));
    try {
      const [a, b, c] = ["a.ts", "b.ts", "c.ts"].map((f) => join(dir, f));
      writeFileSync(a!, 'import type { B } from "./b";\nexport type A = B;\n');
      writeFileSync(b!, 'import { C } from "./c";\nexport type B = C;\n');
      writeFileSync(c!, 'export type C = import("./a").A;\n');
      const planted = new Map([a!, b!, c!].map((f) => [f, specifiers(f).flatMap((s) => resolveImport(f, s) ?? [])]));
      expect(cycles(planted)).toEqual([[a, b, c]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("has no cycle anywhere in the code", () => {
    expect(cycles(graph).map((c) => c.map((f) => relative(ROOT, f)))).toEqual([]);
  });
});
