import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SqliteHandle } from "../../src/db/sqlite";
import { createOrder, type NewOrder } from "../../src/domain/orders/create-order";
import { createOrderWithinCaps, isKnownBuyer, paymentTimeoutMinutes } from "../../src/domain/orders/hold-caps";
import { cancelOrder } from "../../src/domain/orders/lifecycle";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import { claimPaidStock, settleFirstPaidLines } from "../../src/domain/stock/first-paid";
import { migratedDb, MONDAY_1030 } from "../helpers/test-app";

// Issue 18 item 6, the domain side: the hold cap is checked by the order's INSERT itself, and a
// first-paid line is taken once, by the first paid order, however the claims race.

let db: SqliteHandle;
const product = async (code: string) => db.store.db.selectFrom("products").selectAll().where("code", "=", code).executeTakeFirstOrThrow();
const buyer = async (channel: string, userId: string) =>
  (await db.store.db.insertInto("buyers").values({ channel, user_id: userId, created_at: "x", updated_at: "x" }).returning("id").executeTakeFirstOrThrow()).id;

beforeEach(async () => {
  db = await migratedDb();
  await seedDemoShopIfEmpty(db.store, MONDAY_1030, "Asia/Ho_Chi_Minh");
});
afterEach(async () => {
  await db.close();
});

async function input(sourceKey: string, buyerId: number, code: string, qty: number, extra: Partial<NewOrder> = {}): Promise<NewOrder> {
  const p = await product(code);
  return {
    shopId: 1,
    timeZone: "Asia/Ho_Chi_Minh",
    sourceKey,
    buyerId,
    channel: "webchat",
    botId: "demo",
    chatId: `chat-${buyerId}`,
    lang: "vi",
    lines: [{ productId: p.id, code: p.code, name: p.name, unit: p.unit, optionNames: [], qty, unitPrice: p.price, lineTotal: p.price * qty }],
    fulfilment: "pickup",
    zone: null,
    address: null,
    phone: null,
    slot: null,
    note: null,
    expiresAt: new Date(MONDAY_1030.getTime() + 30 * 60_000),
    ...extra,
  };
}

/** An order waiting in line for `qty` of A4, then marked paid in full (as the bank webhook does). */
async function paidInLine(sourceKey: string, qty: number, paidAt: string): Promise<number> {
  const a4 = await product("A4");
  const created = await createOrder(db.store, await input(sourceKey, await buyer("webchat", sourceKey), "A4", qty, { waitForPayment: new Set([a4.id]) }), MONDAY_1030);
  if (!created.ok) throw new Error("not queued");
  await db.store.db
    .updateTable("orders")
    .set({ status: "confirmed", payment_method: "vietqr", payment_status: "paid", paid_amount: created.value.total, paid_at: paidAt })
    .where("id", "=", created.value.id)
    .execute();
  return created.value.id;
}

describe("hold caps", () => {
  it("a burst of orders at once cannot slip past the cap: exactly 2 written, nothing else taken", async () => {
    const id = await buyer("webchat", "burst");
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => createOrderWithinCaps(db.store, await input(`burst:${i}`, id, "A8", 1, { clientAddress: "203.0.113.99" }), { perBuyer: 2, perAddress: 5 }, MONDAY_1030)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.reason.reason === "hold_cap" && r.reason.scope === "buyer" && r.reason.held === 2)).toHaveLength(18);
    expect(await db.store.db.selectFrom("orders").select("id").where("buyer_id", "=", id).execute()).toHaveLength(2);
    expect((await product("A8")).stock).toBe(58);
    // A retry of one already written goes on (same source key); a cancelled one frees a place.
    expect((await createOrderWithinCaps(db.store, await input("burst:0", id, "A8", 1), { perBuyer: 2, perAddress: 5 }, MONDAY_1030)).ok).toBe(results[0]?.ok);
    const first = results.find((r) => r.ok);
    if (first?.ok) await cancelOrder(db.store, first.value.id, "buyer_cancelled", MONDAY_1030);
    expect((await createOrderWithinCaps(db.store, await input("burst:new", id, "A8", 1), { perBuyer: 2, perAddress: 5 }, MONDAY_1030)).ok).toBe(true);
  });

  it("the address cap counts anonymous orders at that address, across buyers; 0 turns a cap off", async () => {
    const caps = { perBuyer: 0, perAddress: 3 };
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createOrderWithinCaps(db.store, await input(`addr:${i}`, await buyer("webchat", `s${i}`), "A8", 1, { clientAddress: "198.51.100.5" }), caps, MONDAY_1030));
    expect(made.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(!made[3]?.ok && made[3]?.reason).toEqual({ reason: "hold_cap", scope: "address", held: 3 });
    // "unknown" (no address seen) is not an address: never capped together.
    const unknown = await createOrderWithinCaps(db.store, await input("addr:u", await buyer("webchat", "su"), "A8", 1, { clientAddress: "unknown" }), caps, MONDAY_1030);
    expect(unknown.ok && unknown.value.client_address).toBe(null);
  });

  it("known buyers: Telegram and Zalo, or a web chat buyer with a paid order; only anonymous ones wait less", async () => {
    expect(await isKnownBuyer(db.store, { id: await buyer("telegram", "42"), channel: "telegram" })).toBe(true);
    expect(await isKnownBuyer(db.store, { id: await buyer("zalo", "43"), channel: "zalo" })).toBe(true);
    const web = await buyer("webchat", "visitor");
    expect(await isKnownBuyer(db.store, { id: web, channel: "webchat" })).toBe(false);
    const created = await createOrder(db.store, await input("paid-before", web, "A8", 1), MONDAY_1030);
    if (created.ok) await db.store.db.updateTable("orders").set({ payment_status: "paid", status: "confirmed" }).where("id", "=", created.value.id).execute();
    expect(await isKnownBuyer(db.store, { id: web, channel: "webchat" })).toBe(true);

    const shop = { payment_timeout_minutes: 120, anonymous_payment_timeout_minutes: 45 };
    expect([paymentTimeoutMinutes(shop, true), paymentTimeoutMinutes(shop, false)]).toEqual([120, 45]);
    expect(paymentTimeoutMinutes({ ...shop, anonymous_payment_timeout_minutes: 0 }, false)).toBe(120);
    expect(paymentTimeoutMinutes({ ...shop, anonymous_payment_timeout_minutes: 500 }, false)).toBe(120);
  });
});

describe("claimPaidStock", () => {
  it("two paid orders racing for the last units: one gets them, once; stock never below zero", async () => {
    await db.store.db.updateTable("products").set({ stock: 2 }).where("code", "=", "A4").execute();
    const first = await paidInLine("race-1", 2, "2026-11-23T03:40:00.000Z");
    const second = await paidInLine("race-2", 2, "2026-11-23T03:41:00.000Z");
    const outcomes = await Promise.all([claimPaidStock(db.store, second, MONDAY_1030), claimPaidStock(db.store, first, MONDAY_1030), claimPaidStock(db.store, second, MONDAY_1030)]);
    expect(outcomes.filter((o) => o.kind === "claimed")).toHaveLength(1);
    expect((await product("A4")).stock).toBe(0);
    const held = await db.store.db.selectFrom("stock_reservations").select(["order_id", "qty", "status"]).execute();
    expect(held).toHaveLength(1);
    const loser = held[0]?.order_id === first ? second : first;
    expect(await db.store.db.selectFrom("orders").select(["status", "cancel_reason"]).where("id", "=", loser).executeTakeFirstOrThrow()).toEqual({ status: "cancelled", cancel_reason: "out_of_stock" });
    // One sold-out message to the loser, however often it runs.
    await claimPaidStock(db.store, loser, MONDAY_1030);
    await settleFirstPaidLines(db.store, MONDAY_1030);
    expect(await db.store.db.selectFrom("outbox").select("dedupe_key").where("dedupe_key", "=", `order:${loser}:first-paid-sold-out`).execute()).toHaveLength(1);
    expect((await product("A4")).stock).toBe(0);
  });

  it("the sweep serves in the order orders were paid", async () => {
    await db.store.db.updateTable("products").set({ stock: 2 }).where("code", "=", "A4").execute();
    const later = await paidInLine("sweep-later", 2, "2026-11-23T03:45:00.000Z");
    const earlier = await paidInLine("sweep-earlier", 2, "2026-11-23T03:44:00.000Z");
    expect(await settleFirstPaidLines(db.store, MONDAY_1030)).toEqual({ claimed: 1, turnedAway: 0 });
    const held = await db.store.db.selectFrom("stock_reservations").select("order_id").execute();
    expect(held).toEqual([{ order_id: earlier }]);
    expect((await db.store.db.selectFrom("orders").select("status").where("id", "=", later).executeTakeFirstOrThrow()).status).toBe("cancelled");
  });

  it("an unpaid or partly paid order claims nothing; a cancelled one gives up its place", async () => {
    const a4 = await product("A4");
    const created = await createOrder(db.store, await input("unpaid", await buyer("webchat", "u"), "A4", 1, { waitForPayment: new Set([a4.id]) }), MONDAY_1030);
    if (!created.ok) throw new Error("not queued");
    expect(await claimPaidStock(db.store, created.value.id, MONDAY_1030)).toEqual({ kind: "none" });
    await db.store.db.updateTable("orders").set({ payment_status: "partial", paid_amount: 1000 }).where("id", "=", created.value.id).execute();
    expect(await claimPaidStock(db.store, created.value.id, MONDAY_1030)).toEqual({ kind: "none" });
    expect((await product("A4")).stock).toBe(3);
    await cancelOrder(db.store, created.value.id, "buyer_cancelled", MONDAY_1030);
    expect((await product("A4")).stock).toBe(3);
    expect(await db.store.db.selectFrom("stock_queue").select("status").execute()).toEqual([{ status: "dropped" }]);
  });
});
