import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webchatSender } from "../../bots/webchat/sender";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { drainOutbox } from "../../src/domain/outbox/dispatch";
import { launchChromium } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let dispatcher: ReturnType<typeof setInterval>;

beforeAll(async () => {
  t = await makeTestApp();
  await ensureOperator(t.sqlite.store, "test-operator-password", t.clock.now());
  server = await listen(t.app);
  browser = await launchChromium();
  // What the Node entry does: deliver queued messages (here, to the web chat) as they come.
  const senders = { webchat: webchatSender(t.sqlite.store, t.clock) };
  dispatcher = setInterval(() => void drainOutbox(t.sqlite.store, senders, t.logger, () => t.clock.now()), 300);
});
afterAll(async () => {
  clearInterval(dispatcher);
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe("the dashboard in a real browser", () => {
  it("a seller logs in, accepts a web chat order, and the buyer's chat shows it at once", async () => {
    // The buyer orders in the web chat (cash on delivery).
    const buyer = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await buyer.goto(`${server.url}/chat/demo`);
    const tap = async (label: string) => buyer.locator(".msg.bot").last().locator("button.btn", { hasText: label }).first().click();
    const type = async (text: string) => {
      await buyer.fill("#text", text);
      await buyer.click("form button[type=submit]");
    };
    const last = () => buyer.locator(".msg.bot").last().innerText();
    await expect.poll(last).toContain("Bếp Nhà Mây");
    await type("A8");
    await expect.poll(last).toContain("Bạn lấy mấy ly");
    await type("2");
    await tap("Đặt hàng");
    await tap("Tự đến lấy");
    await expect.poll(last).toContain("Số điện thoại");
    await type("0912345678");
    await tap("Hôm nay 11:30");
    await tap("Bỏ qua");
    await tap("Xác nhận đặt");
    await tap("Tiền mặt");
    await expect.poll(last).toMatch(/Đơn CC[A-Z2-9]{6} đã được ghi nhận/);
    const code = /CC[A-Z2-9]{6}/.exec(await last())?.[0] ?? "";

    // The seller logs in and accepts it from the board.
    const seller = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await seller.goto(`${server.url}/dashboard`);
    await expect.poll(() => seller.url()).toContain("/dashboard/login");
    await seller.fill("input[name=username]", "admin");
    await seller.fill("input[name=password]", "wrong password");
    await seller.click("button[type=submit]");
    await expect.poll(() => seller.locator("[role=alert]").innerText()).toContain("Sai tên đăng nhập hoặc mật khẩu");
    await seller.fill("input[name=username]", "admin");
    await seller.fill("input[name=password]", "test-operator-password");
    await seller.click("button[type=submit]");
    const card = seller.locator(`.card[data-code="${code}"]`);
    await expect.poll(() => card.innerText()).toContain("A8 Nước mơ ngâm × 2");
    mkdirSync("test-results/screenshots", { recursive: true });
    await seller.screenshot({ path: "test-results/screenshots/dashboard-orders.png", fullPage: true });
    await card.locator("button", { hasText: "Nhận đơn" }).click();
    await expect.poll(() => seller.locator(".flash").innerText()).toContain(`Đã cập nhật đơn ${code}`);
    await expect.poll(() => seller.locator(`section[data-status="preparing"] .card[data-code="${code}"]`).count()).toBe(1);

    // The buyer's chat receives the update without reloading.
    await expect.poll(() => buyer.locator("#log").innerText(), { timeout: 15_000, interval: 500 }).toContain(`Shop đã nhận đơn ${code} và đang chuẩn bị`);

    // And nothing a buyer typed runs as markup on the seller's screen.
    const row = await t.sqlite.store.db.selectFrom("orders").select("id").where("code", "=", code).executeTakeFirstOrThrow();
    await t.sqlite.store.db.updateTable("orders").set({ note: "<img src=x onerror=window.__pwned=1>", updated_at: new Date().toISOString() }).where("id", "=", row.id).execute();
    await seller.reload();
    await expect.poll(() => card.innerText()).toContain("<img src=x onerror=window.__pwned=1>");
    expect(await seller.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await buyer.close();
    await seller.close();
  }, 60_000);
});
