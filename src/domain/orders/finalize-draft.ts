import { sql } from "kysely";
import type { Fulfilment } from "../../db/schema";
import type { Store } from "../../db/store";
import { shipColumns, type OrderShip } from "./create-order";

/**
 * Fills in how a draft order (from a comment) is received, with the delivery fee and total, in
 * one conditional statement: only a draft still holding its stock changes. Returns whether it did.
 */
export async function finalizeDraftDetails(
  store: Store,
  orderId: number,
  d: { fulfilment: Fulfilment; zone: { id: number; name: string; fee: number } | null; address: string | null; phone: string | null; slot: string | null; note: string | null; ship?: OrderShip | null },
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  const ship = d.fulfilment === "delivery" ? (d.ship ?? null) : null;
  const fee = d.fulfilment === "delivery" ? (ship ? ship.fee : (d.zone?.fee ?? 0)) : 0;
  const c = shipColumns(ship);
  const [changed] = await store.batch([
    sql`UPDATE orders SET fulfilment = ${d.fulfilment}, zone_id = ${d.fulfilment === "delivery" ? (d.zone?.id ?? null) : null},
          zone_name = ${d.fulfilment === "delivery" ? (d.zone?.name ?? (ship ? ship.carrier.toUpperCase() : null)) : null}, delivery_fee = ${fee}, total = subtotal + ${fee},
          address = ${d.address}, phone = ${d.phone}, slot = ${d.slot}, note = ${d.note},
          ship_province_code = ${c.ship_province_code}, ship_commune_code = ${c.ship_commune_code}, ship_hamlet = ${c.ship_hamlet},
          ship_street = ${c.ship_street}, ship_carrier = ${c.ship_carrier}, ship_fee_paid_by = ${c.ship_fee_paid_by},
          ship_quoted_fee = ${c.ship_quoted_fee}, ship_quote_fallback = ${c.ship_quote_fallback}, ship_expected_delivery = ${c.ship_expected_delivery},
          expires_at = ${expiresAt.toISOString()}, updated_at = ${now.toISOString()}
        WHERE id = ${orderId} AND status = 'draft'`.compile(store.db),
  ]);
  return (changed?.changes ?? 0) === 1;
}
