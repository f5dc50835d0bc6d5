import { mkdirSync } from "node:fs";
import { Hono } from "hono";
import { assetRoutes } from "../../src/web/asset-route";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../../src/db/schema";
import { recordTransfer } from "../../src/domain/payments/record-transfer";
import type { DashboardDeps } from "../../src/http/dashboard/context";
import { loginRoutes } from "../../src/http/dashboard/login";
import { ordersRoutes } from "../../src/http/dashboard/orders";
import { paymentsRoutes } from "../../src/http/dashboard/payments";
import { salesRoutes } from "../../src/http/dashboard/sales";
import { shopsRoutes } from "../../src/http/dashboard/shops";
import { launchChromium } from "../helpers/browser";
import { OPERATOR_PASSWORD } from "../helpers/dashboard";
import { listen } from "../helpers/http-server";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, MONDAY_1030, testAssets, type TestApp } from "../helpers/test-app";
import { ensureOperator } from "../../src/domain/auth/accounts";

let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let unpaid: Order;
let transferId: number;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await makeTestApp();
  const store = t.sqlite.store;
  const shop = await store.db.selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
  // Orders on three different days (two of them paid), so the chart has several bars.
  for (const [daysBack, pay] of [[3, true], [1, true], [0, false]] as const) {
    t.clock.set(new Date(MONDAY_1030.getTime() - daysBack * DAY));
    const { order } = await placeTransferOrder(t);
    if (pay) await recordTransfer(store, shop, { provider: "manual", providerTxId: `paid-${daysBack}`, amount: order.total, content: order.code, raw: {} }, t.clock.now());
    else unpaid = order;
  }
  const tx = await recordTransfer(store, shop, { provider: "sepay", providerTxId: "sepay-77", amount: unpaid.total, content: "MBVCB.3278907687.chuyen tien com trua", accountNumber: shop.bank_account, raw: {} }, t.clock.now());
  transferId = tx.transaction.id;
  await ensureOperator(store, OPERATOR_PASSWORD, t.clock.now());

  const deps: DashboardDeps = { store, clock: t.clock, publicUrl: "", assets: testAssets() };
  const app = new Hono();
  // The pages' stylesheets, as createApp serves them.
  app.route("/", assetRoutes(deps.assets));
  app.route("/dashboard", loginRoutes(deps));
  app.route("/dashboard", ordersRoutes(deps));
  app.route("/dashboard", paymentsRoutes(deps));
  app.route("/dashboard", salesRoutes(deps));
  app.route("/dashboard", shopsRoutes(deps));
  server = await listen(app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe("dashboard sales and payments in a real browser", () => {
  it("logs in, reads the sales chart on a phone, and settles an unmatched transfer through the form", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/dashboard/login`);
    await page.fill("input[name=username]", "admin");
    await page.fill("input[name=password]", OPERATOR_PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.click("button[type=submit]")]);

    await page.goto(`${server.url}/dashboard/sales?shop=demo`);
    const chart = page.locator("svg.chart");
    expect(await chart.isVisible()).toBe(true);
    const box = await chart.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    // Bars with revenue have a real drawn height; two paid days → two visible bars.
    const heights = await page.locator("svg.chart g.bar rect.v").evaluateAll((rects) => rects.map((r) => (r as SVGRectElement).getBoundingClientRect().height));
    expect(heights).toHaveLength(30);
    expect(heights.filter((h) => h > 3)).toHaveLength(2);
    expect(await page.locator("#total").innerText()).toContain("90.000 ₫ · 3 đơn");
    // No sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/dashboard-sales.png", fullPage: true });

    await page.goto(`${server.url}/dashboard/payments?shop=demo`);
    const card = page.locator(`[data-group="unmatched"] [data-tx="${transferId}"]`);
    expect(await card.innerText()).toContain("chuyen tien com trua");
    await card.locator("input[name=code]").fill(unpaid.code.toLowerCase());
    await Promise.all([page.waitForURL(/ok=assigned/), card.locator("button").click()]);
    expect(await page.locator(".flash").innerText()).toContain(`Đã gán chuyển khoản vào đơn ${unpaid.code}: Đủ tiền`);
    const settled = page.locator(`[data-group="paid"] [data-tx="${transferId}"]`);
    expect(await settled.isVisible()).toBe(true);
    expect(await settled.innerText()).toContain(unpaid.code);
    expect(await page.locator('[data-group="unmatched"]').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/screenshots/dashboard-payments.png", fullPage: true });

    const order = await t.sqlite.store.db.selectFrom("orders").selectAll().where("id", "=", unpaid.id).executeTakeFirstOrThrow();
    expect(order).toMatchObject({ payment_status: "paid", status: "confirmed", paid_amount: unpaid.total });
    await page.close();
  });
});
