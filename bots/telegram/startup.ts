import { Api, Bot } from "grammy";
import type { AppConfig } from "../../src/config";
import type { Store } from "../../src/db/store";
import { findDefaultShop } from "../../src/domain/shops/shops";
import type { Logger } from "../../src/platform/logger";
import { handleTelegramUpdate, type TelegramHandlerDeps } from "./handle-update";
import { upsertTelegramBot, webhookSecretFor } from "./registry";

// Updates the flows use; chat_member and reactions are not needed (TELEGRAM.md §4).
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;
export const CLIENT_TIMEOUT_SECONDS = 30;

/**
 * Brings the default shop's bot (TELEGRAM_BOT_TOKEN) online: registers it with getMe's answer, then
 * either sets the webhook with its secret (PUBLIC_URL known) or starts long polling. A Telegram
 * that cannot be reached is logged and the rest of the server keeps running.
 */
export async function startDefaultTelegramBot(opts: { store: Store; config: AppConfig; logger: Logger; now: () => Date; handler: TelegramHandlerDeps }): Promise<{ stop(): Promise<void> } | undefined> {
  const { store, config, logger } = opts;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) return undefined;
  const shop = await findDefaultShop(store);
  if (!shop) return undefined;
  const client = { apiRoot: config.TELEGRAM_API_ROOT, timeoutSeconds: CLIENT_TIMEOUT_SECONDS };
  const api = new Api(token, client);
  let info;
  try {
    info = await api.getMe();
  } catch (error) {
    logger.error("telegram: getMe failed; check TELEGRAM_BOT_TOKEN", { error });
    return undefined;
  }
  const secret = await webhookSecretFor(store, token, config.TELEGRAM_WEBHOOK_SECRET);
  const row = await upsertTelegramBot(store, { shopId: shop.id, token, secret, info }, opts.now());
  await api.setMyCommands([
    { command: "menu", description: "Thực đơn / Menu" },
    { command: "orders", description: "Đơn của tôi / My orders" },
    { command: "help", description: "Hướng dẫn / Help" },
  ]).catch((error: unknown) => logger.warn("telegram: setMyCommands failed", { error }));

  const mode = config.TELEGRAM_MODE ?? (config.PUBLIC_URL ? "webhook" : "polling");
  if (mode === "webhook") {
    if (!config.PUBLIC_URL) {
      logger.error("telegram: TELEGRAM_MODE=webhook needs PUBLIC_URL");
      return undefined;
    }
    const url = `${config.PUBLIC_URL}/webhooks/telegram/${row.platform_id}`;
    await api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
    logger.info("telegram: webhook set", { bot: info.username, url });
    return { stop: async () => undefined };
  }

  const bot = new Bot(token, { botInfo: info, client });
  bot.use(async (ctx) => handleTelegramUpdate(opts.handler, row, ctx.update));
  bot.catch((err) => logger.error("telegram: update failed", { error: err.error, updateId: err.ctx.update.update_id }));
  void bot.start({ allowed_updates: [...ALLOWED_UPDATES], onStart: () => logger.info("telegram: long polling", { bot: info.username }) });
  return { stop: () => bot.stop() };
}
