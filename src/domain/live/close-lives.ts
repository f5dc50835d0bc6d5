import type { Live } from "../../db/schema";
import type { Store } from "../../db/store";

/** Ended lives whose capture window is over by `now`: they close and send their report. */
export async function livesDueToClose(store: Store, now: Date): Promise<Live[]> {
  return store.db.selectFrom("lives").selectAll().where("status", "=", "ended").where("capture_until", "<=", now.toISOString()).execute();
}

/**
 * Closes an ended live with one conditional UPDATE: true for the one caller that closed it, so its
 * report goes to the staff chat once however many runners race.
 */
export async function claimLiveClose(store: Store, liveId: number, now: Date): Promise<boolean> {
  const claimed = await store.db.updateTable("lives").set({ status: "closed", report_sent_at: now.toISOString() }).where("id", "=", liveId).where("status", "=", "ended").executeTakeFirst();
  return claimed.numUpdatedRows === 1n;
}
