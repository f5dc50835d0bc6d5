import type { Order } from "../../db/schema";
import type { Store } from "../../db/store";

/** A shipper's orders still to deliver (being prepared or on the way), oldest first. */
export async function openDeliveriesOf(store: Store, shopId: number, shipperStaffId: number): Promise<Order[]> {
  return store.db
    .selectFrom("orders")
    .selectAll()
    .where("shop_id", "=", shopId)
    .where("shipper_staff_id", "=", shipperStaffId)
    .where("status", "in", ["preparing", "out_for_delivery"])
    .orderBy("id")
    .execute();
}
