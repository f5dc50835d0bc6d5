import { sql } from "kysely";
import type { Buyer, Live, Order, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { createOrder } from "../orders/create-order";
import { releaseReservation } from "../stock/reservations";

/** The buyer's one order in this live, made (empty, as a draft) on their first comment. */
export async function ensureLiveOrder(store: Store, shop: Shop, live: Live, buyer: Buyer, name: string, now: Date): Promise<Order> {
  const existing = await store.db
    .selectFrom("live_orders as l")
    .innerJoin("orders as o", "o.id", "l.order_id")
    .selectAll("o")
    .where("l.live_id", "=", live.id)
    .where("l.buyer_id", "=", buyer.id)
    .executeTakeFirst();
  if (existing?.status === "cancelled" && existing.cancel_reason === "expired") {
    // Their hold ran out but the live goes on: the same order opens again for what they comment now.
    await store.db
      .updateTable("orders")
      .set({ status: "draft", cancel_reason: null, expires_at: new Date(now.getTime() + shop.live_hold_minutes * 60_000).toISOString(), reminded_at: null })
      .where("id", "=", existing.id)
      .where("status", "=", "cancelled")
      .execute();
    return store.db.selectFrom("orders").selectAll().where("id", "=", existing.id).executeTakeFirstOrThrow();
  }
  if (existing) return existing;
  const created = await createOrder(
    store,
    {
      shopId: shop.id,
      timeZone: shop.time_zone,
      sourceKey: `live:${live.id}:buyer:${buyer.id}`,
      buyerId: buyer.id,
      channel: live.channel,
      botId: live.bot_id,
      chatId: buyer.private_chat_id ?? buyer.user_id,
      lang: buyer.lang ?? shop.lang,
      lines: [],
      fulfilment: "pickup",
      zone: null,
      address: null,
      phone: buyer.last_phone,
      slot: null,
      note: null,
      expiresAt: new Date(now.getTime() + shop.live_hold_minutes * 60_000),
    },
    now,
  );
  if (!created.ok) throw new Error("an empty order cannot run out of stock");
  await store.db
    .insertInto("live_orders")
    .values({ live_id: live.id, buyer_id: buyer.id, order_id: created.value.id, user_id: buyer.user_id, display_name: name.slice(0, 60) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await store.db.selectFrom("live_orders").select("order_id").where("live_id", "=", live.id).where("buyer_id", "=", buyer.id).executeTakeFirstOrThrow();
  return store.db.selectFrom("orders").selectAll().where("id", "=", row.order_id).executeTakeFirstOrThrow();
}

export type LiveReserveFailure = "not_in_live" | "cap_reached" | "buyer_cap" | "out_of_stock";

/**
 * Holds `qty` more of an item for a live order, all or nothing, in one atomic batch: the real
 * stock, the live's cap and the buyer's own cap are all checked by the one conditional UPDATE, the
 * live's count moves only if it succeeded, and the order's hold grows only then. No provisional
 * stock, no oversell buffer.
 */
export async function reserveLiveItem(store: Store, liveId: number, orderId: number, productId: number, qty: number, now: Date): Promise<true | LiveReserveFailure> {
  const at = now.toISOString();
  const heldNow = sql`COALESCE((SELECT qty FROM stock_reservations WHERE order_id = ${orderId} AND product_id = ${productId} AND status = 'held'), 0)`;
  const [taken] = await store.batch([
    sql`UPDATE products SET stock = stock - ${qty}
        WHERE id = ${productId} AND stock >= ${qty} AND sold_out = 0
          AND EXISTS (SELECT 1 FROM live_items WHERE live_id = ${liveId} AND product_id = ${productId}
                      AND taken + ${qty} <= cap AND (per_buyer_cap = 0 OR ${heldNow} + ${qty} <= per_buyer_cap))`.compile(store.db),
    sql`UPDATE live_items SET taken = taken + ${qty} WHERE live_id = ${liveId} AND product_id = ${productId} AND changes() = 1`.compile(store.db),
    sql`INSERT INTO stock_reservations (order_id, product_id, qty, status, created_at)
        SELECT ${orderId}, ${productId}, ${qty}, 'held', ${at} WHERE changes() = 1
        ON CONFLICT (order_id, product_id) DO UPDATE SET
          qty = CASE WHEN status = 'held' THEN qty + excluded.qty ELSE excluded.qty END, status = 'held', released_at = NULL`.compile(store.db),
  ]);
  if (taken?.changes === 1) return true;
  // Say why, so the buyer hears the right thing.
  const item = await store.db.selectFrom("live_items").selectAll().where("live_id", "=", liveId).where("product_id", "=", productId).executeTakeFirst();
  if (!item) return "not_in_live";
  const held = await store.db.selectFrom("stock_reservations").select("qty").where("order_id", "=", orderId).where("product_id", "=", productId).where("status", "=", "held").executeTakeFirst();
  if (item.per_buyer_cap > 0 && (held?.qty ?? 0) + qty > item.per_buyer_cap) return "buyer_cap";
  return item.taken + qty > item.cap ? "cap_reached" : "out_of_stock";
}

/** "huỷ A1": gives back everything the order holds of that item. */
export async function removeLiveItem(store: Store, orderId: number, productId: number, now: Date): Promise<void> {
  await releaseReservation(store, orderId, productId, now);
}

/** Rebuilds a live draft's lines and totals from what it holds (the holds are the truth). */
export async function syncLiveOrder(store: Store, orderId: number, now: Date): Promise<void> {
  const order = await store.db.selectFrom("orders").select("status").where("id", "=", orderId).executeTakeFirst();
  if (order?.status !== "draft") return;
  await store.batch([
    sql`DELETE FROM order_items WHERE order_id = ${orderId}`.compile(store.db),
    sql`INSERT INTO order_items (order_id, line_no, product_id, code, name, options, qty, unit_price, line_total)
        SELECT r.order_id, ROW_NUMBER() OVER (ORDER BY r.id), p.id, p.code, p.name, '[]', r.qty, p.price, p.price * r.qty
        FROM stock_reservations r JOIN products p ON p.id = r.product_id
        WHERE r.order_id = ${orderId} AND r.status = 'held'`.compile(store.db),
    sql`UPDATE orders SET subtotal = COALESCE((SELECT SUM(line_total) FROM order_items WHERE order_id = ${orderId}), 0),
          total = COALESCE((SELECT SUM(line_total) FROM order_items WHERE order_id = ${orderId}), 0) + delivery_fee,
          updated_at = ${now.toISOString()}
        WHERE id = ${orderId} AND status = 'draft'`.compile(store.db),
  ]);
}
