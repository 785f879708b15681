const path = require("path");
const { jestSelection } = require("./__tests__/folder-groups");

// a whole run takes each folder with a suite.group.ts as one test file, which loads the
// modules its suites share once (__tests__/folder-suite.ts); naming files runs them one by one
const selection = jestSelection(path.join(__dirname, "__tests__"), process.argv.slice(2));

/**
 * ts-jest without type checking (isolatedModules, per tsconfig.jest.json). Types are checked
 * once, by `npm run typecheck` (tsc --noEmit), which CI runs before the tests.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  ...selection,
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.jest.json", diagnostics: false }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.js"],
  // the commands the suites spawn, transpiled once per run (see the file)
  globalSetup: "<rootDir>/__tests__/global-setup.js",
  clearMocks: true,
  // jest's default is cores - 1, i.e. one worker on a 2-core machine: 26.5 s -> 20.7 s
  maxWorkers: 2,
  // Transform cache under ~/.cache (keyed by file content and config), shared by every
  // clone on the machine: a fresh CI clone is then as fast as a warm checkout.
  cacheDirectory: path.join(require("os").homedir(), ".cache", "alicloud-cdktf", "jest"),
};
