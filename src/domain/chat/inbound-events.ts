import type { CompiledQuery } from "kysely";
import type { Store } from "../../db/store";
import { preparedQuery } from "../../db/prepared";

export type ClaimResult = { kind: "claimed" } | { kind: "done"; response: string | null } | { kind: "in_progress" };

/** A claim older than this whose answer never came belongs to a run that died: take it over. */
const ABANDONED_MS = 60_000;

/**
 * Marks an inbound event as being handled, once (DESIGN rule 4). The first caller gets "claimed"
 * and must later call `finishInboundEvent`; a redelivery gets the stored answer ("done"), or
 * "in_progress" while the first run is still going.
 */
// Built once: every update runs them.
const claimQuery = preparedQuery((db, v: { channel: string; botId: string; eventId: string; at: string }) =>
  db.insertInto("inbound_events").values({ channel: v.channel, bot_id: v.botId, event_id: v.eventId, response: null, received_at: v.at }).onConflict((oc) => oc.doNothing()),
);
const finishQuery = preparedQuery((db, v: { channel: string; botId: string; eventId: string; response: string }) =>
  db.updateTable("inbound_events").set({ response: v.response }).where("channel", "=", v.channel).where("bot_id", "=", v.botId).where("event_id", "=", v.eventId),
);

export async function claimInboundEvent(store: Store, channel: string, botId: string, eventId: string, now: Date): Promise<ClaimResult> {
  const at = now.toISOString();
  if ((await claimQuery.changes(store.db, { channel, botId, eventId, at })) > 0) return { kind: "claimed" };
  const row = await store.db
    .selectFrom("inbound_events")
    .select(["response", "received_at"])
    .where("channel", "=", channel)
    .where("bot_id", "=", botId)
    .where("event_id", "=", eventId)
    .executeTakeFirst();
  if (!row) return { kind: "in_progress" };
  if (row.response !== null) return { kind: "done", response: row.response };
  if (now.getTime() - Date.parse(row.received_at) > ABANDONED_MS) {
    const taken = await store.db
      .updateTable("inbound_events")
      .set({ received_at: at })
      .where("channel", "=", channel)
      .where("bot_id", "=", botId)
      .where("event_id", "=", eventId)
      .where("received_at", "=", row.received_at)
      .where("response", "is", null)
      .executeTakeFirst();
    if (taken.numUpdatedRows === 1n) return { kind: "claimed" };
  }
  return { kind: "in_progress" };
}

/**
 * Forgets claims whose answer never came. Only for a process that is the sole writer and has just
 * started (the Node server): every such claim belongs to the run that was killed, and the platform
 * or browser is about to send that event again. Workers rely on the age rule in claimInboundEvent.
 */
export async function releaseUnfinishedInboundClaims(store: Store): Promise<number> {
  const released = await store.db.deleteFrom("inbound_events").where("response", "is", null).executeTakeFirst();
  return Number(released.numDeletedRows);
}

/** The UPDATE that stores the answer of a claimed event ("" when there is nothing to replay), to run in the batch that queues its replies. */
export function finishInboundEventQuery(store: Store, channel: string, botId: string, eventId: string, response: string): CompiledQuery {
  return finishQuery.compile(store.db, { channel, botId, eventId, response });
}

/** Stores the answer of a claimed event ("" when there is nothing to replay). */
export async function finishInboundEvent(store: Store, channel: string, botId: string, eventId: string, response: string): Promise<void> {
  await store.batch([finishInboundEventQuery(store, channel, botId, eventId, response)]);
}
