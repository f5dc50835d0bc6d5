import type { Live } from "../../db/schema";
import type { Store } from "../../db/store";

/** Lives whose group message may still change: open, or ended and still taking comments. */
export async function livesInProgress(store: Store): Promise<Live[]> {
  return store.db.selectFrom("lives").selectAll().where("status", "in", ["open", "ended"]).execute();
}

/** Records which version of a live the group message now shows (an edit for it is queued). */
export async function markLiveSummaryShown(store: Store, liveId: number, version: number): Promise<void> {
  await store.db.updateTable("lives").set({ summary_version: version }).where("id", "=", liveId).execute();
}
