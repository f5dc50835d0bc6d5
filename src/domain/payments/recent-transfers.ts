import type { BankTransaction } from "../../db/schema";
import type { Store } from "../../db/store";

/**
 * A shop's latest 200 bank transactions for the payments API, newest first, each with the code of
 * the order it settled (null when it settled none), optionally only those of one outcome.
 */
export async function recentTransfers(store: Store, shopId: number, outcome?: BankTransaction["outcome"]): Promise<(BankTransaction & { order_code: string | null })[]> {
  let q = store.db
    .selectFrom("bank_transactions as t")
    .leftJoin("orders as o", "o.id", "t.order_id")
    .selectAll("t")
    .select("o.code as order_code")
    .where("t.shop_id", "=", shopId)
    .orderBy("t.id", "desc")
    .limit(200);
  if (outcome) q = q.where("t.outcome", "=", outcome);
  return q.execute();
}
