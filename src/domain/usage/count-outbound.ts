import type { Store } from "../../db/store";
import { findShopById } from "../shops/shops";
import { bumpMessages, messagesUsed } from "./counters";
import { usageMonth } from "./month";
import { noticeIfReached, type UsageScope } from "./notices";
import { planOf } from "./plan-limits";

async function scopeOf(store: Store, channel: string, botId: string, now: Date, publicUrl: string): Promise<UsageScope | undefined> {
  const bot = await store.db.selectFrom("bots").select("shop_id").where("channel", "=", channel).where("platform_id", "=", botId).executeTakeFirst();
  const shop = bot ? await findShopById(store, bot.shop_id) : undefined;
  return shop ? { channel, botId, month: usageMonth(now, shop.time_zone), shop, publicUrl } : undefined;
}

/** Counts messages the platform accepted from a bot (each part of a split text, each photo), and tells staff at 80% and 100%. */
export async function countOutbound(store: Store, v: { channel: string; botId: string; sent: number; now: Date; publicUrl: string }): Promise<void> {
  if (v.sent <= 0) return;
  const scope = await scopeOf(store, v.channel, v.botId, v.now, v.publicUrl);
  if (!scope) return;
  const used = await bumpMessages(store, scope, { out: v.sent });
  await noticeIfReached(store, scope, "messages", used, (await planOf(store, v.channel, v.botId)).maxMessages, v.now);
}

/**
 * A send the platform refused as over quota (Zalo's 429): when the month's messages are at the
 * plan's cap, it is counted as refused (the seller sees how many) and true is returned, so the
 * outbox gives the row up instead of retrying it until the month ends. Below the cap a 429 is a
 * burst limit, worth another try: false.
 */
export async function refusedOverQuota(store: Store, v: { channel: string; botId: string; now: Date; publicUrl: string }): Promise<boolean> {
  const scope = await scopeOf(store, v.channel, v.botId, v.now, v.publicUrl);
  if (!scope) return false;
  const plan = await planOf(store, v.channel, v.botId);
  if ((await messagesUsed(store, scope)) < plan.maxMessages) return false;
  await bumpMessages(store, scope, { refused: 1 });
  await noticeIfReached(store, scope, "messages", plan.maxMessages, plan.maxMessages, v.now);
  return true;
}
