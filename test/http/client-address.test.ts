import { afterEach, describe, expect, it } from "vitest";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 18, item 3: client addresses could be forged. CF-Connecting-IP was believed from anyone, and
// behind nginx the first (client-written) X-Forwarded-For entry was used: the web chat limit let 150
// of 150 through. Now TRUST_PROXY says whose headers count. Real listening servers: the socket's
// address is the point.

const SEPAY_KEY = "client_address_sepay_key";
let t: TestApp;
let server: { url: string; close(): Promise<void> } | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await t.close();
});

async function start(env: Record<string, string>, opts: { webchatLimit?: number; onWorkers?: boolean } = {}) {
  t = await makeTestApp({
    env: { SEPAY_API_KEY: SEPAY_KEY, ...env },
    deps: { webchatRateLimit: opts.webchatLimit ? [{ max: opts.webchatLimit, windowMs: 60_000 }] : false, onWorkers: opts.onWorkers ?? false },
  });
}

const chat = (headers: Record<string, string>, id: string) =>
  fetch(`${server?.url}/api/webchat/demo/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ id }) });

/** Sends a forged SePay notice and returns the address the refusal was logged with. */
async function refusedFrom(send: (path: string, init: RequestInit) => Response | Promise<Response>, headers: Record<string, string>): Promise<unknown> {
  t.logger.lines.length = 0;
  const res = await send("/webhooks/sepay/demo", { method: "POST", headers: { "content-type": "application/json", authorization: "Apikey forged", ...headers }, body: "{}" });
  expect(res.status).toBe(401);
  const refusal = t.logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.msg === "webhook refused");
  return refusal?.address;
}
const overHttp = (path: string, init: RequestInit) => fetch(`${server?.url}${path}`, init);

describe("TRUST_PROXY=none (the default)", () => {
  it("made-up X-Forwarded-For and CF-Connecting-IP addresses no longer dodge the web chat limit", async () => {
    await start({}, { webchatLimit: 5 });
    server = await listen(t.app);
    const statuses = [];
    for (let i = 0; i < 12; i++) {
      const forged: Record<string, string> = i % 2 === 0 ? { "x-forwarded-for": `198.51.100.${i + 1}` } : { "cf-connecting-ip": `198.51.100.${i + 1}`, "x-real-ip": `198.51.100.${i + 100}` };
      statuses.push((await chat(forged, `m${i}`)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429, 429, 429, 429]);
  });

  it("webhook refusals are logged with the socket's address, not a header's", async () => {
    await start({});
    server = await listen(t.app);
    expect(await refusedFrom(overHttp, { "x-forwarded-for": "198.51.100.1", "cf-connecting-ip": "198.51.100.2" })).toBe("127.0.0.1");
  });
});

describe("TRUST_PROXY=none behind a proxy on this machine", () => {
  it("leaves one warning that every client counts as the proxy", async () => {
    await start({});
    server = await listen(t.app);
    for (let i = 0; i < 3; i++) await chat({ "x-forwarded-for": `203.0.113.${i}` }, `n${i}`);
    const warnings = t.logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => String(e.msg).includes("TRUST_PROXY"));
    expect(warnings).toEqual([expect.objectContaining({ level: "warn", peer: "127.0.0.1", msg: expect.stringContaining("set TRUST_PROXY=loopback") })]);
  });
});

describe("TRUST_PROXY=loopback (nginx on this machine)", () => {
  it("takes the right-most untrusted X-Forwarded-For address: what a client writes first does not count", async () => {
    await start({ TRUST_PROXY: "loopback" }, { webchatLimit: 3 });
    server = await listen(t.app);
    // nginx's $proxy_add_x_forwarded_for: whatever the client sent, then the address nginx saw.
    const viaNginx = (client: string, forged: string, id: string) => chat({ "x-forwarded-for": `${forged}, ${client}` }, id);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await viaNginx("203.0.113.5", `10.9.9.${i}`, `a${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Another client behind the same proxy has its own allowance.
    expect((await viaNginx("203.0.113.6", "203.0.113.5", "b1")).status).toBe(200);
    expect(await refusedFrom(overHttp, { "x-forwarded-for": "1.2.3.4, 203.0.113.5" })).toBe("203.0.113.5");
    // CF-Connecting-IP from nginx is not Cloudflare's word.
    expect(await refusedFrom(overHttp, { "cf-connecting-ip": "9.9.9.9", "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
  });

  it("an IPv6 client counts per /64, so it cannot walk through its own prefix", async () => {
    await start({ TRUST_PROXY: "loopback" }, { webchatLimit: 2 });
    server = await listen(t.app);
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push((await chat({ "x-forwarded-for": `2001:db8:aa:bb::${i}` }, `v${i}`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect((await chat({ "x-forwarded-for": "2001:db8:aa:cc::1" }, "w1")).status).toBe(200);
  });
});

describe("TRUST_PROXY=cloudflare and Workers", () => {
  // No test machine can connect from Cloudflare's addresses: the socket is given as @hono/node-server gives it.
  const fromPeer = (peer: string) => (path: string, init: RequestInit) => t.app.request(path, init, { incoming: { socket: { remoteAddress: peer } } });

  it("believes CF-Connecting-IP only from Cloudflare's published ranges", async () => {
    await start({ TRUST_PROXY: "cloudflare" });
    expect(await refusedFrom(fromPeer("172.64.33.1"), { "cf-connecting-ip": "203.0.113.8" })).toBe("203.0.113.8");
    expect(await refusedFrom(fromPeer("2606:4700:10::6816:1"), { "cf-connecting-ip": "2001:db8::8" })).toBe("2001:db8::8");
    expect(await refusedFrom(fromPeer("198.51.100.66"), { "cf-connecting-ip": "203.0.113.8" })).toBe("198.51.100.66");
  });

  it("on Workers (the entry's flag), CF-Connecting-IP is Cloudflare's own and X-Forwarded-For means nothing", async () => {
    await start({}, { onWorkers: true });
    const inProcess = (path: string, init: RequestInit) => t.app.request(path, init);
    expect(await refusedFrom(inProcess, { "cf-connecting-ip": "203.0.113.9", "x-forwarded-for": "1.2.3.4" })).toBe("203.0.113.9");
  });

  it("a list of CIDRs trusts exactly those proxies", async () => {
    await start({ TRUST_PROXY: "10.0.0.0/8,fd00::/8" });
    expect(await refusedFrom(fromPeer("10.1.2.3"), { "x-forwarded-for": "203.0.113.10, 10.0.0.9" })).toBe("203.0.113.10");
    expect(await refusedFrom(fromPeer("fd00::5"), { "x-forwarded-for": "203.0.113.11" })).toBe("203.0.113.11");
    expect(await refusedFrom(fromPeer("192.168.1.2"), { "x-forwarded-for": "203.0.113.12" })).toBe("192.168.1.2");
  });
});
