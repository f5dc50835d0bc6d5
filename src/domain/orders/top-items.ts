import { sql } from "kysely";
import type { Store } from "../../db/store";

/** An item's sales over some days: how many were sold and for how much (integer đồng). */
export interface TopItem {
  code: string;
  name: string;
  qty: number;
  amount: number;
}

/**
 * The best-selling items of a shop between two shop-local days (cancelled orders and drafts
 * excluded), by quantity, then amount, then code so ties always list the same way. The name is the
 * one the lines were sold under (an item renamed since shows one of its names).
 */
export async function topItemsBetween(store: Store, shopId: number, from: string, to: string, limit = 10): Promise<TopItem[]> {
  const rows = await store.db
    .selectFrom("order_items as i")
    .innerJoin("orders as o", "o.id", "i.order_id")
    .select(["i.code", sql<string>`MAX(i.name)`.as("name"), sql<number>`SUM(i.qty)`.as("qty"), sql<number>`SUM(i.line_total)`.as("amount")])
    .where("o.shop_id", "=", shopId)
    .where("o.status", "not in", ["draft", "cancelled"])
    .where("o.service_date", ">=", from)
    .where("o.service_date", "<=", to)
    .groupBy("i.code")
    .orderBy(sql`SUM(i.qty)`, "desc")
    .orderBy(sql`SUM(i.line_total)`, "desc")
    .orderBy("i.code")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, qty: Number(r.qty), amount: Number(r.amount) }));
}
