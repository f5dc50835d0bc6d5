import type { Buyer, Shop } from "../../db/schema";
import type { Store } from "../../db/store";

// Orders typed in by staff name the buyer by phone. The buyer is whoever last gave that phone in
// this shop (an order of theirs carries it, on any channel); someone never seen is a buyer of the
// "phone" channel whose user id is the number, so the next typed-in order finds them again.

/** The channel of buyers known only by the phone staff typed in. */
export const PHONE_CHANNEL = "phone";

/** The buyer who last gave this phone in this shop, else the phone-only buyer of that number, if any. */
export async function buyerByPhone(store: Store, shopId: number, phone: string): Promise<Buyer | undefined> {
  const last = await store.db
    .selectFrom("orders as o")
    .innerJoin("buyers as b", "b.id", "o.buyer_id")
    .selectAll("b")
    .where("o.shop_id", "=", shopId)
    .where("o.phone", "=", phone)
    .orderBy("o.created_at", "desc")
    .orderBy("o.id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (last) return last;
  return store.db.selectFrom("buyers").selectAll().where("channel", "=", PHONE_CHANNEL).where("user_id", "=", phone).executeTakeFirst();
}

/** The phone-only buyer of this number, created on first use. */
export async function phoneOnlyBuyer(store: Store, phone: string, now: Date): Promise<Buyer> {
  const at = now.toISOString();
  return store.db
    .insertInto("buyers")
    .values({ channel: PHONE_CHANNEL, user_id: phone, name: phone, last_phone: phone, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(["channel", "user_id"]).doUpdateSet({ updated_at: at }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A chat the bot may write to: a buyer's private chat with one of the shop's bots, or their web chat session. */
export interface BuyerChat {
  channel: string;
  botId: string;
  chatId: string;
}

/**
 * Where this shop can write to the buyer privately, or undefined. Telegram and Zalo need the private
 * chat the buyer opened (buyers.private_chat_id) and the shop's bot on that channel: the bot of
 * their last order here, else the shop's own. The web chat needs a session of this shop.
 */
export async function buyerChat(store: Store, shop: Pick<Shop, "id" | "slug">, buyer: Buyer): Promise<BuyerChat | undefined> {
  if (buyer.channel === PHONE_CHANNEL) return undefined;
  const lastHere = await store.db
    .selectFrom("orders")
    .select(["bot_id", "chat_id"])
    .where("shop_id", "=", shop.id)
    .where("buyer_id", "=", buyer.id)
    .where("channel", "=", buyer.channel)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (buyer.channel === "webchat") {
    const session = await store.db.selectFrom("webchat_sessions").select("id").where("id", "=", buyer.user_id).where("shop_id", "=", shop.id).executeTakeFirst();
    return session ? { channel: "webchat", botId: shop.slug, chatId: buyer.user_id } : undefined;
  }
  if (!buyer.private_chat_id) return undefined;
  const botId =
    lastHere?.bot_id ??
    (await store.db.selectFrom("bots").select("platform_id").where("shop_id", "=", shop.id).where("channel", "=", buyer.channel).orderBy("id").limit(1).executeTakeFirst())?.platform_id;
  return botId ? { channel: buyer.channel, botId, chatId: buyer.private_chat_id } : undefined;
}
