import type { AppConfig } from "../../src/config";
import type { Store } from "../../src/db/store";
import { findBot, upsertBot, webhookSecretFor } from "../../src/domain/shops/bots";
import { findDefaultShop } from "../../src/domain/shops/shops";
import type { Logger } from "../../src/platform/logger";
import { ZaloApiError, ZaloBotClient } from "./client";
import { zaloWebhookBody } from "./convert";
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
  const token = config.ZALO_BOT_TOKEN;
  if (!token) return undefined;
  const shop = await findDefaultShop(store);
  if (!shop) return undefined;
  const client = new ZaloBotClient(token, { apiRoot: config.ZALO_API_ROOT });
  let me;
  try {
    me = await client.getMe();
  } catch (error) {
    logger.error("zalo: getMe failed; check ZALO_BOT_TOKEN", { error });
    return undefined;
  }
  const secret = await webhookSecretFor(store, token, config.ZALO_WEBHOOK_SECRET, "zalo");
  const row = await upsertBot(store, { shopId: shop.id, channel: "zalo", token, secret, username: me.account_name, info: me }, opts.now());
  if (!me.can_join_groups) logger.warn("zalo: this bot cannot join groups; it will take private orders only", { bot: me.account_name });
  if (config.PUBLIC_URL?.startsWith("https://")) {
    await client.setWebhook(`${config.PUBLIC_URL}/webhooks/zalo/${row.platform_id}`, secret);
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
