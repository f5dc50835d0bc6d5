import { describe, expect, it } from "vitest";
import { checkAvailability } from "../../src/domain/catalog/availability";
import type { CatalogItem } from "../../src/domain/catalog/catalog";
import { upcomingSlots } from "../../src/domain/delivery/slots";
import { newOrderCode, newSecretToken, ORDER_CODE_PATTERN } from "../../src/domain/orders/codes";
import { priceCart } from "../../src/domain/orders/pricing";
import { localTime } from "../../src/platform/shop-time";

const item = (over: Partial<CatalogItem> = {}): CatalogItem => ({
  id: 1,
  code: "A1",
  name: "Cơm gà",
  price: 45_000,
  unit: "phần",
  photoUrl: null,
  description: "",
  stock: 10,
  category: "",
  labels: [],
  aliases: [],
  availableDays: "1234567",
  availableFrom: null,
  availableTo: null,
  soldOut: false,
  activityGroup: "goods",
  optionGroups: [{ id: 1, name: "Cỡ", options: [{ id: 11, name: "Vừa", priceDelta: 0 }, { id: 12, name: "Lớn", priceDelta: 10_000 }] }],
  ...over,
});
const TZ = "Asia/Ho_Chi_Minh";

describe("order codes and tokens", () => {
  it("codes are CC plus 6 of A–Z2–9 and rarely repeat (a repeat is retried on insert)", () => {
    // 34^6 ≈ 1.5e9 codes: 5,000 draws repeat about once in a hundred runs, and more than three
    // repeats would mean the generator is broken, not unlucky.
    const codes = new Set(Array.from({ length: 5_000 }, newOrderCode));
    expect(codes.size).toBeGreaterThanOrEqual(4_997);
    for (const c of codes) expect(c).toMatch(/^CC[A-Z2-9]{6}$/);
    expect(ORDER_CODE_PATTERN.exec("MBVCB.3278907687.cc7k2m9q.CT tu")?.[0]).toBe("cc7k2m9q");
  });
  it("every symbol of the alphabet appears (no bias to a subset)", () => {
    const seen = new Set(Array.from({ length: 2_000 }, newOrderCode).join(""));
    expect(seen.size).toBe(34);
  });
  it("tokens carry 128 bits in 22 base64url characters", () => {
    expect(newSecretToken()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe("pricing", () => {
  it("adds option deltas to the base price in integer đồng", () => {
    const priced = priceCart([{ productId: 1, optionIds: [12], qty: 3 }], [item()]);
    expect(priced).toEqual({ ok: true, value: { subtotal: 165_000, lines: [expect.objectContaining({ unitPrice: 55_000, lineTotal: 165_000, optionNames: ["Lớn"] })] } });
  });
  it("fails when a product or option is gone", () => {
    expect(priceCart([{ productId: 2, optionIds: [], qty: 1 }], [item()])).toEqual({ ok: false, reason: "product_gone" });
    expect(priceCart([{ productId: 1, optionIds: [99], qty: 1 }], [item()])).toEqual({ ok: false, reason: "option_gone" });
  });
});

describe("availability in shop time", () => {
  const monday0830 = new Date("2026-11-23T01:30:00Z");
  it("knows the local day and minute", () => {
    expect(localTime(monday0830, TZ)).toEqual({ date: "2026-11-23", minutes: 8 * 60 + 30, weekday: 1 });
    expect(localTime(new Date("2026-11-22T17:30:00Z"), TZ)).toEqual({ date: "2026-11-23", minutes: 30, weekday: 1 });
  });
  it("refuses sold out, wrong weekday and outside hours", () => {
    expect(checkAvailability(item({ soldOut: true }), monday0830, TZ)).toEqual({ ok: false, reason: "sold_out" });
    expect(checkAvailability(item({ stock: 0 }), monday0830, TZ)).toEqual({ ok: false, reason: "sold_out" });
    expect(checkAvailability(item({ availableDays: "567" }), monday0830, TZ)).toEqual({ ok: false, reason: "not_today" });
    expect(checkAvailability(item({ availableFrom: "10:00", availableTo: "14:00" }), monday0830, TZ)).toEqual({ ok: false, reason: "outside_hours", from: "10:00", to: "14:00" });
    expect(checkAvailability(item({ availableFrom: "08:00", availableTo: "14:00" }), monday0830, TZ)).toEqual({ ok: true });
  });
});

describe("time slots", () => {
  const slots = [
    { id: 1, shop_id: 1, start_time: "10:30", end_time: "11:30", sort: 0 },
    { id: 2, shop_id: 1, start_time: "17:00", end_time: "18:00", sort: 1 },
  ];
  it("offers today's slots that are far enough ahead, then tomorrow's", () => {
    const at1015 = new Date("2026-11-23T03:15:00Z");
    expect(upcomingSlots(slots, at1015, TZ, 30).map((s) => `${s.day} ${s.from}`)).toEqual(["today 17:00", "tomorrow 10:30", "tomorrow 17:00"]);
  });
  it("late in the evening offers only tomorrow, across the month boundary", () => {
    const late = new Date("2026-11-30T15:00:00Z"); // 22:00 on the 30th
    expect(upcomingSlots(slots, late, TZ, 30).map((s) => `${s.date} ${s.from}`)).toEqual(["2026-12-01 10:30", "2026-12-01 17:00"]);
  });
});
