import { sql } from "kysely";
import type { Store } from "../../db/store";

/**
 * Notes a live comment (by its folded text) and tells whether the same person said the same within
 * `windowMs` (a double tap, a resend): one upsert that moves the time only when the last one is
 * older, so "no row changed" means a repeat.
 */
export async function isRepeatLiveComment(store: Store, liveId: number, userId: string, textKey: string, now: Date, windowMs: number): Promise<boolean> {
  const at = now.toISOString();
  const before = new Date(now.getTime() - windowMs).toISOString();
  const [row] = await store.batch([
    sql`INSERT INTO live_recent_comments (live_id, user_id, text_key, at) VALUES (${liveId}, ${userId}, ${textKey}, ${at})
        ON CONFLICT (live_id, user_id, text_key) DO UPDATE SET at = excluded.at WHERE live_recent_comments.at < ${before}`.compile(store.db),
  ]);
  return (row?.changes ?? 0) === 0;
}
