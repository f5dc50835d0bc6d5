import type { Order } from "../../db/schema";
import type { Store } from "../../db/store";

/**
 * The buyer's one order in a live, if their first comment made it. With `shopId`, only an order of
 * that shop (a link opened through another shop's bot finds nothing).
 */
export async function liveOrderOfBuyer(store: Store, liveId: number, buyerId: number, shopId?: number): Promise<Order | undefined> {
  let query = store.db
    .selectFrom("live_orders as l")
    .innerJoin("orders as o", "o.id", "l.order_id")
    .selectAll("o")
    .where("l.live_id", "=", liveId)
    .where("l.buyer_id", "=", buyerId);
  if (shopId !== undefined) query = query.where("o.shop_id", "=", shopId);
  return query.executeTakeFirst();
}
