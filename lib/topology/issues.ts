/** One problem in a topology: where, what was given, what is allowed. */
export interface TopologyIssue {
  /** Dotted path from the topology root, e.g. `multinational-hub.offices[2].cidrs[0]`. */
  readonly path: string;
  /** The offending value, echoed back. */
  readonly value: unknown;
  /** What is wrong and what is allowed, with a suggested fix where there is one. */
  readonly message: string;
}

export function formatIssue(i: TopologyIssue): string {
  return `${i.path} = ${JSON.stringify(i.value)}: ${i.message}`;
}

/** Thrown with every problem found, never just the first. */
export class TopologyError extends Error {
  constructor(readonly topology: string, readonly issues: readonly TopologyIssue[]) {
    super(
      `topology "${topology}" is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
        issues.map((i) => `  - ${formatIssue(i)}`).join("\n"),
    );
    this.name = "TopologyError";
  }
}
