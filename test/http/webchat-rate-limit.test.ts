import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/domain/outbox/rate-limiter";
import { makeTestApp, type TestApp } from "../helpers/test-app";

let t: TestApp;
afterEach(async () => {
  await t.close();
});

// The address is the socket's (as @hono/node-server gives it): with TRUST_PROXY=none, headers count for nothing.
const post = (address: string, id: string) =>
  t.app.request("/api/webchat/demo/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id }) }, { incoming: { socket: { remoteAddress: address } } });

describe("web chat per-address limit", () => {
  it("answers 429 with Retry-After past the limit, only for that address, and stores nothing for the refused message", async () => {
    t = await makeTestApp({ deps: { webchatRateLimit: [{ max: 3, windowMs: 10_000 }] } });
    for (let i = 1; i <= 3; i++) expect((await post("203.0.113.7", `a${i}`)).status).toBe(200);
    const sessionsBefore = await t.sqlite.store.db.selectFrom("webchat_sessions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();

    const refused = await post("203.0.113.7", "a4");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/too many/) });

    const sessionsAfter = await t.sqlite.store.db.selectFrom("webchat_sessions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(sessionsAfter.n).toBe(sessionsBefore.n);

    // Someone else on another address is not held back by the first one.
    expect((await post("198.51.100.20", "b1")).status).toBe(200);
  });

  it("applies to the web chat only, not to health checks", async () => {
    t = await makeTestApp({ deps: { webchatRateLimit: [{ max: 1, windowMs: 10_000 }] } });
    expect((await post("203.0.113.7", "a1")).status).toBe(200);
    expect((await post("203.0.113.7", "a2")).status).toBe(429);
    const health = await t.app.request("/healthz", {}, { incoming: { socket: { remoteAddress: "203.0.113.7" } } });
    expect(health.status).not.toBe(429);
  });
});

describe("whose address counts", () => {
  const fromPeer = (peer: string, forwardedFor: string, id: string) =>
    t.app.request(
      "/api/webchat/demo/messages",
      { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor }, body: JSON.stringify({ id }) },
      { incoming: { socket: { remoteAddress: peer } } },
    );

  it("a client on the internet cannot dodge the limit by making up X-Forwarded-For", async () => {
    t = await makeTestApp({ deps: { webchatRateLimit: [{ max: 2, windowMs: 10_000 }] } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fromPeer("203.0.113.9", `198.51.100.${i}`, `m${i}`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it("behind a reverse proxy on this machine (TRUST_PROXY=loopback), each forwarded client has its own allowance", async () => {
    t = await makeTestApp({ env: { TRUST_PROXY: "loopback" }, deps: { webchatRateLimit: [{ max: 2, windowMs: 10_000 }] } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fromPeer("::ffff:127.0.0.1", `198.51.100.${i}`, `m${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect((await fromPeer("127.0.0.1", "198.51.100.0", "m9")).status).toBe(200);
    expect((await fromPeer("127.0.0.1", "198.51.100.0", "m10")).status).toBe(429);
  });
});

describe("RateLimiter memory", () => {
  it("forgets addresses that have gone quiet, so a crowd of one-time visitors does not grow it without end", () => {
    const limiter = new RateLimiter();
    const limit = { max: 5, windowMs: 1_000 };
    for (let i = 0; i < 5_000; i++) limiter.reserve([{ key: `visitor-${i}`, limit }], i);
    // Only visitors inside the last window (plus those since the last sweep) are kept.
    expect(limiter.size).toBeLessThan(2_100);
    for (let i = 0; i < 1_000; i++) limiter.reserve([{ key: "regular", limit }], 100_000 + i * 300);
    expect(limiter.size).toBeLessThan(10);
  });
});
