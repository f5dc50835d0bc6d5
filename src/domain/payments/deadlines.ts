import { sql } from "kysely";
import type { Store } from "../../db/store";
import { enqueueIfChangedQuery } from "../outbox/enqueue";
import type { OutboundMessage } from "../outbox/types";

/** A shop's unpaid transfer orders placed by `placedBefore` and not yet reminded (at most `limit`). */
export async function unpaidOrdersToRemind(store: Store, shopId: number, placedBefore: string, limit: number) {
  return store.db
    .selectFrom("orders")
    .select(["id", "code", "total", "lang", "channel", "bot_id", "chat_id", "expires_at"])
    .where("shop_id", "=", shopId)
    .where("status", "=", "pending_payment")
    .where("payment_status", "=", "unpaid")
    .where("reminded_at", "is", null)
    .where("created_at", "<=", placedBefore)
    .limit(limit)
    .execute();
}

/** Unpaid transfer orders whose payment time ran out by `at` (partly paid ones are never here). */
export async function overdueUnpaidOrders(store: Store, at: string, limit: number) {
  return store.db
    .selectFrom("orders")
    .select(["id", "code", "lang", "channel", "bot_id", "chat_id"])
    .where("status", "=", "pending_payment")
    .where("payment_status", "=", "unpaid")
    .where("expires_at", "<=", at)
    .limit(limit)
    .execute();
}

/**
 * Cancels an order whose payment time ran out and queues the buyer's notice, in one atomic batch
 * guarded by the order still being unpaid and pending: money that arrived meanwhile wins. True
 * when this call cancelled it (the caller then gives the stock back).
 */
export async function cancelForPaymentTimeout(store: Store, orderId: number, notice: OutboundMessage, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const [changed] = await store.batch([
    sql`UPDATE orders SET status = 'cancelled', cancel_reason = 'payment_timeout', expires_at = NULL, updated_at = ${at}
        WHERE id = ${orderId} AND status = 'pending_payment' AND payment_status = 'unpaid'`.compile(store.db),
    enqueueIfChangedQuery(store, notice, now),
  ]);
  return Boolean(changed?.changes);
}
