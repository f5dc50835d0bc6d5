import { sql } from "kysely";
import type { Store } from "../../db/store";

/** The bot's delivered item posts in one chat (outbox rows of item broadcasts), to pick one from. */
function itemPostsIn(store: Store, channel: string, botId: string, chatId: string) {
  return store.db
    .selectFrom("outbox as o")
    .innerJoin("broadcasts as b", (j) => j.on(sql`o.ref`, "=", sql`'broadcast:' || b.id`))
    .select("b.product_code")
    .where("o.channel", "=", channel)
    .where("o.bot_id", "=", botId)
    .where("o.chat_id", "=", chatId)
    .where("o.status", "=", "sent")
    .where("b.kind", "=", "item");
}

/**
 * The item of the bot's post a comment replies to ("chốt 2" under A1's post means A1), found from
 * the outbox row that delivered it; undefined for any other message.
 */
export async function itemOfPost(store: Store, channel: string, botId: string, chatId: string, messageId: string | number): Promise<string | undefined> {
  const id = String(messageId) === String(Number(messageId)) ? Number(messageId) : messageId;
  const row = await itemPostsIn(store, channel, botId, chatId).where(sql`json_extract(o.result, '$.message_id')`, "=", id).executeTakeFirst();
  return row?.product_code ?? undefined;
}

/** The item of the bot's latest item post in a group: for channels that do not say which message a reply quotes (Zalo). */
export async function latestPostedItem(store: Store, channel: string, botId: string, chatId: string): Promise<string | undefined> {
  const row = await itemPostsIn(store, channel, botId, chatId).orderBy("o.id", "desc").executeTakeFirst();
  return row?.product_code ?? undefined;
}
