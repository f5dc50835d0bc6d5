import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { revenueLines } from "../../src/domain/books/revenue-lines";
import { normalizeOrderCode, parseReturnForm, recordReturn, returnableOrder, returnsOf } from "../../src/domain/books/returns";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

const TODAY = "2026-11-23";
const shop = { id: 1, time_zone: "Asia/Ho_Chi_Minh" };
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

/** A 45.000 ₫ order, delivered on 2026-11-20 (shop time) unless told otherwise. */
async function order(code: string, delivered: string | null = "2026-11-20T05:00:00.000Z") {
  const { order } = await placeTransferOrder(t, { code });
  if (delivered) await t.sqlite.store.db.updateTable("orders").set({ status: "delivered", delivered_at: delivered }).where("id", "=", order.id).execute();
  return order;
}
const input = (over: Partial<Parameters<typeof recordReturn>[2]> = {}) => ({ code: "CC7K2M9Q", acceptedDate: "2026-11-22", amount: 20_000, reason: "Hỏng", refund: "cash" as const, ...over });

describe("the return form, checked", () => {
  it("defaults the day to today and the amount to what is left, and reads codes as sellers copy them", () => {
    expect(parseReturnForm({ code: "#cc7k2m9q" }, TODAY)).toEqual({ ok: true, value: { code: "CC7K2M9Q", acceptedDate: TODAY, amount: null, reason: "", refund: null } });
    expect(normalizeOrderCode(" 7k2m 9q ")).toBe("CC7K2M9Q");
    const typed = parseReturnForm({ code: "CC7K2M9Q", acceptedDate: "2026-11-21", amount: "20k", reason: " vỡ  hộp ", refund: "bank" }, TODAY);
    expect(typed.ok && typed.value).toEqual({ code: "CC7K2M9Q", acceptedDate: "2026-11-21", amount: 20_000, reason: "vỡ hộp", refund: "bank" });
  });

  it("says what is wrong with each field", () => {
    const r = parseReturnForm({ code: " ", acceptedDate: "2026-11-24", amount: "hai chục", refund: "wallet", reason: "x".repeat(161) }, TODAY);
    expect(!r.ok && r.reason).toEqual([
      { field: "code", problem: "empty" },
      { field: "acceptedDate", problem: "date_future" },
      { field: "amount", problem: "invalid" },
      { field: "reason", problem: "too_long" },
      { field: "refund", problem: "choice" },
    ]);
    const zero = parseReturnForm({ code: "CC7K2M9Q", amount: "0" }, TODAY);
    expect(!zero.ok && zero.reason).toEqual([{ field: "amount", problem: "zero" }]);
  });
});

describe("a return booked", () => {
  it("refuses an unknown code, an order not delivered, a day before delivery and more than is left", async () => {
    await order("CC7K2M9Q");
    await order("CC4H8N2P", null);
    const store = t.sqlite.store;
    expect(await recordReturn(store, shop, input({ code: "CCZZZZZZ" }), "Chủ", t.clock.now())).toEqual({ ok: false, reason: "unknown_code" });
    expect(await recordReturn(store, shop, input({ code: "CC4H8N2P" }), "Chủ", t.clock.now())).toEqual({ ok: false, reason: "not_delivered" });
    expect(await recordReturn(store, shop, input({ acceptedDate: "2026-11-19" }), "Chủ", t.clock.now())).toEqual({ ok: false, reason: "before_delivery" });
    expect(await recordReturn(store, shop, input({ amount: 45_001 }), "Chủ", t.clock.now())).toEqual({ ok: false, reason: "above_left" });
    // Another shop's order is unknown here.
    expect(await recordReturn(store, { ...shop, id: 2 }, input(), "Chủ", t.clock.now())).toEqual({ ok: false, reason: "unknown_code" });
    expect(await returnsOf(store, 1, { from: "2026-11-01", to: "2026-11-30" })).toEqual([]);
  });

  it("takes part of an order, then the rest by default, then nothing more; each a negative revenue line on its day", async () => {
    await order("CC7K2M9Q");
    const store = t.sqlite.store;
    const first = await recordReturn(store, shop, input(), "Chủ", t.clock.now());
    expect(first).toMatchObject({ ok: true, value: { code: "CC7K2M9Q", amount: 20_000, left: 25_000 } });
    const left = await returnableOrder(store, shop, "CC7K2M9Q");
    expect(left.ok && [left.value.returned, left.value.left, left.value.deliveredDate]).toEqual([20_000, 25_000, "2026-11-20"]);
    const rest = await recordReturn(store, shop, input({ amount: null, acceptedDate: "2026-11-23", refund: null }), "Chủ", t.clock.now());
    expect(rest).toMatchObject({ ok: true, value: { amount: 25_000, left: 0 } });
    expect(await recordReturn(store, shop, input({ amount: 1 }), "Chủ", t.clock.now())).toEqual({ ok: false, reason: "nothing_left" });
    expect((await returnsOf(store, 1, { from: "2026-11-01", to: "2026-11-30" })).map((r) => [r.acceptedDate, r.amount, r.refund, r.reason])).toEqual([
      ["2026-11-22", 20_000, "cash", "Hỏng"],
      ["2026-11-23", 25_000, null, "Hỏng"],
    ]);
    const lines = await revenueLines(store, shop, { from: "2026-11-01", to: "2026-11-30" });
    expect(lines.map((l) => [l.date, l.kind, l.amount])).toEqual([
      ["2026-11-20", "sale", 45_000],
      ["2026-11-22", "return", -20_000],
      ["2026-11-23", "return", -25_000],
    ]);
  });

  it("cannot pass the total even when two returns are booked at once", async () => {
    await order("CC7K2M9Q");
    const store = t.sqlite.store;
    const both = await Promise.all([recordReturn(store, shop, input({ amount: 30_000 }), "A", t.clock.now()), recordReturn(store, shop, input({ amount: 30_000 }), "B", t.clock.now())]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toEqual({ ok: false, reason: "above_left" });
    const sum = (await returnsOf(store, 1, { from: "2026-11-01", to: "2026-11-30" })).reduce((s, r) => s + r.amount, 0);
    expect(sum).toBe(30_000);
  });
});
