import { redactText, redactValue } from "./secrets";

/** One problem in a topology: where, what was given, what is allowed. */
export interface TopologyIssue {
  /** Dotted path from the topology root, e.g. `multinational-hub.offices[2].cidrs[0]`. */
  readonly path: string;
  /** The offending value, echoed back. */
  readonly value: unknown;
  /** What is wrong and what is allowed, with a suggested fix where there is one. */
  readonly message: string;
  /**
   * The value as the file spells it, when that differs from how the parsed value prints
   * (`0x10` parsed as 16, `1e3` as 1000, a number too large to hold exactly).
   * @default - the parsed value, printed as JSON
   */
  readonly written?: string;
}

/**
 * A key as a path segment: `.name` for plain keys, `["a b"]` (JSON-quoted) for any
 * other, so that every path reads back unambiguously whatever keys a file holds.
 */
export function pathKey(key: string): string {
  return /^[A-Za-z0-9_$-]+$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Problems a message lists; the rest are counted (the first ones are usually the cause). */
export const MAX_LISTED = 100;

/** Problems a rule set collects at most (validate.ts): the count stops there, the work stays bounded. */
export const MAX_ISSUES = 1000;

/** Longest echo of one value; the rest is summarized by its length. */
export const MAX_ECHO = 120;

/**
 * Text as a message shows it: invisible and look-alike-prone characters (controls,
 * zero-width and bidirectional marks, non-breaking spaces) escaped so that what the
 * reader sees is what the file holds, cut to `max` characters.
 */
export function escapeText(text: string, max = MAX_ECHO): string {
  const escaped = text.replace(
    /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00a0\u2000-\u200a\u202f\u205f\u3000]/gu,
    (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, "0")}`,
  );
  const chars = [...escaped];
  return chars.length <= max ? escaped : `${chars.slice(0, max).join("")}... (${chars.length} characters)`;
}

/** A value as a message shows it: JSON, escaped and cut by {@link escapeText}. */
export function echo(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? "undefined" : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return escapeText(text);
}

export function formatIssue(i: TopologyIssue): string {
  return `${escapeText(i.path, 2 * MAX_ECHO)} = ${i.written !== undefined ? escapeText(i.written) : echo(i.value)}: ${i.message}`;
}

/** The issue as it may be shown: credential-shaped values and text redacted. */
function sanitize(i: TopologyIssue): TopologyIssue {
  const written = i.written === undefined ? {} : { written: redactText(i.written) };
  return { path: redactText(i.path), value: redactValue(i.value), message: redactText(i.message), ...written };
}

/** How a {@link TopologyError}'s message opens and closes around its list of problems. */
interface Framing {
  /** The first line up to the count, given the topology's name as it may be shown. */
  readonly heading: (name: string) => string;
  /** A last line, after the problems; "" for none. */
  readonly footer: string;
}

const INVALID_INPUT: Framing = { heading: (name) => `topology "${name}" is invalid`, footer: "" };

/** Thrown with every problem found, never just the first. Never carries a secret. */
export class TopologyError extends Error {
  readonly issues: readonly TopologyIssue[];

  constructor(
    readonly topology: string,
    issues: readonly TopologyIssue[],
    framing: Framing = INVALID_INPUT,
  ) {
    const safe = issues.map(sanitize);
    const name = redactText(topology);
    super(
      `${framing.heading(escapeText(name))} (${safe.length} problem${safe.length === 1 ? "" : "s"}${safe.length >= MAX_ISSUES ? " or more" : ""}):\n` +
        safe
          .slice(0, MAX_LISTED)
          .map((i) => `  - ${formatIssue(i)}`)
          .join("\n") +
        (safe.length > MAX_LISTED ? `\n  ... and ${safe.length - MAX_LISTED} more (fix the ones above first)` : "") +
        (framing.footer ? `\n${framing.footer}` : ""),
    );
    this.name = "TopologyError";
    this.topology = name;
    this.issues = safe;
  }
}

/**
 * A valid topology whose synthesized stack does not do what the topology promises (a pair
 * that must reach is not delivered, or one that must not is). The fault is in the template,
 * its route plan or its constructs, not in the input, so the message says so instead of
 * calling the topology invalid. It is still a {@link TopologyError}: synthesis fails the
 * same way (exit 1, every problem listed, nothing written).
 */
export class BrokenPromiseError extends TopologyError {
  constructor(
    topology: string,
    readonly stack: string,
    issues: readonly TopologyIssue[],
  ) {
    super(topology, issues, {
      heading: (name) => `the synthesized stack breaks its promise: stack ${escapeText(redactText(stack))} of topology "${name}"`,
      footer:
        "The topology is valid: this is a defect in the template (its route plan or constructs), not in your input. " +
        "Please report it with the topology file.",
    });
    this.name = "BrokenPromiseError";
  }
}
