import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { launchChromium } from "../helpers/browser";
import { OPERATOR_PASSWORD } from "../helpers/dashboard";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 19, items 4 and 11, on a 360 px phone: the way back to the QR after a reload, the menu's
// categories, the dashboard header's height, tap-to-call phones and the favicon.
let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

beforeAll(async () => {
  t = await makeTestApp();
  await ensureOperator(t.sqlite.store, OPERATOR_PASSWORD, t.clock.now());
  server = await listen(t.app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

function chat(page: Page) {
  const lastBot = () => page.locator(".msg.bot").last();
  return {
    lastText: () => lastBot().locator(".text").innerText(),
    tap: (label: string) => lastBot().locator("button.btn", { hasText: label }).first().click(),
    type: async (text: string) => {
      await page.fill("#text", text);
      await page.click("form button[type=submit]");
    },
  };
}

describe("a returning buyer on a 360 px phone", () => {
  it("finds the conversation and the unpaid order's Thanh toán button after a reload", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${server.url}/chat/demo`);
    const c = chat(page);
    await expect.poll(c.lastText).toContain("Bếp Nhà Mây");
    await c.type("A8");
    await expect.poll(c.lastText).toContain("mấy");
    await c.type("1");
    await expect.poll(c.lastText).toContain("Tạm tính");
    await c.tap("Đặt hàng");
    await c.tap("Tự đến lấy");
    await expect.poll(c.lastText).toContain("Số điện thoại");
    await c.type("0912345678");
    await c.tap("Hôm nay 11:30");
    await c.tap("Bỏ qua");
    await c.tap("Xác nhận đặt");
    await c.tap("Chuyển khoản");
    await expect.poll(() => page.locator("#log").innerText()).toMatch(/Đơn CC[A-Z2-9]{6} đã được ghi nhận/);
    const order = await t.sqlite.store.db.selectFrom("orders").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    const before = await page.locator("#log .msg").count();

    await page.reload();
    // The earlier messages are still there: the buyer's own and the bot's QR with its details.
    await expect.poll(() => page.locator("#log .msg").count()).toBeGreaterThan(before);
    const log = await page.locator("#log").innerText();
    expect(log).toContain(`Đơn ${order.code} đã được ghi nhận`);
    expect(log).toContain("0912345678");
    expect(await page.locator(".msg.me", { hasText: "A8" }).count()).toBeGreaterThanOrEqual(1);
    // Then the greeting, with the unpaid order and its pay button.
    await expect.poll(c.lastText).toContain(`Đơn ${order.code} đang chờ bạn chuyển khoản 15.000 ₫`);
    const pay = page.locator(".msg.bot").last().locator("a.btn", { hasText: "Thanh toán" });
    expect(await pay.getAttribute("href")).toBe(`/pay/${order.pay_token}`);
    // Old buttons are spent; the payment link of the old QR message still works.
    expect(await page.locator(".msg.bot.old button.btn:not([disabled])").count()).toBe(0);
    expect(await page.locator(`.msg.bot.old a.btn[href="/pay/${order.pay_token}"]`).count()).toBeGreaterThanOrEqual(1);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/webchat-return.png" });

    const [payPage] = await Promise.all([context.waitForEvent("page"), pay.click()]);
    await payPage.waitForLoadState();
    expect(payPage.url()).toBe(`${server.url}/pay/${order.pay_token}`);
    expect(await payPage.locator("body").innerText()).toContain(order.code);
    await payPage.close();

    // "Đơn của tôi": names, the time placed, the pay button again.
    await c.tap("Đơn của tôi");
    await expect.poll(c.lastText).toContain("Đơn hàng gần đây của bạn:");
    expect(await c.lastText()).toContain("A8 Nước mơ ngâm × 1");
    expect(await c.lastText()).toContain("🕒 Đặt lúc 10:30 23/11");
    expect(await page.locator(".msg.bot").last().locator("a.btn", { hasText: "Thanh toán" }).getAttribute("href")).toBe(`/pay/${order.pay_token}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  }, 90_000);

  it("keeps at most 50 messages of history in localStorage", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${server.url}/chat/demo`);
    const c = chat(page);
    await expect.poll(c.lastText).toContain("Bếp Nhà Mây");
    for (let i = 0; i < 30; i++) {
      await c.type(`xin chào ${i}`);
      await expect.poll(() => page.locator(".msg.me[data-sending]").count()).toBe(0);
    }
    await expect.poll(() => page.locator(".msg").count()).toBeGreaterThanOrEqual(61);
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("cho-chat:demo") ?? "{}") as { log: unknown[] });
    expect(kept.log).toHaveLength(50);
    await page.reload();
    await expect.poll(() => page.locator(".msg.old, .msg.me").count()).toBeGreaterThanOrEqual(50);
    expect(await page.locator("#log").innerText()).toContain("xin chào 29");
    expect(await page.locator("#log").innerText()).not.toContain("xin chào 3\n");
    await context.close();
  });

  it("shows each menu category once", async () => {
    const db = t.sqlite.store.db;
    const shop = await db.selectFrom("shops").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow();
    await db
      .insertInto("products")
      .values({ shop_id: shop.id, code: "A9", name: "Măng khô Than Uyên", price: 120_000, unit: "gói", stock: 10, category: "Đặc sản", description: "", sort: 99, created_at: t.clock.now().toISOString() })
      .execute();
    const page = await browser.newPage(PHONE);
    await page.goto(`${server.url}/chat/demo`);
    const c = chat(page);
    await expect.poll(c.lastText).toContain("Bếp Nhà Mây");
    await c.tap("Xem thực đơn");
    await expect.poll(c.lastText).toContain("Thực đơn Bếp Nhà Mây");
    const menu = await c.lastText();
    for (const category of ["Món chính", "Đặc sản", "Đồ uống"]) expect(menu.split(`— ${category} —`)).toHaveLength(2);
    await page.close();
  });
});

describe("the dashboard on a 360 px phone", () => {
  it("has a compact header, working sections and tap-to-call phones", async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${server.url}/dashboard/login`);
    await page.fill("input[name=username]", "admin");
    await page.fill("input[name=password]", OPERATOR_PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.click("button[type=submit]")]);
    await page.goto(`${server.url}/dashboard?shop=demo`);
    const header = await page.locator("header").boundingBox();
    expect(header?.height ?? 999).toBeLessThanOrEqual(90);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The order placed in the chat above: its phone is a tel: link on the board.
    const tel = page.locator('a[href="tel:0912345678"]').first();
    expect(await tel.count()).toBe(1);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/dashboard-header-360.png" });
    // Every section is still one tap away (the row scrolls sideways).
    await Promise.all([page.waitForURL(/\/dashboard\/sales/), page.locator("header a", { hasText: "Doanh số" }).click()]);
    expect((await page.locator("header").boundingBox())?.height ?? 999).toBeLessThanOrEqual(90);
    await page.close();
  });

  it("answers /favicon.ico with an image the browser draws", async () => {
    const page = await browser.newPage(PHONE);
    const res = await fetch(`${server.url}/favicon.ico`);
    expect(res.headers.get("content-type")).toMatch(/^image\//);
    // Drawn by the browser inside one of our pages (same origin, under its security headers).
    await page.goto(`${server.url}/chat/demo`);
    const size = await page.evaluate(
      (src) =>
        new Promise<number>((resolve) => {
          const img = new Image();
          img.onload = () => resolve(img.naturalWidth);
          img.onerror = () => resolve(0);
          img.src = src;
        }),
      `${server.url}/favicon.ico`,
    );
    expect(size).toBeGreaterThan(0);
    expect(await page.locator('link[rel="icon"]').getAttribute("href")).toBe("/favicon.svg");
    await page.close();
  });
});
