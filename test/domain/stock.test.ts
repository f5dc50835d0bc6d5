import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SqliteHandle } from "../../src/db/sqlite";
import { createOrder, type NewOrder } from "../../src/domain/orders/create-order";
import { cancelOrder } from "../../src/domain/orders/lifecycle";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import { releaseOrderStock, reserveStock } from "../../src/domain/stock/reservations";
import { expireDrafts } from "../../src/jobs/expire-drafts";
import { migratedDb, MONDAY_1030 } from "../helpers/test-app";

let db: SqliteHandle;
let buyerId: number;
const product = async (code: string) => db.store.db.selectFrom("products").selectAll().where("code", "=", code).executeTakeFirstOrThrow();

beforeEach(async () => {
  db = await migratedDb();
  await seedDemoShopIfEmpty(db.store, MONDAY_1030, "Asia/Ho_Chi_Minh");
  buyerId = (await db.store.db.insertInto("buyers").values({ channel: "webchat", user_id: "u1", created_at: "x", updated_at: "x" }).returning("id").executeTakeFirstOrThrow()).id;
});
afterEach(async () => {
  await db.close();
});

async function order(sourceKey: string, lines: { code: string; qty: number }[]): ReturnType<typeof createOrder> {
  const priced = await Promise.all(
    lines.map(async (l) => {
      const p = await product(l.code);
      return { productId: p.id, code: p.code, name: p.name, unit: p.unit, optionNames: [], qty: l.qty, unitPrice: p.price, lineTotal: p.price * l.qty };
    }),
  );
  const input: NewOrder = {
    shopId: 1,
    timeZone: "Asia/Ho_Chi_Minh",
    sourceKey,
    buyerId,
    channel: "webchat",
    botId: "demo",
    chatId: "c",
    lang: "vi",
    lines: priced,
    fulfilment: "pickup",
    zone: null,
    address: null,
    phone: "0912345678",
    slot: null,
    note: null,
    expiresAt: new Date(MONDAY_1030.getTime() + 30 * 60_000),
  };
  return createOrder(db.store, input, MONDAY_1030);
}

describe("stock reservations", () => {
  it("takes stock once per order and product, however often it is retried", async () => {
    const created = await order("k1", [{ code: "A4", qty: 2 }]);
    expect(created.ok).toBe(true);
    const again = await order("k1", [{ code: "A4", qty: 2 }]);
    expect(again.ok && created.ok && again.value.id === created.value.id).toBe(true);
    expect((await product("A4")).stock).toBe(1);
    const id = created.ok ? created.value.id : 0;
    expect(await reserveStock(db.store, id, (await product("A4")).id, 2, MONDAY_1030)).toBe(true);
    expect((await product("A4")).stock).toBe(1);
    const items = await db.store.db.selectFrom("order_items").select("line_no").where("order_id", "=", id).execute();
    expect(items).toHaveLength(1);
  });

  it("refuses what is not there and gives back what a multi-item order had already taken", async () => {
    const result = await order("k2", [
      { code: "A1", qty: 5 },
      { code: "A4", qty: 4 },
    ]);
    expect(result).toEqual({ ok: false, reason: { reason: "out_of_stock", productId: (await product("A4")).id, stockLeft: 3 } });
    expect((await product("A1")).stock).toBe(50);
    expect((await product("A4")).stock).toBe(3);
    const o = await db.store.db.selectFrom("orders").select(["status", "cancel_reason"]).where("source_key", "=", "k2").executeTakeFirstOrThrow();
    expect(o.status).toBe("cancelled");
    // The same failed request again stays failed and takes nothing.
    expect((await order("k2", [{ code: "A1", qty: 5 }, { code: "A4", qty: 4 }])).ok).toBe(false);
    expect((await product("A1")).stock).toBe(50);
  });

  it("never lets a sold-out flag be overridden by stock", async () => {
    await db.store.db.updateTable("products").set({ sold_out: 1 }).where("code", "=", "A5").execute();
    expect((await order("k3", [{ code: "A5", qty: 1 }])).ok).toBe(false);
    expect((await product("A5")).stock).toBe(20);
  });

  it("releases once: a second release returns nothing more", async () => {
    const created = await order("k4", [{ code: "A4", qty: 3 }]);
    const id = created.ok ? created.value.id : 0;
    expect((await product("A4")).stock).toBe(0);
    await releaseOrderStock(db.store, id, MONDAY_1030);
    await releaseOrderStock(db.store, id, MONDAY_1030);
    expect((await product("A4")).stock).toBe(3);
  });

  it("cancelling a delivered order does nothing and keeps its stock taken", async () => {
    const created = await order("k5", [{ code: "A4", qty: 1 }]);
    const id = created.ok ? created.value.id : 0;
    await db.store.db.updateTable("orders").set({ status: "delivered" }).where("id", "=", id).execute();
    expect(await cancelOrder(db.store, id, "nope", MONDAY_1030)).toBe(false);
    expect((await product("A4")).stock).toBe(2);
  });

  it("expires drafts past their hold and finishes releases a crash cut short", async () => {
    const a = await order("k6", [{ code: "A4", qty: 1 }]);
    const b = await order("k7", [{ code: "A4", qty: 1 }]);
    // b was cancelled but the process died before giving its stock back.
    await db.store.db.updateTable("orders").set({ status: "pending_payment" }).where("id", "=", a.ok ? a.value.id : 0).execute();
    await db.store.db.updateTable("orders").set({ status: "cancelled" }).where("id", "=", b.ok ? b.value.id : 0).execute();
    const c = await order("k8", [{ code: "A4", qty: 1 }]);
    expect((await product("A4")).stock).toBe(0);
    expect(await expireDrafts(db.store, new Date(MONDAY_1030.getTime() + 29 * 60_000))).toEqual({ expired: 0 });
    expect((await product("A4")).stock).toBe(1); // b's stranded unit came back
    expect(await expireDrafts(db.store, new Date(MONDAY_1030.getTime() + 31 * 60_000))).toEqual({ expired: 1 });
    expect((await product("A4")).stock).toBe(2); // c expired; a (waiting for payment) keeps its unit
    const expired = await db.store.db.selectFrom("orders").select("cancel_reason").where("id", "=", c.ok ? c.value.id : 0).executeTakeFirstOrThrow();
    expect(expired.cancel_reason).toBe("expired");
  });
});
