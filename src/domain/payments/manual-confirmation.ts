import type { Store } from "../../db/store";

/**
 * The amount of a manual payment confirmation already recorded under the caller's reference, if
 * there is one: a confirmation sent again replays the first one's amount, whatever is due now, so
 * a retried request never counts the money twice nor fails because the order is now paid.
 */
export async function confirmedManualAmount(store: Store, shopId: number, reference: string): Promise<number | undefined> {
  const seen = await store.db
    .selectFrom("bank_transactions")
    .select("amount")
    .where("shop_id", "=", shopId)
    .where("provider", "=", "manual")
    .where("provider_tx_id", "=", reference)
    .executeTakeFirst();
  return seen?.amount;
}
