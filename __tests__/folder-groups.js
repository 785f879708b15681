/**
 * Which folders of __tests__ a jest run takes as one test file each (their
 * `suite.group.ts`, see folder-suite.ts): every folder that has one, in a whole run
 * (options only: `npm test`, `npx jest --maxWorkers=2`); none when the command line names
 * files or folders, or selects by changes or watches (their files then run one by one).
 * An argument this cannot place counts as a path: the run is then slower, never smaller.
 */
"use strict";
const fs = require("fs");
const path = require("path");

// options whose value may follow as the next argument; any other bare argument is a path.
// Options that replace the config's test selection (testMatch, testPathIgnorePatterns)
// select the files one by one: a group's files must then not be skipped, nor run twice.
const VALUED =
  /^(-c|--config|-w|--maxWorkers|--outputFile|-t|--testNamePattern|--selectProjects|--shard|--testTimeout|--seed|--reporters)$/;
const SELECTING =
  /^(--testPathPattern|--testPathIgnorePatterns|--testMatch|--testRegex|--runTestsByPath|--findRelatedTests|-o|--onlyChanged|--changedSince|--lastCommit|--watch|--watchAll)(=|$)/;

/** True when the jest arguments `args` name paths or select tests by changes. */
function selectsFiles(args) {
  return args.some((a, i) => SELECTING.test(a) || (!a.startsWith("-") && !(i > 0 && VALUED.test(args[i - 1]))));
}

/** The folders (names under `testsDir`) to run as one file each, given jest's arguments. */
function groupedFolders(testsDir, args) {
  if (selectsFiles(args)) return [];
  return fs
    .readdirSync(testsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(testsDir, d.name, "suite.group.ts")))
    .map((d) => d.name)
    .sort();
}

/** jest's testMatch and testPathIgnorePatterns for a run with arguments `args`. */
function jestSelection(testsDir, args) {
  const grouped = groupedFolders(testsDir, args);
  return {
    testMatch: grouped.length > 0 ? ["**/*.test.ts", "**/suite.group.ts"] : ["**/*.test.ts"],
    testPathIgnorePatterns: ["/node_modules/", ...grouped.map((d) => `/__tests__/${d}/[^/]+\\.test\\.ts$`)],
  };
}

module.exports = { groupedFolders, jestSelection, selectsFiles };
