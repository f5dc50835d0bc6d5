import { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotRow } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { serverSecret } from "../../src/domain/shops/settings";
import { hmacHex } from "../../src/platform/crypto";

/** The numeric bot id of a token ("123456:ABC…" → "123456"): the webhook path's :botId. */
export const botIdOf = (token: string) => token.split(":")[0] ?? "";

/** The webhook secret for a token: the configured one, else derived from the token and the server secret. */
export async function webhookSecretFor(store: Store, token: string, configured?: string): Promise<string> {
  if (configured) return configured;
  return (await hmacHex("SHA-256", await serverSecret(store), `telegram-webhook:${token}`)).slice(0, 48);
}

/** Registers (or refreshes) a shop's Telegram bot; `info` is getMe's answer, kept so no call is needed per update. */
export async function upsertTelegramBot(
  store: Store,
  input: { shopId: number; token: string; secret: string; info: UserFromGetMe | null },
  now: Date,
): Promise<BotRow> {
  return store.db
    .insertInto("bots")
    .values({
      shop_id: input.shopId,
      channel: "telegram",
      platform_id: botIdOf(input.token),
      token: input.token,
      username: input.info?.username ?? null,
      webhook_secret: input.secret,
      info: input.info ? JSON.stringify(input.info) : null,
      created_at: now.toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(["channel", "platform_id"]).doUpdateSet({
        shop_id: input.shopId,
        token: input.token,
        webhook_secret: input.secret,
        ...(input.info ? { username: input.info.username, info: JSON.stringify(input.info) } : {}),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A registered Telegram bot by its numeric id. */
export async function findTelegramBot(store: Store, platformId: string): Promise<BotRow | undefined> {
  return store.db.selectFrom("bots").selectAll().where("channel", "=", "telegram").where("platform_id", "=", platformId).executeTakeFirst();
}

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
