import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressResponses } from "../../src/http/compression";
import { listen } from "../helpers/http-server";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 19 item 10: pages and JSON are gzipped on Node when the client asks; images are not re-encoded.
let t: TestApp;
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  t = await makeTestApp();
  server = await listen(t.app);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

/** One GET over a plain socket (no client-side decoding): status, headers and the bytes as sent. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("response compression on Node", () => {
  it("gzips the web chat page when asked, and it decompresses to the same HTML", async () => {
    const plain = await rawGet("/chat/demo");
    const gzipped = await rawGet("/chat/demo", { "accept-encoding": "gzip, deflate, br" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(String(gzipped.headers.vary)).toMatch(/accept-encoding/i);
    expect(gzipped.headers["content-security-policy"]).toBe(plain.headers["content-security-policy"]);
    expect(gunzipSync(gzipped.body).toString("utf8")).toBe(plain.body.toString("utf8"));
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
    // Sent whole with its length (not chunked), so a server killed mid-answer never leaves a 200 with half a body.
    expect(gzipped.headers["content-length"]).toBe(String(gzipped.body.length));
    expect(gzipped.headers["transfer-encoding"]).toBeUndefined();
    console.log(`/chat/demo: ${plain.body.length} B plain, ${gzipped.body.length} B gzip`);
  });

  it("gzips JSON", async () => {
    const plain = await rawGet("/api/shops/demo/products", { authorization: `Bearer ${ADMIN_TOKEN}` });
    const gzipped = await rawGet("/api/shops/demo/products", { authorization: `Bearer ${ADMIN_TOKEN}`, "accept-encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(gzipped.body).toString("utf8"))).toEqual(JSON.parse(plain.body.toString("utf8")));
    console.log(`/api/shops/demo/products: ${plain.body.length} B plain, ${gzipped.body.length} B gzip`);
  });

  it("sends images as they are, with their Content-Length", async () => {
    const bytes = new Uint8Array(8_000).map((_, i) => (i * 7) & 255);
    bytes.set([0xff, 0xd8, 0xff]);
    const id = "CompressTest0123456789";
    await t.sqlite.store.db.insertInto("media").values({ id, shop_id: 1, content_type: "image/jpeg", bytes, created_at: t.clock.now().toISOString() }).execute();
    const res = await rawGet(`/media/${id}?w=128`, { "accept-encoding": "gzip, deflate" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["content-length"]).toBe(String(bytes.length));
    expect(new Uint8Array(res.body)).toEqual(bytes);
  });

  it("still answers an oversized body 413 with Connection: close, uncompressed", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
      let received = "";
      socket.on("data", (d) => (received += d.toString("latin1")));
      socket.on("close", () => resolve(received));
      socket.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? resolve(received) : reject(e)));
      socket.on("connect", () => {
        socket.write(`POST /api/webchat/demo/messages HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nContent-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\nConnection: keep-alive\r\n\r\n`);
        socket.write(Buffer.alloc(64 * 1024, 0x20));
        setTimeout(() => socket.destroy(), 1500);
      });
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(answer.toLowerCase()).not.toContain("content-encoding");
    expect(answer).toContain(JSON.stringify({ error: "body too large (1 MiB at most)" }));
  });

  it("is off on Workers, which compress by themselves", async () => {
    const w = await makeTestApp({ deps: { onWorkers: true } });
    const res = await w.app.request("/chat/demo", { headers: { "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBeNull();
    await w.close();
  });

  it("leaves event streams and no-transform answers to flow as they are written", async () => {
    const app = new Hono();
    app.use("*", compressResponses());
    app.get("/events", (c) => streamSSE(c, async (s) => s.writeSSE({ data: "x".repeat(2000) })));
    app.get("/live", () => new Response("y".repeat(2000), { headers: { "content-type": "text/plain", "cache-control": "no-transform" } }));
    app.get("/page", (c) => c.html("<p>" + "z".repeat(2000) + "</p>"));
    const ask = { headers: { "accept-encoding": "gzip" } };
    expect((await app.request("/events", ask)).headers.get("content-encoding")).toBeNull();
    expect((await app.request("/live", ask)).headers.get("content-encoding")).toBeNull();
    expect((await app.request("/page", ask)).headers.get("content-encoding")).toBe("gzip");
  });
});
