import type { Order } from "../../db/schema";
import type { Store } from "../../db/store";

/**
 * A comment order and its claim: the private link (`o_<token>`) or the order code lets the
 * commenter finish it in private. These are the reads and conditional writes of that claim.
 */

/** The shop's order behind a private claim link's token. */
export async function findOrderByClaimToken(store: Store, shopId: number, token: string): Promise<Order | undefined> {
  return store.db.selectFrom("orders").selectAll().where("claim_token", "=", token).where("shop_id", "=", shopId).executeTakeFirst();
}

/** The shop's comment order with this code on this channel, while its claim is not spent. */
export async function findClaimableOrderByCode(store: Store, shopId: number, channel: string, code: string): Promise<Order | undefined> {
  return store.db
    .selectFrom("orders")
    .selectAll()
    .where("shop_id", "=", shopId)
    .where("code", "=", code.toUpperCase())
    .where("channel", "=", channel)
    .where("claim_token", "is not", null)
    .executeTakeFirst();
}

/**
 * Gives a claimable order to the buyer who claims it and spends its token, with one conditional
 * UPDATE on the token they saw: of two racing claims one wins. True for the winner.
 */
export async function moveClaimedOrder(store: Store, orderId: number, buyerId: number, token: string | null): Promise<boolean> {
  const moved = await store.db.updateTable("orders").set({ buyer_id: buyerId, claim_token: null }).where("id", "=", orderId).where("claim_token", "=", token).executeTakeFirst();
  return moved.numUpdatedRows === 1n;
}

/** From now on, messages about the order go to this chat (the buyer's private one). */
export async function setOrderChat(store: Store, orderId: number, chatId: string): Promise<void> {
  await store.db.updateTable("orders").set({ chat_id: chatId }).where("id", "=", orderId).execute();
}

/**
 * Gives a new comment order its claim token unless it has one (a redelivered comment finds the
 * first), and reads back what the group and the buyer are told: the token that stands, code, total.
 */
export async function ensureClaimToken(store: Store, orderId: number, token: string): Promise<{ claim_token: string | null; code: string; total: number }> {
  await store.db.updateTable("orders").set({ claim_token: token }).where("id", "=", orderId).where("claim_token", "is", null).execute();
  return store.db.selectFrom("orders").select(["claim_token", "code", "total"]).where("id", "=", orderId).executeTakeFirstOrThrow();
}
