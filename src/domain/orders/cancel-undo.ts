import { sql, type CompiledQuery } from "kysely";
import type { Order, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import type { OutboundMessage } from "../outbox/types";
import { fail, ok, type Result } from "../../result";
import { releaseOrderStock } from "../stock/reservations";

/** How long a staff cancel can be taken back; the buyer hears of it only after this. */
export const CANCEL_UNDO_WINDOW_MS = 30_000;

/** The outbox key of the buyer's notice that an order reached `status` (one per order and status). */
export const buyerStatusNoticeKey = (orderId: number, status: string) => `order:${orderId}:status:${status}`;

/**
 * Like enqueueIfChangedQuery, but the row becomes due only at `dueAt`: the dispatcher sends
 * nothing before, so an undo inside the window can still take the message back.
 */
export function delayedNoticeIfChangedQuery(store: Store, msg: OutboundMessage, now: Date, dueAt: Date): CompiledQuery {
  return sql`INSERT INTO outbox (channel, bot_id, chat_id, payload, dedupe_key, kind, status, next_attempt_at, created_at)
             SELECT ${msg.channel}, ${msg.botId}, ${msg.chatId}, ${JSON.stringify(msg.reply)}, ${msg.dedupeKey}, ${msg.kind ?? "message"}, 'pending', ${dueAt.toISOString()}, ${now.toISOString()}
             WHERE changes() = 1
             ON CONFLICT DO NOTHING`.compile(store.db);
}

/** Whether a cancelled order may still be restored at `now`. */
export function canUndoCancel(order: Pick<Order, "status" | "cancelled_from" | "cancel_undo_until">, now: Date): boolean {
  return order.status === "cancelled" && !!order.cancelled_from && !!order.cancel_undo_until && order.cancel_undo_until > now.toISOString();
}

/** Seconds left to undo (0 when it can no longer be undone). */
export function undoSecondsLeft(order: Pick<Order, "status" | "cancelled_from" | "cancel_undo_until">, now: Date): number {
  if (!canUndoCancel(order, now)) return 0;
  return Math.max(1, Math.ceil((Date.parse(order.cancel_undo_until ?? "") - now.getTime()) / 1000));
}

export type UndoRefusal = { reason: "unknown_order" } | { reason: "too_late" } | { reason: "out_of_stock" };

/**
 * Takes the stock an order gave back at its cancel again, all or nothing per product (the same
 * conditional statements as a reservation). Returns false, giving back what it took, when any
 * product has run out meanwhile.
 */
async function reholdStock(store: Store, orderId: number, since: string): Promise<boolean> {
  const released = await store.db
    .selectFrom("stock_reservations")
    .select(["product_id", "qty"])
    .where("order_id", "=", orderId)
    .where("status", "=", "released")
    .where("released_at", ">=", since)
    .execute();
  const liveOf = sql`(SELECT live_id FROM live_orders WHERE order_id = ${orderId})`;
  for (const r of released) {
    await store.batch([
      sql`UPDATE products SET stock = stock - ${r.qty}
          WHERE id = ${r.product_id} AND stock >= ${r.qty}
            AND EXISTS (SELECT 1 FROM stock_reservations WHERE order_id = ${orderId} AND product_id = ${r.product_id} AND status = 'released')`.compile(store.db),
      sql`UPDATE stock_reservations SET status = 'held', released_at = NULL
          WHERE order_id = ${orderId} AND product_id = ${r.product_id} AND status = 'released' AND changes() = 1`.compile(store.db),
      sql`UPDATE live_items SET taken = taken + ${r.qty} WHERE product_id = ${r.product_id} AND live_id = ${liveOf} AND changes() = 1`.compile(store.db),
    ]);
    const now = await store.db.selectFrom("stock_reservations").select("status").where("order_id", "=", orderId).where("product_id", "=", r.product_id).executeTakeFirst();
    if (now?.status !== "held") return false;
  }
  return true;
}

/**
 * Undoes a staff cancel inside its window: the order goes back to the status it left and the
 * buyer's notice, still waiting in the outbox, is removed — in one batch, and only while that
 * notice has not been picked up for sending (so the buyer is never told of a cancel that did
 * not happen, nor left untold of one that did). The stock it gave back is taken again first.
 */
export async function undoCancel(store: Store, shop: Shop, code: string, actorName: string, now: Date): Promise<Result<Order, UndoRefusal>> {
  const order = await store.db.selectFrom("orders").selectAll().where("shop_id", "=", shop.id).where("code", "=", code.toUpperCase()).executeTakeFirst();
  if (!order) return fail({ reason: "unknown_order" as const });
  if (!canUndoCancel(order, now)) return fail({ reason: "too_late" as const });
  const since = new Date(Date.parse(order.cancel_undo_until ?? "") - CANCEL_UNDO_WINDOW_MS - 1000).toISOString();
  if (!(await reholdStock(store, order.id, since))) {
    await releaseOrderStock(store, order.id, now);
    return fail({ reason: "out_of_stock" as const });
  }
  const at = now.toISOString();
  const key = buyerStatusNoticeKey(order.id, "cancelled");
  const undoable = sql`id = ${order.id} AND status = 'cancelled' AND cancelled_from IS NOT NULL AND cancel_undo_until > ${at}`;
  const [, restored] = await store.batch([
    sql`DELETE FROM outbox WHERE dedupe_key = ${key} AND status = 'pending' AND EXISTS (SELECT 1 FROM orders WHERE ${undoable})`.compile(store.db),
    sql`UPDATE orders SET status = cancelled_from, cancel_reason = NULL, cancelled_from = NULL, cancel_undo_until = NULL, handled_by = ${actorName}, updated_at = ${at}
        WHERE ${undoable} AND NOT EXISTS (SELECT 1 FROM outbox WHERE dedupe_key = ${key})`.compile(store.db),
  ]);
  if (!restored?.changes) {
    // Too late after all (the notice went out meanwhile): the order stays cancelled, its stock free.
    await releaseOrderStock(store, order.id, now);
    return fail({ reason: "too_late" as const });
  }
  return ok(await store.db.selectFrom("orders").selectAll().where("id", "=", order.id).executeTakeFirstOrThrow());
}
