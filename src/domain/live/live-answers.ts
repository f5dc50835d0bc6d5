import type { Store } from "../../db/store";

/**
 * An answer for a buyer who has not started the bot, shown in the live's one group message (the
 * group stays readable). Kept short; the caller bumps the live so the message is redrawn.
 */
export async function addLiveAnswer(store: Store, liveId: number, text: string, now: Date): Promise<void> {
  await store.db.insertInto("live_answers").values({ live_id: liveId, text: text.slice(0, 300), created_at: now.toISOString() }).execute();
}
