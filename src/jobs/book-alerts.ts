import type { Store } from "../db/store";
import { checkShopBookAlerts, claimAlertCheck } from "../domain/books/alerts";
import { RULES_COVER_FROM } from "../domain/books/rules/tax-rules";
import { listShops } from "../domain/shops/shop-rows";
import type { Logger } from "../platform/logger";
import { localTime } from "../platform/shop-time";

/** Alerts go out from this shop-local time of day (08:00): a threshold crossed at night is told in the morning. */
export const BOOK_ALERTS_FROM_MINUTES = 8 * 60;

/**
 * Once a day per shop (claimed in book_alerts, so a restart, a second runner or a cron trigger firing
 * twice checks once): the year's revenue against the thresholds and the filings due within a week,
 * each alert sent to the staff once ever (src/domain/books/alerts.ts). One shop's failure is logged
 * and does not stop the others; that shop is checked again the next day.
 */
export async function runBookAlerts(store: Store, now: Date, opts: { publicUrl: string; logger: Logger }): Promise<number> {
  let sent = 0;
  for (const shop of await listShops(store)) {
    const local = localTime(now, shop.time_zone);
    if (local.minutes < BOOK_ALERTS_FROM_MINUTES || local.date < RULES_COVER_FROM) continue;
    if (!(await claimAlertCheck(store, shop.id, local.date))) continue;
    try {
      sent += (await checkShopBookAlerts(store, shop, local.date, now, opts.publicUrl)).length;
    } catch (error) {
      opts.logger.error("book alerts failed for a shop", { shop: shop.slug, error });
    }
  }
  return sent;
}
