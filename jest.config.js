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
  clearMocks: true,
};
