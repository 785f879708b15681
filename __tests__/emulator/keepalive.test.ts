/**
 * Keep-alive stress: many parallel connections on 127.0.0.1, each sending POSTs, idling
 * longer than Node's default keep-alive timeout (5 s), then sending again on the same
 * connection, the way the provider's Go client reuses an idle connection. Bounded: 24
 * connections x 4 requests, one 7 s idle gap, 30 s jest limit.
 */
import * as http from "http";
import * as net from "net";
import { Emulator } from "../../emulator/src/server";

const CONNECTIONS = 24;
// Node closes an idle connection about a second after its 5 s default (its timers are coarse)
const IDLE_MS = 7_000;

/** Sends one POST on an open socket and resolves with the response's status (or the socket's error). */
function post(socket: net.Socket, port: number, body: string): Promise<number | string> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve("closed by server");
  return new Promise((resolve) => {
    let raw = "";
    const done = (v: number | string) => {
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
      if (Buffer.byteLength(raw.slice(head + 4)) >= len) done(Number(raw.slice(9, 12)));
    };
    const onClose = () => done("closed by server");
    const onError = (e: Error) => done((e as NodeJS.ErrnoException).code ?? e.message);
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
async function stress(port: number): Promise<(number | string)[]> {
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
  const outcomes: (number | string)[] = [];
  for (let i = 0; i < 3; i++) outcomes.push(...(await Promise.all(sockets.map((s) => post(s, port, body)))));
  await new Promise((r) => setTimeout(r, IDLE_MS));
  outcomes.push(...(await Promise.all(sockets.map((s) => post(s, port, body)))));
  for (const s of sockets) s.destroy();
  return outcomes;
}

describe("keep-alive", () => {
  test("parallel keep-alive POSTs all succeed, also after an idle gap longer than Node's default timeout", async () => {
    const emu = new Emulator();
    const port = await emu.listen(0);
    // the control: a server with Node's defaults, under the same load, loses the idle connections
    const plain = http.createServer((_req, res) => res.end("{}"));
    await new Promise<void>((r) => plain.listen(0, "127.0.0.1", () => r()));
    try {
      const [ours, control] = await Promise.all([stress(port), stress((plain.address() as net.AddressInfo).port)]);
      expect(ours).toHaveLength(CONNECTIONS * 4);
      expect(ours.filter((o) => o !== 200)).toEqual([]);
      expect(control.slice(0, CONNECTIONS * 3).every((o) => o === 200)).toBe(true);
      expect(control.slice(CONNECTIONS * 3).filter((o) => o !== 200).length).toBeGreaterThan(0);
    } finally {
      plain.closeAllConnections();
      await new Promise((r) => plain.close(r));
      await emu.close();
    }
  }, 30_000);
});
