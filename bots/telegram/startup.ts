import { Bot } from "grammy";
import type { AppConfig } from "../../src/config";
import type { Store } from "../../src/db/store";
import type { Logger } from "../../src/platform/logger";
import { ALLOWED_UPDATES, CLIENT_TIMEOUT_SECONDS, ensureTelegramWebhook, registerDefaultTelegramBot, setDefaultCommands } from "./default-bot";
import { handleTelegramUpdate, type TelegramHandlerDeps } from "./handle-update";

export { ALLOWED_UPDATES, CLIENT_TIMEOUT_SECONDS };

/**
 * Brings the default shop's bot (TELEGRAM_BOT_TOKEN) online: registers it with getMe's answer, then
 * either sets the webhook with its secret (PUBLIC_URL known) or starts long polling. A Telegram
 * that cannot be reached is logged and the rest of the server keeps running.
 */
export async function startDefaultTelegramBot(opts: { store: Store; config: AppConfig; logger: Logger; now: () => Date; handler: TelegramHandlerDeps }): Promise<{ stop(): Promise<void> } | undefined> {
  const { store, config, logger } = opts;
  const registered = await registerDefaultTelegramBot({ store, config, logger, now: opts.now });
  if (!registered?.info) return undefined;
  const { row, info } = registered;
  await setDefaultCommands(registered.api, logger);

  const mode = config.TELEGRAM_MODE ?? (config.PUBLIC_URL ? "webhook" : "polling");
  if (mode === "webhook") {
    if (!config.PUBLIC_URL) {
      logger.error("telegram: TELEGRAM_MODE=webhook needs PUBLIC_URL");
      return undefined;
    }
    // Set at every start, as before; remembered too, like the Worker's cron does.
    const { url } = await ensureTelegramWebhook(store, registered, config.PUBLIC_URL, { force: true });
    logger.info("telegram: webhook set", { bot: info.username, url });
    return { stop: async () => undefined };
  }

  const bot = new Bot(config.TELEGRAM_BOT_TOKEN ?? "", { botInfo: info, client: { apiRoot: config.TELEGRAM_API_ROOT, timeoutSeconds: CLIENT_TIMEOUT_SECONDS } });
  bot.use(async (ctx) => handleTelegramUpdate(opts.handler, row, ctx.update));
  bot.catch((err) => logger.error("telegram: update failed", { error: err.error, updateId: err.ctx.update.update_id }));
  void bot.start({ allowed_updates: [...ALLOWED_UPDATES], onStart: () => logger.info("telegram: long polling", { bot: info.username }) });
  return { stop: () => bot.stop() };
}
