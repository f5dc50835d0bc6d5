import { sql } from "kysely";
import type { Store } from "../../db/store";

/**
 * "thôi lấy 1 thôi": a comment order's quantity changed after the fact. These are its reads and its
 * one atomic write; the stock side is resizeHold (src/domain/stock/reservations.ts).
 */

/** The lines of an order with each product's stock and unit (to say how many are left). */
export async function linesWithStock(store: Store, orderId: number) {
  return store.db
    .selectFrom("order_items as i")
    .innerJoin("products as p", "p.id", "i.product_id")
    .select(["i.product_id", "i.code", "i.qty", "i.options", "i.unit_price", "p.stock", "p.unit"])
    .where("i.order_id", "=", orderId)
    .execute();
}

/**
 * Sets a line's quantity (the order line, its live line if any) and the draft's totals in one
 * atomic batch, once the hold has been resized to match.
 */
export async function setLineQty(store: Store, orderId: number, productId: number, qty: number, now: Date): Promise<void> {
  await store.batch([
    sql`UPDATE order_items SET qty = ${qty}, line_total = unit_price * ${qty} WHERE order_id = ${orderId} AND product_id = ${productId}`.compile(store.db),
    sql`UPDATE live_order_lines SET qty = ${qty} WHERE order_id = ${orderId} AND product_id = ${productId}`.compile(store.db),
    sql`UPDATE orders SET subtotal = (SELECT SUM(line_total) FROM order_items WHERE order_id = ${orderId}),
          total = (SELECT SUM(line_total) FROM order_items WHERE order_id = ${orderId}) + delivery_fee, updated_at = ${now.toISOString()}
        WHERE id = ${orderId} AND status = 'draft'`.compile(store.db),
  ]);
}

/** The buyer's latest draft whose source key starts with `sourcePrefix` (for a comment: its chat). */
export async function latestDraftFromSource(store: Store, buyerId: number, sourcePrefix: string): Promise<number | undefined> {
  const row = await store.db
    .selectFrom("orders")
    .select("id")
    .where("buyer_id", "=", buyerId)
    .where("status", "=", "draft")
    .where("source_key", "like", `${sourcePrefix}%`)
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row?.id;
}
