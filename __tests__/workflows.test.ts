/**
 * The workflows run actionlint's published image; offline CI (.ci/run) builds the same
 * version with tools/ci/actionlint.sh. Both must name one version, or the two lint
 * the workflows by different rules.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");

describe("actionlint", () => {
  it("is the same version in the pull-request workflow and in tools/ci/actionlint.sh", () => {
    const image = /uses: docker:\/\/rhysd\/actionlint:(\S+)/.exec(read(".github/workflows/pull-request.yml"))?.[1];
    const script = /^ACTIONLINT_VERSION="v([^"]+)"/m.exec(read("tools/ci/actionlint.sh"))?.[1];
    expect(image).toBeDefined();
    expect(image).toBe(script);
  });

  it("runs offline in .ci/run", () => {
    expect(read(".ci/run")).toMatch(/^bash tools\/ci\/actionlint\.sh$/m);
  });
});
