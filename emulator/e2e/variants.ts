/**
 * The variants e2e can synthesize besides the default: the environment that selects each, and
 * the stacks it changes (the others are the default stacks again). Besides the interconnect
 * variant, every topology in examples/ is one: `example-<file>` synthesizes with
 * TOPOLOGY_FILE set to it and runs the stack of the scenario it replaces (its `name`).
 */
import * as fs from "fs";
import * as path from "path";

export interface Variant {
  readonly env: Readonly<Record<string, string>>;
  readonly stacks: RegExp;
}

const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");

/** `example-<file>` for every examples/<file>.json: its stack is the one named after the file's `name`. */
function exampleVariants(): Record<string, Variant> {
  if (!fs.existsSync(EXAMPLES)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(EXAMPLES)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => {
        const name = String((JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), "utf8")) as { name?: unknown }).name ?? "");
        const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return [
          `example-${f.slice(0, -".json".length)}`,
          { env: { TOPOLOGY_FILE: path.join(EXAMPLES, f) }, stacks: new RegExp(`^${escaped}-`) },
        ];
      }),
  );
}

export const VARIANTS: Readonly<Record<string, Variant>> = {
  "transit-router": {
    env: { HUB_INTERCONNECT: "transit-router", IDC_INTERCONNECT: "transit-router" },
    stacks: /^(multinational-hub|idc-leased-line)/,
  },
  ...exampleVariants(),
};
