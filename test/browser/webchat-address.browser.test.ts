// The carrier address step of the web chat in Chromium at 360 px: typed without diacritics, a pick
// among the old and new Mường Than, ending on the carriers' quoted fees (GHN and GHTK fakes).
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dong, setDemoPickup, startCarriers, type Carriers } from "../address/ship-helpers";
import { launchChromium } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

let t: TestApp;
let carriers: Carriers;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  carriers = await startCarriers();
  t = await makeTestApp({ env: carriers.env });
  await setDemoPickup(t.sqlite.store);
  server = await listen(t.app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
  await carriers?.close();
});

describe("carrier address in the web chat, in a real browser", () => {
  it("a buyer in Lai Châu types the place, picks the new Mường Than and sees the fees", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
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
    await tap("A1 ·");
    await tap("Vừa");
    await tap("Cay vừa");
    await type("1");
    await expect.poll(lastBotText).toContain("Tạm tính");
    await tap("Đặt hàng");
    await tap("Giao tận nơi");
    await tap("Nơi khác");
    await expect.poll(lastBotText).toContain("Bạn ở tỉnh/thành nào?");
    await type("lai chau");
    await expect.poll(lastBotText).toContain("Tỉnh Lai Châu");
    await type("xa muong than");
    await expect.poll(lastBotText).toContain("Tên này ứng với vài xã/phường");
    const choice = page.locator(".msg.bot").last().locator("button.btn", { hasText: "Xã Than Uyên (gồm Xã Mường Than cũ)" });
    await expect.poll(() => choice.count()).toBe(1);
    await tap("Xã Mường Than (tên mới)");
    await expect.poll(lastBotText).toContain("thôn/bản/xóm/ấp/tổ nào của Xã Mường Than");
    await type("ban Na Khuong");
    await expect.poll(lastBotText).toContain("Số nhà, tên đường");
    await type("so 5");
    await expect.poll(lastBotText).toContain("Bạn chọn hãng giao");
    expect(await lastBotText()).toContain("So 5, Ban Na Khuong, Xã Mường Than, Tỉnh Lai Châu");
    const ghn = page.locator(".msg.bot").last().locator("button.btn", { hasText: "GHN —" });
    await expect.poll(() => ghn.count()).toBe(1);
    const label = await ghn.innerText();
    expect(label).toMatch(/giao dự kiến/);
    expect(dong(label)).toBeGreaterThan(0);
    // Every button fits the 360 px screen (no sideways scroll on a small phone).
    const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll(".msg.bot button.btn")].map((b) => b.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await ghn.click();
    await expect.poll(lastBotText).toContain("Số điện thoại");
    await type("0912345678");
    await tap("Bỏ qua");
    await expect.poll(lastBotText).toContain("Phí ship GHN");
    const summary = await lastBotText();
    expect(dong(summary.split("\n").find((l) => l.startsWith("Phí ship GHN")) ?? "")).toBe(dong(label));

    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/webchat-address.png", fullPage: false });
    await page.close();
  });
});
