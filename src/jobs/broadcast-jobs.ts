import type { Store } from "../db/store";
import { runDueSchedules } from "../domain/broadcast/schedules";
import { updateBroadcastProgress } from "../domain/broadcast/progress";
import { findShopById } from "../domain/shops/shops";
import { postBroadcast, progressText } from "../../flows/broadcast/post";

/** Scheduled posts that are due become broadcasts (once each: the run's time is the source key). */
export async function runScheduledPosts(store: Store, now: Date): Promise<number> {
  return runDueSchedules(store, now, async (run) => {
    const shop = await findShopById(store, run.shopId);
    if (!shop) return;
    await postBroadcast(
      store,
      shop,
      {
        kind: run.kind,
        ...(run.productCode ? { productCode: run.productCode } : {}),
        ...(run.text ? { text: run.text } : {}),
        sourceKey: `sched:${run.scheduleId}:${run.runAt}`,
        createdBy: "schedule",
      },
      now,
    );
  });
}

/** Keeps sellers' broadcast progress messages current and closes finished broadcasts. */
export async function runBroadcastProgress(store: Store, now: Date): Promise<void> {
  await updateBroadcastProgress(store, now, progressText);
}
