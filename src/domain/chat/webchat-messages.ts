import type { Reply } from "../../chat/types";
import type { Store } from "../../db/store";

/**
 * Puts an outbox row's message where the web chat page polls for it. Keyed by the outbox row, so a
 * resend after a crash adds nothing. False when the session is gone (it will not come back).
 */
export async function deliverToWebchat(store: Store, outboxId: number, session: string, reply: Reply, now: Date): Promise<boolean> {
  const found = await store.db.selectFrom("webchat_sessions").select("id").where("id", "=", session).executeTakeFirst();
  if (!found) return false;
  await store.db
    .insertInto("webchat_messages")
    .values({ session_id: session, reply: JSON.stringify(reply), created_at: now.toISOString(), outbox_id: outboxId })
    .onConflict((oc) => oc.column("outbox_id").doNothing())
    .execute();
  return true;
}

/** The pushed messages of a session after sequence number `after` (at most 100), oldest first. */
export async function webchatMessagesAfter(store: Store, session: string, after: number): Promise<(Reply & { seq: number })[]> {
  const rows = await store.db.selectFrom("webchat_messages").select(["id", "reply"]).where("session_id", "=", session).where("id", ">", after).orderBy("id").limit(100).execute();
  return rows.map((r) => ({ ...(JSON.parse(r.reply) as Reply), seq: r.id }));
}
