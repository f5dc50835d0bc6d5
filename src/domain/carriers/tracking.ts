// A carrier's read-back report applied to our shipment (issue 23, part 4): the status moves only
// forwards (tracking-status.ts), each real change is one conditional UPDATE of the shipments row
// with the buyer's push and the staff's alert in the same batch (so a resent webhook, or two at
// once, tell nobody twice), and the order's own status follows through the staff transitions' rules.
import { sql } from "kysely";
import type { Order, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { trackingMessages } from "../../i18n/tracking";
import { enqueueIfChangedQuery } from "../outbox/enqueue";
import { cancelOrder } from "../orders/lifecycle";
import { staffNoticeQueries } from "../orders/staff-notices";
import { TRANSITIONS } from "../orders/transitions";
import type { CarrierId, ShipmentReport, ShipmentStatus, WebhookNotice } from "./carrier";
import { alertsStaff, canMove, orderStatusFor } from "./tracking-status";

/** A shipments row (migrations/0025) as tracking reads it. */
export interface TrackedShipment {
  id: number;
  order_id: number;
  carrier: CarrierId;
  client_code: string;
  waybill: string;
  status: ShipmentStatus;
  carrier_status: string | null;
  fee: number | null;
  cod_amount: number;
  cod_collected: number;
  cod_paid_out: number | null;
  tracking_url: string | null;
  updated_at: string;
}

const SHIPMENT_COLUMNS = sql`s.id, s.order_id, s.carrier, s.client_code, s.waybill, s.status, s.carrier_status, s.fee, s.cod_amount, s.cod_collected, s.cod_paid_out, s.tracking_url, s.updated_at`;

/** The shop's shipment a webhook names (by waybill, else by our client code); undefined when it is not the shop's. */
export async function findNoticedShipment(store: Store, shopId: number, carrier: CarrierId, notice: Pick<WebhookNotice, "waybill" | "clientCode">): Promise<TrackedShipment | undefined> {
  const byWaybill = notice.waybill
    ? await sql<TrackedShipment>`SELECT ${SHIPMENT_COLUMNS} FROM shipments s
          WHERE s.shop_id = ${shopId} AND s.carrier = ${carrier} AND s.waybill = ${notice.waybill} LIMIT 1`.execute(store.db)
    : undefined;
  if (byWaybill?.rows[0]) return byWaybill.rows[0];
  if (!notice.clientCode) return undefined;
  const byCode = await sql<TrackedShipment>`SELECT ${SHIPMENT_COLUMNS} FROM shipments s
        WHERE s.shop_id = ${shopId} AND s.carrier = ${carrier} AND s.client_code = ${notice.clientCode} LIMIT 1`.execute(store.db);
  return byCode.rows[0];
}

/** A shipment by its id (for tests and the dashboard). */
export async function shipmentById(store: Store, id: number): Promise<TrackedShipment | undefined> {
  return (await sql<TrackedShipment>`SELECT ${SHIPMENT_COLUMNS} FROM shipments s WHERE s.id = ${id}`.execute(store.db)).rows[0];
}

export type ReportOutcome =
  /** The status moved: the buyer (and for a failure or a return, the staff) were told. */
  | { kind: "moved"; from: ShipmentStatus; to: ShipmentStatus }
  /** The same status, or one behind: nothing said (money figures may still have been brought up to date). */
  | { kind: "unchanged"; status: ShipmentStatus; reported: ShipmentStatus }
  /** Another webhook changed the row between our read and our write: read it again. */
  | { kind: "raced" }
  /** The carrier's report is about another waybill than ours. */
  | { kind: "mismatch" };

/** The buyer's words for a change (in the order's language). */
export function buyerUpdateText(order: Pick<Order, "code" | "lang">, carrier: CarrierId, waybill: string, url: string, to: ShipmentStatus, reason: string | null): string {
  const t = trackingMessages(order.lang);
  const lines = [t.buyerUpdate({ code: order.code, carrier: t.carrierName[carrier], happened: t.happened[to], waybill, url })];
  if (to === "delivery_failed") {
    if (reason) lines.push(t.reason({ reason }));
    lines.push(t.buyerFailedHint);
  }
  if (to === "delivered") lines.push(t.buyerDeliveredThanks);
  return lines.join("\n");
}

/** The staff's words for a failure or a return (in the shop's language). */
export function staffAlertText(shop: Pick<Shop, "lang">, order: Pick<Order, "code" | "phone">, carrier: CarrierId, waybill: string, to: ShipmentStatus, reason: string | null): string {
  const t = trackingMessages(shop.lang);
  return [t.staffAlert({ code: order.code, carrier: t.carrierName[carrier], happened: t.happened[to], waybill }), reason ? t.reason({ reason }) : "", order.phone ? t.staffCall({ phone: order.phone }) : ""]
    .filter(Boolean)
    .join("\n");
}

/** The outbox key of one change: a later return to the same status (a second failed attempt) is a new one. */
export const shipmentNoticeKey = (s: Pick<TrackedShipment, "id" | "status" | "updated_at">, to: ShipmentStatus) => `shipment:${s.id}:${s.status}>${to}:${s.updated_at}`;

/**
 * Applies what the carrier said when read back (never a webhook's own claim) to our shipment, as
 * one conditional UPDATE on the row as it was read (status and updated_at), with the buyer's push
 * and any staff alert in the same batch: a resend, an earlier status arriving late, or two webhooks
 * at once change it once. Then the order follows (followOrder, idempotent).
 * `trackingUrl` is the carrier's public page for the waybill, when the row has none.
 */
export async function applyShipmentReport(store: Store, shop: Shop, shipment: TrackedShipment, report: ShipmentReport, now: Date, trackingUrl = ""): Promise<ReportOutcome> {
  const ours = report.waybill === shipment.waybill || (report.clientCode !== null && report.clientCode === shipment.client_code);
  if (!ours || report.carrier !== shipment.carrier) return { kind: "mismatch" };
  const order = await store.db
    .selectFrom("orders")
    .select(["id", "code", "channel", "bot_id", "chat_id", "lang", "phone", "status"])
    .where("id", "=", shipment.order_id)
    .executeTakeFirstOrThrow();
  const at = now.toISOString();
  const from = shipment.status;
  const to = report.status;
  const figures = sql`carrier_status = ${report.carrierStatus}, cod_collected = ${report.codCollected},
                      cod_paid_out = COALESCE(${report.codPaidOut}, cod_paid_out), fee = COALESCE(${report.fee}, fee)`;
  if (!canMove(from, to)) {
    // Money can still move without the status (GHTK's 5 → 6 "settled" maps to delivered again;
    // GHN's update_fee, update_cod): bring the figures up to date, tell no one.
    const stale =
      shipment.carrier_status !== report.carrierStatus ||
      shipment.cod_collected !== report.codCollected ||
      (report.codPaidOut !== null && shipment.cod_paid_out !== report.codPaidOut) ||
      (report.fee !== null && shipment.fee !== report.fee);
    // Only while the status is what we read: a report read before a newer one was recorded cannot overwrite it.
    if (stale && from === to) await sql`UPDATE shipments SET ${figures}, updated_at = ${at} WHERE id = ${shipment.id} AND status = ${from} AND updated_at = ${shipment.updated_at}`.execute(store.db);
    await followOrder(store, shop, shipment.carrier, order, from, now);
    return { kind: "unchanged", status: from, reported: to };
  }
  const waybill = shipment.waybill;
  const url = shipment.tracking_url || trackingUrl;
  const key = shipmentNoticeKey(shipment, to);
  // A staff cancel already told the buyer; a carrier's own cancel is for the staff to explain.
  const tellBuyer = to !== "cancelled" && to !== "ready_to_pick";
  const recorded = sql`EXISTS (SELECT 1 FROM shipments WHERE id = ${shipment.id} AND status = ${to} AND updated_at = ${at})`;
  const staff = alertsStaff(from, to) ? await staffNoticeQueries(store, shop, { text: staffAlertText(shop, order, shipment.carrier, waybill, to, report.reason) }, key, now, recorded) : [];
  const [changed] = await store.batch([
    sql`UPDATE shipments SET status = ${to}, ${figures}, updated_at = ${at}
        WHERE id = ${shipment.id} AND status = ${from} AND updated_at = ${shipment.updated_at}`.compile(store.db),
    ...(tellBuyer
      ? [enqueueIfChangedQuery(store, { channel: order.channel, botId: order.bot_id, chatId: order.chat_id, reply: { text: buyerUpdateText(order, shipment.carrier, waybill, url, to, report.reason) }, dedupeKey: `${key}:buyer` }, now)]
      : []),
    ...staff,
  ]);
  if (!changed?.changes) return { kind: "raced" };
  await followOrder(store, shop, shipment.carrier, order, to, now);
  return { kind: "moved", from, to };
}

/**
 * Moves the order to where its parcel is, by the same rules as staff actions (TRANSITIONS: each a
 * conditional UPDATE from the statuses the move may leave), without their generic buyer notice
 * (the carrier's push says it, with the waybill). Picked up → out for delivery; delivered →
 * delivered (cash on delivery then counts as received, as for a staff "delivered"); returned →
 * cancelled with the reason, its stock given back. Idempotent: run again, it changes nothing.
 */
export async function followOrder(store: Store, shop: Shop, carrier: CarrierId, order: Pick<Order, "id">, status: ShipmentStatus, now: Date): Promise<void> {
  const wanted = orderStatusFor(status);
  if (!wanted) return;
  const at = now.toISOString();
  const carrierName = trackingMessages(shop.lang).carrierName[carrier];
  const ship = sql`UPDATE orders SET status = ${TRANSITIONS.ship.to}, shipper_staff_id = NULL, shipper_name = ${carrierName}, shipper_phone = NULL, updated_at = ${at}
                   WHERE id = ${order.id} AND status IN (${sql.join([...TRANSITIONS.ship.from])})`.compile(store.db);
  if (wanted === "out_for_delivery") {
    await store.batch([ship]);
  } else if (wanted === "delivered") {
    await store.batch([
      ship,
      sql`UPDATE orders SET status = ${TRANSITIONS.deliver.to}, delivered_at = ${at}, updated_at = ${at}
          WHERE id = ${order.id} AND status IN (${sql.join([...TRANSITIONS.deliver.from])})`.compile(store.db),
    ]);
  } else {
    await cancelOrder(store, order.id, trackingMessages(shop.lang).returnedReason({ carrier: carrierName }), now, TRANSITIONS.cancel.from.filter((s) => s !== "draft"));
  }
}
