import type { Order, OrderStatus } from "../../db/schema";
import type { Store } from "../../db/store";

/**
 * The orders of a day to print kitchen slips for, in the given statuses, oldest first (the order
 * the kitchen cooks them), at most 200. A shipper gets only the orders given to them.
 */
export async function slipOrdersOfDay(store: Store, f: { shopId: number; date: string; statuses: OrderStatus[]; shipperStaffId?: number | undefined }): Promise<Order[]> {
  let query = store.db.selectFrom("orders").selectAll().where("shop_id", "=", f.shopId).where("service_date", "=", f.date).where("status", "in", f.statuses);
  if (f.shipperStaffId !== undefined) query = query.where("shipper_staff_id", "=", f.shipperStaffId);
  return query.orderBy("id", "asc").limit(200).execute();
}

/** One order to print a slip of, by its code: never a draft, and for a shipper only one given to them. */
export async function findSlipOrder(store: Store, shopId: number, code: string, shipperStaffId?: number): Promise<Order | undefined> {
  let query = store.db.selectFrom("orders").selectAll().where("shop_id", "=", shopId).where("code", "=", code).where("status", "!=", "draft");
  if (shipperStaffId !== undefined) query = query.where("shipper_staff_id", "=", shipperStaffId);
  return query.executeTakeFirst();
}
