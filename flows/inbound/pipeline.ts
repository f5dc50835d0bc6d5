import type { AddressedReply, InboundEvent, InboundSource } from "../../src/chat/inbound-event";
import type { Reply } from "../../src/chat/types";
import type { Store } from "../../src/db/store";
import { claimInboundEvent, finishInboundEventQuery } from "../../src/domain/chat/inbound-events";
import { enqueueQuery } from "../../src/domain/outbox/enqueue";
import { replyKind } from "../../src/domain/outbox/types";
import type { InboundDeps } from "./context";
import { NetworkFirst } from "./network-first";
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
 * Where the runtime has transactions (Node) all four are one unit: a crash anywhere rolls all back
 * and the redelivery applies each step once (and one commit per event, not two). On D1 the claim
 * stands alone (a redelivery meanwhile is told "busy"), and the replies and the finish are one
 * batch, after steps that are each conditional or idempotent.
 */
export async function handleInbound(deps: InboundDeps, source: InboundSource, eventOrLate: InboundEvent | LateEvent, opts: InboundOptions = {}): Promise<InboundOutcome> {
  const now = deps.clock.now();
  const { eventKey } = opts;
  const early = typeof eventOrLate === "function" ? undefined : eventOrLate;
  /** Takes the event once: undefined when this run is to handle it, else what to answer instead. */
  const claim = async (store: Store): Promise<InboundOutcome | undefined> => {
    if (!eventKey) return undefined;
    const claimed = await claimInboundEvent(store, source.channel, source.botId, eventKey, now);
    if (claimed.kind === "in_progress") return { kind: "busy" };
    if (claimed.kind === "done") return { kind: "replayed", response: claimed.response };
    return undefined;
  };
  // Never inside the unit: a network call must not hold the database.
  const acknowledge = async () => {
    if (early?.kind === "button" && early.callbackId) await source.acknowledgeButton?.(early.callbackId);
  };

  const unit = async (store: Store, holdsDatabase = false) => {
    const event = early ?? (await (eventOrLate as LateEvent)(store));
    const replies = await routeEvent({ ...deps, store, ...(holdsDatabase ? { holdsDatabase } : {}) }, source, event, now);
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
  let done: { inline: Reply[]; queued: number };
  const { atomic } = deps.store;
  if (atomic) {
    // One transaction from the claim to the finish: a redelivery waits for it and replays the answer.
    // A step that needs the network first (a carrier's fee) rolls it back; the answer is fetched
    // outside it and the event handled again (twice at most: the second run finds the answer).
    let outcome: InboundOutcome | { inline: Reply[]; queued: number };
    try {
      outcome = await atomic(async (store) => (await claim(store)) ?? (await unit(store, true)));
    } catch (error) {
      if (!(error instanceof NetworkFirst) || deps.prefetched) throw error;
      const prefetched = new Map<string, unknown>();
      await error.fetch(deps.store, prefetched);
      return handleInbound({ ...deps, prefetched }, source, eventOrLate, opts);
    }
    if ("kind" in outcome) return outcome;
    done = outcome;
    await acknowledge();
  } else {
    // D1: the claim stands alone, so a redelivery meanwhile is told "busy".
    const refused = await claim(deps.store);
    if (refused) return refused;
    await acknowledge();
    done = await unit(deps.store);
  }
  if (done.queued) deps.onOutboxWrite?.();
  return { kind: "handled", inline: done.inline };
}
