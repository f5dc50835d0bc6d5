import type { Staff } from "../../db/schema";
import type { Store } from "../../db/store";

/** The staff member behind a channel user at a shop, if they are one. */
export async function findStaff(store: Store, shopId: number, channel: string, userId: string): Promise<Staff | undefined> {
  return store.db.selectFrom("staff").selectAll().where("shop_id", "=", shopId).where("channel", "=", channel).where("user_id", "=", userId).executeTakeFirst();
}

/** Adds (or updates) a staff member of a shop. */
export async function addStaff(
  store: Store,
  input: { shopId: number; channel: string; userId: string; name: string; role: Staff["role"] },
  now: Date,
): Promise<Staff> {
  return store.db
    .insertInto("staff")
    .values({ shop_id: input.shopId, channel: input.channel, user_id: input.userId, name: input.name, role: input.role, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["shop_id", "channel", "user_id"]).doUpdateSet({ name: input.name, role: input.role }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Remembers a staff member's private chat with the bot, so notices can reach them there. */
export async function rememberStaffChat(store: Store, staffId: number, chatId: string): Promise<void> {
  await store.db.updateTable("staff").set({ chat_id: chatId }).where("id", "=", staffId).where("chat_id", "is", null).execute();
}
