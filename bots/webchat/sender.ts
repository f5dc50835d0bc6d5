import type { Store } from "../../src/db/store";
import type { OutboundSender } from "../../src/domain/outbox/types";

/**
 * Web chat "sends" by putting the message where the page polls for it. Keyed by the outbox row,
 * so a resend after a crash adds nothing.
 */
export function webchatSender(store: Store, clock: { now(): Date }): OutboundSender {
  return {
    async send(row, reply) {
      const session = await store.db.selectFrom("webchat_sessions").select("id").where("id", "=", row.chat_id).executeTakeFirst();
      // A session that no longer exists will not come back: a refusal, not something to retry.
      if (!session) return { kind: "failed", error: "unknown web chat session" };
      await store.db
        .insertInto("webchat_messages")
        .values({ session_id: row.chat_id, reply: JSON.stringify(reply), created_at: clock.now().toISOString(), outbox_id: row.id })
        .onConflict((oc) => oc.column("outbox_id").doNothing())
        .execute();
      return { kind: "sent" };
    },
  };
}
