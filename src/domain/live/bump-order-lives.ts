import type { Store } from "../../db/store";

/**
 * Marks the live an order belongs to (if any) as changed, so its group summary is redrawn: a hold
 * that expired or was cancelled must drop out of it. One UPDATE; no live, no change.
 */
export async function bumpLivesOfOrder(store: Store, orderId: number): Promise<void> {
  await store.db
    .updateTable("lives")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "in", store.db.selectFrom("live_orders").select("live_id").where("order_id", "=", orderId))
    .execute();
}
