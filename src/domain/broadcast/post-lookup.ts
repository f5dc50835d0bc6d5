import { sql } from "kysely";
import type { Store } from "../../db/store";

/**
 * The item of the bot's post a comment replies to ("chốt 2" under A1's post means A1), found from
 * the outbox row that delivered it; undefined for any other message.
 */
export async function itemOfPost(store: Store, channel: string, botId: string, chatId: string, messageId: string | number): Promise<string | undefined> {
  const row = await store.db
    .selectFrom("outbox as o")
    .innerJoin("broadcasts as b", (j) => j.on(sql`o.ref`, "=", sql`'broadcast:' || b.id`))
    .select("b.product_code")
    .where("o.channel", "=", channel)
    .where("o.bot_id", "=", botId)
    .where("o.chat_id", "=", chatId)
    .where("o.status", "=", "sent")
    .where(sql`json_extract(o.result, '$.message_id')`, "=", String(messageId) === String(Number(messageId)) ? Number(messageId) : messageId)
    .where("b.kind", "=", "item")
    .executeTakeFirst();
  return row?.product_code ?? undefined;
}
