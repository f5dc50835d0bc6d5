import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// A body over 1 MiB is refused before it is read. Whoever refuses it must also say the connection
// ends: a client told "keep-alive" would send its next request into a socket about to close.
let t: TestApp;
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  t = await makeTestApp();
  server = await listen(t.app);
});
afterAll(async () => {
  await server.close();
  await t.close();
});

/** Sends raw HTTP/1.1 on one socket and returns everything the server wrote until it closed or went quiet. */
function rawExchange(port: number, chunks: (string | Buffer)[], quietMs = 1500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    };
    socket.on("data", (d) => {
      received += d.toString("latin1");
      quiet();
    });
    socket.on("close", done);
    socket.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? done() : reject(e)));
    socket.on("connect", () => {
      for (const c of chunks) socket.write(c);
      quiet();
    });
  });
}

describe("a body over 1 MiB on a kept-alive connection", () => {
  it("is answered 413 with Connection: close, and the client's next request succeeds", async () => {
    const size = 2 * 1024 * 1024;
    const head = `POST /api/webchat/demo/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\nConnection: keep-alive\r\n\r\n`;
    const answer = await rawExchange(Number(new URL(server.url).port), [head, Buffer.alloc(64 * 1024, 0x20)]);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(answer.toLowerCase()).not.toContain("connection: keep-alive");
    expect(answer).toContain(JSON.stringify({ error: "body too large (1 MiB at most)" }));

    // The same through fetch's pooled connections: the request after the refusal is answered.
    const big = await fetch(`${server.url}/api/webchat/demo/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(size) }).catch((e: Error) => e);
    if (!(big instanceof Error)) expect(big.status).toBe(413);
    const next = await fetch(`${server.url}/healthz`);
    expect(next.status).toBe(200);
  });
});
