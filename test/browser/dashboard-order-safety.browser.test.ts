import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webchatSender } from "../../bots/webchat/sender";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { applyOrderAction } from "../../src/domain/orders/transitions";
import { dispatchOutbox } from "../../src/domain/outbox/dispatch";
import { launchChromium } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 19, items 1, 2 and 9, as a restaurant owner on a 360 px phone.
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

const db = () => t.sqlite.store.db;
const shop = () => db().selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
const OWNER = { id: 0, name: "Chị Mây", role: "owner" as const };
/** What the Node entry's dispatcher does, at the test's clock: sends what is due now. */
const dispatch = () => dispatchOutbox(t.sqlite.store, { webchat: webchatSender(t.sqlite.store, t.clock) }, t.logger, () => t.clock.now(), { batchSize: 100 });

async function phone(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await page.goto(`${server.url}/dashboard/login`);
  await page.fill("input[name=username]", "admin");
  await page.fill("input[name=password]", "test-operator-password");
  await page.click("button[type=submit]");
  await page.waitForURL(/\/dashboard(\?|$)/);
  return page;
}

async function pushedTo(session: string): Promise<string[]> {
  const res = await t.app.request(`/api/webchat/demo/messages?session=${session}&after=0`);
  return ((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
}

describe("the orders board on a phone", () => {
  it("a reject asks for a reason and a confirm; undo inside the window leaves the buyer untold; after it the buyer is told once", async () => {
    const { user, order } = await placeTransferOrder(t, { method: "cod" });
    const page = await phone();
    const card = page.locator(`.card[data-code="${order.code}"]`);
    await expect.poll(() => card.innerText()).toContain("(Vừa, Không cay)");

    // Nhận đơn and Từ chối sit ≥ 24 px apart, and the reject is not the same loud button.
    const accept = await card.locator("button", { hasText: "Nhận đơn" }).boundingBox();
    const reject = card.locator("a", { hasText: "Từ chối" });
    const rejectBox = await reject.boundingBox();
    expect(rejectBox && accept ? rejectBox.y - (accept.y + accept.height) : 0).toBeGreaterThanOrEqual(24);
    const colours = await page.evaluate((code) => {
      const c = document.querySelector(`.card[data-code="${code}"]`);
      const bg = (sel: string) => getComputedStyle(c?.querySelector(sel) as Element).backgroundColor;
      return { accept: bg("button"), reject: bg("a.btn-reject") };
    }, order.code);
    expect(colours.reject).not.toBe(colours.accept);

    // One tap does not cancel: it asks why, with nothing chosen, and submitting without a reason is refused by the page.
    await reject.click();
    await page.waitForURL(/\/reject/);
    expect(await page.locator("input[name=reason]:checked").count()).toBe(0);
    await page.locator("button", { hasText: "Xác nhận huỷ đơn" }).click();
    expect(page.url()).toContain("/reject");
    expect((await db().selectFrom("orders").select("status").where("id", "=", order.id).executeTakeFirstOrThrow()).status).toBe("confirmed");

    // Reason, confirm: cancelled, the buyer not told yet, "Hoàn tác" on the card.
    await page.locator("label", { hasText: "Ngoài vùng giao" }).click();
    await page.locator("button", { hasText: "Xác nhận huỷ đơn" }).click();
    await expect.poll(() => page.locator(".flash").innerText()).toContain(`Đã huỷ đơn ${order.code}`);
    expect((await db().selectFrom("orders").select(["status", "cancel_reason"]).where("id", "=", order.id).executeTakeFirstOrThrow()).cancel_reason).toBe("outside_area");
    await dispatch();
    expect((await pushedTo(user.session ?? "")).join("\n")).not.toContain("huỷ");

    // Undo 20 s later: the order is back, the buyer never hears of it, even long after.
    t.clock.advance(20_000);
    await page.locator(`.card[data-code="${order.code}"] button`, { hasText: "Hoàn tác" }).click();
    await expect.poll(() => page.locator(".flash").innerText()).toContain(`Đã hoàn tác`);
    expect((await db().selectFrom("orders").select("status").where("id", "=", order.id).executeTakeFirstOrThrow()).status).toBe("confirmed");
    t.clock.advance(120_000);
    await dispatch();
    expect((await pushedTo(user.session ?? "")).join("\n")).not.toContain("huỷ");

    // Cancel again; this time the window passes: the buyer is told once, and undo is refused.
    await page.reload();
    await page.locator(`.card[data-code="${order.code}"] a`, { hasText: "Từ chối" }).click();
    await page.locator("label", { hasText: "Hết hàng" }).click();
    await page.locator("button", { hasText: "Xác nhận huỷ đơn" }).click();
    await expect.poll(() => page.locator(".flash").innerText()).toContain(`Đã huỷ đơn ${order.code}`);
    t.clock.advance(10_000);
    await dispatch();
    expect((await pushedTo(user.session ?? "")).filter((m) => m.includes("huỷ"))).toEqual([]);
    const undoButton = page.locator(`.card[data-code="${order.code}"] button`, { hasText: "Hoàn tác" });
    t.clock.advance(21_000);
    await dispatch();
    await dispatch();
    expect((await pushedTo(user.session ?? "")).filter((m) => m.includes("huỷ"))).toEqual([`❌ Đơn ${order.code} đã bị huỷ: hết hàng.`]);
    await undoButton.click();
    await expect.poll(() => page.locator(".flash").innerText()).toContain("quá thời gian hoàn tác");
    expect((await db().selectFrom("orders").select("status").where("id", "=", order.id).executeTakeFirstOrThrow()).status).toBe("cancelled");
    await page.close();
  }, 90_000);

  it("a half-typed shipper name survives the 4 s auto-refresh, while other cards still refresh", async () => {
    const one = await placeTransferOrder(t, { method: "cod" });
    const two = await placeTransferOrder(t, { method: "cod" });
    for (const o of [one.order, two.order]) expect((await applyOrderAction(t.sqlite.store, await shop(), o.code, { kind: "accept" }, OWNER, t.clock.now())).ok).toBe(true);
    const page = await phone();
    const name = page.locator(`.card[data-code="${one.order.code}"] input[name=shipperName]`);
    await name.fill("Anh T");
    // The seller looks away (the field loses focus) and the board changes elsewhere.
    await page.locator("h1").click();
    await page.waitForTimeout(4_500);
    t.clock.advance(1_000);
    expect((await applyOrderAction(t.sqlite.store, await shop(), two.order.code, { kind: "deliver" }, OWNER, t.clock.now())).ok).toBe(true);
    await expect.poll(() => page.locator(`section[data-status="delivered"] .card[data-code="${two.order.code}"]`).count(), { timeout: 15_000, interval: 500 }).toBe(1);
    expect(await name.inputValue()).toBe("Anh T");
    // Still typing, with focus in the field, across another change.
    await name.click();
    await page.keyboard.type("ú");
    t.clock.advance(1_000);
    await db().updateTable("orders").set({ note: "thêm đũa", updated_at: t.clock.now().toISOString() }).where("id", "=", two.order.id).execute();
    await expect.poll(() => page.locator(`.card[data-code="${two.order.code}"]`).innerText(), { timeout: 15_000, interval: 500 }).toContain("thêm đũa");
    expect(await name.inputValue()).toBe("Anh Tú");
    await page.close();
  }, 60_000);

  it("prints the kitchen slip on 58 mm paper, and all new orders one a page", async () => {
    const { order } = await placeTransferOrder(t, { method: "cod" });
    await db().updateTable("orders").set({ note: "ít cơm" }).where("id", "=", order.id).execute();
    await placeTransferOrder(t, { method: "vietqr" });
    const page = await phone();
    const card = page.locator(`.card[data-code="${order.code}"]`);
    await card.locator("a", { hasText: "In phiếu" }).click();
    await page.waitForURL(/\/slip/);
    await page.locator("a", { hasText: "58 mm" }).click();
    await page.waitForURL(/paper=58/);
    await page.emulateMedia({ media: "print" });
    const slip = page.locator(`.slip[data-code="${order.code}"]`);
    const text = await slip.innerText();
    for (const want of [order.code, "A1", "(Vừa, Không cay) × 1", "ít cơm", "0912345678", "11:30", "45.000", "Thu tiền mặt (COD)", "Tự đến lấy"]) expect(text).toContain(want);
    const box = await slip.boundingBox();
    // 58 mm at 96 dpi is 219 px.
    expect(Math.round(box?.width ?? 0)).toBeGreaterThanOrEqual(217);
    expect(Math.round(box?.width ?? 0)).toBeLessThanOrEqual(221);
    expect(await page.locator(".bar").first().isVisible()).toBe(false);
    const codeSize = await page.evaluate((c) => parseFloat(getComputedStyle(document.querySelector(`.slip[data-code="${c}"] .code`) as Element).fontSize), order.code);
    expect(codeSize).toBeGreaterThanOrEqual(22);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/order-slip-58mm.png", fullPage: true });

    // "In tất cả đơn mới" from the board: every new order, a page each.
    await page.emulateMedia({ media: "screen" });
    await page.goto(`${server.url}/dashboard?shop=demo`);
    await page.locator("a", { hasText: "In tất cả đơn mới" }).click();
    await page.waitForURL(/\/orders\/slips/);
    await page.emulateMedia({ media: "print" });
    const slips = page.locator(".slip");
    const count = await slips.count();
    const fresh = await db().selectFrom("orders").select("code").where("status", "in", ["confirmed", "pending_payment"]).execute();
    expect(count).toBe(fresh.length);
    expect(count).toBeGreaterThanOrEqual(2);
    const breaks = await page.evaluate(() => [...document.querySelectorAll(".slip")].map((s) => getComputedStyle(s).breakAfter));
    expect(breaks.slice(0, -1).every((b) => b === "page")).toBe(true);
    await page.screenshot({ path: "test-results/screenshots/order-slips-all-new.png", fullPage: true });
    await page.close();
  }, 60_000);
});
