import type { Store } from "../db/store";
import { summarizeDay, type DaySummary } from "../domain/orders/day-summary";
import { orderLineText } from "../domain/orders/line-text";
import { notifyStaff } from "../domain/orders/staff-notices";
import { listShops } from "../domain/shops/shop-rows";
import { claimSummaryDay } from "../domain/shops/summary-day";
import { messagesFor } from "../i18n/messages";
import { localTime, parseClockTime } from "../platform/shop-time";

/** The summary as the staff chat reads it. */
export function summaryText(lang: string, s: DaySummary): string {
  const t = messagesFor(lang);
  return [
    t.summaryTitle({ date: s.date }),
    t.summaryOrders({ orders: s.orders, delivered: s.delivered, cancelled: s.cancelled }),
    t.summaryRevenue({ revenue: s.revenue, ordered: s.ordered }),
    t.summaryUnpaid({ count: s.unpaid.count, amount: s.unpaid.amount }),
    ...(s.topItems.length ? [t.summaryTop, ...s.topItems.map((i, n) => `${n + 1}. ${orderLineText(i)}`)] : []),
  ].join("\n");
}

/**
 * Sends each shop's end-of-day summary once its local summary time has passed, once a day. The
 * day is claimed with one conditional UPDATE (summary_sent_date), so a restart, a second runner
 * or a cron trigger firing twice sends it once; a server that was down at 21:00 sends it when it
 * comes back the same evening.
 */
export async function runDailySummaries(store: Store, now: Date): Promise<number> {
  const shops = await listShops(store);
  let sent = 0;
  for (const shop of shops) {
    const local = localTime(now, shop.time_zone);
    const at = parseClockTime(shop.summary_time);
    if (at === null || local.minutes < at || shop.summary_sent_date === local.date) continue;
    if (!(await claimSummaryDay(store, shop.id, local.date))) continue;
    const summary = await summarizeDay(store, shop.id, local.date);
    await notifyStaff(store, shop, { text: summaryText(shop.lang, summary) }, `summary:${shop.id}:${local.date}`, now);
    sent++;
  }
  return sent;
}
