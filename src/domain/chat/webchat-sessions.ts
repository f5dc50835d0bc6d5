import type { Store } from "../../db/store";
import { newSecretToken } from "../orders/codes";

/** The session if it exists for this shop; otherwise a new one (a browser whose session was lost starts afresh). */
export async function resolveSession(store: Store, shopId: number, requested: string | undefined, now: Date): Promise<string> {
  const at = now.toISOString();
  if (requested) {
    const found = await store.db
      .updateTable("webchat_sessions")
      .set({ last_seen_at: at })
      .where("id", "=", requested)
      .where("shop_id", "=", shopId)
      .executeTakeFirst();
    if (found.numUpdatedRows === 1n) return requested;
  }
  const id = newSecretToken(16);
  await store.db.insertInto("webchat_sessions").values({ id, shop_id: shopId, created_at: at, last_seen_at: at }).execute();
  return id;
}

/** True when `session` is one of this shop's sessions. */
export async function sessionBelongsTo(store: Store, shopId: number, session: string): Promise<boolean> {
  const row = await store.db.selectFrom("webchat_sessions").select("id").where("id", "=", session).where("shop_id", "=", shopId).executeTakeFirst();
  return row !== undefined;
}
