import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { savePickupSettings } from "../../src/domain/carriers/shop-carriers";
import { startFakeGhn, type FakeGhn } from "../fakes/ghn-api";
import { startFakeGhtk, type FakeGhtk } from "../fakes/ghtk-api";
import { launchChromium, signInAsOperator } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 23: on a 360 px phone, "Giao qua GHN" on an order with a carrier address makes the waybill
// at the (fake) carrier and the card shows its code, the tracking link and "In nhãn".
let t: TestApp;
let ghn: FakeGhn;
let ghtk: FakeGhtk;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  ghn = await startFakeGhn();
  ghtk = await startFakeGhtk();
  t = await makeTestApp({ env: { GHN_TOKEN: ghn.token, GHN_SHOP_ID: String(ghn.shopId), GHN_API_ROOT: ghn.url, GHTK_TOKEN: ghtk.token, GHTK_API_ROOT: ghtk.url } });
  await ensureOperator(t.sqlite.store, "test-operator-password", t.clock.now());
  await savePickupSettings(t.sqlite.store, 1, { provinceCode: "01", communeCode: "00070", hamlet: null, street: "12 Hàng Bạc", name: "Quán Demo", phone: "0987000111", flatFee: 35_000 });
  server = await listen(t.app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
  await ghn?.close();
  await ghtk?.close();
});

describe("the waybill button in a real browser", () => {
  it("makes the GHN waybill in one tap and shows its code and label link", async () => {
    const { order } = await placeTransferOrder(t, { method: "cod" });
    await t.sqlite.store.db
      .updateTable("orders")
      .set({ fulfilment: "delivery", ship_province_code: "12", ship_commune_code: "03618", ship_hamlet: "Bản Mường", ship_carrier: "ghn", address: "Bản Mường, Xã Mường Than, Tỉnh Lai Châu", status: "confirmed" })
      .where("id", "=", order.id)
      .execute();

    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await signInAsOperator(page, server.url);
    const card = page.locator(`.card[data-code="${order.code}"]`);
    const button = card.locator("button", { hasText: "Giao qua GHN" });
    await expect.poll(() => button.count()).toBe(1);
    // Within the phone's width.
    const box = await button.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
    await button.click();
    await expect.poll(() => page.locator(".flash").innerText()).toContain(order.code);
    const row = await t.sqlite.store.db.selectFrom("shipments").selectAll().executeTakeFirstOrThrow();
    await expect.poll(() => card.innerText()).toContain(row.waybill);
    const label = card.locator("a", { hasText: "In nhãn" });
    expect(await label.getAttribute("href")).toBe(`/dashboard/orders/${order.code}/label?shop=demo`);
    expect(await card.locator("a.track-link").getAttribute("href")).toContain(row.waybill);
    expect(await card.locator("button", { hasText: "Giao qua" }).count()).toBe(0);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/dashboard-waybill.png", fullPage: true });

    // The label opens (GHN's A5 print page, here the fake's).
    const res = await page.request.get(`${server.url}/dashboard/orders/${order.code}/label?shop=demo`, { maxRedirects: 0 });
    expect(res.status()).toBe(302);
    expect(res.headers().location).toContain("printA5");

    // The settings page fits the phone too.
    await page.goto(`${server.url}/dashboard/shipping?shop=demo`);
    await expect.poll(() => page.locator("#carrier-webhooks").innerText()).toContain("/webhooks/ghn/demo/");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(380);
  });
});
