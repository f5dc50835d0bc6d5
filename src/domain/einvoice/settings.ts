// A shop's SePay eInvoice account (shop_einvoice, migrations/0027): off until the owner sets it up.
// The client secret is sealed like every stored secret and never shown again; the token SePay gives
// for it is kept in the store's memo per shop, tied to the settings row it was made from.
import type { AppConfig } from "../../config";
import type { Store } from "../../db/store";
import { fail, ok, type Result } from "../../result";
import { openSecret, sealSecret } from "../secrets/sealed";
import { SepayEinvoiceClient, type TokenCache } from "./sepay-einvoice-client";

/** The part of the environment e-invoices read. */
export type EinvoiceConfig = Pick<AppConfig, "SEPAY_EINVOICE_URL">;

/** How calls are made (tests shorten them). */
export interface EinvoiceCallOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Ký hiệu hóa đơn (TT 91/2026 Annex I, via ../shared/BOOKS.md §4): C/K (coded or not), the year's two
 * digits, the kind (T registered, D, L per transaction, M cash register, N, B, G, H, X e-commerce, F)
 * and two free letters or digits.
 */
export const INVOICE_SERIES = /^[CK]\d{2}[TDLMNBGHXF][A-Z0-9]{2}$/;
/** Mẫu số 2: the sales invoice (hóa đơn bán hàng) households on the revenue method issue; 1 is VAT. */
export const SALES_INVOICE_TEMPLATE = "2";

export interface EinvoiceSettings {
  enabled: boolean;
  clientId: string;
  /** Opened; never to be shown (maskSecret). */
  clientSecret: string;
  providerAccountId: string;
  templateCode: string;
  invoiceSeries: string;
  updatedAt: string;
}

/** The shop's settings, the secret opened; undefined when it never saved any. */
export async function einvoiceSettings(store: Store, shopId: number): Promise<EinvoiceSettings | undefined> {
  const row = await store.db.selectFrom("shop_einvoice").selectAll().where("shop_id", "=", shopId).executeTakeFirst();
  if (!row) return undefined;
  return {
    enabled: row.enabled === 1,
    clientId: row.client_id,
    clientSecret: row.client_secret ? await openSecret(store, "shop_einvoice.client_secret", row.client_secret) : "",
    providerAccountId: row.provider_account_id,
    templateCode: row.template_code,
    invoiceSeries: row.invoice_series,
    updatedAt: row.updated_at,
  };
}

/** Whether the settings name everything an invoice needs. */
export const isComplete = (s: Pick<EinvoiceSettings, "clientId" | "clientSecret" | "providerAccountId" | "templateCode" | "invoiceSeries">) =>
  !!(s.clientId && s.clientSecret && s.providerAccountId && s.templateCode && s.invoiceSeries);

export interface EinvoiceSettingsInput {
  clientId: string;
  /** A new secret; undefined keeps the stored one (it is never shown back to be re-sent). */
  clientSecret?: string;
  providerAccountId: string;
  templateCode: string;
  invoiceSeries: string;
  enabled: boolean;
}

export type SettingsProblem = "client_id" | "secret_missing" | "series" | "template" | "incomplete";

/** The input checked against what is stored: the reason it cannot be saved, if any. */
export function checkSettings(input: EinvoiceSettingsInput, stored: EinvoiceSettings | undefined): Result<EinvoiceSettingsInput, SettingsProblem> {
  if (!/^[\x21-\x7e]{3,200}$/.test(input.clientId)) return fail("client_id");
  if (!input.clientSecret && !stored?.clientSecret) return fail("secret_missing");
  if (input.invoiceSeries && !INVOICE_SERIES.test(input.invoiceSeries)) return fail("series");
  if (input.templateCode && input.templateCode !== SALES_INVOICE_TEMPLATE) return fail("template");
  if (input.enabled && !(input.providerAccountId && input.templateCode && input.invoiceSeries)) return fail("incomplete");
  return ok(input);
}

/** Saves the settings (the secret sealed); the kept token is dropped, since it may be another account's. */
export async function saveEinvoiceSettings(store: Store, shopId: number, input: EinvoiceSettingsInput, now: Date): Promise<void> {
  const secret = input.clientSecret ? await sealSecret(store, "shop_einvoice.client_secret", input.clientSecret) : undefined;
  const values = {
    enabled: input.enabled ? 1 : 0,
    client_id: input.clientId,
    provider_account_id: input.providerAccountId,
    template_code: input.templateCode,
    invoice_series: input.invoiceSeries,
    updated_at: now.toISOString(),
  };
  await store.db
    .insertInto("shop_einvoice")
    .values({ shop_id: shopId, client_secret: secret ?? "", ...values })
    .onConflict((oc) => oc.column("shop_id").doUpdateSet(secret ? { ...values, client_secret: secret } : values))
    .execute();
  store.memo?.delete(tokenKey(shopId));
}

const tokenKey = (shopId: number) => `einvoice-token:${shopId}`;

/** The shop's token kept in the store's memo, only for the settings it was made from. */
export function shopTokenCache(store: Store, shopId: number, settings: Pick<EinvoiceSettings, "clientId" | "updatedAt">): TokenCache {
  const key = tokenKey(shopId);
  const fingerprint = `${settings.clientId}|${settings.updatedAt}`;
  type Kept = { fingerprint: string; token: string; expiresAt: number };
  return {
    get() {
      const kept = store.memo?.get(key) as Kept | undefined;
      return kept && kept.fingerprint === fingerprint ? { token: kept.token, expiresAt: kept.expiresAt } : undefined;
    },
    set: (v) => void store.memo?.set(key, { fingerprint, ...v } satisfies Kept),
    clear: () => void store.memo?.delete(key),
  };
}

/** A client for the shop's account, its token kept per shop. */
export function shopEinvoiceClient(store: Store, shopId: number, settings: EinvoiceSettings, config: EinvoiceConfig, opts: EinvoiceCallOptions & { now?: () => number } = {}): SepayEinvoiceClient {
  return new SepayEinvoiceClient({
    baseUrl: config.SEPAY_EINVOICE_URL,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    tokenCache: shopTokenCache(store, shopId, settings),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    timeoutMs: opts.timeoutMs ?? 10_000,
    ...(opts.now ? { now: opts.now } : {}),
  });
}

/** The knobs of calls to SePay eInvoice a deployment (or a test) may turn. */
export interface EinvoiceTuning {
  timeoutMs?: number;
  /** Job checks within one request, and the wait between them. */
  polls?: number;
  pollIntervalMs?: number;
}
