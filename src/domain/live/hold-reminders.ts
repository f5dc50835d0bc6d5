import type { Store } from "../../db/store";

/**
 * Live drafts not yet reminded that hold something, with what the reminder needs: the buyer's
 * private chat, the shop's hold time and the live (for the finish button). The caller decides by
 * the hold's age which are due.
 */
export async function liveDraftsToRemind(store: Store) {
  return store.db
    .selectFrom("live_orders as l")
    .innerJoin("orders as o", "o.id", "l.order_id")
    .innerJoin("shops as s", "s.id", "o.shop_id")
    .innerJoin("buyers as b", "b.id", "l.buyer_id")
    .select(["o.id", "o.code", "o.lang", "o.expires_at", "o.total", "l.live_id", "s.live_hold_minutes", "b.private_chat_id", "o.channel", "o.bot_id"])
    .where("o.status", "=", "draft")
    .where("o.reminded_at", "is", null)
    .where("o.total", ">", 0)
    .execute();
}
