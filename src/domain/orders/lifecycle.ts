import { sql } from "kysely";
import type { ReplyButton } from "../../chat/types";
import type { Order, PaymentMethod, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { releaseOrderStock } from "../stock/reservations";
import { itemsOfOrders } from "./queries";
import { newOrderNotice, newOrderNoticeKey, staffNoticeQueries } from "./staff-notices";

/** Options of a payment choice made in a conversation. */
export interface PaymentChoice {
  /** Minutes a transfer order waits for its money (default: the shop's payment timeout). */
  timeoutMinutes?: number;
  /** Queue the staff's "new order" notice, with these buttons, in the same batch as the status change. */
  staffButtons?: (order: Order) => ReplyButton[];
}

/** The payment status an order has once its method is chosen, from the money already counted. */
function statusWithMethod(o: Pick<Order, "paid_amount" | "total">, method: PaymentMethod): Order["payment_status"] {
  // A transfer can arrive before the buyer picks how to pay (they scanned an old QR): keep counting it.
  if (o.paid_amount > o.total) return "overpaid";
  if (o.paid_amount === o.total && o.total > 0) return "paid";
  if (o.paid_amount > 0) return "partial";
  return method === "cod" ? "cod" : "unpaid";
}

const CHOICE_ATTEMPTS = 3;

/**
 * Turns a draft into a real order once the buyer picks how to pay: transfer → waiting for
 * payment (with the shop's payment timeout, or `choice.timeoutMinutes`), cash on delivery →
 * confirmed. Only a draft moves; returns the order as it is afterwards, or undefined if it was no
 * longer a draft. The status change and the staff's notice (`choice.staffButtons`) are one batch,
 * keyed on the order, so a crash leaves both or neither, and a redelivery queues nothing twice.
 */
export async function choosePaymentMethod(store: Store, shop: Shop, orderId: number, method: PaymentMethod, now: Date, choice: PaymentChoice = {}): Promise<Order | undefined> {
  const at = now.toISOString();
  for (let attempt = 1; attempt <= CHOICE_ATTEMPTS; attempt++) {
    const draft = await store.db.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirst();
    if (draft?.status !== "draft") return undefined;
    const minutes = choice.timeoutMinutes ?? shop.payment_timeout_minutes;
    const after: Order = {
      ...draft,
      status: method === "cod" ? "confirmed" : "pending_payment",
      payment_method: method,
      payment_status: statusWithMethod(draft, method),
      expires_at: method === "cod" ? null : new Date(now.getTime() + minutes * 60_000).toISOString(),
      updated_at: at,
    };
    const notices = choice.staffButtons
      ? await staffNoticeQueries(
          store,
          shop,
          newOrderNotice(shop, after, (await itemsOfOrders(store, [orderId])).get(orderId) ?? [], choice.staffButtons(after)),
          newOrderNoticeKey(orderId),
          now,
          // Exactly the row the UPDATE below writes: the notice goes out only with that change.
          sql`EXISTS (SELECT 1 FROM orders WHERE id = ${orderId} AND status = ${after.status} AND payment_method = ${method} AND updated_at = ${at})`,
        )
      : [];
    const [changed] = await store.batch([
      // Guarded by the money read above: a transfer landing in between makes us read again.
      sql`UPDATE orders SET status = ${after.status}, payment_method = ${method}, payment_status = ${after.payment_status},
            expires_at = ${after.expires_at}, updated_at = ${at}
          WHERE id = ${orderId} AND status = 'draft' AND paid_amount = ${draft.paid_amount} AND total = ${draft.total}`.compile(store.db),
      ...notices,
    ]);
    if (changed?.changes) return store.db.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirst();
  }
  return undefined;
}

/**
 * Cancels an order that is still in one of `from` and gives its stock back. The status change
 * is one conditional statement; the release is idempotent, and the expiry job repeats it for
 * any cancelled order still holding stock, so a crash in between loses nothing.
 */
export async function cancelOrder(
  store: Store,
  orderId: number,
  reason: string,
  now: Date,
  from: readonly Order["status"][] = ["draft", "pending_payment", "confirmed"],
): Promise<boolean> {
  const result = await store.db
    .updateTable("orders")
    .set({ status: "cancelled", cancel_reason: reason, updated_at: now.toISOString(), expires_at: null })
    .where("id", "=", orderId)
    .where("status", "in", from)
    .executeTakeFirst();
  const after = await store.db.selectFrom("orders").select("status").where("id", "=", orderId).executeTakeFirst();
  // Only a cancelled order gives stock back; re-running on one already cancelled finishes a release a crash cut short.
  if (after?.status === "cancelled") await releaseOrderStock(store, orderId, now);
  return result.numUpdatedRows > 0n;
}
