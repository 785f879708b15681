/**
 * The stage lists of docs/migrate.md, generated from the tool's own output: the seed hub
 * on router interfaces (base) planned towards transit routers and towards peering, and
 * the seed IDC on VBR-to-VPC router interfaces towards transit routers, by
 * `planMigration`, printed as `hybridnet migrate` prints them. They replace the text
 * between the page's `<!-- migrate-stages -->` and `<!-- /migrate-stages -->` markers.
 * `__tests__/migrate/guide.test.ts` fails when the page is stale (`npm run generate`).
 */
import { Testing } from "cdktf";
// the seed hub, not config/: the guide documents the template, and a fork's config/ edits
// must not make it stale
import { idcLeasedLine } from "../__tests__/fixtures/seeds/idc-leased-line";
import { InterconnectKind, multinationalHub } from "../__tests__/fixtures/seeds/multinational-hub";
import { planMigration } from "../lib/migrate";
import { stageLines } from "../lib/migrate/output";
import { StackJson } from "../lib/tfjson";
import { IdcLeasedLineStack } from "../stacks/idc-leased-line";
import { MultinationalHubStack } from "../stacks/multinational-hub";
import { IdcInterconnectKind } from "../lib/topology";

/** The page that carries the stage lists, relative to the repository root. */
export const GUIDE_PAGE = "docs/migrate.md";
const BEGIN = "<!-- migrate-stages -->";
const END = "<!-- /migrate-stages -->";

function hubTree(kind: InterconnectKind): Map<string, StackJson> {
  const stack = new MultinationalHubStack(Testing.app(), "multinational-hub-dev", { topology: multinationalHub(kind) });
  return new Map([["multinational-hub-dev", JSON.parse(Testing.synth(stack)) as StackJson]]);
}

function idcTree(kind: IdcInterconnectKind): Map<string, StackJson> {
  const stack = new IdcLeasedLineStack(Testing.app(), "idc-leased-line-dev", { topology: idcLeasedLine(kind) });
  return new Map([["idc-leased-line-dev", JSON.parse(Testing.synth(stack)) as StackJson]]);
}

/** The Markdown between the markers: one section per move. */
export function guideBlock(): string {
  const base = hubTree("router-interface");
  const moves: [string, () => [Map<string, StackJson>, Map<string, StackJson>]][] = [
    ["Router interfaces → transit routers", () => [base, hubTree("transit-router")]],
    ["Router interfaces → peering", () => [base, hubTree("peering")]],
    ["IDC: VBR-to-VPC router interfaces → transit routers", () => [idcTree("vbr"), idcTree("transit-router")]],
  ];
  return moves
    .map(([title, trees]) => {
      const lines = stageLines(planMigration(...trees()));
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
