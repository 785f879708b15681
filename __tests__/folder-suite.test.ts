/**
 * A whole run takes some folders as one test file each (folder-suite.ts, folder-groups.js):
 * every test file still runs exactly once, a file that would reach the files beside it
 * is refused, and naming a file on the command line runs it on its own.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { runFolder } from "./folder-suite";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { groupedFolders, jestSelection, selectsFiles } = require("./folder-groups") as {
  groupedFolders: (testsDir: string, args: readonly string[]) => string[];
  jestSelection: (testsDir: string, args: readonly string[]) => { testMatch: string[]; testPathIgnorePatterns: string[] };
  selectsFiles: (args: readonly string[]) => boolean;
};

const TESTS = __dirname;

/** Every *.test.ts under __tests__, as paths from it. */
function testFiles(dir = TESTS): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith(".test.ts") ? [relative(TESTS, join(dir, e.name))] : [],
  );
}

describe("folder groups", () => {
  it("runs every test file exactly once in a whole run: through its folder's group, or on its own", () => {
    // GIVEN what a whole run selects
    const { testMatch, testPathIgnorePatterns } = jestSelection(TESTS, ["--maxWorkers=2", "--silent"]);
    const ignored = (f: string) => testPathIgnorePatterns.some((p) => new RegExp(p).test(join(TESTS, f)));
    const groups = groupedFolders(TESTS, []);
    // THEN a file jest skips is in a folder whose group file runs that folder's files
    const skipped = testFiles().filter(ignored);
    expect(skipped.length).toBeGreaterThan(50);
    for (const f of skipped) {
      expect(f.split("/")).toHaveLength(2);
      expect(readFileSync(join(TESTS, f.split("/")[0]!, "suite.group.ts"), "utf8")).toMatch(/^runFolder\(__dirname\);$/m);
    }
    // and the group files are selected; the files of other folders and the top level run on their own
    expect(testMatch).toContain("**/suite.group.ts");
    expect(new Set(skipped.map((f) => f.split("/")[0]))).toEqual(new Set(groups));
    expect(testFiles().filter((f) => !ignored(f))).toEqual(expect.arrayContaining(["folder-suite.test.ts", "main.test.ts"]));
  });

  it.each([
    [["--maxWorkers=2", "--silent"], false],
    [["--maxWorkers", "2", "--json", "--outputFile", "r.json"], false],
    [["-t", "keep-alive"], false],
    [["__tests__/constructs/vpc-network.test.ts"], true],
    [["--maxWorkers=1", "constructs"], true],
    [["--onlyChanged"], true],
    [["--testPathPattern=twin"], true],
    [["--watch"], true],
    // these replace the config's selection: grouped files would be skipped or run twice
    [["--testPathIgnorePatterns", "migrate/property"], true],
    [["--testMatch=**/*.test.ts"], true],
  ])("reads jest arguments %j as naming files: %s", (args, expected) => {
    expect(selectsFiles(args)).toBe(expected);
    expect(groupedFolders(TESTS, args).length === 0).toBe(expected);
  });

  it("fails when a file of a group replaces modules, naming the file and the call", () => {
    const dir = mkdtempSync(join(tmpdir(), "group-"));
    writeFileSync(join(dir, "mocks.test.ts"), 'jest.mock("fs");\nit("x", () => undefined);\n');
    expect(() => runFolder(dir)).toThrow(/mocks\.test\.ts calls jest\.mock\(\.\.\.\), which would reach the other files/);
  });

  it("fails when a group's folder holds no test file", () => {
    const dir = mkdtempSync(join(tmpdir(), "group-"));
    expect(() => runFolder(dir)).toThrow(/holds no \*\.test\.ts to run/);
  });
});
