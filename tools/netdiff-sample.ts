/**
 * The sample netdiff comment of docs/netdiff.md, generated from a real pair of
 * synthesized trees: the default multinational hub (base) and the same hub with an
 * office added at 10.10.11.0/24, next to us-office-1's 10.10.10.0/24 (head). It replaces
 * the text between the page's `<!-- netdiff-sample -->` and `<!-- /netdiff-sample -->`
 * markers.
 *
 *   npm run generate            regenerate
 *   npm run generate -- --check write nothing; exit 1 when the page is stale
 *
 * `__tests__/netdiff/sample.test.ts` fails when the committed sample is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
// the seed hub, not config/: the sample documents the template, and a fork's config/ edits
// must not make it stale (tools/ci/fork-sim.js)
import { multinationalHub } from "../__tests__/fixtures/seeds/multinational-hub";
import { Topology } from "../lib/topology";
import { netdiff, renderNetdiff, StackJson } from "../lib/analysis/netdiff";
import { MultinationalHubStack } from "../stacks/multinational-hub";

export const ROOT = path.resolve(__dirname, "..");
/** The page that carries the sample, relative to the repository root. */
export const SAMPLE_PAGE = "docs/netdiff.md";
const BEGIN = "<!-- netdiff-sample -->";
const END = "<!-- /netdiff-sample -->";

function tree(t: Topology): Map<string, StackJson> {
  const stack = new MultinationalHubStack(Testing.app(), "multinational-hub-dev", { topology: t });
  return new Map([["multinational-hub-dev", JSON.parse(Testing.synth(stack)) as StackJson]]);
}

/** The base and head topologies of the sample. */
export function samplePair(): [Topology, Topology] {
  const base = multinationalHub();
  const head: Topology = {
    ...base,
    offices: [...(base.offices ?? []), { name: "us-office-5", publicIp: "203.0.113.15", cidrs: ["10.10.11.0/24"] }],
    links: [...base.links, { kind: "vpn", name: "us-office-5", office: "us-office-5", vpc: "us-vpc" }],
  };
  return [base, head];
}

/** The Markdown block that goes between the markers. */
export function sampleBlock(): string {
  const [base, head] = samplePair();
  return "````markdown\n" + renderNetdiff(netdiff(tree(base), tree(head))) + "````\n";
}

/** `page` with the sample between its markers replaced. */
export function updateSamplePage(page: string, block: string = sampleBlock()): string {
  const [b, e] = [page.indexOf(BEGIN), page.indexOf(END)];
  if (b < 0 || e < b || page.indexOf(BEGIN, b + 1) >= 0)
    throw new Error(`${SAMPLE_PAGE}: expected one \`${BEGIN}\` followed by one \`${END}\``);
  return page.slice(0, b + BEGIN.length) + "\n" + block + page.slice(e);
}

if (require.main === module) {
  const file = path.join(ROOT, SAMPLE_PAGE);
  const page = fs.readFileSync(file, "utf8");
  const next = updateSamplePage(page);
  if (process.argv.includes("--check")) {
    if (next !== page) {
      process.stderr.write(`${SAMPLE_PAGE}: the sample netdiff comment is stale; run npm run generate\n`);
      process.exitCode = 1;
    }
  } else if (next !== page) {
    fs.writeFileSync(file, next);
    process.stdout.write(`${SAMPLE_PAGE}: sample netdiff comment updated\n`);
  }
}
