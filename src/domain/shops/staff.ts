import type { ExpressionBuilder } from "kysely";
import type { Database, Staff } from "../../db/schema";
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

/**
 * Removes a staff member of a shop: their dashboard sessions, unused login links and account go in
 * the same batch as the staff row, so they are logged out at once. Undefined when no such member.
 */
export async function removeStaff(store: Store, shopId: number, channel: string, userId: string): Promise<Staff | undefined> {
  const staff = await findStaff(store, shopId, channel, userId);
  if (!staff) return undefined;
  const accounts = (eb: ExpressionBuilder<Database, "dashboard_sessions" | "login_links">) => eb.selectFrom("dashboard_users").select("id").where("staff_id", "=", staff.id);
  const [, , , removed] = await store.batch([
    store.db.deleteFrom("dashboard_sessions").where("user_id", "in", accounts).compile(),
    store.db.deleteFrom("login_links").where("user_id", "in", accounts).compile(),
    store.db.deleteFrom("dashboard_users").where("staff_id", "=", staff.id).compile(),
    store.db.deleteFrom("staff").where("id", "=", staff.id).where("shop_id", "=", shopId).compile(),
  ]);
  return (removed?.changes ?? 0) > 0 ? staff : undefined;
}

/** Ends every dashboard session of a staff member (they can log in again with /login). Returns how many ended. */
export async function endStaffSessions(store: Store, staffId: number): Promise<number> {
  const done = await store.db
    .deleteFrom("dashboard_sessions")
    .where("user_id", "in", (eb) => eb.selectFrom("dashboard_users").select("id").where("staff_id", "=", staffId))
    .executeTakeFirst();
  return Number(done.numDeletedRows);
}
