import { mkdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeSepayEinvoice, type FakeEinvoice } from "../fakes/sepay-einvoice-api";
import { fitsPhoneWidth, PHONE, realAppInChromium, signInAsOperator } from "../helpers/browser";
import { placeTransferOrder } from "../helpers/orders";
import { einvoiceApp, setEinvoiceRequired } from "../einvoice/helpers";

// Issue 24 part 7 on a 360 px phone: the seller types the SePay credentials, checks the connection,
// picks the sales-invoice template from what SePay lists, turns it on; then "Xuất hóa đơn điện tử"
// on a paid order's card shows the invoice number and its PDF link. Every page fits the phone.
let fake: FakeEinvoice;
const live = realAppInChromium(async () => {
  fake = await startFakeSepayEinvoice({ now: () => live.t.clock.now().getTime() });
  const app = await einvoiceApp(fake);
  await setEinvoiceRequired(app, true);
  return app;
});
afterAll(() => fake?.close());

describe("e-invoices in a real browser", () => {
  it("are set up from the settings page and issued from the order card", async () => {
    const page = await live.browser.newPage(PHONE);
    await signInAsOperator(page, live.url);
    await page.goto(`${live.url}/dashboard/einvoice?shop=demo`);
    await page.fill("input[name=clientId]", fake.clientId);
    await page.fill("input[name=clientSecret]", fake.clientSecret);
    await Promise.all([page.waitForURL(/saved=1/), page.click("#einvoice-settings form >> button.btn:not(.alt)")]);
    expect(await page.locator(".flash").innerText()).toContain("Đã lưu");
    expect(await page.content()).not.toContain(fake.clientSecret);
    await fitsPhoneWidth(page);

    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('Kiểm tra kết nối')")]);
    await expect.poll(() => page.locator(".flash").innerText()).toContain("Kết nối được SePay");
    const sales = page.locator(`input[name=choice][value="${fake.accountId}|2|C26TMB"]`);
    expect(await page.locator(`input[name=choice][value="${fake.accountId}|1|C26TAT"]`).isDisabled()).toBe(true);
    await sales.check();
    await page.check("input[name=enabled]");
    await fitsPhoneWidth(page);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/dashboard-einvoice-settings.png", fullPage: true });
    await Promise.all([page.waitForURL(/saved=1/), page.click("#einvoice-settings form >> button.btn:not(.alt)")]);
    expect(await page.inputValue("input[name=invoiceSeries]")).toBe("C26TMB");
    expect(await page.isChecked("input[name=enabled]")).toBe(true);

    const { order } = await placeTransferOrder(live.t);
    await live.t.sqlite.store.db.updateTable("orders").set({ payment_status: "paid", paid_amount: order.total, status: "confirmed" }).where("id", "=", order.id).execute();
    await page.goto(`${live.url}/dashboard?shop=demo`);
    const card = page.locator(`.card[data-code="${order.code}"]`);
    const button = card.locator("button", { hasText: "Xuất hóa đơn điện tử" });
    await expect.poll(() => button.count()).toBe(1);
    const box = await button.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
    await button.click();
    await expect.poll(() => card.innerText()).toContain("Hóa đơn số 0000001 (C26TMB)");
    const pdf = card.locator("a.invoice-pdf");
    expect(await pdf.getAttribute("href")).toContain(`${fake.url}/files/`);
    await fitsPhoneWidth(page);
    await page.screenshot({ path: "test-results/screenshots/dashboard-einvoice-card.png", fullPage: true });
  });
});
