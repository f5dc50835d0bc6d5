import type { Store } from "../../db/store";

/** A linked group a broadcast goes to, with the bot that posts there. */
export interface BroadcastTarget {
  channel: string;
  botId: string;
  botUsername: string | null;
  chatId: string;
  title: string;
}

/** The shop's linked groups that still have its bot (a group that removed the bot is skipped). */
export async function broadcastTargets(store: Store, shopId: number): Promise<BroadcastTarget[]> {
  const rows = await store.db
    .selectFrom("shop_groups as g")
    .innerJoin("bots as b", (j) => j.onRef("b.channel", "=", "g.channel").onRef("b.platform_id", "=", "g.bot_id"))
    .select(["g.channel", "g.bot_id", "g.chat_id", "g.title", "b.username"])
    .where("g.shop_id", "=", shopId)
    .where("g.linked", "=", 1)
    .where("g.status", "=", "active")
    .orderBy("g.id")
    .execute();
  return rows.map((r) => ({ channel: r.channel, botId: r.bot_id, botUsername: r.username, chatId: r.chat_id, title: r.title }));
}
