import type { Store } from "../db/store";
import { cancelOrder } from "../domain/orders/lifecycle";
import { releaseOrderStock } from "../domain/stock/reservations";

/**
 * Cancels draft orders whose hold ran out (reason "expired") and gives their stock back; also
 * finishes any release a crash cut short. Safe to run often and from several places at once:
 * every change is a conditional statement.
 */
export async function expireDrafts(store: Store, now: Date): Promise<{ expired: number }> {
  const due = await store.db
    .selectFrom("orders")
    .select("id")
    .where("status", "=", "draft")
    .where("expires_at", "<=", now.toISOString())
    .limit(500)
    .execute();
  let expired = 0;
  for (const o of due) {
    if (!(await cancelOrder(store, o.id, "expired", now, ["draft"]))) continue;
    expired++;
    // A live's group summary shows holds: one that expired must drop out of it.
    await store.db
      .updateTable("lives")
      .set((eb) => ({ version: eb("version", "+", 1) }))
      .where("id", "in", store.db.selectFrom("live_orders").select("live_id").where("order_id", "=", o.id))
      .execute();
  }

  const stranded = await store.db
    .selectFrom("stock_reservations as r")
    .innerJoin("orders as o", "o.id", "r.order_id")
    .select("r.order_id")
    .distinct()
    .where("r.status", "=", "held")
    .where("o.status", "=", "cancelled")
    .limit(500)
    .execute();
  for (const r of stranded) await releaseOrderStock(store, r.order_id, now);
  return { expired };
}
