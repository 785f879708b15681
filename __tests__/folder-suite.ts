/**
 * Runs every `*.test.ts` of one folder inside a single jest test file, each within a
 * `describe` named after its file. Jest gives every test file a fresh module registry, so
 * a folder of small suites paid for loading cdktf, the provider bindings and the
 * project's modules (and jest's own test framework) once per file: about a third of a
 * second each. A folder opts in with a `suite.group.ts` calling this; `npm test` then runs
 * the folder as that one file, while naming a file or folder on jest's command line runs
 * the files one by one (jest.config.js).
 *
 * The files of a group share their modules, so a file that replaces modules or timers for
 * everything loaded after it (jest.mock, fake timers, a reset registry) would change the
 * files beside it: such a file is refused here and belongs in a folder without a group.
 */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";

const SHARED_STATE = /\bjest\.(mock|doMock|unmock|resetModules|isolateModules|useFakeTimers)\(/;

export function runFolder(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".test.ts"))
    .sort();
  if (files.length === 0) throw new Error(`${dir}: holds no *.test.ts to run`);
  for (const file of files) {
    const found = SHARED_STATE.exec(readFileSync(join(dir, file), "utf8"));
    if (found)
      throw new Error(
        `${join(dir, file)} calls ${found[0]}...), which would reach the other files of its folder's group; ` +
          "allowed: a folder without suite.group.ts for such a file",
      );
    describe(file, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(join(dir, file));
    });
  }
}
