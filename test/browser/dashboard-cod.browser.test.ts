import { mkdirSync } from "node:fs";
import { Hono } from "hono";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { codRoutes } from "../../src/http/dashboard/cod";
import type { DashboardDeps } from "../../src/http/dashboard/context";
import { loginRoutes } from "../../src/http/dashboard/login";
import { ordersRoutes } from "../../src/http/dashboard/orders";
import { paymentsRoutes } from "../../src/http/dashboard/payments";
import { assetRoutes } from "../../src/web/asset-route";
import { launchChromium, signInAsOperator } from "../helpers/browser";
import { OPERATOR_PASSWORD } from "../helpers/dashboard";
import { listen } from "../helpers/http-server";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, testAssets, type TestApp } from "../helpers/test-app";

let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await makeTestApp();
  const store = t.sqlite.store;
  // A GHN parcel delivered 9 days ago and not paid out; a GHTK one delivered and settled.
  const parcels = [
    { carrier: "ghn", code: "CC7K2M9Q", waybill: "G8ADKBYD", fee: 22000, paidOut: null, daysAgo: 9 },
    { carrier: "ghtk", code: "CC4H8N2P", waybill: "S22749126.SGP39-J31.1375835526", fee: 37000, paidOut: 8000, daysAgo: 3 },
  ] as const;
  for (const p of parcels) {
    const { order } = await placeTransferOrder(t, { method: "cod", code: p.code });
    const delivered = new Date(t.clock.now().getTime() - p.daysAgo * DAY).toISOString();
    await store.db.updateTable("orders").set({ status: "delivered", delivered_at: delivered }).where("id", "=", order.id).execute();
    await store.db
      .insertInto("shipments")
      .values({ order_id: order.id, shop_id: order.shop_id, carrier: p.carrier, client_code: p.code, waybill: p.waybill, status: "delivered", fee: p.fee, cod_amount: 45000, cod_collected: 45000, cod_paid_out: p.paidOut, created_at: delivered, updated_at: delivered })
      .execute();
  }
  await ensureOperator(store, OPERATOR_PASSWORD, t.clock.now());
  const deps: DashboardDeps = { store, clock: t.clock, publicUrl: "", assets: testAssets() };
  const app = new Hono();
  app.route("/", assetRoutes(deps.assets));
  app.route("/dashboard", loginRoutes(deps));
  app.route("/dashboard", ordersRoutes(deps));
  app.route("/dashboard", paymentsRoutes(deps));
  app.route("/dashboard", codRoutes(deps));
  server = await listen(app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

/** An element's text with every run of spaces (the đồng sign's no-break space, line breaks) as one space. */
const textOf = async (l: { innerText(): Promise<string> }) => (await l.innerText()).replace(/\s+/g, " ");

describe("the COD reconciliation page in a real browser at 360 px", () => {
  it("opens from the payments page, shows each carrier's figures and flags the parcel unpaid after 7 days", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signInAsOperator(page, server.url);

    await page.goto(`${server.url}/dashboard/payments?shop=demo`);
    await Promise.all([page.waitForURL(/\/dashboard\/cod\?shop=demo/), page.click("#cod-link")]);

    const ghn = page.locator('[data-carrier="ghn"]');
    expect(await textOf(ghn.locator('[data-figure="collected"]'))).toContain("45.000 ₫");
    expect(await textOf(ghn.locator('[data-figure="fees"]'))).toContain("22.000 ₫");
    expect(await textOf(ghn.locator('[data-figure="balance"]'))).toContain("Hãng còn nợ shop 23.000 ₫");
    const ghtk = page.locator('[data-carrier="ghtk"]');
    expect(await textOf(ghtk.locator('[data-figure="paid-out"]'))).toContain("8.000 ₫");
    expect(await textOf(ghtk.locator('[data-figure="balance"]'))).toContain(" 0 ₫");

    expect(await textOf(page.locator("#overdue"))).toContain("1 đơn đã giao quá 7 ngày");
    const row = page.locator('#unsettled tr[data-order="CC7K2M9Q"]');
    expect(await textOf(row)).toContain("9 ngày trước");
    expect(await textOf(row)).toContain("quá 7 ngày");
    // The settled GHTK parcel is not listed.
    expect(await page.locator('#unsettled tr[data-order="CC4H8N2P"]').count()).toBe(0);
    // Readable on a phone: no sideways scrolling, the cards side by side no more.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const [a, b] = [await ghn.boundingBox(), await ghtk.boundingBox()];
    expect((b?.y ?? 0) >= (a?.y ?? 0) + (a?.height ?? 0)).toBe(true);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/dashboard-cod.png", fullPage: true });

    // Ten days allowed: still unpaid, no longer flagged.
    await page.fill("input[name=days]", "10");
    await Promise.all([page.waitForURL(/days=10/), page.click("form.filters button")]);
    expect(await page.locator("#overdue").count()).toBe(0);
    expect(await page.locator('#unsettled tr[data-order="CC7K2M9Q"]').isVisible()).toBe(true);
    await page.close();
  });
});
