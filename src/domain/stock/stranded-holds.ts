import type { Store } from "../../db/store";

/**
 * Cancelled orders that still hold stock: a release a crash cut short. The sweep gives it back
 * (releasing is idempotent), at most `limit` orders a run.
 */
export async function strandedHoldOrderIds(store: Store, limit: number): Promise<number[]> {
  const rows = await store.db
    .selectFrom("stock_reservations as r")
    .innerJoin("orders as o", "o.id", "r.order_id")
    .select("r.order_id")
    .distinct()
    .where("r.status", "=", "held")
    .where("o.status", "=", "cancelled")
    .limit(limit)
    .execute();
  return rows.map((r) => r.order_id);
}
