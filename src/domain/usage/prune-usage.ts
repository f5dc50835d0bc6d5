import { sql } from "kysely";
import type { Store } from "../../db/store";

const TABLES = ["bot_usage_users", "bot_usage_groups", "bot_usage_notices", "bot_turned_away", "bot_usage"] as const;

/** The month before a 'YYYY-MM' month. */
export function previousMonth(month: string): string {
  const [y = 0, m = 1] = month.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/**
 * Removes up to `limit` rows of each usage table for months before `keepFrom` ('YYYY-MM'): who wrote
 * to a bot (and a turned-away buyer's first words) is kept for the month and the one before it,
 * not for ever. One statement per table, bounded, as the prune job does (src/jobs/prune.ts).
 */
export async function pruneUsageBefore(store: Store, keepFrom: string, limit: number): Promise<number> {
  const results = await store.batch(TABLES.map((t) => sql`DELETE FROM ${sql.table(t)} WHERE rowid IN (SELECT rowid FROM ${sql.table(t)} WHERE month < ${keepFrom} LIMIT ${limit})`.compile(store.db)));
  return results.reduce((n, r) => n + r.changes, 0);
}
