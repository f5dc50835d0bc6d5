import type { Store } from "../db/store";
import { settleFirstPaidLines } from "../domain/stock/first-paid";
import { releaseOrderStock } from "../domain/stock/reservations";
import { messagesFor } from "../i18n/messages";
import { cancelForPaymentTimeout, overdueUnpaidOrders, unpaidOrdersToRemind } from "../domain/payments/deadlines";
import { remindOrderOnce } from "../domain/orders/reminders";
import { listShops } from "../domain/shops/shop-rows";

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
  const shops = await listShops(store);
  let reminded = 0;
  for (const shop of shops) {
    const remindBefore = new Date(now.getTime() - shop.payment_reminder_minutes * 60_000).toISOString();
    const due = await unpaidOrdersToRemind(store, shop.id, remindBefore, 500);
    for (const o of due) {
      if (o.expires_at && o.expires_at <= at) continue; // about to be cancelled: no reminder first
      const notice = { channel: o.channel, botId: o.bot_id, chatId: o.chat_id, reply: { text: messagesFor(o.lang).paymentReminder({ code: o.code, total: o.total }) }, dedupeKey: `order:${o.id}:payment-reminder` };
      if (await remindOrderOnce(store, o.id, "pending_payment", notice, now)) reminded++;
    }
  }

  const expired = await overdueUnpaidOrders(store, at, 500);
  let cancelled = 0;
  for (const o of expired) {
    const notice = { channel: o.channel, botId: o.bot_id, chatId: o.chat_id, reply: { text: messagesFor(o.lang).paymentTimedOut({ code: o.code }) }, dedupeKey: `order:${o.id}:payment-timeout` };
    // Giving the stock back is idempotent; the draft-expiry sweep repeats it if we stop here.
    if (await cancelForPaymentTimeout(store, o.id, notice, now)) {
      cancelled++;
      await releaseOrderStock(store, o.id, now);
    }
  }
  await settleFirstPaidLines(store, now);
  return { reminded, cancelled };
}
