import { sql } from "kysely";
import type { OrderStatus } from "../../db/schema";
import type { Store } from "../../db/store";
import { enqueueIfChangedQuery } from "../outbox/enqueue";
import type { OutboundMessage } from "../outbox/types";

/**
 * Reminds the buyer of an order once: reminded_at is set only if it was not and the order is still
 * in `status`, and the message is queued in the same atomic batch only if that happened. True when
 * this call sent the reminder.
 */
export async function remindOrderOnce(store: Store, orderId: number, status: OrderStatus, msg: OutboundMessage, now: Date): Promise<boolean> {
  const [marked] = await store.batch([
    sql`UPDATE orders SET reminded_at = ${now.toISOString()} WHERE id = ${orderId} AND reminded_at IS NULL AND status = ${status}`.compile(store.db),
    enqueueIfChangedQuery(store, msg, now),
  ]);
  return Boolean(marked?.changes);
}
