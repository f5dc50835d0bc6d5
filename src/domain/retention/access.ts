// Pruning what logins and links leave behind, and the live comment repeat keys: none of it is
// per shop. One DELETE per call, at most `limit` rows.
import { sql, type RawBuilder } from "kysely";
import type { Store } from "../../db/store";
import { before, EXPIRED_LINK_KEEP_DAYS, LIVE_REPEAT_KEEP_HOURS, LOGIN_ATTEMPT_KEEP_DAYS } from "./settings";

async function deleteRows(store: Store, table: string, where: RawBuilder<unknown>, limit: number): Promise<number> {
  const [r] = await store.batch([sql`DELETE FROM ${sql.table(table)} WHERE rowid IN (SELECT rowid FROM ${sql.table(table)} WHERE ${where} LIMIT ${limit})`.compile(store.db)]);
  return r?.changes ?? 0;
}

/** Failed-login counters nobody added to for LOGIN_ATTEMPT_KEEP_DAYS (every throttle window is far shorter) and not locked now. */
export const pruneLoginAttempts = (store: Store, now: Date, limit: number) =>
  deleteRows(store, "login_attempts", sql`updated_at < ${before(now, LOGIN_ATTEMPT_KEEP_DAYS, "days")} AND (locked_until IS NULL OR locked_until < ${now.toISOString()})`, limit);

/** Dashboard sessions past their expiry (they no longer log anyone in). */
export const pruneExpiredSessions = (store: Store, now: Date, limit: number) => deleteRows(store, "dashboard_sessions", sql`expires_at < ${now.toISOString()}`, limit);

/** One-time login links and group link codes expired for EXPIRED_LINK_KEEP_DAYS. */
export async function pruneExpiredLinks(store: Store, now: Date, limit: number): Promise<number> {
  const cutoff = before(now, EXPIRED_LINK_KEEP_DAYS, "days");
  return (await deleteRows(store, "login_links", sql`expires_at < ${cutoff}`, limit)) + (await deleteRows(store, "link_codes", sql`expires_at < ${cutoff}`, limit));
}

/** Live comment repeat keys (a 10-second window) older than LIVE_REPEAT_KEEP_HOURS. */
export const pruneLiveRepeatKeys = (store: Store, now: Date, limit: number) => deleteRows(store, "live_recent_comments", sql`at < ${before(now, LIVE_REPEAT_KEEP_HOURS, "hours")}`, limit);

/** The dashboard's typed-in order forms a day old: the board shows an outcome only right after its submit. */
export const pruneTypedOrderForms = (store: Store, now: Date, limit: number) => deleteRows(store, "typed_order_forms", sql`created_at < ${before(now, 1, "days")}`, limit);
