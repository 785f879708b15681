/**
 * The stage lists of docs/migrate.md, generated from the tool's own output: the seed hub
 * on router interfaces (base) planned towards transit routers and towards peering by
 * `planMigration`, printed as `hybridnet migrate` prints them. They replace the text
 * between the page's `<!-- migrate-stages -->` and `<!-- /migrate-stages -->` markers.
 * `__tests__/migrate/guide.test.ts` fails when the page is stale (`npm run generate`).
 */
import { Testing } from "cdktf";
// the seed hub, not config/: the guide documents the template, and a fork's config/ edits
// must not make it stale
import { InterconnectKind, multinationalHub } from "../__tests__/fixtures/seeds/multinational-hub";
import { planMigration } from "../lib/migrate";
import { stageLines } from "../lib/migrate/output";
import { StackJson } from "../lib/tfjson";
import { MultinationalHubStack } from "../stacks/multinational-hub";

/** The page that carries the stage lists, relative to the repository root. */
export const GUIDE_PAGE = "docs/migrate.md";
const BEGIN = "<!-- migrate-stages -->";
const END = "<!-- /migrate-stages -->";

function hubTree(kind: InterconnectKind): Map<string, StackJson> {
  const stack = new MultinationalHubStack(Testing.app(), "multinational-hub-dev", { topology: multinationalHub(kind) });
  return new Map([["multinational-hub-dev", JSON.parse(Testing.synth(stack)) as StackJson]]);
}

/** The Markdown between the markers: one section per head interconnect. */
export function guideBlock(): string {
  const base = hubTree("router-interface");
  const targets: [string, InterconnectKind][] = [
    ["Router interfaces → transit routers", "transit-router"],
    ["Router interfaces → peering", "peering"],
  ];
  return targets
    .map(([title, kind]) => {
      const lines = stageLines(planMigration(base, hubTree(kind)));
      return `### ${title}\n\n\`\`\`text\n${lines.join("\n")}\n\`\`\`\n`;
    })
    .join("\n");
}

/** `page` with the stage lists between its markers replaced. */
export function updateGuidePage(page: string, block: string = guideBlock()): string {
  const [b, e] = [page.indexOf(BEGIN), page.indexOf(END)];
  if (b < 0 || e < b || page.indexOf(BEGIN, b + 1) >= 0)
    throw new Error(`${GUIDE_PAGE}: expected one \`${BEGIN}\` followed by one \`${END}\``);
  return page.slice(0, b + BEGIN.length) + "\n" + block + page.slice(e);
}
