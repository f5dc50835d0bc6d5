import { sql } from "kysely";
import type { Store } from "../db/store";
import { settleFirstPaidLines } from "../domain/stock/first-paid";
import { releaseOrderStock } from "../domain/stock/reservations";
import { messagesFor } from "../i18n/messages";
import { enqueueIfChangedQuery } from "../domain/outbox/enqueue";

/**
 * Unpaid transfer orders: a reminder after the shop's reminder delay, then cancellation with the
 * stock released at the shop's timeout. State lives in the orders themselves (reminded_at,
 * expires_at), so a restart misses nothing and a second runner changes nothing twice: each
 * change and its message are one atomic batch guarded by the order's current state.
 * Partly paid orders are never cancelled automatically: money has moved, so the seller decides.
 * Then first paid, first served: paid orders waiting in line get their stock in the order they
 * were paid, and unpaid ones waiting for more than is left are told it sold out.
 */
export async function runPaymentDeadlines(store: Store, now: Date): Promise<{ reminded: number; cancelled: number }> {
  const at = now.toISOString();
  const shops = await store.db.selectFrom("shops").select(["id", "payment_reminder_minutes"]).execute();
  let reminded = 0;
  for (const shop of shops) {
    const remindBefore = new Date(now.getTime() - shop.payment_reminder_minutes * 60_000).toISOString();
    const due = await store.db
      .selectFrom("orders")
      .select(["id", "code", "total", "lang", "channel", "bot_id", "chat_id", "expires_at"])
      .where("shop_id", "=", shop.id)
      .where("status", "=", "pending_payment")
      .where("payment_status", "=", "unpaid")
      .where("reminded_at", "is", null)
      .where("created_at", "<=", remindBefore)
      .limit(500)
      .execute();
    for (const o of due) {
      if (o.expires_at && o.expires_at <= at) continue; // about to be cancelled: no reminder first
      const [marked] = await store.batch([
        sql`UPDATE orders SET reminded_at = ${at} WHERE id = ${o.id} AND reminded_at IS NULL AND status = 'pending_payment'`.compile(store.db),
        enqueueIfChangedQuery(store, { channel: o.channel, botId: o.bot_id, chatId: o.chat_id, reply: { text: messagesFor(o.lang).paymentReminder({ code: o.code, total: o.total }) }, dedupeKey: `order:${o.id}:payment-reminder` }, now),
      ]);
      if (marked?.changes) reminded++;
    }
  }

  const expired = await store.db
    .selectFrom("orders")
    .select(["id", "code", "lang", "channel", "bot_id", "chat_id"])
    .where("status", "=", "pending_payment")
    .where("payment_status", "=", "unpaid")
    .where("expires_at", "<=", at)
    .limit(500)
    .execute();
  let cancelled = 0;
  for (const o of expired) {
    const [changed] = await store.batch([
      sql`UPDATE orders SET status = 'cancelled', cancel_reason = 'payment_timeout', expires_at = NULL, updated_at = ${at}
          WHERE id = ${o.id} AND status = 'pending_payment' AND payment_status = 'unpaid'`.compile(store.db),
      enqueueIfChangedQuery(store, { channel: o.channel, botId: o.bot_id, chatId: o.chat_id, reply: { text: messagesFor(o.lang).paymentTimedOut({ code: o.code }) }, dedupeKey: `order:${o.id}:payment-timeout` }, now),
    ]);
    // Giving the stock back is idempotent; the draft-expiry sweep repeats it if we stop here.
    if (changed?.changes) {
      cancelled++;
      await releaseOrderStock(store, o.id, now);
    }
  }
  await settleFirstPaidLines(store, now);
  return { reminded, cancelled };
}
