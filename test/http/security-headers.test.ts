import { createHash } from "node:crypto";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskSecrets } from "../../src/platform/logger";
import { DashboardClient } from "../helpers/dashboard";
import { listen } from "../helpers/http-server";
import { makeTestApp, WebChatUser, type TestApp } from "../helpers/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

const policyOf = (res: Response) => res.headers.get("content-security-policy") ?? "";
const scriptSrc = (policy: string) => policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
const inlineScripts = (html: string) => [...html.matchAll(/<script(?![^>]*(?:type="application\/json"|src=))[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
// Scripts loaded from a file: the policy lets them run only from this site ('self').
const scriptFiles = (html: string) => [...html.matchAll(/<script[^>]*\ssrc="([^"]*)"[^>]*><\/script>/g)].map((m) => m[1] ?? "");
const hashOf = (code: string) => `'sha256-${createHash("sha256").update(code).digest("base64")}'`;

describe("security headers", () => {
  it("every page and API answer forbids framing and sniffing, and keeps the referrer to this site", async () => {
    for (const path of ["/chat/demo", "/healthz", "/dashboard/login", "/api/shops/demo/products", "/no-such-page"]) {
      const res = await t.app.request(path);
      expect(policyOf(res), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
    }
  });

  it("runs exactly the pages' own inline scripts (by hash), never an inline script in general", async () => {
    const buyer = new WebChatUser(t.app);
    await buyer.open();
    await buyer.tap("Xem thực đơn");
    await buyer.tap("A5");
    await buyer.say("1");
    await buyer.pickUpFromCart();
    await buyer.tap("Xác nhận đặt");
    await buyer.tap("Chuyển khoản");
    const payPath = /\/pay\/[A-Za-z0-9_-]+/.exec(JSON.stringify(buyer.last))?.[0] ?? "";
    expect(payPath).not.toBe("");
    const admin = await DashboardClient.asOperator(t);
    const pages: [string, () => Response | Promise<Response>][] = [
      ["/chat/demo", () => t.app.request("/chat/demo")],
      [payPath, () => t.app.request(payPath)],
      ...["/dashboard", "/dashboard/catalog", "/dashboard/broadcasts"].map((p): [string, () => Response | Promise<Response>] => [p, () => t.app.request(p, { headers: { cookie: admin.cookie } })]),
    ];
    for (const [path, load] of pages) {
      const res = await load();
      expect(res.status, path).toBe(200);
      const src = scriptSrc(policyOf(res));
      expect(src, path).not.toContain("unsafe-inline");
      const html = await res.text();
      const scripts = inlineScripts(html);
      const files = scriptFiles(html);
      expect(scripts.length + files.length, path).toBeGreaterThan(0);
      for (const code of scripts) expect(src, `${path}: a script the policy would block`).toContain(hashOf(code));
      for (const file of files) {
        expect(file, `${path}: a script from elsewhere`).toMatch(/^\/assets\/[\w.-]+\.js\?v=[0-9a-f]{8}$/);
        expect(src, path).toContain("'self'");
        expect((await t.app.request(file)).status, file).toBe(200);
      }
    }
    expect(scriptSrc(policyOf(await t.app.request("/chat/demo")))).not.toContain(hashOf("alert(1)"));
  });

  it("a path with CR, LF or NUL (even percent-encoded) is 400, on a real socket too", async () => {
    for (const path of ["/chat/demo%0d%0aSet-Cookie:%20x=1", "/dashboard%0a", "/pay/a%00b", "/chat/%E0%A4%A"]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/path/);
    }
    const server = await listen(t.app);
    try {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
        let got = "";
        socket.on("data", (d) => (got += d.toString()));
        socket.on("close", () => resolve(got));
        socket.write("GET /chat/demo%0d%0aX-Injected:%201 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).not.toMatch(/^X-Injected/m);
    } finally {
      await server.close();
    }
  });
});

describe("the log mask", () => {
  it("hides a bot token inside a Bot API URL, where no word boundary precedes it", () => {
    const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    const line = maskSecrets(JSON.stringify({ msg: "request failed", url: `https://api.telegram.org/bot${token}/sendMessage`, zalo: `https://bot-api.zaloplatforms.com/bot55667788:zaloFakeTokenForTests-0123456789/getMe` }), []);
    expect(line).not.toContain(token);
    expect(line).not.toContain("zaloFakeTokenForTests");
    expect(line).toContain("/bot[token]/sendMessage");
  });
});

describe("slow senders", () => {
  it("a request body that trickles in is cut off with 408 at the request timeout, not after five minutes", async () => {
    const { serve } = await import("@hono/node-server");
    const { nodeServerOptions } = await import("../../src/http/server-timeouts");
    expect(nodeServerOptions().requestTimeout).toBeLessThanOrEqual(60_000);
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1", serverOptions: nodeServerOptions(1_000) });
    await new Promise((r) => server.once("listening", r));
    const port = (server.address() as { port: number }).port;
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let got = "";
      socket.on("data", (d) => (got += d.toString()));
      socket.on("close", () => resolve(got));
      socket.on("error", () => resolve(got));
      socket.write("POST /api/webchat/demo/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
      // One byte a few times, then silence: never the whole body.
      const drip = setInterval(() => socket.write(" "), 300);
      setTimeout(() => clearInterval(drip), 900);
      setTimeout(() => socket.destroy(), 8_000);
    });
    await new Promise<void>((r) => server.close(() => r()));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});

describe("the language switch", () => {
  it("goes back only to a page of this site, never to a look-alike host", async () => {
    const admin = await DashboardClient.asOperator(t);
    await admin.get("/dashboard");
    const post = (referer: string) =>
      t.app.request("/dashboard/lang", { method: "POST", headers: { cookie: admin.cookie, referer }, body: new URLSearchParams({ _csrf: admin.csrf, lang: "en" }) });
    expect((await post("http://localhost.evil.example/steal")).headers.get("location")).toBe("/dashboard");
    expect((await post("http://localhost/dashboard/catalog?shop=demo")).headers.get("location")).toBe("/dashboard/catalog?shop=demo");
    expect((await post("javascript:alert(1)")).headers.get("location")).toBe("/dashboard");
  });
});
