/**
 * Environment overlays. One is selected in main.ts (context `env` or HYBRID_ENV); lib/
 * never knows which. An overlay may change anything in a topology; these two only tag.
 */
import type { StateBackendConfig } from "../lib/constructs/state-backend";
import { Topology } from "../lib/topology";

export interface EnvironmentOverlay {
  readonly name: string;
  /** Tags merged over the topology's own. */
  readonly tags: Readonly<Record<string, string>>;
  /** Further changes for this environment. @default - none */
  readonly patch?: (t: Topology) => Topology;
  /** Where this environment's stacks keep state. @default - local files */
  readonly backend?: StateBackendConfig;
}

export const ENVIRONMENTS: Readonly<Record<string, EnvironmentOverlay>> = {
  dev: { name: "dev", tags: { Environment: "dev", ManagedBy: "cdktf" } },
  prod: {
    name: "prod",
    tags: { Environment: "prod", ManagedBy: "cdktf" },
    // Shared state with locking. Replace these with your bucket and table (docs/operations.md, "State").
    backend: {
      kind: "oss",
      bucket: "example-hybrid-network-tfstate",
      region: "cn-hangzhou",
      prefix: "hybrid-network/prod",
      tablestoreEndpoint: "https://tfstate-lock.cn-hangzhou.ots.aliyuncs.com",
      tablestoreTable: "terraform_locks",
    },
  },
};

export function applyEnvironment(t: Topology, env: EnvironmentOverlay): Topology {
  const tagged: Topology = { ...t, tags: { ...(t.tags ?? {}), ...env.tags } };
  return env.patch ? env.patch(tagged) : tagged;
}
