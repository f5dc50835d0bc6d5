import { sql, type CompiledQuery } from "kysely";
import type { Store } from "../../db/store";
import type { OutboundMessage } from "./types";

/**
 * The INSERT that queues a message, to run on its own or inside the batch that makes the change
 * causing it (DESIGN rule 5). The dedupe key makes a retried step queue nothing twice.
 */
export function enqueueQuery(store: Store, msg: OutboundMessage, now: Date): CompiledQuery {
  const at = now.toISOString();
  return store.db
    .insertInto("outbox")
    .values({
      channel: msg.channel,
      bot_id: msg.botId,
      chat_id: msg.chatId,
      payload: JSON.stringify(msg.reply),
      dedupe_key: msg.dedupeKey,
      kind: msg.kind ?? "message",
      ref: msg.ref ?? null,
      status: "pending",
      next_attempt_at: at,
      created_at: at,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .compile();
}

/** Queues a message (once per dedupe key). */
export async function enqueue(store: Store, msg: OutboundMessage, now: Date): Promise<void> {
  await store.batch([enqueueQuery(store, msg, now)]);
}

/**
 * The same INSERT, made to run only if the statement just before it in a batch changed a row
 * (SQLite's changes()): a state change and the message it causes, all or nothing.
 */
export function enqueueIfChangedQuery(store: Store, msg: OutboundMessage, now: Date): CompiledQuery {
  const at = now.toISOString();
  return sql`INSERT INTO outbox (channel, bot_id, chat_id, payload, dedupe_key, kind, status, next_attempt_at, created_at)
             SELECT ${msg.channel}, ${msg.botId}, ${msg.chatId}, ${JSON.stringify(msg.reply)}, ${msg.dedupeKey}, ${msg.kind ?? "message"}, 'pending', ${at}, ${at}
             WHERE changes() = 1
             ON CONFLICT DO NOTHING`.compile(store.db);
}
