/**
 * Reaching in between cdktf's synth and the checks runApp makes afterwards: `edit` changes
 * one stack's written JSON, as a faulty construct would have written it.
 */
import { App } from "cdktf";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";

/** After cdktf writes the stacks and before the checks, `edit` changes one stack's JSON. */
export function editStackAfterSynth<J>(stack: string, edit: (tf: J) => void): void {
  const synth = App.prototype.synth;
  jest.spyOn(App.prototype, "synth").mockImplementation(function (this: App) {
    synth.call(this);
    const file = join(this.outdir, "stacks", stack, "cdk.tf.json");
    const tf = JSON.parse(readFileSync(file, "utf8")) as J;
    edit(tf);
    writeFileSync(file, JSON.stringify(tf, null, 2));
  });
}
