import { sql, type CompiledQuery } from "kysely";
import type { Store } from "../../db/store";
import type { OutboundMessage } from "./types";
import { preparedQuery } from "../../db/prepared";

/**
 * The INSERT that queues a message, to run on its own or inside the batch that makes the change
 * causing it (DESIGN rule 5). The dedupe key makes a retried step queue nothing twice.
 */
export function enqueueQuery(store: Store, msg: OutboundMessage, now: Date): CompiledQuery {
  return outboxInsert.compile(store.db, {
    channel: msg.channel,
    botId: msg.botId,
    chatId: msg.chatId,
    payload: JSON.stringify(msg.reply),
    dedupeKey: msg.dedupeKey,
    kind: msg.kind ?? "message",
    ref: msg.ref ?? null,
    at: now.toISOString(),
  });
}

// Built once: every reply is queued with it.
const outboxInsert = preparedQuery((db, v: { channel: string; botId: string; chatId: string; payload: string; dedupeKey: string; kind: NonNullable<OutboundMessage["kind"]>; ref: string | null; at: string }) =>
  db
    .insertInto("outbox")
    .values({ channel: v.channel, bot_id: v.botId, chat_id: v.chatId, payload: v.payload, dedupe_key: v.dedupeKey, kind: v.kind, ref: v.ref, status: "pending", next_attempt_at: v.at, created_at: v.at })
    .onConflict((oc) => oc.column("dedupe_key").doNothing()),
);

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
