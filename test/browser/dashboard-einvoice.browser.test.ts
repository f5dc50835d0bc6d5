import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { startFakeSepayEinvoice, type FakeEinvoice } from "../fakes/sepay-einvoice-api";
import { OPERATOR_PASSWORD } from "../helpers/dashboard";
import { launchChromium, PHONE, signInAsOperator } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { placeTransferOrder } from "../helpers/orders";
import type { TestApp } from "../helpers/test-app";
import { einvoiceApp, setEinvoiceRequired } from "../einvoice/helpers";

// Issue 24 part 7 on a 360 px phone: the seller types the SePay credentials, checks the connection,
// picks the sales-invoice template from what SePay lists, turns it on; then "Xuất hóa đơn điện tử"
// on a paid order's card shows the invoice number and its PDF link. Every page fits the phone.
let fake: FakeEinvoice;
let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  fake = await startFakeSepayEinvoice({ now: () => t.clock.now().getTime() });
  t = await einvoiceApp(fake);
  await ensureOperator(t.sqlite.store, OPERATOR_PASSWORD, t.clock.now());
  await setEinvoiceRequired(t, true);
  server = await listen(t.app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
  await fake?.close();
});

const fitsPhone = async (page: import("playwright-core").Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(370);

describe("e-invoices in a real browser", () => {
  it("are set up from the settings page and issued from the order card", async () => {
    const page = await browser.newPage(PHONE);
    await signInAsOperator(page, server.url);
    await page.goto(`${server.url}/dashboard/einvoice?shop=demo`);
    await page.fill("input[name=clientId]", fake.clientId);
    await page.fill("input[name=clientSecret]", fake.clientSecret);
    await Promise.all([page.waitForURL(/saved=1/), page.click("#einvoice-settings form >> button.btn:not(.alt)")]);
    expect(await page.locator(".flash").innerText()).toContain("Đã lưu");
    expect(await page.content()).not.toContain(fake.clientSecret);
    await fitsPhone(page);

    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('Kiểm tra kết nối')")]);
    await expect.poll(() => page.locator(".flash").innerText()).toContain("Kết nối được SePay");
    const sales = page.locator(`input[name=choice][value="${fake.accountId}|2|C26TMB"]`);
    expect(await page.locator(`input[name=choice][value="${fake.accountId}|1|C26TAT"]`).isDisabled()).toBe(true);
    await sales.check();
    await page.check("input[name=enabled]");
    await fitsPhone(page);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/dashboard-einvoice-settings.png", fullPage: true });
    await Promise.all([page.waitForURL(/saved=1/), page.click("#einvoice-settings form >> button.btn:not(.alt)")]);
    expect(await page.inputValue("input[name=invoiceSeries]")).toBe("C26TMB");
    expect(await page.isChecked("input[name=enabled]")).toBe(true);

    const { order } = await placeTransferOrder(t);
    await t.sqlite.store.db.updateTable("orders").set({ payment_status: "paid", paid_amount: order.total, status: "confirmed" }).where("id", "=", order.id).execute();
    await page.goto(`${server.url}/dashboard?shop=demo`);
    const card = page.locator(`.card[data-code="${order.code}"]`);
    const button = card.locator("button", { hasText: "Xuất hóa đơn điện tử" });
    await expect.poll(() => button.count()).toBe(1);
    const box = await button.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
    await button.click();
    await expect.poll(() => card.innerText()).toContain("Hóa đơn số 0000001 (C26TMB)");
    const pdf = card.locator("a.invoice-pdf");
    expect(await pdf.getAttribute("href")).toContain(`${fake.url}/files/`);
    await fitsPhone(page);
    await page.screenshot({ path: "test-results/screenshots/dashboard-einvoice-card.png", fullPage: true });
  });
});
