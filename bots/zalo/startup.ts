import type { AppConfig } from "../../src/config";
import type { Store } from "../../src/db/store";
import { findBot } from "../../src/domain/shops/bots";
import type { Logger } from "../../src/platform/logger";
import { ZaloApiError, ZaloBotClient } from "./client";
import { zaloWebhookBody } from "./convert";
import { ensureZaloWebhook, registerDefaultZaloBot } from "./default-bot";
import { handleZaloUpdate, type ZaloHandlerDeps } from "./handle-update";

/** Zalo clients per bot, made once each, pointed at the configured API root. */
export function zaloClients(store: Store, apiRoot: string, timeoutMs = 30_000) {
  const clients = new Map<string, ZaloBotClient>();
  return {
    async clientFor(platformId: string): Promise<ZaloBotClient | undefined> {
      const cached = clients.get(platformId);
      if (cached) return cached;
      const bot = await findBot(store, "zalo", platformId);
      if (!bot) return undefined;
      const client = new ZaloBotClient(bot.token, { apiRoot, timeoutMs });
      clients.set(platformId, client);
      return client;
    },
  };
}

/**
 * Brings the default shop's Zalo bot (ZALO_BOT_TOKEN) online: getMe, then the webhook with its
 * secret when PUBLIC_URL is an https URL (Zalo refuses anything else), else long polling.
 */
export async function startDefaultZaloBot(opts: { store: Store; config: AppConfig; logger: Logger; now: () => Date; handler: ZaloHandlerDeps }): Promise<{ stop(): void } | undefined> {
  const { store, config, logger } = opts;
  const registered = await registerDefaultZaloBot({ store, config, logger, now: opts.now });
  if (!registered?.me) return undefined;
  const { client, row, me } = registered;
  if (config.PUBLIC_URL?.startsWith("https://")) {
    await ensureZaloWebhook(store, registered, config.PUBLIC_URL, { force: true });
    logger.info("zalo: webhook set", { bot: me.account_name });
    return { stop: () => undefined };
  }
  // Long polling: one update per call; 408 means "nothing arrived" (ZALO.md §1.1).
  let running = true;
  void (async () => {
    await client.deleteWebhook().catch(() => undefined);
    while (running) {
      try {
        const update = await client.getUpdates(30);
        const body = zaloWebhookBody.safeParse(update);
        if (body.success) await handleZaloUpdate(opts.handler, row, body.data);
      } catch (error) {
        if (!(error instanceof ZaloApiError && error.errorCode === 408)) {
          logger.warn("zalo: polling failed; retrying", { error });
          await new Promise((r) => setTimeout(r, 3_000));
        }
      }
    }
  })();
  logger.info("zalo: long polling", { bot: me.account_name });
  return {
    stop: () => {
      running = false;
    },
  };
}
