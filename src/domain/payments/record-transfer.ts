import { sql } from "kysely";
import type { BankTransaction, Order, Shop, TransferOutcome } from "../../db/schema";
import type { Store } from "../../db/store";
import { messagesFor } from "../../i18n/messages";
import { enqueue } from "../outbox/enqueue";
import { findOrderByCode } from "../orders/queries";
import { notifyStaff } from "../orders/staff-notices";
import { orderCodesInMemo } from "./memo";
import { claimPaidStock } from "../stock/first-paid";

/** A transfer into a shop's account, as a bank notifier (or a staff member) reports it. */
export interface IncomingTransfer {
  provider: "sepay" | "casso" | "payos" | "manual";
  /** The provider's own id for the transaction: a redelivery carries the same one. */
  providerTxId: string;
  /** Integer đồng, > 0. */
  amount: number;
  /** The transfer memo as the bank passed it on. */
  content: string;
  accountNumber?: string | null;
  reference?: string | null;
  transactionAt?: string | null;
  raw: unknown;
  recordedBy?: string | null;
  /** Set when a person assigns the transfer to an order; otherwise the code is read from the memo. */
  orderCode?: string;
}

export interface TransferResult {
  outcome: TransferOutcome;
  /** True when this transaction had been recorded before: nothing changed this time. */
  duplicate: boolean;
  transaction: BankTransaction;
  order: Order | undefined;
}

const digits = (s: string) => s.replace(/\D/g, "");

async function findOrder(store: Store, shop: Shop, t: IncomingTransfer): Promise<Order | undefined> {
  for (const code of t.orderCode ? [t.orderCode] : orderCodesInMemo(t.content)) {
    const order = await findOrderByCode(store, shop.id, code);
    if (order) return order;
  }
  return undefined;
}

async function insertUnlinked(store: Store, shop: Shop, t: IncomingTransfer, outcome: TransferOutcome, now: Date): Promise<boolean> {
  const inserted = await store.db
    .insertInto("bank_transactions")
    .values(row(shop, t, null, outcome, now))
    .onConflict((oc) => oc.columns(["shop_id", "provider", "provider_tx_id"]).doNothing())
    .executeTakeFirst();
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

function row(shop: Shop, t: IncomingTransfer, orderId: number | null, outcome: TransferOutcome, now: Date) {
  return {
    shop_id: shop.id,
    provider: t.provider,
    provider_tx_id: t.providerTxId,
    amount: t.amount,
    content: t.content.slice(0, 500),
    account_number: t.accountNumber ?? null,
    reference: t.reference ?? null,
    transaction_at: t.transactionAt ?? null,
    order_id: orderId,
    outcome,
    recorded_by: t.recordedBy ?? null,
    raw: JSON.stringify(t.raw ?? {}).slice(0, 20_000),
    created_at: now.toISOString(),
  };
}

/**
 * Records a transfer once and settles it against its order, never silently: exact → paid (the
 * order goes on), less → partial, more or a second payment → overpaid, after cancellation → late,
 * no known code → unmatched, another account → other_account. The transaction row, the order's
 * paid total and the outcome change in one atomic batch, so a redelivery (or twenty at once)
 * counts the money once.
 */
export async function recordTransfer(store: Store, shop: Shop, t: IncomingTransfer, now: Date): Promise<TransferResult> {
  const read = async () =>
    store.db
      .selectFrom("bank_transactions")
      .selectAll()
      .where("shop_id", "=", shop.id)
      .where("provider", "=", t.provider)
      .where("provider_tx_id", "=", t.providerTxId)
      .executeTakeFirstOrThrow();

  const shopAccount = digits(shop.bank_account ?? "");
  if (t.accountNumber && shopAccount && digits(t.accountNumber) !== shopAccount && t.provider !== "manual") {
    const fresh = await insertUnlinked(store, shop, t, "other_account", now);
    const transaction = await read();
    await notifyStaffOfTransfer(store, shop, transaction, undefined, now);
    return { outcome: transaction.outcome, duplicate: !fresh, transaction, order: undefined };
  }

  const order = await findOrder(store, shop, t);
  if (!order) {
    const fresh = await insertUnlinked(store, shop, t, "unmatched", now);
    const transaction = await read();
    await notifyStaffOfTransfer(store, shop, transaction, undefined, now);
    return { outcome: transaction.outcome, duplicate: !fresh, transaction, order: undefined };
  }

  const at = now.toISOString();
  const amount = t.amount;
  const [inserted] = await store.batch([
    store.db
      .insertInto("bank_transactions")
      .values(row(shop, t, order.id, "pending", now))
      .onConflict((oc) => oc.columns(["shop_id", "provider", "provider_tx_id"]).doNothing())
      .compile(),
    // Only when the row above was new (changes() = 1) does the money count, and only once.
    sql`UPDATE orders SET
          paid_amount = paid_amount + ${amount},
          payment_status = CASE WHEN paid_amount + ${amount} = total THEN 'paid'
                                WHEN paid_amount + ${amount} < total THEN 'partial'
                                ELSE 'overpaid' END,
          status = CASE WHEN status IN ('draft', 'pending_payment') AND paid_amount + ${amount} >= total THEN 'confirmed' ELSE status END,
          payment_method = COALESCE(payment_method, 'vietqr'),
          expires_at = CASE WHEN paid_amount + ${amount} >= total THEN NULL ELSE expires_at END,
          paid_at = CASE WHEN paid_amount + ${amount} >= total AND paid_at IS NULL THEN ${at} ELSE paid_at END,
          updated_at = ${at}
        WHERE id = ${order.id} AND status != 'cancelled' AND changes() = 1`.compile(store.db),
    sql`UPDATE bank_transactions SET
          outcome = CASE WHEN (SELECT status FROM orders WHERE id = ${order.id}) = 'cancelled' THEN 'late'
                         ELSE (SELECT payment_status FROM orders WHERE id = ${order.id}) END,
          paid_total_after = (SELECT paid_amount FROM orders WHERE id = ${order.id})
        WHERE shop_id = ${shop.id} AND provider = ${t.provider} AND provider_tx_id = ${t.providerTxId} AND outcome = 'pending'`.compile(store.db),
  ]);
  const transaction = await read();
  // First paid, first served: a paid order that waited in line takes its stock now, or hears it
  // sold out (then the "received, preparing" message would be wrong, and is not sent).
  const claim = await claimPaidStock(store, order.id, now);
  const after = await store.db.selectFrom("orders").selectAll().where("id", "=", order.id).executeTakeFirstOrThrow();
  if (claim.kind !== "sold_out") await notifyBuyerOfTransfer(store, transaction, after, now);
  await notifyStaffOfTransfer(store, shop, transaction, after, now);
  return { outcome: transaction.outcome, duplicate: (inserted?.changes ?? 0) === 0, transaction, order: after };
}

/**
 * Tells the buyer what their transfer did. Idempotent by transaction, and run on every delivery
 * of it, so a crash between recording and queueing is mended by the notifier's next retry. Also
 * used when staff assign an unmatched transfer: the same key, so the buyer never hears it twice.
 */
export async function notifyBuyerOfTransfer(store: Store, tx: BankTransaction, order: Order, now: Date): Promise<void> {
  const t = messagesFor(order.lang);
  const paidAfter = tx.paid_total_after ?? order.paid_amount;
  const text =
    tx.outcome === "paid"
      ? t.paymentReceived({ code: order.code, amount: tx.amount })
      : tx.outcome === "partial"
        ? t.paymentPartial({ code: order.code, amount: tx.amount, remaining: order.total - paidAfter })
        : tx.outcome === "overpaid"
          ? t.paymentOverpaid({ code: order.code, amount: tx.amount, excess: paidAfter - order.total })
          : tx.outcome === "late"
            ? t.paymentLate({ code: order.code, amount: tx.amount })
            : undefined;
  if (!text) return;
  await enqueue(store, { channel: order.channel, botId: order.bot_id, chatId: order.chat_id, reply: { text }, dedupeKey: `transfer:${tx.id}:buyer` }, now);
}

/** Tells the shop's staff what a transfer did; flagged ones say what to do. Idempotent by transaction. */
async function notifyStaffOfTransfer(store: Store, shop: Shop, tx: BankTransaction, order: Order | undefined, now: Date): Promise<void> {
  const t = messagesFor(shop.lang);
  const text = t.staffTransfer({ outcome: tx.outcome, amount: tx.amount, code: order?.code ?? "", memo: tx.content.slice(0, 80), paid: tx.paid_total_after ?? 0, total: order?.total ?? 0 });
  await notifyStaff(store, shop, { text }, `transfer:${tx.id}`, now);
}
