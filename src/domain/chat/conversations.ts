import type { Store } from "../../db/store";
import type { Channel } from "../../chat/types";

export interface ConversationKey {
  channel: Channel;
  botId: string;
  chatId: string;
  userId: string;
}

export interface ConversationRow {
  id: number;
  state: string;
  version: number;
  expired: boolean;
}

/** Reads the conversation for this key, creating an empty one on first contact. */
export async function loadConversation(store: Store, key: ConversationKey, shopId: number, now: Date): Promise<ConversationRow> {
  const at = now.toISOString();
  await store.db
    .insertInto("conversations")
    .values({ channel: key.channel, bot_id: key.botId, chat_id: key.chatId, user_id: key.userId, shop_id: shopId, expires_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(["channel", "bot_id", "chat_id", "user_id"]).doNothing())
    .execute();
  const row = await store.db
    .selectFrom("conversations")
    .select(["id", "state", "version", "expires_at"])
    .where("channel", "=", key.channel)
    .where("bot_id", "=", key.botId)
    .where("chat_id", "=", key.chatId)
    .where("user_id", "=", key.userId)
    .executeTakeFirstOrThrow();
  return { id: row.id, state: row.state, version: row.version, expired: row.expires_at <= at };
}

/**
 * Stores a new state if nobody else did since `version` was read (compare-and-set).
 * Returns false when another message for the same conversation won the race.
 */
export async function saveConversation(store: Store, id: number, version: number, state: string, expiresAt: Date, now: Date): Promise<boolean> {
  const result = await store.db
    .updateTable("conversations")
    .set({ state, version: version + 1, expires_at: expiresAt.toISOString(), updated_at: now.toISOString() })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
