import type { Store } from "../../db/store";

/**
 * The platform message id an outbox row was delivered as (for edits): undefined while it may still
 * be sent, null when it never will be (failed, uncertain, unknown) so the caller sends anew.
 */
export async function sentMessageId(store: Store, dedupeKey: string): Promise<number | string | null | undefined> {
  const row = await store.db.selectFrom("outbox").select(["status", "result"]).where("dedupe_key", "=", dedupeKey).executeTakeFirst();
  if (!row || row.status === "failed" || row.status === "uncertain") return null;
  if (row.status !== "sent") return undefined;
  if (!row.result) return null;
  try {
    const id = (JSON.parse(row.result) as { message_id?: number | string }).message_id;
    return id ?? null;
  } catch {
    return null;
  }
}
