/**
 * A local emulator of the Alibaba Cloud RPC APIs that the pinned alicloud provider calls
 * for this template's resource types. RPC style (Action, Version and parameters in the
 * query string or a form body), JSON responses with a RequestId, errors in Alibaba Cloud's
 * shape `{ RequestId, Code, Message }` with the HTTP status. One port serves every product;
 * the product is told by `Version` (see PRODUCTS in sdk-models.ts).
 */
import * as crypto from "crypto";
import * as http from "http";
import * as net from "net";
import * as stream from "stream";
import * as tls from "tls";
import { ApiError, apiError, unsupported } from "./errors";
import { FaultInjector, type FaultOptions } from "./faults";
import { PRODUCTS, requestModel, responseModel, unknownParameters, unknownResponseFields } from "./sdk-models";
import { Store } from "./state";
import { HANDLERS, type Ctx, type Handler } from "./products";
import { inventoryOf, type InventoryItem } from "./inventory";

export interface EmulatorOptions {
  /** JSON state file; without it the state lives in memory only */
  readonly stateFile?: string;
  /** how long asynchronous creates take before the resource is Available/Active, ms @default 1000 */
  readonly transitionMs?: number;
  /** fault injection @default - none */
  readonly faults?: FaultOptions;
  /** the clock, epoch ms @default Date.now */
  readonly now?: () => number;
  /** called for every request (action, product, outcome code) */
  readonly onCall?: (e: CallRecord) => void;
}

export interface CallRecord {
  readonly action: string;
  readonly product: string;
  readonly account: string;
  readonly code: string;
  readonly status: number;
  readonly injected: boolean;
  /** time the emulator spent on the call, ms */
  readonly ms?: number;
  /** the host the caller meant, when it was not the emulator (a request that came through it as a proxy) */
  readonly proxiedFor?: string;
  /** the injected fault that struck this call: "retryable" (before the fact) or a FaultKind */
  readonly fault?: string;
}

/** An answer to one call; `hangMs` asks the HTTP layer to answer nothing for that long, then close the connection. */
export interface CallAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly hangMs?: number;
}

/** A stable, 16-digit account UID for an AccessKeyId: each dummy key is its own account. */
export function accountUid(accessKeyId: string): string {
  const h = crypto.createHash("sha256").update(accessKeyId).digest();
  return "1" + (h.readBigUInt64BE(0) % 10n ** 15n).toString().padStart(15, "0");
}

/**
 * Idle keep-alive connections stay open for 10 minutes. Node's default (5 s) closes them
 * sooner than the provider's Go client gives them up: its SDK builds a bare
 * `new(http.Transport)` (alibabacloud-go/tea v1.2.2, tea/tea.go:416), whose zero
 * IdleConnTimeout means "no limit" (Go net/http, Transport.IdleConnTimeout), and Go's own
 * DefaultTransport keeps them 90 s. A POST written on a connection the server has just closed
 * is not retried by Go (not idempotent) and fails with "connection reset by peer". The
 * header timeout stays above the keep-alive time, as Node requires of the two.
 */
export const KEEP_ALIVE: http.ServerOptions = {
  keepAliveTimeout: 600_000,
  headersTimeout: 601_000,
  requestTimeout: 602_000,
};

/** The emulator's own read-only endpoints (not Alibaba Cloud APIs), by path. */
const OWN_ENDPOINTS: Readonly<Record<string, (e: Emulator) => unknown>> = {
  /** every stored record, raw */
  "/_emulator/state": (e) => e.store.all(),
  /** every live resource a stack made, with the Terraform IDs it may have in state (inventory.ts) */
  "/_emulator/inventory": (e) => ({ resources: e.inventory() }),
};

/**
 * Hands a new connection to the HTTP server, through TLS when its first byte opens a
 * handshake. TLS runs over a JS stream that replays the first bytes (a TLSSocket on the raw
 * socket would read its handle directly and miss them).
 */
function acceptConnection(httpServer: http.Server, socket: net.Socket, first: Buffer, secureContext?: tls.SecureContext): void {
  if (first[0] !== 0x16 || !secureContext) {
    socket.pause();
    socket.unshift(first);
    httpServer.emit("connection", socket);
    socket.resume();
    return;
  }
  const pipe = new stream.Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      socket.write(chunk, cb);
    },
    final(cb) {
      socket.end();
      cb();
    },
  });
  pipe.push(first);
  socket.on("data", (d: Buffer) => pipe.push(d));
  socket.on("end", () => pipe.push(null));
  socket.on("error", () => pipe.destroy());
  const secure = new tls.TLSSocket(pipe as unknown as net.Socket, { isServer: true, secureContext });
  secure.on("error", () => socket.destroy());
  httpServer.emit("connection", secure);
}

const NO_PARAMETERS = { names: () => ({}), types: () => ({}) };
const READ_PREFIXES = ["Describe", "Get", "List", "Query"];

export class Emulator {
  readonly store: Store;
  readonly calls: CallRecord[] = [];
  private readonly faults?: FaultInjector;
  private server?: net.Server;
  private sockets = new Set<net.Socket>();

  constructor(private readonly opts: EmulatorOptions = {}) {
    this.store = new Store(opts.stateFile);
    if (opts.faults) this.faults = new FaultInjector(opts.faults);
  }

  get injectedFaults(): number {
    return this.faults?.injected ?? 0;
  }

  /** Handles one RPC call given its merged parameters; returns HTTP status and JSON body. */
  call(params: Readonly<Record<string, string>>, proxiedFor?: string): CallAnswer {
    const started = process.hrtime.bigint();
    const requestId = crypto.randomUUID().toUpperCase();
    const action = params.Action ?? "";
    const version = params.Version ?? "";
    const product = PRODUCTS[version]?.product ?? `unknown-version:${version}`;
    const account = accountUid(params.AccessKeyId ?? "anonymous");
    const base = { action, product, account, proxiedFor };
    const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
    let fault: string | undefined;
    try {
      const handler = this.route(params, action, version, product);
      const before = this.faults?.draw(!READ_PREFIXES.some((p) => action.startsWith(p)));
      if (before) {
        fault = "retryable";
        throw before;
      }
      const ctx = this.context(params, account);
      if (ctx.transitionMs !== (this.opts.transitionMs ?? 1000)) fault = "slow-transition";
      const body = { RequestId: requestId, ...this.answer(params, account, ctx, handler) };
      this.checkResponse(version, action, product, body);
      const after = this.commitThenFail(params, action);
      if (after) {
        this.record({ ...base, code: "InternalError", status: 500, injected: true, fault: "commit-then-fail", ms: ms() });
        return { ...after, body: { ...after.body, RequestId: requestId } };
      }
      this.record({ ...base, code: "OK", status: 200, injected: fault !== undefined, fault, ms: ms() });
      return { status: 200, body };
    } catch (e) {
      const err = e instanceof ApiError ? e : apiError("InternalError", `emulator failure: ${(e as Error).stack ?? String(e)}`);
      this.record({ ...base, code: err.code, status: err.status, injected: fault === "retryable", fault, ms: ms() });
      return { status: err.status, body: { RequestId: requestId, HostId: "127.0.0.1", Code: err.code, Message: err.message } };
    }
  }

  /** The action's handler, once the request is known to be well-formed (version, action, parameter names). */
  private route(params: Readonly<Record<string, string>>, action: string, version: string, product: string): Handler {
    if (!params.AccessKeyId) throw apiError("MissingAccessKeyId", "AccessKeyId is mandatory for this action.");
    if (!PRODUCTS[version])
      throw apiError(
        "InvalidVersion",
        `Specified parameter Version "${version}" is not valid; the emulator serves ${Object.keys(PRODUCTS).join(", ")}.`,
      );
    // STS GetCallerIdentity takes no parameters, and its SDK has a response model only
    const reqModel = requestModel(version, action) ?? (responseModel(version, action) ? NO_PARAMETERS : undefined);
    if (!reqModel) throw apiError("InvalidAction.NotFound", `Specified api "${action}" is not found for ${product} ${version}.`);
    const handler = HANDLERS[product]?.[action];
    if (!handler) throw unsupported(`${product} ${version} action ${action}`);
    const unknown = unknownParameters(reqModel, params);
    if (unknown.length > 0)
      throw apiError(
        "Emulator.UnknownParameter",
        `${product} ${action} does not take parameter(s) ${unknown.join(", ")} (per the SDK request model)`,
      );
    return handler;
  }

  /** What the handler sees; the after-the-fact faults hook in here (slow transitions, busy parents). */
  private context(params: Readonly<Record<string, string>>, account: string): Ctx {
    const now = (this.opts.now ?? Date.now)();
    const faults = this.faults;
    const slow = faults && (params.Action ?? "").startsWith("Create") && faults.strikes("slow-transition", params);
    return {
      params,
      account,
      region: params.RegionId ?? "",
      store: this.store,
      now,
      transitionMs: slow ? faults.slowMs : (this.opts.transitionMs ?? 1000),
      dependentGone: (parent) => {
        if (faults?.strikes("busy-on-delete", params, parent.id)) parent.attrs.BusyUntil = now + faults.busyMs;
      },
    };
  }

  /**
   * Runs the handler. ClientToken makes a call idempotent: the same token, account and action
   * get the first answer again and change nothing (every create API's doc, ClientToken). A
   * provider retrying a create whose answer was lost must not make a second resource.
   */
  private answer(params: Readonly<Record<string, string>>, account: string, ctx: Ctx, handler: Handler): Record<string, unknown> {
    const tokenKey = params.ClientToken ? `${account}/${params.Action ?? ""}/${params.ClientToken}` : undefined;
    this.store.expire(ctx.now);
    const earlier = tokenKey ? this.store.answered(tokenKey) : undefined;
    const result = earlier ?? handler(ctx);
    if (tokenKey && !earlier) this.store.remember(tokenKey, result);
    this.store.save();
    return result;
  }

  private checkResponse(version: string, action: string, product: string, body: Record<string, unknown>): void {
    const resModel = responseModel(version, action);
    const extra = resModel ? unknownResponseFields(resModel, body) : [];
    if (extra.length > 0)
      throw apiError(
        "Emulator.ResponseShape",
        `emulator bug: ${product} ${action} response has field(s) not in the SDK response model: ${extra.join(", ")}`,
      );
  }

  /** commit-then-fail: the call has taken effect (state saved); the answer is a 500, or none for `hangMs`. */
  private commitThenFail(params: Readonly<Record<string, string>>, action: string): CallAnswer | undefined {
    const f = this.faults;
    if (!f || !FaultInjector.commits(action) || !f.strikes("commit-then-fail", params)) return undefined;
    const body = {
      HostId: "127.0.0.1",
      Code: "InternalError",
      Message: "The request processing has failed due to some unknown error. (injected after the call took effect)",
    };
    return { status: 500, body, hangMs: f.hangMs > 0 ? f.hangMs : undefined };
  }

  /** Every live resource, as the e2e runner compares it with Terraform's state (see inventory.ts). */
  inventory(): InventoryItem[] {
    return inventoryOf(this.store.all());
  }

  private record(r: CallRecord): void {
    this.calls.push(r);
    this.opts.onCall?.(r);
  }

  /**
   * Serves HTTP, and HTTPS on the same port when `tlsOptions` (key, cert) are given: the
   * provider sends some calls over HTTPS whatever its `protocol` says (security group rule
   * revokes: alicloud/resource_alicloud_security_group_rule.go:467 builds the request with
   * scheme HTTPS). The first byte tells them apart (0x16 opens a TLS handshake).
   */
  listen(port = 0, host = "127.0.0.1", tlsOptions?: tls.SecureContextOptions): Promise<number> {
    const httpServer = http.createServer(KEEP_ALIVE, (req, res) => this.serve(req, res));
    // HTTPS through the proxy (CONNECT) would reach a real host: refused, so nothing escapes
    httpServer.on("connect", (req: http.IncomingMessage, socket: net.Socket) => {
      this.record({
        action: `CONNECT ${req.url ?? ""}`,
        product: "proxy",
        account: "",
        code: "Emulator.RefusedTunnel",
        status: 403,
        injected: false,
        proxiedFor: req.url,
      });
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
    });
    const secureContext = tlsOptions ? tls.createSecureContext(tlsOptions) : undefined;
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.once("data", (first: Buffer) => acceptConnection(httpServer, socket, first, secureContext));
    });
    this.server = server;
    this.sockets = sockets;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve((server.address() as net.AddressInfo).port));
    });
  }

  /** One HTTP request: the emulator's own endpoints, or an RPC call. */
  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      // An absolute request target means the caller used the emulator as its HTTP proxy:
      // the e2e run sets HTTP_PROXY so that a call the provider sends to a default public
      // endpoint (it ignores `endpoints` for some cross-region lookups) lands here too.
      const absolute = /^https?:\/\//.test(req.url ?? "");
      const url = new URL(req.url ?? "/", "http://emulator");
      const params: Record<string, string> = Object.fromEntries(url.searchParams);
      const raw = Buffer.concat(chunks).toString("utf8");
      if (raw) for (const [k, v] of new URLSearchParams(raw)) params[k] = v;
      const own = OWN_ENDPOINTS[url.pathname];
      if (own) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(own(this)));
        return;
      }
      // (the tea SDK proxies loopback calls as well, ignoring NO_PROXY: those are not escapes)
      const escaped = absolute && !/^(127\.\d+\.\d+\.\d+|localhost)(:\d+)?$/.test(url.host);
      const { status, body, hangMs } = this.call(params, escaped ? url.host : undefined);
      if (hangMs !== undefined) {
        // commit-then-fail as a timeout: nothing comes back, then the connection goes
        setTimeout(() => req.socket.destroy(), hangMs).unref();
        return;
      }
      res.writeHead(status, { "content-type": "application/json;charset=utf-8" });
      res.end(JSON.stringify(body));
    });
  }

  /** Stops listening and drops open connections (what a crash or restart does to callers). */
  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
