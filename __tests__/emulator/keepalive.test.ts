/**
 * Keep-alive stress: many parallel connections on 127.0.0.1, each sending POSTs, idling,
 * then sending again on the same connection, the way the provider's Go client reuses an
 * idle connection. Bounded: 24 connections x 4 requests, one idle gap of 1.5 s, 30 s jest
 * limit. The gap outlasts the control server's keep-alive timeout, which is set short so
 * that the test need not sit through Node's 5 s default; that the emulator keeps its
 * connections for longer than the default is read from the `Keep-Alive: timeout=<s>`
 * header Node's server sends with every keep-alive response, computed from the very
 * `keepAliveTimeout` it closes idle connections by.
 */
import * as http from "http";
import * as net from "net";
import { Emulator } from "../../emulator/src/server";

const CONNECTIONS = 24;
// the control's keep-alive timeout: Node's server closes an idle connection a fixed second
// after it (measured on Node 20: at 1.10 s for 100 ms), 0.4 s before the idle gap ends.
// The control runs in this process, so its timers and the gap's fire in expiry order
// however loaded the machine is.
const CONTROL_KEEP_ALIVE_MS = 100;
const IDLE_MS = 1_500;

/** A response's status (or the socket's error), and the value of its Keep-Alive header. */
interface Outcome {
  readonly status: number | string;
  readonly keepAlive?: string;
}

/** Sends one POST on an open socket and resolves with the response's outcome. */
function post(socket: net.Socket, port: number, body: string): Promise<Outcome> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve({ status: "closed by server" });
  return new Promise((resolve) => {
    let raw = "";
    const done = (v: Outcome) => {
      socket.off("data", onData);
      socket.off("close", onClose);
      socket.off("error", onError);
      resolve(v);
    };
    const onData = (d: Buffer) => {
      raw += d.toString("utf8");
      const head = raw.indexOf("\r\n\r\n");
      if (head < 0) return;
      const len = Number(/content-length: *(\d+)/i.exec(raw.slice(0, head))?.[1] ?? 0);
      const keepAlive = /^keep-alive: *(.*)$/im.exec(raw.slice(0, head))?.[1]?.trim();
      if (Buffer.byteLength(raw.slice(head + 4)) >= len) done({ status: Number(raw.slice(9, 12)), keepAlive });
    };
    const onClose = () => done({ status: "closed by server" });
    const onError = (e: Error) => done({ status: (e as NodeJS.ErrnoException).code ?? e.message });
    socket.on("data", onData);
    socket.on("close", onClose);
    socket.on("error", onError);
    socket.write(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}

/** Every connection: 3 POSTs, an idle gap, 1 more POST; returns every outcome. */
async function stress(port: number, idleMs = IDLE_MS): Promise<Outcome[]> {
  const body = "Action=GetCallerIdentity&Version=2015-04-01&AccessKeyId=stress&RegionId=cn-hangzhou";
  const sockets = await Promise.all(
    Array.from(
      { length: CONNECTIONS },
      () =>
        new Promise<net.Socket>((resolve) => {
          const s = net.connect(port, "127.0.0.1", () => resolve(s));
        }),
    ),
  );
  const outcomes: Outcome[] = [];
  for (let i = 0; i < 3; i++) outcomes.push(...(await Promise.all(sockets.map((s) => post(s, port, body)))));
  await new Promise((r) => setTimeout(r, idleMs));
  outcomes.push(...(await Promise.all(sockets.map((s) => post(s, port, body)))));
  for (const s of sockets) s.destroy();
  return outcomes;
}

/** A plain Node server answering `{}`, on a free port of 127.0.0.1. */
async function plainServer(options: http.ServerOptions): Promise<http.Server> {
  const server = http.createServer(options, (_req, res) => res.end("{}"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return server;
}

async function closePlain(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}

const portOf = (server: http.Server) => (server.address() as net.AddressInfo).port;

describe("keep-alive", () => {
  test("parallel keep-alive POSTs all succeed, also after an idle gap longer than a server's keep-alive timeout", async () => {
    const emu = new Emulator();
    const port = await emu.listen(0);
    // the control: a server that keeps idle connections 100 ms, under the same load, loses them
    const plain = await plainServer({ keepAliveTimeout: CONTROL_KEEP_ALIVE_MS });
    try {
      const [ours, control] = await Promise.all([stress(port), stress(portOf(plain))]);
      expect(ours).toHaveLength(CONNECTIONS * 4);
      expect(ours.filter((o) => o.status !== 200)).toEqual([]);
      expect(control.slice(0, CONNECTIONS * 3).every((o) => o.status === 200)).toBe(true);
      expect(control.slice(CONNECTIONS * 3).filter((o) => o.status !== 200).length).toBeGreaterThan(0);
    } finally {
      await closePlain(plain);
      await emu.close();
    }
  }, 30_000);

  test("keeps idle connections 10 minutes, where Node's default server keeps them 5 s", async () => {
    const emu = new Emulator();
    const port = await emu.listen(0);
    const plain = await plainServer({});
    try {
      const [ours, control] = await Promise.all([stress(port, 0), stress(portOf(plain), 0)]);
      // Node sends timeout=<keepAliveTimeout in whole seconds> on every keep-alive response
      expect(new Set(ours.map((o) => o.keepAlive))).toEqual(new Set(["timeout=600"]));
      expect(new Set(control.map((o) => o.keepAlive))).toEqual(new Set(["timeout=5"]));
    } finally {
      await closePlain(plain);
      await emu.close();
    }
  });
});
