/**
 * The project's rules enforced through ESLint (eslint.config.js): each fails
 * on a violating snippet, at the path it applies to, and lets the allowed form pass.
 */
import { ESLint, Linter } from "eslint";
import { resolve } from "path";

// the project's config, passed in (ESLint's own loader uses import(), which jest's VM lacks)
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config file
const config = require("../eslint.config.js") as ESLint.Options["overrideConfig"];
const eslint = new ESLint({ cwd: resolve(__dirname, ".."), overrideConfigFile: true, overrideConfig: config });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("ESLint project rules", () => {
  it("fails when lib/ reads process.env, and only in lib/", async () => {
    expect(await ruleIds("export const x = process.env.HYBRID_ENV;\n", "lib/topology/x.ts")).toEqual([
      expect.stringMatching(/^no-restricted-properties: .*lib\/ never reads process\.env/),
    ]);
    expect(await ruleIds("export const x = process.env.HYBRID_ENV;\n", "config/x.ts")).toEqual([]);
  });

  it("fails when anything imports the binding barrel, and passes a deep import", async () => {
    for (const barrel of ["../.gen/providers/alicloud", "../../.gen/providers/alicloud/index", "../.gen/providers/alicloud/lazy-index"]) {
      expect(await ruleIds(`import * as a from "${barrel}";\nexport { a };\n`, "lib/constructs/x.ts")).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*barrel import/),
      ]);
    }
    expect(await ruleIds('import { Vpc } from "../../.gen/providers/alicloud/vpc";\nexport { Vpc };\n', "lib/constructs/x.ts")).toEqual([]);
  });

  it("fails when a stack imports a resource from .gen, and passes `provider`", async () => {
    expect(await ruleIds('import { Vpc } from "../.gen/providers/alicloud/vpc";\nexport { Vpc };\n', "stacks/x.ts")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*imports only `provider`/),
    ]);
    expect(
      await ruleIds(
        'import { AlicloudProvider } from "../.gen/providers/alicloud/provider";\nexport { AlicloudProvider };\n',
        "stacks/x.ts",
      ),
    ).toEqual([]);
    expect(await ruleIds('import * as a from "../.gen/providers/alicloud";\nexport { a };\n', "stacks/x.ts")).toEqual([
      expect.stringMatching(/barrel import/),
    ]);
  });

  it("fails when a judge imports the model, the constructs, the stacks, config/ or .gen; passes lib/topology/cidr and lib/tfjson", async () => {
    const imports = (from: string) => `import * as m from "${from}";\nexport { m };\n`;
    const refused: [string, string, RegExp][] = [
      ["../topology/types", "lib/analysis/x.ts", /imports nothing from the model/],
      ["../topology", "lib/analysis/x.ts", /imports nothing from the model/],
      ["../../lib/topology/plan", "verify/twin/x.ts", /imports nothing from the model/],
      ["../constructs/hybrid-network", "lib/tfjson/x.ts", /never imports the constructs/],
      ["../../stacks/multinational-hub", "verify/twin/x.ts", /never imports the constructs, the stacks or config/],
      ["../../config/multinational-hub", "lib/analysis/x/y.ts", /never imports the constructs, the stacks or config/],
      ["../../.gen/providers/alicloud/vpc", "lib/analysis/x.ts", /never imports the provider bindings/],
    ];
    for (const [from, file, message] of refused)
      expect(await ruleIds(imports(from), file)).toEqual([
        expect.stringMatching(new RegExp(`^no-restricted-imports: .*${message.source}`)),
      ]);
    // a type-only import counts too
    expect(await ruleIds('import type { Topology } from "../topology/types";\nexport type T = Topology;\n', "lib/analysis/x.ts")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*imports nothing from the model/),
    ]);
    for (const from of ["../topology/cidr", "../tfjson"]) expect(await ruleIds(imports(from), "lib/analysis/x.ts")).toEqual([]);
    // outside the judges the model stays importable
    expect(await ruleIds(imports("../topology/types"), "lib/constructs/x.ts")).toEqual([]);
  });

  it("fails when addOverride appears in stacks/ or main.ts, not in lib/", async () => {
    const code = 'declare const r: { addOverride(k: string, v: unknown): void };\nr.addOverride("x", 1);\n';
    expect(await ruleIds(code, "stacks/x.ts")).toEqual([expect.stringMatching(/^no-restricted-syntax: addOverride outside lib\//)]);
    expect(await ruleIds(code, "main.ts")).toEqual([expect.stringMatching(/^no-restricted-syntax: addOverride outside lib\//)]);
    expect(await ruleIds(code, "lib/constructs/x.ts")).toEqual([]);
  });

  it("fails when main.ts imports from .gen or grows past 55 lines", async () => {
    expect(await ruleIds('import { Vpc } from "./.gen/providers/alicloud/vpc";\nexport { Vpc };\n', "main.ts")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*main\.ts imports nothing from \.gen/),
    ]);
    const long = Array.from({ length: 56 }, (_, i) => `export const a${i} = ${i};\n`).join("");
    expect(await ruleIds(long, "main.ts")).toEqual([expect.stringMatching(/^max-lines: /)]);
    expect(await ruleIds(long, "app.ts")).toEqual([]);
  });

  /** A function of exactly `lines` lines, about a third of them blank and a third comments. */
  function functionOf(lines: number): string {
    const body = Array.from({ length: lines - 3 }, (_, i) => ["", `  // step ${i}`, `  x += ${i};`][i % 3]);
    return ["export function f(x: number): number {", ...body, "  return x;", "}", ""].join("\n");
  }

  it("fails when a function grows past 80 lines, blank lines and comments counted, wherever the rule applies", async () => {
    const long = functionOf(81);
    expect(long.trimEnd().split("\n")).toHaveLength(81);
    for (const file of [
      "lib/topology/x.ts",
      "emulator/src/x.ts",
      "verify/twin/x.ts",
      "bin/x.ts",
      "tools/x.ts",
      "bench/x.ts",
      "stacks/x.ts",
      "config/x.ts",
      "app.ts",
    ]) {
      expect({ file, messages: await ruleIds(long, file) }).toEqual({
        file,
        messages: [expect.stringMatching(/^max-lines-per-function: .*81.*Maximum allowed is 80/)],
      });
    }
    expect(await ruleIds(long.replace(/: number/g, ""), "tools/ci/x.js")).toEqual([expect.stringMatching(/^max-lines-per-function: /)]);
    expect(await ruleIds(functionOf(80), "lib/topology/x.ts")).toEqual([]);
    expect(await ruleIds(long, "__tests__/x.test.ts")).toEqual([]);
  });

  it("keeps each listed exception at its file's longest function, so the list only shrinks", async () => {
    const exceptions = (config as Linter.Config[]).filter(
      (c) => c.files?.length === 1 && Array.isArray(c.rules?.["max-lines-per-function"]),
    ) as (Linter.Config & { files: [string]; rules: { "max-lines-per-function": [string, { max: number }] } })[];
    // none today: a new exception must be named here too, so that a reviewer sees it
    expect(exceptions.map((e) => e.files[0])).toEqual([]);
    for (const e of exceptions) {
      const file = e.files[0];
      const max = e.rules["max-lines-per-function"][1].max;
      const lower = new ESLint({
        cwd: resolve(__dirname, ".."),
        overrideConfigFile: true,
        overrideConfig: [
          ...(config as Linter.Config[]),
          { files: [file], rules: { "max-lines-per-function": ["error", { max: max - 1 }] } },
        ],
      });
      const [atCeiling] = await eslint.lintFiles([file]);
      const [below] = await lower.lintFiles([file]);
      const over = (r: ESLint.LintResult | undefined) => (r?.messages ?? []).filter((m) => m.ruleId === "max-lines-per-function").length;
      expect({ file, max, atCeiling: over(atCeiling), belowCeiling: over(below) > 0 }).toEqual({
        file,
        max,
        atCeiling: 0,
        belowCeiling: true,
      });
    }
  }, 120_000);
});
