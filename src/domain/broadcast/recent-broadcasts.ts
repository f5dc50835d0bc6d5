import type { Broadcast } from "../../db/schema";
import type { Store } from "../../db/store";

/** A broadcast with where its posts stand: the dashboard's list of recent posts. */
export interface BroadcastWithCounts extends Broadcast {
  sent: number;
  failed: number;
  uncertain: number;
  /** Waiting or being sent right now. */
  pending: number;
}

/**
 * The shop's last `limit` broadcasts, newest first, each with its posts counted by status. One
 * grouped count covers all of them, not one progress query each (the page lists 20 at a time).
 */
export async function recentBroadcasts(store: Store, shopId: number, limit = 20): Promise<BroadcastWithCounts[]> {
  const recent = await store.db.selectFrom("broadcasts").selectAll().where("shop_id", "=", shopId).orderBy("id", "desc").limit(limit).execute();
  if (recent.length === 0) return [];
  const counts = await store.db
    .selectFrom("outbox")
    .select((eb) => ["ref", "status", eb.fn.countAll<number>().as("n")])
    .where(
      "ref",
      "in",
      recent.map((b) => `broadcast:${b.id}`),
    )
    .groupBy(["ref", "status"])
    .execute();
  const count = (b: Broadcast, status: string) => Number(counts.find((r) => r.ref === `broadcast:${b.id}` && r.status === status)?.n ?? 0);
  return recent.map((b) => ({ ...b, sent: count(b, "sent"), failed: count(b, "failed"), uncertain: count(b, "uncertain"), pending: count(b, "pending") + count(b, "sending") }));
}
