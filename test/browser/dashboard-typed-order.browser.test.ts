import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { launchChromium, signInAsOperator } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 22: an order taken by phone, typed into the orders board on a 360 px phone.
let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  t = await makeTestApp();
  await ensureOperator(t.sqlite.store, "test-operator-password", t.clock.now());
  server = await listen(t.app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const staffOrders = () => t.sqlite.store.db.selectFrom("orders").selectAll().where("source", "=", "staff").execute();

async function phone(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await signInAsOperator(page, server.url);
  return page;
}

describe("the typed-in order form on a phone", () => {
  it("type the line, submit: the code and the pay link to copy; one order in the database, even sent twice", async () => {
    const page = await phone();
    const line = page.locator("#typed-order-line");
    expect(await line.getAttribute("placeholder")).toBe("0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than");
    // Readable at 360 px: the form fits the screen, nothing scrolls sideways.
    const box = await page.locator("section.typed-order").boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // A refusal first: in words, the line kept to correct.
    await line.fill("0912345678 Z9 2");
    await page.locator("section.typed-order button").click();
    await page.waitForURL(/typed=/);
    await expect.poll(() => page.locator("section.typed-order .flash.err").innerText()).toContain("Shop không có mã Z9");
    expect(await page.locator("#typed-order-line").inputValue()).toBe("0912345678 Z9 2");
    expect(await staffOrders()).toEqual([]);

    // The real line; the form is sent twice (a double tap on slow 3G, then the same form again).
    await page.locator("#typed-order-line").fill("0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than");
    const form = await page.evaluate(() => {
      const f = document.querySelector("section.typed-order form") as HTMLFormElement;
      return new URLSearchParams(new FormData(f) as unknown as Record<string, string>).toString();
    });
    const submitted = page.waitForURL((u) => u.searchParams.has("typed") && !u.href.includes("Z9"));
    await page.locator("section.typed-order button").dblclick();
    await submitted;
    // The double tap's second submit may still be navigating: settle on the page it lands on first.
    await expect.poll(() => page.locator("section.typed-order .flash[role=status]").count()).toBe(1);
    await page.waitForLoadState("load");
    const resend = () =>
      page.evaluate(
        async ({ body }) => (await fetch("/dashboard/orders/typed", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body, redirect: "manual" })).type,
        { body: form },
      );
    const again = await resend().catch(async () => {
      await page.waitForLoadState("load");
      return resend();
    });
    expect(again).toBe("opaqueredirect");

    const orders = await staffOrders();
    expect(orders).toHaveLength(1);
    const order = orders[0];
    expect(order).toMatchObject({ phone: "0912345678", zone_name: "Xã Mường Than", delivery_fee: 15_000, total: 375_000, status: "pending_payment" });
    const done = page.locator("section.typed-order .flash[role=status]");
    await expect.poll(() => done.innerText()).toContain(`Đã tạo đơn ${order?.code}`);
    expect((await done.innerText()).replace(/\u00a0/g, " ")).toContain("375.000 ₫");
    const link = done.locator("input.pay-link");
    expect(await link.inputValue()).toBe(`${server.url}/pay/${order?.pay_token}`);
    expect(await link.getAttribute("readonly")).not.toBeNull();
    // The link opens the buyer's payment page.
    const pay = await page.request.get(await link.inputValue());
    expect(pay.status()).toBe(200);
    // And the order is on the board below.
    await expect.poll(() => page.locator(`.card[data-code="${order?.code}"]`).count()).toBe(1);
    await page.close();
  });
});
