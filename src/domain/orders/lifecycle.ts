import { sql } from "kysely";
import type { Order, PaymentMethod, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { releaseOrderStock } from "../stock/reservations";

/**
 * Turns a draft into a real order once the buyer picks how to pay: transfer → waiting for
 * payment (with the shop's payment timeout), cash on delivery → confirmed. Only a draft moves;
 * returns the order as it is afterwards, or undefined if it was no longer a draft.
 */
export async function choosePaymentMethod(store: Store, shop: Shop, orderId: number, method: PaymentMethod, now: Date): Promise<Order | undefined> {
  const result = await store.db
    .updateTable("orders")
    .set({
      status: method === "cod" ? "confirmed" : "pending_payment",
      payment_method: method,
      // A transfer can arrive before the buyer picks how to pay (they scanned an old QR): keep counting it.
      payment_status: sql<Order["payment_status"]>`CASE WHEN paid_amount > total THEN 'overpaid' WHEN paid_amount = total AND total > 0 THEN 'paid' WHEN paid_amount > 0 THEN 'partial' ELSE ${method === "cod" ? "cod" : "unpaid"} END`,
      expires_at: method === "cod" ? null : new Date(now.getTime() + shop.payment_timeout_minutes * 60_000).toISOString(),
      updated_at: now.toISOString(),
    })
    .where("id", "=", orderId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return store.db.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirst();
}

/**
 * Cancels an order that is still in one of `from` and gives its stock back. The status change
 * is one conditional statement; the release is idempotent, and the expiry job repeats it for
 * any cancelled order still holding stock, so a crash in between loses nothing.
 */
export async function cancelOrder(
  store: Store,
  orderId: number,
  reason: string,
  now: Date,
  from: readonly Order["status"][] = ["draft", "pending_payment", "confirmed"],
): Promise<boolean> {
  const result = await store.db
    .updateTable("orders")
    .set({ status: "cancelled", cancel_reason: reason, updated_at: now.toISOString(), expires_at: null })
    .where("id", "=", orderId)
    .where("status", "in", from)
    .executeTakeFirst();
  const after = await store.db.selectFrom("orders").select("status").where("id", "=", orderId).executeTakeFirst();
  // Only a cancelled order gives stock back; re-running on one already cancelled finishes a release a crash cut short.
  if (after?.status === "cancelled") await releaseOrderStock(store, orderId, now);
  return result.numUpdatedRows > 0n;
}
