// Pruning what chatting leaves behind: idle web chat sessions with no order (and what hangs off
// them), expired conversations, old numbered choices and processed inbound event ids. Each function
// removes at most `limit` rows (or sessions) in one statement or one atomic batch, never in an
// interactive transaction (D1 has none), and returns how many it removed.
import { sql } from "kysely";
import type { Store } from "../../db/store";
import { before, INBOUND_EVENT_KEEP_HOURS, sqlBefore, sqlShopOf, RETENTION_DEFAULTS } from "./settings";

/**
 * Removes up to `limit` of a shop's web chat sessions idle since before `cutoff` whose visitor has
 * no order, with their pushed messages, conversation, numbered choices, waitlist entries and buyer
 * row. A session that has an order is kept (its buyer and orders are the shop's). Returns
 * { sessions, rows } (rows: everything removed, sessions included).
 */
export async function pruneIdleWebchatSessions(store: Store, shop: { id: number; slug: string }, cutoff: string, limit: number): Promise<{ sessions: number; rows: number }> {
  // The same sessions in every statement: the batch is atomic (nothing runs between its statements),
  // the order is total, and nothing the batch deletes before the last statement changes the choice.
  const idle = sql`(SELECT ws.id FROM webchat_sessions ws
      WHERE ws.shop_id = ${shop.id} AND ws.last_seen_at < ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM buyers b JOIN orders o ON o.buyer_id = b.id WHERE b.channel = 'webchat' AND b.user_id = ws.id)
      ORDER BY ws.last_seen_at, ws.id LIMIT ${limit})`;
  const results = await store.batch([
    sql`DELETE FROM webchat_messages WHERE session_id IN ${idle}`.compile(store.db),
    // The web chat's bot id is the shop's slug: with it these go through their (channel, bot_id, chat_id) keys.
    sql`DELETE FROM conversations WHERE channel = 'webchat' AND bot_id = ${shop.slug} AND chat_id IN ${idle}`.compile(store.db),
    sql`DELETE FROM numbered_choices WHERE channel = 'webchat' AND bot_id = ${shop.slug} AND chat_id IN ${idle}`.compile(store.db),
    sql`DELETE FROM waitlist WHERE channel = 'webchat' AND user_id IN ${idle}`.compile(store.db),
    // Only a buyer nothing refers to: no order (none, as chosen), no live order, no live waitlist entry.
    sql`DELETE FROM buyers WHERE channel = 'webchat' AND user_id IN ${idle}
          AND NOT EXISTS (SELECT 1 FROM live_orders l WHERE l.buyer_id = buyers.id)
          AND NOT EXISTS (SELECT 1 FROM live_waitlist w WHERE w.buyer_id = buyers.id)`.compile(store.db),
    sql`DELETE FROM webchat_sessions WHERE id IN ${idle}`.compile(store.db),
  ]);
  return { sessions: results[results.length - 1]?.changes ?? 0, rows: results.reduce((n, r) => n + r.changes, 0) };
}

/** Removes up to `limit` of a shop's conversations that expired before `cutoff` (an expired one starts afresh anyway). */
export async function pruneExpiredConversations(store: Store, shopId: number, cutoff: string, limit: number): Promise<number> {
  const [r] = await store.batch([
    sql`DELETE FROM conversations WHERE id IN (
          SELECT id FROM conversations WHERE shop_id = ${shopId} AND expires_at < ${cutoff} AND updated_at < ${cutoff} ORDER BY expires_at LIMIT ${limit})`.compile(store.db),
  ]);
  return r?.changes ?? 0;
}

/** Removes up to `limit` numbered-choice lists not offered again for the chat's shop's retain_chat_hours. */
export async function pruneNumberedChoices(store: Store, now: Date, limit: number): Promise<number> {
  const hours = sql<number>`coalesce((SELECT max(1, s.retain_chat_hours) FROM shops s WHERE s.id = ${sqlShopOf(sql`c.channel`, sql`c.bot_id`)}), ${RETENTION_DEFAULTS.chatHours})`;
  const [r] = await store.batch([
    sql`DELETE FROM numbered_choices WHERE rowid IN (
          SELECT c.rowid FROM numbered_choices c WHERE c.updated_at < ${sqlBefore(now, hours, "hours")} LIMIT ${limit})`.compile(store.db),
  ]);
  return r?.changes ?? 0;
}

/**
 * Removes up to `limit` inbound event ids received before the redelivery window (INBOUND_EVENT_KEEP_HOURS):
 * no platform sends those again, so their dedupe keys have done their job. Unfinished claims that
 * old go too (their run died long ago).
 */
export async function pruneInboundEvents(store: Store, now: Date, limit: number): Promise<number> {
  const cutoff = before(now, INBOUND_EVENT_KEEP_HOURS, "hours");
  const [r] = await store.batch([
    sql`DELETE FROM inbound_events WHERE rowid IN (SELECT rowid FROM inbound_events WHERE received_at < ${cutoff} ORDER BY received_at LIMIT ${limit})`.compile(store.db),
  ]);
  return r?.changes ?? 0;
}
