import { sql } from "kysely";
import type { Store } from "../../db/store";
import type { Logger } from "../../platform/logger";
import { planSends } from "./merge";
import type { OutboxRow, SendOutcome, Senders } from "./types";

export interface DispatchOptions {
  batchSize?: number;
  maxAttempts?: number;
  /** A row claimed longer ago than this belongs to a run that died. */
  staleClaimMs?: number;
}

const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 10 * 60_000;

/** Exponential backoff with a cap: 2 s, 4 s, 8 s … 10 min. */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1), BACKOFF_CAP_MS);
}

/**
 * Recovers rows a crashed run left in "sending". A direct message is sent again (a person may
 * get it twice, never zero times); anything said in a group (a broadcast post, an answer to a
 * comment) is marked "uncertain" for the seller to see, because posting twice to a group is the
 * worse failure (DESIGN rule 5).
 */
export async function recoverStaleClaims(store: Store, now: Date, staleClaimMs = 120_000): Promise<{ uncertain: number; resent: number }> {
  const before = new Date(now.getTime() - staleClaimMs).toISOString();
  const uncertain = await store.db
    .updateTable("outbox")
    .set({ status: "uncertain", last_error: "claimed by a run that stopped; not resent" })
    .where("status", "=", "sending")
    .where("claimed_at", "<", before)
    .where("kind", "in", ["broadcast", "group"])
    .executeTakeFirst();
  const resent = await store.db
    .updateTable("outbox")
    .set({ status: "pending", next_attempt_at: now.toISOString() })
    .where("status", "=", "sending")
    .where("claimed_at", "<", before)
    .executeTakeFirst();
  return { uncertain: Number(uncertain.numUpdatedRows), resent: Number(resent.numUpdatedRows) };
}

/** Up to `limit` rows due now, oldest first (read only: each send claims its own rows just before it goes). */
async function dueRows(store: Store, now: Date, limit: number, channels: readonly string[]): Promise<OutboxRow[]> {
  if (channels.length === 0) return [];
  return store.db
    .selectFrom("outbox")
    .selectAll()
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now.toISOString())
    .where("channel", "in", channels)
    .orderBy("id")
    .limit(limit)
    .execute();
}

/**
 * Claims the rows of one send, atomically, right before it goes: a row is handed to one
 * dispatcher only, and after a crash only the rows actually in flight are of unknown fate.
 */
async function claim(store: Store, rows: readonly OutboxRow[], now: Date): Promise<OutboxRow[]> {
  const ids = rows.map((r) => r.id);
  const claimed = await sql<OutboxRow>`
    UPDATE outbox SET status = 'sending', claimed_at = ${now.toISOString()}, attempts = attempts + 1
    WHERE id IN (${sql.join(ids)}) AND status = 'pending'
    RETURNING *`.execute(store.db);
  return claimed.rows;
}

/**
 * Settles the rows of one send with its outcome, in one statement where every row gets the same
 * (sent, deferred) and in one batch otherwise: each row committed alone made a burst's replies
 * cost as many commits as its comments.
 */
async function settle(store: Store, rows: readonly OutboxRow[], outcome: SendOutcome, now: Date, maxAttempts: number): Promise<void> {
  const ids = rows.map((r) => r.id);
  const sending = store.db.updateTable("outbox").where("id", "in", ids).where("status", "=", "sending");
  if (outcome.kind === "sent") {
    await sending.set({ status: "sent", sent_at: now.toISOString(), result: outcome.result === undefined ? null : JSON.stringify(outcome.result), last_error: null }).execute();
    return;
  }
  if (outcome.kind === "defer") {
    // Waiting out a limit is not an attempt: the claim's count is given back.
    await sending.set({ status: "pending", attempts: sql<number>`MAX(0, attempts - 1)`, next_attempt_at: new Date(now.getTime() + outcome.afterMs).toISOString() }).execute();
    return;
  }
  const one = (row: OutboxRow) => {
    const base = store.db.updateTable("outbox").where("id", "=", row.id).where("status", "=", "sending");
    if (outcome.kind === "retry" && row.attempts < maxAttempts) {
      const wait = outcome.afterMs ?? backoffMs(row.attempts);
      return base.set({ status: "pending", next_attempt_at: new Date(now.getTime() + wait).toISOString(), last_error: outcome.error.slice(0, 500) }).compile();
    }
    return base.set({ status: "failed", last_error: outcome.error.slice(0, 500) }).compile();
  };
  await store.batch(rows.map(one));
}

/**
 * Sends what is due, once: each row is claimed before sending and settled after. Returns how
 * many rows were handled. Safe to run from a timer, after a request, or from a cron trigger.
 */
export async function dispatchOutbox(store: Store, senders: Senders, logger: Logger, clock: Date | (() => Date), opts: DispatchOptions = {}): Promise<number> {
  // A long run reads the time afresh for each send, so waits are measured from when they begin.
  const time = typeof clock === "function" ? clock : () => clock;
  await recoverStaleClaims(store, time(), opts.staleClaimMs);
  const rows = await dueRows(store, time(), opts.batchSize ?? 50, Object.keys(senders));
  // Rows that do not fit a merged message simply stay pending for the next run.
  const { units } = planSends(rows);
  let handled = 0;
  for (const planned of units) {
    const now = time();
    const claimed = await claim(store, planned.rows, now);
    const first = claimed[0];
    if (!first) continue;
    // Another dispatcher took some of these rows: send what this one holds, as it now stands.
    const unit = claimed.length === planned.rows.length ? planned : planSends(claimed).units[0];
    if (!unit) continue;
    const sender = senders[first.channel as keyof Senders];
    let outcome: SendOutcome;
    try {
      outcome = sender ? await sender.send(first, unit.reply) : { kind: "failed", error: `no sender for ${first.channel}` };
    } catch (error) {
      logger.error("outbox send threw", { error, outboxId: first.id, channel: first.channel });
      outcome = { kind: "retry", error: error instanceof Error ? error.message : String(error) };
    }
    await settle(store, claimed, outcome, time(), opts.maxAttempts ?? 12);
    handled += claimed.length;
  }
  return handled;
}

/**
 * When the next pending row falls due (to wake the dispatcher then, not on the next timer tick).
 * With `channels`, only rows someone can send count: a row of a channel without a sender (no token
 * configured, or a buyer known only by the phone staff typed in) would otherwise be "due now" forever.
 */
export async function nextDueAt(store: Store, channels?: readonly string[]): Promise<Date | undefined> {
  if (channels?.length === 0) return undefined;
  let due = store.db.selectFrom("outbox").select((eb) => eb.fn.min("next_attempt_at").as("at")).where("status", "=", "pending");
  if (channels) due = due.where("channel", "in", channels);
  const row = await due.executeTakeFirst();
  return row?.at ? new Date(String(row.at)) : undefined;
}

/**
 * Sends everything due now, round after round, then says how long until the next row falls due
 * (Infinity when none is waiting): the caller sleeps exactly that long instead of polling.
 */
export async function drainOutbox(store: Store, senders: Senders, logger: Logger, clock: () => Date, opts: DispatchOptions = {}): Promise<number> {
  while ((await dispatchOutbox(store, senders, logger, clock, opts)) > 0) {
    // more may have become due while sending
  }
  const due = await nextDueAt(store, Object.keys(senders));
  return due ? Math.max(0, due.getTime() - clock().getTime()) : Infinity;
}
