/**
 * ts-jest without type checking (isolatedModules, per tsconfig.jest.json). Types are checked
 * once, by `npm run typecheck` (tsc --noEmit), which CI runs before the tests.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
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
  cacheDirectory: require("path").join(require("os").homedir(), ".cache", "alicloud-cdktf", "jest"),
};
