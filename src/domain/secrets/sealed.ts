// The one way secret columns are written and read: sealed with DATA_KEY when it is set (keyring.ts),
// clear otherwise, and values from before DATA_KEY still read. Every column holding a secret is
// listed in SECRET_COLUMNS, so the start-up re-seal (reseal.ts) finds them all.
import type { BotRow, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { open, seal } from "./keyring";

/**
 * Every stored secret: its field name (also the additional data it is sealed with, so a value moved
 * to another column does not open), table, column, and the column naming a row.
 */
export const SECRET_COLUMNS = [
  { field: "bots.token", table: "bots", column: "token", key: "id" },
  { field: "bots.webhook_secret", table: "bots", column: "webhook_secret", key: "id" },
  { field: "shops.sepay_api_key", table: "shops", column: "sepay_api_key", key: "id" },
  { field: "shops.casso_webhook_secret", table: "shops", column: "casso_webhook_secret", key: "id" },
  { field: "shops.payos_checksum_key", table: "shops", column: "payos_checksum_key", key: "id" },
  // A shop's Zalo OA (migrations/0023): its app secret, webhook key, OAuth tokens, the consent's PKCE verifier.
  { field: "zalo_oa.app_secret", table: "zalo_oa_connections", column: "app_secret", key: "id" },
  { field: "zalo_oa.oa_secret_key", table: "zalo_oa_connections", column: "oa_secret_key", key: "id" },
  { field: "zalo_oa.access_token", table: "zalo_oa_connections", column: "access_token", key: "id" },
  { field: "zalo_oa.refresh_token", table: "zalo_oa_connections", column: "refresh_token", key: "id" },
  { field: "zalo_oa.pkce_verifier", table: "zalo_oa_connections", column: "pkce_verifier", key: "id" },
  // A shop's carrier accounts and the :token of its carrier webhook URLs (migrations/0025).
  { field: "shop_carriers.token", table: "shop_carriers", column: "token", key: "id" },
  { field: "shops.carrier_webhook_token", table: "shops", column: "carrier_webhook_token", key: "id" },
  // A shop's SePay eInvoice client secret (migrations/0027).
  { field: "shop_einvoice.client_secret", table: "shop_einvoice", column: "client_secret", key: "id" },
  // The server secret webhook secrets and other tokens are derived from.
  { field: "settings.server_secret", table: "settings", column: "value", key: "key", only: "server_secret" },
] as const;

export type SecretField = (typeof SECRET_COLUMNS)[number]["field"];

/** The value to store in a secret column (sealed when DATA_KEY is set). */
export const sealSecret = (store: Store, field: SecretField, plain: string) => seal(store.keyring, field, plain);

/** The clear value of a secret column as stored (throws UnreadableSecretError when it cannot be opened). */
export const openSecret = (store: Store, field: SecretField, stored: string) => open(store.keyring, field, stored);

/** A bots row with its token and webhook secret opened, as the rest of the code uses it. */
export async function openBotRow(store: Store, row: BotRow): Promise<BotRow> {
  return { ...row, token: await openSecret(store, "bots.token", row.token), webhook_secret: await openSecret(store, "bots.webhook_secret", row.webhook_secret) };
}

export type PaymentProvider = "sepay" | "casso" | "payos";

/** The shops column holding each provider's key. */
export const PAYMENT_KEY_COLUMN = { sepay: "sepay_api_key", casso: "casso_webhook_secret", payos: "payos_checksum_key" } as const satisfies Record<PaymentProvider, keyof Shop>;

/** A shop's own key for a payment provider, opened; null when it has none. */
export async function shopPaymentKey(store: Store, shop: Shop, provider: PaymentProvider): Promise<string | null> {
  const column = PAYMENT_KEY_COLUMN[provider];
  const stored = shop[column];
  return stored ? openSecret(store, `shops.${column}`, stored) : null;
}

/** Stores a shop's key for a payment provider (sealed when DATA_KEY is set). */
export async function setShopPaymentKey(store: Store, shopId: number, provider: PaymentProvider, key: string): Promise<void> {
  const column = PAYMENT_KEY_COLUMN[provider];
  await store.db
    .updateTable("shops")
    .set({ [column]: await sealSecret(store, `shops.${column}`, key) })
    .where("id", "=", shopId)
    .execute();
}
