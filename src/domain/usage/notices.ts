import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { messagesFor } from "../../i18n/messages";
import { notifyStaff } from "../orders/staff-notices";
import { NOTICE_LEVELS, percentUsed, reachedLevel } from "./thresholds";

export type UsageWhat = "users" | "messages" | "groups";

export interface UsageScope {
  channel: string;
  botId: string;
  month: string;
  shop: Shop;
  publicUrl: string;
}

/** Where a seller reads a shop's bot usage. */
export const usagePagePath = (shop: Shop) => `/dashboard/zalo-usage?shop=${encodeURIComponent(shop.slug)}`;

/**
 * Tells the shop's staff once per limit, level and month when `used` of `limit` reaches 80% or 100%.
 * The row in bot_usage_notices (ON CONFLICT DO NOTHING) is the "once": whoever inserts it sends.
 * A jump past both levels sends only the 100% notice.
 */
export async function noticeIfReached(store: Store, scope: UsageScope, what: UsageWhat, used: number, limit: number, now: Date): Promise<void> {
  const level = reachedLevel(used, limit);
  if (level === undefined) return;
  const at = now.toISOString();
  const rows = NOTICE_LEVELS.filter((l) => l <= level).map((l) => ({ channel: scope.channel, bot_id: scope.botId, month: scope.month, what, level: l, sent_at: at }));
  const inserted = await store.db
    .insertInto("bot_usage_notices")
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning("level")
    .execute();
  if (!inserted.some((r) => r.level === level)) return;
  const t = messagesFor(scope.shop.lang);
  const link = `${scope.publicUrl}${usagePagePath(scope.shop)}`;
  const webchat = `${scope.publicUrl}/chat/${scope.shop.slug}`;
  const text = t.usageNotice({ what: t.usageWhat[what], used, limit, percent: percentUsed(used, limit), month: scope.month, full: level === 100, consequence: level === 100 ? t.usageFull[what]({ webchat }) : "", link });
  await notifyStaff(store, scope.shop, { text }, `usage:${scope.channel}:${scope.botId}:${scope.month}:${what}:${level}`, now);
}
