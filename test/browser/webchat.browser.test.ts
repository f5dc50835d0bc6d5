import { mkdirSync, readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

let t: TestApp;
const SEPAY_KEY = "test_sepay_api_key_123";
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  t = await makeTestApp({ env: { SEPAY_API_KEY: SEPAY_KEY } });
  server = await listen(t.app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe("web chat in a real browser", () => {
  it("a person places an order on /chat/demo by tapping buttons and typing", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/chat/demo`);
    const bot = page.locator(".msg.bot");
    const tap = async (label: string) => {
      await page.locator(".msg.bot").last().locator("button.btn", { hasText: label }).first().click();
    };
    const type = async (text: string) => {
      await page.fill("#text", text);
      await page.click("form button[type=submit]");
    };
    const lastBotText = () => bot.last().locator(".text").innerText();

    await expect.poll(lastBotText).toContain("Bếp Nhà Mây");
    await tap("Xem thực đơn");
    await expect.poll(lastBotText).toContain("Thực đơn Bếp Nhà Mây");
    await tap("A1 ·");
    await expect.poll(lastBotText).toContain("Chọn cỡ phần");
    await tap("Vừa");
    await tap("Cay vừa");
    await expect.poll(lastBotText).toContain("Bạn lấy mấy phần");
    await type("hai");
    await expect.poll(lastBotText).toContain("Tạm tính: 90.000 ₫");
    await tap("Đặt hàng");
    await tap("Giao tận nơi");
    await tap("Xã Mường Than");
    await expect.poll(lastBotText).toContain("Địa chỉ giao hàng");
    await type("Bản Nà Khương, nhà số 5");
    await expect.poll(lastBotText).toContain("Số điện thoại");
    await type("0912 345 678");
    await tap("Hôm nay 11:30");
    await tap("Bỏ qua");
    await expect.poll(lastBotText).toContain("Tổng cộng: 105.000 ₫");
    await tap("Xác nhận đặt");
    await tap("Chuyển khoản");
    await expect.poll(() => page.locator("#log").innerText()).toMatch(/Đơn CC[A-Z2-9]{6} đã được ghi nhận/);
    await expect.poll(lastBotText).toContain("Số tài khoản: 0011001932418");
    // The VietQR image the buyer scans is really there and loaded.
    const qr = page.locator(".msg.bot img").last();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThanOrEqual(400);

    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/webchat-order.png", fullPage: false });

    const order = await t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    expect(order).toMatchObject({ status: "pending_payment", total: 105_000, address: "Bản Nà Khương, nhà số 5", phone: "0912345678" });
    const payLink = page.locator(".msg.bot").last().locator("a.btn");
    expect(await payLink.getAttribute("href")).toBe(`/pay/${order.pay_token}`);

    // The page's own weight: no framework bundle on a 3G phone.
    const html = await (await fetch(`${server.url}/chat/demo`)).text();
    expect(new TextEncoder().encode(html).length).toBeLessThan(50 * 1024);
    await page.close();
  });

  it("shows a product name with markup as text, never as markup", async () => {
    await t.sqlite.store.db.updateTable("products").set({ name: "<img src=x onerror=window.__pwned=1>Mật ong" }).where("code", "=", "A5").execute();
    const page = await browser.newPage();
    await page.goto(`${server.url}/chat/demo`);
    await page.locator(".msg.bot button.btn", { hasText: "Xem thực đơn" }).last().click();
    await expect.poll(() => page.locator(".msg.bot").last().innerText()).toContain("<img src=x onerror=window.__pwned=1>Mật ong");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it("the payment page shows a scannable QR and turns paid without a reload when the bank webhook lands", async () => {
    const { order } = await placeTransferOrder(t);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, acceptDownloads: true });
    await page.goto(`${server.url}/pay/${order.pay_token}`);
    await expect.poll(() => page.locator("#due").innerText()).toBe("45.000 ₫");
    const box = await page.locator("#qr svg").boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(250);
    // Paying from the same phone: the QR is saved as a real PNG for the bank app to open.
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#save-qr").click()]);
    expect(download.suggestedFilename()).toBe(`${order.code}-qr.png`);
    const saved = readFileSync((await download.path()) ?? "");
    expect([...saved.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await page.locator("#status").innerText()).toContain("chờ thanh toán");
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/pay-page.png", fullPage: true });

    const res = await fetch(`${server.url}/webhooks/sepay/demo`, {
      method: "POST",
      headers: { authorization: `Apikey ${SEPAY_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ id: 1, transferType: "in", transferAmount: 45_000, content: `${order.code} chuyen tien`, accountNumber: "0011001932418" }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => page.locator("#status").innerText(), { timeout: 12_000, interval: 500 }).toContain("đã thanh toán");
    expect(await page.locator("#qr").isVisible()).toBe(false);
    // Paid: said first, and no account left to pay into twice.
    await expect.poll(() => page.locator("#paid").isVisible(), { timeout: 12_000, interval: 500 }).toBe(true);
    expect(await page.locator("#paid").innerText()).toContain("Đã thanh toán");
    expect(await page.getByText("Số tài khoản").count()).toBe(0);
    await page.screenshot({ path: "test-results/screenshots/pay-page-paid.png", fullPage: true });
    await page.close();
  });

  it("on a 360 px phone: a double tap sends one message, and a message typed offline goes by itself when the network is back", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/api/webchat/")) posts.push(r.postData() ?? "");
    });
    await page.goto(`${server.url}/chat/demo`);
    const lastBotText = () => page.locator(".msg.bot").last().locator(".text").innerText();
    await expect.poll(lastBotText).toContain("Bếp Nhà Mây");
    const before = posts.length;
    const menu = page.locator(".msg.bot").first().locator("button.btn", { hasText: "Xem thực đơn" }).first();
    await menu.dblclick();
    await expect.poll(lastBotText).toContain("Thực đơn Bếp Nhà Mây");
    expect(posts.length - before).toBe(1);
    expect(await menu.isDisabled()).toBe(true);

    // Offline: the message waits with its id, says so, and goes when the connection returns.
    await context.setOffline(true);
    await page.fill("#text", "A8");
    await page.click("form button[type=submit]");
    await expect.poll(() => page.locator("#status").innerText(), { timeout: 10_000 }).toContain("Mạng chập chờn");
    await context.setOffline(false);
    await expect.poll(lastBotText, { timeout: 20_000, interval: 500 }).toContain("Nước mơ ngâm");
    await expect.poll(() => page.locator(".msg.me[data-sending]").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  }, 60_000);
});
