import type { Store } from "../../db/store";
import { fail, ok, type Result } from "../../result";

/** Records that the bot is (or is no longer) in a group. */
export async function recordGroupPresence(
  store: Store,
  g: { shopId: number; channel: string; botId: string; chatId: string; title: string; present: boolean },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await store.db
    .insertInto("shop_groups")
    .values({ shop_id: g.shopId, channel: g.channel, bot_id: g.botId, chat_id: g.chatId, title: g.title.slice(0, 200), status: g.present ? "active" : "removed", created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(["channel", "bot_id", "chat_id"]).doUpdateSet({ title: g.title.slice(0, 200), status: g.present ? "active" : "removed", updated_at: at }))
    .execute();
}

/** A new one-time link code for `/link <code>`, valid 24 hours. */
export async function createLinkCode(store: Store, shopId: number, code: string, now: Date): Promise<Result<{ code: string; expiresAt: string }, "taken">> {
  const expiresAt = new Date(now.getTime() + 24 * 3_600_000).toISOString();
  const inserted = await store.db
    .insertInto("link_codes")
    .values({ code: code.toUpperCase(), shop_id: shopId, created_at: now.toISOString(), expires_at: expiresAt })
    .onConflict((oc) => oc.column("code").doNothing())
    .executeTakeFirst();
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n ? ok({ code: code.toUpperCase(), expiresAt }) : fail("taken");
}

/**
 * Links a buyers' group to the shop with a one-time code: the code is spent by one conditional
 * UPDATE, so two groups racing with the same code cannot both win.
 */
export async function linkGroupWithCode(
  store: Store,
  g: { shopId: number; channel: string; botId: string; chatId: string; title: string; code: string },
  now: Date,
): Promise<Result<true, "invalid_code">> {
  const at = now.toISOString();
  const spent = await store.db
    .updateTable("link_codes")
    .set({ used_at: at, used_chat: `${g.channel}:${g.chatId}` })
    .where("code", "=", g.code.toUpperCase())
    .where("shop_id", "=", g.shopId)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  if (spent.numUpdatedRows !== 1n) return fail("invalid_code");
  await recordGroupPresence(store, { ...g, present: true }, now);
  await store.db.updateTable("shop_groups").set({ linked: 1, updated_at: at }).where("channel", "=", g.channel).where("bot_id", "=", g.botId).where("chat_id", "=", g.chatId).execute();
  return ok(true);
}

/** Makes a group the shop's staff chat, where orders and payments are announced. */
export async function setStaffGroup(store: Store, shopId: number, channel: string, botId: string, chatId: string): Promise<void> {
  await store.db.updateTable("shops").set({ staff_channel: channel, staff_bot_id: botId, staff_chat_id: chatId }).where("id", "=", shopId).execute();
}

/** A basic group became a supergroup: its id changed everywhere we keep it. */
export async function migrateGroupId(store: Store, channel: string, botId: string, from: string, to: string): Promise<void> {
  await store.db.updateTable("shop_groups").set({ chat_id: to }).where("channel", "=", channel).where("bot_id", "=", botId).where("chat_id", "=", from).execute();
  await store.db.updateTable("shops").set({ staff_chat_id: to }).where("staff_channel", "=", channel).where("staff_chat_id", "=", from).execute();
}
