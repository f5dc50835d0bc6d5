import type { Store } from "../../src/db/store";
import { deliverToWebchat } from "../../src/domain/chat/webchat-messages";
import type { OutboundSender } from "../../src/domain/outbox/types";

/** Web chat "sends" by putting the message where the page polls for it. */
export function webchatSender(store: Store, clock: { now(): Date }): OutboundSender {
  return {
    async send(row, reply) {
      // A session that no longer exists will not come back: a refusal, not something to retry.
      if (!(await deliverToWebchat(store, row.id, row.chat_id, reply, clock.now()))) return { kind: "failed", error: "unknown web chat session" };
      return { kind: "sent" };
    },
  };
}
