/**
 * Seeded fault injection, two families:
 *
 * - before the fact (`rate`): a chosen share of calls fails, changing nothing, with one of the
 *   errors the provider is documented to retry (Throttling, ServiceUnavailable) or a conflict
 *   (OperationConflict), drawn by a deterministic PRNG so a failing run can be repeated;
 * - after the fact (`kinds`): the faults the provider's users report, where the call took
 *   effect and the answer lies about it or the resource misbehaves afterwards
 *   (see FAULT_KINDS). Each is decided by a hash of the seed, the kind and the call's
 *   stable content (action, account, region, non-ID parameters) and how many times that
 *   content was seen, so the same seed strikes the same calls even when the provider
 *   sends them in a different order (parallel applies), and a retry draws afresh.
 */
import * as crypto from "crypto";
import { ApiError, apiError } from "./errors";

/**
 * - `commit-then-fail`: a create (or association) is carried out, then answered with HTTP 500
 *   InternalError, or not answered at all until the client gives up (`hangMs`): a provider
 *   that retries it with a fresh ClientToken makes a duplicate (aliyun/terraform-provider-alicloud
 *   issues 4808 and 10208).
 * - `busy-on-delete`: after a dependent is deleted (an IPsec connection or VPN route of a VPN
 *   gateway, a SNAT entry or EIP of a NAT gateway), the gateway stays busy for `busyMs`, and
 *   its delete answers IncorrectStatus.VpnGateway / IncorrectStatus.NatGateway, which the
 *   pinned provider takes for "already gone" (alicloud/resource_alicloud_vpn_gateway.go:470,
 *   alicloud/resource_alicloud_nat_gateway.go:668, v1.240.0) and drops from its state.
 * - `slow-transition`: an asynchronous create stays in its pending state for `slowMs`
 *   instead of the emulator's transition time, beyond the provider's first polls.
 */
export const FAULT_KINDS = ["commit-then-fail", "busy-on-delete", "slow-transition"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** share of calls that fail before taking effect, 0..1 @default 0 */
  readonly rate?: number;
  readonly seed: number;
  /** faults after the fact @default - none */
  readonly kinds?: readonly FaultKind[];
  /** share of eligible calls each kind strikes, 0..1 @default 0.25 */
  readonly kindRate?: number;
  /** how long a gateway stays busy after a dependent's delete, ms @default 60000 */
  readonly busyMs?: number;
  /** how long a slow create stays pending, ms @default 30000 */
  readonly slowMs?: number;
  /** a commit-then-fail call struck this way is not answered for this long, then its connection is closed; 0 answers 500 instead @default 0 */
  readonly hangMs?: number;
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

/** Actions after which commit-then-fail may strike: the ones that bring a resource or a binding into being. */
const COMMIT_PREFIXES = ["Create", "Allocate", "Associate", "Authorize", "Add"];
/** Parameters that differ between two sendings of the same request, or name resources by generated ID. */
const VOLATILE = /^(Signature.*|Timestamp|ClientToken|AccessKeyId|SecurityToken|Format)$/;
const GENERATED_ID = /^[a-z]+-[0-9a-z]{15,}$/;

export class FaultInjector {
  private readonly next: () => number;
  private readonly seen = new Map<string, number>();
  injected = 0;
  constructor(private readonly opts: FaultOptions) {
    this.next = prng(opts.seed);
  }

  /** the before-the-fact fault for this call, if any; conflicts only on writes (reads never conflict) */
  draw(isWrite: boolean): ApiError | undefined {
    const rate = this.opts.rate ?? 0;
    if (rate <= 0) return undefined;
    if (this.next() >= rate) return undefined;
    const pool = isWrite ? INJECTED : INJECTED.slice(0, 2);
    this.injected++;
    return pool[Math.floor(this.next() * pool.length)];
  }

  has(kind: FaultKind): boolean {
    return this.opts.kinds?.includes(kind) ?? false;
  }

  /** Whether `kind` strikes this call (decided by seed, kind, the call's stable content and its repeat count). */
  strikes(kind: FaultKind, params: Readonly<Record<string, string>>, extra = ""): boolean {
    if (!this.has(kind)) return false;
    const stable = Object.entries(params)
      .filter(([k, v]) => !VOLATILE.test(k) && !GENERATED_ID.test(v))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
    const key = `${kind}|${params.AccessKeyId ?? ""}|${stable}|${extra}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    const h = crypto.createHash("sha256").update(`${this.opts.seed}|${key}|${n}`).digest();
    const hit = h.readUInt32BE(0) / 4294967296 < (this.opts.kindRate ?? 0.25);
    if (hit) this.injected++;
    return hit;
  }

  /** commit-then-fail applies to this action */
  static commits(action: string): boolean {
    return COMMIT_PREFIXES.some((p) => action.startsWith(p));
  }

  get busyMs(): number {
    return this.opts.busyMs ?? 60_000;
  }
  get slowMs(): number {
    return this.opts.slowMs ?? 30_000;
  }
  get hangMs(): number {
    return this.opts.hangMs ?? 0;
  }
}
