/**
 * How the suites run this project's TypeScript commands as processes: with node on the
 * copy global-setup.js transpiled into dist/jest/ once per jest run, not with tsx, whose
 * loader and transpiler start again in every process.
 */
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

/** The program and arguments that run `entry` (a path from the project root, e.g. `bin/netdiff.ts`). */
export function command(entry: string, ...args: string[]): [string, string[]] {
  const compiled = path.join(ROOT, "dist", "jest", entry.replace(/\.ts$/, ".js"));
  return [process.execPath, [compiled, ...args]];
}
