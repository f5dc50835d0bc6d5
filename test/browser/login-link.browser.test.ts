import { Hono } from "hono";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountForStaff, createLoginLink, ensureOperator } from "../../src/domain/auth/accounts";
import { hashPassword } from "../../src/domain/auth/passwords";
import { launchChromium } from "../helpers/browser";
import { OPERATOR_PASSWORD } from "../helpers/dashboard";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 18, item 10 in a real browser: a page on another site (http://localhost:…, a different
// site from http://127.0.0.1:…) sends a logged-in operator's Chromium to the attacker's login link
// and posts the attacker's password to the login form. The operator stays the operator; the link
// opens a page that says who would be logged out, and only its own button logs in.

let t: TestApp;
let server: { url: string; close(): Promise<void> };
let evil: { url: string; close(): Promise<void> };
let browser: Browser;
let attackerToken = "";

beforeAll(async () => {
  t = await makeTestApp();
  await ensureOperator(t.sqlite.store, OPERATOR_PASSWORD, t.clock.now());
  const now = t.clock.now().toISOString();
  const shop = await t.sqlite.store.db.insertInto("shops").values({ slug: "ke-gian", name: "Shop Kẻ Gian", created_at: now }).returning("id").executeTakeFirstOrThrow();
  const staff = await t.sqlite.store.db.insertInto("staff").values({ shop_id: shop.id, channel: "telegram", user_id: "666", name: "Kẻ Gian", role: "owner", created_at: now }).returningAll().executeTakeFirstOrThrow();
  attackerToken = await createLoginLink(t.sqlite.store, (await accountForStaff(t.sqlite.store, staff, t.clock.now())).id, t.clock.now());
  await t.sqlite.store.db
    .insertInto("dashboard_users")
    .values({ username: "kegian", password_hash: await hashPassword("attacker-password"), role: "owner", shop_id: shop.id, display_name: "Kẻ Gian (mật khẩu)", created_at: now })
    .execute();
  server = await listen(t.app);
  const victim = server.url;
  const site = new Hono();
  site.get("/go", (c) => c.html(`<script>location.href = ${JSON.stringify(`${victim}/dashboard/login/${attackerToken}`)}</script>`));
  site.get("/post-link", (c) =>
    c.html(`<form id="f" method="post" action="${victim}/dashboard/login/${attackerToken}"><input name="_csrf" value="guess"></form><script>document.getElementById("f").submit()</script>`),
  );
  site.get("/post-password", (c) =>
    c.html(`<form id="f" method="post" action="${victim}/dashboard/login"><input name="username" value="kegian"><input name="password" value="attacker-password"></form><script>document.getElementById("f").submit()</script>`),
  );
  const served = await listen(site as unknown as Hono);
  evil = { url: served.url.replace("127.0.0.1", "localhost"), close: served.close };
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await evil?.close();
  await server?.close();
  await t?.close();
});

describe("login CSRF in a real browser", () => {
  it("another site cannot switch a logged-in operator into the attacker's account; the link's own page can, saying so", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/dashboard/login`);
    await page.fill("input[name=username]", "admin");
    await page.fill("input[name=password]", OPERATOR_PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.click("button[type=submit]")]);
    const sessionBefore = (await context.cookies(server.url)).find((c) => c.name === "cc_session")?.value;
    expect(sessionBefore).toBeTruthy();

    // 1. Sent to the link by the other site: a page that asks, not a login.
    await page.goto(`${evil.url}/go`);
    await page.waitForURL(`${server.url}/dashboard/login/${attackerToken}`);
    expect(await page.locator("[data-testid=link-target]").innerText()).toContain("Kẻ Gian");
    expect(await page.locator("[data-testid=link-current]").innerText()).toContain("Operator");

    // 2. The other site posts the confirmation itself, and then the attacker's password.
    for (const path of ["/post-link", "/post-password"]) {
      const answer = page.waitForResponse((r) => r.url().startsWith(server.url) && r.request().method() === "POST");
      await page.goto(`${evil.url}${path}`);
      expect((await answer).status(), path).toBe(403);
    }
    expect((await context.cookies(server.url)).find((c) => c.name === "cc_session")?.value).toBe(sessionBefore);
    await page.goto(`${server.url}/dashboard`);
    expect(await page.locator("header").innerText()).toContain("Operator");

    // 3. The person who opened the link presses its button: logged out of Operator, in as the link's account.
    await page.goto(`${server.url}/dashboard/login/${attackerToken}`);
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.click("button[type=submit]")]);
    expect(await page.locator("header").innerText()).toContain("Kẻ Gian");
    expect((await context.cookies(server.url)).find((c) => c.name === "cc_session")?.value).not.toBe(sessionBefore);
    await context.close();
  });
});
