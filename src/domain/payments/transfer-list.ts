import { sql } from "kysely";
import type { Store } from "../../db/store";
import type { TransferOutcome } from "../../db/schema";

// Waiting for a person: unmatched transfers, and notices we could not read (shown among them, labelled).
const WAITING: readonly TransferOutcome[] = ["unmatched", "unreadable"];

/** One transfer as the payments page lists it, with the code of the order it settled (if any). */
export interface TransferRow {
  id: number;
  provider: string;
  amount: number;
  content: string;
  created_at: string;
  outcome: TransferOutcome;
  paid_total_after: number | null;
  recorded_by: string | null;
  reference: string | null;
  account_number: string | null;
  transaction_at: string | null;
  order_code: string | null;
  /** The notice's raw fields, only for an unreadable one (shown as written); null otherwise. */
  unreadable_raw: string | null;
}

function transfers(store: Store, shopId: number, waiting: boolean, limit: number) {
  return store.db
    .selectFrom("bank_transactions as b")
    .leftJoin("orders as o", "o.id", "b.order_id")
    .select(["b.id", "b.provider", "b.amount", "b.content", "b.created_at", "b.outcome", "b.paid_total_after", "b.recorded_by", "b.reference", "b.account_number", "b.transaction_at", "o.code as order_code"])
    // Only an unreadable row's raw column is needed (its fields as written), and it is small.
    .select(sql<string | null>`CASE WHEN b.outcome = 'unreadable' THEN b.raw END`.as("unreadable_raw"))
    .where("b.shop_id", "=", shopId)
    .where("b.outcome", waiting ? "in" : "not in", WAITING)
    .orderBy("b.id", "desc")
    .limit(limit)
    .execute();
}

/**
 * The shop's transfers for the payments page, newest first: every one waiting for a person (up to
 * 500: they wait however old they are), then the settled ones (history: the recent 300 suffice).
 */
export async function shopTransfers(store: Store, shopId: number): Promise<TransferRow[]> {
  return [...(await transfers(store, shopId, true, 500)), ...(await transfers(store, shopId, false, 300))];
}
