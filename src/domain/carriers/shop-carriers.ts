// A shop's carrier settings (issue 23, migrations/0025): which carriers it offers, its account at
// each (the token sealed like every stored secret), who pays the fee, its pickup address, the :token
// of its webhook URLs. The default shop (findDefaultShop) also takes its accounts from the
// environment (GHN_TOKEN, GHN_SHOP_ID, GHTK_TOKEN…) when its stored settings have none, so a fake can
// stand in from outside; every shop's calls go to GHN_API_ROOT / GHTK_API_ROOT.
import type { AppConfig } from "../../config";
import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { hmacHex } from "../../platform/crypto";
import { ADMIN_UNITS } from "../address/admin-units";
import { openSecret, sealSecret } from "../secrets/sealed";
import { findDefaultShop } from "../shops/shops";
import { serverSecret } from "../shops/settings";
import { CARRIER_IDS, type CarrierAccounts, type CarrierClient, type CarrierId, type ShipAddress } from "./carrier";
import { ghnClient } from "./ghn";
import { ghtkClient } from "./ghtk";

/** The part of the environment carriers read. */
export type CarrierConfig = Pick<AppConfig, "GHN_TOKEN" | "GHN_SHOP_ID" | "GHN_API_ROOT" | "GHTK_TOKEN" | "GHTK_API_ROOT" | "CARRIER_WEBHOOK_TOKEN">;

export type FeePaidBy = "shop" | "buyer";

/** One carrier's settings for a shop, the token opened (never to be shown: maskSecret). */
export interface ShopCarrierSetting {
  carrier: CarrierId;
  /** Offered to buyers and for waybills. */
  enabled: boolean;
  token: string | null;
  ghnShopId: number | null;
  clientSource: string | null;
  feePaidBy: FeePaidBy;
  /** True when the account comes from the environment (the default shop with nothing stored). */
  fromEnvironment: boolean;
}

export interface ClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const isDefaultShop = async (store: Store, shop: Pick<Shop, "id">) => (await findDefaultShop(store))?.id === shop.id;

/** Each carrier's settings for the shop (stored, else the environment for the default shop, else off). */
export async function shopCarrierSettings(store: Store, shop: Pick<Shop, "id">, config: CarrierConfig): Promise<Record<CarrierId, ShopCarrierSetting>> {
  const rows = await store.db.selectFrom("shop_carriers").selectAll().where("shop_id", "=", shop.id).execute();
  const isDefault = await isDefaultShop(store, shop);
  const out = {} as Record<CarrierId, ShopCarrierSetting>;
  for (const carrier of CARRIER_IDS) {
    const row = rows.find((r) => r.carrier === carrier);
    const envToken = isDefault ? (carrier === "ghn" ? config.GHN_TOKEN : config.GHTK_TOKEN) : undefined;
    const stored = row?.token ? await openSecret(store, "shop_carriers.token", row.token) : null;
    const fromEnvironment = !stored && !!envToken;
    out[carrier] = {
      carrier,
      // The environment turns a carrier on until the owner saves a choice.
      enabled: row ? row.enabled === 1 : fromEnvironment,
      token: stored ?? envToken ?? null,
      ghnShopId: row?.ghn_shop_id ?? (isDefault && carrier === "ghn" ? (config.GHN_SHOP_ID ?? null) : null),
      clientSource: row?.client_source ?? null,
      feePaidBy: row?.fee_paid_by ?? "buyer",
      fromEnvironment,
    };
  }
  return out;
}

/** The accounts a shop can use (a carrier with no token, or GHN with no ShopId, has none). */
export function accountsOf(settings: Record<CarrierId, ShopCarrierSetting>, config: CarrierConfig): CarrierAccounts {
  const accounts: CarrierAccounts = {};
  const ghn = settings.ghn;
  if (ghn.token && ghn.ghnShopId) accounts.ghn = { apiRoot: config.GHN_API_ROOT, token: ghn.token, shopId: ghn.ghnShopId };
  const ghtk = settings.ghtk;
  if (ghtk.token) accounts.ghtk = { apiRoot: config.GHTK_API_ROOT, token: ghtk.token, ...(ghtk.clientSource ? { clientSource: ghtk.clientSource } : {}) };
  return accounts;
}

/** The carriers the shop offers buyers: turned on, with an account. */
export async function offeredCarriers(store: Store, shop: Pick<Shop, "id">, config: CarrierConfig): Promise<CarrierId[]> {
  const settings = await shopCarrierSettings(store, shop, config);
  const accounts = accountsOf(settings, config);
  return CARRIER_IDS.filter((c) => settings[c].enabled && accounts[c]);
}

/** The client of one of the shop's carriers, or undefined when it has no account there (or it is off). */
export async function carrierClientFor(store: Store, shop: Pick<Shop, "id">, carrier: CarrierId, config: CarrierConfig, opts: ClientOptions = {}): Promise<CarrierClient | undefined> {
  const settings = await shopCarrierSettings(store, shop, config);
  if (!settings[carrier].enabled) return undefined;
  return clientOf(accountsOf(settings, config), carrier, opts);
}

/** The client for an account (no check of whether the carrier is offered: for waybills already made). */
export function clientOf(accounts: CarrierAccounts, carrier: CarrierId, opts: ClientOptions = {}): CarrierClient | undefined {
  if (carrier === "ghn") return accounts.ghn ? ghnClient(accounts.ghn, opts) : undefined;
  return accounts.ghtk ? ghtkClient(accounts.ghtk, opts) : undefined;
}

/** A carrier's client for a shop whether or not it is still offered (to read back, cancel or print a waybill made earlier). */
export async function carrierClientForWaybill(store: Store, shop: Pick<Shop, "id">, carrier: CarrierId, config: CarrierConfig, opts: ClientOptions = {}): Promise<CarrierClient | undefined> {
  return clientOf(accountsOf(await shopCarrierSettings(store, shop, config), config), carrier, opts);
}

const randomToken = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

/**
 * The :token of the shop's carrier webhook URLs (/webhooks/ghn|ghtk/:shop/:token). The default shop:
 * CARRIER_WEBHOOK_TOKEN, else derived from the server secret. Other shops: their own random token,
 * made on first use (a conditional write: two first uses agree) and stored sealed.
 */
export async function carrierWebhookToken(store: Store, shop: Pick<Shop, "id">, config: CarrierConfig): Promise<string> {
  if (await isDefaultShop(store, shop)) {
    if (config.CARRIER_WEBHOOK_TOKEN) return config.CARRIER_WEBHOOK_TOKEN;
    return (await hmacHex("SHA-256", await serverSecret(store), `carrier-webhook:${shop.id}`)).slice(0, 40);
  }
  const read = async () => (await store.db.selectFrom("shops").select("carrier_webhook_token").where("id", "=", shop.id).executeTakeFirst())?.carrier_webhook_token ?? null;
  let stored = await read();
  if (!stored) {
    const sealed = await sealSecret(store, "shops.carrier_webhook_token", randomToken());
    await store.db.updateTable("shops").set({ carrier_webhook_token: sealed }).where("id", "=", shop.id).where("carrier_webhook_token", "is", null).execute();
    stored = await read();
  }
  if (!stored) throw new Error(`shop ${shop.id}: no carrier webhook token`);
  return openSecret(store, "shops.carrier_webhook_token", stored);
}

export interface CarrierSettingInput {
  enabled: boolean;
  /** A new token; undefined keeps the stored one (it is never shown back to be re-sent). */
  token?: string;
  ghnShopId: number | null;
  clientSource: string | null;
  feePaidBy: FeePaidBy;
}

/** Saves one carrier's settings for a shop (the token sealed). */
export async function saveShopCarrier(store: Store, shopId: number, carrier: CarrierId, input: CarrierSettingInput, now: Date): Promise<void> {
  const token = input.token ? await sealSecret(store, "shop_carriers.token", input.token) : undefined;
  const values = {
    enabled: input.enabled ? 1 : 0,
    ghn_shop_id: input.ghnShopId,
    client_source: input.clientSource,
    fee_paid_by: input.feePaidBy,
    updated_at: now.toISOString(),
  };
  await store.db
    .insertInto("shop_carriers")
    .values({ shop_id: shopId, carrier, token: token ?? null, ...values })
    .onConflict((oc) => oc.columns(["shop_id", "carrier"]).doUpdateSet(token ? { ...values, token } : values))
    .execute();
}

export interface PickupAddressInput {
  provinceCode: string;
  communeCode: string;
  hamlet: string | null;
  street: string | null;
  name: string;
  phone: string;
}

/** Saves the shop's pickup address and the flat fee quoted when a carrier does not answer. */
export async function savePickupSettings(store: Store, shopId: number, input: PickupAddressInput & { flatFee: number }): Promise<void> {
  await store.db
    .updateTable("shops")
    .set({
      pickup_province_code: input.provinceCode,
      pickup_commune_code: input.communeCode,
      pickup_hamlet: input.hamlet,
      pickup_street: input.street,
      pickup_name: input.name,
      pickup_phone: input.phone,
      carrier_flat_fee: input.flatFee,
    })
    .where("id", "=", shopId)
    .execute();
}

const provinceName = (code: string) => ADMIN_UNITS.provinces.find((p) => p[0] === code)?.[1];
const commune = (code: string) => ADMIN_UNITS.communes.find((c) => c[0] === code);

/** A place from its 2025 codes (names from the dataset), or undefined when the codes do not name one. */
export function shipAddressOf(codes: { provinceCode: string | null; communeCode: string | null }, rest: { hamlet: string | null; street: string | null; name: string; phone: string }): ShipAddress | undefined {
  if (!codes.provinceCode || !codes.communeCode) return undefined;
  const c = commune(codes.communeCode);
  const p = provinceName(codes.provinceCode);
  if (!c || !p || c[2] !== codes.provinceCode) return undefined;
  return { provinceCode: codes.provinceCode, provinceName: p, communeCode: c[0], communeName: c[1], ...rest };
}

/** Whether a province and commune code name a commune of that province. */
export const isCommuneOf = (provinceCode: string, communeCode: string) => commune(communeCode)?.[2] === provinceCode && !!provinceName(provinceCode);

/** The shop's pickup address as carriers take it, or undefined when it has not been set. */
export function shopPickupAddress(shop: Shop): ShipAddress | undefined {
  return shipAddressOf(
    { provinceCode: shop.pickup_province_code, communeCode: shop.pickup_commune_code },
    { hamlet: shop.pickup_hamlet, street: shop.pickup_street ?? shop.pickup_address, name: shop.pickup_name ?? shop.name, phone: shop.pickup_phone ?? shop.phone ?? "" },
  );
}
