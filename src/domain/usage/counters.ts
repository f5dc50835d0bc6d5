import { sql } from "kysely";
import type { Store } from "../../db/store";

/** What a bot used in a month. */
export interface MonthUsage {
  users: number;
  messagesIn: number;
  messagesOut: number;
  refusedSends: number;
  groups: number;
}

type Key = { channel: string; botId: string; month: string };

/** The UPSERT that adds to a month's message counters. */
export function bumpMessagesQuery(store: Store, k: Key, add: { in?: number; out?: number; refused?: number }) {
  const i = add.in ?? 0;
  const o = add.out ?? 0;
  const r = add.refused ?? 0;
  return store.db
    .insertInto("bot_usage")
    .values({ channel: k.channel, bot_id: k.botId, month: k.month, messages_in: i, messages_out: o, refused_sends: r })
    .onConflict((oc) =>
      oc.columns(["channel", "bot_id", "month"]).doUpdateSet({
        messages_in: sql<number>`messages_in + ${i}`,
        messages_out: sql<number>`messages_out + ${o}`,
        refused_sends: sql<number>`refused_sends + ${r}`,
      }),
    )
    .compile();
}

/** Adds to a month's message counters; returns the messages (in + out) counted so far. */
export async function bumpMessages(store: Store, k: Key, add: { in?: number; out?: number; refused?: number }): Promise<number> {
  await store.batch([bumpMessagesQuery(store, k, add)]);
  return messagesUsed(store, k);
}

/** Messages in and out so far this month. */
export async function messagesUsed(store: Store, k: Key): Promise<number> {
  const row = await store.db
    .selectFrom("bot_usage")
    .select(["messages_in", "messages_out"])
    .where("channel", "=", k.channel)
    .where("bot_id", "=", k.botId)
    .where("month", "=", k.month)
    .executeTakeFirst();
  return row ? row.messages_in + row.messages_out : 0;
}

/** Rows of a per-month set (distinct users, distinct groups) so far this month. */
async function countThisMonth(store: Store, table: "bot_usage_users" | "bot_usage_groups", k: Key): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("channel", "=", k.channel)
    .where("bot_id", "=", k.botId)
    .where("month", "=", k.month)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Distinct users so far this month. */
export const usersCounted = (store: Store, k: Key) => countThisMonth(store, "bot_usage_users", k);

/** Distinct groups seen so far this month. */
export const groupsCounted = (store: Store, k: Key) => countThisMonth(store, "bot_usage_groups", k);

/** Counts a group the bot was seen in (once a month); true when it is new this month. */
export async function countGroup(store: Store, k: Key, chatId: string, now: Date): Promise<boolean> {
  const [r] = await store.batch([
    store.db.insertInto("bot_usage_groups").values({ channel: k.channel, bot_id: k.botId, month: k.month, chat_id: chatId, first_at: now.toISOString() }).onConflict((oc) => oc.doNothing()).compile(),
  ]);
  return (r?.changes ?? 0) > 0;
}

/** Whether a user is already counted this month. */
export async function isUserCounted(store: Store, k: Key, userId: string): Promise<boolean> {
  const row = await store.db
    .selectFrom("bot_usage_users")
    .select("user_id")
    .where("channel", "=", k.channel)
    .where("bot_id", "=", k.botId)
    .where("month", "=", k.month)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Counts a user this month only while fewer than `maxUsers` are counted: one conditional INSERT, so
 * two new buyers at once cannot both take the last place (DESIGN rule 2). True when counted now.
 */
export async function takeUserPlace(store: Store, k: Key, userId: string, maxUsers: number, now: Date): Promise<boolean> {
  const q = sql`INSERT INTO bot_usage_users (channel, bot_id, month, user_id, first_at)
                SELECT ${k.channel}, ${k.botId}, ${k.month}, ${userId}, ${now.toISOString()}
                WHERE (SELECT count(*) FROM bot_usage_users WHERE channel = ${k.channel} AND bot_id = ${k.botId} AND month = ${k.month}) < ${maxUsers}
                ON CONFLICT DO NOTHING`.compile(store.db);
  const [r] = await store.batch([q]);
  return (r?.changes ?? 0) > 0;
}
