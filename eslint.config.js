// ESLint (flat config) with typescript-eslint. The project's own rules from STYLE.md
// that ESLint has a core rule for live here; the one it has none for (`@default` on
// every optional prop, props-default-doc) stays in tools/ci/lint.js. `npm run lint` runs
// both. __tests__/eslint-rules.test.ts proves each project rule fires.
"use strict";
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

// `.gen/providers/alicloud` itself, its index or lazy-index: the barrel makes the
// compiler load every binding. Deep imports only (…/alicloud/vpc).
const BARREL = {
  regex: "^(\\.{1,2}/)*\\.gen/providers/alicloud(/index|/lazy-index)?$",
  message: "barrel import of the provider bindings; import the resource module (…/alicloud/vpc)",
};

module.exports = tseslint.config(
  { ignores: [".gen/**", "node_modules/**", "dist/**", "cdktf.out/**", "cdktf.out.variants/**", ".bench/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...require("globals").node, ...require("globals").jest } },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring to drop a field)
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "no-restricted-imports": ["error", { patterns: [BARREL] }],
      // `const crypto = require("crypto")` is the module, not a clash with the web global
      "no-redeclare": ["error", { builtinGlobals: false }],
      // Errors are rethrown to name the field, the value and what is allowed, with the
      // original reason in the message; a `cause` would carry the parser's raw error, whose
      // excerpt of the file may hold a pasted secret (lib/topology/load.ts, parseReason).
      "preserve-caught-error": "off",
    },
  },
  {
    // plain CommonJS scripts and configs
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // lib/ never reads process.env: configuration enters at main.ts (STYLE.md 15)
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "lib/ never reads process.env; configuration enters at main.ts" },
      ],
    },
  },
  {
    // stacks stay thin: from .gen only `provider`; no escape hatches (STYLE.md 2, 14)
    files: ["stacks/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            BARREL,
            {
              regex: "\\.gen/providers/alicloud/(?!provider$)[\\w-]+$",
              message: "a stack imports only `provider` from .gen; resources belong in lib/ constructs",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='addOverride']",
          message: "addOverride outside lib/; keep escape hatches inside constructs",
        },
      ],
    },
  },
  {
    // main.ts only wires things together (STYLE.md 1)
    files: ["main.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "\\.gen/", message: "main.ts imports nothing from .gen; resources belong in lib/ constructs" }] },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='addOverride']",
          message: "addOverride outside lib/; keep escape hatches inside constructs",
        },
      ],
      "max-lines": ["error", { max: 55, skipBlankLines: false, skipComments: false }],
    },
  },
);
