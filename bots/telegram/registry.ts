import { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotRow } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { botIdOf, findBot, upsertBot, webhookSecretFor } from "../../src/domain/shops/bots";

export { botIdOf, webhookSecretFor };

/** Registers (or refreshes) a shop's Telegram bot with getMe's answer. */
export async function upsertTelegramBot(store: Store, input: { shopId: number; token: string; secret: string; info: UserFromGetMe | null }, now: Date): Promise<BotRow> {
  return upsertBot(store, { shopId: input.shopId, channel: "telegram", token: input.token, secret: input.secret, username: input.info?.username ?? null, info: input.info }, now);
}

/** A registered Telegram bot by its numeric id. */
export const findTelegramBot = (store: Store, platformId: string) => findBot(store, "telegram", platformId);

/** grammY API clients per bot, made once each, pointed at the configured API root. */
export function telegramClients(store: Store, opts: { apiRoot: string; timeoutSeconds: number }) {
  const clients = new Map<string, Api>();
  return {
    async apiFor(platformId: string): Promise<Api | undefined> {
      const cached = clients.get(platformId);
      if (cached) return cached;
      const bot = await findTelegramBot(store, platformId);
      if (!bot) return undefined;
      const api = new Api(bot.token, { apiRoot: opts.apiRoot, timeoutSeconds: opts.timeoutSeconds });
      clients.set(platformId, api);
      return api;
    },
  };
}
