import type { Reply } from "../../src/chat/types";
import type { Staff } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { CARRIER_IDS, type CarrierId } from "../../src/domain/carriers/carrier";
import { cancelWaybill, createWaybill, type WaybillFailure } from "../../src/domain/carriers/waybill";
import { activeShipmentOf, type Shipment } from "../../src/domain/carriers/shipments";
import { findOrderByCode } from "../../src/domain/orders/queries";
import { shippingMessages, type ShippingMessages } from "../../src/i18n/shipping";
import { foldText } from "../../src/text/normalize";
import type { GroupContext } from "../group-context";
import { NetworkFirst } from "../inbound/network-first";

const CODE = /^CC[A-Z2-9]{6}$/i;

type Outcome = { ok: true; shipment: Shipment; existed: boolean; cancelled: boolean } | { ok: false; failure: WaybillFailure | { reason: "unknown_order" } };

function failureText(s: ShippingMessages, f: WaybillFailure | { reason: "unknown_order" }): string {
  if (f.reason === "refused") return s.refused({ carrier: s.carrierName[f.carrier], why: f.description || f.code });
  return s.failure[f.reason];
}

/**
 * Before staff cancel an order from chat: its waybill, if it has one waiting for pickup, is cancelled
 * at the carrier (outside Node's atomic unit, as staffWaybill). Undefined: go on and cancel the order;
 * else the reply saying why not (the carrier has the parcel, or did not answer).
 */
export async function cancelWaybillBeforeOrder(ctx: GroupContext, code: string): Promise<Reply[] | undefined> {
  const order = await findOrderByCode(ctx.store, ctx.shop.id, code);
  if (!order || !(await activeShipmentOf(ctx.store, order.id))) return undefined;
  const s = shippingMessages(ctx.lang);
  const config = ctx.carrierConfig;
  if (!config) return [{ text: s.failure.not_offered }];
  const key = `waybill-first:${ctx.shop.id}:${code}`;
  const run = async (store: Store): Promise<{ ok: true } | { ok: false; failure: WaybillFailure }> => {
    const fresh = await findOrderByCode(store, ctx.shop.id, code);
    if (!fresh) return { ok: true };
    const done = await cancelWaybill({ store, config, clock: { now: () => ctx.now } }, ctx.shop, fresh);
    return done.ok || done.reason.reason === "no_waybill" ? { ok: true } : { ok: false, failure: done.reason };
  };
  let outcome = ctx.prefetched?.get(key) as Awaited<ReturnType<typeof run>> | undefined;
  if (!outcome) {
    if (ctx.holdsDatabase) throw new NetworkFirst(async (store, prefetched) => void prefetched.set(key, await run(store)));
    outcome = await run(ctx.store);
  }
  return outcome.ok ? undefined : [{ text: failureText(s, outcome.failure) }];
}

/** What `/gui CODE ghn|ghtk|huy` asks for: a carrier to make the waybill with, or its cancel. */
export function readWaybillArgs(args: string): { code: string; what: CarrierId | "cancel" } | undefined {
  const [code = "", word = ""] = args.trim().split(/\s+/);
  const w = foldText(word);
  const what = CARRIER_IDS.find((c) => c === w) ?? (w === "huy" || w === "cancel" ? "cancel" : undefined);
  return CODE.test(code) && what ? { code: code.toUpperCase(), what } : undefined;
}

/**
 * Staff make (or cancel) an order's waybill from chat: the order notice's "🚚 GHN" button and the
 * typed `/gui CC7K2M9Q ghn`. The carrier is called outside the database: inside Node's atomic unit
 * the step asks the pipeline to run it first (NetworkFirst) and reads its answer on the second run;
 * the waybill itself is idempotent (one per client code), so a resent command finds the same one.
 */
export async function staffWaybill(ctx: GroupContext, actor: Staff, code: string, what: CarrierId | "cancel"): Promise<Reply[]> {
  const s = shippingMessages(ctx.lang);
  if (actor.role === "shipper") return [{ text: s.failure.forbidden }];
  const config = ctx.carrierConfig;
  if (!config) return [{ text: s.failure.not_offered }];
  const key = `waybill:${ctx.shop.id}:${code}:${what}`;
  const run = async (store: Store): Promise<Outcome> => {
    const order = await findOrderByCode(store, ctx.shop.id, code);
    if (!order) return { ok: false, failure: { reason: "unknown_order" } };
    const deps = { store, config, clock: { now: () => ctx.now } };
    if (what === "cancel") {
      const done = await cancelWaybill(deps, ctx.shop, order);
      return done.ok ? { ok: true, shipment: done.value, existed: false, cancelled: true } : { ok: false, failure: done.reason };
    }
    const made = await createWaybill(deps, ctx.shop, order, what);
    return made.ok ? { ok: true, shipment: made.value.shipment, existed: made.value.existed, cancelled: false } : { ok: false, failure: made.reason };
  };
  let outcome = ctx.prefetched?.get(key) as Outcome | undefined;
  if (!outcome) {
    if (ctx.holdsDatabase) throw new NetworkFirst(async (store, prefetched) => void prefetched.set(key, await run(store)));
    outcome = await run(ctx.store);
  }
  if (!outcome.ok) return [{ text: failureText(s, outcome.failure) }];
  const sh = outcome.shipment;
  const carrier = s.carrierName[sh.carrier];
  if (outcome.cancelled) return [{ text: s.cancelled({ code, waybill: sh.waybill }) }];
  const text = (outcome.existed ? s.existed : s.created)({ code, carrier, waybill: sh.waybill });
  const base = ctx.publicUrl.replace(/\/+$/, "");
  const buttons = [
    ...(sh.tracking_url ? [{ label: s.track, url: sh.tracking_url }] : []),
    ...(base ? [{ label: s.printLabel, url: `${base}/dashboard/orders/${code}/label?shop=${encodeURIComponent(ctx.shop.slug)}` }] : []),
  ];
  return [{ text, ...(buttons.length ? { buttons } : {}) }];
}
