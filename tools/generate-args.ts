/**
 * The arguments of `tools/generate.ts`, apart from the generators themselves so that
 * checking them loads nothing else. `GENERATORS` in generate.ts is a record over
 * `GeneratorName`: the compiler keeps the two lists equal.
 */
export const GENERATOR_NAMES = ["diagrams", "facts", "infraguard", "topology-schema", "netdiff-sample", "migrate-guide"] as const;
export type GeneratorName = (typeof GENERATOR_NAMES)[number];

export interface GenerateArgs {
  readonly names: readonly GeneratorName[];
  readonly check: boolean;
}

const isName = (a: string): a is GeneratorName => (GENERATOR_NAMES as readonly string[]).includes(a);

/** `[GENERATOR...] [--check]`; throws a usage message naming what is allowed. */
export function parseGenerateArgs(argv: readonly string[]): GenerateArgs {
  const names: GeneratorName[] = [];
  let check = false;
  for (const a of argv) {
    if (a === "--check") check = true;
    else if (a.startsWith("-")) throw new Error(`unknown option ${a}; allowed: --check`);
    else if (!isName(a)) throw new Error(`unknown generator "${a}"; allowed: ${GENERATOR_NAMES.join(", ")}`);
    else if (!names.includes(a)) names.push(a);
  }
  return { names: names.length > 0 ? names : [...GENERATOR_NAMES], check };
}
