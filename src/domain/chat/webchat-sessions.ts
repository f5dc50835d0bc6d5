import type { Store } from "../../db/store";
import { newSecretToken } from "../orders/codes";
import { preparedQuery } from "../../db/prepared";

/** The session if it exists for this shop; otherwise a new one (a browser whose session was lost starts afresh). */
// Every web chat message keeps its session alive: built once.
const sessionSeen = preparedQuery((db, v: { id: string; shopId: number; at: string }) => db.updateTable("webchat_sessions").set({ last_seen_at: v.at }).where("id", "=", v.id).where("shop_id", "=", v.shopId));

export async function resolveSession(store: Store, shopId: number, requested: string | undefined, now: Date): Promise<string> {
  const at = now.toISOString();
  if (requested) {
    if ((await sessionSeen.changes(store.db, { id: requested, shopId, at })) === 1) return requested;
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
