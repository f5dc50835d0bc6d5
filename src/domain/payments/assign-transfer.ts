import { sql } from "kysely";
import type { BankTransaction, Order, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { messagesFor } from "../../i18n/messages";
import { fail, ok, type Result } from "../../result";
import { findOrderByCode } from "../orders/queries";
import { notifyStaff } from "../orders/staff-notices";
import { claimPaidStock } from "../stock/first-paid";
import { notifyBuyerOfTransfer } from "./record-transfer";

/** An order code as the dashboard accepts it: CC and six characters of the code alphabet. */
export const ORDER_CODE = /^CC[A-Z2-9]{6}$/;

export type AssignError = "unknown_transfer" | "unknown_code" | "already_assigned" | "unreadable";

/**
 * Assigns an unmatched transfer to one of the shop's orders. The transfer row is claimed by a
 * conditional UPDATE (`outcome = 'unmatched'`) and the order's paid total moves only when that claim
 * changed a row, all in one atomic batch: posting the form twice at once still counts the money once.
 */
export async function assignTransfer(store: Store, shop: Shop, transferId: number, code: string, by: string, now: Date): Promise<Result<{ transaction: BankTransaction; order: Order }, AssignError>> {
  const tx = await store.db.selectFrom("bank_transactions").selectAll().where("id", "=", transferId).where("shop_id", "=", shop.id).executeTakeFirst();
  if (!tx) return fail("unknown_transfer");
  // Its amount is unknown (kept as 0): assigning it would settle nothing and hide the notice.
  if (tx.outcome === "unreadable") return fail("unreadable");
  if (tx.outcome !== "unmatched") return fail("already_assigned");
  const order = ORDER_CODE.test(code) ? await findOrderByCode(store, shop.id, code) : undefined;
  // A draft is a cart the buyer has not confirmed: paying it here would skip checkout (and its stock hold).
  if (!order || order.status === "draft") return fail("unknown_code");

  const at = now.toISOString();
  const amount = tx.amount;
  const [claimed] = await store.batch([
    sql`UPDATE bank_transactions SET order_id = ${order.id}, outcome = 'pending', recorded_by = ${by}
        WHERE id = ${tx.id} AND shop_id = ${shop.id} AND outcome = 'unmatched'`.compile(store.db),
    // Same settlement rule as recordTransfer, and only when the claim above changed a row (changes() = 1).
    sql`UPDATE orders SET
          paid_amount = paid_amount + ${amount},
          payment_status = CASE WHEN paid_amount + ${amount} = total THEN 'paid'
                                WHEN paid_amount + ${amount} < total THEN 'partial'
                                ELSE 'overpaid' END,
          status = CASE WHEN status = 'pending_payment' AND paid_amount + ${amount} >= total THEN 'confirmed' ELSE status END,
          payment_method = COALESCE(payment_method, 'vietqr'),
          expires_at = CASE WHEN paid_amount + ${amount} >= total THEN NULL ELSE expires_at END,
          paid_at = CASE WHEN paid_amount + ${amount} >= total AND paid_at IS NULL THEN ${at} ELSE paid_at END,
          updated_at = ${at}
        WHERE id = ${order.id} AND shop_id = ${shop.id} AND status != 'cancelled' AND changes() = 1`.compile(store.db),
    sql`UPDATE bank_transactions SET
          outcome = CASE WHEN (SELECT status FROM orders WHERE id = ${order.id}) = 'cancelled' THEN 'late'
                         ELSE (SELECT payment_status FROM orders WHERE id = ${order.id}) END,
          paid_total_after = (SELECT paid_amount FROM orders WHERE id = ${order.id})
        WHERE id = ${tx.id} AND outcome = 'pending'`.compile(store.db),
  ]);
  if ((claimed?.changes ?? 0) === 0) return fail("already_assigned");
  const transaction = await store.db.selectFrom("bank_transactions").selectAll().where("id", "=", tx.id).executeTakeFirstOrThrow();
  // A first-paid-first-served order takes its stock the moment it is paid (see claimPaidStock).
  await claimPaidStock(store, order.id, now);
  const after = await store.db.selectFrom("orders").selectAll().where("id", "=", order.id).executeTakeFirstOrThrow();
  await notifyOfAssignment(store, shop, transaction, after, now);
  return ok({ transaction, order: after });
}

// The buyer hears what their money did, as when the bank notice carries the code (same dedupe key as
// recordTransfer's, so the buyer never gets it twice); the staff hear that the transfer was settled.
async function notifyOfAssignment(store: Store, shop: Shop, tx: BankTransaction, order: Order, now: Date): Promise<void> {
  await notifyBuyerOfTransfer(store, tx, order, now);
  const paid = tx.paid_total_after ?? order.paid_amount;
  const staffText = messagesFor(shop.lang).staffTransfer({ outcome: tx.outcome, amount: tx.amount, code: order.code, memo: tx.content.slice(0, 80), paid, total: order.total });
  await notifyStaff(store, shop, { text: staffText }, `transfer:${tx.id}:assigned`, now);
}
