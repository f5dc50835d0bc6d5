// Reading the waybills made for orders (migrations/0025 shipments). Tracking (tracking.ts) moves
// their status; waybill.ts makes and cancels them.
import type { Selectable } from "kysely";
import type { ShipmentsTable } from "../../db/schema";
import type { Store } from "../../db/store";

export type Shipment = Selectable<ShipmentsTable>;

/** The order's waybill that is not cancelled, if any. */
export async function activeShipmentOf(store: Store, orderId: number): Promise<Shipment | undefined> {
  return store.db.selectFrom("shipments").selectAll().where("order_id", "=", orderId).where("cancelled_at", "is", null).executeTakeFirst();
}

/** How many of the order's waybills were cancelled (the next one's client code counts on). */
export async function cancelledShipmentCount(store: Store, orderId: number): Promise<number> {
  const row = await store.db.selectFrom("shipments").select((eb) => eb.fn.countAll<number>().as("n")).where("order_id", "=", orderId).where("cancelled_at", "is not", null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The active waybills of some orders, by order id (for the board). */
export async function activeShipmentsOf(store: Store, orderIds: readonly number[]): Promise<Map<number, Shipment>> {
  if (orderIds.length === 0) return new Map();
  const rows = await store.db.selectFrom("shipments").selectAll().where("order_id", "in", [...orderIds]).where("cancelled_at", "is", null).execute();
  return new Map(rows.map((r) => [r.order_id, r]));
}
