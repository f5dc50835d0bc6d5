import type { Selectable } from "kysely";
import type { BusinessConnectionsTable } from "../../db/schema";
import type { Store } from "../../db/store";

export type BusinessConnection = Selectable<BusinessConnectionsTable>;

/** Records a Telegram Business connection as Telegram last described it (connected, changed, or turned off). */
export async function saveBusinessConnection(store: Store, c: Omit<BusinessConnection, "updated_at">, now: Date): Promise<void> {
  const row = { ...c, updated_at: now.toISOString() };
  await store.db
    .insertInto("business_connections")
    .values(row)
    .onConflict((oc) => oc.column("id").doUpdateSet({ enabled: row.enabled, can_reply: row.can_reply, owner_chat_id: row.owner_chat_id, updated_at: row.updated_at }))
    .execute();
}

/** A connection of this bot by its id (a connection id names one bot's connection only). */
export async function findBusinessConnection(store: Store, botId: string, id: string): Promise<BusinessConnection | undefined> {
  return store.db.selectFrom("business_connections").selectAll().where("id", "=", id).where("bot_id", "=", botId).executeTakeFirst();
}

/** A connection by its id alone: for the sender, which knows only the outbox row's "bot" (the connection). */
export async function businessConnectionById(store: Store, id: string): Promise<BusinessConnection | undefined> {
  return store.db.selectFrom("business_connections").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The seller wrote in this chat themselves: the bot keeps quiet there until `until`. */
export async function noteSellerTakeover(store: Store, connectionId: string, chatId: string, until: Date): Promise<void> {
  const value = until.toISOString();
  await store.db
    .insertInto("business_takeovers")
    .values({ connection_id: connectionId, chat_id: chatId, until: value })
    .onConflict((oc) => oc.columns(["connection_id", "chat_id"]).doUpdateSet({ until: value }))
    .execute();
}

/** True while the seller is answering this chat by hand. */
export async function sellerHasTakenOver(store: Store, connectionId: string, chatId: string, now: Date): Promise<boolean> {
  const row = await store.db.selectFrom("business_takeovers").select("until").where("connection_id", "=", connectionId).where("chat_id", "=", chatId).executeTakeFirst();
  return row !== undefined && row.until > now.toISOString();
}
