// Pruning delivered messages: settled outbox rows and the web chat's pushed copies, after each
// shop's retention. One DELETE per call, at most `limit` rows.
import { sql } from "kysely";
import type { Store } from "../../db/store";
import { before, RETENTION_DEFAULTS, RETENTION_FLOORS, sqlBefore, sqlShopOf } from "./settings";

/**
 * Removes up to `limit` outbox rows that are settled (sent, failed or uncertain) and older than the
 * retention of the shop they belong to (retain_sent_days; retain_broadcast_days for broadcast posts).
 * Never a row still pending or being sent. Kept whatever their age, because running work reads them:
 * - the rows of a broadcast not finished yet (`bc:<id>:…`): its progress counts them, its progress
 *   message is edited through the first one, and a resumed broadcast re-reads its groups from them;
 * - the rows of a live not closed yet (`live:<id>:…`): its group summary is edited through the first.
 * Every other edit anchor or dedupe key is younger than the three-day floor of retain_sent_days,
 * which outlasts every platform's redelivery window (so a redelivered event finds what it queued).
 */
export async function pruneSettledOutbox(store: Store, now: Date, limit: number): Promise<number> {
  const days = sql<number>`(SELECT CASE WHEN o.kind = 'broadcast' THEN max(s.retain_broadcast_days, s.retain_sent_days, ${RETENTION_FLOORS.sentDays}) ELSE max(s.retain_sent_days, ${RETENTION_FLOORS.sentDays}) END
    FROM shops s WHERE s.id = ${sqlShopOf(sql`o.channel`, sql`o.bot_id`)})`;
  const defaultDays = sql<number>`(CASE WHEN o.kind = 'broadcast' THEN ${RETENTION_DEFAULTS.broadcastDays} ELSE ${RETENTION_DEFAULTS.sentDays} END)`;
  // "+o.status": the rows are walked oldest first through outbox_created; through the status index
  // the query would read every settled row, then sort them.
  const [r] = await store.batch([
    sql`DELETE FROM outbox WHERE id IN (
          SELECT o.id FROM outbox o
          WHERE o.created_at < ${before(now, RETENTION_FLOORS.sentDays, "days")}
            AND +o.status IN ('sent', 'failed', 'uncertain')
            AND o.created_at < ${sqlBefore(now, sql<number>`coalesce(${days}, ${defaultDays})`, "days")}
            AND NOT (o.dedupe_key LIKE 'bc:%' AND EXISTS (SELECT 1 FROM broadcasts b WHERE b.finished_at IS NULL AND o.dedupe_key LIKE 'bc:' || b.id || ':%'))
            AND NOT (o.dedupe_key LIKE 'live:%' AND EXISTS (SELECT 1 FROM lives l WHERE l.status <> 'closed' AND o.dedupe_key LIKE 'live:' || l.id || ':%'))
          ORDER BY o.created_at LIMIT ${limit})`.compile(store.db),
  ]);
  return r?.changes ?? 0;
}

/**
 * Removes up to `limit` web chat pushes (order status, payment confirmed) older than their shop's
 * retain_sent_days: the page has long fetched them (it asks only for those after the last it saw).
 */
export async function pruneWebchatPushes(store: Store, now: Date, limit: number): Promise<number> {
  const days = sql<number>`coalesce((SELECT max(s.retain_sent_days, ${RETENTION_FLOORS.sentDays}) FROM webchat_sessions ws JOIN shops s ON s.id = ws.shop_id WHERE ws.id = m.session_id), ${RETENTION_DEFAULTS.sentDays})`;
  const [r] = await store.batch([
    sql`DELETE FROM webchat_messages WHERE id IN (
          SELECT m.id FROM webchat_messages m
          WHERE m.created_at < ${before(now, RETENTION_FLOORS.sentDays, "days")} AND m.created_at < ${sqlBefore(now, days, "days")}
          ORDER BY m.created_at LIMIT ${limit})`.compile(store.db),
  ]);
  return r?.changes ?? 0;
}
