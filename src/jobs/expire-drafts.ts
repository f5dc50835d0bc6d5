import type { Store } from "../db/store";
import { cancelOrder } from "../domain/orders/lifecycle";
import { releaseOrderStock } from "../domain/stock/reservations";
import { expiredDraftIds } from "../domain/orders/expired-drafts";
import { bumpLivesOfOrder } from "../domain/live/bump-order-lives";
import { strandedHoldOrderIds } from "../domain/stock/stranded-holds";

/**
 * Cancels draft orders whose hold ran out (reason "expired") and gives their stock back; also
 * finishes any release a crash cut short. Safe to run often and from several places at once:
 * every change is a conditional statement.
 */
export async function expireDrafts(store: Store, now: Date): Promise<{ expired: number }> {
  let expired = 0;
  for (const id of await expiredDraftIds(store, now, 500)) {
    if (!(await cancelOrder(store, id, "expired", now, ["draft"]))) continue;
    expired++;
    // A live's group summary shows holds: one that expired must drop out of it.
    await bumpLivesOfOrder(store, id);
  }

  for (const orderId of await strandedHoldOrderIds(store, 500)) await releaseOrderStock(store, orderId, now);
  return { expired };
}
