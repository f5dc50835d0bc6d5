// The default shop's Telegram bot (TELEGRAM_BOT_TOKEN), shared by both entries: registering it
// (getMe → bots row with its webhook secret) and pointing Telegram's webhook at us. Web-standard
// only (grammY's Api over fetch), so the Worker runs the same path as Node.
import { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { AppConfig } from "../../src/config";
import type { BotRow } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { findDefaultShop } from "../../src/domain/shops/shops";
import { parseStoredJson, setWebhookOnce } from "../../src/domain/shops/webhook-once";
import { hmacHex } from "../../src/platform/crypto";
import type { Logger } from "../../src/platform/logger";
import { botIdOf, findTelegramBot, upsertTelegramBot, webhookSecretFor } from "./registry";

// Updates the flows use; chat_member and reactions are not needed (TELEGRAM.md §4).
// business_*: a seller may connect the bot to their Telegram Business account (bots/telegram-business/).
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member", "business_connection", "business_message"] as const;
export const CLIENT_TIMEOUT_SECONDS = 30;

export interface DefaultTelegramBot {
  api: Api;
  row: BotRow;
  secret: string;
  /** getMe's answer (fresh, or as stored when the registration was reused). */
  info: UserFromGetMe | null;
}

/**
 * Registers the default shop's bot: one getMe, stored with its webhook secret (TELEGRAM_WEBHOOK_SECRET,
 * else derived from the token and the server secret). With `reuse`, a row that already holds this
 * token is kept and no call is made (the Worker does this once per isolate); only a changed secret
 * is written. A Telegram that cannot be reached is logged and gives undefined.
 */
export async function registerDefaultTelegramBot(opts: {
  store: Store;
  config: AppConfig;
  logger: Logger;
  now: () => Date;
  reuse?: boolean;
  timeoutSeconds?: number;
}): Promise<DefaultTelegramBot | undefined> {
  const { store, config, logger } = opts;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) return undefined;
  const shop = await findDefaultShop(store);
  if (!shop) {
    logger.warn("telegram: TELEGRAM_BOT_TOKEN is set but there is no shop to give it to");
    return undefined;
  }
  const api = new Api(token, { apiRoot: config.TELEGRAM_API_ROOT, timeoutSeconds: opts.timeoutSeconds ?? CLIENT_TIMEOUT_SECONDS });
  const secret = await webhookSecretFor(store, token, config.TELEGRAM_WEBHOOK_SECRET);
  if (opts.reuse) {
    const existing = await findTelegramBot(store, botIdOf(token));
    if (existing && existing.token === token) {
      const row = existing.webhook_secret === secret ? existing : await upsertTelegramBot(store, { shopId: existing.shop_id, token, secret, info: null }, opts.now());
      return { api, row, secret, info: parseStoredJson<UserFromGetMe>(row.info) };
    }
  }
  let info: UserFromGetMe;
  try {
    info = await api.getMe();
  } catch (error) {
    logger.error("telegram: getMe failed; check TELEGRAM_BOT_TOKEN", { error });
    return undefined;
  }
  const row = await upsertTelegramBot(store, { shopId: shop.id, token, secret, info }, opts.now());
  logger.info("telegram: bot registered", { bot: info.username, shop: shop.id });
  return { api, row, secret, info };
}

/** The bot's menu of commands (best effort). */
export async function setDefaultCommands(api: Api, logger: Logger): Promise<void> {
  await api
    .setMyCommands([
      { command: "menu", description: "Thực đơn / Menu" },
      { command: "orders", description: "Đơn của tôi / My orders" },
      { command: "help", description: "Hướng dẫn / Help" },
    ])
    .catch((error: unknown) => logger.warn("telegram: setMyCommands failed", { error }));
}

export const telegramWebhookUrl = (publicUrl: string, platformId: string) => `${publicUrl}/webhooks/telegram/${platformId}`;
const webhookSettingKey = (platformId: string) => `telegram_webhook:${platformId}`;

/**
 * Points the bot's webhook at `${publicUrl}/webhooks/telegram/<botId>` with its secret, and remembers
 * it in `settings` (the url and a fingerprint of the secret and allowed updates, never the secret).
 * Without `force` nothing is called when that exact webhook was already set, so a cron tick can ask
 * every minute. Throws what Telegram answered when it refuses.
 */
export async function ensureTelegramWebhook(store: Store, bot: DefaultTelegramBot, publicUrl: string, opts: { force?: boolean } = {}): Promise<{ url: string; changed: boolean }> {
  const url = telegramWebhookUrl(publicUrl, bot.row.platform_id);
  const key = webhookSettingKey(bot.row.platform_id);
  const fingerprint = await hmacHex("SHA-256", bot.secret, `${url}\n${ALLOWED_UPDATES.join(",")}`);
  const value = JSON.stringify({ url, fingerprint });
  const changed = await setWebhookOnce(store, key, value, opts.force ?? false, () => bot.api.setWebhook(url, { secret_token: bot.secret, allowed_updates: [...ALLOWED_UPDATES] }));
  return { url, changed };
}

