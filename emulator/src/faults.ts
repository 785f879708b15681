/**
 * Seeded fault injection: a chosen share of calls fails with one of the errors the
 * provider is documented to retry (Throttling, ServiceUnavailable) or a conflict
 * (TaskConflict / OperationConflict), chosen by a deterministic PRNG so a failing run can
 * be repeated with the same seed.
 */
import { ApiError, apiError } from "./errors";

export interface FaultOptions {
  /** share of calls that fail, 0..1 */
  readonly rate: number;
  readonly seed: number;
}

/** mulberry32: a small, well-known 32-bit seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The injected errors. Throttling and ServiceUnavailable are retried by the provider's
 * NeedRetry (alicloud/errors.go:214-248: code ServiceUnavailable, any code matching
 * "Throttling", any 5xx). Conflict codes are retried only where a resource lists them
 * (e.g. alicloud/resource_alicloud_route_entry.go retries "TaskConflict",
 * "OperationConflict", "IncorrectRouteEntryStatus").
 */
export const INJECTED: readonly ApiError[] = [
  apiError("Throttling.User", "Request was denied due to user flow control. (injected fault)"),
  apiError("ServiceUnavailable", "The request has failed due to a temporary failure of the server. (injected fault)"),
  apiError("OperationConflict", "The operation conflicts with another operation in progress. (injected fault)"),
];

export class FaultInjector {
  private readonly next: () => number;
  injected = 0;
  constructor(private readonly opts: FaultOptions) {
    this.next = prng(opts.seed);
  }
  /** the fault for this call, if any; conflicts only on writes (reads never conflict) */
  draw(isWrite: boolean): ApiError | undefined {
    if (this.opts.rate <= 0) return undefined;
    if (this.next() >= this.opts.rate) return undefined;
    const pool = isWrite ? INJECTED : INJECTED.slice(0, 2);
    this.injected++;
    return pool[Math.floor(this.next() * pool.length)];
  }
}
