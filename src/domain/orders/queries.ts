import type { Order, OrderItem } from "../../db/schema";
import type { Store } from "../../db/store";

/** The orders of one shop-local day, newest first. */
export async function listOrdersOfDay(store: Store, shopId: number, date: string): Promise<Order[]> {
  return store.db
    .selectFrom("orders")
    .selectAll()
    .where("shop_id", "=", shopId)
    .where("service_date", "=", date)
    .orderBy("id", "desc")
    .execute();
}

/** One order of a shop by its code (case-insensitive). */
export async function findOrderByCode(store: Store, shopId: number, code: string): Promise<Order | undefined> {
  return store.db
    .selectFrom("orders")
    .selectAll()
    .where("shop_id", "=", shopId)
    .where("code", "=", code.toUpperCase())
    .executeTakeFirst();
}

/** One order of a shop by its id (an id from another shop finds nothing). */
export async function findOrderOfShop(store: Store, shopId: number, orderId: number): Promise<Order | undefined> {
  return store.db.selectFrom("orders").selectAll().where("id", "=", orderId).where("shop_id", "=", shopId).executeTakeFirst();
}

/** The order behind a buyer's payment link. */
export async function findOrderByPayToken(store: Store, token: string): Promise<Order | undefined> {
  return store.db.selectFrom("orders").selectAll().where("pay_token", "=", token).executeTakeFirst();
}

/** A buyer's most recent orders at a shop, drafts excluded. */
export async function recentOrdersOfBuyer(store: Store, shopId: number, buyerId: number, limit = 5): Promise<Order[]> {
  return store.db
    .selectFrom("orders")
    .selectAll()
    .where("shop_id", "=", shopId)
    .where("buyer_id", "=", buyerId)
    .where("status", "!=", "draft")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** The lines of several orders, grouped by order id. */
export async function itemsOfOrders(store: Store, orderIds: readonly number[]): Promise<Map<number, OrderItem[]>> {
  const byOrder = new Map<number, OrderItem[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await store.db.selectFrom("order_items").selectAll().where("order_id", "in", orderIds).orderBy("line_no").execute();
  for (const r of rows) byOrder.set(r.order_id, [...(byOrder.get(r.order_id) ?? []), r]);
  return byOrder;
}
