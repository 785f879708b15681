/**
 * The jobs of `npm run e2e -- --stages <dir>`: a staged migration as `hybridnet migrate
 * --out` writes it (`<dir>/stages.json`, `<dir>/stage-1 … stage-N/stacks/<stack>`), one
 * job per stack, whose later stages are applied in order over the state stage 1 left.
 */
import * as fs from "fs";
import * as path from "path";
import { fail } from "./options";
import type { Job } from "./stack-run";

interface StagesIndex {
  readonly stages: readonly { readonly name: string }[];
}

function readIndex(dir: string): StagesIndex {
  const file = path.join(dir, "stages.json");
  if (!fs.existsSync(file)) fail(`--stages "${dir}": has no stages.json; allowed: a directory hybridnet migrate --out wrote`);
  let index: StagesIndex;
  try {
    index = JSON.parse(fs.readFileSync(file, "utf8")) as StagesIndex;
  } catch (e) {
    fail(`--stages "${dir}": stages.json is not JSON (${(e as Error).message}); allowed: the file hybridnet migrate wrote`);
  }
  if (!Array.isArray(index.stages) || index.stages.length === 0)
    fail(`--stages "${dir}": stages.json lists no stages; allowed: at least stage-1`);
  return index;
}

/** One job per stack of stage 1, with that stack's directory in every later stage. */
export function stageJobs(dir: string, tagOf: (src: string) => string): Job[] {
  const names = readIndex(dir).stages.map((s) => s.name);
  const stacksOf = (stage: string) => path.join(dir, stage, "stacks");
  if (!fs.existsSync(stacksOf(names[0]!))) fail(`--stages "${dir}": ${names[0]}/stacks is missing`);
  return fs.readdirSync(stacksOf(names[0]!)).map((stack) => {
    const dirs = names.map((n) => path.join(stacksOf(n), stack));
    const missing = dirs.find((d) => !fs.existsSync(path.join(d, "cdk.tf.json")));
    if (missing) fail(`--stages "${dir}": ${path.relative(dir, missing)}/cdk.tf.json is missing; every stage holds every stack`);
    return { src: dirs[0]!, tag: tagOf(dirs[0]!), stages: dirs.slice(1) };
  });
}
