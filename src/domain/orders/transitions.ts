import { sql } from "kysely";
import type { Order, OrderStatus, Shop, Staff } from "../../db/schema";
import type { Store } from "../../db/store";
import { messagesFor } from "../../i18n/messages";
import { enqueueIfChangedQuery } from "../outbox/enqueue";
import { buyerStatusNoticeKey, delayedNoticeIfChangedQuery } from "./cancel-undo";
import { fail, ok, type Result } from "../../result";
import { releaseOrderStock } from "../stock/reservations";

/** What staff can do to an order after checkout. */
export type OrderAction =
  | { kind: "accept" }
  | { kind: "ship"; shipper: { staffId: number | null; name: string; phone: string } }
  | { kind: "deliver" }
  /** `undoWindowMs`: staff may undo it for that long, and the buyer is told only once it is over. */
  | { kind: "cancel"; reason: string; undoWindowMs?: number };

/** The one table of legal moves (CONTRACT.md statuses): anything else is refused with a clear reply. */
export const TRANSITIONS: Record<OrderAction["kind"], { from: readonly OrderStatus[]; to: OrderStatus }> = {
  accept: { from: ["confirmed"], to: "preparing" },
  // A pickup order or one the shop takes itself may go straight from preparing to delivered.
  ship: { from: ["confirmed", "preparing"], to: "out_for_delivery" },
  deliver: { from: ["preparing", "out_for_delivery"], to: "delivered" },
  cancel: { from: ["draft", "pending_payment", "confirmed", "preparing", "out_for_delivery"], to: "cancelled" },
};

/** Who is acting: shippers may only ship and deliver their own orders. */
export type Actor = Pick<Staff, "id" | "name" | "role">;

export type TransitionRefusal =
  | { reason: "not_allowed"; status: OrderStatus; handledBy: string | null }
  | { reason: "forbidden" }
  | { reason: "unknown_order" };

const CANCEL_REASON_CODES = new Set(["out_of_stock", "outside_area", "too_busy", "buyer_cancelled", "payment_timeout", "expired"]);

/** A cancel reason in the buyer's words: the short codes are translated, typed reasons kept as typed. */
export function cancelReasonText(lang: string, reason: string | null): string {
  const t = messagesFor(lang);
  if (reason && CANCEL_REASON_CODES.has(reason)) return t.cancelReasons[reason as keyof typeof t.cancelReasons];
  return reason ?? "";
}

function buyerNotice(order: Order, action: OrderAction): string {
  const t = messagesFor(order.lang);
  switch (action.kind) {
    case "accept":
      return t.buyerPreparing({ code: order.code });
    case "ship":
      return t.buyerOutForDelivery({ code: order.code, shipper: action.shipper.name, phone: action.shipper.phone });
    case "deliver":
      return t.buyerDelivered({ code: order.code });
    case "cancel":
      return t.buyerCancelled({ code: order.code, reason: cancelReasonText(order.lang, action.reason), refund: order.paid_amount > 0 });
  }
}

/**
 * Applies a staff action to an order in one conditional statement (the status must still be one
 * the action may leave), together with the buyer's notice. Two staff tapping at once: one wins,
 * the other learns who handled it. A cancel gives the held stock back.
 */
export async function applyOrderAction(store: Store, shop: Shop, code: string, action: OrderAction, actor: Actor, now: Date): Promise<Result<Order, TransitionRefusal>> {
  const order = await store.db.selectFrom("orders").selectAll().where("shop_id", "=", shop.id).where("code", "=", code.toUpperCase()).executeTakeFirst();
  if (!order) return fail({ reason: "unknown_order" as const });
  if (actor.role === "shipper") {
    const own = order.shipper_staff_id === actor.id;
    if (!own || (action.kind !== "deliver" && action.kind !== "ship")) return fail({ reason: "forbidden" as const });
  }
  const rule = TRANSITIONS[action.kind];
  const at = now.toISOString();
  const undoUntil = action.kind === "cancel" && action.undoWindowMs ? new Date(now.getTime() + action.undoWindowMs) : undefined;
  const set = sql.join(
    [
      sql`status = ${rule.to}`,
      sql`handled_by = ${actor.name}`,
      sql`updated_at = ${at}`,
      ...(action.kind === "accept" ? [sql`accepted_at = ${at}`] : []),
      ...(action.kind === "ship" ? [sql`shipper_staff_id = ${action.shipper.staffId}`, sql`shipper_name = ${action.shipper.name}`, sql`shipper_phone = ${action.shipper.phone}`] : []),
      ...(action.kind === "deliver" ? [sql`delivered_at = ${at}`] : []),
      ...(action.kind === "cancel" && !undoUntil ? [sql`cancel_reason = ${action.reason}`, sql`expires_at = NULL`, sql`cancelled_from = NULL`, sql`cancel_undo_until = NULL`] : []),
      // An undoable cancel keeps the payment deadline (an undo puts it back in force) and where it came from.
      ...(action.kind === "cancel" && undoUntil ? [sql`cancel_reason = ${action.reason}`, sql`cancelled_from = ${order.status}`, sql`cancel_undo_until = ${undoUntil.toISOString()}`] : []),
    ],
    sql`, `,
  );
  const notice = { channel: order.channel, botId: order.bot_id, chatId: order.chat_id, reply: { text: buyerNotice(order, action) }, dedupeKey: buyerStatusNoticeKey(order.id, rule.to) };
  const [changed] = await store.batch([
    sql`UPDATE orders SET ${set} WHERE id = ${order.id} AND status IN (${sql.join([...rule.from])})`.compile(store.db),
    undoUntil ? delayedNoticeIfChangedQuery(store, notice, now, undoUntil) : enqueueIfChangedQuery(store, notice, now),
  ]);
  const after = await store.db.selectFrom("orders").selectAll().where("id", "=", order.id).executeTakeFirstOrThrow();
  if (!changed?.changes) return fail({ reason: "not_allowed" as const, status: after.status, handledBy: after.handled_by });
  if (after.status === "cancelled") await releaseOrderStock(store, order.id, now);
  return ok(after);
}
