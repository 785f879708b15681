/**
 * The shape of a planted defect and of the stack JSON its edit changes, shared by the
 * planted-defect lists (planted-defects.ts, planted-tr-defects.ts).
 */
import type { MutableStackJson as StackJson } from "../../lib/tfjson";
import type { ErrorCode } from "./errors";

export type { StackJson };

export interface PlantedDefect {
  readonly name: string;
  /** what it breaks, and the API rule that refuses it */
  readonly rule: string;
  /** stacks (by name, e.g. "idc-leased-line-dev") it is meant for; the edit still decides */
  readonly stackPattern: RegExp;
  /** changes the stack in place; false when the stack has nothing to plant into */
  readonly edit: (stack: StackJson) => boolean;
  /** the error code the e2e report must name */
  readonly expectedCode: ErrorCode;
}
