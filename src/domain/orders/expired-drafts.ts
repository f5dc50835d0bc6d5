import type { Store } from "../../db/store";

/** Drafts whose hold has run out by `now`, at most `limit` a sweep (the next sweep takes the rest). */
export async function expiredDraftIds(store: Store, now: Date, limit: number): Promise<number[]> {
  const rows = await store.db.selectFrom("orders").select("id").where("status", "=", "draft").where("expires_at", "<=", now.toISOString()).limit(limit).execute();
  return rows.map((r) => r.id);
}
