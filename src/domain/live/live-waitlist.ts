import { sql } from "kysely";
import type { Store } from "../../db/store";
import { enqueueIfChangedQuery } from "../outbox/enqueue";
import type { OutboundMessage } from "../outbox/types";

/** Puts a buyer in line for a live item that ran out (once per buyer and item: a repeat changes nothing). */
export async function joinLiveWaitlist(
  store: Store,
  w: { liveId: number; productId: number; buyerId: number; userId: string; displayName: string; qty: number },
  now: Date,
): Promise<void> {
  await store.db
    .insertInto("live_waitlist")
    .values({ live_id: w.liveId, product_id: w.productId, buyer_id: w.buyerId, user_id: w.userId, display_name: w.displayName, qty: w.qty, created_at: now.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Buyers still waiting in lives that take comments, first come first (at most `limit` a run). */
export async function unservedLiveWaitlist(store: Store, limit: number) {
  return store.db
    .selectFrom("live_waitlist as w")
    .innerJoin("lives as l", "l.id", "w.live_id")
    .selectAll("w")
    .where("w.served_at", "is", null)
    .where("l.status", "in", ["open", "ended"])
    .orderBy("w.id")
    .limit(limit)
    .execute();
}

/** Takes a waiting buyer out of line without a hold (their order has left the draft meanwhile). */
export async function dropFromLiveWaitlist(store: Store, waitlistId: number, now: Date): Promise<void> {
  await store.db.updateTable("live_waitlist").set({ served_at: now.toISOString() }).where("id", "=", waitlistId).execute();
}

/**
 * Marks a waiting buyer served and queues their private "your turn" message in one atomic batch:
 * the message goes only if this call served them (a second runner queues nothing).
 */
export async function markLiveWaitlistServed(store: Store, waitlistId: number, notice: OutboundMessage | undefined, now: Date): Promise<void> {
  await store.batch([
    sql`UPDATE live_waitlist SET served_at = ${now.toISOString()} WHERE id = ${waitlistId} AND served_at IS NULL`.compile(store.db),
    ...(notice ? [enqueueIfChangedQuery(store, notice, now)] : []),
  ]);
}
