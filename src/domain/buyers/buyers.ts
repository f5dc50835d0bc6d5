import type { Buyer } from "../../db/schema";
import type { Store } from "../../db/store";
import type { Channel, Lang } from "../../chat/types";
import { preparedQuery } from "../../db/prepared";

/** The buyer row for this channel user, created on first contact; the display name is kept fresh. */
export async function upsertBuyer(store: Store, channel: Channel, userId: string, name: string, now: Date): Promise<Buyer> {
  const at = now.toISOString();
  const [buyer] = await buyerUpsert.rows(store.db, { channel, userId, name: name.slice(0, 100), at });
  if (!buyer) throw new Error("upsertBuyer: no row returned");
  return buyer;
}

// Built once: every comment order and private message runs them.
const buyerUpsert = preparedQuery((db, v: { channel: Channel; userId: string; name: string; at: string }) =>
  db
    .insertInto("buyers")
    .values({ channel: v.channel, user_id: v.userId, name: v.name, created_at: v.at, updated_at: v.at })
    .onConflict((oc) => oc.columns(["channel", "user_id"]).doUpdateSet({ name: (eb) => eb.ref("excluded.name"), updated_at: v.at }))
    .returningAll(),
);
const privateChatQuery = preparedQuery((db, v: { channel: Channel; userId: string }) => db.selectFrom("buyers").select("private_chat_id").where("channel", "=", v.channel).where("user_id", "=", v.userId));

/** Where this buyer can be written to privately (the chat their last private message came from), once it changes. */
export async function rememberPrivateChat(store: Store, buyer: Buyer, chatId: string): Promise<void> {
  if (buyer.private_chat_id === chatId) return;
  await store.db.updateTable("buyers").set({ private_chat_id: chatId }).where("id", "=", buyer.id).execute();
}

/** The private chat of a channel user known as a buyer, if they ever wrote to the bot privately. */
export async function privateChatOf(store: Store, channel: Channel, userId: string): Promise<string | undefined> {
  const [row] = await privateChatQuery.rows(store.db, { channel, userId });
  return row?.private_chat_id ?? undefined;
}

/** Remembers the buyer's chosen language. */
export async function setBuyerLang(store: Store, buyerId: number, lang: Lang): Promise<void> {
  await store.db.updateTable("buyers").set({ lang }).where("id", "=", buyerId).execute();
}

/** Remembers what a buyer typed for delivery, to offer it next time. */
export async function rememberDeliveryDetails(
  store: Store,
  buyerId: number,
  details: { phone?: string | null; address?: string | null; zoneId?: number | null },
): Promise<void> {
  const set: { last_phone?: string; last_address?: string; last_zone_id?: number } = {};
  if (details.phone) set.last_phone = details.phone;
  if (details.address) set.last_address = details.address;
  if (details.zoneId) set.last_zone_id = details.zoneId;
  if (Object.keys(set).length) await store.db.updateTable("buyers").set(set).where("id", "=", buyerId).execute();
}
