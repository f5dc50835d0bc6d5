import { sql } from "kysely";
import type { Store } from "../../db/store";

/**
 * Takes `qty` of a product for an order, all or nothing, in one atomic batch:
 * the conditional UPDATE only succeeds while enough stock is left (and the item is not
 * marked sold out, and this order holds none yet), and the reservation row is written only
 * if that UPDATE changed a row. Two buyers racing for the last unit cannot both win, and a
 * retried call takes nothing twice. Returns whether the order now holds the stock.
 */
export async function reserveStock(store: Store, orderId: number, productId: number, qty: number, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const [, reserved] = await store.batch([
    sql`UPDATE products SET stock = stock - ${qty}
        WHERE id = ${productId} AND stock >= ${qty} AND sold_out = 0
          AND NOT EXISTS (SELECT 1 FROM stock_reservations WHERE order_id = ${orderId} AND product_id = ${productId})`.compile(store.db),
    sql`INSERT INTO stock_reservations (order_id, product_id, qty, status, created_at)
        SELECT ${orderId}, ${productId}, ${qty}, 'held', ${at} WHERE changes() = 1
        ON CONFLICT DO NOTHING`.compile(store.db),
  ]);
  if (reserved?.changes === 1) return true;
  // Nothing taken now: held by an earlier call, or not enough left.
  const held = await store.db
    .selectFrom("stock_reservations")
    .select("status")
    .where("order_id", "=", orderId)
    .where("product_id", "=", productId)
    .executeTakeFirst();
  return held?.status === "held";
}

/**
 * Gives back one held reservation: it flips from held to released, its quantity returns to the
 * product and, for a live order, to the live's cap — all in one batch, so a release that runs
 * twice returns it once.
 */
export async function releaseReservation(store: Store, orderId: number, productId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  const qty = sql`(SELECT qty FROM stock_reservations WHERE order_id = ${orderId} AND product_id = ${productId})`;
  await store.batch([
    sql`UPDATE stock_reservations SET status = 'released', released_at = ${at}
        WHERE order_id = ${orderId} AND product_id = ${productId} AND status = 'held'`.compile(store.db),
    sql`UPDATE products SET stock = stock + ${qty} WHERE id = ${productId} AND changes() = 1`.compile(store.db),
    sql`UPDATE live_items SET taken = MAX(0, taken - ${qty})
        WHERE product_id = ${productId} AND live_id = (SELECT live_id FROM live_orders WHERE order_id = ${orderId}) AND changes() = 1`.compile(store.db),
  ]);
}

/** Gives back everything an order holds (see releaseReservation), and gives up its places in line (first paid, first served). */
export async function releaseOrderStock(store: Store, orderId: number, now: Date): Promise<void> {
  const held = await store.db.selectFrom("stock_reservations").select("product_id").where("order_id", "=", orderId).where("status", "=", "held").execute();
  for (const r of held) await releaseReservation(store, orderId, r.product_id, now);
  // A place in line took no stock: nothing to give back.
  await store.db.updateTable("stock_queue").set({ status: "dropped", settled_at: now.toISOString() }).where("order_id", "=", orderId).where("status", "=", "waiting").execute();
}

/**
 * Changes how many of a product an order holds ("thôi lấy 1 thôi"), all or nothing, in one batch:
 * the hold moves from `from` to `to` only if it still is `from`, the difference goes back to (or
 * comes from) the real stock — taking more only while enough is left and within a live's cap —
 * and a live's count follows. Returns whether the order now holds `to`.
 */
export async function resizeHold(store: Store, orderId: number, productId: number, from: number, to: number): Promise<boolean> {
  if (to === from) return true;
  const diff = Math.abs(to - from);
  const liveOf = sql`(SELECT live_id FROM live_orders WHERE order_id = ${orderId})`;
  const holding = sql`EXISTS (SELECT 1 FROM stock_reservations WHERE order_id = ${orderId} AND product_id = ${productId} AND status = 'held' AND qty = ${from})`;
  const statements =
    to < from
      ? [
          sql`UPDATE stock_reservations SET qty = ${to} WHERE order_id = ${orderId} AND product_id = ${productId} AND status = 'held' AND qty = ${from}`,
          sql`UPDATE products SET stock = stock + ${diff} WHERE id = ${productId} AND changes() = 1`,
          sql`UPDATE live_items SET taken = MAX(0, taken - ${diff}) WHERE product_id = ${productId} AND live_id = ${liveOf} AND changes() = 1`,
        ]
      : [
          sql`UPDATE products SET stock = stock - ${diff}
              WHERE id = ${productId} AND stock >= ${diff} AND sold_out = 0 AND ${holding}
                AND (${liveOf} IS NULL OR EXISTS (SELECT 1 FROM live_items WHERE live_id = ${liveOf} AND product_id = ${productId} AND taken + ${diff} <= cap))`,
          sql`UPDATE stock_reservations SET qty = ${to} WHERE order_id = ${orderId} AND product_id = ${productId} AND status = 'held' AND qty = ${from} AND changes() = 1`,
          sql`UPDATE live_items SET taken = taken + ${diff} WHERE product_id = ${productId} AND live_id = ${liveOf} AND changes() = 1`,
        ];
  await store.batch(statements.map((s) => s.compile(store.db)));
  const held = await store.db.selectFrom("stock_reservations").select("qty").where("order_id", "=", orderId).where("product_id", "=", productId).where("status", "=", "held").executeTakeFirst();
  return held?.qty === to;
}
