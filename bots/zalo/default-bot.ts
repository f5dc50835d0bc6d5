// The default shop's Zalo bot (ZALO_BOT_TOKEN), shared by both entries: registering it (getMe →
// bots row with its webhook secret) and pointing Zalo's webhook at us. Web-standard only.
import type { AppConfig } from "../../src/config";
import type { BotRow } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { botIdOf, findBot, upsertBot, webhookSecretFor } from "../../src/domain/shops/bots";
import { findDefaultShop } from "../../src/domain/shops/shops";
import { parseStoredJson, setWebhookOnce } from "../../src/domain/shops/webhook-once";
import { hmacHex } from "../../src/platform/crypto";
import type { Logger } from "../../src/platform/logger";
import { ZaloBotClient, type ZaloMe } from "./client";

export interface DefaultZaloBot {
  client: ZaloBotClient;
  row: BotRow;
  secret: string;
  /** getMe's answer (fresh, or as stored when the registration was reused). */
  me: ZaloMe | null;
}

/**
 * Registers the default shop's Zalo bot: one getMe, stored with its webhook secret (ZALO_WEBHOOK_SECRET,
 * else derived from the token and the server secret). With `reuse`, a row that already holds this
 * token is kept and no call is made; only a changed secret is written. A Zalo that cannot be
 * reached is logged and gives undefined.
 */
export async function registerDefaultZaloBot(opts: { store: Store; config: AppConfig; logger: Logger; now: () => Date; reuse?: boolean; timeoutMs?: number }): Promise<DefaultZaloBot | undefined> {
  const { store, config, logger } = opts;
  const token = config.ZALO_BOT_TOKEN;
  if (!token) return undefined;
  const shop = await findDefaultShop(store);
  if (!shop) {
    logger.warn("zalo: ZALO_BOT_TOKEN is set but there is no shop to give it to");
    return undefined;
  }
  const client = new ZaloBotClient(token, { apiRoot: config.ZALO_API_ROOT, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
  const secret = await webhookSecretFor(store, token, config.ZALO_WEBHOOK_SECRET, "zalo");
  if (opts.reuse) {
    const existing = await findBot(store, "zalo", botIdOf(token));
    if (existing && existing.token === token) {
      const row =
        existing.webhook_secret === secret
          ? existing
          : await upsertBot(store, { shopId: existing.shop_id, channel: "zalo", token, secret, username: existing.username, info: null }, opts.now());
      return { client, row, secret, me: parseStoredJson<ZaloMe>(row.info) };
    }
  }
  let me: ZaloMe;
  try {
    me = await client.getMe();
  } catch (error) {
    logger.error("zalo: getMe failed; check ZALO_BOT_TOKEN", { error });
    return undefined;
  }
  const row = await upsertBot(store, { shopId: shop.id, channel: "zalo", token, secret, username: me.account_name, info: me }, opts.now());
  logger.info("zalo: bot registered", { bot: me.account_name, shop: shop.id });
  if (!me.can_join_groups) logger.warn("zalo: this bot cannot join groups; it will take private orders only", { bot: me.account_name });
  return { client, row, secret, me };
}

export const zaloWebhookUrl = (publicUrl: string, platformId: string) => `${publicUrl}/webhooks/zalo/${platformId}`;
const webhookSettingKey = (platformId: string) => `zalo_webhook:${platformId}`;

/**
 * Points the bot's webhook at `${publicUrl}/webhooks/zalo/<botId>` with its secret (Zalo accepts
 * only https), and remembers it in `settings` (url and a fingerprint of the secret, never the
 * secret). Without `force` nothing is called when that exact webhook was already set.
 */
export async function ensureZaloWebhook(store: Store, bot: DefaultZaloBot, publicUrl: string, opts: { force?: boolean } = {}): Promise<{ url: string; changed: boolean }> {
  const url = zaloWebhookUrl(publicUrl, bot.row.platform_id);
  const key = webhookSettingKey(bot.row.platform_id);
  const value = JSON.stringify({ url, fingerprint: await hmacHex("SHA-256", bot.secret, url) });
  const changed = await setWebhookOnce(store, key, value, opts.force ?? false, () => bot.client.setWebhook(url, bot.secret));
  return { url, changed };
}

