import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { groupsCounted, usersCounted, type MonthUsage } from "./counters";
import { usageMonth } from "./month";
import { planOf, type PlanLimits } from "./plan-limits";

export interface TurnedAwayBuyer {
  userId: string;
  name: string;
  firstText: string;
  firstAt: string;
  lastAt: string;
  times: number;
}

/** One bot's month as the seller sees it: its limits, what it used, who it could not serve. */
export interface BotUsageView {
  channel: string;
  botId: string;
  username: string | null;
  month: string;
  plan: PlanLimits;
  usage: MonthUsage;
  turnedAway: TurnedAwayBuyer[];
}

/** At most this many turned-away buyers are listed (the most recent first); the count covers all. */
const LISTED = 100;

/** The month's usage of each of a shop's bots on `channel` (Zalo: the plan with limits). */
export async function shopBotUsage(store: Store, shop: Shop, now: Date, channel = "zalo"): Promise<BotUsageView[]> {
  const month = usageMonth(now, shop.time_zone);
  const bots = await store.db.selectFrom("bots").select(["platform_id", "username"]).where("shop_id", "=", shop.id).where("channel", "=", channel).orderBy("id").execute();
  const views: BotUsageView[] = [];
  for (const b of bots) {
    const k = { channel, botId: b.platform_id, month };
    const counters = await store.db
      .selectFrom("bot_usage")
      .select(["messages_in", "messages_out", "refused_sends"])
      .where("channel", "=", channel)
      .where("bot_id", "=", b.platform_id)
      .where("month", "=", month)
      .executeTakeFirst();
    const away = await store.db
      .selectFrom("bot_turned_away")
      .select(["user_id", "name", "first_text", "first_at", "last_at", "times"])
      .where("channel", "=", channel)
      .where("bot_id", "=", b.platform_id)
      .where("month", "=", month)
      .orderBy("last_at", "desc")
      .limit(LISTED)
      .execute();
    views.push({
      channel,
      botId: b.platform_id,
      username: b.username,
      month,
      plan: await planOf(store, channel, b.platform_id),
      usage: {
        users: await usersCounted(store, k),
        messagesIn: counters?.messages_in ?? 0,
        messagesOut: counters?.messages_out ?? 0,
        refusedSends: counters?.refused_sends ?? 0,
        groups: await groupsCounted(store, k),
      },
      turnedAway: away.map((r) => ({ userId: r.user_id, name: r.name, firstText: r.first_text, firstAt: r.first_at, lastAt: r.last_at, times: r.times })),
    });
  }
  return views;
}

/** Whether a bot of this channel belongs to the shop (a limits form names it). */
export async function isShopBot(store: Store, shop: Shop, channel: string, botId: string): Promise<boolean> {
  const row = await store.db.selectFrom("bots").select("id").where("shop_id", "=", shop.id).where("channel", "=", channel).where("platform_id", "=", botId).executeTakeFirst();
  return row !== undefined;
}
