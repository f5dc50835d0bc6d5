import type { Store } from "../../db/store";

/**
 * Whether a chat id of a channel is a group some shop's bot has been in. Zalo's send API differs
 * for groups and people and its ids do not say which, so the sender asks here.
 */
export async function isKnownGroupChat(store: Store, channel: string, chatId: string): Promise<boolean> {
  const row = await store.db.selectFrom("shop_groups").select("id").where("channel", "=", channel).where("chat_id", "=", chatId).executeTakeFirst();
  return row !== undefined;
}
