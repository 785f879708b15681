/**
 * No import cycle anywhere in the code, type-only imports included: a cycle makes load
 * order matter and hides which module is the lower layer. Imports are read with the
 * TypeScript compiler's import scanner, `ts.preProcessFile` (static `import`/`export …
 * from`, `import type`, `require` and `import()` of a relative path, in values and in
 * types; it reads tokens, not a syntax tree, and took a quarter of the time of a full
 * parse), resolved to files, and the strongly connected components of that graph are
 * listed.
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
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles.map((f) => f.fileName).filter((s) => s.startsWith("."));
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

  it("finds a planted cycle, type imports, import() and require() included", () => {
    const dir = mkdtempSync(join(tmpdir(), "cycle-"));
    try {
      const [a, b, c] = ["a.ts", "b.ts", "c.ts"].map((f) => join(dir, f));
      writeFileSync(a!, 'import type { B } from "./b";\nexport type A = B;\n');
      writeFileSync(b!, 'import { C } from "./c";\nexport type B = C;\n');
      writeFileSync(c!, 'export type C = import("./a").A;\n');
      const planted = new Map([a!, b!, c!].map((f) => [f, specifiers(f).flatMap((s) => resolveImport(f, s) ?? [])]));
      expect(cycles(planted)).toEqual([[a, b, c]]);
      // and through a dynamic import() and a require() in values, with no import in a comment
      const [e, f, g] = ["e.ts", "f.ts", "g.ts"].map((x) => join(dir, x));
      writeFileSync(e!, 'export const load = () => import("./f");\n// import "./g";\n');
      writeFileSync(f!, '// eslint-disable-next-line\nconst e = require("./e");\nexport default e;\n');
      writeFileSync(g!, "export const text = \"import './e'\";\n");
      const values = new Map([e!, f!, g!].map((x) => [x, specifiers(x).flatMap((s) => resolveImport(x, s) ?? [])]));
      expect(cycles(values)).toEqual([[e, f]]);
      expect(values.get(g!)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("has no cycle anywhere in the code", () => {
    expect(cycles(graph).map((c) => c.map((f) => relative(ROOT, f)))).toEqual([]);
  });
});
