import type { BotRow } from "../../db/schema";
import type { Store } from "../../db/store";
import { hmacHex } from "../../platform/crypto";
import { openBotRow, sealSecret } from "../secrets/sealed";
import { serverSecret } from "./settings";
import { preparedQuery } from "../../db/prepared";

/** The numeric bot id of a token ("123456:ABC…" → "123456"): the webhook path's :botId. */
export const botIdOf = (token: string) => token.split(":")[0] ?? "";

/** A registered bot of a channel by its platform id, its token and webhook secret opened. */
// Every update looks its bot up: built once.
const botByPlatformId = preparedQuery((db, v: { channel: string; platformId: string }) => db.selectFrom("bots").selectAll().where("channel", "=", v.channel).where("platform_id", "=", v.platformId));

export async function findBot(store: Store, channel: string, platformId: string): Promise<BotRow | undefined> {
  const [row] = await botByPlatformId.rows(store.db, { channel, platformId });
  return row && openBotRow(store, row);
}

/** Registers (or refreshes) a shop's bot; `info` is the platform's description of it, kept so no call is needed per update. */
export async function upsertBot(
  store: Store,
  input: { shopId: number; channel: string; token: string; secret: string; username: string | null; info: unknown },
  now: Date,
): Promise<BotRow> {
  const info = input.info ? JSON.stringify(input.info) : null;
  // Stored sealed (DATA_KEY); the row handed back is opened, as findBot's.
  const token = await sealSecret(store, "bots.token", input.token);
  const secret = await sealSecret(store, "bots.webhook_secret", input.secret);
  const row = await store.db
    .insertInto("bots")
    .values({
      shop_id: input.shopId,
      channel: input.channel,
      platform_id: botIdOf(input.token),
      token,
      username: input.username,
      webhook_secret: secret,
      info,
      created_at: now.toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(["channel", "platform_id"]).doUpdateSet({
        shop_id: input.shopId,
        token,
        webhook_secret: secret,
        ...(info ? { username: input.username, info } : {}),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return openBotRow(store, row);
}

/** The webhook secret for a bot: the configured one, else derived from the token and the server secret. */
export async function webhookSecretFor(store: Store, token: string, configured?: string, channel = "telegram"): Promise<string> {
  if (configured) return configured;
  return (await hmacHex("SHA-256", await serverSecret(store), `${channel}-webhook:${token}`)).slice(0, 48);
}
