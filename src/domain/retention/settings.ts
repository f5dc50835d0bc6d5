import { sql, type RawBuilder } from "kysely";
import type { Store } from "../../db/store";

/**
 * What pruning keeps (README "Retention"). Per shop, columns of `shops` (migrations/0013), each
 * with a floor below which it is not taken, so that a setting cannot break what relies on the rows:
 * - retain_chat_hours (72, at least 1): an idle web chat session with no order, and an expired
 *   conversation or numbered-choice list, is removed this long after it was last used;
 * - retain_sent_days (14, at least 3): a sent, failed or uncertain message (outbox row, web chat
 *   push) is removed this long after it was queued. Three days at least, longer than any platform
 *   redelivers an event, so a redelivered event still finds the dedupe key of what it caused;
 * - retain_broadcast_days (180, at least retain_sent_days): the same for broadcast posts, which the
 *   dashboard's broadcast history counts and which "chốt 2" under an item's post is read from.
 */
export interface RetentionSettings {
  chatHours: number;
  sentDays: number;
  broadcastDays: number;
}

export const RETENTION_DEFAULTS: RetentionSettings = { chatHours: 72, sentDays: 14, broadcastDays: 180 };
export const RETENTION_FLOORS: RetentionSettings = { chatHours: 1, sentDays: 3, broadcastDays: 3 };

/**
 * Not per shop: a platform's redelivery window. Telegram keeps an undelivered update for 24 hours;
 * Zalo and the web chat page resend within minutes. Processed event ids are kept three times as long.
 */
export const INBOUND_EVENT_KEEP_HOURS = 72;
/** Login attempts nobody repeated for this long, and not locked now, are forgotten. */
export const LOGIN_ATTEMPT_KEEP_DAYS = 7;
/** Used or expired one-time login links and group link codes are kept this long past their expiry. */
export const EXPIRED_LINK_KEEP_DAYS = 7;
/** Live comment repeat keys (a 10-second window) are kept this long. */
export const LIVE_REPEAT_KEEP_HOURS = 1;

/** A shop's settings with the floors applied. */
export function effectiveRetention(row: { retain_chat_hours: number; retain_sent_days: number; retain_broadcast_days: number }): RetentionSettings {
  const chatHours = Math.max(RETENTION_FLOORS.chatHours, row.retain_chat_hours);
  const sentDays = Math.max(RETENTION_FLOORS.sentDays, row.retain_sent_days);
  return { chatHours, sentDays, broadcastDays: Math.max(sentDays, row.retain_broadcast_days) };
}

/** Every shop's id and slug with its effective settings. */
export async function shopRetention(store: Store): Promise<{ id: number; slug: string; retention: RetentionSettings }[]> {
  const rows = await store.db.selectFrom("shops").select(["id", "slug", "retain_chat_hours", "retain_sent_days", "retain_broadcast_days"]).orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, retention: effectiveRetention(r) }));
}

/** Changes a shop's settings (each at least its floor). False when there is no such shop. */
export async function setShopRetention(store: Store, slug: string, change: Partial<RetentionSettings>): Promise<boolean> {
  const set = {
    ...(change.chatHours !== undefined ? { retain_chat_hours: Math.max(RETENTION_FLOORS.chatHours, Math.floor(change.chatHours)) } : {}),
    ...(change.sentDays !== undefined ? { retain_sent_days: Math.max(RETENTION_FLOORS.sentDays, Math.floor(change.sentDays)) } : {}),
    ...(change.broadcastDays !== undefined ? { retain_broadcast_days: Math.max(RETENTION_FLOORS.broadcastDays, Math.floor(change.broadcastDays)) } : {}),
  };
  if (Object.keys(set).length === 0) return (await store.db.selectFrom("shops").select("id").where("slug", "=", slug).executeTakeFirst()) !== undefined;
  const done = await store.db.updateTable("shops").set(set).where("slug", "=", slug).executeTakeFirst();
  return done.numUpdatedRows === 1n;
}

/** `now` moved back by `amount` hours or days, as the ISO text every time column holds. */
export const before = (now: Date, amount: number, unit: "hours" | "days") => new Date(now.getTime() - amount * (unit === "hours" ? 3_600_000 : 86_400_000)).toISOString();

/**
 * SQL for the ISO instant `now` minus a number of days or hours computed per row (from a shop's
 * column), comparable with our ISO time columns. strftime runs the same on SQLite and D1.
 */
export const sqlBefore = (now: Date, amount: RawBuilder<number>, unit: "hours" | "days") => sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${now.toISOString()}, '-' || ${amount} || ${` ${unit}`})`;

/**
 * SQL for the id of the shop a (channel, bot id) pair belongs to: its bot's shop, or for the web
 * chat (whose bot id is the shop's slug) the shop itself; NULL for a bot no longer registered.
 */
export const sqlShopOf = (channel: RawBuilder<string>, botId: RawBuilder<string>) =>
  sql<number | null>`coalesce((SELECT sb.shop_id FROM bots sb WHERE sb.channel = ${channel} AND sb.platform_id = ${botId}), (SELECT ss.id FROM shops ss WHERE ${channel} = 'webchat' AND ss.slug = ${botId}))`;
