import type { Store } from "../../db/store";

/**
 * Claims a shop's end-of-day summary for a local date with one conditional UPDATE: true for the one
 * caller that moved summary_sent_date to that date, so a restart, a second runner or a cron trigger
 * firing twice sends the summary once.
 */
export async function claimSummaryDay(store: Store, shopId: number, date: string): Promise<boolean> {
  const claimed = await store.db
    .updateTable("shops")
    .set({ summary_sent_date: date })
    .where("id", "=", shopId)
    .where((eb) => eb.or([eb("summary_sent_date", "is", null), eb("summary_sent_date", "!=", date)]))
    .executeTakeFirst();
  return claimed.numUpdatedRows === 1n;
}
