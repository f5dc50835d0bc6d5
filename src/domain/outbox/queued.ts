import type { Store } from "../../db/store";

/**
 * Whether a message whose dedupe key starts with `prefix` is still waiting or being sent: a live's
 * summary queues its next edit only once the previous one has gone out (the group's rate limit).
 */
export async function hasUnsentWithKeyPrefix(store: Store, prefix: string): Promise<boolean> {
  const row = await store.db.selectFrom("outbox").select("id").where("dedupe_key", "like", `${prefix}%`).where("status", "in", ["pending", "sending"]).executeTakeFirst();
  return row !== undefined;
}

/** Whether a message with this dedupe key was ever queued (whatever became of it). */
export async function hasOutboxRow(store: Store, dedupeKey: string): Promise<boolean> {
  const row = await store.db.selectFrom("outbox").select("id").where("dedupe_key", "=", dedupeKey).executeTakeFirst();
  return row !== undefined;
}
