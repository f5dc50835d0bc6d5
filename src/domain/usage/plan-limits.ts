import type { Store } from "../../db/store";

/** A bot's limits: distinct users a month, messages a month (in and out), groups. */
export interface PlanLimits {
  plan: string;
  maxUsers: number;
  maxMessages: number;
  maxGroups: number;
}

/**
 * The Zalo Bot Platform's free Basic plan (bot.zapps.me, 9/2026): 50 users per bot, 3,000 messages a
 * month, 3 groups. The same numbers are the columns' defaults in migrations/0020.
 */
export const BASIC_PLAN: PlanLimits = Object.freeze({ plan: "basic", maxUsers: 50, maxMessages: 3_000, maxGroups: 3 });

/** The highest number a limit may be set to (a typing slip of extra zeros is refused, not stored). */
export const MAX_LIMIT = 10_000_000;

/** A bot's limits: its row in bot_plans, or the Basic plan when it has none. */
export async function planOf(store: Store, channel: string, botId: string): Promise<PlanLimits> {
  const row = await store.db.selectFrom("bot_plans").select(["plan", "max_users", "max_messages", "max_groups"]).where("channel", "=", channel).where("bot_id", "=", botId).executeTakeFirst();
  return row ? { plan: row.plan, maxUsers: row.max_users, maxMessages: row.max_messages, maxGroups: row.max_groups } : BASIC_PLAN;
}

/** Sets a bot's limits (when Zalo changes them or the seller upgrades). */
export async function savePlanLimits(store: Store, channel: string, botId: string, limits: Omit<PlanLimits, "plan"> & { plan?: string }, now: Date): Promise<void> {
  const values = { plan: limits.plan ?? "custom", max_users: limits.maxUsers, max_messages: limits.maxMessages, max_groups: limits.maxGroups, updated_at: now.toISOString() };
  await store.db
    .insertInto("bot_plans")
    .values({ channel, bot_id: botId, ...values })
    .onConflict((oc) => oc.columns(["channel", "bot_id"]).doUpdateSet(values))
    .execute();
}
