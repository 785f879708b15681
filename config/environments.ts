/**
 * Environment overlays. One is selected in main.ts (context `env` or HYBRID_ENV); lib/
 * never knows which. An overlay may change anything in a topology; these two only tag.
 */
import { Topology } from "../lib/topology";

export interface EnvironmentOverlay {
  readonly name: string;
  /** Tags merged over the topology's own. */
  readonly tags: Readonly<Record<string, string>>;
  /** Further changes for this environment. @default - none */
  readonly patch?: (t: Topology) => Topology;
}

export const ENVIRONMENTS: Readonly<Record<string, EnvironmentOverlay>> = {
  dev: { name: "dev", tags: { Environment: "dev", ManagedBy: "cdktf" } },
  prod: { name: "prod", tags: { Environment: "prod", ManagedBy: "cdktf" } },
};

export function applyEnvironment(t: Topology, env: EnvironmentOverlay): Topology {
  const tagged: Topology = { ...t, tags: { ...(t.tags ?? {}), ...env.tags } };
  return env.patch ? env.patch(tagged) : tagged;
}
