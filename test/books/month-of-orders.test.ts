import { afterEach, describe, expect, it } from "vitest";
import { seedMonthOfOrders, YEAR_ABOVE_THRESHOLD } from "../../src/domain/shops/demo-orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// The generator the books' tests stand on: deterministic, and the month it claims to make.
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function fingerprint() {
  t = await makeTestApp();
  const month = await seedMonthOfOrders(t.sqlite.store);
  const db = t.sqlite.store.db;
  const orders = await db.selectFrom("orders").select(["status", "payment_status", "total", "delivered_at"]).orderBy("id").execute();
  const txs = await db.selectFrom("bank_transactions").select(["provider", "amount", "outcome", "transaction_at"]).orderBy("id").execute();
  await t.close();
  t = undefined;
  return { month, orders, txs };
}

describe("a month of orders", () => {
  it("is the same every run, and has what the books need", async () => {
    const a = await fingerprint();
    const b = await fingerprint();
    expect(b.orders).toEqual(a.orders);
    expect(b.txs).toEqual(a.txs);
    const { orders, txs, month } = a;
    expect(orders.length).toBeGreaterThanOrEqual(150);
    expect(orders.length).toBeLessThanOrEqual(320);
    expect(orders.filter((o) => o.status === "delivered").length).toBeGreaterThan(120);
    expect(orders.filter((o) => o.status === "cancelled").length).toBeGreaterThan(5);
    expect(orders.filter((o) => o.payment_status === "cod" && o.status === "delivered").length).toBeGreaterThan(30);
    for (const p of ["sepay", "casso", "payos", "manual"]) expect(txs.filter((x) => x.provider === p).length, p).toBeGreaterThan(3);
    for (const outcome of ["paid", "partial", "overpaid", "late", "unmatched", "other_account"]) expect(txs.some((x) => x.outcome === outcome), outcome).toBe(true);
    // Deliveries after 17:00 UTC are on the next day in Vietnam: some cross midnight.
    expect(orders.filter((o) => o.delivered_at && Number(o.delivered_at.slice(11, 13)) >= 17).length).toBeGreaterThan(3);
    expect(month.edge.lastDay2330?.deliveredAt).toBe("2026-11-30T16:30:00.000Z");
    expect(month.from).toBe("2026-11-01");
    expect(month.to).toBe("2026-11-30");
  }, 120_000);
});

describe("a bigger year", () => {
  it("passes the 1 tỷ no-tax threshold during the year (for the drafts and alerts)", async () => {
    t = await makeTestApp();
    await seedMonthOfOrders(t.sqlite.store, YEAR_ABOVE_THRESHOLD);
    const rows = await t.sqlite.store.db.selectFrom("orders").select(["total", "delivered_at"]).where("status", "=", "delivered").execute();
    const byJune = rows.filter((r) => r.delivered_at! < "2026-06-30T17:00:00Z").reduce((s, r) => s + r.total, 0);
    const year = rows.reduce((s, r) => s + r.total, 0);
    expect(year).toBeGreaterThan(1_000_000_000);
    expect(byJune).toBeLessThan(1_000_000_000);
  }, 300_000);
});
