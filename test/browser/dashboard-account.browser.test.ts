import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { launchChromium } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// The account page in Chromium: the random first-start password must be changed before anything
// else, and "log out everywhere" ends the session (issue 18, item 4 and item 1).
let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let generated = "";

beforeAll(async () => {
  t = await makeTestApp();
  generated = (await ensureOperator(t.sqlite.store, undefined, t.clock.now())).generated ?? "";
  server = await listen(t.app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe("the account page in a real browser", () => {
  it("forces the first-start password to be changed, then the board opens; log out everywhere ends it", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${server.url}/dashboard/login`);
    await page.fill("input[name=username]", "admin");
    await page.fill("input[name=password]", generated);
    await page.click("button[type=submit]");
    await expect.poll(() => page.url()).toBe(`${server.url}/dashboard/account`);
    await expect.poll(() => page.locator("[data-must-change]").innerText()).toContain("Hãy đặt mật khẩu mới");
    // Any other page comes back here until the password is changed.
    await page.goto(`${server.url}/dashboard/payments?shop=demo`);
    await expect.poll(() => page.url()).toBe(`${server.url}/dashboard/account`);

    await page.fill("input[name=current]", generated);
    await page.fill("input[name=password]", "mật khẩu mới của tôi");
    await page.fill("input[name=confirm]", "mật khẩu khác");
    await page.click("#password button.btn");
    await expect.poll(() => page.locator("div.flash.err").innerText()).toContain("không giống nhau");
    await page.fill("input[name=current]", generated);
    await page.fill("input[name=password]", "mật khẩu mới của tôi");
    await page.fill("input[name=confirm]", "mật khẩu mới của tôi");
    await page.click("#password button.btn");
    await expect.poll(() => page.locator("div.flash").innerText()).toContain("Đã đổi mật khẩu");
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/dashboard-account.png", fullPage: true });

    await page.goto(`${server.url}/dashboard`);
    await expect.poll(() => page.locator("h1").innerText()).toContain("Đơn hàng");
    await page.click("header a[href='/dashboard/account']");
    await page.click("#everywhere button");
    await expect.poll(() => page.url()).toContain("/dashboard/login");
    await page.goto(`${server.url}/dashboard`);
    await expect.poll(() => page.url()).toContain("/dashboard/login");
  }, 60_000);
});
