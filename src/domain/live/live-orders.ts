import { sql } from "kysely";
import type { Buyer, Live, Order, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { createOrder } from "../orders/create-order";
import { lineOptions } from "../orders/line-text";
import { releaseReservation } from "../stock/reservations";
import { liveOrderOfBuyer } from "./buyer-live-order";

/** The buyer's one order in this live, made (empty, as a draft) on their first comment. */
export async function ensureLiveOrder(store: Store, shop: Shop, live: Live, buyer: Buyer, name: string, now: Date): Promise<Order> {
  const existing = await liveOrderOfBuyer(store, live.id, buyer.id);
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
      source: "group",
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

/** "huỷ A1": gives back everything the order holds of that item, whatever its options. */
export async function removeLiveItem(store: Store, orderId: number, productId: number, now: Date): Promise<void> {
  await releaseReservation(store, orderId, productId, now);
  await store.db.deleteFrom("live_order_lines").where("order_id", "=", orderId).where("product_id", "=", productId).execute();
}

/** Remembers the options of units just held ("A1 lớn 2"): one idempotent upsert per line. */
export async function recordLiveLine(store: Store, orderId: number, productId: number, options: readonly string[], qty: number): Promise<void> {
  await store.db
    .insertInto("live_order_lines")
    .values({ order_id: orderId, product_id: productId, options: JSON.stringify(options), qty })
    .onConflict((oc) => oc.columns(["order_id", "product_id", "options"]).doUpdateSet({ qty: sql`qty + excluded.qty` }))
    .execute();
}

/**
 * Rebuilds a live draft's lines and totals from what it holds (the holds are the truth of how
 * many): each product's held units are split into the option lines its comments asked for, priced
 * with the options' deltas; units no line accounts for are a line without options.
 */
export async function syncLiveOrder(store: Store, orderId: number, now: Date): Promise<void> {
  const order = await store.db.selectFrom("orders").select("status").where("id", "=", orderId).executeTakeFirst();
  if (order?.status !== "draft") return;
  const holds = await store.db
    .selectFrom("stock_reservations as r")
    .innerJoin("products as p", "p.id", "r.product_id")
    .select(["r.product_id", "r.qty", "p.code", "p.name", "p.price"])
    .where("r.order_id", "=", orderId)
    .where("r.status", "=", "held")
    .orderBy("r.id")
    .execute();
  const asked = await store.db.selectFrom("live_order_lines").select(["product_id", "options", "qty"]).where("order_id", "=", orderId).orderBy("id").execute();
  const deltas = holds.length
    ? await store.db
        .selectFrom("product_options as o")
        .innerJoin("product_option_groups as g", "g.id", "o.group_id")
        .select(["g.product_id", "o.name", "o.price_delta"])
        .where("g.product_id", "in", holds.map((h) => h.product_id))
        .execute()
    : [];
  const lines: { productId: number; code: string; name: string; options: string; qty: number; unitPrice: number }[] = [];
  for (const hold of holds) {
    let left = hold.qty;
    for (const line of asked.filter((l) => l.product_id === hold.product_id)) {
      const qty = Math.min(line.qty, left);
      if (qty <= 0) break;
      const names = lineOptions(line.options);
      const delta = names.reduce((sum, n) => sum + (deltas.find((d) => d.product_id === hold.product_id && d.name === n)?.price_delta ?? 0), 0);
      lines.push({ productId: hold.product_id, code: hold.code, name: hold.name, options: JSON.stringify(names), qty, unitPrice: hold.price + delta });
      left -= qty;
    }
    if (left > 0) lines.push({ productId: hold.product_id, code: hold.code, name: hold.name, options: "[]", qty: left, unitPrice: hold.price });
  }
  await store.batch([
    sql`DELETE FROM order_items WHERE order_id = ${orderId}`.compile(store.db),
    ...lines.map((l, i) =>
      store.db
        .insertInto("order_items")
        .values({ order_id: orderId, line_no: i + 1, product_id: l.productId, code: l.code, name: l.name, options: l.options, qty: l.qty, unit_price: l.unitPrice, line_total: l.unitPrice * l.qty })
        .compile(),
    ),
    sql`UPDATE orders SET subtotal = COALESCE((SELECT SUM(line_total) FROM order_items WHERE order_id = ${orderId}), 0),
          total = COALESCE((SELECT SUM(line_total) FROM order_items WHERE order_id = ${orderId}), 0) + delivery_fee,
          updated_at = ${now.toISOString()}
        WHERE id = ${orderId} AND status = 'draft'`.compile(store.db),
  ]);
}

