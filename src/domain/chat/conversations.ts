import type { Store } from "../../db/store";
import type { Channel } from "../../chat/types";
import { preparedQuery } from "../../db/prepared";

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
  const where = { channel: key.channel, botId: key.botId, chatId: key.chatId, userId: key.userId };
  // Read first: a conversation under way (every step but a buyer's first) needs no write.
  let [row] = await conversationRow.rows(store.db, where);
  if (!row) {
    await newConversation.changes(store.db, { ...where, shopId, at });
    [row] = await conversationRow.rows(store.db, where);
  }
  if (!row) throw new Error("loadConversation: the conversation was not written");
  return { id: row.id, state: row.state, version: row.version, expired: row.expires_at <= at };
}

type ConversationWhere = { channel: string; botId: string; chatId: string; userId: string };
// Built once: every step of every conversation runs them.
const conversationRow = preparedQuery((db, v: ConversationWhere) =>
  db.selectFrom("conversations").select(["id", "state", "version", "expires_at"]).where("channel", "=", v.channel).where("bot_id", "=", v.botId).where("chat_id", "=", v.chatId).where("user_id", "=", v.userId),
);
const newConversation = preparedQuery((db, v: ConversationWhere & { shopId: number; at: string }) =>
  db
    .insertInto("conversations")
    .values({ channel: v.channel, bot_id: v.botId, chat_id: v.chatId, user_id: v.userId, shop_id: v.shopId, expires_at: v.at, updated_at: v.at })
    .onConflict((oc) => oc.columns(["channel", "bot_id", "chat_id", "user_id"]).doNothing()),
);
const conversationSave = preparedQuery((db, v: { id: number; version: number; next: number; state: string; expiresAt: string; at: string }) =>
  db.updateTable("conversations").set({ state: v.state, version: v.next, expires_at: v.expiresAt, updated_at: v.at }).where("id", "=", v.id).where("version", "=", v.version),
);

/**
 * Stores a new state if nobody else did since `version` was read (compare-and-set).
 * Returns false when another message for the same conversation won the race.
 */
export async function saveConversation(store: Store, id: number, version: number, state: string, expiresAt: Date, now: Date): Promise<boolean> {
  return (await conversationSave.changes(store.db, { id, version, next: version + 1, state, expiresAt: expiresAt.toISOString(), at: now.toISOString() })) === 1;
}
