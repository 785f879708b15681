/**
 * The one reader of synthesized Terraform JSON stacks. Judges (reachability, netdiff,
 * the packet twin), the device-config readers and the policy checks read stacks through
 * it, so the stack's shape and its reference syntax are written down once.
 */
export * from "./files";
export * from "./refs";
export * from "./stack";
export * from "./transit-router";
export * from "./types";
