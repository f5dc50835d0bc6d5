// The waybill in one tap (issue 23): staff "Giao qua GHN / GHTK" makes the order at the carrier with
// the shop's pickup address, the buyer's address, items, weight and COD (the unpaid total), under a
// client code of ours (the order code; after a cancelled waybill the code with -2, -3…), so a retry
// or a double tap finds the same waybill at the carrier instead of making a second. The row is
// written only once the carrier answered with its code: a refusal or a lost answer leaves nothing
// half-stored, and the retry asks the carrier again under the same client code.
import { sql } from "kysely";
import type { Order, OrderStatus, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import type { Clock } from "../../platform/clock";
import type { Logger } from "../../platform/logger";
import { fail, ok, type Result } from "../../result";
import { lineOptions } from "../orders/line-text";
import { CarrierRefusal, type CarrierId, type ParcelItem, type ShipmentLabel } from "./carrier";
import { parcelOf } from "./quote";
import { activeShipmentOf, cancelledShipmentCount, type Shipment } from "./shipments";
import { carrierClientFor, carrierClientForWaybill, shipAddressOf, shopPickupAddress, type CarrierConfig, type ClientOptions } from "./shop-carriers";

export interface WaybillDeps {
  store: Store;
  config: CarrierConfig;
  clock: Clock;
  logger?: Logger;
  /** For tests: the fetch and timeout the carrier clients use. */
  client?: ClientOptions;
}

/** Orders a waybill may be made for: accepted ones not yet out with a shipper of the shop. */
export const WAYBILL_STATUSES: readonly OrderStatus[] = ["confirmed", "preparing"];

export type WaybillFailure =
  | { reason: "no_address" | "no_pickup" | "not_offered" | "unavailable" | "no_waybill" | "too_late" }
  | { reason: "not_allowed"; status: OrderStatus }
  | { reason: "refused"; carrier: CarrierId; code: string; description: string };

export type WaybillOutcome = { shipment: Shipment; existed: boolean };

/** Whether an order has a carrier address (province and commune codes), so staff may ship it with a carrier. */
export const hasCarrierAddress = (order: Pick<Order, "fulfilment" | "ship_province_code" | "ship_commune_code">) =>
  order.fulfilment === "delivery" && !!order.ship_province_code && !!order.ship_commune_code;

/** The order's lines as parcel items: price as sold, grams from the catalog now (product + its chosen options by name). */
async function orderParcelItems(store: Store, order: Order): Promise<ParcelItem[]> {
  const lines = await store.db.selectFrom("order_items").select(["product_id", "code", "name", "options", "qty", "unit_price"]).where("order_id", "=", order.id).orderBy("line_no").execute();
  if (lines.length === 0) return [];
  const productIds = [...new Set(lines.map((l) => l.product_id))];
  const products = await store.db.selectFrom("products").select(["id", "weight_grams"]).where("id", "in", productIds).execute();
  const options = await store.db
    .selectFrom("product_options")
    .innerJoin("product_option_groups", "product_option_groups.id", "product_options.group_id")
    .select(["product_option_groups.product_id", "product_options.name", "product_options.weight_delta"])
    .where("product_option_groups.product_id", "in", productIds)
    .execute();
  return lines.map((l) => {
    const names = lineOptions(l.options);
    const base = products.find((p) => p.id === l.product_id)?.weight_grams ?? 500;
    const delta = options.filter((o) => o.product_id === l.product_id && names.includes(o.name)).reduce((s, o) => s + o.weight_delta, 0);
    return { code: l.code, name: l.name, qty: l.qty, unitPrice: l.unit_price, weightGrams: Math.max(1, base + delta) };
  });
}

const buyerName = async (store: Store, buyerId: number) => (await store.db.selectFrom("buyers").select("name").where("id", "=", buyerId).executeTakeFirst())?.name ?? "";

/**
 * Makes the order's waybill at `carrier` (or finds the one it has). Never throws for the carrier's
 * sake: a refusal comes back in its words, a carrier that did not answer as "unavailable" (retry).
 */
export async function createWaybill(deps: WaybillDeps, shop: Shop, order: Order, carrier: CarrierId): Promise<Result<WaybillOutcome, WaybillFailure>> {
  const { store } = deps;
  const existing = await activeShipmentOf(store, order.id);
  if (existing) return ok({ shipment: existing, existed: true });
  if (!WAYBILL_STATUSES.includes(order.status)) return fail({ reason: "not_allowed", status: order.status });
  if (!hasCarrierAddress(order)) return fail({ reason: "no_address" });
  const from = shopPickupAddress(shop);
  if (!from) return fail({ reason: "no_pickup" });
  const to = shipAddressOf(
    { provinceCode: order.ship_province_code, communeCode: order.ship_commune_code },
    { hamlet: order.ship_hamlet, street: order.ship_street ?? order.address, name: (await buyerName(store, order.buyer_id)) || order.phone || order.code, phone: order.phone ?? "" },
  );
  if (!to) return fail({ reason: "no_address" });
  const client = await carrierClientFor(store, shop, carrier, deps.config, deps.client);
  if (!client) return fail({ reason: "not_offered" });

  const cancelled = await cancelledShipmentCount(store, order.id);
  const clientCode = cancelled === 0 ? order.code : `${order.code}-${cancelled + 1}`;
  const items = await orderParcelItems(store, order);
  // The buyer's share of delivery is in the order's total already (or the shop pays it): the carrier
  // collects what is unpaid and bills the shop its fee.
  const cod = Math.max(0, order.total - order.paid_amount);
  const parcel = parcelOf(items, cod, order.note ? order.note.slice(0, 120) : undefined);
  let made;
  try {
    made = await client.create({ clientCode, from, to, parcel, feePaidBy: "shop" });
  } catch (error) {
    if (error instanceof CarrierRefusal) return fail({ reason: "refused", carrier, code: error.code, description: error.description });
    deps.logger?.warn("waybill not made", { shop: shop.slug, order: order.code, carrier, error: error instanceof Error ? error.message : String(error) });
    return fail({ reason: "unavailable" });
  }
  const now = deps.clock.now().toISOString();
  // Idempotent: a double tap's second insert (same client code) or a race with another carrier's
  // waybill for the order (one active per order) does nothing.
  const inserted = await store.db
    .insertInto("shipments")
    .values({
      order_id: order.id,
      shop_id: shop.id,
      carrier,
      client_code: clientCode,
      waybill: made.waybill,
      status: "ready_to_pick",
      carrier_status: null,
      fee: made.fee,
      cod_amount: parcel.cod,
      cod_collected: 0,
      cod_paid_out: null,
      tracking_url: made.trackingUrl,
      expected_delivery: made.expectedDelivery ? made.expectedDelivery.toISOString() : null,
      label_kind: carrier === "ghtk" ? "pdf" : "url",
      created_at: now,
      updated_at: now,
      cancelled_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  const stored = await activeShipmentOf(store, order.id);
  if (!stored) return fail({ reason: "unavailable" });
  if (stored.waybill !== made.waybill && stored.carrier !== carrier) {
    // Another tap made a waybill with the other carrier first: ours is not wanted.
    await client.cancel(made.waybill).catch(() => undefined);
    return ok({ shipment: stored, existed: true });
  }
  return ok({ shipment: stored, existed: Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0 });
}

/**
 * Cancels the order's waybill at the carrier before pickup, then marks it cancelled (the order itself
 * stays as it is: the shop decides). After pickup: "too_late", both from our own status and when the
 * carrier says so.
 */
export async function cancelWaybill(deps: WaybillDeps, shop: Shop, order: Order): Promise<Result<Shipment, WaybillFailure>> {
  const shipment = await activeShipmentOf(deps.store, order.id);
  if (!shipment) return fail({ reason: "no_waybill" });
  if (shipment.status !== "ready_to_pick") return fail({ reason: "too_late" });
  const client = await carrierClientForWaybill(deps.store, shop, shipment.carrier, deps.config, deps.client);
  if (!client) return fail({ reason: "not_offered" });
  try {
    await client.cancel(shipment.waybill);
  } catch (error) {
    if (error instanceof CarrierRefusal) return fail({ reason: "too_late" });
    deps.logger?.warn("waybill not cancelled", { shop: shop.slug, order: order.code, error: error instanceof Error ? error.message : String(error) });
    return fail({ reason: "unavailable" });
  }
  const now = deps.clock.now().toISOString();
  await sql`UPDATE shipments SET status = 'cancelled', cancelled_at = ${now}, updated_at = ${now} WHERE id = ${shipment.id} AND cancelled_at IS NULL`.execute(deps.store.db);
  return ok({ ...shipment, status: "cancelled", cancelled_at: now, updated_at: now });
}

/** The label of the order's waybill from its carrier (GHN: a print link; GHTK: the PDF). */
export async function waybillLabel(deps: WaybillDeps, shop: Shop, shipment: Shipment): Promise<Result<ShipmentLabel, WaybillFailure>> {
  const client = await carrierClientForWaybill(deps.store, shop, shipment.carrier, deps.config, deps.client);
  if (!client) return fail({ reason: "not_offered" });
  try {
    return ok(await client.label(shipment.waybill));
  } catch (error) {
    if (error instanceof CarrierRefusal) return fail({ reason: "refused", carrier: shipment.carrier, code: error.code, description: error.description });
    return fail({ reason: "unavailable" });
  }
}
