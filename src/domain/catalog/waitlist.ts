import { sql } from "kysely";
import type { Store } from "../../db/store";
import { messagesFor } from "../../i18n/messages";
import { enqueueIfChangedQuery } from "../outbox/enqueue";

/** Puts a buyer on an item's waiting list (once; their place is kept if they ask again). */
export async function joinWaitlist(
  store: Store,
  w: { shopId: number; productId: number; channel: string; botId: string; userId: string; chatId: string; lang: string },
  now: Date,
): Promise<void> {
  await store.db
    .insertInto("waitlist")
    .values({ shop_id: w.shopId, product_id: w.productId, channel: w.channel, bot_id: w.botId, user_id: w.userId, chat_id: w.chatId, lang: w.lang, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["product_id", "channel", "user_id"]).doUpdateSet({ notified_at: null, chat_id: w.chatId }))
    .execute();
}

/**
 * Stock came back: tells waiting buyers privately, first come first served, as many as there are
 * units. Each buyer is marked and messaged in one batch, so nobody is told twice.
 */
export async function notifyWaitlist(store: Store, product: { id: number; code: string; name: string; stock: number }, deepLink: (code: string) => string | undefined, now: Date): Promise<number> {
  if (product.stock <= 0) return 0;
  const waiting = await store.db
    .selectFrom("waitlist")
    .selectAll()
    .where("product_id", "=", product.id)
    .where("notified_at", "is", null)
    .orderBy("id")
    .limit(product.stock)
    .execute();
  let told = 0;
  for (const w of waiting) {
    const t = messagesFor(w.lang);
    const [marked] = await store.batch([
      sql`UPDATE waitlist SET notified_at = ${now.toISOString()} WHERE id = ${w.id} AND notified_at IS NULL`.compile(store.db),
      enqueueIfChangedQuery(
        store,
        {
          channel: w.channel,
          botId: w.bot_id,
          chatId: w.chat_id,
          reply: { text: t.backInStock({ code: product.code, name: product.name }), buttons: [{ label: t.btnOrderNow, action: `p:${product.code}`, ...(deepLink(product.code) ? { url: deepLink(product.code) } : {}) }] },
          dedupeKey: `waitlist:${w.id}:${now.toISOString()}`,
        },
        now,
      ),
    ]);
    if (marked?.changes) told++;
  }
  return told;
}
