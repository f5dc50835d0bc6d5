import type { Store } from "../db/store";
import { pruneLoginDevices } from "../domain/auth/login-devices";
import { pruneExpiredLinks, pruneExpiredSessions, pruneLiveRepeatKeys, pruneLoginAttempts, pruneTypedOrderForms } from "../domain/retention/access";
import { usageMonth } from "../domain/usage/month";
import { previousMonth, pruneUsageBefore } from "../domain/usage/prune-usage";
import { pruneExpiredConversations, pruneIdleWebchatSessions, pruneInboundEvents, pruneNumberedChoices } from "../domain/retention/chat";
import { pruneSettledOutbox, pruneWebchatPushes } from "../domain/retention/sent-messages";
import { before, shopRetention } from "../domain/retention/settings";

export interface PruneOptions {
  /** Rows (or, for web chat sessions, sessions) one statement or batch removes at most. */
  batchSize?: number;
  /** Batches each kind of row gets per run at most: a run is bounded however much there is. */
  maxBatches?: number;
}

export interface PruneReport {
  /** Rows removed per kind (webchat_sessions counts sessions; webchat_session_rows every row removed with them). */
  removed: Record<PruneStep, number>;
  /** True when some kind stopped at maxBatches with more to remove (the next run goes on). */
  more: boolean;
}

export type PruneStep =
  | "webchat_sessions"
  | "webchat_session_rows"
  | "conversations"
  | "numbered_choices"
  | "inbound_events"
  | "outbox"
  | "webchat_messages"
  | "login_attempts"
  | "login_devices"
  | "dashboard_sessions"
  | "expired_links"
  | "live_recent_comments"
  | "typed_order_forms"
  | "bot_usage";

/**
 * Removes what the shops no longer need, by each shop's retention settings (src/domain/retention/):
 * idle web chat sessions without an order (with their messages, conversation and buyer row),
 * expired conversations, processed inbound event ids past the redelivery window, settled messages,
 * stale login counters, expired sessions and links, the typed-in order forms of past days, and Zalo
 * bot usage (who wrote, who was turned away) older than last month. Orders, their items, payments (bank
 * transactions), buyers with orders, staff, catalog and broadcasts are never touched.
 *
 * Every removal is one statement or one atomic batch of at most `batchSize` rows, and each kind
 * gets at most `maxBatches` of them per run, so a run is short on SQLite and D1 alike and never
 * holds a transaction open; after a flood, successive runs catch up.
 */
export async function runPrune(store: Store, now: Date, opts: PruneOptions = {}): Promise<PruneReport> {
  const batchSize = opts.batchSize ?? 500;
  const maxBatches = opts.maxBatches ?? 40;
  const removed = {} as Record<PruneStep, number>;
  let more = false;
  // Runs `batch` until it says nothing is left, or the budget of this kind is spent.
  const drain = async (step: PruneStep, batch: (limit: number) => Promise<{ removed: number; done: boolean }>, budget = { batches: maxBatches }) => {
    removed[step] ??= 0;
    for (;;) {
      if (budget.batches <= 0) {
        more = true;
        return;
      }
      budget.batches--;
      const r = await batch(batchSize);
      removed[step] += r.removed;
      if (r.done) return;
    }
  };
  // A single DELETE of at most `limit` rows is done when it removed fewer.
  const rows = (remove: (limit: number) => Promise<number>) => async (limit: number) => {
    const n = await remove(limit);
    return { removed: n, done: n < limit };
  };

  const shops = await shopRetention(store);
  // One budget per kind for all shops together: a thousand shops do not make a run a thousand times longer.
  const sessionBudget = { batches: maxBatches };
  const conversationBudget = { batches: maxBatches };
  removed.webchat_session_rows = 0;
  for (const shop of shops) {
    const chatCutoff = before(now, shop.retention.chatHours, "hours");
    await drain(
      "webchat_sessions",
      async (limit) => {
        const r = await pruneIdleWebchatSessions(store, shop, chatCutoff, limit);
        removed.webchat_session_rows += r.rows;
        return { removed: r.sessions, done: r.sessions < limit };
      },
      sessionBudget,
    );
    await drain("conversations", rows((limit) => pruneExpiredConversations(store, shop.id, chatCutoff, limit)), conversationBudget);
  }
  await drain("numbered_choices", rows((limit) => pruneNumberedChoices(store, now, limit)));
  await drain("inbound_events", rows((limit) => pruneInboundEvents(store, now, limit)));
  await drain("outbox", rows((limit) => pruneSettledOutbox(store, now, limit)));
  await drain("webchat_messages", rows((limit) => pruneWebchatPushes(store, now, limit)));
  await drain("login_attempts", rows((limit) => pruneLoginAttempts(store, now, limit)));
  // Browsers remembered for a password login, unseen for 180 days (src/domain/auth/login-devices.ts).
  removed.login_devices = await pruneLoginDevices(store, now);
  await drain("dashboard_sessions", rows((limit) => pruneExpiredSessions(store, now, limit)));
  await drain("expired_links", rows((limit) => pruneExpiredLinks(store, now, limit)));
  await drain("live_recent_comments", rows((limit) => pruneLiveRepeatKeys(store, now, limit)));
  await drain("typed_order_forms", rows((limit) => pruneTypedOrderForms(store, now, limit)));
  // Who wrote to a Zalo bot (and a turned-away buyer's first words): this month and the one before.
  await drain("bot_usage", rows((limit) => pruneUsageBefore(store, previousMonth(usageMonth(now, "Asia/Ho_Chi_Minh")), limit)));
  return { removed, more };
}

/** The total of a report, for a log line. */
export const prunedTotal = (report: PruneReport) => Object.entries(report.removed).reduce((n, [step, v]) => (step === "webchat_session_rows" ? n : n + v), 0);
