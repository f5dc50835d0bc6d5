import type { Selectable } from "kysely";
import type { ScheduledPostsTable } from "../../db/schema";
import type { Store } from "../../db/store";

export type ScheduledPost = Selectable<ScheduledPostsTable>;

/** The shop's schedules that still post, the next to run first (the dashboard shows up to 100). */
export async function activeSchedules(store: Store, shopId: number, limit = 100): Promise<ScheduledPost[]> {
  return store.db.selectFrom("scheduled_posts").selectAll().where("shop_id", "=", shopId).where("active", "=", 1).orderBy("next_run_at").limit(limit).execute();
}

/**
 * Turns one of the shop's schedules off (kept, for its history). The id comes from a form's URL:
 * false when no schedule of this shop has it, so another shop's schedule is never touched.
 */
export async function deactivateSchedule(store: Store, shopId: number, id: number): Promise<boolean> {
  const changed = await store.db.updateTable("scheduled_posts").set({ active: 0 }).where("id", "=", id).where("shop_id", "=", shopId).executeTakeFirst();
  return changed.numUpdatedRows > 0n;
}
