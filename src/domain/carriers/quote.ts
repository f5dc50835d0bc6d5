// The delivery fee a buyer sees at checkout for a carrier-delivered address (issue 23): one quote per
// carrier the shop offers, asked in parallel with a short timeout, for the cart's weight (each
// product's grams plus its options', × qty), declared value and COD. A carrier that fails gives the
// shop's flat fee instead, marked as such with a note for the buyer: never a stuck buyer, never a throw.
import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { shippingMessages } from "../../i18n/shipping";
import type { Logger } from "../../platform/logger";
import { formatVnd } from "../money";
import type { CartLine } from "../orders/pricing";
import type { CarrierId, Parcel, ParcelItem, ShipAddress } from "./carrier";
import { accountsOf, clientOf, offeredCarriers, shopCarrierSettings, shopPickupAddress, type CarrierConfig, type FeePaidBy } from "./shop-carriers";

export interface DeliveryQuote {
  carrier: CarrierId;
  /** Đồng: the carrier's fee (or the shop's flat fee when `fallback`). Who pays it: `paidBy`. */
  fee: number;
  expectedDelivery: Date | null;
  /** 'buyer': the fee is added to the order; 'shop': the buyer's delivery is free. */
  paidBy: FeePaidBy;
  /** True when the carrier did not answer and the fee is the shop's flat fee. */
  fallback: boolean;
  /** For the buyer, when fallback. */
  note?: string;
}

export interface QuoteDeps {
  store: Store;
  config: CarrierConfig;
  logger?: Logger;
  fetch?: typeof fetch;
  /** Per carrier; 6 s by default (a buyer is waiting). */
  timeoutMs?: number;
}

export interface QuoteOptions {
  /** True (the default): the buyer pays on delivery, the goods' value is collected. False: prepaid (VietQR). */
  cod?: boolean;
  /** The buyer's language, for the note. */
  lang?: string;
}

/** The grams of each line's unit (product plus options) and its price, from the catalog as it is now. */
export async function cartParcelItems(store: Store, shopId: number, lines: readonly CartLine[]): Promise<ParcelItem[]> {
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const optionIds = [...new Set(lines.flatMap((l) => l.optionIds))];
  if (productIds.length === 0) return [];
  const products = await store.db.selectFrom("products").select(["id", "code", "name", "price", "weight_grams"]).where("shop_id", "=", shopId).where("id", "in", productIds).execute();
  const options = optionIds.length
    ? await store.db
        .selectFrom("product_options")
        .innerJoin("product_option_groups", "product_option_groups.id", "product_options.group_id")
        .select(["product_options.id", "product_option_groups.product_id", "product_options.price_delta", "product_options.weight_delta"])
        .where("product_options.id", "in", optionIds)
        .execute()
    : [];
  const items: ParcelItem[] = [];
  for (const line of lines) {
    const p = products.find((x) => x.id === line.productId);
    if (!p) continue;
    const chosen = options.filter((o) => o.product_id === p.id && line.optionIds.includes(o.id));
    items.push({
      code: p.code,
      name: p.name,
      qty: line.qty,
      unitPrice: p.price + chosen.reduce((s, o) => s + o.price_delta, 0),
      weightGrams: Math.max(1, p.weight_grams + chosen.reduce((s, o) => s + o.weight_delta, 0)),
    });
  }
  return items;
}

/** A parcel of those items: total grams, declared value, and what is collected on delivery. */
export function parcelOf(items: readonly ParcelItem[], cod: number, note?: string): Parcel {
  return {
    weightGrams: Math.max(1, items.reduce((s, i) => s + i.weightGrams * i.qty, 0)),
    declaredValue: items.reduce((s, i) => s + i.unitPrice * i.qty, 0),
    cod: Math.max(0, Math.round(cod)),
    items: [...items],
    ...(note ? { note } : {}),
  };
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });

/** One quote per carrier the shop offers (none offered: []), each the carrier's or the shop's flat fee. */
export async function quoteDelivery(deps: QuoteDeps, shop: Shop, to: ShipAddress, lines: readonly CartLine[], opts: QuoteOptions = {}): Promise<DeliveryQuote[]> {
  const s = shippingMessages(opts.lang ?? shop.lang);
  const timeoutMs = deps.timeoutMs ?? 6000;
  let carriers: CarrierId[];
  let settings: Awaited<ReturnType<typeof shopCarrierSettings>>;
  try {
    settings = await shopCarrierSettings(deps.store, shop, deps.config);
    carriers = await offeredCarriers(deps.store, shop, deps.config);
  } catch (error) {
    deps.logger?.error("carrier settings unreadable", { shop: shop.slug, error: String(error) });
    return [];
  }
  const fallback = (carrier: CarrierId): DeliveryQuote => ({
    carrier,
    fee: shop.carrier_flat_fee,
    expectedDelivery: null,
    paidBy: settings[carrier].feePaidBy,
    fallback: true,
    note: s.quoteFallbackNote({ carrier: s.carrierName[carrier], fee: formatVnd(shop.carrier_flat_fee) }),
  });
  if (carriers.length === 0) return [];
  const from = shopPickupAddress(shop);
  let parcel: Parcel;
  try {
    const items = await cartParcelItems(deps.store, shop.id, lines);
    const value = items.reduce((sum, i) => sum + i.unitPrice * i.qty, 0);
    parcel = parcelOf(items, opts.cod === false ? 0 : value);
  } catch (error) {
    deps.logger?.error("cart weight unreadable", { shop: shop.slug, error: String(error) });
    return carriers.map(fallback);
  }
  if (!from) return carriers.map(fallback);
  const accounts = accountsOf(settings, deps.config);
  return Promise.all(
    carriers.map(async (carrier): Promise<DeliveryQuote> => {
      try {
        const client = clientOf(accounts, carrier, { ...(deps.fetch ? { fetch: deps.fetch } : {}), timeoutMs });
        if (!client) return fallback(carrier);
        const q = await withTimeout(client.quote(from, to, parcel), timeoutMs + 500);
        if (!Number.isSafeInteger(q.fee) || q.fee < 0) return fallback(carrier);
        return { carrier, fee: q.fee, expectedDelivery: q.expectedDelivery, paidBy: settings[carrier].feePaidBy, fallback: false };
      } catch (error) {
        deps.logger?.warn("carrier quote failed", { shop: shop.slug, carrier, error: error instanceof Error ? error.message : String(error) });
        return fallback(carrier);
      }
    }),
  );
}
