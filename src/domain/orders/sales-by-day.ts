import { sql } from "kysely";
import type { Store } from "../../db/store";
import { addDays } from "../../platform/shop-time";

/** One shop-local day's figures as the sales page shows them. */
export interface SalesDay {
  date: string;
  /** Orders placed that day, drafts excluded (cancelled ones included), as summarizeDay counts them. */
  orders: number;
  /** Money received for that day's orders, as summarizeDay defines revenue (integer đồng). */
  revenue: number;
}

/**
 * Revenue and order counts per shop-local day from `from` to `to` (inclusive, every day present),
 * in one grouped query rather than one summarizeDay per day; the CASE is summarizeDay's `received`:
 * cancelled orders count nothing, cash on delivery counts once delivered, transfers up to the total.
 */
export async function salesByDay(store: Store, shopId: number, from: string, to: string): Promise<SalesDay[]> {
  const rows = await store.db
    .selectFrom("orders")
    .select([
      "service_date",
      sql<number>`COUNT(*)`.as("orders"),
      sql<number>`COALESCE(SUM(CASE WHEN status = 'cancelled' THEN 0
                                    WHEN payment_status = 'cod' THEN CASE WHEN status = 'delivered' THEN total ELSE 0 END
                                    ELSE MIN(paid_amount, total) END), 0)`.as("revenue"),
    ])
    .where("shop_id", "=", shopId)
    .where("status", "!=", "draft")
    .where("service_date", ">=", from)
    .where("service_date", "<=", to)
    .groupBy("service_date")
    .execute();
  const byDate = new Map(rows.map((r) => [r.service_date, r]));
  const days: SalesDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const r = byDate.get(date);
    days.push({ date, orders: Number(r?.orders ?? 0), revenue: Number(r?.revenue ?? 0) });
  }
  return days;
}
