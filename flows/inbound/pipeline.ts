import type { AddressedReply, InboundEvent, InboundSource } from "../../src/chat/inbound-event";
import type { Reply } from "../../src/chat/types";
import type { Store } from "../../src/db/store";
import { claimInboundEvent, finishInboundEventQuery } from "../../src/domain/chat/inbound-events";
import { enqueueQuery } from "../../src/domain/outbox/enqueue";
import { replyKind } from "../../src/domain/outbox/types";
import type { InboundDeps } from "./context";
import { routeEvent } from "./route";

export type InboundOutcome =
  /** Run now. `inline`: the replies that are the HTTP answer (web chat); every other reply is queued. */
  | { kind: "handled"; inline: Reply[] }
  /** Claimed by a run still going (or one that died a moment ago): not acknowledged, so the sender retries. */
  | { kind: "busy" }
  /** Handled before: what was answered then (null: nothing to replay). */
  | { kind: "replayed"; response: string | null };

export interface InboundOptions {
  /** The event's unique key for its source (update id, event id, session + message id); none: nothing to deduplicate. */
  eventKey?: string;
  /** What to store as the event's answer, for a redelivery to replay (the web chat's JSON); "" by default. */
  answer?(inline: Reply[]): string;
}

/**
 * An event that can only be made once it is claimed (the web chat's session is looked up, and kept
 * alive, only for a message that is not a redelivery): made inside the unit, with its store.
 */
export type LateEvent = (store: Store) => Promise<InboundEvent>;

const chatOf = (event: InboundEvent) => (event.kind === "message" || event.kind === "button" ? event.msg : undefined);

/**
 * Every inbound event of every channel, exactly once: claim → route → queue the replies → finish.
 * The claim stands alone, so a redelivery while this runs is told "busy". Routing, the queued
 * replies and the finish are one atomic unit where the runtime has transactions (Node): a crash
 * between them rolls all back and the retry applies each step once. On D1 the replies and the
 * finish are one batch, after steps that are each conditional or idempotent.
 */
export async function handleInbound(deps: InboundDeps, source: InboundSource, eventOrLate: InboundEvent | LateEvent, opts: InboundOptions = {}): Promise<InboundOutcome> {
  const now = deps.clock.now();
  const { eventKey } = opts;
  if (eventKey) {
    const claim = await claimInboundEvent(deps.store, source.channel, source.botId, eventKey, now);
    if (claim.kind === "in_progress") return { kind: "busy" };
    if (claim.kind === "done") return { kind: "replayed", response: claim.response };
  }
  const early = typeof eventOrLate === "function" ? undefined : eventOrLate;
  // Outside the unit: a network call must not hold the database.
  if (early?.kind === "button" && early.callbackId) await source.acknowledgeButton?.(early.callbackId);

  const unit = async (store: Store) => {
    const event = early ?? (await (eventOrLate as LateEvent)(store));
    const replies = await routeEvent({ ...deps, store }, source, event, now);
    const msg = chatOf(event);
    const isInline = (r: AddressedReply) => source.capabilities.answersInline && !r.via && r.chatId === msg?.chat.id;
    const inline = replies.filter(isInline).map((r) => r.reply);
    const key = eventKey ?? msg?.eventId ?? String(now.getTime());
    const queries = replies.flatMap((r, i) =>
      isInline(r)
        ? []
        : [
            enqueueQuery(
              store,
              { channel: r.via?.channel ?? source.channel, botId: r.via?.botId ?? source.botId, chatId: r.chatId, reply: r.reply, dedupeKey: `${source.dedupePrefix}:${key}:${i}`, kind: replyKind(event.kind === "message" ? event.msg : undefined, r.chatId) },
              now,
            ),
          ],
    );
    const queued = queries.length;
    if (eventKey) queries.push(finishInboundEventQuery(store, source.channel, source.botId, eventKey, opts.answer ? opts.answer(inline) : ""));
    if (queries.length) await store.batch(queries);
    return { inline, queued };
  };
  const done = deps.store.atomic ? await deps.store.atomic(unit) : await unit(deps.store);
  if (done.queued) deps.onOutboxWrite?.();
  return { kind: "handled", inline: done.inline };
}
